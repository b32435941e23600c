//! The string fast path: most objects of a typical buffer are short ASCII strings.
//!
//! One kernel checks, 16 bytes per load, that a string body is ASCII *and* that its tail padding
//! is zero. Only when that fails does the precise path run: the tail padding check (for the
//! exact BAD_PADDING offset) and then a full UTF-8 check (simdutf8), as the pass order requires.

use super::pass::{rd32, Bitmap, Checker};
use crate::error::{Error, ErrorKind};

const HIGH: u64 = 0x8080_8080_8080_8080;

/// The 8 bytes at `at` (callers keep `at + 8 <= buf.len()`).
#[inline(always)]
fn rd64(buf: &[u8], at: usize) -> u64 {
    let bytes: [u8; 8] = buf[at..at + 8].try_into().unwrap_or([0; 8]);
    u64::from_le_bytes(bytes)
}

/// Whether the `n` bytes at `body` are ASCII and the bytes from `body + n` to `padded` are zero.
/// `padded - body` is `n` rounded up to a multiple of 4, and `padded >= 20` (the header comes
/// first), so the 8 bytes ending at `padded` are inside the buffer. Plain u64 loads and shifts:
/// a short string costs one or two loads.
#[inline(always)]
pub(super) fn ascii_and_zero_tail(buf: &[u8], body: usize, n: usize, padded: usize) -> bool {
    let m = padded - body;
    if m == 0 {
        return true;
    }
    let pad_bits = 8 * (m - n) as u32;
    // The last 8 bytes end at `padded`: their top `m - n` bytes are the tail padding.
    let last = rd64(buf, padded - 8);
    let tail_zero = pad_bits == 0 || last >> (64 - pad_bits) == 0;
    let data = if m <= 8 {
        // Only the top `m` bytes belong to the string (the rest is its tag word and before).
        last >> (64 - 8 * m as u32)
    } else {
        let mut acc = last;
        let mut k = 0;
        while k + 8 < m {
            acc |= rd64(buf, body + k);
            k += 8;
        }
        acc
    };
    tail_zero && data & HIGH == 0
}

/// A string of fewer than 128 bytes, short length form: its tag word is `01 00 n 00` with
/// `n < 0x80`, all ASCII bytes. A run of such strings and zero padding words is therefore all
/// ASCII exactly when every string in it is.
#[inline(always)]
pub(super) fn is_run_string(tag: u32) -> bool {
    tag & 0xFF80_FFFF == u32::from(crate::schema::TYPE_ID_STRING)
}

/// Whether every byte of `bytes` is ASCII: an OR of 8-byte words, which the compiler
/// vectorizes.
#[inline]
fn all_ascii(bytes: &[u8]) -> bool {
    let (words, rest) = bytes.as_chunks::<8>();
    let acc = words.iter().fold(0u64, |acc, w| acc | u64::from_ne_bytes(*w));
    let rest = rest.iter().fold(0u8, |acc, &b| acc | b);
    acc & HIGH == 0 && rest < 0x80
}

/// The bytes of the last word of a string body that must be zero, by `n % 4`.
const TAIL: [u32; 4] = [0, 0xFFFF_FF00, 0xFFFF_0000, 0xFF00_0000];

/// A run of strings from `start` (whose tag word is a run string): marks them, checks bounds
/// and tail padding one by one and UTF-8 once for the whole run; returns where the run ends.
#[inline(always)]
pub(super) fn string_run(buf: &[u8], map: &mut Bitmap<'_>, start: usize) -> Result<usize, Error> {
    let len = buf.len();
    let mut pos = start;
    loop {
        let tag = rd32(buf, pos);
        if !is_run_string(tag) {
            break;
        }
        let n = (tag >> 16) as usize;
        let padded = (pos + n + 7) & !3;
        let last = match buf.get(padded - 4..padded) {
            Some(word) if u32::from_le_bytes([word[0], word[1], word[2], word[3]]) & TAIL[n % 4] == 0 => padded,
            _ => return Err(string_error(buf, start, pos, n)),
        };
        map.mark(pos);
        pos = last;
        if pos >= len {
            break;
        }
        map.enter(pos);
    }
    if !all_ascii(&buf[start..pos]) {
        run_utf8_slow(buf, start, pos)?;
    }
    Ok(pos)
}

/// The error of the run string at `pos` (out of bounds or nonzero tail padding), unless a
/// string of the run before it is not UTF-8: that comes first in pass order.
#[cold]
fn string_error(buf: &[u8], start: usize, pos: usize, n: usize) -> Error {
    if let Err(e) = run_utf8_slow(buf, start, pos) {
        return e;
    }
    let end = pos + 4 + n;
    if (end + 3) & !3 > buf.len() {
        return Error::new(ErrorKind::ObjectOutOfBounds, pos as u32);
    }
    let first = (end..).zip(&buf[end..(end + 3) & !3]).find(|(_, &b)| b != 0).map_or(end, |(at, _)| at);
    Error::new(ErrorKind::BadPadding, first as u32)
}

/// Some string of the run `start..end` may not be ASCII: check them one by one, in order.
#[inline(never)]
fn run_utf8_slow(buf: &[u8], start: usize, end: usize) -> Result<(), Error> {
    let mut pos = start;
    while pos < end {
        let n = (rd32(buf, pos) >> 16) as usize;
        let body = &buf[pos + 4..pos + 4 + n];
        if !all_ascii(body) && simdutf8::basic::from_utf8(body).is_err() {
            return Err(Error::new(ErrorKind::InvalidUtf8, pos as u32 + 4));
        }
        pos = (pos + n + 7) & !3;
    }
    Ok(())
}

impl Checker<'_> {
    /// The precise checks of a string body, in pass order: tail padding, then UTF-8.
    #[inline(never)]
    pub(super) fn string_slow(&self, body: usize, end: usize) -> Result<(), Error> {
        self.tail_padding(end)?;
        match simdutf8::basic::from_utf8(&self.buf[body..end]) {
            Ok(_) => Ok(()),
            Err(_) => Err(Error::new(ErrorKind::InvalidUtf8, body as u32)),
        }
    }
}
