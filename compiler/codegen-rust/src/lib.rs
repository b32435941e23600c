//! The wxl Rust back end: one Rust module per schema, over `wxl-runtime`.
//!
//! For every type of the schema the module has a zero-copy view (`Log<'a>`, with one getter per
//! field), an argument struct for its builder (`LogArgs`), casts to subtypes, and, with
//! [`Options::object_api`], an owned form (`LogT`) with `unpack` and `pack`. Entry points
//! (`root`, `finish`, ...) and the verifier tables (`SCHEMA`) complete it. The layout comes from
//! the IR: this crate prints offsets and tables, it never computes them.
//!
//! Code is built as token streams (quote) and formatted with prettyplease. Module map:
//! `model` (names and facts derived once from the schema), `types` (the Rust type of a field in
//! each API), `values` (literals), then one module per generated part.

mod arrays;
mod builders;
mod casts;
mod emit;
mod entry;
mod enums;
mod fields;
mod model;
mod mutate;
mod names;
mod object;
mod tables;
mod types;
mod values;
mod views;

use proc_macro2::TokenStream;
use quote::quote;
use wxl_ir::{GeneratedFiles, Schema};

use model::Model;

/// How the generated file is meant to be included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Embedding {
    /// A module file (`src/logs.rs` next to `mod logs;`): module docs as `//!` at the top.
    #[default]
    ModuleFile,
    /// One `pub mod {module_name} { ... }` item, for `include!` (which accepts no inner
    /// attributes at the top of the included file, but does inside a module's braces).
    Include,
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct Options {
    /// The module (and file stem) name: `logs` gives `logs.rs`.
    pub module_name: String,
    /// Generate the owned object API (`LogT`, `unpack`, `pack`).
    pub object_api: bool,
    pub embedding: Embedding,
    /// Shown in the header comment: the schema file the code comes from.
    pub source_name: Option<String>,
}

impl Options {
    /// Options for a module called `module_name`, without the object API.
    pub fn new(module_name: impl Into<String>) -> Options {
        Options { module_name: module_name.into(), object_api: false, embedding: Embedding::default(), source_name: None }
    }
}

/// Generates `{module_name}.rs` for `schema`.
pub fn generate(schema: &Schema, options: &Options) -> GeneratedFiles {
    let model = Model::new(schema, options);
    let code = emit::render(&model, module_items(&model));
    let mut files = GeneratedFiles::new();
    files.insert(format!("{}.rs", options.module_name), code.into_bytes());
    files
}

/// Every item of the module, in reading order: entry points first, then enums, value structs,
/// types in declaration order, and the tables last.
fn module_items(model: &Model) -> TokenStream {
    let entry = entry::items(model);
    let enums = enums::items(model);
    let values = views::value_items(model);
    let types = views::type_items(model);
    let object = object::items(model);
    let helpers = views::helper_items(model);
    let tables = tables::items(model);
    quote! { #entry #enums #values #types #object #helpers #tables }
}
