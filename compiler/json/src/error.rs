//! Errors of `encode`: where in the JSON text, which field path, and what is wrong.

use std::fmt;

use crate::json::Pos;

/// A problem with the JSON input. `Display` gives `line:column: $.path: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    pub pos: Pos,
    /// `$.logs[3].code`; empty for syntax errors (the tree is not built yet).
    pub path: String,
    pub message: String,
}

/// Characters shown on each side of the error's column.
const WINDOW: usize = 60;

impl JsonError {
    pub fn new(pos: Pos, path: impl Into<String>, message: impl Into<String>) -> JsonError {
        JsonError { pos, path: path.into(), message: message.into() }
    }

    /// The message followed by the offending line of `source` with a caret under the column,
    /// as compilers show errors.
    pub fn render(&self, source: &str) -> String {
        let mut out = format!("{self}\n");
        let Some(line) = source.lines().nth(self.pos.line.saturating_sub(1) as usize) else {
            return out;
        };
        // Tabs would misplace the caret; show them as one space each.
        let chars: Vec<char> = line.chars().map(|c| if c == '\t' { ' ' } else { c }).collect();
        let column = (self.pos.column.saturating_sub(1) as usize).min(chars.len());
        // Minified JSON is one long line: show a window around the column.
        let start = column.saturating_sub(WINDOW);
        let end = (column + WINDOW).min(chars.len());
        let mut shown: String = chars[start..end].iter().collect();
        let mut caret = column - start;
        if start > 0 {
            shown.insert(0, '…');
            caret += 1;
        }
        if end < chars.len() {
            shown.push('…');
        }
        let number = self.pos.line.to_string();
        let gutter = " ".repeat(number.len());
        out.push_str(&format!("{gutter} |\n{number} | {shown}\n{gutter} | {}^\n", " ".repeat(caret)));
        out
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.pos.line, self.pos.column)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonError {}
