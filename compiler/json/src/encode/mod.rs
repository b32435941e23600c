//! JSON to a buffer (docs/JSON.md). The tree is converted depth-first in document order, and
//! each object is written once its children are: children before parents, as the layout
//! requires. So a `"$ref"` can only name an `"$id"` that appears earlier in the document and
//! is not an enclosing object (which would be a cycle, impossible in a buffer).

mod meta;
mod refs;

use std::collections::HashMap;
use std::fmt::Write;

use wxl_ir::layout::storage_size_align;
use wxl_ir::{Field, HeapType, RefType, StorageType, TypeIndex};
use wxl_runtime::{Builder, Options, Ref};

use crate::context::{Context, ObjType};
use crate::error::JsonError;
use crate::json::{self, Kind, Member, Pos, Value};
use crate::scalars::{write_default, write_enum, write_scalar};

/// Parses `input` and encodes it as a buffer whose root has type `root` (default: the
/// schema's root; with neither, the JSON must say its type with `"$type"`).
pub fn encode(cx: &Context, root: Option<TypeIndex>, input: &[u8]) -> Result<Vec<u8>, JsonError> {
    encode_value(cx, root, &json::parse(input)?)
}

/// Encodes an already parsed JSON tree.
pub fn encode_value(cx: &Context, root: Option<TypeIndex>, value: &Value) -> Result<Vec<u8>, JsonError> {
    let heap = match cx.root_type(root) {
        Some(index) => HeapType::Concrete(index),
        None => HeapType::Abstract(wxl_ir::AbstractHeap::Any),
    };
    let mut encoder = Encoder { cx, builder: Builder::new(), ids: HashMap::new(), path: "$".into() };
    let root_ref = encoder.reference(value, RefType { nullable: false, heap })?;
    if root_ref & 3 != 0 {
        return Err(encoder.error(value.pos, "the root must be an object, not an i31 value"));
    }
    let identifier = cx.schema.identifier.unwrap_or_default();
    let buf = encoder.builder.finish(Ref::<()>::from_offset(root_ref), identifier).to_vec();
    // The encoder only writes what the schema allows; verifying costs one linear pass and
    // turns a bug here into an error rather than a bad buffer.
    let options = Options { identifier: None, root: cx.root_type(root).map(|r| cx.schema.ty(r).type_id) };
    if let Err(error) = wxl_runtime::verify(&buf, cx.runtime, &options) {
        return Err(JsonError::new(
            value.pos,
            "$",
            format!("internal error: the encoded buffer fails verification ({error})"),
        ));
    }
    Ok(buf)
}

/// Strings up to this many bytes are written once per distinct text, and the decoder prints
/// them in full at every reference (so they never need `"$id"`).
pub(crate) const INLINE_MAX: usize = 64;

/// Room kept below the 4 GiB buffer limit for headers and padding.
const SLACK: usize = 64;

struct Encoder<'c, 's> {
    cx: &'c Context<'s>,
    builder: Builder,
    /// `"$id"` to the object written for it.
    ids: HashMap<u64, (u32, ObjType)>,
    /// The JSON path of the value being converted, for messages.
    path: String,
}

impl Encoder<'_, '_> {
    fn error(&self, pos: Pos, message: impl Into<String>) -> JsonError {
        JsonError::new(pos, self.path.clone(), message)
    }

    /// Appends `.key` (or `["key"]` when it is not an identifier) to the path; returns the
    /// length to truncate back to.
    fn push_key(&mut self, key: &str) -> usize {
        let mark = self.path.len();
        let plain = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if plain {
            let _ = write!(self.path, ".{key}");
        } else {
            self.path.push('[');
            json::write_string(&mut self.path, key);
            self.path.push(']');
        }
        mark
    }

    fn push_index(&mut self, index: usize) -> usize {
        let mark = self.path.len();
        let _ = write!(self.path, "[{index}]");
        mark
    }

    /// Fails before the builder would panic on a buffer above 0xFFFF_FFFC bytes.
    fn ensure_room(&self, bytes: usize, pos: Pos) -> Result<(), JsonError> {
        let limit = wxl_runtime::verify::MAX_BUFFER_LEN - SLACK;
        match self.builder.len().checked_add(bytes) {
            Some(total) if total <= limit => Ok(()),
            _ => Err(self.error(pos, "the buffer would exceed the 4 GiB limit of the layout")),
        }
    }

    /// Converts a value stored in a slot of `storage` into the slot's bytes `out`.
    fn storage(&mut self, value: &Value, storage: StorageType, out: &mut [u8]) -> Result<(), JsonError> {
        let schema = self.cx.schema;
        match storage {
            StorageType::Scalar(scalar) => write_scalar(value, scalar, out).map_err(|m| self.error(value.pos, m)),
            StorageType::Enum(index) => {
                write_enum(value, schema.enum_type(index), out).map_err(|m| self.error(value.pos, m))
            }
            StorageType::Value(index) => {
                let value_struct = schema.value_struct(index);
                let Kind::Object(members) = &value.kind else {
                    let found = crate::scalars::describe(value);
                    return Err(
                        self.error(value.pos, format!("expected an object ({}), found {found}", value_struct.name))
                    );
                };
                let (meta, fields) = meta::split(members).map_err(|(m, message)| self.error(m.key_pos, message))?;
                if let Some(first) = meta.first {
                    let message = format!(
                        "{:?} is not allowed in a value struct ({} is stored inline)",
                        first.key, value_struct.name
                    );
                    return Err(self.error(first.key_pos, message));
                }
                self.fields(&fields, &value_struct.fields, out, value.pos, &value_struct.name)
            }
            StorageType::Ref(ref_type) => {
                let raw = self.reference(value, ref_type)?;
                out.copy_from_slice(&raw.to_le_bytes());
                Ok(())
            }
        }
    }

    /// Fills a struct body (or an inline value struct) from its JSON fields: defaults first,
    /// then the fields in document order, then a check that no required reference is missing.
    fn fields(
        &mut self,
        members: &[&Member],
        fields: &[Field],
        body: &mut [u8],
        pos: Pos,
        owner: &str,
    ) -> Result<(), JsonError> {
        let schema = self.cx.schema;
        let slot = |field: &Field| {
            let (size, _) = storage_size_align(schema, field.ty.storage);
            field.offset as usize..(field.offset + size) as usize
        };
        for field in fields {
            write_default(schema, field.ty.storage, field.default, &mut body[slot(field)]);
        }
        let mut given = vec![false; fields.len()];
        for member in members {
            let Some(i) = fields.iter().position(|f| f.name == member.key) else {
                let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                let message = format!("unknown field {:?} of {owner} (its fields: {})", member.key, names.join(", "));
                return Err(self.error(member.key_pos, message));
            };
            if given[i] {
                return Err(self.error(member.key_pos, format!("duplicate field {:?}", member.key)));
            }
            given[i] = true;
            let mark = self.push_key(&member.key);
            self.storage(&member.value, fields[i].ty.storage, &mut body[slot(&fields[i])])?;
            self.path.truncate(mark);
        }
        for (field, given) in fields.iter().zip(given) {
            if let (false, StorageType::Ref(RefType { nullable: false, heap })) = (given, field.ty.storage) {
                let ty = wxl_ir::display::heap_name(schema, heap);
                let message = format!("missing field {:?} of {owner} (a `ref {ty}` cannot be null)", field.name);
                return Err(self.error(pos, message));
            }
        }
        Ok(())
    }

    /// A struct object of type `index`: its children first, then its body.
    fn write_struct(
        &mut self,
        members: &[&Member],
        index: TypeIndex,
        fields: &[Field],
        pos: Pos,
    ) -> Result<u32, JsonError> {
        let ty = self.cx.schema.ty(index);
        // Checked before allocating the body and again once the children are written.
        self.ensure_room(ty.layout.size as usize + 16, pos)?;
        let mut body = vec![0u8; ty.layout.size as usize];
        self.fields(members, fields, &mut body, pos, self.cx.type_name(index))?;
        self.ensure_room(body.len() + 16, pos)?;
        Ok(self.builder.push_struct::<()>(ty.type_id, ty.layout.body_align, &body).offset())
    }

    /// An array object of type `index`: the elements' children first, then the elements.
    fn write_array(
        &mut self,
        items: &[Value],
        index: TypeIndex,
        element: StorageType,
        pos: Pos,
    ) -> Result<u32, JsonError> {
        let ty = self.cx.schema.ty(index);
        let stride = ty.layout.size as usize;
        let size = items.len().saturating_mul(stride);
        // Checked before allocating the body and again once the children are written.
        self.ensure_room(size.saturating_add(16), pos)?;
        let mut body = vec![0u8; size];
        for (i, item) in items.iter().enumerate() {
            let mark = self.push_index(i);
            self.storage(item, element, &mut body[i * stride..(i + 1) * stride])?;
            self.path.truncate(mark);
        }
        self.ensure_room(size + 16, pos)?;
        let mut writer = self.builder.begin_array(ty.type_id, ty.layout.body_align, ty.layout.size, items.len());
        for i in 0..items.len() {
            writer.element(i).copy_from_slice(&body[i * stride..(i + 1) * stride]);
        }
        Ok(writer.end::<()>().offset())
    }

    /// A string object (written once per distinct short text) or a byte string from base64.
    fn write_blob(&mut self, obj: ObjType, text: &str, pos: Pos) -> Result<u32, JsonError> {
        self.ensure_room(text.len() + 16, pos)?;
        if obj == ObjType::Bytes {
            let data = crate::base64::decode(text)
                .map_err(|(at, why)| self.error(pos, format!("invalid base64 at character {at}: {why}")))?;
            return Ok(self.builder.bytes(&data).offset());
        }
        Ok(if text.len() <= INLINE_MAX {
            self.builder.shared_string(text).offset()
        } else {
            self.builder.string(text).offset()
        })
    }
}
