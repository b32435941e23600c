//! Body checks: struct fields, array elements, references, UTF-8 (LAYOUT.md sections 4-6).

use super::pass::Checker;
use crate::error::{Error, ErrorKind};
use crate::schema::{Check, Heap, Kind, TYPE_ID_BYTES, TYPE_ID_STRING};

#[inline]
fn fail(kind: ErrorKind, offset: usize) -> Error {
    Error::new(kind, offset as u32)
}

/// The 4 bytes at `at` of `bytes`, if they lie inside.
#[inline(always)]
fn field4(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(*bytes.get(at..)?.first_chunk::<4>()?))
}

impl Checker<'_> {
    /// The checks of a struct body, or of one array element: `fields` runs from the body (or
    /// element) start at buffer offset `base` to the end of the object's body, which decides
    /// presence; `h` is the object's tag word.
    #[inline]
    pub(super) fn fields(&self, h: usize, base: usize, fields: &[u8], checks: &[Check]) -> Result<(), Error> {
        for check in checks {
            match *check {
                Check::Ref { offset, nullable, heap } => {
                    let at = offset as usize;
                    match field4(fields, at) {
                        Some(v) if self.quick_ref(v, h, heap) => {}
                        Some(v) => self.reference(v, base + at, h, nullable, heap)?,
                        None if nullable => {}
                        None => return Err(fail(ErrorKind::RequiredFieldAbsent, h)),
                    }
                }
                Check::Bool { offset } => {
                    if let Some(&b) = fields.get(offset as usize) {
                        if b > 1 {
                            return Err(fail(ErrorKind::InvalidBool, base + offset as usize));
                        }
                    }
                }
                Check::Enum { offset, width, values } => self.enumeration(fields, base, offset, width, values)?,
            }
        }
        Ok(())
    }

    /// A closed enum of `width` bytes at `offset`, if present.
    #[inline]
    fn enumeration(&self, fields: &[u8], base: usize, offset: u32, width: u8, values: &[u64]) -> Result<(), Error> {
        let at = offset as usize;
        let Some(bytes) = fields.get(at..).and_then(|rest| rest.get(..usize::from(width))) else {
            return Ok(());
        };
        let mut raw = [0u8; 8];
        let n = bytes.len().min(8);
        raw[..n].copy_from_slice(&bytes[..n]);
        match values.binary_search(&u64::from_le_bytes(raw)) {
            Ok(_) => Ok(()),
            Err(_) => Err(fail(ErrorKind::InvalidEnum, base + at)),
        }
    }

    /// The element checks of an array of `count` elements of `stride` bytes at `body`.
    #[inline]
    pub(super) fn array_body(
        &self,
        h: usize,
        body: usize,
        count: u32,
        stride: u32,
        checks: &[Check],
    ) -> Result<(), Error> {
        let (count, stride) = (count as usize, stride as usize);
        let bytes = &self.buf[body..body + count * stride];
        match *checks {
            [Check::Ref { offset: 0, nullable, heap }] if stride == 4 => {
                let (words, _) = bytes.as_chunks::<4>();
                let exact = match heap {
                    Heap::Type(t) => t,
                    Heap::String => TYPE_ID_STRING,
                    Heap::Bytes => TYPE_ID_BYTES,
                    _ => 0,
                };
                // First the fast, branch-free test of every element; only if it fails, the
                // ordered checks that find the first error (or accept subtypes and nulls).
                if exact != 0 && words.iter().fold(true, |ok, w| ok & self.exact_ref(u32::from_le_bytes(*w), h, exact)) {
                    return Ok(());
                }
                for (i, word) in words.iter().enumerate() {
                    self.reference(u32::from_le_bytes(*word), body + 4 * i, h, nullable, heap)?;
                }
                Ok(())
            }
            [Check::Bool { offset: 0 }] if stride == 1 => self.bools(body, count),
            // A zero-size element: every element is the same zero bytes, so one check is all.
            _ if stride == 0 => self.fields(h, body, bytes, checks),
            _ => {
                for base in (0..bytes.len()).step_by(stride) {
                    self.fields(h, body + base, &bytes[base..], checks)?;
                }
                Ok(())
            }
        }
    }

    /// An array of bools: find the first byte above 1, if any, with a vectorizable scan.
    fn bools(&self, body: usize, count: usize) -> Result<(), Error> {
        let bytes = &self.buf[body..body + count];
        let (chunks, _) = bytes.as_chunks::<16>();
        let clean = chunks.len() * 16;
        let mut bad = 0u8;
        for chunk in chunks {
            bad |= chunk.iter().fold(0, |acc, &b| acc | (b & 0xFE));
        }
        let start = if bad == 0 { clean } else { 0 };
        match bytes[start..].iter().position(|&b| b > 1) {
            Some(i) => Err(fail(ErrorKind::InvalidBool, body + start + i)),
            None => Ok(()),
        }
    }

    /// The commonest valid reference, in few instructions: a 4-aligned offset in `1..h` of a
    /// marked tag word whose type id is exactly the one the heap type names. False means "not
    /// decided here", never "invalid".
    #[inline(always)]
    fn quick_ref(&self, v: u32, h: usize, heap: Heap) -> bool {
        let exact = match heap {
            Heap::Type(t) => t,
            Heap::String => TYPE_ID_STRING,
            Heap::Bytes => TYPE_ID_BYTES,
            _ => 0,
        };
        let target = v as usize;
        v & 3 == 0 && target.wrapping_sub(1) < h - 1 && self.marked(target) && self.type_id_at(target) == exact
    }

    /// A reference `v` stored at `at` by the object whose tag word is at `h`.
    #[inline(always)]
    fn reference(&self, v: u32, at: usize, h: usize, nullable: bool, heap: Heap) -> Result<(), Error> {
        // The common case in few branches: a 4-aligned offset in 1..h, of a marked tag word of
        // an accepted type.
        let target = v as usize;
        if v & 3 == 0 && target.wrapping_sub(1) < h - 1 {
            if self.marked(target) && self.accepts(heap, self.type_id_at(target)) {
                return Ok(());
            }
        } else if v == 0 && nullable {
            return Ok(());
        }
        self.reference_slow(v, at, h, nullable, heap)
    }

    /// Every other reference, checked in the order of LAYOUT.md section 6.
    #[inline(never)]
    fn reference_slow(&self, v: u32, at: usize, h: usize, nullable: bool, heap: Heap) -> Result<(), Error> {
        if v == 0 {
            return if nullable { Ok(()) } else { Err(fail(ErrorKind::NullRef, at)) };
        }
        if v & 1 != 0 {
            return match heap {
                Heap::Any | Heap::I31 => Ok(()),
                _ => Err(fail(ErrorKind::RefTypeMismatch, at)),
            };
        }
        if v & 2 != 0 {
            return Err(fail(ErrorKind::RefNotObjectStart, at));
        }
        let target = v as usize;
        if target >= h {
            return Err(fail(ErrorKind::RefNotBackward, at));
        }
        if !self.marked(target) {
            return Err(fail(ErrorKind::RefNotObjectStart, at));
        }
        if !self.accepts(heap, self.type_id_at(target)) {
            return Err(fail(ErrorKind::RefTypeMismatch, at));
        }
        Ok(())
    }

    /// The type id in the tag word at `at` (a marked tag word, so inside the buffer).
    #[inline(always)]
    pub(super) fn type_id_at(&self, at: usize) -> u16 {
        self.buf.get(at..).and_then(|rest| rest.first_chunk::<2>()).map_or(0, |id| u16::from_le_bytes(*id))
    }

    /// Whether an object of type `id` may be the target of a reference of heap type `heap`.
    #[inline(always)]
    fn accepts(&self, heap: Heap, id: u16) -> bool {
        let kind = || self.schema.type_info(id).map(|info| info.kind);
        match heap {
            Heap::Type(t) => id == t || self.schema.is_subtype(id, t),
            Heap::String => id == TYPE_ID_STRING,
            Heap::Bytes => id == TYPE_ID_BYTES,
            Heap::Struct => kind() == Some(Kind::Struct),
            Heap::Array => id == TYPE_ID_STRING || id == TYPE_ID_BYTES || kind() == Some(Kind::Array),
            Heap::Any => true,
            Heap::I31 | Heap::None => false,
        }
    }
}
