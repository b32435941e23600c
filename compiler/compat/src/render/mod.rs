//! Outputs: human (codespan diagnostics with labels in both files), json and github workflow
//! annotations. Findings point into two file databases (the old and the new compilation's);
//! [`Sources`] wraps both behind one codespan `Files` whose ids say which side they are on.

mod github;
mod human;
mod json;

use codespan_reporting::files::{Error, Files, SimpleFiles};
use serde::Serialize;
use wxl_syntax::Span;

pub use github::github;
pub use human::{diagnostic, human, summary};
pub use json::{json, json_value};

/// Which compilation a file id belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Old,
    New,
}

/// Both file databases, for rendering.
#[derive(Clone)]
pub struct Sources<'a> {
    pub old: &'a SimpleFiles<String, String>,
    pub new: &'a SimpleFiles<String, String>,
    /// Put before old file names, e.g. `main:` when the old files come from git.
    pub old_prefix: String,
}

impl<'a> Sources<'a> {
    pub fn new(old: &'a SimpleFiles<String, String>, new: &'a SimpleFiles<String, String>) -> Sources<'a> {
        Sources { old, new, old_prefix: String::new() }
    }

    fn side(&self, side: Side) -> &'a SimpleFiles<String, String> {
        match side {
            Side::Old => self.old,
            Side::New => self.new,
        }
    }

    /// Whether a span lies in its file's text: spans of binary modules are byte offsets into
    /// the module, not into the text the database holds for it.
    pub fn contains(&self, side: Side, span: Span) -> bool {
        let text = self.side(side).get(span.file).map(|f| f.source().as_str()).unwrap_or("");
        !text.starts_with("(binary WebAssembly module") && text.get(span.range()).is_some()
    }

    /// File, line and column (1-based) of a span, when it can be shown.
    pub fn location(&self, side: Side, span: Span) -> Option<Location> {
        if !self.contains(side, span) {
            return None;
        }
        let id = (side, span.file);
        let start = Files::location(self, id, span.start as usize).ok()?;
        let end = Files::location(self, id, span.end as usize).ok()?;
        Some(Location {
            file: Files::name(self, id).ok()?,
            line: start.line_number,
            column: start.column_number,
            end_line: end.line_number,
            end_column: end.column_number,
        })
    }
}

impl<'a> Files<'a> for Sources<'_> {
    type FileId = (Side, usize);
    type Name = String;
    type Source = &'a str;

    fn name(&'a self, (side, id): (Side, usize)) -> Result<String, Error> {
        let name = self.side(side).get(id)?.name();
        Ok(match side {
            Side::Old => format!("{}{name}", self.old_prefix),
            Side::New => name.clone(),
        })
    }

    fn source(&'a self, (side, id): (Side, usize)) -> Result<&'a str, Error> {
        Ok(self.side(side).get(id)?.source().as_str())
    }

    fn line_index(&'a self, (side, id): (Side, usize), byte_index: usize) -> Result<usize, Error> {
        self.side(side).line_index(id, byte_index)
    }

    fn line_range(&'a self, (side, id): (Side, usize), line_index: usize) -> Result<std::ops::Range<usize>, Error> {
        self.side(side).line_range(id, line_index)
    }
}

/// A position for machine-readable outputs.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}
