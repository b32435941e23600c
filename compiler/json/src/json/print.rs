//! JSON text out: pretty (two-space indent, members in the order given) or compact.

use std::fmt::Write;

use super::{Kind, Value};

/// Indented text ending with a newline; empty arrays and objects stay on one line.
pub fn to_pretty(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, Some(0));
    out.push('\n');
    out
}

/// One line, no spaces.
pub fn to_compact(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, None);
    out
}

/// `indent`: the current level when pretty, `None` when compact.
fn write_value(out: &mut String, value: &Value, indent: Option<usize>) {
    match &value.kind {
        Kind::Null => out.push_str("null"),
        Kind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Kind::Number(text) => out.push_str(text),
        Kind::String(text) => write_string(out, text),
        Kind::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separator(out, i, indent);
                write_value(out, item, indent.map(|n| n + 1));
            }
            close(out, items.is_empty(), indent, ']');
        }
        Kind::Object(members) => {
            out.push('{');
            for (i, member) in members.iter().enumerate() {
                separator(out, i, indent);
                write_string(out, &member.key);
                out.push_str(if indent.is_some() { ": " } else { ":" });
                write_value(out, &member.value, indent.map(|n| n + 1));
            }
            close(out, members.is_empty(), indent, '}');
        }
    }
}

fn separator(out: &mut String, index: usize, indent: Option<usize>) {
    if index > 0 {
        out.push(',');
    }
    if let Some(level) = indent {
        out.push('\n');
        push_indent(out, level + 1);
    }
}

fn close(out: &mut String, empty: bool, indent: Option<usize>, bracket: char) {
    if let (Some(level), false) = (indent, empty) {
        out.push('\n');
        push_indent(out, level);
    }
    out.push(bracket);
}

fn push_indent(out: &mut String, level: usize) {
    out.extend(std::iter::repeat_n("  ", level));
}

pub(crate) fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
