//! The value an absent field reads as (LAYOUT §4.2): its `= value`, else 0, false, the enum's
//! zero value, or null. Compared numerically, so `= 0` and no default are the same.

use wxl_ir::{Schema, StorageType, Value};

pub(crate) struct Effective {
    /// Equal keys read the same.
    pub key: String,
    /// For messages: `Outline (2)`, `-1`, `null`.
    pub text: String,
}

/// `None` when the field has no default: non-null references must be present, and value
/// structs read their own fields' defaults (compared through their fields).
pub(crate) fn effective_default(schema: &Schema, storage: StorageType, written: Option<Value>) -> Option<Effective> {
    let plain = |key: String| Some(Effective { text: key.clone(), key });
    match storage {
        StorageType::Scalar(scalar) if !scalar.is_integer() && scalar != wxl_ir::Scalar::Bool => {
            let value = match written {
                Some(Value::Float(f)) => f,
                Some(Value::Int(i)) => i as f64,
                _ => 0.0,
            };
            // f32 fields store the default rounded to f32: compare what readers return.
            let bits = if scalar == wxl_ir::Scalar::F32 { (value as f32).to_bits() as u64 } else { value.to_bits() };
            Some(Effective { key: format!("float {bits:x}"), text: format!("{value:?}") })
        }
        StorageType::Scalar(wxl_ir::Scalar::Bool) => plain(matches!(written, Some(Value::Bool(true))).to_string()),
        StorageType::Scalar(_) => plain(match written {
            Some(Value::Int(i)) => i.to_string(),
            _ => "0".into(),
        }),
        StorageType::Enum(index) => {
            let enum_type = schema.enum_type(index);
            let value = match written {
                Some(Value::Variant(v)) => enum_type.variants.get(v as usize).map_or(0, |v| v.value),
                Some(Value::Int(i)) => i,
                _ => enum_type.zero_value(),
            };
            let name = enum_type.variants.iter().find(|v| v.value == value).map_or("undeclared", |v| v.name.as_str());
            Some(Effective { key: value.to_string(), text: format!("{name} ({value})") })
        }
        StorageType::Ref(reference) if reference.nullable => plain("null".into()),
        StorageType::Ref(_) | StorageType::Value(_) => None,
    }
}
