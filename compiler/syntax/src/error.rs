//! Diagnostic codes and constructors. The table in the crate doc lists the same codes.

use crate::ast::FileId;
use crate::Diagnostic;
use codespan_reporting::diagnostic::Label;
use std::fmt::Display;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Code {
    UnknownCharacter,
    UnterminatedString,
    InvalidEscape,
    UnterminatedComment,
    IntegerOutOfRange,
    InvalidNumber,
    UnexpectedToken,
    UnexpectedEof,
    PackageNotFirst,
    DuplicatePackage,
    MisplacedFileDoc,
    UnattachedDoc,
    NegatedName,
    KeywordAsTypeName,
    NestedTooDeeply,
    UnclosedBrace,
}

impl Code {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Code::UnknownCharacter => "E0001",
            Code::UnterminatedString => "E0002",
            Code::InvalidEscape => "E0003",
            Code::UnterminatedComment => "E0004",
            Code::IntegerOutOfRange => "E0005",
            Code::InvalidNumber => "E0006",
            Code::UnexpectedToken => "E0007",
            Code::UnexpectedEof => "E0008",
            Code::PackageNotFirst => "E0009",
            Code::DuplicatePackage => "E0010",
            Code::MisplacedFileDoc => "E0011",
            Code::UnattachedDoc => "E0012",
            Code::NegatedName => "E0013",
            Code::KeywordAsTypeName => "E0014",
            Code::NestedTooDeeply => "E0015",
            Code::UnclosedBrace => "E0016",
        }
    }
}

/// An error with one primary label.
pub(crate) fn error(
    code: Code,
    file: FileId,
    range: Range<usize>,
    message: impl Display,
    label: impl Display,
) -> Diagnostic {
    labelled(Diagnostic::error(), code, file, range, message, label)
}

/// A warning with one primary label.
pub(crate) fn warning(
    code: Code,
    file: FileId,
    range: Range<usize>,
    message: impl Display,
    label: impl Display,
) -> Diagnostic {
    labelled(Diagnostic::warning(), code, file, range, message, label)
}

fn labelled(
    diagnostic: Diagnostic,
    code: Code,
    file: FileId,
    range: Range<usize>,
    message: impl Display,
    label: impl Display,
) -> Diagnostic {
    diagnostic
        .with_code(code.as_str())
        .with_message(message)
        .with_labels(vec![Label::primary(file, range).with_message(label)])
}
