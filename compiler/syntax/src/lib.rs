//! The `.wxl` front end: source text to a syntax tree plus diagnostics. Parsing never fails.

pub mod ast;

pub use ast::{FileId, Span};

/// Diagnostics are codespan's, keyed by file id.
pub type Diagnostic = codespan_reporting::diagnostic::Diagnostic<FileId>;
