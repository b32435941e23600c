//! A buffer that verifies is readable through every generated accessor without a panic (see
//! `wxl_codegen_rust_tests::harness`, which `tests/mutations.rs` also runs for a seeded round).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    wxl_codegen_rust_tests::harness::check(data);
});
