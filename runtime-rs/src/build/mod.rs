//! Builders: write a buffer front to back, children before parents (LAYOUT.md sections 3-5).
//!
//! The same calls give the same bytes, and the choices below are the canonical ones every wxl
//! builder (Rust, C, WASM) makes, so equal inputs give identical buffers in every language:
//!
//! - The header is written last, by [`Builder::finish`]: magic, version 1, flags 0, the
//!   identifier given (four zero bytes for none), the root reference.
//! - Objects follow in call order from offset 16, with no gaps except alignment padding.
//! - Before a tag word, the *fewest* zero padding words (0..=3) that put the body at a multiple
//!   of its body alignment (4, 8 or 16; 4 for strings and byte strings).
//! - The long-length form (short length 0xFFFF, then a u32) exactly when the length is
//!   at least 0xFFFF; the padding is computed for the header size actually used.
//! - A struct's stored size is its declared size: every field is written, defaults included
//!   (fields never set are zero). Unused bytes inside a body (gaps between fields) are zero.
//! - After each body, zero bytes up to the next multiple of 4.
//! - Shared strings ([`Builder::shared_string`]) are written once, the first time their text is
//!   seen since the last `clear`, and later calls return that first object.
//!
//! Storage is 16-byte aligned (`Vec<u128>`), so readers can hand out typed slices of any array
//! in a built buffer. `clear` keeps the storage: a reused builder does not allocate.
//! [`Builder::from_external`] builds into memory the caller provides ([`ExternalWords`]: a slot
//! of a shared-memory ring, say) until the buffer outgrows it; then the builder moves what it
//! wrote into storage of its own (one copy) and goes on there.
//!
//! Panics: on misuse only: a body alignment other than 4, 8 or 16, a field write outside the
//! declared size, a length above `u32::MAX` or a buffer above `0xFFFF_FFFC` bytes.

mod objects;
mod shared;
mod typed;

pub use objects::{ArrayBuilder, StructBuilder};
pub use crate::raw::ExternalWords;
pub use typed::{AnyArg, AnyArray, AnyStruct, Subtype};

use crate::raw::{as_bytes, as_bytes_mut};
use crate::schema::{TYPE_ID_BYTES, TYPE_ID_STRING};
use crate::verify::{HEADER_LEN, MAGIC, MAX_BUFFER_LEN, VERSION};
use alloc::vec::Vec;
use core::fmt;
use core::marker::PhantomData;

/// A reference to an object written by a [`Builder`]: the offset of its tag word. `T` is a
/// marker of what it points to (`str`, `[u8]`, or a type of the generated code).
#[repr(transparent)]
pub struct Ref<T: ?Sized = ()> {
    offset: u32,
    _target: PhantomData<fn() -> *const T>,
}

impl<T: ?Sized> Ref<T> {
    /// A reference to the object whose tag word is at `offset`.
    #[inline]
    pub const fn from_offset(offset: u32) -> Self {
        Ref { offset, _target: PhantomData }
    }

    /// The value stored in a reference slot.
    #[inline]
    pub const fn offset(self) -> u32 {
        self.offset
    }

    /// The same reference with another marker (an upcast, say).
    #[inline]
    pub const fn cast<U: ?Sized>(self) -> Ref<U> {
        Ref::from_offset(self.offset)
    }
}

impl<T: ?Sized> Clone for Ref<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: ?Sized> Copy for Ref<T> {}
impl<T: ?Sized> PartialEq for Ref<T> {
    fn eq(&self, other: &Self) -> bool {
        self.offset == other.offset
    }
}
impl<T: ?Sized> Eq for Ref<T> {}
impl<T: ?Sized> core::hash::Hash for Ref<T> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self.offset.hash(state);
    }
}
impl<T: ?Sized> fmt::Debug for Ref<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ref({})", self.offset)
    }
}

/// The short length that announces a long length word.
const LONG: usize = 0xFFFF;

/// Where a builder writes: its own vector, or memory lent to it.
enum Storage {
    Owned(Vec<u128>),
    External(ExternalWords),
}

impl Storage {
    #[inline(always)]
    fn words(&self) -> &[u128] {
        match self {
            Storage::Owned(words) => words,
            Storage::External(words) => words.as_slice(),
        }
    }

    #[inline(always)]
    fn words_mut(&mut self) -> &mut [u128] {
        match self {
            Storage::Owned(words) => words,
            Storage::External(words) => words.as_mut_slice(),
        }
    }
}

/// Writes one buffer at a time; `clear` to start the next one in the same storage.
pub struct Builder {
    /// 16-aligned storage, all of it initialized; bytes past `len` are scratch.
    words: Storage,
    /// Bytes written so far, header included.
    len: usize,
    shared: shared::Table,
}

impl Default for Builder {
    /// An empty builder with no storage (not even the header placeholder: use `new`).
    fn default() -> Builder {
        Builder { words: Storage::Owned(Vec::new()), len: 0, shared: shared::Table::default() }
    }
}

impl Clone for Builder {
    /// A builder with the same bytes, in storage of its own (also when `self` writes into
    /// external memory: that memory has one owner).
    fn clone(&self) -> Builder {
        Builder { words: Storage::Owned(self.words.words().to_vec()), len: self.len, shared: self.shared.clone() }
    }
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Builder").field("len", &self.len).finish_non_exhaustive()
    }
}

impl Builder {
    pub fn new() -> Builder {
        Builder::with_capacity(0)
    }

    /// A builder whose first buffer of up to `bytes` bytes will not reallocate.
    pub fn with_capacity(bytes: usize) -> Builder {
        let mut builder = Builder::default();
        builder.reserve(bytes.max(HEADER_LEN));
        builder.clear();
        builder
    }

    /// A builder that writes into `memory` (from its start, header first) until the buffer
    /// needs more room than `memory` has (counting up to 28 bytes of scratch past the last
    /// object); then it copies what it wrote into storage of its own, drops `memory` (its owner
    /// learns the memory is free again), and goes on there. [`is_external`](Self::is_external)
    /// tells which happened; [`take_external`](Self::take_external) gives the memory back.
    pub fn from_external(memory: ExternalWords) -> Builder {
        let mut builder = Builder { words: Storage::External(memory), len: 0, shared: shared::Table::default() };
        builder.clear();
        builder
    }

    /// True while the builder writes into memory given to [`from_external`](Self::from_external).
    #[inline]
    pub fn is_external(&self) -> bool {
        matches!(self.words, Storage::External(_))
    }

    /// Start a new buffer in `memory`, as [`from_external`](Self::from_external) does, but
    /// keeping this builder's other allocations (the shared-string table): the way to reuse
    /// one builder for buffer after buffer in lent memory. The storage it had is dropped.
    pub fn use_external(&mut self, memory: ExternalWords) {
        self.words = Storage::External(memory);
        self.clear();
    }

    /// The external memory with everything written so far (the buffer is its first
    /// [`len`](Self::len) bytes), or `None` when the builder writes into its own storage. The
    /// builder is left with no storage (its other allocations are kept): `clear` starts a new
    /// buffer in a vector, [`use_external`](Self::use_external) in other lent memory.
    pub fn take_external(&mut self) -> Option<ExternalWords> {
        if !self.is_external() {
            return None;
        }
        self.len = 0;
        match core::mem::replace(&mut self.words, Storage::Owned(Vec::new())) {
            Storage::External(words) => Some(words),
            Storage::Owned(_) => None,
        }
    }

    /// Forget the current buffer, keeping the storage.
    pub fn clear(&mut self) {
        self.len = 0;
        self.push_zeros(HEADER_LEN);
        self.shared.clear();
    }

    /// Bytes written so far (header included).
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when nothing but the header placeholder has been written.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == HEADER_LEN
    }

    /// The bytes written so far (the header is complete only after `finish`).
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        &as_bytes(self.words.words())[..self.len]
    }

    /// Write the header with the root and the identifier (`[0; 4]` for none); the buffer.
    pub fn finish<T: ?Sized>(&mut self, root: Ref<T>, identifier: [u8; 4]) -> &[u8] {
        assert!(self.len <= MAX_BUFFER_LEN, "wxl buffer longer than 0xFFFF_FFFC bytes");
        let bytes = as_bytes_mut(self.words.words_mut());
        bytes[0..4].copy_from_slice(&MAGIC);
        bytes[4..6].copy_from_slice(&VERSION.to_le_bytes());
        bytes[6..8].copy_from_slice(&[0, 0]);
        bytes[8..12].copy_from_slice(&identifier);
        bytes[12..16].copy_from_slice(&root.offset.to_le_bytes());
        self.as_bytes()
    }

    /// A string object.
    #[inline]
    pub fn string(&mut self, text: &str) -> Ref<str> {
        self.blob(TYPE_ID_STRING, text.as_bytes()).cast()
    }

    /// A byte-string object.
    pub fn bytes(&mut self, data: &[u8]) -> Ref<[u8]> {
        self.blob(TYPE_ID_BYTES, data).cast()
    }

    /// A string object written once per distinct text (since the last `clear`).
    pub fn shared_string(&mut self, text: &str) -> Ref<str> {
        if let Some(found) = self.shared.find(self.as_bytes(), text) {
            return Ref::from_offset(found);
        }
        let made = self.string(text);
        let buf = &as_bytes(self.words.words())[..self.len];
        self.shared.insert(buf, text, made.offset);
        made
    }

    /// A string or bytes object: 4-aligned body, `data`, tail padding.
    #[inline]
    fn blob(&mut self, type_id: u16, data: &[u8]) -> Ref {
        self.object(type_id, 4, data)
    }

    /// An object whose body is `body` (a struct's stored bytes, or a string's or byte string's
    /// text) aligned to `align`: padding, tag word (and long length), body, tail padding.
    #[inline(always)]
    pub(crate) fn object(&mut self, type_id: u16, align: u32, body: &[u8]) -> Ref {
        let n = body.len();
        match self.short_object(type_id, align, n, false) {
            Some((at, start)) => {
                self.slice_mut(start, n).copy_from_slice(body);
                at
            }
            None => {
                let at = self.tag(type_id, align, n, n);
                self.push_bytes(body);
                self.pad();
                at
            }
        }
    }

    /// The common case of [`tag`](Self::tag) for an object of fewer than 0xFFFF body bytes:
    /// padding, tag word, `n` body bytes (zeroed if `zero_body`, else left for the caller to
    /// write) and the zero tail padding, with one reserve and one bounds check; returns the
    /// reference and where the body starts. `None` (nothing written) for a long object.
    #[inline(always)]
    pub(crate) fn short_object(&mut self, type_id: u16, align: u32, n: usize, zero_body: bool) -> Option<(Ref, usize)> {
        if n >= LONG || !self.len.is_multiple_of(4) {
            return None;
        }
        assert!(matches!(align, 4 | 8 | 16), "wxl body alignment must be 4, 8 or 16, not {align}");
        assert!(type_id != 0 && type_id != 0xFFFF, "wxl type id {type_id} names no type");
        // Up to 12 bytes of padding (one 16-byte store of zeros; the tag overwrites the rest),
        // the tag word, then the body and its tail padding zeroed (the caller overwrites them).
        let start = self.len;
        let padding = (start + 4).wrapping_neg() & (align as usize - 1);
        let padded = (n + 3) & !3;
        self.reserve(16 + 4 + padded);
        let out = self.slice_mut(start, 16 + 4 + padded);
        out[..16].fill(0);
        let body_at = padding + 4;
        if zero_body {
            out[body_at..body_at + padded].fill(0);
        } else {
            // The word holding the tail padding (the body overwrites its start).
            let last = body_at + (n & !3);
            out[last..last + 4].fill(0);
        }
        out[padding..body_at].copy_from_slice(&((n as u32) << 16 | u32::from(type_id)).to_le_bytes());
        self.len = start + body_at + padded;
        Some((Ref::from_offset((start + padding) as u32), start + body_at))
    }

    /// Grow the storage so that `extra` more bytes fit.
    #[inline]
    fn reserve(&mut self, extra: usize) {
        let need = self.len + extra;
        if need > self.words.words().len() * 16 {
            self.grow(need);
        }
    }

    #[cold]
    fn grow(&mut self, need: usize) {
        // The last object may be followed by up to 16 bytes of scratch writes (see `tag`).
        assert!(need as u64 <= MAX_BUFFER_LEN as u64 + 32, "wxl buffer longer than 0xFFFF_FFFC bytes");
        let old = self.words.words().len();
        let words = need.div_ceil(16).max(old * 2).max(64);
        match &mut self.words {
            Storage::Owned(vec) => vec.resize(words, 0),
            Storage::External(external) => {
                // Outgrown: move into a vector (the bytes written so far, rounded to words),
                // and drop the external memory, which tells its owner it is free.
                let mut vec = alloc::vec![0u128; words];
                let used = self.len.div_ceil(16).min(old);
                vec[..used].copy_from_slice(&external.as_slice()[..used]);
                self.words = Storage::Owned(vec);
            }
        }
    }

    /// Copy `data` to the end (capacity reserved by the caller or here).
    #[inline]
    fn push_bytes(&mut self, data: &[u8]) {
        self.reserve(data.len());
        let start = self.len;
        self.slice_mut(start, data.len()).copy_from_slice(data);
        self.len += data.len();
    }

    /// `n` zero bytes; returns where they start.
    #[inline]
    fn push_zeros(&mut self, n: usize) -> usize {
        self.reserve(n);
        let start = self.len;
        self.slice_mut(start, n).fill(0);
        self.len += n;
        start
    }

    /// Zero bytes up to the next multiple of 4: one 4-byte store (the space past the end is
    /// scratch, reserved by `tag`), then the length moves.
    #[inline]
    fn pad(&mut self) {
        self.reserve(4);
        let start = self.len;
        self.slice_mut(start, 4).fill(0);
        self.len = (start + 3) & !3;
    }

    /// The bytes `at..at + n` of the storage, writable.
    #[inline]
    fn slice_mut(&mut self, at: usize, n: usize) -> &mut [u8] {
        &mut as_bytes_mut(self.words.words_mut())[at..at + n]
    }

    /// Padding words, the tag word and the long length if any, for a body aligned to `align`;
    /// returns the reference. The body starts at `self.len` afterwards, and room for `body`
    /// bytes and the tail padding is reserved.
    #[inline]
    fn tag(&mut self, type_id: u16, align: u32, length: usize, body: usize) -> Ref {
        assert!(matches!(align, 4 | 8 | 16), "wxl body alignment must be 4, 8 or 16, not {align}");
        assert!(type_id != 0 && type_id != 0xFFFF, "wxl type id {type_id} names no type");
        let length = u32::try_from(length).expect("wxl length above u32::MAX");
        let header = if length as usize >= LONG { 8 } else { 4 };
        // The fewest bytes that make `len + padding + header` a multiple of `align` (a power
        // of two), without a division.
        let padding = (self.len + header).wrapping_neg() & (align as usize - 1);
        self.reserve(16 + 8 + body.saturating_add(4));
        // Zero the padding (at most 12 bytes) with one 16-byte store; the tag overwrites the rest.
        let start = self.len;
        self.slice_mut(start, 16).fill(0);
        let at = start + padding;
        let short = (length as usize).min(LONG) as u32;
        self.slice_mut(at, 4).copy_from_slice(&(short << 16 | u32::from(type_id)).to_le_bytes());
        self.slice_mut(at + 4, 4).copy_from_slice(&length.to_le_bytes());
        self.len = at + header;
        Ref::from_offset(at as u32)
    }
}
