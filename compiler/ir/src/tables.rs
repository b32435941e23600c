//! The verifier's tables (docs/LAYOUT.md §6): per type id, the checks of a body or element,
//! the body alignment and size, and the ancestor chain. Computed here once; the Rust, C and
//! WASM back ends print the same numbers.

use crate::types::{
    AbstractHeap, CompositeType, Field, HeapType, RefType, Schema, Scalar, StorageType, TypeIndex,
};

/// The first id a schema type can have (ids below are built-ins or reserved).
pub const FIRST_SCHEMA_TYPE_ID: u16 = 16;
pub const TYPE_ID_STRING: u16 = 1;
pub const TYPE_ID_BYTES: u16 = 2;

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SchemaTables {
    pub identifier: [u8; 4],
    pub root: Option<u16>,
    /// Indexed by `type_id - FIRST_SCHEMA_TYPE_ID`; `None` for ids no type uses.
    pub types: Vec<Option<TypeTable>>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TypeTable {
    pub type_id: u16,
    /// The canonical type with this id.
    pub ty: TypeIndex,
    pub is_array: bool,
    pub body_align: u32,
    /// Struct: declared size. Array: stride.
    pub size: u32,
    /// Sorted by offset: relative to the body (struct) or to each element (array).
    pub checks: Vec<Check>,
    /// Type ids from the root supertype down to this type.
    pub ancestors: Vec<u16>,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Check {
    Bool { offset: u32 },
    /// `values`: allowed raw values zero-extended to u64, sorted ascending.
    Enum { offset: u32, width: u8, values: Vec<u64> },
    Ref { offset: u32, nullable: bool, heap: HeapCheck },
}

/// What a reference may point to, in buffer terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum HeapCheck {
    Type(u16),
    String,
    Bytes,
    Struct,
    Array,
    /// `any` and `eq`: any object or i31.
    Any,
    I31,
    None,
}

pub fn heap_check(schema: &Schema, heap: HeapType) -> HeapCheck {
    match heap {
        HeapType::Concrete(index) => HeapCheck::Type(schema.ty(index).type_id),
        HeapType::String => HeapCheck::String,
        HeapType::Bytes => HeapCheck::Bytes,
        HeapType::Abstract(AbstractHeap::Any | AbstractHeap::Eq) => HeapCheck::Any,
        HeapType::Abstract(AbstractHeap::I31) => HeapCheck::I31,
        HeapType::Abstract(AbstractHeap::Struct) => HeapCheck::Struct,
        HeapType::Abstract(AbstractHeap::Array) => HeapCheck::Array,
        HeapType::Abstract(AbstractHeap::None) => HeapCheck::None,
    }
}

pub fn compute(schema: &Schema) -> SchemaTables {
    let mut types: Vec<Option<TypeTable>> = Vec::new();
    for (index, ty) in schema.canonical_types() {
        let slot = (ty.type_id - FIRST_SCHEMA_TYPE_ID) as usize;
        if types.len() <= slot {
            types.resize(slot + 1, None);
        }
        types[slot] = Some(type_table(schema, index));
    }
    SchemaTables {
        identifier: schema.identifier.unwrap_or([0; 4]),
        root: schema.root.map(|r| schema.ty(r).type_id),
        types,
    }
}

fn type_table(schema: &Schema, index: TypeIndex) -> TypeTable {
    let ty = schema.ty(index);
    let mut checks = Vec::new();
    let is_array = match &ty.composite {
        CompositeType::Struct(st) => {
            field_checks(schema, &st.fields, 0, &mut checks);
            false
        }
        CompositeType::Array(array) => {
            storage_checks(schema, array.element.storage, 0, &mut checks);
            true
        }
    };
    TypeTable {
        type_id: ty.type_id,
        ty: index,
        is_array,
        body_align: ty.layout.body_align,
        size: ty.layout.size,
        checks,
        ancestors: ancestors(schema, index),
    }
}

/// Type ids of the supertype chain, root first, ending with the type itself.
pub fn ancestors(schema: &Schema, index: TypeIndex) -> Vec<u16> {
    let mut chain = vec![schema.ty(index).type_id];
    let mut current = schema.ty(index).supertype;
    while let Some(super_index) = current {
        chain.push(schema.ty(super_index).type_id);
        current = schema.ty(super_index).supertype;
    }
    chain.reverse();
    chain
}

fn field_checks(schema: &Schema, fields: &[Field], base: u32, out: &mut Vec<Check>) {
    for field in fields {
        storage_checks(schema, field.ty.storage, base + field.offset, out);
    }
}

/// The checks for one stored value at `offset`, flattened through value structs.
pub fn storage_checks(schema: &Schema, storage: StorageType, offset: u32, out: &mut Vec<Check>) {
    match storage {
        StorageType::Scalar(Scalar::Bool) => out.push(Check::Bool { offset }),
        StorageType::Scalar(_) => {}
        StorageType::Enum(index) => {
            let enum_type = schema.enum_type(index);
            if enum_type.open {
                return;
            }
            let width = enum_type.repr.size() as u8;
            let mask = if width == 8 { u64::MAX } else { (1u64 << (width * 8)) - 1 };
            let mut values: Vec<u64> =
                enum_type.variants.iter().map(|v| (v.value as i64 as u64) & mask).collect();
            values.sort_unstable();
            values.dedup();
            out.push(Check::Enum { offset, width, values });
        }
        StorageType::Value(index) => {
            field_checks(schema, &schema.value_struct(index).fields, offset, out)
        }
        StorageType::Ref(RefType { nullable, heap }) => {
            out.push(Check::Ref { offset, nullable, heap: heap_check(schema, heap) })
        }
    }
}
