//! The header checks and the forward pass over the items (LAYOUT.md sections 3, 4.1, 6).

use super::plan::Plans;
use super::strings::{ascii_and_zero_tail, is_run_string, string_run};
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
enum Shape<'a> {
    Str,
    Bytes,
    Struct(&'a TypeInfo),
    Array(&'a TypeInfo),
}

/// What the body checks read: the buffer, the tables, and the bitmap of the tag words passed
/// so far (final for every word before the current item; see [`run`]).
#[derive(Clone, Copy)]
pub(crate) struct Checker<'a> {
    pub(super) buf: &'a [u8],
    pub(super) schema: &'a Schema,
    pub(super) marks: &'a [u64],
    /// The bitmap word of the current item (for the root check).
    pub(super) window: usize,
}

/// Steps 2 and 3 of the pass: every item from offset 16 to the end, then the root reference.
///
/// The bitmap word of the current item (`window`) is kept in a local (`bits`) and stored with a
/// plain store at each mark (never a read-modify-write); the pass zeroes each word it steps into.
/// So `marks` (at least `bitmap_words(len)` words, any contents) needs no clearing beforehand,
/// and a probe, always of an earlier offset, reads a final word.
///
/// Consecutive strings shorter than 128 bytes form a *run*, checked by a tight inner loop whose
/// UTF-8 check is one ASCII scan of the whole run (see `strings.rs`).
pub(crate) fn run(buf: &[u8], schema: &Schema, marks: &mut [u64], root: Option<u16>) -> Result<(), Error> {
    let len = buf.len();
    let mut pos = HEADER_LEN;
    let mut zeros = 0u32;
    marks[0] = 0;
    let mut map = Bitmap { marks, window: 0, bits: 0 };
    let mut plans = Plans::new();
    while pos < len {
        map.enter(pos);
        let tag = rd32(buf, pos);
        if is_run_string(tag) {
            zeros = 0;
            pos = string_run(buf, &mut map, pos)?;
            continue;
        }
        if tag == 0 {
            zeros += 1;
            if zeros > 3 {
                return err(ErrorKind::BadPadding, pos);
            }
            pos += 4;
            continue;
        }
        zeros = 0;
        let checker = Checker { buf, schema, marks: map.marks, window: map.window };
        let next = match short_struct(schema, tag) {
            Some(info) => checker.short_struct(pos, tag, info, &mut plans)?,
            None => checker.object(pos, tag, &mut plans)?,
        };
        map.mark(pos);
        pos = next;
    }
    if zeros > 0 {
        return err(ErrorKind::BadPadding, len - 4);
    }
    Checker { buf, schema, marks: map.marks, window: map.window }.root(root)
}

/// The bitmap being built: `bits` is the value of word `window`, stored at each mark.
pub(super) struct Bitmap<'m> {
    marks: &'m mut [u64],
    window: usize,
    bits: u64,
}

impl Bitmap<'_> {
    /// Step to the bitmap word of `pos`, zeroing the words stepped into.
    #[inline(always)]
    pub(super) fn enter(&mut self, pos: usize) {
        let to = pos / 256;
        if to != self.window {
            zero_words(self.marks, self.window, to);
            (self.window, self.bits) = (to, 0);
        }
    }

    /// Mark the tag word at `pos` (inside the current window).
    #[inline(always)]
    pub(super) fn mark(&mut self, pos: usize) {
        self.bits |= 1 << ((pos / 4) % 64);
        self.marks[self.window] = self.bits;
    }
}

/// The table of a struct type, if `tag` is the tag word of one with a short length.
#[inline(always)]
fn short_struct(schema: &Schema, tag: u32) -> Option<&TypeInfo> {
    let info = schema.types.get(usize::from((tag as u16).wrapping_sub(16)))?;
    (info.kind == Kind::Struct && tag >> 16 != LONG).then_some(info)
}

/// Zero the bitmap words after `from` up to `to`, inclusive.
#[inline(always)]
fn zero_words(marks: &mut [u64], from: usize, to: usize) {
    if to == from + 1 {
        marks[to] = 0;
    } else {
        marks[from + 1..=to].fill(0);
    }
}

impl<'a> Checker<'a> {
    /// Whether `pos` (4-aligned, before the current item) is a tag word already passed.
    #[inline(always)]
    pub(super) fn marked(&self, pos: usize) -> bool {
        let word = pos / 4;
        self.marks.get(word / 64).is_some_and(|bits| (bits >> (word % 64)) & 1 != 0)
    }

    #[inline(always)]
    fn shape(&self, id: u16) -> Option<Shape<'a>> {
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
    fn object(&self, pos: usize, tag: u32, plans: &mut Plans) -> Result<usize, Error> {
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
            Shape::Str => {
                if !ascii_and_zero_tail(self.buf, body, size, padded) {
            // Long strings are checked one by one.
                    self.string_slow(body, end)?;
                }
            }
            Shape::Bytes => {}
            Shape::Struct(info) => {
                let fields = &self.buf[body..end];
                if !info.checks.is_empty() && !self.planned(plans.get(tag as u16, info), pos, fields) {
                    self.fields(pos, body, fields, info.checks)?;
                }
            }
            Shape::Array(info) => {
                if !info.checks.is_empty() && count != 0 {
                    self.array_body(pos, body, count, info.size, info.checks)?;
                }
            }
        }
        Ok(padded)
    }

    /// A struct with a short length at `pos` (the commonest object after strings): the checks
    /// of [`Checker::object`] without the generality.
    #[inline(always)]
    fn short_struct(&self, pos: usize, tag: u32, info: &TypeInfo, plans: &mut Plans) -> Result<usize, Error> {
        let body = pos + 4;
        if body & (info.body_align.max(4) as usize - 1) != 0 {
            return err(ErrorKind::MisalignedBody, pos);
        }
        let end = body + (tag >> 16) as usize;
        let padded = (end + 3) & !3;
        if padded > self.buf.len() {
            return err(ErrorKind::ObjectOutOfBounds, pos);
        }
        self.tail_padding(end)?;
        if !info.checks.is_empty() {
            let fields = &self.buf[body..end];
            if !self.planned(plans.get(tag as u16, info), pos, fields) {
                self.fields(pos, body, fields, info.checks)?;
            }
        }
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
    pub(super) fn tail_padding(&self, end: usize) -> Result<(), Error> {
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

    /// Step 3: the root reference at offset 12 (`window` is the last bitmap word stepped into).
    fn root(&self, expected: Option<u16>) -> Result<(), Error> {
        let root = rd32(self.buf, 12);
        let at = root as usize;
        let invalid = Error::new(ErrorKind::RootInvalid, 12);
        let seen = at < self.buf.len() && at / 256 <= self.window && self.marked(at);
        if root == 0 || !root.is_multiple_of(4) || !seen {
            return Err(invalid);
        }
        let id = rd32(self.buf, at) as u16;
        match expected {
            Some(t) if !self.schema.is_subtype(id, t) => Err(invalid),
            _ => Ok(()),
        }
    }
}
