//! The C side (c/consumer.c over the generated logs.h and runtime-c), through FFI.

use crate::Summary;

#[repr(C)]
struct CBuilder {
    _private: [u8; 0],
}

extern "C" {
    fn demo_c_read_logs(buf: *const u8, len: usize, out: *mut Summary) -> i32;
    fn demo_c_build_logs(count: u32, builder: *mut *mut CBuilder, out: *mut *const u8, len: *mut usize) -> i32;
    fn demo_c_free(builder: *mut CBuilder);
}

/// Verifies and reads `buf` with the C accessors.
pub fn read_logs_in_c(buf: &[u8]) -> Summary {
    let mut summary = Summary::default();
    // SAFETY: `buf` is a valid slice for the call; the C code only reads `len` bytes from it
    // (its verifier checks every access) and writes one `Summary` through `out`.
    unsafe { demo_c_read_logs(buf.as_ptr(), buf.len(), &mut summary) };
    summary
}

/// Builds `count` records with the C builders; returns a copy of the bytes.
pub fn build_logs_in_c(count: u32) -> Option<Vec<u8>> {
    let mut builder: *mut CBuilder = std::ptr::null_mut();
    let mut out: *const u8 = std::ptr::null();
    let mut len = 0usize;
    // SAFETY: the out-pointers are valid for writes; on success `out` points at `len` bytes
    // owned by `builder`, read before `demo_c_free` releases them.
    unsafe {
        let status = demo_c_build_logs(count, &mut builder, &mut out, &mut len);
        let bytes = (status == 0 && !out.is_null()).then(|| std::slice::from_raw_parts(out, len).to_vec());
        demo_c_free(builder);
        bytes
    }
}
