//! wxl's contenders: the Rust code `wxl-build` generated from `schemas/logs.wxl` and
//! `mesh.wxl` (over `wxl-runtime`), and the C runtime, on the same bytes.

pub mod c;
pub mod rust;

/// The generated modules (`$OUT_DIR/logs.rs`, `mesh.rs`, see build.rs).
#[allow(clippy::all, dead_code)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/logs.rs"));
    include!(concat!(env!("OUT_DIR"), "/mesh.rs"));
}
