//! Compiles the C runtime (src/wxl.c) and the ABI probe (src/abi.c) for the FFI in src/lib.rs,
//! with the same warning flags the Makefile uses.
fn main() {
    for path in ["src/wxl.c", "src/abi.c", "include/wxl.h"] {
        println!("cargo:rerun-if-changed={path}");
    }
    cc::Build::new()
        .file("src/wxl.c")
        .file("src/abi.c")
        .include("include")
        .std("c99")
        .warnings(true)
        .extra_warnings(true)
        .flag_if_supported("-Wpedantic")
        .warnings_into_errors(true)
        .compile("wxl");
}
