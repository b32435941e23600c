//! wxl's contenders: the Rust runtime, the C runtime (and the WASM accessors when built with
//! the `wasm` feature), all on the same bytes.

pub mod c;
pub mod model;
pub mod rust;
