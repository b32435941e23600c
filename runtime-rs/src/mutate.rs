//! In-place updates of scalar fields and elements of a verified buffer.
//!
//! A write keeps the buffer verified: it lands inside a present field of a struct or array body,
//! and every bool, closed-enum or reference check it overlaps must still pass afterwards. So a
//! reference slot is never written (`SetError::Reference`), a bool only gets 0 or 1 and a closed
//! enum only a declared value (`SetError::InvalidValue`). Tag words, strings and byte strings are
//! out of reach. Navigation follows the same references as the readers.

use crate::raw::{cast_slice_mut, Plain, Span};
use crate::read::{ArrayView, StructView, Verified};
use crate::scalar::Scalar;
use crate::schema::{Check, Schema};
use crate::verify::{verify_with_scratch, Options};
use crate::Error;
use core::fmt;

/// Why a write was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetError {
    /// The field is not stored in this buffer (or the index is out of range).
    Absent,
    /// The bytes belong to a reference slot.
    Reference,
    /// A bool would not be 0 or 1, or a closed enum would not hold a declared value.
    InvalidValue,
}

impl fmt::Display for SetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SetError::Absent => "field absent",
            SetError::Reference => "reference slots cannot be set in place",
            SetError::InvalidValue => "value not allowed by the schema",
        })
    }
}

impl core::error::Error for SetError {}

/// A verified buffer that can be updated in place.
#[derive(Debug)]
pub struct VerifiedMut<'a> {
    buf: &'a mut [u8],
    schema: &'a Schema,
}

impl<'a> VerifiedMut<'a> {
    /// Verify `buf` (allocating the bitmap) and keep it for updates.
    #[cfg(feature = "alloc")]
    pub fn new(buf: &'a mut [u8], schema: &'a Schema, options: &Options) -> Result<Self, Error> {
        let mut scratch = alloc::vec![0u64; crate::verify::bitmap_words(buf.len())];
        Self::with_scratch(buf, schema, options, &mut scratch)
    }

    /// Verify `buf` with caller scratch (see [`verify_with_scratch`]) and keep it for updates.
    pub fn with_scratch(
        buf: &'a mut [u8],
        schema: &'a Schema,
        options: &Options,
        scratch: &mut [u64],
    ) -> Result<Self, Error> {
        verify_with_scratch(buf, schema, options, scratch)?;
        Ok(VerifiedMut { buf, schema })
    }

    /// Read access.
    pub fn as_verified(&self) -> Verified<'_> {
        // Still verified: every write through this module keeps every check passing, and the
        // root decoded when the buffer was verified (tag words are never written), so this
        // cannot fail.
        Verified::decode(self.buf, self.schema).expect("a verified root decodes")
    }

    /// The root struct, for updates.
    pub fn root_struct(&mut self) -> Option<StructMut<'_>> {
        let at = Coords::of(&self.as_verified().root().as_struct()?);
        Some(StructMut { buf: self.buf, schema: self.schema, at })
    }

    /// The root array, for updates.
    pub fn root_array(&mut self) -> Option<ArrayMut<'_>> {
        let at = ArrayCoords::of(&self.as_verified().root().as_array()?);
        Some(ArrayMut { buf: self.buf, schema: self.schema, at })
    }

    /// The root struct, for updates, keeping the whole borrow of the buffer (what a function
    /// that verifies and returns the root needs).
    pub fn into_root_struct(self) -> Option<StructMut<'a>> {
        let at = Coords::of(&self.as_verified().root().as_struct()?);
        Some(StructMut { buf: self.buf, schema: self.schema, at })
    }

    /// The root array, for updates, keeping the whole borrow of the buffer.
    pub fn into_root_array(self) -> Option<ArrayMut<'a>> {
        let at = ArrayCoords::of(&self.as_verified().root().as_array()?);
        Some(ArrayMut { buf: self.buf, schema: self.schema, at })
    }
}

/// Where a [`StructMut`] sits: the fields of a [`StructView`] without the borrow.
#[derive(Clone, Copy, Debug)]
struct Coords {
    start: usize,
    len: usize,
    rel: usize,
    key: usize,
    owner: u16,
    object: bool,
}

impl Coords {
    fn of(view: &StructView<'_>) -> Coords {
        Coords {
            start: view.body.start(),
            len: view.body.len(),
            rel: view.rel,
            key: view.key,
            owner: view.owner,
            object: view.object,
        }
    }
}

/// A struct object, value field or value element, for updates: a [`StructView`] with setters.
#[derive(Debug)]
pub struct StructMut<'b> {
    buf: &'b mut [u8],
    schema: &'b Schema,
    at: Coords,
}

impl<'b> StructMut<'b> {
    /// Read access.
    pub fn view(&self) -> StructView<'_> {
        let c = self.at;
        let body = Span::new(self.buf, c.start, c.len).unwrap_or(Span::EMPTY);
        StructView::at_coords(body, self.schema, c.rel, c.key, c.owner, c.object)
    }

    /// Write `value` at `offset` if the field is present and every check it touches still
    /// passes afterwards.
    pub fn set<T: Scalar>(&mut self, offset: u32, value: T) -> Result<(), SetError> {
        let c = self.at;
        let offset = offset as usize;
        let target = Target { start: c.start, len: c.len, owner: c.owner, base: c.rel - c.key };
        target.write(self.buf, self.schema, c.key.saturating_add(offset), value.to_raw().as_ref())
    }

    /// An inline value-struct field, for updates.
    pub fn value_mut(&mut self, offset: u32) -> StructMut<'_> {
        let offset = offset as usize;
        let at = Coords { rel: self.at.rel.saturating_add(offset), key: self.at.key.saturating_add(offset), object: false, ..self.at };
        StructMut { buf: self.buf, schema: self.schema, at }
    }

    /// The struct a reference field points to, for updates.
    pub fn struct_mut(&mut self, offset: u32) -> Option<StructMut<'_>> {
        let at = Coords::of(&self.view().get_struct(offset)?);
        Some(StructMut { buf: self.buf, schema: self.schema, at })
    }

    /// The array a reference field points to, for updates.
    pub fn array_mut(&mut self, offset: u32) -> Option<ArrayMut<'_>> {
        let at = ArrayCoords::of(&self.view().get_array(offset)?);
        Some(ArrayMut { buf: self.buf, schema: self.schema, at })
    }
}

macro_rules! setters {
    ($($name:ident: $t:ty),*) => {
        impl StructMut<'_> {$(
            #[doc = concat!("Set the `", stringify!($t), "` field at `offset` (see [`StructMut::set`]).")]
            #[inline]
            pub fn $name(&mut self, offset: u32, value: $t) -> Result<(), SetError> {
                self.set(offset, value)
            }
        )*}
    };
}
setters!(set_u8: u8, set_i8: i8, set_u16: u16, set_i16: i16, set_u32: u32, set_i32: i32,
         set_u64: u64, set_i64: i64, set_f32: f32, set_f64: f64, set_bool: bool,
         set_u128: u128, set_v128: [u8; 16]);

/// Where an [`ArrayMut`] sits.
#[derive(Clone, Copy, Debug)]
struct ArrayCoords {
    start: usize,
    count: usize,
    stride: usize,
    type_id: u16,
}

impl ArrayCoords {
    fn of(view: &ArrayView<'_>) -> ArrayCoords {
        ArrayCoords { start: view.body.start(), count: view.len(), stride: view.stride(), type_id: view.type_id }
    }
}

/// An array object, for updates of its scalar elements and value elements.
#[derive(Debug)]
pub struct ArrayMut<'b> {
    buf: &'b mut [u8],
    schema: &'b Schema,
    at: ArrayCoords,
}

impl ArrayMut<'_> {
    fn body_len(&self) -> usize {
        self.at.count * self.at.stride
    }

    /// Read access.
    pub fn view(&self) -> ArrayView<'_> {
        let a = self.at;
        let body = Span::new(self.buf, a.start, self.body_len()).unwrap_or(Span::EMPTY);
        match self.schema.type_info(a.type_id) {
            Some(info) => ArrayView::new(body, self.schema, a.type_id, a.count as u32, info),
            None => ArrayView::default(),
        }
    }

    pub fn len(&self) -> usize {
        self.at.count
    }

    pub fn is_empty(&self) -> bool {
        self.at.count == 0
    }

    /// Set scalar element `index` (checked like [`StructMut::set`]).
    pub fn set<T: Scalar>(&mut self, index: usize, value: T) -> Result<(), SetError> {
        if index >= self.at.count {
            return Err(SetError::Absent);
        }
        self.element_target(index).write(self.buf, self.schema, 0, value.to_raw().as_ref())
    }

    fn element_target(&self, index: usize) -> Target {
        let a = self.at;
        Target { start: a.start, len: self.body_len(), owner: a.type_id, base: index * a.stride }
    }

    /// Value element `index`, for updates.
    pub fn element_mut(&mut self, index: usize) -> Option<StructMut<'_>> {
        let at = Coords::of(&self.view().element(index)?);
        Some(StructMut { buf: self.buf, schema: self.schema, at })
    }

    /// The struct reference element `index` points to, for updates.
    pub fn struct_mut(&mut self, index: usize) -> Option<StructMut<'_>> {
        let at = Coords::of(&self.view().get_struct(index)?);
        Some(StructMut { buf: self.buf, schema: self.schema, at })
    }

    /// The elements as a mutable typed slice, for arrays whose elements carry no checks (plain
    /// numbers), under the conditions of [`ArrayView::as_slice`].
    pub fn as_mut_slice<T: Plain>(&mut self) -> Option<&mut [T]> {
        let info = self.schema.type_info(self.at.type_id)?;
        if !info.checks.is_empty() || core::mem::size_of::<T>() != self.at.stride {
            return None;
        }
        let (start, len) = (self.at.start, self.body_len());
        cast_slice_mut(self.buf.get_mut(start..start + len)?)
    }
}

/// The body a write goes to: `start..start + len` of the buffer, described by `owner`'s checks,
/// whose key 0 sits `base` bytes into the body (the element start for an array, else 0).
struct Target {
    start: usize,
    len: usize,
    owner: u16,
    base: usize,
}

impl Target {
    /// Write `bytes` at check coordinate `key` if the checks still pass afterwards.
    fn write(&self, buf: &mut [u8], schema: &Schema, key: usize, bytes: &[u8]) -> Result<(), SetError> {
        let at = self.base.saturating_add(key);
        if at > self.len || bytes.len() > self.len - at {
            return Err(SetError::Absent);
        }
        let info = schema.type_info(self.owner).ok_or(SetError::Absent)?;
        if info.kind == crate::schema::Kind::Array {
            // A write must stay inside its element, and so must every check (malformed tables).
            let stride = info.size as usize;
            let fits = |c: &Check| c.offset() as usize + c.size() as usize <= stride;
            if key + bytes.len() > stride || !info.checks.iter().all(fits) {
                return Err(SetError::Absent);
            }
        }
        let body = buf.get_mut(self.start..self.start + self.len).ok_or(SetError::Absent)?;
        for check in info.checks {
            self.still_valid(body, check, key, bytes)?;
        }
        body[at..at + bytes.len()].copy_from_slice(bytes);
        Ok(())
    }

    /// Whether `check` passes once `bytes` are written at `key` (vacuous if they do not touch it
    /// or it is absent from this body).
    fn still_valid(&self, body: &[u8], check: &Check, key: usize, bytes: &[u8]) -> Result<(), SetError> {
        let (off, size) = (check.offset() as usize, check.size() as usize);
        let touches = off < key + bytes.len() && key < off + size;
        let present = self.base + off + size <= self.len;
        if !touches || !present {
            return Ok(());
        }
        let byte = |p: usize| if (key..key + bytes.len()).contains(&p) { bytes[p - key] } else { body[self.base + p] };
        match *check {
            Check::Ref { .. } => Err(SetError::Reference),
            Check::Bool { .. } if byte(off) > 1 => Err(SetError::InvalidValue),
            Check::Bool { .. } => Ok(()),
            Check::Enum { values, .. } => {
                let value = (0..size.min(8)).fold(0u64, |v, i| v | (u64::from(byte(off + i)) << (8 * i)));
                match values.binary_search(&value) {
                    Ok(_) => Ok(()),
                    Err(_) => Err(SetError::InvalidValue),
                }
            }
        }
    }
}
