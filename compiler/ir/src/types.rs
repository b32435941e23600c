//! The checked schema, in the WebAssembly GC vocabulary (RecGroup, SubType, CompositeType,
//! StructType, ArrayType, FieldType, StorageType), plus wxl's conveniences (signed scalars,
//! enums, value structs, string and bytes).
//!
//! A `Schema` is only ever built by the checks crate, after every rule passed, so back ends may
//! rely on it: every index is valid, every layout number is computed, references only point to
//! types that exist.

use serde::Serialize;
use wxl_syntax::Span;

/// Index of a struct or array type in `Schema::types` (declaration order, imports first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct TypeIndex(pub u32);

/// Index of a value struct in `Schema::value_structs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ValueIndex(pub u32);

/// Index of an enum in `Schema::enums`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EnumIndex(pub u32);

#[derive(Clone, Debug, Serialize)]
pub struct Schema {
    /// The package of the file the schema was compiled from (the root file).
    pub package: Option<String>,
    /// The root file's `//!` docs.
    pub docs: Vec<String>,
    /// `identifier "LOGS"`: written at offset 8 of every buffer.
    pub identifier: Option<[u8; 4]>,
    /// `root Logs;`
    pub root: Option<TypeIndex>,
    pub rec_groups: Vec<RecGroup>,
    pub types: Vec<SubType>,
    pub value_structs: Vec<ValueStruct>,
    pub enums: Vec<EnumType>,
}

impl Schema {
    pub fn ty(&self, index: TypeIndex) -> &SubType {
        &self.types[index.0 as usize]
    }

    pub fn value_struct(&self, index: ValueIndex) -> &ValueStruct {
        &self.value_structs[index.0 as usize]
    }

    pub fn enum_type(&self, index: EnumIndex) -> &EnumType {
        &self.enums[index.0 as usize]
    }

    /// The types that own their type id (one per equivalence class), in id order.
    pub fn canonical_types(&self) -> impl Iterator<Item = (TypeIndex, &SubType)> {
        let mut list: Vec<(TypeIndex, &SubType)> = self
            .types
            .iter()
            .enumerate()
            .filter(|(i, t)| t.canonical.0 as usize == *i)
            .map(|(i, t)| (TypeIndex(i as u32), t))
            .collect();
        list.sort_by_key(|(_, t)| t.type_id);
        list.into_iter()
    }

    /// Whether a struct or array type has subtypes declared in this schema.
    pub fn has_subtypes(&self, index: TypeIndex) -> bool {
        let canonical = self.ty(index).canonical;
        self.types.iter().any(|t| t.supertype.map(|s| self.ty(s).canonical) == Some(canonical))
    }
}

/// A group of mutually recursive types: `rec { ... }`, or one type on its own.
#[derive(Clone, Debug, Serialize)]
pub struct RecGroup {
    /// The group's types, contiguous in `Schema::types`.
    pub types: Vec<TypeIndex>,
}

/// Where a definition came from: its package and file position.
#[derive(Clone, Debug, Serialize)]
pub struct Origin {
    pub package: Option<String>,
    #[serde(skip)]
    pub span: Span,
}

/// A struct or array type with its place in the subtype hierarchy.
#[derive(Clone, Debug, Serialize)]
pub struct SubType {
    pub name: String,
    pub docs: Vec<String>,
    pub origin: Origin,
    /// `final`: no type may declare this one as its supertype.
    pub is_final: bool,
    pub supertype: Option<TypeIndex>,
    pub composite: CompositeType,
    /// The first type of the schema that is equivalent to this one (iso-recursively); itself
    /// when this type is the first of its class.
    pub canonical: TypeIndex,
    /// The id written in the tag word of objects of this type (shared by equivalent types).
    pub type_id: u16,
    /// `@id(N)`: the id the schema asks for.
    pub explicit_id: Option<u16>,
    /// Whether the schema wrote this type (false for an array type made from `[T]`).
    pub declared: bool,
    pub deprecated: bool,
    /// Body layout: alignment and declared size (struct) or stride (array).
    pub layout: BodyLayout,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct BodyLayout {
    /// `max(4, largest field or element alignment)`.
    pub body_align: u32,
    /// Struct: end of the last field. Array: the element stride.
    pub size: u32,
}

#[derive(Clone, Debug, Serialize)]
pub enum CompositeType {
    Struct(StructType),
    Array(ArrayType),
}

impl CompositeType {
    pub fn kind_name(&self) -> &'static str {
        match self {
            CompositeType::Struct(_) => "struct",
            CompositeType::Array(_) => "array",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct StructType {
    pub fields: Vec<Field>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ArrayType {
    pub element: FieldType,
}

/// A named field of a struct or value struct.
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    pub name: String,
    pub docs: Vec<String>,
    #[serde(skip)]
    pub span: Span,
    pub ty: FieldType,
    /// The `= value` of the schema, checked against the type.
    pub default: Option<Value>,
    pub deprecated: bool,
    /// Offset in the body (struct) or in the value struct.
    pub offset: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct FieldType {
    pub mutable: bool,
    pub storage: StorageType,
}

/// What a field or array element holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum StorageType {
    Scalar(Scalar),
    Enum(EnumIndex),
    /// An inline value struct.
    Value(ValueIndex),
    Ref(RefType),
}

/// Scalars with their sign: GC's i8/i16/i32/i64 storage carries none, the schema states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Scalar {
    Bool,
    I8,
    U8,
    I16,
    U16,
    I32,
    U32,
    I64,
    U64,
    F32,
    F64,
    V128,
}

impl Scalar {
    pub fn size(self) -> u32 {
        match self {
            Scalar::Bool | Scalar::I8 | Scalar::U8 => 1,
            Scalar::I16 | Scalar::U16 => 2,
            Scalar::I32 | Scalar::U32 | Scalar::F32 => 4,
            Scalar::I64 | Scalar::U64 | Scalar::F64 => 8,
            Scalar::V128 => 16,
        }
    }

    /// The schema spelling.
    pub fn name(self) -> &'static str {
        match self {
            Scalar::Bool => "bool",
            Scalar::I8 => "i8",
            Scalar::U8 => "u8",
            Scalar::I16 => "i16",
            Scalar::U16 => "u16",
            Scalar::I32 => "i32",
            Scalar::U32 => "u32",
            Scalar::I64 => "i64",
            Scalar::U64 => "u64",
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
            Scalar::V128 => "v128",
        }
    }

    /// The WASM GC storage type it lowers to.
    pub fn gc_storage(self) -> &'static str {
        match self {
            Scalar::Bool | Scalar::I8 | Scalar::U8 => "i8",
            Scalar::I16 | Scalar::U16 => "i16",
            Scalar::I32 | Scalar::U32 => "i32",
            Scalar::I64 | Scalar::U64 => "i64",
            Scalar::F32 => "f32",
            Scalar::F64 => "f64",
            Scalar::V128 => "v128",
        }
    }

    pub fn is_integer(self) -> bool {
        !matches!(self, Scalar::Bool | Scalar::F32 | Scalar::F64 | Scalar::V128)
    }

    pub fn is_signed(self) -> bool {
        matches!(self, Scalar::I8 | Scalar::I16 | Scalar::I32 | Scalar::I64)
    }

    /// The inclusive range of an integer scalar.
    pub fn integer_range(self) -> Option<(i128, i128)> {
        if !self.is_integer() {
            return None;
        }
        let bits = self.size() * 8;
        Some(if self.is_signed() {
            (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
        } else {
            (0, (1i128 << bits) - 1)
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct RefType {
    pub nullable: bool,
    pub heap: HeapType,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum HeapType {
    Concrete(TypeIndex),
    /// wxl's `string`: UTF-8 bytes, type id 1; `(array i8)` in GC.
    String,
    /// wxl's `bytes`: type id 2; `(array i8)` in GC.
    Bytes,
    Abstract(AbstractHeap),
}

/// The abstract heap types that can live in a buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum AbstractHeap {
    Any,
    Eq,
    I31,
    Struct,
    Array,
    None,
}

impl AbstractHeap {
    pub fn name(self) -> &'static str {
        match self {
            AbstractHeap::Any => "any",
            AbstractHeap::Eq => "eq",
            AbstractHeap::I31 => "i31",
            AbstractHeap::Struct => "struct",
            AbstractHeap::Array => "array",
            AbstractHeap::None => "none",
        }
    }
}

/// `value struct`: inline, fixed size, no header, final.
#[derive(Clone, Debug, Serialize)]
pub struct ValueStruct {
    pub name: String,
    pub docs: Vec<String>,
    pub origin: Origin,
    pub fields: Vec<Field>,
    /// End of the last field rounded up to `align`.
    pub size: u32,
    /// Largest field alignment (at least 1).
    pub align: u32,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumType {
    pub name: String,
    pub docs: Vec<String>,
    pub origin: Origin,
    /// `open`: the verifier accepts values that are not declared.
    pub open: bool,
    /// An integer scalar.
    pub repr: Scalar,
    pub variants: Vec<Variant>,
}

impl EnumType {
    /// The value an absent field of this enum reads as: 0 if declared, else the first variant.
    pub fn zero_value(&self) -> i128 {
        if self.variants.iter().any(|v| v.value == 0) {
            0
        } else {
            self.variants.first().map_or(0, |v| v.value)
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Variant {
    pub name: String,
    pub docs: Vec<String>,
    pub value: i128,
    pub deprecated: bool,
}

/// A checked default value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub enum Value {
    Int(i128),
    Float(f64),
    Bool(bool),
    /// An enum variant, by index into `EnumType::variants`.
    Variant(u32),
}
