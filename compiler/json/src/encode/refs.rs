//! References: null, i31 values, `"$ref"`s, strings, arrays and objects, with `"$type"` where
//! the reference's type admits several (docs/JSON.md, "References").

use wxl_ir::display::ref_name;
use wxl_ir::{AbstractHeap, CompositeType, HeapType, RefType};

use super::{meta, Encoder};
use crate::context::{Context, ObjType};
use crate::error::JsonError;
use crate::json::{Kind, Member, Value};
use crate::scalars::describe;

/// What a reference slot accepts, for "expected ..." messages.
fn expectation(cx: &Context, ref_type: RefType) -> String {
    let base = match ref_type.heap {
        HeapType::Concrete(index) => match cx.schema.ty(index).composite {
            CompositeType::Array(_) => format!("an array ({})", cx.type_name(index)),
            CompositeType::Struct(_) => format!("an object ({})", cx.type_name(index)),
        },
        HeapType::String => "a string".into(),
        HeapType::Bytes => "a base64 string (bytes)".into(),
        HeapType::Abstract(AbstractHeap::I31) => "{\"$i31\": n}".into(),
        HeapType::Abstract(AbstractHeap::None) => return "null".into(),
        HeapType::Abstract(abstract_heap) => {
            let any = matches!(abstract_heap, AbstractHeap::Any | AbstractHeap::Eq);
            let strings = if any || abstract_heap == AbstractHeap::Array { "a string, " } else { "" };
            let i31 = if any { "{\"$i31\": n}, " } else { "" };
            format!("{strings}{i31}an object with \"$type\" ({}ref)", abstract_heap.name())
        }
    };
    if ref_type.nullable {
        format!("null or {base}")
    } else {
        base
    }
}

/// A `"$id"` or `"$ref"` number.
fn id_number(value: &Value) -> Option<u64> {
    match &value.kind {
        Kind::Number(text) => text.parse().ok(),
        _ => None,
    }
}

impl Encoder<'_, '_> {
    fn mismatch(&self, value: &Value, ref_type: RefType) -> JsonError {
        if let Kind::Null = value.kind {
            let message = format!("null is not allowed here: `{}` is not nullable", ref_name(self.cx.schema, ref_type));
            return self.error(value.pos, message);
        }
        let expected = expectation(self.cx, ref_type);
        self.error(value.pos, format!("expected {expected}, found {}", describe(value)))
    }

    /// Converts the value of a reference slot; returns the raw reference: 0 for null, an i31
    /// value, or the offset of the object written (or named by `"$ref"`).
    pub(super) fn reference(&mut self, value: &Value, ref_type: RefType) -> Result<u32, JsonError> {
        let heap = ref_type.heap;
        match &value.kind {
            Kind::Null if ref_type.nullable => Ok(0),
            Kind::String(text) => {
                // A plain string is a string object, or base64 where bytes are expected.
                let obj = if self.cx.exact(heap) == Some(ObjType::Bytes) { ObjType::Bytes } else { ObjType::Str };
                if !self.cx.accepts(heap, obj) {
                    return Err(self.mismatch(value, ref_type));
                }
                self.write_blob(obj, text, value.pos)
            }
            Kind::Array(items) => {
                let Some(ObjType::Type(index)) = self.cx.exact(heap) else {
                    return Err(self.mismatch(value, ref_type));
                };
                match &self.cx.schema.ty(index).composite {
                    CompositeType::Array(array) => self.write_array(items, index, array.element.storage, value.pos),
                    CompositeType::Struct(_) => Err(self.mismatch(value, ref_type)),
                }
            }
            Kind::Object(members) => self.object(value, members, ref_type),
            _ => Err(self.mismatch(value, ref_type)),
        }
    }

    fn object(&mut self, value: &Value, members: &[Member], ref_type: RefType) -> Result<u32, JsonError> {
        let heap = ref_type.heap;
        let (meta, fields) = meta::split(members).map_err(|(m, message)| self.error(m.key_pos, message))?;
        let alone = |key: &str| -> Result<(), JsonError> {
            match members.iter().find(|m| m.key != key) {
                Some(other) => Err(self.error(other.key_pos, format!("{key:?} must be the only key of its object"))),
                None => Ok(()),
            }
        };
        if let Some(target) = meta.reference {
            alone("$ref")?;
            return self.lookup(target, ref_type);
        }
        if let Some(n) = meta.i31 {
            alone("$i31")?;
            if !Context::accepts_i31(heap) {
                let message = format!("an i31 value is not allowed in a `{}`", ref_name(self.cx.schema, ref_type));
                return Err(self.error(value.pos, message));
            }
            let number = match &n.kind {
                Kind::Number(text) => text.parse::<i64>().ok().filter(|v| (-(1 << 30)..1 << 31).contains(v)),
                _ => None,
            };
            let Some(number) = number else {
                let message =
                    format!("expected an integer from -1073741824 to 2147483647 (i31), found {}", describe(n));
                return Err(self.error(n.pos, message));
            };
            return Ok((number as u32) << 1 | 1);
        }
        let obj = match meta.ty {
            Some(ty) => self.named_type(ty, ref_type)?,
            None => self.cx.exact(heap).ok_or_else(|| {
                let message = format!(
                    "a `{}` can hold several types: say which with \"$type\"",
                    ref_name(self.cx.schema, ref_type)
                );
                self.error(value.pos, message)
            })?,
        };
        let offset = match obj {
            ObjType::Str | ObjType::Bytes => {
                let (text, pos) = self.contents(value, &meta, &fields, obj, |v| match &v.kind {
                    Kind::String(text) => Some(text.as_str()),
                    _ => None,
                })?;
                let mark = self.push_key("$value");
                let offset = self.write_blob(obj, text, pos)?;
                self.path.truncate(mark);
                offset
            }
            ObjType::Type(index) => match &self.cx.schema.ty(index).composite {
                CompositeType::Array(array) => {
                    let (items, pos) = self.contents(value, &meta, &fields, obj, |v| match &v.kind {
                        Kind::Array(items) => Some(items.as_slice()),
                        _ => None,
                    })?;
                    let mark = self.push_key("$value");
                    let offset = self.write_array(items, index, array.element.storage, pos)?;
                    self.path.truncate(mark);
                    offset
                }
                CompositeType::Struct(st) => {
                    if let Some(member) = members.iter().find(|m| m.key == "$value") {
                        let message = "\"$value\" is only for arrays, strings and bytes: a struct's fields are the keys of its object";
                        return Err(self.error(member.key_pos, message));
                    }
                    self.write_struct(&fields, index, &st.fields, value.pos)?
                }
            },
        };
        if let Some(id) = meta.id {
            let Some(number) = id_number(id) else {
                return Err(
                    self.error(id.pos, format!("\"$id\" must be a non-negative integer, found {}", describe(id)))
                );
            };
            if self.ids.insert(number, (offset, obj)).is_some() {
                return Err(self.error(id.pos, format!("duplicate \"$id\" {number}")));
            }
        }
        Ok(offset)
    }

    /// The type named by `"$type"`, checked against what the reference accepts.
    fn named_type(&self, ty: &Value, ref_type: RefType) -> Result<ObjType, JsonError> {
        let Kind::String(name) = &ty.kind else {
            return Err(self.error(ty.pos, format!("\"$type\" must be a type name, found {}", describe(ty))));
        };
        let Some(obj) = self.cx.obj_type_named(name) else {
            let known = self.cx.type_names().join(", ");
            return Err(self.error(ty.pos, format!("unknown type {name:?} (types: string, bytes, {known})")));
        };
        if !self.cx.accepts(ref_type.heap, obj) {
            let message = format!("type {name} is not allowed in a `{}`", ref_name(self.cx.schema, ref_type));
            return Err(self.error(ty.pos, message));
        }
        Ok(obj)
    }

    /// The `"$value"` of an array, string or bytes object written as an object: present, of
    /// the right JSON kind, and with no other fields beside it.
    fn contents<'v, T>(
        &self,
        value: &'v Value,
        meta: &meta::Meta<'v>,
        fields: &[&Member],
        obj: ObjType,
        extract: impl Fn(&'v Value) -> Option<T>,
    ) -> Result<(T, crate::json::Pos), JsonError> {
        let name = self.cx.name(obj);
        let (kind, wanted) = match obj {
            ObjType::Type(_) => ("an array", "a JSON array"),
            ObjType::Str => ("a string", "a JSON string"),
            ObjType::Bytes => ("a byte string", "a base64 string"),
        };
        if let Some(field) = fields.first() {
            let message = format!("{name} is {kind}: it has no fields, its contents go in \"$value\" ({wanted})");
            return Err(self.error(field.key_pos, message));
        }
        let Some(contents) = meta.value else {
            let message = format!("missing \"$value\": {name} is {kind}, its contents go there ({wanted})");
            return Err(self.error(value.pos, message));
        };
        match extract(contents) {
            Some(inner) => Ok((inner, contents.pos)),
            None => {
                let message = format!("expected {wanted} (the contents of {name}), found {}", describe(contents));
                Err(self.error(contents.pos, message))
            }
        }
    }

    /// The object an earlier `"$id"` named, checked against what the reference accepts.
    fn lookup(&self, target: &Value, ref_type: RefType) -> Result<u32, JsonError> {
        let Some(id) = id_number(target) else {
            return Err(
                self.error(target.pos, format!("\"$ref\" must be a non-negative integer, found {}", describe(target)))
            );
        };
        let Some(&(offset, obj)) = self.ids.get(&id) else {
            let message =
                format!("unknown \"$id\" {id}: a \"$ref\" must come after the object with that \"$id\", outside it");
            return Err(self.error(target.pos, message));
        };
        if !self.cx.accepts(ref_type.heap, obj) {
            let message = format!(
                "\"$ref\" {id} is a {}, not allowed in a `{}`",
                self.cx.name(obj),
                ref_name(self.cx.schema, ref_type)
            );
            return Err(self.error(target.pos, message));
        }
        Ok(offset)
    }
}
