//! The `.wxl` front end: source text to a syntax tree plus diagnostics.
//!
//! [`parse`] never fails and never panics. It lexes the whole text first (logos), closes any
//! `{` left open (before the next definition, or at the end), then parses with a lalrpop
//! grammar whose `!` alternatives recover at `,`, `;`, `}` and at the start of the next item.
//! One run reports every error it can and still returns the best tree: a bad field loses that
//! field only, a statement missing its `;` is kept, and a `;` between fields is reported but
//! costs nothing.
//!
//! # Diagnostics
//!
//! Every diagnostic has a code and one primary label on the offending text.
//!
//! | code  | severity | meaning |
//! |-------|----------|---------|
//! | E0001 | error    | unknown character(s); skipped |
//! | E0002 | error    | unterminated string (strings end at the end of their line) |
//! | E0003 | error    | invalid escape in a string (valid: `\"` `\\` `\n` `\t` `\u{1-6 hex}`) |
//! | E0004 | error    | unterminated block comment |
//! | E0005 | error    | integer literal outside i128; the tree holds 0 |
//! | E0006 | error    | malformed number (`0x` without digits, bad exponent, float beyond f64); the tree holds 0 |
//! | E0007 | error    | unexpected token: "expected `:` after field name `x`, found `i32`" |
//! | E0008 | error    | unexpected end of file |
//! | E0009 | error    | `package` after an import or item |
//! | E0010 | error    | a second `package` (the first one is kept) |
//! | E0011 | error    | `//!` after the first token of the file |
//! | E0012 | warning  | `///` doc comment that documents nothing |
//! | E0013 | error    | `-` before a name other than `inf` (the tree keeps `Name("-x")`) |
//! | E0014 | error    | a keyword as a type name (`struct value {}`); the definition is kept |
//! | E0015 | error    | array types nested more than 32 deep; deeper brackets are dropped |
//! | E0016 | error    | unclosed `{`: a `}` is assumed before the next definition or at the end |
//!
//! # Language decisions made here
//!
//! - Field, enum variant and attribute names may be keywords (`value: i32`); type names and
//!   the segments of type paths may not.
//! - `-` is its own token, so `- 1` reads as `-1`. Only numbers and `inf` take it (`-inf` is
//!   `LiteralKind::Name("-inf")`); there is no `+`.
//! - `///` documents the type, field or enum variant that follows (past attributes and plain
//!   comments); `////` is a plain comment. Docs anywhere else (before `rec`, `package`, a
//!   closing `}`, between an attribute and its type) draw warning E0012. `//!` lines count
//!   only before the first token.
//! - Identifiers are ASCII: `[A-Za-z_][A-Za-z0-9_]*`.

pub mod ast;
mod braces;
mod context;
mod docs;
mod error;
mod lexer;
mod literal;
mod parser;
mod syntax_error;
mod token;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic)]
    grammar
);

pub use ast::{FileId, Span};

/// Diagnostics are codespan's, keyed by file id.
pub type Diagnostic = codespan_reporting::diagnostic::Diagnostic<FileId>;

/// The result of parsing one file: always a tree, possibly partial, and every problem found.
#[derive(Clone, Debug)]
pub struct Parse {
    pub tree: ast::SourceFile,
    /// Sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses `.wxl` text. Never fails and never panics: on errors it returns the best tree it can
/// and reports them all.
pub fn parse(file: FileId, text: &str) -> Parse {
    parser::parse(file, text)
}
