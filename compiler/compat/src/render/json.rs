//! JSON output: an array of findings with rule, category, severity, broken directions, message
//! and the old and new locations (`null` when a side has none).

use serde_json::{json, Value};

use super::{Side, Sources};
use crate::finding::Finding;

pub fn json_value(findings: &[Finding], sources: &Sources<'_>) -> Value {
    let place = |side: Side, span: Option<wxl_syntax::Span>, label: &str| {
        span.and_then(|s| sources.location(side, s)).map_or(Value::Null, |l| {
            json!({
                "file": l.file,
                "line": l.line,
                "column": l.column,
                "end_line": l.end_line,
                "end_column": l.end_column,
                "label": label,
            })
        })
    };
    let list = findings
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule.id(),
                "category": f.rule.category().name(),
                "severity": f.severity.name(),
                "breaks": f.breaks.names(),
                "message": f.message,
                "old": place(Side::Old, f.old_span, &f.old_label),
                "new": place(Side::New, f.new_span, &f.new_label),
            })
        })
        .collect();
    Value::Array(list)
}

/// Pretty-printed, with a final newline.
pub fn json(findings: &[Finding], sources: &Sources<'_>) -> String {
    let mut text = serde_json::to_string_pretty(&json_value(findings, sources)).unwrap_or_else(|_| "[]".into());
    text.push('\n');
    text
}
