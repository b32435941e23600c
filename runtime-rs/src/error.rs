//! Verification errors: the rule kinds of docs/LAYOUT.md section 6, with their numeric codes.

use core::fmt;

/// A broken layout rule. The discriminant is the code every wxl runtime reports for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum ErrorKind {
    BufferTooShort = 1,
    BufferTooLong = 2,
    LengthNotMultipleOf4 = 3,
    BadMagic = 4,
    BadVersion = 5,
    BadFlags = 6,
    WrongIdentifier = 7,
    BadPadding = 8,
    UnknownType = 9,
    NonCanonicalLength = 10,
    MisalignedBody = 11,
    ObjectOutOfBounds = 12,
    InvalidBool = 13,
    InvalidEnum = 14,
    NullRef = 15,
    RefNotBackward = 16,
    RefNotObjectStart = 17,
    RefTypeMismatch = 18,
    RequiredFieldAbsent = 19,
    InvalidUtf8 = 20,
    RootInvalid = 21,
}

impl ErrorKind {
    /// Every kind, in code order.
    pub const ALL: [ErrorKind; 21] = [
        Self::BufferTooShort,
        Self::BufferTooLong,
        Self::LengthNotMultipleOf4,
        Self::BadMagic,
        Self::BadVersion,
        Self::BadFlags,
        Self::WrongIdentifier,
        Self::BadPadding,
        Self::UnknownType,
        Self::NonCanonicalLength,
        Self::MisalignedBody,
        Self::ObjectOutOfBounds,
        Self::InvalidBool,
        Self::InvalidEnum,
        Self::NullRef,
        Self::RefNotBackward,
        Self::RefNotObjectStart,
        Self::RefTypeMismatch,
        Self::RequiredFieldAbsent,
        Self::InvalidUtf8,
        Self::RootInvalid,
    ];

    /// The numeric code (LAYOUT.md section 6), the same in every runtime.
    #[inline]
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// The kind with this code.
    pub const fn from_code(code: u8) -> Option<ErrorKind> {
        match code {
            1..=21 => Some(Self::ALL[code as usize - 1]),
            _ => None,
        }
    }

    /// The rule's name, in UPPER_SNAKE_CASE as LAYOUT.md writes it.
    pub const fn name(self) -> &'static str {
        match self {
            Self::BufferTooShort => "BUFFER_TOO_SHORT",
            Self::BufferTooLong => "BUFFER_TOO_LONG",
            Self::LengthNotMultipleOf4 => "LENGTH_NOT_MULTIPLE_OF_4",
            Self::BadMagic => "BAD_MAGIC",
            Self::BadVersion => "BAD_VERSION",
            Self::BadFlags => "BAD_FLAGS",
            Self::WrongIdentifier => "WRONG_IDENTIFIER",
            Self::BadPadding => "BAD_PADDING",
            Self::UnknownType => "UNKNOWN_TYPE",
            Self::NonCanonicalLength => "NON_CANONICAL_LENGTH",
            Self::MisalignedBody => "MISALIGNED_BODY",
            Self::ObjectOutOfBounds => "OBJECT_OUT_OF_BOUNDS",
            Self::InvalidBool => "INVALID_BOOL",
            Self::InvalidEnum => "INVALID_ENUM",
            Self::NullRef => "NULL_REF",
            Self::RefNotBackward => "REF_NOT_BACKWARD",
            Self::RefNotObjectStart => "REF_NOT_OBJECT_START",
            Self::RefTypeMismatch => "REF_TYPE_MISMATCH",
            Self::RequiredFieldAbsent => "REQUIRED_FIELD_ABSENT",
            Self::InvalidUtf8 => "INVALID_UTF8",
            Self::RootInvalid => "ROOT_INVALID",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The first broken rule of a buffer and the offset LAYOUT.md section 6 assigns to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Error {
    pub kind: ErrorKind,
    pub offset: u32,
}

impl Error {
    #[inline]
    pub const fn new(kind: ErrorKind, offset: u32) -> Error {
        Error { kind, offset }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at offset {}", self.kind.name(), self.offset)
    }
}

impl core::error::Error for Error {}
