//! A WebAssembly guest (built for `wasm32-unknown-unknown`) that reads wxl buffers placed in
//! its own linear memory with the Rust accessors generated from schemas/logs.wxl. The host
//! asks for room with `alloc`, writes a buffer there, and calls `sum_codes`.

wxl_runtime::include_schema!("logs");

/// Reserves `len` bytes of linear memory for the host to write a buffer into.
#[no_mangle]
pub extern "C" fn alloc(len: usize) -> *mut u8 {
    let mut room = vec![0u8; len].into_boxed_slice();
    let ptr = room.as_mut_ptr();
    std::mem::forget(room);
    ptr
}

/// Verifies the buffer at `ptr` and sums the codes of its records; `u64::MAX` if it does not
/// verify.
///
/// # Safety
///
/// `ptr` must be a pointer returned by [`alloc`] for at least `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn sum_codes(ptr: *const u8, len: usize) -> u64 {
    // SAFETY: the caller passes memory `alloc` reserved for `len` bytes, which nothing else
    // writes while this call runs (the guest is single-threaded).
    let buf = unsafe { std::slice::from_raw_parts(ptr, len) };
    sum_codes_of(buf)
}

/// The safe core of [`sum_codes`].
pub fn sum_codes_of(buf: &[u8]) -> u64 {
    match logs::root(buf) {
        Ok(root) => root.logs().iter().map(|log| u64::from(log.code())).sum(),
        Err(_) => u64::MAX,
    }
}
