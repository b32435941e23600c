//! Zero-copy readers over verified buffers.
//!
//! Every view is a few integers and references into the buffer; every accessor is a bounds
//! compare and a load. Accessors never panic and never read outside the buffer, whatever offset
//! or index they are given: an absent field reads as the default the caller passes, a null or
//! non-reference slot as `None`, an out-of-range index as `None`.
//!
//! The chain of trust: [`Verified`] is made only by the verifier (or by the `unsafe`
//! [`Verified::new_unchecked`]). Its root is an object start the verifier marked. From an object
//! of type `T`, [`StructView::get_ref`] and [`ArrayView::get_ref`] follow a slot only when the
//! schema lists a reference check for it in `T`'s table and the slot is present, which are
//! exactly the slots the verifier checked; so every [`ObjectView`] stands at a real, verified
//! object start. That is what lets [`ObjectView::as_str`] skip the UTF-8 check.

mod array;
mod structs;

pub use array::{ArrayView, Element, FromObject, Iter, Vector};
pub use structs::StructView;

use crate::raw::Span;
use crate::schema::{Kind, Schema, TypeInfo, TYPE_ID_BYTES, TYPE_ID_STRING};
use crate::{Error, ErrorKind};

/// The u32 at `at`, if it lies inside `buf`.
#[inline(always)]
pub(crate) fn load32(buf: &[u8], at: usize) -> Option<u32> {
    let bytes: [u8; 4] = buf.get(at..at.checked_add(4)?)?.try_into().ok()?;
    Some(u32::from_le_bytes(bytes))
}

/// A buffer that passed the verifier, with the schema it passed under.
#[derive(Clone, Copy, Debug)]
pub struct Verified<'a> {
    root: ObjectView<'a>,
}

impl<'a> Verified<'a> {
    /// Called by the verifier once the pass succeeded, and by `new_unchecked`.
    pub(crate) fn decode(buf: &'a [u8], schema: &'a Schema) -> Result<Verified<'a>, Error> {
        let invalid = Error::new(ErrorKind::RootInvalid, 12);
        let root = load32(buf, 12).ok_or(invalid)?;
        if root == 0 || root % 4 != 0 {
            return Err(invalid);
        }
        let root = ObjectView::at(buf, schema, root).ok_or(invalid)?;
        Ok(Verified { root })
    }

    /// The whole buffer.
    #[inline]
    pub fn buf(&self) -> &'a [u8] {
        self.root.body.buf()
    }

    #[inline]
    pub fn schema(&self) -> &'a Schema {
        self.root.schema
    }

    /// The header's identifier bytes.
    pub fn identifier(&self) -> [u8; 4] {
        let mut id = [0; 4];
        id.copy_from_slice(&self.buf()[8..12]);
        id
    }

    /// The root object.
    #[inline]
    pub fn root(&self) -> ObjectView<'a> {
        self.root
    }

    /// The root as a struct; an empty view (all defaults) if the root is not a struct.
    #[inline]
    pub fn root_struct(&self) -> StructView<'a> {
        self.root.as_struct().unwrap_or_default()
    }
}

/// Any object of a verified buffer: a struct, an array, a string or a byte string.
///
/// Invariant (relied on by `as_str`): `at` is the tag word of an object that the verifier
/// checked in this buffer under `schema`. Constructors: `Verified` (the marked root),
/// `StructView::get_ref` and `ArrayView::get_ref` (verified reference slots), nothing else.
#[derive(Clone, Copy, Debug)]
pub struct ObjectView<'a> {
    /// The object's body: `count * stride` bytes (the byte count of a string or struct).
    pub(crate) body: Span<'a>,
    pub(crate) schema: &'a Schema,
    /// The type's table (`None` for strings and byte strings).
    info: Option<&'a TypeInfo>,
    at: u32,
    count: u32,
    type_id: u16,
}

impl<'a> ObjectView<'a> {
    /// Decode the object whose tag word is at `at`. Only for real object starts (see above).
    #[inline]
    pub(crate) fn at(buf: &'a [u8], schema: &'a Schema, at: u32) -> Option<ObjectView<'a>> {
        let pos = at as usize;
        let tag = load32(buf, pos)?;
        let type_id = tag as u16;
        let info = match type_id {
            TYPE_ID_STRING | TYPE_ID_BYTES => None,
            _ => Some(schema.type_info(type_id)?),
        };
        ObjectView::decoded(buf, schema, at, tag, info)
    }

    /// The object whose tag word `tag` is at `at`, of the struct type `id` whose table is `info`
    /// when the tag says so (no schema lookup); else as [`ObjectView::at`]. Only for real object
    /// starts, and `info` must be `id`'s table in `schema`.
    #[inline(always)]
    pub(crate) fn at_expecting(
        buf: &'a [u8],
        schema: &'a Schema,
        at: u32,
        id: u16,
        info: &'a TypeInfo,
    ) -> Option<ObjectView<'a>> {
        let tag = load32(buf, at as usize)?;
        if tag as u16 == id {
            return ObjectView::decoded(buf, schema, at, tag, Some(info));
        }
        ObjectView::at(buf, schema, at)
    }

    /// The view of the object at `at`, given its tag word and its type's table.
    #[inline(always)]
    fn decoded(buf: &'a [u8], schema: &'a Schema, at: u32, tag: u32, info: Option<&'a TypeInfo>) -> Option<Self> {
        let pos = at as usize;
        let (count, body) = match tag >> 16 {
            0xFFFF => (load32(buf, pos + 4)?, pos + 8),
            short => (short, pos + 4),
        };
        let size = match info {
            Some(info) if info.kind == Kind::Array => usize::try_from(u64::from(count) * u64::from(info.size)).ok()?,
            _ => count as usize,
        };
        let body = Span::new(buf, body, size)?;
        Some(ObjectView { body, schema, info, at, count, type_id: tag as u16 })
    }

    /// The type id from the tag word: 1 string, 2 bytes, else a schema type.
    #[inline]
    pub fn type_id(&self) -> u16 {
        self.type_id
    }

    /// The offset of the tag word (the value of a reference to this object).
    #[inline]
    pub fn offset(&self) -> u32 {
        self.at
    }

    /// The length field: stored size of a struct, element count of an array, byte count of a
    /// string or byte string.
    #[inline]
    pub fn length(&self) -> u32 {
        self.count
    }

    #[inline]
    pub fn schema(&self) -> &'a Schema {
        self.schema
    }

    /// The body's bytes.
    #[inline]
    pub fn body_bytes(&self) -> &'a [u8] {
        self.body.bytes()
    }

    fn kind(&self) -> Option<Kind> {
        self.info.map(|info| info.kind)
    }

    /// `ref.test`: whether this object's type is `expected` or one of its subtypes.
    #[inline]
    pub fn is(&self, expected: u16) -> bool {
        self.schema.is_subtype(self.type_id, expected)
    }

    /// This object as a struct, if it is one.
    #[inline(always)]
    pub fn as_struct(&self) -> Option<StructView<'a>> {
        match self.kind()? {
            Kind::Struct => Some(StructView::object(self.body, self.schema, self.type_id)),
            _ => None,
        }
    }

    /// This object as a struct of type `expected` or a subtype (`ref.cast` that fails softly).
    #[inline(always)]
    pub fn cast(&self, expected: u16) -> Option<StructView<'a>> {
        if self.is(expected) {
            self.as_struct()
        } else {
            None
        }
    }

    /// This object as an array of a schema array type, if it is one.
    #[inline]
    pub fn as_array(&self) -> Option<ArrayView<'a>> {
        let info = self.info?;
        match info.kind {
            Kind::Array => Some(ArrayView::new(self.body, self.schema, self.type_id, self.count, info)),
            _ => None,
        }
    }

    /// The bytes, if this object is a byte string (type id 2).
    #[inline]
    pub fn as_bytes(&self) -> Option<&'a [u8]> {
        (self.type_id == TYPE_ID_BYTES).then(|| self.body.bytes())
    }
}

/// The value of an `anyref`/`eqref` slot.
#[derive(Clone, Copy, Debug)]
pub enum AnyRef<'a> {
    Null,
    /// An `i31ref`: the 31-bit payload, zero-extended (see [`AnyRef::i31_signed`]).
    I31(u32),
    Object(ObjectView<'a>),
}

impl AnyRef<'_> {
    /// The i31 payload sign-extended from 31 bits, if this is an i31 value.
    pub fn i31_signed(&self) -> Option<i32> {
        match *self {
            AnyRef::I31(v) => Some(((v << 1) as i32) >> 1),
            _ => None,
        }
    }
}
