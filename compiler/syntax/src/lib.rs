//! The `.wxl` front end: source text to a syntax tree plus diagnostics. Parsing never fails.

pub mod ast;
mod context;
mod docs;
mod error;
mod lexer;
mod literal;
mod parser;
mod syntax_error;
mod token;

lalrpop_util::lalrpop_mod!(
    #[allow(clippy::all, clippy::pedantic, unused)]
    grammar
);

pub use ast::{FileId, Span};

/// Diagnostics are codespan's, keyed by file id.
pub type Diagnostic = codespan_reporting::diagnostic::Diagnostic<FileId>;

/// The result of parsing one file: always a tree, possibly partial, and every problem found.
#[derive(Debug)]
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
