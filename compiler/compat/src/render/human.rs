//! Human output: one codespan diagnostic per finding, labelled in the new file (primary) and
//! the old file (secondary), or in the old file alone for removals.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as Level};

use super::{Side, Sources};
use crate::finding::{Direction, Finding};
use crate::rules::Severity;

/// The codespan diagnostic of a finding; labels that cannot be drawn become notes.
pub fn diagnostic(finding: &Finding, sources: &Sources<'_>) -> Diagnostic<(Side, usize)> {
    let level = match finding.severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
        Severity::Info => Level::Note,
    };
    let mut diagnostic = Diagnostic::new(level).with_code(finding.rule.id()).with_message(&finding.message);
    let new_drawn = finding.new_span.is_some_and(|s| sources.contains(Side::New, s));
    let sides = [(Side::New, finding.new_span, &finding.new_label), (Side::Old, finding.old_span, &finding.old_label)];
    for (side, span, text) in sides {
        let Some(span) = span else { continue };
        if !sources.contains(side, span) {
            let which = if side == Side::Old { "old" } else { "new" };
            diagnostic.notes.push(format!("{which}: byte offset {} of file {}: {text}", span.start, span.file));
            continue;
        }
        let primary = side == Side::New || !new_drawn;
        let label = if primary { Label::primary((side, span.file), span.range()) } else { Label::secondary((side, span.file), span.range()) };
        diagnostic.labels.push(label.with_message(text.clone()));
    }
    if finding.breaks.any() {
        diagnostic.notes.push(finding.breaks.explain().to_string());
    }
    diagnostic
}

/// All findings rendered without colour, then the summary line.
pub fn human(findings: &[Finding], sources: &Sources<'_>, direction: Direction) -> String {
    let config = codespan_reporting::term::Config::default();
    let mut out = String::new();
    for finding in findings {
        let diagnostic = diagnostic(finding, sources);
        if let Err(error) = codespan_reporting::term::emit_to_string(&mut out, &config, sources, &diagnostic) {
            out.push_str(&format!("{}[{}]: {} (cannot show source: {error})\n", finding.severity.name(), finding.rule.id(), finding.message));
        }
    }
    out.push_str(&summary(findings, direction));
    out
}

/// `compat FULL: 2 breaking changes, 1 warning, 3 notes`.
pub fn summary(findings: &[Finding], direction: Direction) -> String {
    let count = |severity: Severity| findings.iter().filter(|f| f.severity == severity).count();
    let plural = |n: usize, word: &str| if n == 1 { format!("{n} {word}") } else { format!("{n} {word}s") };
    format!(
        "compat {}: {}, {}, {}\n",
        direction.name(),
        plural(count(Severity::Error), "breaking change"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Info), "note")
    )
}
