//! The rule ids, their categories and their quiet severity. docs/COMPAT.md has the table with a
//! one-line example of each; a test checks that the two lists agree.

use serde::Serialize;

/// How bad a finding is, once the checked directions are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A change the reader should know about; nothing breaks.
    Info,
    /// Nothing misreads a buffer, but behaviour differs or evolution is constrained.
    Warning,
    /// Breaks a checked direction: some reader misreads or rejects some buffer.
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Rule families, in the style of buf breaking's categories.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Category {
    /// The buffer header: root type and identifier.
    Header,
    /// Struct and array types as a whole: presence, kind, id, finality, hierarchy.
    Type,
    /// Struct fields: the field list and each field's layout.
    Field,
    /// Reference fields and elements: nullability and target.
    Reference,
    ValueStruct,
    Array,
    Enum,
}

impl Category {
    pub fn name(self) -> &'static str {
        match self {
            Category::Header => "HEADER",
            Category::Type => "TYPE",
            Category::Field => "FIELD",
            Category::Reference => "REFERENCE",
            Category::ValueStruct => "VALUE_STRUCT",
            Category::Array => "ARRAY",
            Category::Enum => "ENUM",
        }
    }
}

/// Declares the rules once: the enum, `Rule::ALL`, the id, the category and the severity a
/// finding gets when it breaks none of the checked directions.
macro_rules! rules {
    ($($(#[doc = $doc:literal])* $variant:ident = $id:literal => $category:ident, $quiet:ident;)*) => {
        /// A compatibility rule. Its id (`FIELD_SIZE_CHANGED`) is what the outputs print.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Rule {
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            pub fn id(self) -> &'static str {
                match self {
                    $(Rule::$variant => $id,)*
                }
            }

            pub fn category(self) -> Category {
                match self {
                    $(Rule::$variant => Category::$category,)*
                }
            }

            /// The severity when the change breaks none of the checked directions.
            pub fn quiet_severity(self) -> Severity {
                match self {
                    $(Rule::$variant => Severity::$quiet,)*
                }
            }
        }
    };
}

rules! {
    /// The root type changed, appeared or disappeared (directions by GC subtyping).
    RootTypeChanged = "ROOT_TYPE_CHANGED" => Header, Info;
    /// The four-byte identifier changed, appeared or disappeared.
    IdentifierChanged = "IDENTIFIER_CHANGED" => Header, Info;

    /// A struct or array type is gone: old buffers hold objects new readers do not know.
    TypeRemoved = "TYPE_REMOVED" => Type, Info;
    /// A new type: compatible, old readers reject only buffers that use it.
    TypeAdded = "TYPE_ADDED" => Type, Info;
    /// A type matched by its type id (or its shape) under another name.
    TypeRenamed = "TYPE_RENAMED" => Type, Info;
    /// The same name now names another kind of definition (struct, array, value struct, enum).
    TypeKindChanged = "TYPE_KIND_CHANGED" => Type, Info;
    /// The id written in tag words changed (explicit `@id` or renumbering).
    TypeIdChanged = "TYPE_ID_CHANGED" => Type, Info;
    /// `final` added: the layout is unchanged, but the type can no longer evolve by appending.
    FinalAdded = "FINAL_ADDED" => Type, Warning;
    /// `final` removed: the layout is unchanged; the GC type identity differs.
    FinalRemoved = "FINAL_REMOVED" => Type, Warning;
    /// The supertype changed, appeared or disappeared (directions by the ancestor sets).
    SupertypeChanged = "SUPERTYPE_CHANGED" => Type, Info;
    /// The body alignment changed: verifiers check it (`MISALIGNED_BODY`).
    BodyAlignmentChanged = "BODY_ALIGNMENT_CHANGED" => Type, Info;

    /// A field is gone (at the end: old readers read defaults; in the middle: fields move).
    FieldRemoved = "FIELD_REMOVED" => Field, Info;
    /// Fields changed position (moved, or a field was inserted before existing ones).
    FieldsReordered = "FIELDS_REORDERED" => Field, Info;
    /// A field appended to a `final` struct, whose layout is declared complete.
    FieldAppendedToFinal = "FIELD_APPENDED_TO_FINAL" => Field, Info;
    /// A field appended to a struct that has subtypes: their own fields sit there.
    FieldAppendedToSupertype = "FIELD_APPENDED_TO_SUPERTYPE" => Field, Info;
    /// An appended non-null reference: old buffers lack it (`REQUIRED_FIELD_ABSENT`).
    RequiredFieldAppended = "REQUIRED_FIELD_APPENDED" => Field, Info;
    /// A compatible appended field.
    FieldAdded = "FIELD_ADDED" => Field, Info;
    /// A field renamed at the same position: names are not part of the layout.
    FieldRenamed = "FIELD_RENAMED" => Field, Info;
    FieldOffsetChanged = "FIELD_OFFSET_CHANGED" => Field, Info;
    FieldSizeChanged = "FIELD_SIZE_CHANGED" => Field, Info;
    /// Same size, other storage: `i32` to `f32`, `u8` to `bool`, scalar to enum.
    FieldStorageChanged = "FIELD_STORAGE_CHANGED" => Field, Info;
    /// `i32` to `u32` and the like: same bytes, other values.
    FieldSignednessChanged = "FIELD_SIGNEDNESS_CHANGED" => Field, Info;
    /// `mut` added or removed (field or element): same bytes, other GC type.
    MutabilityChanged = "MUTABILITY_CHANGED" => Field, Warning;
    /// The value an absent field reads as changed.
    DefaultValueChanged = "DEFAULT_VALUE_CHANGED" => Field, Warning;

    /// `ref` to `ref null` or back.
    RefNullabilityChanged = "REF_NULLABILITY_CHANGED" => Reference, Info;
    /// The heap type of a reference changed (directions by GC subtyping).
    RefTargetChanged = "REF_TARGET_CHANGED" => Reference, Info;

    /// A value struct's size, alignment or field list changed: it is inlined everywhere.
    ValueStructChanged = "VALUE_STRUCT_CHANGED" => ValueStruct, Info;

    /// An array's element size, storage or signedness changed.
    ArrayElementChanged = "ARRAY_ELEMENT_CHANGED" => Array, Info;

    /// A variant's value is no longer declared.
    EnumValueRemoved = "ENUM_VALUE_REMOVED" => Enum, Warning;
    /// A variant kept its name but got another value.
    EnumValueChanged = "ENUM_VALUE_CHANGED" => Enum, Info;
    /// A variant added to a closed enum: old verifiers reject it (`INVALID_ENUM`).
    EnumVariantAddedToClosed = "ENUM_VARIANT_ADDED_TO_CLOSED" => Enum, Info;
    /// A variant added to an open enum: compatible.
    EnumVariantAdded = "ENUM_VARIANT_ADDED" => Enum, Info;
    /// A value kept under another variant name.
    EnumVariantRenamed = "ENUM_VARIANT_RENAMED" => Enum, Info;
    /// The enum's integer representation changed.
    EnumReprChanged = "ENUM_REPR_CHANGED" => Enum, Info;
    /// `open` added or removed.
    EnumOpennessChanged = "ENUM_OPENNESS_CHANGED" => Enum, Info;
}
