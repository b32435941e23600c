//! The cross-language proof that Rust and C read and write one layout (docs/LAYOUT.md).
//!
//! - **Golden vectors** (tests/vectors/<schema>/NAME.json + NAME.bin, format in
//!   tests/vectors/README.md): for every schema of schemas/, the Rust builder and the C
//!   program built from the generated header each build the described values; the two
//!   buffers must be byte for byte identical and equal to the committed `.bin`. Rust reads
//!   what C built and C reads what Rust built, and both readings must equal the description.
//! - **Hostile corpus** (tests/vectors/hostile/, [`hostile`]): broken buffers, each with the
//!   error kind and offset LAYOUT.md prescribes; the Rust verifier, the C verifier through the
//!   FFI and the generated C verify entry must all report exactly that.
//! - **Differential check** ([`mutate`]): seeded mutations of the golden buffers; the three
//!   verifiers must give the same verdict, kind and offset, on every one.
//!
//! The Rust side is wxl-runtime's `Builder`, readers and verifier driven by the IR's offsets
//! and tables ([`rust_side`]); the C side is a program per schema written against the
//! generated header only ([`c_program`]), compiled with gcc and clang under ASan and UBSan.
//! `WXL_BLESS=1 cargo test -p wxl-golden` rewrites the committed `.bin` files and the hostile
//! corpus from the builders and the case definitions (review the diff: that is layout drift).

pub mod c_program;
pub mod cc;
pub mod hostile;
pub mod json;
pub mod model;
pub mod mutate;
pub mod raw;
pub mod rust_side;
pub mod suite;

/// Whether the committed files are to be rewritten instead of compared.
pub fn blessing() -> bool {
    std::env::var_os("WXL_BLESS").is_some_and(|v| v == "1")
}
