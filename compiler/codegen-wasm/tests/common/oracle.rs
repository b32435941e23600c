//! An independent oracle for the readers: walks a buffer with the IR's tables and, for every
//! object, calls every getter of its type (and of its supertypes) and compares with the
//! value read from the bytes here, by LAYOUT.md §4.2 (presence by stored size, defaults).

use wxl_ir::layout::storage_size_align;
use wxl_ir::tables::{self, FIRST_SCHEMA_TYPE_ID};
use wxl_ir::{CompositeType, Field, Scalar, Schema, StorageType, Value};

use super::{Session, V};

/// A leaf: its getter path, offset, storage and default.
struct Leaf {
    path: String,
    offset: u32,
    storage: StorageType,
    default: Option<Value>,
    /// The end of the top-level field: present when the stored size reaches it.
    top_end: u32,
}

fn leaves(schema: &Schema, fields: &[Field], out: &mut Vec<Leaf>, prefix: &str, base: u32, top_end: Option<u32>) {
    for field in fields {
        let path = if prefix.is_empty() { field.name.clone() } else { format!("{prefix}.{}", field.name) };
        let (size, _) = storage_size_align(schema, field.ty.storage);
        let end = top_end.unwrap_or(base + field.offset + size);
        match field.ty.storage {
            StorageType::Value(v) => {
                leaves(schema, &schema.value_struct(v).fields, out, &path, base + field.offset, Some(end))
            }
            storage => out.push(Leaf { path, offset: base + field.offset, storage, default: field.default, top_end: end }),
        }
    }
}

fn scalar_of(schema: &Schema, storage: StorageType) -> Scalar {
    match storage {
        StorageType::Scalar(s) => s,
        StorageType::Enum(e) => schema.enum_type(e).repr,
        _ => Scalar::U32,
    }
}

/// The value of `scalar` stored at `at`, as the accessors return it.
fn read(bytes: &[u8], at: usize, scalar: Scalar) -> Vec<V> {
    let u = |n: usize| -> u64 {
        let mut raw = [0u8; 8];
        raw[..n].copy_from_slice(&bytes[at..at + n]);
        u64::from_le_bytes(raw)
    };
    match scalar {
        Scalar::Bool | Scalar::U8 => vec![V::I32(u(1) as i32)],
        Scalar::I8 => vec![V::I32(u(1) as u8 as i8 as i32)],
        Scalar::U16 => vec![V::I32(u(2) as i32)],
        Scalar::I16 => vec![V::I32(u(2) as u16 as i16 as i32)],
        Scalar::I32 | Scalar::U32 => vec![V::I32(u(4) as u32 as i32)],
        Scalar::I64 | Scalar::U64 => vec![V::I64(u(8) as i64)],
        Scalar::F32 => vec![V::F32(u(4) as u32)],
        Scalar::F64 => vec![V::F64(u(8))],
        Scalar::V128 => {
            let lo = u(8) as i64;
            let hi = {
                let mut raw = [0u8; 8];
                raw.copy_from_slice(&bytes[at + 8..at + 16]);
                i64::from_le_bytes(raw)
            };
            vec![V::I64(lo), V::I64(hi)]
        }
    }
}

/// The default of a leaf, as the accessors return it.
fn default(schema: &Schema, leaf: &Leaf) -> Vec<V> {
    let scalar = scalar_of(schema, leaf.storage);
    let int = match (leaf.default, leaf.storage) {
        (Some(Value::Float(f)), _) => {
            return match scalar {
                Scalar::F32 => vec![V::F32((f as f32).to_bits())],
                _ => vec![V::F64(f.to_bits())],
            }
        }
        (Some(Value::Int(v)), _) => v,
        (Some(Value::Bool(b)), _) => b as i128,
        (Some(Value::Variant(i)), StorageType::Enum(e)) => schema.enum_type(e).variants[i as usize].value,
        (None, StorageType::Enum(e)) => schema.enum_type(e).zero_value(),
        _ => 0,
    };
    match scalar {
        Scalar::F32 => vec![V::F32((int as f32).to_bits())],
        Scalar::F64 => vec![V::F64((int as f64).to_bits())],
        Scalar::V128 => vec![V::I64(int as u128 as u64 as i64), V::I64(((int as u128) >> 64) as u64 as i64)],
        Scalar::I64 | Scalar::U64 => vec![V::I64(int as i64)],
        _ => vec![V::I32(int as i32)],
    }
}

/// Calls every getter on every object of the buffer `bytes` (at address `buf` in the
/// session's memory, already written); returns how many getters were called.
pub fn every_getter(s: &mut Session, schema: &Schema, buf: usize, bytes: &[u8]) -> usize {
    let tables = tables::compute(schema);
    let b = V::I32(buf as i32);
    let mut calls = 0;
    let mut pos = 16usize;
    while pos < bytes.len() {
        let tag = u32::from_le_bytes(bytes[pos..pos + 4].try_into().unwrap());
        if tag == 0 {
            pos += 4;
            continue;
        }
        let id = (tag & 0xFFFF) as u16;
        let (count, body) = match tag >> 16 {
            0xFFFF => (u32::from_le_bytes(bytes[pos + 4..pos + 8].try_into().unwrap()) as usize, pos + 8),
            short => (short as usize, pos + 4),
        };
        let obj = V::I32(pos as i32);
        let unit = if id < FIRST_SCHEMA_TYPE_ID {
            let what = if id == 1 { "string" } else { "bytes" };
            s.expect(&format!("{what}.len"), &[b.clone(), obj.clone()], &[V::I32(count as i32)]);
            s.expect(&format!("{what}.ptr"), &[b.clone(), obj.clone()], &[V::I32((buf + body) as i32)]);
            calls += 2;
            1
        } else {
            let table = tables.types[(id - FIRST_SCHEMA_TYPE_ID) as usize].as_ref().expect("known type");
            // every named type whose getters apply: the type, its equivalents, its supertypes
            let applicable: Vec<usize> = schema
                .types
                .iter()
                .enumerate()
                .filter(|(_, t)| table.ancestors.contains(&t.type_id))
                .map(|(i, _)| i)
                .collect();
            for index in applicable {
                let ty = &schema.types[index];
                s.expect(&format!("{}.test", ty.name), &[b.clone(), obj.clone()], &[V::I32(1)]);
                calls += 1;
                match &ty.composite {
                    CompositeType::Struct(st) => {
                        let mut list = Vec::new();
                        leaves(schema, &st.fields, &mut list, "", 0, None);
                        for leaf in &list {
                            let present = leaf.top_end as usize <= count;
                            let expected = match leaf.storage {
                                StorageType::Ref(_) if present => read(bytes, body + leaf.offset as usize, Scalar::U32),
                                StorageType::Ref(_) => vec![V::I32(0)],
                                storage if present => read(bytes, body + leaf.offset as usize, scalar_of(schema, storage)),
                                _ => default(schema, leaf),
                            };
                            s.expect(&format!("{}.{}", ty.name, leaf.path), &[b.clone(), obj.clone()], &expected);
                            calls += 1;
                        }
                        for field in &st.fields {
                            if let StorageType::Value(v) = field.ty.storage {
                                let present = (field.offset + schema.value_struct(v).size) as usize <= count;
                                let at = if present { (body + field.offset as usize) as i32 } else { 0 };
                                s.expect(&format!("{}.{}", ty.name, field.name), &[b.clone(), obj.clone()], &[V::I32(at)]);
                                calls += 1;
                            }
                        }
                    }
                    CompositeType::Array(array) => {
                        let stride = ty.layout.size as usize;
                        s.expect(&format!("{}.len", ty.name), &[b.clone(), obj.clone()], &[V::I32(count as i32)]);
                        calls += 1;
                        for i in 0..count.min(64) {
                            let at = body + i * stride;
                            let index = V::I32(i as i32);
                            s.expect(&format!("{}.at", ty.name), &[b.clone(), obj.clone(), index.clone()], &[V::I32(at as i32)]);
                            calls += 1;
                            match array.element.storage {
                                StorageType::Value(v) => {
                                    let value = schema.value_struct(v);
                                    let mut list = Vec::new();
                                    leaves(schema, &value.fields, &mut list, "", 0, None);
                                    for leaf in &list {
                                        let scalar = scalar_of(schema, leaf.storage);
                                        let expected = read(bytes, at + leaf.offset as usize, scalar);
                                        s.expect(&format!("{}.{}", value.name, leaf.path), &[b.clone(), V::I32(at as i32)], &expected);
                                        calls += 1;
                                    }
                                }
                                storage => {
                                    let expected = read(bytes, at, scalar_of(schema, storage));
                                    s.expect(&format!("{}.get", ty.name), &[b.clone(), obj.clone(), index], &expected);
                                    calls += 1;
                                }
                            }
                        }
                    }
                }
            }
            if table.is_array {
                table.size as usize
            } else {
                1
            }
        };
        pos = (body + count * unit + 3) & !3;
    }
    calls
}
