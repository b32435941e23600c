//! A buffer to JSON (docs/JSON.md): verified first with the runtime's verifier, then read
//! with the schema. Objects reached twice print once with `"$id"` and then as `{"$ref": N}`.

mod share;

use std::collections::HashMap;
use std::fmt;

use wxl_ir::layout::storage_size_align;
use wxl_ir::{CompositeType, Field, HeapType, StorageType, TypeIndex};
use wxl_runtime::Options;

use crate::context::{Context, ObjType};
use crate::encode::INLINE_MAX;
use crate::json::{Value, MAX_DEPTH};
use crate::reader::{header_at, u32_at};
use crate::scalars::{enum_json, scalar_json};

/// Why a buffer could not be printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The verifier's verdict: the first broken layout rule and its offset.
    Invalid(wxl_runtime::Error),
    /// The objects nest deeper than JSON output may (`json::MAX_DEPTH`), at this object.
    TooDeep { offset: u32 },
    /// An array of zero-size elements (empty value structs) with more elements than the
    /// buffer has bytes: valid, but its JSON would not be linear in the buffer's size.
    TooManyEmpty { offset: u32, count: u32 },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Invalid(error) => write!(f, "invalid buffer: {error}"),
            DecodeError::TooDeep { offset } => {
                write!(f, "the data nests deeper than {MAX_DEPTH} JSON levels (at the object at offset {offset})")
            }
            DecodeError::TooManyEmpty { offset, count } => write!(
                f,
                "the array at offset {offset} holds {count} zero-size elements, more than the buffer has bytes: \
                 its JSON would not be linear in the buffer"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Verifies `buf` (identifier included, when the schema has one; root type `root`, else the
/// schema's, else any object) and returns its JSON.
pub fn decode(cx: &Context, root: Option<TypeIndex>, buf: &[u8]) -> Result<Value, DecodeError> {
    let root = cx.root_type(root);
    let options = Options { identifier: cx.schema.identifier, root: root.map(|r| cx.schema.ty(r).type_id) };
    wxl_runtime::verify(buf, cx.runtime, &options).map_err(DecodeError::Invalid)?;
    let root_ref = u32_at(buf, 12).unwrap_or(0);
    let heap = match root {
        Some(index) => HeapType::Concrete(index),
        None => HeapType::Abstract(wxl_ir::AbstractHeap::Any),
    };
    let counts = share::count(cx, buf, root_ref);
    let mut decoder = Decoder { cx, buf, counts, ids: HashMap::new() };
    decoder.reference(root_ref, heap, 0)
}

struct Decoder<'c, 's, 'b> {
    cx: &'c Context<'s>,
    buf: &'b [u8],
    counts: Vec<u8>,
    /// Objects printed with `"$id"`, by offset.
    ids: HashMap<u32, u32>,
}

/// One more level of JSON nesting, refused past `MAX_DEPTH` (so that the output parses back).
fn enter(depth: usize, offset: u32) -> Result<usize, DecodeError> {
    if depth >= MAX_DEPTH {
        return Err(DecodeError::TooDeep { offset });
    }
    Ok(depth + 1)
}

impl Decoder<'_, '_, '_> {
    /// The JSON of a reference slot holding `raw`, where the slot's type is `heap`.
    fn reference(&mut self, raw: u32, heap: HeapType, depth: usize) -> Result<Value, DecodeError> {
        if raw == 0 {
            return Ok(Value::null());
        }
        if raw & 1 == 1 {
            // The 31-bit payload, sign-extended.
            let n = (raw as i32) >> 1;
            return Ok(Value::object(vec![("$i31".into(), Value::number(n.to_string()))]));
        }
        if let Some(&id) = self.ids.get(&raw) {
            return Ok(Value::object(vec![("$ref".into(), Value::number(id.to_string()))]));
        }
        // The verifier checked that `raw` is an object start of an accepted type; reading it
        // cannot fail, but a failure must not panic either.
        let broken = || DecodeError::Invalid(wxl_runtime::Error::new(wxl_runtime::ErrorKind::RefNotObjectStart, raw));
        let header = header_at(self.buf, raw as usize).ok_or_else(broken)?;
        let obj = self.cx.obj_type(header.type_id).ok_or_else(broken)?;
        let size = crate::reader::body_size(self.cx, &header).ok_or_else(broken)?;
        let body = self.buf.get(header.body..header.body + size as usize).ok_or_else(broken)?;
        let blob = matches!(obj, ObjType::Str | ObjType::Bytes);
        let shared = self.counts.get(raw as usize / 4).is_some_and(|&c| c >= 2) && !(blob && body.len() <= INLINE_MAX);
        let mut members = Vec::new();
        if self.cx.exact(heap) != Some(obj) {
            members.push(("$type".to_string(), Value::string(self.cx.name(obj))));
        }
        if shared {
            let id = self.ids.len() as u32 + 1;
            self.ids.insert(raw, id);
            members.push(("$id".to_string(), Value::number(id.to_string())));
        }
        // A plain string under `anyref` is a string object; bytes there need `"$type"`.
        let plain = members.is_empty() || (obj == ObjType::Str && !shared);
        let inner = if plain { depth } else { enter(depth, raw)? };
        let contents = match obj {
            ObjType::Str => Value::string(String::from_utf8_lossy(body).into_owned()),
            ObjType::Bytes => Value::string(crate::base64::encode(body)),
            ObjType::Type(index) => match &self.cx.schema.ty(index).composite {
                CompositeType::Struct(st) => {
                    // The fields join `"$type"` and `"$id"` in one object.
                    let depth = enter(depth, raw)?;
                    members.extend(self.fields(&st.fields, body, depth, raw)?);
                    return Ok(Value::object(members));
                }
                CompositeType::Array(array) => {
                    let depth = enter(inner, raw)?;
                    let stride = self.cx.schema.ty(index).layout.size as usize;
                    if stride == 0 && header.length as usize > self.buf.len() {
                        return Err(DecodeError::TooManyEmpty { offset: raw, count: header.length });
                    }
                    let mut items = Vec::with_capacity(header.length as usize);
                    for i in 0..header.length as usize {
                        let element = body.get(i * stride..(i + 1) * stride).ok_or_else(broken)?;
                        items.push(self.storage(array.element.storage, element, depth, raw)?);
                    }
                    Value::array(items)
                }
            },
        };
        if plain {
            return Ok(contents);
        }
        members.push(("$value".to_string(), contents));
        Ok(Value::object(members))
    }

    /// The present fields of a struct body or value struct (`bytes` ends where the stored body
    /// does): absent fields are left out, and a value struct cut by the end keeps the fields
    /// that fit.
    fn fields(
        &mut self,
        fields: &[Field],
        bytes: &[u8],
        depth: usize,
        owner: u32,
    ) -> Result<Vec<(String, Value)>, DecodeError> {
        let mut out = Vec::new();
        for field in fields {
            let (size, _) = storage_size_align(self.cx.schema, field.ty.storage);
            let at = field.offset as usize;
            if let Some(slot) = bytes.get(at..at + size as usize) {
                out.push((field.name.clone(), self.storage(field.ty.storage, slot, depth, owner)?));
            } else if let (StorageType::Value(index), Some(rest)) = (field.ty.storage, bytes.get(at..)) {
                let depth = enter(depth, owner)?;
                let inner = self.fields(&self.cx.schema.value_struct(index).fields, rest, depth, owner)?;
                if !inner.is_empty() {
                    out.push((field.name.clone(), Value::object(inner)));
                }
            }
        }
        Ok(out)
    }

    /// The JSON of one stored value (`bytes` is exactly its size).
    fn storage(&mut self, storage: StorageType, bytes: &[u8], depth: usize, owner: u32) -> Result<Value, DecodeError> {
        let schema = self.cx.schema;
        Ok(match storage {
            StorageType::Scalar(scalar) => scalar_json(scalar, bytes),
            StorageType::Enum(index) => enum_json(schema.enum_type(index), bytes),
            StorageType::Value(index) => {
                let depth = enter(depth, owner)?;
                Value::object(self.fields(&schema.value_struct(index).fields, bytes, depth, owner)?)
            }
            StorageType::Ref(ref_type) => {
                let raw = u32::from_le_bytes(bytes.try_into().unwrap_or_default());
                self.reference(raw, ref_type.heap, depth)?
            }
        })
    }
}
