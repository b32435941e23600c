//! WebAssembly modules as schemas: the type section of a `.wat` or `.wasm` module as a wxl
//! syntax tree.
//!
//! ```
//! let parse = wxl_wasm_front::parse_wat(0, "(module (type $point (struct (field $x f64))))");
//! assert!(parse.diagnostics.is_empty());
//! assert_eq!(parse.tree.items.len(), 1);
//! ```
//!
//! Only the type section is read; functions, imports, globals and the rest are ignored, and a
//! module without types gives an empty tree. Nothing here validates the types (unknown type
//! indices, subtyping, ...): that is the checks' job, so the tree keeps whatever the module
//! says. Parsing never panics; malformed input gives diagnostics.
//!
//! # Mapping
//!
//! - `(rec ...)` becomes [`Item::Rec`](wxl_syntax::ast::Item::Rec), a `(type ...)` outside a
//!   `rec` becomes [`Item::Type`](wxl_syntax::ast::Item::Type). In the binary format a group of
//!   one type means the same whether or not it was written with `rec`, so every group of one
//!   becomes `Item::Type` there (groups of zero or several stay `Item::Rec`).
//! - Finality follows the GC text format: `(type $t (struct ...))` is final, `(sub ...)` and
//!   `(sub $super ...)` are not, `(sub final ...)` is. The supertype becomes a path naming it.
//! - Names: a type's `(@name "...")` annotation, else its `$id` (without `$`), else, for a
//!   `.wasm`, the name section's type names; other types are called `type{index}` (the index in
//!   the module's type index space). Fields likewise (`$id`, the name section's field names,
//!   else `field{i}`). A generated name that would clash with a written one gets `_` appended
//!   until it does not. References by index or by `$id` use these names; a `$id` that names no
//!   type is kept as written, and an index past the last type gets a name no type has, so the
//!   checks report an unknown type.
//! - Storage types: `i8` `i16` `i32` `i64` `f32` `f64` `v128` become
//!   [`TypeExpr::Named`](wxl_syntax::ast::TypeExpr::Named); references become
//!   [`TypeExpr::Ref`](wxl_syntax::ast::TypeExpr::Ref) with the heap type as a path: the type's
//!   name or one of `any` `eq` `i31` `struct` `array` `none` `func` `nofunc` `extern`
//!   `noextern` `exn` `noexn`. Shorthands (`anyref`, `funcref`, `nullref`, ...) are nullable.
//! - Function types become [`TypeDefKind::Func`](wxl_syntax::ast::TypeDefKind::Func) (the tree
//!   has no room for their parameters, results, finality or supertype).
//!
//! Spans: for `.wat`, byte ranges in the text (the whole `(type ...)` form, each field's
//! `(field ...)` form, or the single type in `(field t1 t2)`; the storage type; the heap type
//! inside `(ref ...)`; the `$id` or `@name` string). For `.wasm`, byte ranges in the binary:
//! each type's bytes in the type section, each field's storage type and mutability byte, and
//! the whole rec group for [`RecGroup`](wxl_syntax::ast::RecGroup).
//!
//! # Diagnostics
//!
//! | code | severity | meaning |
//! |---|---|---|
//! | `W0001` | error | the text is not a well-formed module (`wast`'s message); the tree is empty |
//! | `W0002` | error | the binary is malformed (`wasmparser`'s message); types decoded before the fault are kept |
//! | `W0003` | error | not a core module: a component, or `(module binary ...)` in text |
//! | `W0004` | error | a composite type other than struct, array or func (continuations): the type is skipped |
//! | `W0005` | error | a post-GC feature in a type (shared types, descriptors, exact references, `cont` heap types): the type is kept without it |
//! | `W0006` | error | more than one supertype: the first is kept |
//! | `W0007` | warning | the name section is malformed: the names after the fault are ignored |

mod binary;
mod raw;
mod sexpr;
mod text;

use codespan_reporting::diagnostic::Label;
pub use wxl_syntax::ast::FileId;
use wxl_syntax::{Diagnostic, Span};

/// The tree read from a module, and what went wrong reading it.
#[derive(Clone, Debug)]
pub struct Parse {
    pub tree: wxl_syntax::ast::SourceFile,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the type section of a module in the text format (`.wat`). Spans are byte offsets in
/// `text`.
pub fn parse_wat(file: FileId, text: &str) -> Parse {
    text::parse(file, text)
}

/// Reads the type section of a module in the binary format (`.wasm`). Spans are byte offsets
/// in `bytes`.
pub fn parse_wasm(file: FileId, bytes: &[u8]) -> Parse {
    binary::parse(file, bytes)
}

/// The diagnostic codes of this crate (see the crate documentation).
pub mod codes {
    pub const SYNTAX: &str = "W0001";
    pub const MALFORMED_BINARY: &str = "W0002";
    pub const NOT_A_MODULE: &str = "W0003";
    pub const UNSUPPORTED_TYPE: &str = "W0004";
    pub const UNSUPPORTED_FEATURE: &str = "W0005";
    pub const MULTIPLE_SUPERTYPES: &str = "W0006";
    pub const MALFORMED_NAMES: &str = "W0007";
}

fn labelled(
    diagnostic: Diagnostic,
    code: &str,
    message: impl std::fmt::Display,
    span: Span,
    label: impl std::fmt::Display,
) -> Diagnostic {
    diagnostic
        .with_code(code)
        .with_message(message)
        .with_labels(vec![
            Label::primary(span.file, span.range()).with_message(label)
        ])
}

pub(crate) fn error(
    code: &str,
    message: impl std::fmt::Display,
    span: Span,
    label: impl std::fmt::Display,
) -> Diagnostic {
    labelled(Diagnostic::error(), code, message, span, label)
}

pub(crate) fn warning(
    code: &str,
    message: impl std::fmt::Display,
    span: Span,
    label: impl std::fmt::Display,
) -> Diagnostic {
    labelled(Diagnostic::warning(), code, message, span, label)
}

#[cfg(test)]
mod tests;
