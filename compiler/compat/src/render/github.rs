//! GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=RULE::message`.
//! GitHub annotates files of the checked-out tree, so the location is the new file's; the old
//! file's is used only when it is a real file too (no git prefix), else it goes in the message.

use super::{Side, Sources};
use crate::finding::Finding;
use crate::rules::Severity;

pub fn github(findings: &[Finding], sources: &Sources<'_>) -> String {
    let mut out = String::new();
    for finding in findings {
        let level = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let new = finding.new_span.and_then(|s| sources.location(Side::New, s));
        let old = finding.old_span.and_then(|s| sources.location(Side::Old, s));
        let mut message = finding.message.clone();
        let place = match (new, old) {
            (Some(l), _) => Some(l),
            (None, Some(l)) if sources.old_prefix.is_empty() => Some(l),
            (None, Some(l)) => {
                message.push_str(&format!(" (old: {}:{}:{})", l.file, l.line, l.column));
                None
            }
            (None, None) => None,
        };
        let mut properties = Vec::new();
        if let Some(l) = place {
            properties.push(format!("file={}", property(&l.file)));
            properties.push(format!("line={}", l.line));
            properties.push(format!("col={}", l.column));
        }
        properties.push(format!("title={}", finding.rule.id()));
        out.push_str(&format!("::{level} {}::{}\n", properties.join(","), data(&message)));
    }
    out
}

/// Escaping of a command's message (as @actions/core does).
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escaping of a property value.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}
