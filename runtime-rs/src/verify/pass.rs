//! The header checks and the forward pass over the items (LAYOUT.md sections 3, 4.1, 6).

use super::{Options, MAGIC, MAX_BUFFER_LEN, VERSION};
use crate::error::{Error, ErrorKind};
use crate::schema::{Kind, Schema, TypeInfo, TYPE_ID_BYTES, TYPE_ID_STRING};

/// Objects start after the 16-byte header.
pub(crate) const HEADER_LEN: usize = 16;
/// The short length that announces a long length word.
pub(crate) const LONG: u32 = 0xFFFF;

/// The u32 at `at`. Callers keep `at + 4 <= buf.len()`; a slip would panic, never misread.
#[inline(always)]
pub(crate) fn rd32(buf: &[u8], at: usize) -> u32 {
    let word: [u8; 4] = buf[at..at + 4].try_into().unwrap_or([0; 4]);
    u32::from_le_bytes(word)
}

#[inline]
fn err<T>(kind: ErrorKind, offset: usize) -> Result<T, Error> {
    // Every offset is below the buffer length, itself at most 0xFFFF_FFFC.
    Err(Error::new(kind, offset as u32))
}

/// `BUFFER_TOO_SHORT`, `BUFFER_TOO_LONG`, `LENGTH_NOT_MULTIPLE_OF_4`, in that order.
pub(crate) fn check_length(buf: &[u8]) -> Result<(), Error> {
    if buf.len() < HEADER_LEN {
        return err(ErrorKind::BufferTooShort, 0);
    }
    if buf.len() > MAX_BUFFER_LEN {
        return err(ErrorKind::BufferTooLong, 0);
    }
    if !buf.len().is_multiple_of(4) {
        return err(ErrorKind::LengthNotMultipleOf4, 0);
    }
    Ok(())
}

/// The header fields after the length checks: magic, version, flags, identifier.
pub(crate) fn check_header(buf: &[u8], options: &Options) -> Result<(), Error> {
    if buf[0..4] != MAGIC {
        return err(ErrorKind::BadMagic, 0);
    }
    if buf[4..6] != VERSION.to_le_bytes() {
        return err(ErrorKind::BadVersion, 4);
    }
    if buf[6..8] != [0, 0] {
        return err(ErrorKind::BadFlags, 6);
    }
    match options.identifier {
        Some(id) if buf[8..12] != id => err(ErrorKind::WrongIdentifier, 8),
        _ => Ok(()),
    }
}

/// What a type id names, as far as the pass cares.
#[derive(Clone, Copy)]
enum Shape<'s> {
    Str,
    Bytes,
    Struct(&'s TypeInfo),
    Array(&'s TypeInfo),
}

/// The state of one pass: the buffer, the tables and the bitmap of tag words seen so far.
pub(crate) struct Pass<'b, 's> {
    pub(super) buf: &'b [u8],
    pub(super) schema: &'s Schema,
    marks: &'b mut [u64],
}

impl<'b, 's> Pass<'b, 's> {
    /// `marks` must be zeroed and hold `bitmap_words(buf.len())` words.
    pub(crate) fn new(buf: &'b [u8], schema: &'s Schema, marks: &'b mut [u64]) -> Self {
        Pass { buf, schema, marks }
    }

    #[inline(always)]
    fn mark(&mut self, pos: usize) {
        let word = pos / 4;
        self.marks[word / 64] |= 1 << (word % 64);
    }

    /// Whether `pos` (4-aligned, below the buffer length) is a tag word already passed.
    #[inline(always)]
    pub(super) fn marked(&self, pos: usize) -> bool {
        let word = pos / 4;
        (self.marks[word / 64] >> (word % 64)) & 1 != 0
    }

    /// Step 2: every item from offset 16 to the end.
    pub(crate) fn objects(&mut self) -> Result<(), Error> {
        let len = self.buf.len();
        let mut pos = HEADER_LEN;
        let mut zeros = 0u32;
        while pos < len {
            let tag = rd32(self.buf, pos);
            if tag != 0 {
                zeros = 0;
                pos = self.object(pos, tag)?;
                continue;
            }
            zeros += 1;
            if zeros > 3 {
                return err(ErrorKind::BadPadding, pos);
            }
            pos += 4;
        }
        if zeros > 0 {
            return err(ErrorKind::BadPadding, len - 4);
        }
        Ok(())
    }

    #[inline(always)]
    fn shape(&self, id: u16) -> Option<Shape<'s>> {
        match id {
            TYPE_ID_STRING => Some(Shape::Str),
            TYPE_ID_BYTES => Some(Shape::Bytes),
            _ => {
                let info = self.schema.types.get(usize::from(id.checked_sub(16)?))?;
                match info.kind {
                    Kind::Struct => Some(Shape::Struct(info)),
                    Kind::Array => Some(Shape::Array(info)),
                    Kind::Unused => None,
                }
            }
        }
    }

    /// One object whose nonzero tag word is at `pos`; returns where the next item starts.
    #[inline(always)]
    fn object(&mut self, pos: usize, tag: u32) -> Result<usize, Error> {
        let len = self.buf.len();
        let Some(shape) = self.shape(tag as u16) else {
            return err(ErrorKind::UnknownType, pos);
        };
        let (align, unit) = match shape {
            Shape::Str | Shape::Bytes => (4, 1),
            Shape::Struct(info) => (info.body_align.max(4), 1),
            Shape::Array(info) => (info.body_align.max(4), info.size),
        };
        let (count, body) = match self.length(pos, tag)? {
            Some(count) => count,
            None => {
                // The long length word itself lies past the end.
                if (pos + 8) & (align as usize - 1) != 0 {
                    return err(ErrorKind::MisalignedBody, pos);
                }
                return err(ErrorKind::ObjectOutOfBounds, pos);
            }
        };
        if body & (align as usize - 1) != 0 {
            return err(ErrorKind::MisalignedBody, pos);
        }
        let size = u64::from(count) * u64::from(unit);
        let end = body as u64 + size;
        let padded = (end + 3) & !3;
        if padded > len as u64 {
            return err(ErrorKind::ObjectOutOfBounds, pos);
        }
        let (end, padded, size) = (end as usize, padded as usize, size as usize);
        self.tail_padding(end)?;
        match shape {
            Shape::Str => self.utf8(body, end, padded)?,
            Shape::Bytes => {}
            Shape::Struct(info) => {
                if !info.checks.is_empty() {
                    self.struct_body(pos, body, size, info.checks)?;
                }
            }
            Shape::Array(info) => {
                if !info.checks.is_empty() && count != 0 {
                    self.array_body(pos, body, count, info.size, info.checks)?;
                }
            }
        }
        self.mark(pos);
        Ok(padded)
    }

    /// The length and body offset from the tag word at `pos`; `None` when the long length word
    /// would lie past the end of the buffer.
    #[inline(always)]
    fn length(&self, pos: usize, tag: u32) -> Result<Option<(u32, usize)>, Error> {
        let short = tag >> 16;
        if short != LONG {
            return Ok(Some((short, pos + 4)));
        }
        if pos + 8 > self.buf.len() {
            return Ok(None);
        }
        let long = rd32(self.buf, pos + 4);
        if long < LONG {
            return err(ErrorKind::NonCanonicalLength, pos + 4);
        }
        Ok(Some((long, pos + 8)))
    }

    /// The 0..3 bytes from `end` to the next multiple of 4 must be zero.
    #[inline(always)]
    fn tail_padding(&self, end: usize) -> Result<(), Error> {
        let used = end % 4;
        if used == 0 {
            return Ok(());
        }
        let rest = rd32(self.buf, end - used) >> (8 * used);
        if rest != 0 {
            return err(ErrorKind::BadPadding, end + rest.trailing_zeros() as usize / 8);
        }
        Ok(())
    }

    /// Step 3: the root reference at offset 12.
    pub(crate) fn root(&self, expected: Option<u16>) -> Result<u32, Error> {
        let root = rd32(self.buf, 12);
        let at = root as usize;
        let invalid = Error::new(ErrorKind::RootInvalid, 12);
        if root == 0 || !root.is_multiple_of(4) || at >= self.buf.len() || !self.marked(at) {
            return Err(invalid);
        }
        let id = rd32(self.buf, at) as u16;
        match expected {
            Some(t) if !self.schema.is_subtype(id, t) => Err(invalid),
            _ => Ok(root),
        }
    }
}
