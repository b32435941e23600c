//! Reading a vector's description (`NAME.json`, format in tests/vectors/README.md) into the
//! value tree, guided by the schema: the schema says which keys exist and how to read them,
//! and every key of the description must be used exactly once.

use std::collections::BTreeSet;

use serde_json::{Map, Value as Json};
use wxl_ir::{CompositeType, HeapType, RefType, Scalar, Schema, StorageType};

use crate::model::{
    canonical, field_path, index_path, len_path, marker_path, needs_marker, root_ref, unhex, Val,
    ROOT,
};

/// A vector description: the schema file it is for and the values of its buffer.
#[derive(Clone, Debug)]
pub struct Description {
    /// The schema file, relative to schemas/.
    pub schema: String,
    /// One line saying what the vector covers.
    pub about: String,
    /// Path → value.
    pub values: Map<String, Json>,
}

pub fn parse_description(text: &str) -> Result<Description, String> {
    let json: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let object = json.as_object().ok_or("a description is a JSON object")?;
    let string = |key: &str| {
        object
            .get(key)
            .and_then(Json::as_str)
            .map(str::to_string)
            .ok_or(format!("missing \"{key}\""))
    };
    let values = object
        .get("values")
        .and_then(Json::as_object)
        .cloned()
        .ok_or("missing \"values\" object")?;
    for key in object.keys() {
        if !["schema", "about", "values"].contains(&key.as_str()) {
            return Err(format!("unknown key \"{key}\""));
        }
    }
    Ok(Description {
        schema: string("schema")?,
        about: string("about")?,
        values,
    })
}

/// The root object the description describes.
pub fn read_values(schema: &Schema, values: &Map<String, Json>) -> Result<Val, String> {
    let mut reader = Reader {
        schema,
        values,
        used: BTreeSet::new(),
    };
    let root = reader.reference(root_ref(schema), ROOT)?;
    if let Some(unused) = values.keys().find(|k| !reader.used.contains(*k)) {
        return Err(format!(
            "{unused}: no such value in this schema (or under a null)"
        ));
    }
    Ok(root)
}

struct Reader<'a> {
    schema: &'a Schema,
    values: &'a Map<String, Json>,
    used: BTreeSet<String>,
}

impl Reader<'_> {
    fn take(&mut self, path: &str) -> Result<&Json, String> {
        let value = self.values.get(path).ok_or(format!("{path}: missing"))?;
        self.used.insert(path.to_string());
        Ok(value)
    }

    fn stored(&mut self, storage: StorageType, path: &str) -> Result<Val, String> {
        let schema = self.schema;
        match storage {
            StorageType::Scalar(scalar) => {
                scalar_value(scalar, self.take(path)?).map_err(|e| format!("{path}: {e}"))
            }
            StorageType::Enum(index) => {
                let enum_type = schema.enum_type(index);
                let json = self.take(path)?;
                let value = match json {
                    Json::String(name) => enum_type
                        .variants
                        .iter()
                        .find(|v| &v.name == name)
                        .map(|v| v.value),
                    other => integer(other),
                };
                value
                    .map(Val::Int)
                    .ok_or(format!("{path}: {json} is not a {} value", enum_type.name))
            }
            StorageType::Value(index) => {
                let fields = &schema.value_struct(index).fields;
                let vals = fields
                    .iter()
                    .map(|f| self.stored(f.ty.storage, &field_path(path, &f.name)))
                    .collect::<Result<_, _>>()?;
                Ok(Val::Value(vals))
            }
            StorageType::Ref(reference) => self.reference(reference, path),
        }
    }

    fn reference(&mut self, reference: RefType, path: &str) -> Result<Val, String> {
        if self.values.get(path) == Some(&Json::Null) {
            self.take(path)?;
            return Ok(Val::Null);
        }
        let type_name = if needs_marker(self.schema, reference) {
            let marker = marker_path(path);
            self.take(&marker)?
                .as_str()
                .ok_or(format!("{marker}: a type name"))?
                .to_string()
        } else {
            match reference.heap {
                HeapType::Concrete(index) => self.schema.ty(index).name.clone(),
                HeapType::String => "string".into(),
                HeapType::Bytes => "bytes".into(),
                HeapType::Abstract(_) => unreachable!("abstract references always have a marker"),
            }
        };
        self.object(&type_name, path)
    }

    fn object(&mut self, type_name: &str, path: &str) -> Result<Val, String> {
        let schema = self.schema;
        match type_name {
            "string" => self
                .take(path)?
                .as_str()
                .map(|s| Val::Str(s.to_string()))
                .ok_or(format!("{path}: a string")),
            "bytes" => {
                let text = self
                    .take(path)?
                    .as_str()
                    .ok_or(format!("{path}: a hex string"))?;
                unhex(text)
                    .map(Val::Bytes)
                    .map_err(|e| format!("{path}: {e}"))
            }
            "i31" => integer(self.take(path)?)
                .filter(|v| (-(1 << 30)..1 << 30).contains(v))
                .map(|v| Val::I31(v as i32))
                .ok_or(format!("{path}: an i31 value")),
            name => {
                let index = schema
                    .types
                    .iter()
                    .position(|t| t.name == name)
                    .ok_or(format!("{path}: no type `{name}`"))?;
                let index = canonical(schema, wxl_ir::TypeIndex(index as u32));
                match &schema.ty(index).composite {
                    CompositeType::Struct(st) => {
                        let vals = st
                            .fields
                            .iter()
                            .map(|f| self.stored(f.ty.storage, &field_path(path, &f.name)))
                            .collect::<Result<_, _>>()?;
                        Ok(Val::Struct(index, vals))
                    }
                    CompositeType::Array(array) => {
                        let len_key = len_path(path);
                        let len =
                            integer(self.take(&len_key)?).ok_or(format!("{len_key}: a count"))?;
                        let items = (0..len as usize)
                            .map(|i| self.stored(array.element.storage, &index_path(path, i)))
                            .collect::<Result<_, _>>()?;
                        Ok(Val::Array(index, items))
                    }
                }
            }
        }
    }
}

fn integer(json: &Json) -> Option<i128> {
    json.as_i64()
        .map(i128::from)
        .or_else(|| json.as_u64().map(i128::from))
}

/// A float from a JSON number, `"NaN"`, `"inf"`, `"-inf"` or `"bits:0x..."` (exact bits).
fn float_bits(json: &Json, f32_type: bool) -> Result<u64, String> {
    let from_f64 = |f: f64| {
        if f32_type {
            u64::from((f as f32).to_bits())
        } else {
            f.to_bits()
        }
    };
    match json {
        Json::Number(n) => n.as_f64().map(from_f64).ok_or("a number".into()),
        Json::String(s) => match s.as_str() {
            "NaN" => Ok(from_f64(f64::NAN)),
            "inf" => Ok(from_f64(f64::INFINITY)),
            "-inf" => Ok(from_f64(f64::NEG_INFINITY)),
            s => s
                .strip_prefix("bits:0x")
                .and_then(|h| u64::from_str_radix(h, 16).ok())
                .ok_or(format!("`{s}` is not a float")),
        },
        other => Err(format!("{other} is not a float")),
    }
}

fn scalar_value(scalar: Scalar, json: &Json) -> Result<Val, String> {
    match scalar {
        Scalar::Bool => json.as_bool().map(Val::Bool).ok_or("a bool".into()),
        Scalar::F32 => float_bits(json, true).map(|b| Val::F32(b as u32)),
        Scalar::F64 => float_bits(json, false).map(Val::F64),
        Scalar::V128 => {
            let bytes = unhex(json.as_str().ok_or("32 hex digits")?)?;
            bytes
                .try_into()
                .map(Val::V128)
                .map_err(|_| "16 bytes".into())
        }
        _ => {
            let value = integer(json).ok_or(format!("{json} is not an integer"))?;
            let (min, max) = scalar.integer_range().expect("integer scalar");
            if (min..=max).contains(&value) {
                Ok(Val::Int(value))
            } else {
                Err(format!("{value} does not fit in {}", scalar.name()))
            }
        }
    }
}
