//! wxl against FlatBuffers, planus, Cap'n Proto and rkyv on the rust_serialization_benchmark
//! datasets (log, mesh), plus the compiler's own speed. See README.md.
//!
//! - [`data`]: the datasets, generated from a fixed seed.
//! - [`format`]: the [`format::Format`] trait every contender implements, and the checksums
//!   every read must agree on.
//! - [`peers`]: FlatBuffers, planus, Cap'n Proto, rkyv and a plain memcpy.
//! - [`wxl`]: wxl through the Rust, C and WASM accessors.
//! - [`schemagen`]: schema text of N types, for the compiler's speed.
//! - [`report`]: criterion's estimates to RESULTS.md and the chart.

pub mod data;
pub mod format;
pub mod peers;
pub mod report;
pub mod schemagen;
pub mod wxl;
mod generated;

// capnpc's code names its own module `crate::log_capnp`, so these live at the crate root.
#[allow(clippy::all, clippy::pedantic, unused_imports, dead_code, mismatched_lifetime_syntaxes)]
pub mod log_capnp {
    include!(concat!(env!("OUT_DIR"), "/log_capnp.rs"));
}
#[allow(clippy::all, clippy::pedantic, unused_imports, dead_code, mismatched_lifetime_syntaxes)]
pub mod mesh_capnp {
    include!(concat!(env!("OUT_DIR"), "/mesh_capnp.rs"));
}
