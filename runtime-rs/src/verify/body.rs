//! Body checks: struct fields, array elements, references, UTF-8 (LAYOUT.md sections 4-6).

use super::pass::{rd32, Pass};
use crate::error::{Error, ErrorKind};
use crate::schema::{Check, Heap, Kind, TYPE_ID_BYTES, TYPE_ID_STRING};

#[inline]
fn fail(kind: ErrorKind, offset: usize) -> Error {
    Error::new(kind, offset as u32)
}

impl Pass<'_, '_> {
    /// The checks of a struct body at `body` with stored size `size`; `h` is its tag word.
    #[inline]
    pub(super) fn struct_body(&self, h: usize, body: usize, size: usize, checks: &[Check]) -> Result<(), Error> {
        for check in checks {
            let end = check.offset() as usize + check.size() as usize;
            if end <= size {
                self.check(check, body + check.offset() as usize, h)?;
            } else if let Check::Ref { nullable: false, .. } = check {
                return Err(fail(ErrorKind::RequiredFieldAbsent, h));
            }
        }
        Ok(())
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
        match *checks {
            [Check::Ref { offset: 0, nullable, heap }] if stride == 4 => {
                for at in (body..body + 4 * count).step_by(4) {
                    self.reference(rd32(self.buf, at), at, h, nullable, heap)?;
                }
                Ok(())
            }
            [Check::Bool { offset: 0 }] if stride == 1 => self.bools(body, count),
            // A zero-size element: every element is the same zero bytes, so one check is all.
            _ if stride == 0 => self.struct_body(h, body, 0, checks),
            _ => {
                let size = count * stride;
                for base in (0..size).step_by(stride) {
                    self.struct_body(h, body + base, size - base, checks)?;
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

    /// One present check at absolute offset `at`, inside the object whose tag word is at `h`.
    #[inline(always)]
    fn check(&self, check: &Check, at: usize, h: usize) -> Result<(), Error> {
        match *check {
            Check::Ref { nullable, heap, .. } => self.reference(rd32(self.buf, at), at, h, nullable, heap),
            Check::Bool { .. } => match self.buf[at] {
                0 | 1 => Ok(()),
                _ => Err(fail(ErrorKind::InvalidBool, at)),
            },
            Check::Enum { width, values, .. } => {
                let mut raw = [0u8; 8];
                let width = usize::from(width).min(8);
                raw[..width].copy_from_slice(&self.buf[at..at + width]);
                match values.binary_search(&u64::from_le_bytes(raw)) {
                    Ok(_) => Ok(()),
                    Err(_) => Err(fail(ErrorKind::InvalidEnum, at)),
                }
            }
        }
    }

    /// A reference `v` stored at `at` by the object whose tag word is at `h`, in the order of
    /// LAYOUT.md section 6.
    #[inline(always)]
    fn reference(&self, v: u32, at: usize, h: usize, nullable: bool, heap: Heap) -> Result<(), Error> {
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
        if !self.accepts(heap, rd32(self.buf, target) as u16) {
            return Err(fail(ErrorKind::RefTypeMismatch, at));
        }
        Ok(())
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

    /// A string body `body..end`, zero-padded to `padded`: ASCII words first, then full UTF-8.
    #[inline(always)]
    pub(super) fn utf8(&self, body: usize, end: usize, padded: usize) -> Result<(), Error> {
        // The tail padding is already known to be zero, and zero is ASCII: scan whole words.
        if is_ascii(&self.buf[body..padded]) || simdutf8::basic::from_utf8(&self.buf[body..end]).is_ok() {
            return Ok(());
        }
        Err(fail(ErrorKind::InvalidUtf8, body))
    }
}

/// Whether no byte has its high bit set: 16 bytes per step, then the 4-byte words left.
#[inline(always)]
fn is_ascii(bytes: &[u8]) -> bool {
    let (blocks, rest) = bytes.as_chunks::<16>();
    let mut acc = 0u128;
    for block in blocks {
        acc |= u128::from_ne_bytes(*block);
    }
    let (words, tail) = rest.as_chunks::<4>();
    let mut small = 0u32;
    for word in words {
        small |= u32::from_ne_bytes(*word);
    }
    for &b in tail {
        small |= u32::from(b);
    }
    acc & 0x8080_8080_8080_8080_8080_8080_8080_8080 == 0 && small & 0x8080_8080 == 0
}
