//! The verifier: one forward pass over an untrusted buffer (docs/LAYOUT.md section 6).
//!
//! It reports the *first* broken rule in pass order, as `Error { kind, offset }`, so every wxl
//! runtime reports the same kind at the same offset. Memory: a bitmap of one bit per 4-byte word
//! (`bitmap_words(len)` u64s), reused across calls by [`Verifier`] or supplied by the caller to
//! [`verify_with_scratch`]. Nothing else is allocated, nothing recurses, and the work is linear
//! in the buffer length plus the number of checked fields.
//!
//! Invariants checked, in pass order (the rule name is the error kind):
//!
//! - `BUFFER_TOO_SHORT`: the buffer is at least 16 bytes long.
//! - `BUFFER_TOO_LONG`: the buffer is at most `0xFFFF_FFFC` bytes long (and, with caller scratch, at most what the scratch can map).
//! - `LENGTH_NOT_MULTIPLE_OF_4`: the length is a multiple of 4.
//! - `BAD_MAGIC`: bytes 0..4 are `57 58 4C 00`.
//! - `BAD_VERSION`: the u16 at 4 is 1.
//! - `BAD_FLAGS`: the u16 at 6 is 0.
//! - `WRONG_IDENTIFIER`: bytes 8..12 equal the expected identifier (only when one is asked for).
//! - `BAD_PADDING`: no run of more than 3 zero words between objects (reported at the 4th word).
//! - `BAD_PADDING`: the buffer does not end with a zero word (reported at the last word).
//! - `UNKNOWN_TYPE`: every tag word's type id is 1 (string), 2 (bytes) or a type of the schema.
//! - `NON_CANONICAL_LENGTH`: a long length (short length 0xFFFF) is at least 0xFFFF.
//! - `MISALIGNED_BODY`: every body offset is a multiple of its type's body alignment (at least 4).
//! - `OBJECT_OUT_OF_BOUNDS`: header, body (`count * stride` in 64 bits) and tail padding fit in the buffer.
//! - `BAD_PADDING`: the 0..3 tail padding bytes after each body are zero (reported at the first nonzero byte).
//! - `REQUIRED_FIELD_ABSENT`: a struct's non-null reference fields lie inside its stored size.
//! - `INVALID_BOOL`: every present bool field and bool element is 0 or 1.
//! - `INVALID_ENUM`: every present closed-enum field and element holds a declared value.
//! - `NULL_REF`: a null reference only where the reference is nullable.
//! - `REF_TYPE_MISMATCH`: an i31 value only where the heap type is `i31`, `eq` or `any`.
//! - `REF_NOT_OBJECT_START`: a reference is never `v & 3 == 2`.
//! - `REF_NOT_BACKWARD`: an object reference is smaller than the offset of its holder's tag word.
//! - `REF_NOT_OBJECT_START`: an object reference is the offset of a tag word already passed.
//! - `REF_TYPE_MISMATCH`: the target's type id is accepted by the reference's heap type (subtypes included).
//! - `INVALID_UTF8`: every string body is valid UTF-8.
//! - `ROOT_INVALID`: the root reference is a tag word passed in the pass, of the root type or a subtype.
//!
//! Body checks run in the order of the schema's check list (sorted by offset), array elements in
//! index order. Two choices LAYOUT.md now states too: a long-length word past the end of the
//! buffer is `OBJECT_OUT_OF_BOUNDS` (after the `MISALIGNED_BODY` check of body offset `tag + 8`);
//! with no root type (neither in the options nor in the schema) the root may be any object. One
//! only malformed tables can reach: an element check that does not fit inside the array body is
//! an absent field (and the readers agree: they trust no check they would see as absent).
//!
//! Speed (the same rules, fewer instructions): consecutive short strings form a *run* checked by
//! a tight loop with one ASCII scan for the whole run (`strings.rs`); a struct type's checks are
//! regrouped once per pass into a *plan* that proves the common valid case without early exits
//! (`plan.rs`); arrays of references get one branch-free sweep. Whenever a fast path cannot
//! prove an object valid, the ordered checks run on it, so errors and their offsets always come
//! from the plain rule-by-rule code (`body.rs`), which a naive verifier in the tests agrees with.

mod body;
mod pass;
mod plan;
mod strings;

use crate::error::{Error, ErrorKind};
use crate::read::Verified;
use crate::schema::Schema;

#[cfg(feature = "alloc")]
pub(crate) use pass::HEADER_LEN;

/// The magic bytes at offset 0.
pub const MAGIC: [u8; 4] = *b"WXL\0";
/// The layout version this runtime reads and writes.
pub const VERSION: u16 = 1;
/// The largest buffer length LAYOUT.md allows.
pub const MAX_BUFFER_LEN: usize = 0xFFFF_FFFC;

/// What the caller expects of a buffer besides the layout rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Check the header's identifier (`WRONG_IDENTIFIER`) when set.
    pub identifier: Option<[u8; 4]>,
    /// The root type id; `None` means the schema's root (any object if the schema has none).
    pub root: Option<u16>,
}

/// The number of u64 scratch words the bitmap needs for a buffer of `len` bytes.
#[inline]
pub const fn bitmap_words(len: usize) -> usize {
    (len / 4).div_ceil(64)
}

/// Verify `buf` using caller-provided scratch; allocates nothing.
///
/// `scratch` must hold at least [`bitmap_words`]`(buf.len())` words; a longer buffer than the
/// scratch can map is reported as `BUFFER_TOO_LONG` at offset 0 (a caller-imposed length limit).
pub fn verify_with_scratch<'a>(
    buf: &'a [u8],
    schema: &'a Schema,
    options: &Options,
    scratch: &mut [u64],
) -> Result<Verified<'a>, Error> {
    pass::check_length(buf)?;
    let words = bitmap_words(buf.len());
    let Some(marks) = scratch.get_mut(..words) else {
        return Err(Error::new(ErrorKind::BufferTooLong, 0));
    };
    pass::check_header(buf, options)?;
    pass::run(buf, schema, marks, options.root.or(schema.root))?;
    Verified::decode(buf, schema)
}

/// A verifier that keeps its bitmap between calls: no allocation once it has seen the largest
/// buffer.
#[cfg(feature = "alloc")]
#[derive(Clone, Debug, Default)]
pub struct Verifier {
    scratch: alloc::vec::Vec<u64>,
}

#[cfg(feature = "alloc")]
impl Verifier {
    pub fn new() -> Verifier {
        Verifier::default()
    }

    /// Verify `buf` against `schema`; on success the returned handle reads it in place.
    pub fn verify<'a>(
        &mut self,
        buf: &'a [u8],
        schema: &'a Schema,
        options: &Options,
    ) -> Result<Verified<'a>, Error> {
        let words = bitmap_words(buf.len().min(MAX_BUFFER_LEN));
        if self.scratch.len() < words {
            self.scratch.resize(words, 0);
        }
        verify_with_scratch(buf, schema, options, &mut self.scratch)
    }
}

/// Verify `buf` against `schema`, allocating a fresh bitmap. Use a [`Verifier`] to reuse it.
#[cfg(feature = "alloc")]
pub fn verify<'a>(buf: &'a [u8], schema: &'a Schema, options: &Options) -> Result<Verified<'a>, Error> {
    Verifier::new().verify(buf, schema, options)
}
