//! Reads a verified buffer with the runtime's views, at the reader schema's offsets, into a
//! `Val`: the way generated accessors would (absent fields read their defaults).

use std::collections::HashMap;

use wxl_ir::layout::storage_size_align;
use wxl_ir::{CompositeType, Scalar, Schema, StorageType, TypeIndex, Value};
use wxl_runtime::{AnyRef, ArrayView, ObjectView, StructView};

use crate::value::{Field, Val};

pub struct Reader<'s> {
    schema: &'s Schema,
    by_id: HashMap<u16, TypeIndex>,
}

impl<'s> Reader<'s> {
    pub fn new(schema: &'s Schema) -> Reader<'s> {
        Reader { schema, by_id: schema.canonical_types().map(|(i, t)| (t.type_id, i)).collect() }
    }

    pub fn object(&self, object: ObjectView<'_>) -> Val {
        match object.type_id() {
            1 => Val::Str(object.as_str().unwrap_or_default().to_string()),
            2 => Val::Bytes(object.as_bytes().unwrap_or_default().to_vec()),
            id => {
                let index = self.by_id[&id];
                match &self.schema.ty(index).composite {
                    CompositeType::Struct(st) => {
                        let view = object.as_struct().expect("a struct type");
                        Val::Object(st.fields.iter().map(|f| self.field(&view, f)).collect())
                    }
                    CompositeType::Array(array) => {
                        let view = object.as_array().expect("an array type");
                        Val::Array((0..view.len()).map(|i| self.element(&view, i, array.element.storage)).collect())
                    }
                }
            }
        }
    }

    fn field(&self, view: &StructView<'_>, field: &wxl_ir::Field) -> Field {
        let default = default_val(self.schema, field.ty.storage, field.default);
        let val = self.stored(view, field.ty.storage, field.offset, &default);
        Field { name: field.name.clone(), val, default }
    }

    fn stored(&self, view: &StructView<'_>, storage: StorageType, offset: u32, default: &Option<Val>) -> Val {
        let size = storage_size_align(self.schema, storage).0;
        match storage {
            StorageType::Value(index) => {
                let inner = view.get_value(offset);
                Val::Object(self.schema.value_struct(index).fields.iter().map(|f| self.field(&inner, f)).collect())
            }
            _ if !view.has(offset, size) => default.clone().unwrap_or(Val::Null),
            StorageType::Ref(_) => self.any(view.get_any(offset)),
            _ => decode(self.schema, storage, &view.bytes()[offset as usize..(offset + size) as usize]),
        }
    }

    fn element(&self, view: &ArrayView<'_>, index: usize, storage: StorageType) -> Val {
        match storage {
            StorageType::Value(_) => self.stored(&view.element(index).expect("in range"), storage, 0, &None),
            StorageType::Ref(_) => self.any(view.get_any(index)),
            _ => {
                let stride = view.stride();
                decode(self.schema, storage, &view.bytes()[index * stride..(index + 1) * stride])
            }
        }
    }

    fn any(&self, value: AnyRef<'_>) -> Val {
        match value {
            AnyRef::Null => Val::Null,
            AnyRef::I31(v) => Val::I31(v),
            AnyRef::Object(object) => self.object(object),
        }
    }
}

fn decode(schema: &Schema, storage: StorageType, bytes: &[u8]) -> Val {
    let scalar = match storage {
        StorageType::Scalar(scalar) => scalar,
        StorageType::Enum(index) => schema.enum_type(index).repr,
        _ => unreachable!("references and values are read elsewhere"),
    };
    match scalar {
        Scalar::Bool => Val::Bool(bytes[0] != 0),
        Scalar::F32 => Val::Float((f32::from_le_bytes(bytes.try_into().expect("4 bytes")) as f64).to_bits()),
        Scalar::F64 => Val::Float(f64::from_le_bytes(bytes.try_into().expect("8 bytes")).to_bits()),
        Scalar::V128 => Val::Bytes(bytes.to_vec()),
        _ => {
            let mut raw = [0u8; 16];
            raw[..bytes.len()].copy_from_slice(bytes);
            let unsigned = u128::from_le_bytes(raw) as i128;
            let bits = bytes.len() as u32 * 8;
            let value = if scalar.is_signed() && unsigned >> (bits - 1) == 1 { unsigned - (1i128 << bits) } else { unsigned };
            Val::Int(value)
        }
    }
}

/// What an absent field reads as (LAYOUT §4.2), written independently of the crate's own
/// `defaults` module so that the test checks it.
fn default_val(schema: &Schema, storage: StorageType, written: Option<Value>) -> Option<Val> {
    Some(match (storage, written) {
        (StorageType::Scalar(Scalar::Bool), w) => Val::Bool(w == Some(Value::Bool(true))),
        (StorageType::Scalar(Scalar::F32), w) => Val::Float((float(w) as f32 as f64).to_bits()),
        (StorageType::Scalar(Scalar::F64), w) => Val::Float(float(w).to_bits()),
        (StorageType::Scalar(Scalar::V128), _) => Val::Bytes(vec![0; 16]),
        (StorageType::Scalar(_), Some(Value::Int(i))) => Val::Int(i),
        (StorageType::Scalar(_), _) => Val::Int(0),
        (StorageType::Enum(index), Some(Value::Variant(v))) => Val::Int(schema.enum_type(index).variants[v as usize].value),
        (StorageType::Enum(index), _) => Val::Int(schema.enum_type(index).zero_value()),
        (StorageType::Ref(r), _) if r.nullable => Val::Null,
        _ => return None,
    })
}

fn float(written: Option<Value>) -> f64 {
    match written {
        Some(Value::Float(f)) => f,
        Some(Value::Int(i)) => i as f64,
        _ => 0.0,
    }
}
