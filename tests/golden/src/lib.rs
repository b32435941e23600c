//! The cross-language proof that Rust and C read and write one layout (docs/LAYOUT.md).
//!
//! - **Golden vectors** (tests/vectors/<schema>/NAME.json + NAME.bin, format in
//!   tests/vectors/README.md): for every schema of schemas/, three builders build the described
//!   values: wxl-runtime's `Builder` driven by the IR ([`rust_side`]), the Rust back end's
//!   generated `*Args` builders ([`generated_rust`]) and a C program written against the
//!   generated header ([`c_program`]). The buffers must be byte for byte identical and equal to
//!   the committed `.bin`. Rust (runtime readers and generated views) reads what C built, C
//!   (generated getters) reads what Rust built, and every reading equals the description.
//! - **Hostile corpus** (tests/vectors/hostile/, [`hostile`]): broken buffers, each with the
//!   error kind and offset LAYOUT.md prescribes; the Rust verifier, the C verifier through the
//!   FFI, the generated C verify entry and the generated Rust module must all report exactly
//!   that.
//! - **Differential check** ([`mutate`]): seeded mutations of the golden buffers; the four
//!   verifiers must give the same verdict, kind and offset, on every one, and the three
//!   readers the same values on those they accept.
//!
//! The C program is compiled with gcc and with clang under ASan and UBSan; both must agree.
//! `WXL_BLESS=1 cargo test -p wxl-golden` rewrites the committed `.bin` files and the hostile
//! corpus from the builders and the case definitions (review the diff: that is layout drift).

pub mod c_program;
pub mod cc;
pub mod generated_rust;
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
