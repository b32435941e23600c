//! `StructView`: a struct object, an inline value struct, or an element of a value-struct array.

use super::{AnyRef, ArrayView, ObjectView};
use crate::raw::Span;
use crate::scalar::Scalar;
use crate::schema::{Check, Schema};

/// A schema with no types, behind the default (empty) views.
pub(crate) static EMPTY_SCHEMA: Schema = Schema { identifier: [0; 4], root: None, types: &[] };

/// Whether the table of type `owner` lists a reference check at `key` (relative to a struct
/// body, or to an array element). Those are the slots the verifier checked.
#[inline]
pub(crate) fn is_ref_slot(schema: &Schema, owner: u16, key: usize) -> bool {
    let Some(info) = schema.type_info(owner) else { return false };
    let checks = info.checks;
    let first = checks.partition_point(|c| (c.offset() as usize) < key);
    checks[first..]
        .iter()
        .take_while(|c| c.offset() as usize == key)
        .any(|c| matches!(c, Check::Ref { .. }))
}

/// A view of struct fields, read by byte offset (LAYOUT.md section 4.2).
///
/// Generated code wraps it: `pub struct Log<'a>(StructView<'a>)` with
/// `pub fn code(&self) -> u16 { self.0.get_u16(20, 200) }`. A field at `offset` with size `n`
/// is present when it lies inside the stored body; an absent field reads as `default`.
/// `StructView::default()` is an empty view: every field absent.
#[derive(Clone, Copy, Debug)]
pub struct StructView<'a> {
    /// The enclosing object's body: presence is decided against its end.
    pub(crate) body: Span<'a>,
    /// `body` from `rel` to its end: this struct's stored bytes (what field reads index).
    pub(crate) fields: Span<'a>,
    pub(crate) schema: &'a Schema,
    /// Where this struct starts inside `body`.
    pub(crate) rel: usize,
    /// Where this struct starts in the coordinates of `owner`'s check list: equal to `rel` in a
    /// struct object, relative to the element start in an array element.
    pub(crate) key: usize,
    /// The type id whose table describes `body` (a struct type, or the array type).
    pub(crate) owner: u16,
    /// A struct object (not an inline value).
    pub(crate) object: bool,
}

impl Default for StructView<'_> {
    fn default() -> Self {
        StructView { body: Span::EMPTY, fields: Span::EMPTY, schema: &EMPTY_SCHEMA, rel: 0, key: 0, owner: 0, object: false }
    }
}

impl<'a> StructView<'a> {
    #[inline(always)]
    pub(crate) fn object(body: Span<'a>, schema: &'a Schema, type_id: u16) -> Self {
        StructView { body, fields: body, schema, rel: 0, key: 0, owner: type_id, object: true }
    }

    /// Element of a value-struct array whose body is `body`, starting `rel` bytes in.
    #[inline(always)]
    pub(crate) fn element(body: Span<'a>, schema: &'a Schema, array_id: u16, rel: usize) -> Self {
        StructView { body, fields: body.tail(rel), schema, rel, key: 0, owner: array_id, object: false }
    }

    /// A view at `rel` inside `body` (for the mutation API's read access).
    #[inline]
    pub(crate) fn at_coords(body: Span<'a>, schema: &'a Schema, rel: usize, key: usize, owner: u16, object: bool) -> Self {
        StructView { body, fields: body.tail(rel), schema, rel, key, owner, object }
    }

    /// The first `N` stored bytes of this struct, if at least `N` are stored: for generated
    /// code, with `N` the declared size, a struct whose every field is present ("full") is then
    /// read at constant offsets with no compare per field.
    #[inline(always)]
    pub fn full<const N: usize>(&self) -> Option<&'a [u8; N]> {
        self.fields.prefix::<N>()
    }

    /// The type id of a struct object; `None` for an inline value struct.
    #[inline]
    pub fn type_id(&self) -> Option<u16> {
        self.object.then_some(self.owner)
    }

    /// `ref.test` on a struct object: its type is `expected` or a subtype. False for values.
    #[inline]
    pub fn is(&self, expected: u16) -> bool {
        self.object && self.schema.is_subtype(self.owner, expected)
    }

    /// How many bytes of this struct are stored (for a value: up to the end of what holds it).
    #[inline]
    pub fn stored_size(&self) -> usize {
        self.fields.len()
    }

    /// Whether the field of `size` bytes at `offset` is present.
    #[inline]
    pub fn has(&self, offset: u32, size: u32) -> bool {
        self.fields.get(offset as usize, size as usize).is_some()
    }

    /// The stored bytes of this struct (for a value: up to the end of what holds it).
    #[inline]
    pub fn bytes(&self) -> &'a [u8] {
        self.fields.bytes()
    }

    /// A scalar field at `offset` of a struct whose declared size is `N` (generated code): when
    /// the struct is full (at least `N` bytes stored, one compare that repeats identically for
    /// every field, so the compiler merges it) the field is read at a constant offset of the
    /// `&[u8; N]` prefix; otherwise as [`get`](Self::get). Same result as `get` either way.
    #[inline(always)]
    pub fn get_sized<const N: usize, T: Scalar>(&self, offset: u32, default: T) -> T {
        let at = offset as usize;
        match self.full::<N>() {
            Some(full) => match full.get(at..at.saturating_add(T::SIZE)) {
                Some(bytes) => {
                    let mut raw = T::Raw::default();
                    raw.as_mut().copy_from_slice(bytes);
                    T::from_raw(raw)
                }
                None => self.get(offset, default),
            },
            None => self.get(offset, default),
        }
    }

    /// Any scalar field: `default` when absent.
    #[inline(always)]
    pub fn get<T: Scalar>(&self, offset: u32, default: T) -> T {
        self.fields.read(offset as usize).unwrap_or(default)
    }

    /// An inline value-struct field at `offset` (its fields absent where the body ends).
    #[inline]
    pub fn get_value(&self, offset: u32) -> StructView<'a> {
        let offset = offset as usize;
        StructView {
            fields: self.fields.tail(offset),
            rel: self.rel.saturating_add(offset),
            key: self.key.saturating_add(offset),
            object: false,
            ..*self
        }
    }

    /// The raw reference in a slot the schema says is a reference, if present.
    #[inline]
    fn ref_slot(&self, offset: u32) -> Option<u32> {
        if !is_ref_slot(self.schema, self.owner, self.key.saturating_add(offset as usize)) {
            return None;
        }
        self.fields.read::<u32>(offset as usize)
    }

    /// The object a reference field points to; `None` when null, absent, an i31 value, or not a
    /// reference field of this type.
    #[inline]
    pub fn get_ref(&self, offset: u32) -> Option<ObjectView<'a>> {
        match self.ref_slot(offset)? {
            v if v != 0 && v & 3 == 0 => ObjectView::at(self.body.buf(), self.schema, v),
            _ => None,
        }
    }

    /// An `anyref`/`eqref`/`i31ref` field.
    pub fn get_any(&self, offset: u32) -> AnyRef<'a> {
        match self.ref_slot(offset) {
            Some(v) if v & 1 == 1 => AnyRef::I31(v >> 1),
            Some(v) if v != 0 && v & 3 == 0 => {
                ObjectView::at(self.body.buf(), self.schema, v).map_or(AnyRef::Null, AnyRef::Object)
            }
            _ => AnyRef::Null,
        }
    }

    /// An i31 value in a reference field, zero-extended from 31 bits.
    #[inline]
    pub fn get_i31(&self, offset: u32) -> Option<u32> {
        self.ref_slot(offset).filter(|v| v & 1 == 1).map(|v| v >> 1)
    }

    /// An i31 value in a reference field, sign-extended from 31 bits.
    #[inline]
    pub fn get_i31_signed(&self, offset: u32) -> Option<i32> {
        self.ref_slot(offset).filter(|v| v & 1 == 1).map(|v| (v as i32) >> 1)
    }

    /// A string field; `None` when null, absent or not a string.
    #[inline]
    pub fn get_str(&self, offset: u32) -> Option<&'a str> {
        self.get_ref(offset)?.as_str()
    }

    /// A byte-string field.
    #[inline]
    pub fn get_bytes(&self, offset: u32) -> Option<&'a [u8]> {
        self.get_ref(offset)?.as_bytes()
    }

    /// A reference to a struct object.
    #[inline]
    pub fn get_struct(&self, offset: u32) -> Option<StructView<'a>> {
        self.get_ref(offset)?.as_struct()
    }

    /// A reference to an array object.
    #[inline]
    pub fn get_array(&self, offset: u32) -> Option<ArrayView<'a>> {
        self.get_ref(offset)?.as_array()
    }
}

macro_rules! getters {
    ($($name:ident: $t:ty),*) => {
        impl StructView<'_> {$(
            #[doc = concat!("A `", stringify!($t), "` field at `offset`; `default` when absent.")]
            #[inline(always)]
            pub fn $name(&self, offset: u32, default: $t) -> $t {
                self.get(offset, default)
            }
        )*}
    };
}
getters!(get_u8: u8, get_i8: i8, get_u16: u16, get_i16: i16, get_u32: u32, get_i32: i32,
         get_u64: u64, get_i64: i64, get_f32: f32, get_f64: f64, get_bool: bool,
         get_u128: u128, get_v128: [u8; 16]);
