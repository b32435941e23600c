//! The demo's claims, as tests: Rust, C and WASM read the same values from buffers built in
//! Rust and in C, and their verifiers reject a corrupted buffer the same way.

use wxl_demo::{build_logs_in_rust, c, read_logs_in_rust, wasm, Summary};

#[test]
fn rust_buffer_reads_the_same_everywhere() {
    let buf = build_logs_in_rust(&mut wxl_runtime::Builder::new(), 257);
    let rust = read_logs_in_rust(&buf);
    assert_eq!(rust.records, 257);
    assert_eq!(rust.error_code, 0);
    assert_eq!(c::read_logs_in_c(&buf), rust);
    assert_eq!(wasm::read_logs_in_wasm(&buf).expect("wasm"), rust);
}

#[test]
fn c_buffer_reads_the_same_everywhere_and_matches_rust_bytes() {
    let buf = c::build_logs_in_c(40).expect("C builder");
    let rust = read_logs_in_rust(&buf);
    let expected_codes: u64 = (0..40u64).map(|i| if i % 2 == 1 { 404 } else { 200 }).sum();
    assert_eq!(rust, Summary {
        records: 40,
        code_sum: expected_codes,
        size_sum: (0..40u64).map(|i| 1000 + i).sum(),
        address_sum: (0..40u32).map(|i| 10 + (i >> 8) + (i & 0xFF)).sum(),
        text_bytes: 40 * (20 + 26),
        error_code: 0,
        error_offset: 0,
    });
    assert_eq!(c::read_logs_in_c(&buf), rust);
    assert_eq!(wasm::read_logs_in_wasm(&buf).expect("wasm"), rust);
}

#[test]
fn verifiers_agree_on_corrupted_buffers() {
    let buf = build_logs_in_rust(&mut wxl_runtime::Builder::new(), 50);
    for position in (16..buf.len()).step_by(37) {
        let mut hostile = buf.clone();
        hostile[position] ^= 0x5A;
        let rust = read_logs_in_rust(&hostile);
        let c = c::read_logs_in_c(&hostile);
        let wasm = wasm::read_logs_in_wasm(&hostile).expect("wasm");
        assert_eq!((c.error_code, c.error_offset), (rust.error_code, rust.error_offset), "C vs Rust at {position}");
        assert_eq!((wasm.error_code, wasm.error_offset), (rust.error_code, rust.error_offset), "WASM vs Rust at {position}");
    }
}
