//! The peers, each over its own generated code (see build.rs), and the memcpy floor.

pub mod capnp;
pub mod flatbuffers;
pub mod memcpy;
pub mod planus;
pub mod rkyv;
