//! Schema tables: what the verifier needs to know about a schema, as plain static data.
//!
//! Generated code emits one [`Schema`] per schema file (the compiler computes every number
//! here; the runtime only interprets them). The C runtime has the same tables as C structs.

/// Type ids with a fixed meaning (docs/LAYOUT.md section 4.1).
pub const TYPE_ID_STRING: u16 = 1;
pub const TYPE_ID_BYTES: u16 = 2;
/// The first id a schema type can have.
pub const FIRST_SCHEMA_TYPE_ID: u16 = 16;

/// The heap type of a reference: what its target may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Heap {
    /// A schema type id: accepts that type and its subtypes.
    Type(u16),
    String,
    Bytes,
    /// Any struct object.
    Struct,
    /// Any array object, string or bytes.
    Array,
    /// Any object or i31 value (`eq` and `any` accept the same values in a buffer).
    Any,
    /// Only i31 values.
    I31,
    /// Only null.
    None,
}

/// One check at a fixed offset inside a struct body or inside each array element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Check {
    /// A `bool` byte: 0 or 1.
    Bool { offset: u32 },
    /// A closed enum of `width` bytes (1, 2, 4 or 8); `values` are the allowed raw values,
    /// zero-extended to u64, sorted ascending.
    Enum { offset: u32, width: u8, values: &'static [u64] },
    /// A reference.
    Ref { offset: u32, nullable: bool, heap: Heap },
}

impl Check {
    /// Where the checked value starts, relative to the body (or element) start.
    pub const fn offset(&self) -> u32 {
        match *self {
            Check::Bool { offset } | Check::Enum { offset, .. } | Check::Ref { offset, .. } => offset,
        }
    }

    /// How many bytes the checked value occupies.
    pub const fn size(&self) -> u32 {
        match *self {
            Check::Bool { .. } => 1,
            Check::Enum { width, .. } => width as u32,
            Check::Ref { .. } => 4,
        }
    }
}

/// The kind of a schema type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An id in the table's range that no type uses (explicit ids leave gaps).
    Unused,
    Struct,
    Array,
}

/// One schema type, as the verifier and the accessors see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeInfo {
    pub kind: Kind,
    /// `max(4, largest field or element alignment)`.
    pub body_align: u32,
    /// Arrays: the element size. Structs: the declared size (end of the last field).
    pub size: u32,
    /// Structs: the field checks, sorted by offset. Arrays: the checks of one element,
    /// relative to the element's start.
    pub checks: &'static [Check],
    /// The type's ancestors, root supertype first and the type itself last, as type ids.
    /// `ancestors.len() - 1` is the type's subtyping depth.
    pub ancestors: &'static [u16],
}

impl TypeInfo {
    pub const UNUSED: TypeInfo =
        TypeInfo { kind: Kind::Unused, body_align: 4, size: 0, checks: &[], ancestors: &[] };
}

/// The tables of one schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schema {
    /// The file identifier, or four zero bytes.
    pub identifier: [u8; 4],
    /// The root type's id, if the schema declares one.
    pub root: Option<u16>,
    /// Indexed by `type_id - FIRST_SCHEMA_TYPE_ID`.
    pub types: &'static [TypeInfo],
}

impl Schema {
    /// The entry for a schema type id, or `None` when the id is not one of this schema's types.
    #[inline]
    pub fn type_info(&self, id: u16) -> Option<&TypeInfo> {
        let index = id.checked_sub(FIRST_SCHEMA_TYPE_ID)?;
        match self.types.get(index as usize) {
            Some(info) if info.kind != Kind::Unused => Some(info),
            _ => None,
        }
    }

    /// Whether an object of type `actual` is accepted where `expected` is declared
    /// (both schema type ids): `actual` is `expected` or one of its subtypes.
    #[inline]
    pub fn is_subtype(&self, actual: u16, expected: u16) -> bool {
        if actual == expected {
            return true;
        }
        match (self.type_info(actual), self.type_info(expected)) {
            (Some(a), Some(e)) => {
                let Some(depth) = e.ancestors.len().checked_sub(1) else { return false };
                a.ancestors.get(depth) == Some(&expected)
            }
            _ => false,
        }
    }
}
