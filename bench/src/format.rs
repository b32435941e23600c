//! What every contender implements, and the values a read must produce.
//!
//! A read folds every value the benchmark reads into a checksum, so a contender that skipped a
//! load would disagree with the others (tests/agree.rs) and could not win by doing less. The
//! folds are cheap integer operations with no long dependency chain (a float sum would add a
//! 4-cycle latency per triangle and drown the loads being measured).

use crate::data::{Logs, Mesh};

/// The checksum of a log read: sums of the address bytes, the codes and the sizes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogSum {
    pub address: u64,
    pub code: u64,
    pub size: u64,
}

impl LogSum {
    #[inline(always)]
    pub fn add(&mut self, address: [u8; 4], code: u16, size: u64) {
        let [a, b, c, d] = address.map(u64::from);
        self.address = self.address.wrapping_add(a + b + c + d);
        self.code = self.code.wrapping_add(u64::from(code));
        self.size = self.size.wrapping_add(size);
    }

    /// What any correct read of `logs` gives.
    pub fn of(logs: &Logs) -> LogSum {
        let mut sum = LogSum::default();
        for l in &logs.logs {
            let a = &l.address;
            sum.add([a.x0, a.x1, a.x2, a.x3], l.code, l.size);
        }
        sum
    }
}

/// The checksum of a mesh read: the XOR of the bit patterns of every normal's x, y and z (y
/// and z rotated so that swapping components changes it).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MeshSum(pub u32);

impl MeshSum {
    #[inline(always)]
    pub fn add(&mut self, x: f32, y: f32, z: f32) {
        self.0 ^= x.to_bits() ^ y.to_bits().rotate_left(8) ^ z.to_bits().rotate_left(16);
    }

    pub fn of(mesh: &Mesh) -> MeshSum {
        let mut sum = MeshSum::default();
        for t in &mesh.triangles {
            sum.add(t.normal.x, t.normal.y, t.normal.z);
        }
        sum
    }
}

/// A dataset and its checksum type.
pub trait Dataset {
    type Sum: Copy + PartialEq + core::fmt::Debug;
    const NAME: &'static str;
    fn expected(&self) -> Self::Sum;
}

impl Dataset for Logs {
    type Sum = LogSum;
    const NAME: &'static str = "log";
    fn expected(&self) -> LogSum {
        LogSum::of(self)
    }
}

impl Dataset for Mesh {
    type Sum = MeshSum;
    const NAME: &'static str = "mesh";
    fn expected(&self) -> MeshSum {
        MeshSum::of(self)
    }
}

/// One contender on one dataset. Every operation a format lacks returns `None` and is shown
/// as "-" in the results (planus has no separate verifier, Cap'n Proto no unchecked read, ...).
///
/// The bytes handed to the read functions are those `serialize` produced, copied into
/// 16-aligned storage (rkyv needs alignment; the others are indifferent).
pub trait Format<D: Dataset> {
    /// The row label.
    const NAME: &'static str;
    /// False when `serialize` only prepares the bytes and is not this contender's own writer
    /// (the C and WASM rows read the buffers the Rust builder wrote: same layout).
    const TIMES_SERIALIZE: bool = true;

    fn new() -> Self;

    /// Serialize `data` into the contender's reused buffer.
    fn serialize(&mut self, data: &D) -> &[u8];

    /// Verify the whole buffer up front, reading nothing: `Some(valid)`.
    fn verify(&mut self, _bytes: &[u8]) -> Option<bool> {
        None
    }

    /// Get the root and read without validation.
    ///
    /// # Safety
    /// `bytes` must be what `serialize` produced (or a copy of it).
    unsafe fn read_unvalidated(&mut self, _bytes: &[u8]) -> Option<D::Sum> {
        None
    }

    /// Validate (up front or lazily, as the format does) and read; `None` when invalid.
    fn read_validated(&mut self, bytes: &[u8]) -> Option<D::Sum>;
}

/// Bytes copied into 16-aligned storage.
pub struct Aligned {
    words: Vec<u128>,
    len: usize,
}

impl Aligned {
    pub fn new(bytes: &[u8]) -> Aligned {
        let mut words = vec![0u128; bytes.len().div_ceil(16)];
        let len = bytes.len();
        // SAFETY: `words` holds at least `len` initialized bytes; u128 has no invalid patterns.
        unsafe { core::slice::from_raw_parts_mut(words.as_mut_ptr().cast::<u8>(), len) }.copy_from_slice(bytes);
        Aligned { words, len }
    }

    pub fn bytes(&self) -> &[u8] {
        // SAFETY: as in `new`: `len` initialized bytes of `words`, borrowed with `self`.
        unsafe { core::slice::from_raw_parts(self.words.as_ptr().cast::<u8>(), self.len) }
    }
}
