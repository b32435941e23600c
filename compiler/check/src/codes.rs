//! Diagnostic codes of the checks. Each is stable: tests and users refer to them.
//!
//! | code | meaning |
//! |---|---|
//! | E1001 | unknown name |
//! | E1002 | a name defined twice |
//! | E1003 | a field or variant name used twice |
//! | E1004 | a reference to a type defined later, outside the type's rec group |
//! | E1005 | the supertype is of another kind (struct vs array), or not a struct/array type |
//! | E1006 | the supertype is final |
//! | E1007 | the supertype is not defined before the subtype |
//! | E1008 | the subtype has fewer fields than its supertype |
//! | E1009 | a field's mutability differs from the supertype's |
//! | E1010 | a field's type does not match the supertype's (covariance/invariance) |
//! | E1011 | a func, extern or exn reference, which cannot live in a buffer |
//! | E1012 | a value struct that contains itself |
//! | E1013 | a value struct or enum used as a heap type, or a type used where it cannot be |
//! | E1014 | a bad enum (representation, value range, duplicates, no variants) |
//! | E1015 | a bad default value |
//! | E1016 | a bad identifier |
//! | E1017 | a bad root declaration |
//! | E1018 | a bad attribute |
//! | E1019 | an import that cannot be read, or a file that cannot be parsed as its kind |
//! | E1020 | too many types for 16-bit type ids |
//! | E1021 | a reserved name |
//! | E1022 | a struct or value struct whose size does not fit in 32 bits |
//! | N1001 | (note) a function type skipped |

pub const UNKNOWN_NAME: &str = "E1001";
pub const DUPLICATE_NAME: &str = "E1002";
pub const DUPLICATE_MEMBER: &str = "E1003";
pub const FORWARD_REFERENCE: &str = "E1004";
pub const SUPERTYPE_KIND: &str = "E1005";
pub const SUPERTYPE_FINAL: &str = "E1006";
pub const SUPERTYPE_ORDER: &str = "E1007";
pub const SUBTYPE_MISSING_FIELD: &str = "E1008";
pub const SUBTYPE_MUTABILITY: &str = "E1009";
pub const SUBTYPE_FIELD_TYPE: &str = "E1010";
pub const NOT_STORABLE: &str = "E1011";
pub const VALUE_STRUCT_CYCLE: &str = "E1012";
pub const NOT_A_HEAP_TYPE: &str = "E1013";
pub const BAD_ENUM: &str = "E1014";
pub const BAD_DEFAULT: &str = "E1015";
pub const BAD_IDENTIFIER: &str = "E1016";
pub const BAD_ROOT: &str = "E1017";
pub const BAD_ATTRIBUTE: &str = "E1018";
pub const BAD_IMPORT: &str = "E1019";
pub const TOO_MANY_TYPES: &str = "E1020";
pub const RESERVED_NAME: &str = "E1021";
pub const LAYOUT_TOO_LARGE: &str = "E1022";
pub const FUNC_TYPE_SKIPPED: &str = "N1001";
