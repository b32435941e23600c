//! The values a buffer holds, as a tree typed by the schema, and its canonical flat form.
//!
//! Every side of the proof meets here: a vector's JSON description is read into a [`Val`], the
//! Rust reader produces a [`Val`], and both are flattened to a [`Flat`] map (path → canonical
//! text) that the C dumper prints directly. Two readings agree when their `Flat` maps are equal.

use std::collections::BTreeMap;

use wxl_ir::{
    AbstractHeap, CompositeType, HeapType, RefType, Scalar, Schema, StorageType, TypeIndex,
};

/// What a buffer holds, typed by the schema.
#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    /// A null reference.
    Null,
    Bool(bool),
    /// Integer scalars and enum values.
    Int(i128),
    /// Floats by their bits, so that NaN payloads and -0.0 compare exactly.
    F32(u32),
    F64(u64),
    V128([u8; 16]),
    /// An i31 value in an abstract reference (sign-extended).
    I31(i32),
    Str(String),
    Bytes(Vec<u8>),
    /// An inline value struct: its fields in order.
    Value(Vec<Val>),
    /// A struct object of a canonical type: its fields in order.
    Struct(TypeIndex, Vec<Val>),
    /// An array object of a canonical type.
    Array(TypeIndex, Vec<Val>),
}

/// Path → canonical text: `$.logs[0].code` → `200`. The format is in tests/vectors/README.md.
pub type Flat = BTreeMap<String, String>;

/// The path of the root object.
pub const ROOT: &str = "$";

pub fn field_path(path: &str, name: &str) -> String {
    format!("{path}.{name}")
}

pub fn index_path(path: &str, index: usize) -> String {
    format!("{path}[{index}]")
}

/// The key naming the dynamic type of the object at `path`.
pub fn marker_path(path: &str) -> String {
    format!("{path}@")
}

/// The key holding an array's length.
pub fn len_path(path: &str) -> String {
    format!("{path}.len")
}

/// The canonical type (the one that owns the id) of a type.
pub fn canonical(schema: &Schema, index: TypeIndex) -> TypeIndex {
    schema.ty(index).canonical
}

/// The canonical type with a type id.
pub fn type_by_id(schema: &Schema, id: u16) -> Option<TypeIndex> {
    schema
        .canonical_types()
        .find(|(_, t)| t.type_id == id)
        .map(|(i, _)| i)
}

/// The name a marker uses for an object: `string`, `bytes`, `i31`, or its canonical type's name.
pub fn object_type_name(schema: &Schema, val: &Val) -> String {
    match val {
        Val::Str(_) => "string".into(),
        Val::Bytes(_) => "bytes".into(),
        Val::I31(_) => "i31".into(),
        Val::Struct(t, _) | Val::Array(t, _) => schema.ty(*t).name.clone(),
        other => panic!("not an object: {other:?}"),
    }
}

/// Whether a reference's target may be of more than one type, so that readings record the
/// dynamic type (`path@`): abstract heap types, and schema types with subtypes.
pub fn needs_marker(schema: &Schema, reference: RefType) -> bool {
    match reference.heap {
        HeapType::Concrete(index) => {
            let id = schema.ty(index).type_id;
            schema
                .canonical_types()
                .any(|(i, t)| t.type_id != id && wxl_ir::tables::ancestors(schema, i).contains(&id))
        }
        HeapType::String | HeapType::Bytes => false,
        HeapType::Abstract(_) => true,
    }
}

/// The reference the buffer header holds: to the root type, or to anything.
pub fn root_ref(schema: &Schema) -> RefType {
    let heap = match schema.root {
        Some(root) => HeapType::Concrete(root),
        None => HeapType::Abstract(AbstractHeap::Any),
    };
    RefType {
        nullable: false,
        heap,
    }
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(text: &str) -> Result<Vec<u8>, String> {
    if !text.len().is_multiple_of(2) {
        return Err(format!("odd-length hex `{text}`"));
    }
    (0..text.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(&text[i..i + 2], 16).map_err(|e| format!("bad hex `{text}`: {e}"))
        })
        .collect()
}

/// The canonical flat form of the root object.
pub fn flatten(schema: &Schema, root: &Val) -> Flat {
    let mut out = Flat::new();
    flat_ref(schema, root_ref(schema), ROOT, root, &mut out);
    out
}

fn flat_stored(schema: &Schema, storage: StorageType, path: &str, val: &Val, out: &mut Flat) {
    let text = match (storage, val) {
        (StorageType::Scalar(Scalar::Bool), Val::Bool(b)) => b.to_string(),
        (StorageType::Scalar(Scalar::F32), Val::F32(bits)) => format!("f32:{bits:08x}"),
        (StorageType::Scalar(Scalar::F64), Val::F64(bits)) => format!("f64:{bits:016x}"),
        (StorageType::Scalar(Scalar::V128), Val::V128(bytes)) => format!("v128:{}", hex(bytes)),
        (StorageType::Scalar(_) | StorageType::Enum(_), Val::Int(i)) => i.to_string(),
        (StorageType::Value(index), Val::Value(fields)) => {
            for (field, val) in schema.value_struct(index).fields.iter().zip(fields) {
                flat_stored(
                    schema,
                    field.ty.storage,
                    &field_path(path, &field.name),
                    val,
                    out,
                );
            }
            return;
        }
        (StorageType::Ref(reference), val) => return flat_ref(schema, reference, path, val, out),
        (storage, val) => panic!("{path}: {val:?} is not a {storage:?}"),
    };
    out.insert(path.to_string(), text);
}

fn flat_ref(schema: &Schema, reference: RefType, path: &str, val: &Val, out: &mut Flat) {
    if *val == Val::Null {
        out.insert(path.to_string(), "null".into());
        return;
    }
    if needs_marker(schema, reference) {
        out.insert(
            marker_path(path),
            format!("type:{}", object_type_name(schema, val)),
        );
    }
    match val {
        Val::Str(text) => {
            out.insert(path.to_string(), format!("str:{}", hex(text.as_bytes())));
        }
        Val::Bytes(bytes) => {
            out.insert(path.to_string(), format!("bytes:{}", hex(bytes)));
        }
        Val::I31(v) => {
            out.insert(path.to_string(), v.to_string());
        }
        Val::Struct(index, fields) => {
            let CompositeType::Struct(st) = &schema.ty(*index).composite else {
                panic!("{path}: not a struct type")
            };
            for (field, val) in st.fields.iter().zip(fields) {
                flat_stored(
                    schema,
                    field.ty.storage,
                    &field_path(path, &field.name),
                    val,
                    out,
                );
            }
        }
        Val::Array(index, items) => {
            let CompositeType::Array(array) = &schema.ty(*index).composite else {
                panic!("{path}: not an array type")
            };
            out.insert(len_path(path), items.len().to_string());
            for (i, item) in items.iter().enumerate() {
                flat_stored(
                    schema,
                    array.element.storage,
                    &index_path(path, i),
                    item,
                    out,
                );
            }
        }
        other => panic!("{path}: {other:?} is not an object"),
    }
}

/// The first difference between two readings, for assertion messages.
pub fn first_difference(expected: &Flat, actual: &Flat) -> Option<String> {
    for (key, value) in expected {
        match actual.get(key) {
            None => return Some(format!("{key}: expected {value}, missing")),
            Some(other) if other != value => {
                return Some(format!("{key}: expected {value}, got {other}"))
            }
            _ => {}
        }
    }
    actual
        .keys()
        .find(|k| !expected.contains_key(*k))
        .map(|key| format!("{key}: unexpected {}", actual[key]))
}
