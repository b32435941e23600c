//! Directions, findings and the severity a finding gets for the checked direction.

use wxl_syntax::Span;

use crate::rules::{Rule, Severity};

/// Which exchanges must keep working.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Direction {
    /// New readers read old buffers.
    Backward,
    /// Old readers read new buffers.
    Forward,
    /// Both.
    #[default]
    Full,
}

impl Direction {
    pub fn name(self) -> &'static str {
        match self {
            Direction::Backward => "BACKWARD",
            Direction::Forward => "FORWARD",
            Direction::Full => "FULL",
        }
    }
}

/// The directions a change breaks. Computed per finding: the same rule can break one direction
/// or the other (`ref` to `ref null` versus `ref null` to `ref`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Breaks {
    /// New readers misread or reject some old buffer.
    pub backward: bool,
    /// Old readers misread or reject some new buffer.
    pub forward: bool,
}

impl Breaks {
    pub const NONE: Breaks = Breaks { backward: false, forward: false };
    pub const BACKWARD: Breaks = Breaks { backward: true, forward: false };
    pub const FORWARD: Breaks = Breaks { backward: false, forward: true };
    pub const FULL: Breaks = Breaks { backward: true, forward: true };

    pub fn any(self) -> bool {
        self.backward || self.forward
    }

    pub fn hits(self, direction: Direction) -> bool {
        match direction {
            Direction::Backward => self.backward,
            Direction::Forward => self.forward,
            Direction::Full => self.any(),
        }
    }

    /// `["BACKWARD", "FORWARD"]`, the form the outputs print.
    pub fn names(self) -> Vec<&'static str> {
        let mut names = Vec::new();
        if self.backward {
            names.push("BACKWARD");
        }
        if self.forward {
            names.push("FORWARD");
        }
        names
    }

    /// A sentence for human output.
    pub fn explain(self) -> &'static str {
        match (self.backward, self.forward) {
            (true, true) => "breaks BACKWARD (new readers, old buffers) and FORWARD (old readers, new buffers)",
            (true, false) => "breaks BACKWARD: new readers misread or reject old buffers",
            (false, true) => "breaks FORWARD: old readers misread or reject new buffers",
            (false, false) => "compatible in both directions",
        }
    }
}

/// One difference between the old and the new schema.
///
/// Spans point into each side's own file database (`Compilation::files` of the old and of the
/// new compilation); `render` draws both with one codespan database that wraps the two.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: Rule,
    /// For the checked direction: `Error` when `breaks` hits it.
    pub severity: Severity,
    pub breaks: Breaks,
    pub message: String,
    pub old_span: Option<Span>,
    pub new_span: Option<Span>,
    /// Label texts drawn under each span ("was `i32` at offset 4").
    pub old_label: String,
    pub new_label: String,
}

impl Finding {
    pub(crate) fn new(rule: Rule, breaks: Breaks, message: String) -> Finding {
        Finding {
            rule,
            severity: rule.quiet_severity(),
            breaks,
            message,
            old_span: None,
            new_span: None,
            old_label: String::new(),
            new_label: String::new(),
        }
    }

    pub(crate) fn old(&mut self, span: Span, label: impl Into<String>) -> &mut Finding {
        self.old_span = Some(span);
        self.old_label = label.into();
        self
    }

    pub(crate) fn new_side(&mut self, span: Span, label: impl Into<String>) -> &mut Finding {
        self.new_span = Some(span);
        self.new_label = label.into();
        self
    }

    /// The severity for `direction`, or `None` when the finding only breaks a direction that is
    /// not checked (buf's convention: such changes are not reported at all).
    pub(crate) fn for_direction(mut self, direction: Direction) -> Option<Finding> {
        if self.breaks.hits(direction) {
            self.severity = Severity::Error;
            Some(self)
        } else if self.breaks.any() {
            None
        } else {
            Some(self)
        }
    }
}
