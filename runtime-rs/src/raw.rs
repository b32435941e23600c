//! The crate's only `unsafe` code. Every block says why it is sound.
//!
//! Two kinds of facts make it so:
//! - *Local bounds.* A [`Span`] is a window `start..start + len` of a buffer, checked once when it
//!   is made; reads inside it then need one compare (the field's presence test) instead of two.
//! - *Verification.* An [`ObjectView`] stands at a real object start of a buffer that passed the
//!   verifier with the view's schema (see its docs for how every constructor keeps that true), so
//!   a string object's body is known valid UTF-8.
//!
//! The rest are byte-level casts between plain scalar slices and bytes.

use crate::read::{ObjectView, Verified};
use crate::scalar::Scalar;
use crate::schema::Schema;
use crate::schema::TYPE_ID_STRING;
use crate::Error;
use core::mem::{align_of, size_of};

/// A bounds-checked window of a buffer. Invariant: `start + len <= buf.len()`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Span<'a> {
    buf: &'a [u8],
    start: usize,
    len: usize,
}

impl<'a> Span<'a> {
    pub(crate) const EMPTY: Span<'static> = Span { buf: &[], start: 0, len: 0 };

    /// The window `start..start + len` of `buf`, if it lies inside.
    #[inline(always)]
    pub(crate) fn new(buf: &'a [u8], start: usize, len: usize) -> Option<Span<'a>> {
        match start.checked_add(len) {
            Some(end) if end <= buf.len() => Some(Span { buf, start, len }),
            _ => None,
        }
    }

    #[inline(always)]
    pub(crate) fn buf(&self) -> &'a [u8] {
        self.buf
    }

    /// Where the window starts in the buffer.
    #[inline(always)]
    pub(crate) fn start(&self) -> usize {
        self.start
    }

    #[inline(always)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The `n` bytes at `off` inside the window, if they lie inside it.
    #[inline(always)]
    pub(crate) fn get(&self, off: usize, n: usize) -> Option<&'a [u8]> {
        if off > self.len || n > self.len - off {
            return None;
        }
        // SAFETY: off + n <= len (just checked, without overflow) and start + len <= buf.len()
        // (the type's invariant, checked in `new`), so start + off + n <= buf.len().
        Some(unsafe { self.buf.get_unchecked(self.start + off..self.start + off + n) })
    }

    /// The window from `off` to its end; empty when `off` lies past the end.
    #[inline(always)]
    pub(crate) fn tail(&self, off: usize) -> Span<'a> {
        match self.len.checked_sub(off) {
            // start + off + (len - off) = start + len <= buf.len(): the invariant holds.
            Some(len) => Span { buf: self.buf, start: self.start + off, len },
            None => Span { buf: self.buf, start: self.start + self.len, len: 0 },
        }
    }

    /// The first `N` bytes of the window as an array, if the window has that many: one compare,
    /// after which reads at constant offsets need no bounds check.
    #[inline(always)]
    pub(crate) fn prefix<const N: usize>(&self) -> Option<&'a [u8; N]> {
        self.get(0, N)?.try_into().ok()
    }

    /// The whole window.
    #[inline(always)]
    pub(crate) fn bytes(&self) -> &'a [u8] {
        self.get(0, self.len).unwrap_or_default()
    }

    /// A scalar at `off`, if it lies inside the window.
    #[inline(always)]
    pub(crate) fn read<T: Scalar>(&self, off: usize) -> Option<T> {
        let mut raw = T::Raw::default();
        raw.as_mut().copy_from_slice(self.get(off, T::SIZE)?);
        Some(T::from_raw(raw))
    }
}

mod sealed {
    pub trait Sealed {}
}

/// Scalars whose every bit pattern is a valid value and which have no padding: a byte slice of
/// the right alignment and length can be viewed as a slice of them (on little-endian targets).
///
/// # Safety
/// Implemented, here only, for the primitive integers and floats (the trait is sealed).
pub unsafe trait Plain: Scalar + sealed::Sealed {}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        // SAFETY: a primitive integer or float: no padding, every bit pattern valid.
        unsafe impl Plain for $t {}
    )*};
}
plain!(u8, i8, u16, i16, u32, i32, u64, i64, f32, f64, u128);

/// `bytes` as a slice of `T`, when the target is little-endian (the buffer's byte order) and
/// `bytes` is aligned for `T` and a whole number of them.
#[inline]
pub(crate) fn cast_slice<T: Plain>(bytes: &[u8]) -> Option<&[T]> {
    if cfg!(target_endian = "big")
        || !(bytes.as_ptr() as usize).is_multiple_of(align_of::<T>())
        || !bytes.len().is_multiple_of(size_of::<T>())
    {
        return None;
    }
    // SAFETY: the pointer is aligned for T and non-null, the region is `bytes.len()` initialized
    // bytes borrowed for the output's lifetime, and every bit pattern is a valid T (`Plain`).
    Some(unsafe { core::slice::from_raw_parts(bytes.as_ptr().cast::<T>(), bytes.len() / size_of::<T>()) })
}

/// The bytes of a slice of plain scalars, in memory order.
#[inline]
pub(crate) fn as_bytes<T: Plain>(items: &[T]) -> &[u8] {
    // SAFETY: `Plain` types have no padding, so all `size_of_val(items)` bytes are initialized;
    // u8 has alignment 1; the borrow is carried over.
    unsafe { core::slice::from_raw_parts(items.as_ptr().cast::<u8>(), size_of_val(items)) }
}

/// The bytes of a slice of plain scalars, writable.
#[cfg(feature = "alloc")]
#[inline]
pub(crate) fn as_bytes_mut<T: Plain>(items: &mut [T]) -> &mut [u8] {
    // SAFETY: as in `as_bytes`; also every byte pattern written is a valid `T` (`Plain`), and the
    // exclusive borrow is carried over.
    unsafe { core::slice::from_raw_parts_mut(items.as_mut_ptr().cast::<u8>(), size_of_val(items)) }
}

impl<'a> ObjectView<'a> {
    /// The string, if this object is a string (type id 1).
    #[inline]
    pub fn as_str(&self) -> Option<&'a str> {
        if self.type_id() != TYPE_ID_STRING {
            return None;
        }
        let bytes = self.body_bytes();
        debug_assert!(core::str::from_utf8(bytes).is_ok());
        // SAFETY: an ObjectView stands at a real object start of a buffer that passed the
        // verifier (its invariant), and the verifier checks that the body of every object with
        // type id 1 is valid UTF-8 (INVALID_UTF8), whatever the schema. `body_bytes` is exactly
        // that body: the length from the same tag word the verifier decoded.
        Some(unsafe { core::str::from_utf8_unchecked(bytes) })
    }
}

impl<'a> Verified<'a> {
    /// Read a buffer without verifying it now.
    ///
    /// Fails (`ROOT_INVALID`) only when the root reference does not even decode.
    ///
    /// # Safety
    /// `buf` must have passed [`verify`](crate::verify::verify) (or any other verify function)
    /// with this very `schema`, and not have changed since except through this crate's
    /// mutation API. Otherwise string accessors may hand out invalid UTF-8.
    pub unsafe fn new_unchecked(buf: &'a [u8], schema: &'a Schema) -> Result<Verified<'a>, Error> {
        Verified::decode(buf, schema)
    }
}

/// `bytes` as a mutable slice of `T`, under the conditions of [`cast_slice`].
#[inline]
pub(crate) fn cast_slice_mut<T: Plain>(bytes: &mut [u8]) -> Option<&mut [T]> {
    if cfg!(target_endian = "big")
        || !(bytes.as_ptr() as usize).is_multiple_of(align_of::<T>())
        || !bytes.len().is_multiple_of(size_of::<T>())
    {
        return None;
    }
    let count = bytes.len() / size_of::<T>();
    // SAFETY: as in `cast_slice`, with the exclusive borrow carried over; any bytes written
    // through the result form valid `T`s (every bit pattern is, `Plain`).
    Some(unsafe { core::slice::from_raw_parts_mut(bytes.as_mut_ptr().cast::<T>(), count) })
}

/// Memory that a [`Builder`](crate::Builder) writes into instead of its own: a slot of a
/// shared-memory ring, say, so that a message is built where its reader will find it.
///
/// It owns the right to the memory: nothing else in the program touches those bytes while it
/// lives, and its `owner` (dropped with it) keeps the memory mapped and tells the memory's
/// manager when the builder has let go of it (including when the builder outgrew it, see
/// [`Builder::from_external`](crate::Builder::from_external)).
#[cfg(feature = "alloc")]
pub struct ExternalWords {
    ptr: core::ptr::NonNull<u128>,
    words: usize,
    _owner: alloc::boxed::Box<dyn core::any::Any + Send + Sync>,
}

#[cfg(feature = "alloc")]
impl ExternalWords {
    /// The `words` 16-byte words at `ptr`, kept by `owner`.
    ///
    /// # Safety
    /// `ptr` must be valid for reads and writes of `words * 16` bytes (it is a `NonNull<u128>`,
    /// so aligned), until `owner` is dropped; and nothing else in this program may read or
    /// write those bytes while the returned value lives (other processes are the caller's
    /// business: a writable `&mut [u128]` is handed out over them).
    pub unsafe fn new(
        ptr: core::ptr::NonNull<u128>,
        words: usize,
        owner: alloc::boxed::Box<dyn core::any::Any + Send + Sync>,
    ) -> ExternalWords {
        ExternalWords { ptr, words, _owner: owner }
    }

    /// Where the memory starts (to recognize it when it comes back).
    pub fn as_ptr(&self) -> *const u128 {
        self.ptr.as_ptr()
    }

    /// Its size in 16-byte words.
    pub fn words(&self) -> usize {
        self.words
    }

    /// The memory.
    pub fn as_slice(&self) -> &[u128] {
        // SAFETY: valid for `words` u128 and not accessed otherwise while `self` lives (the
        // contract of `new`); the borrow of `self` bounds the slice's life.
        unsafe { core::slice::from_raw_parts(self.ptr.as_ptr(), self.words) }
    }

    /// The memory, writable.
    pub fn as_mut_slice(&mut self) -> &mut [u128] {
        // SAFETY: as in `as_slice`, and `&mut self` makes this the only borrow.
        unsafe { core::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.words) }
    }
}

// SAFETY: an ExternalWords owns its memory exclusively (the contract of `new`), like a
// Box<[u128]>: moving it to another thread moves that ownership, and `&ExternalWords` only
// reads. The owner is Send + Sync itself.
#[cfg(feature = "alloc")]
unsafe impl Send for ExternalWords {}
// SAFETY: see Send.
#[cfg(feature = "alloc")]
unsafe impl Sync for ExternalWords {}

#[cfg(feature = "alloc")]
impl core::fmt::Debug for ExternalWords {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ExternalWords").field("ptr", &self.ptr).field("words", &self.words).finish()
    }
}
