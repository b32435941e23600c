//! The crate's only `unsafe` code: mappings of the shared memfds, the atomics inside them, and
//! the producer's slots lent to a `Builder`.
//!
//! Why it is sound (docs/LAYOUT.md section 10 states the model):
//! - Memory another process may write is only read or written here through atomics, never
//!   behind a `&[u8]`: relaxed `AtomicU64`/`AtomicU32`/`AtomicU8` accesses (an access by the
//!   other process can make a load return an old or a torn value, never undefined behaviour).
//!   Loads of at most 8 bytes with `Relaxed` ordering are also valid on read-only mappings
//!   (std::sync::atomic, "Atomic accesses to read-only memory"); stronger orderings on such
//!   mappings are built from a relaxed load and a fence.
//! - The exception is the producer's data region. The consumer can map it read-only only
//!   (`F_SEAL_FUTURE_WRITE`), so the producer is its one writer, and the producer lends each
//!   free range as `&mut [u128]` to exactly one builder at a time ([`Mapping::lend`]): the
//!   `ExternalWords` owner tells the producer when the builder lets go of it.
//! - Every mapped file is sealed against shrinking before anyone maps it (checked by the
//!   callers), so no access inside a mapping can hit a truncated page (SIGBUS).

use std::io;
use std::ptr::NonNull;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicU8, Ordering};
use std::sync::Arc;

use rustix::fd::BorrowedFd;
use rustix::mm::{mmap, munmap, MapFlags, ProtFlags};
use wxl_runtime::build::ExternalWords;

/// A shared mapping of (the start of) a memfd, unmapped on drop.
#[derive(Debug)]
pub(crate) struct Mapping {
    ptr: NonNull<u8>,
    len: usize,
    writable: bool,
}

// SAFETY: the mapping is memory shared with another process anyway; this crate touches it only
// through atomics and through ranges lent to one builder at a time (module docs), so using the
// handle from several threads adds no access that one thread could not make.
unsafe impl Send for Mapping {}
// SAFETY: as for Send.
unsafe impl Sync for Mapping {}

impl Mapping {
    /// Map the first `len` bytes of `fd` (shared; writable or read-only). The caller has
    /// checked that the file is at least `len` bytes long and sealed against shrinking.
    pub(crate) fn new(fd: BorrowedFd<'_>, len: usize, writable: bool) -> io::Result<Mapping> {
        if len == 0 {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "empty mapping"));
        }
        let prot = if writable { ProtFlags::READ | ProtFlags::WRITE } else { ProtFlags::READ };
        // POPULATE: take the page faults now, not one per page on the message path.
        let flags = MapFlags::SHARED | MapFlags::POPULATE;
        // SAFETY: a new mapping at an address the kernel chooses aliases nothing this program
        // uses; it stays valid until `drop` unmaps it.
        let ptr = unsafe { mmap(std::ptr::null_mut(), len, prot, flags, fd, 0) }?;
        let ptr = NonNull::new(ptr.cast::<u8>()).ok_or_else(|| io::Error::other("mmap returned null"))?;
        Ok(Mapping { ptr, len, writable })
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    fn checked(&self, off: usize, size: usize) -> *mut u8 {
        assert!(
            off.is_multiple_of(size) && off.checked_add(size).is_some_and(|end| end <= self.len),
            "access of {size} bytes at {off} outside a {}-byte mapping or misaligned",
            self.len
        );
        // In bounds (checked), so `add` stays inside the mapping.
        self.ptr.as_ptr().wrapping_add(off)
    }

    /// The u64 at `off` (8-aligned, inside), for any atomic operation: writable mappings only.
    pub(crate) fn u64_at(&self, off: usize) -> &AtomicU64 {
        assert!(self.writable, "atomic read-modify-write on a read-only mapping");
        let p = self.checked(off, 8);
        // SAFETY: inside the mapping, which lives as long as `&self`; 8-aligned (page-aligned
        // base, `off` checked). Everything in this crate accesses shared memory atomically.
        unsafe { AtomicU64::from_ptr(p.cast()) }
    }

    /// The u32 at `off` (4-aligned, inside), writable mappings only.
    pub(crate) fn u32_at(&self, off: usize) -> &AtomicU32 {
        assert!(self.writable, "atomic read-modify-write on a read-only mapping");
        let p = self.checked(off, 4);
        // SAFETY: as in `u64_at`.
        unsafe { AtomicU32::from_ptr(p.cast()) }
    }

    /// A relaxed load of the u64 at `off`; valid on read-only mappings too.
    #[cfg(test)]
    pub(crate) fn load_u64(&self, off: usize) -> u64 {
        let p = self.checked(off, 8);
        // SAFETY: as in `u64_at`; only a relaxed 8-byte load is made, which std allows on
        // read-only memory on the 64-bit targets this crate builds for (Linux, x86_64/aarch64).
        unsafe { AtomicU64::from_ptr(p.cast()) }.load(Ordering::Relaxed)
    }

    /// Copy the `len` bytes at `off` (16-aligned, `off + len` rounded up to 16 inside the
    /// mapping) into `out` as whole 16-byte words: relaxed 8-byte loads, so a concurrent
    /// writer can make the copy stale or torn, never make it undefined.
    pub(crate) fn copy_out(&self, off: usize, len: usize, out: &mut Vec<u128>) {
        let words = len.div_ceil(16);
        assert!(
            off.is_multiple_of(16) && off.checked_add(words * 16).is_some_and(|end| end <= self.len),
            "copy of {len} bytes at {off} outside a {}-byte mapping",
            self.len
        );
        out.clear();
        out.reserve(words);
        let base = self.ptr.as_ptr().wrapping_add(off).cast::<u64>();
        for i in 0..words {
            // SAFETY: the words lie inside the mapping (checked above) and are 8-aligned; only
            // relaxed loads of 8 bytes are made (see `load_u64`).
            let (lo, hi) = unsafe {
                (
                    AtomicU64::from_ptr(base.add(2 * i)).load(Ordering::Relaxed),
                    AtomicU64::from_ptr(base.add(2 * i + 1)).load(Ordering::Relaxed),
                )
            };
            out.push(u128::from(lo) | u128::from(hi) << 64);
        }
    }

    /// Store `bytes` at `off` (writable mappings): relaxed 8-byte stores where aligned,
    /// bytes elsewhere. Never on a range lent to a builder (the producer's accounting).
    pub(crate) fn store_bytes(&self, off: usize, bytes: &[u8]) {
        assert!(self.writable, "store into a read-only mapping");
        assert!(off.checked_add(bytes.len()).is_some_and(|end| end <= self.len), "store outside the mapping");
        let mut at = off;
        let mut rest = bytes;
        while !rest.is_empty() {
            if at.is_multiple_of(8) && rest.len() >= 8 {
                let (word, tail) = rest.split_at(8);
                let value = u64::from_le_bytes(word.try_into().expect("8 bytes"));
                self.u64_at(at).store(value, Ordering::Relaxed);
                rest = tail;
                at += 8;
            } else {
                let p = self.checked(at, 1);
                // SAFETY: inside the writable mapping (checked), any alignment is fine for u8.
                unsafe { AtomicU8::from_ptr(p) }.store(rest[0], Ordering::Relaxed);
                rest = &rest[1..];
                at += 1;
            }
        }
    }

    /// Lend `bytes` bytes at `off` (both multiples of 16) of the producer's data region to a
    /// builder. `returned` turns true when the builder lets go of them (the lease is dropped).
    ///
    /// The producer calls this only for a range no other lease holds, and does not touch the
    /// range by any other means until `returned` is true (see `Producer`).
    pub(crate) fn lend(self: &Arc<Self>, off: usize, bytes: usize, returned: Arc<AtomicBool>) -> ExternalWords {
        assert!(self.writable, "lending a read-only mapping");
        assert!(off.is_multiple_of(16) && bytes.is_multiple_of(16) && bytes > 0);
        assert!(off.checked_add(bytes).is_some_and(|end| end <= self.len), "lease outside the mapping");
        let ptr = NonNull::new(self.ptr.as_ptr().wrapping_add(off).cast::<u128>()).expect("inside a mapping");
        let owner = Box::new(Lease { _mapping: Arc::clone(self), returned });
        // SAFETY: the range is inside the mapping (checked), 16-aligned (page-aligned base,
        // `off` a multiple of 16) and writable; `owner` keeps the mapping alive as long as the
        // ExternalWords lives. Exclusivity: the producer lends a range to one builder at a
        // time and leaves it alone until the lease is returned (the contract above), and the
        // consumer process cannot write the region (F_SEAL_FUTURE_WRITE, checked at setup).
        unsafe { ExternalWords::new(ptr, bytes / 16, owner) }
    }

    /// The `len` bytes at `off` as a slice.
    ///
    /// # Safety
    /// No process may write those bytes while the slice lives (a trusted producer, which
    /// never rewrites a committed message before it is acknowledged).
    pub(crate) unsafe fn bytes(&self, off: usize, len: usize) -> &[u8] {
        assert!(off.checked_add(len).is_some_and(|end| end <= self.len), "slice outside the mapping");
        // SAFETY: inside the mapping, which outlives `&self`; immutable while the slice lives
        // by the caller's promise.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr().add(off), len) }
    }
}

impl Drop for Mapping {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `new`; nothing borrows it any more (borrows end with
        // `&self`, leases hold an Arc).
        let _ = unsafe { munmap(self.ptr.as_ptr().cast(), self.len) };
    }
}

/// The owner inside a lent `ExternalWords`: keeps the mapping, reports its return.
struct Lease {
    _mapping: Arc<Mapping>,
    returned: Arc<AtomicBool>,
}

impl Drop for Lease {
    fn drop(&mut self) {
        self.returned.store(true, Ordering::Release);
    }
}

/// Address space for a WASM linear memory whose tail is a read-only view of a data region:
/// `private` bytes of zeroed private memory, then `shared` bytes mapped from `fd`, then
/// `guard` bytes of inaccessible reservation (what the engine's bounds-check elision needs).
#[cfg(feature = "wasm")]
#[derive(Debug)]
pub(crate) struct Window {
    base: NonNull<u8>,
    reserved: usize,
}

// SAFETY: plain memory owned by this value; the engine that uses it synchronizes access.
#[cfg(feature = "wasm")]
unsafe impl Send for Window {}
// SAFETY: as for Send.
#[cfg(feature = "wasm")]
unsafe impl Sync for Window {}

#[cfg(feature = "wasm")]
impl Window {
    /// `private` and `shared` must be multiples of the page size; `fd` at least `shared`
    /// bytes long and sealed against shrinking (checked by the caller).
    pub(crate) fn new(private: usize, fd: BorrowedFd<'_>, shared: usize, guard: usize) -> io::Result<Window> {
        let reserved = private
            .checked_add(shared)
            .and_then(|n| n.checked_add(guard))
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "window too large"))?;
        // SAFETY: a new reservation at an address the kernel chooses, aliasing nothing.
        let base = unsafe { rustix::mm::mmap_anonymous(std::ptr::null_mut(), reserved, ProtFlags::empty(), MapFlags::PRIVATE | MapFlags::NORESERVE) }?;
        let window = Window { base: NonNull::new(base.cast()).ok_or_else(|| io::Error::other("mmap returned null"))?, reserved };
        if private > 0 {
            // SAFETY: replaces the start of our own reservation (nothing else uses it).
            unsafe {
                rustix::mm::mmap_anonymous(base, private, ProtFlags::READ | ProtFlags::WRITE, MapFlags::PRIVATE | MapFlags::FIXED)?;
            }
        }
        if shared > 0 {
            // SAFETY: replaces the next `shared` bytes of our own reservation with a
            // read-only view of the data region (writes there fault; the engine turns a fault
            // in WASM code into a trap).
            unsafe {
                mmap(base.cast::<u8>().add(private).cast(), shared, ProtFlags::READ, MapFlags::SHARED | MapFlags::FIXED, fd, 0)?;
            }
        }
        Ok(window)
    }

    pub(crate) fn base(&self) -> *mut u8 {
        self.base.as_ptr()
    }

    /// Make `len` more bytes at `at` (page-aligned, inside the reservation, past everything
    /// mapped so far) private, zeroed and writable: how a plain memory grows.
    pub(crate) fn commit(&self, at: usize, len: usize) -> io::Result<()> {
        if at.checked_add(len).is_none_or(|end| end > self.reserved) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "commit outside the reservation"));
        }
        // SAFETY: replaces inaccessible pages of our own reservation (nothing uses them) with
        // fresh anonymous memory.
        unsafe {
            rustix::mm::mmap_anonymous(
                self.base.as_ptr().add(at).cast(),
                len,
                ProtFlags::READ | ProtFlags::WRITE,
                MapFlags::PRIVATE | MapFlags::FIXED,
            )?;
        }
        Ok(())
    }
}

#[cfg(feature = "wasm")]
impl Drop for Window {
    fn drop(&mut self) {
        // SAFETY: the reservation made in `new` (with the mappings over it), no longer used.
        let _ = unsafe { munmap(self.base.as_ptr().cast(), self.reserved) };
    }
}

/// wasmtime's hooks for host memory, over a [`Window`]: what makes a channel's data region
/// part of a WASM linear memory (`crate::wasm` is the safe face).
#[cfg(feature = "wasm")]
pub(crate) mod wasm_memory {
    use super::Window;
    use rustix::fd::{AsFd, OwnedFd};
    use wasmtime::{LinearMemory, MemoryCreator, MemoryType};

    /// Makes memories of exactly `private + shared` bytes; see `crate::wasm::RegionMemory`.
    #[derive(Debug)]
    pub(crate) struct RegionCreator {
        pub(crate) fd: OwnedFd,
        pub(crate) private: usize,
        pub(crate) shared: usize,
    }

    // SAFETY: `new_memory` returns memories that follow LinearMemory's contract (below): each
    // is a fresh reservation owned by the returned object, `reserved + guard` bytes long when
    // wasmtime asks for a reservation, so its bounds-check elision holds.
    unsafe impl MemoryCreator for RegionCreator {
        fn new_memory(
            &self,
            _ty: MemoryType,
            minimum: usize,
            maximum: Option<usize>,
            reserved: Option<usize>,
            guard: usize,
        ) -> Result<Box<dyn LinearMemory>, String> {
            let size = self.private + self.shared;
            let capacity = reserved.unwrap_or(size).max(size);
            if minimum != size || maximum != Some(size) {
                // Not the channel's memory (the GC heap of a store, say): a plain one.
                let capacity = reserved.unwrap_or(minimum).max(minimum);
                let window = Window::new(0, self.fd.as_fd(), 0, capacity + guard).map_err(|e| e.to_string())?;
                let mut plain = RegionLinearMemory { window, size: 0, capacity, limit: maximum.unwrap_or(capacity).min(capacity) };
                plain.grow_to(minimum).map_err(|e| e.to_string())?;
                return Ok(Box::new(plain));
            }
            let window = Window::new(self.private, self.fd.as_fd(), self.shared, capacity - size + guard)
                .map_err(|e| format!("mapping the channel region: {e}"))?;
            Ok(Box::new(RegionLinearMemory { window, size, capacity, limit: size }))
        }
    }

    struct RegionLinearMemory {
        window: Window,
        /// Accessible bytes from the base.
        size: usize,
        capacity: usize,
        /// How far `grow_to` may go (the region's memory: not at all).
        limit: usize,
    }

    // SAFETY: the base pointer never changes (growth happens inside the reservation); `size`
    // bytes from it are mapped (read-write, or for the channel's memory the region's part
    // read-only: a write there faults, and wasmtime turns a fault in WASM code into a trap);
    // after them, up to `capacity + guard`, the reservation is inaccessible, as wasmtime's
    // bounds-check elision requires.
    unsafe impl LinearMemory for RegionLinearMemory {
        fn byte_size(&self) -> usize {
            self.size
        }

        fn byte_capacity(&self) -> usize {
            self.capacity
        }

        fn grow_to(&mut self, new_size: usize) -> wasmtime::Result<()> {
            if new_size <= self.size {
                return Ok(());
            }
            if new_size > self.limit {
                return Err(wasmtime::format_err!("memory cannot grow to {new_size} bytes"));
            }
            self.window.commit(self.size, new_size - self.size)?;
            self.size = new_size;
            Ok(())
        }

        fn as_ptr(&self) -> *mut u8 {
            self.window.base()
        }
    }
}
/// The bytes of 16-byte words, in memory order.
pub(crate) fn u128_bytes(words: &[u128]) -> &[u8] {
    // SAFETY: u128 has no padding, so all `size_of_val(words)` bytes are initialized; u8 has
    // alignment 1; the borrow is carried over.
    unsafe { std::slice::from_raw_parts(words.as_ptr().cast::<u8>(), std::mem::size_of_val(words)) }
}
