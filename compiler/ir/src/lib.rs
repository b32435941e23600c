//! The checked wxl IR: the WebAssembly GC vocabulary with wxl's conveniences, and the layout
//! computed once (offsets, sizes, alignments, verifier tables). Back ends only print it.

pub mod display;
pub mod layout;
pub mod tables;
pub mod types;

pub use types::*;

/// What a back end produces: file names (relative to the output folder) and contents. The CLI
/// writes them, or with `--check` compares them with what is on disk.
pub type GeneratedFiles = std::collections::BTreeMap<String, Vec<u8>>;
