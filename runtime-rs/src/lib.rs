//! The wxl runtime: verify untrusted buffers, read them in place, build them front to back.
//!
//! The layout is docs/LAYOUT.md; this crate implements it exactly.
//!
//! - `verify` / `Verifier` / [`verify_with_scratch`]: the one-pass verifier.
//! - [`Verified`], [`StructView`], [`ArrayView`], [`ObjectView`], [`Vector`]: zero-copy readers.
//! - `Builder`: writes buffers front to back (feature `alloc`).
//! - [`VerifiedMut`]: in-place updates of scalar fields.
//!
//! The README (below) is the guide for generated code; its example runs as a doc test.
#![cfg_attr(feature = "std", doc = "")]
#![cfg_attr(feature = "std", doc = include_str!("../README.md"))]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(unsafe_op_in_unsafe_fn)]

#[cfg(feature = "alloc")]
extern crate alloc;

#[cfg(feature = "alloc")]
pub mod build;
mod error;
pub mod mutate;
mod raw;
pub mod read;
mod scalar;
pub mod schema;
pub mod verify;

#[cfg(feature = "alloc")]
pub use build::{AnyArg, AnyArray, AnyStruct, ArrayBuilder, Builder, Ref, StructBuilder, Subtype};
pub use error::{Error, ErrorKind};
pub use mutate::{SetError, StructMut, ArrayMut, VerifiedMut};
pub use raw::Plain;
pub use read::{AnyRef, ArrayView, Element, FromObject, ObjectView, StructView, Vector, Verified};
pub use scalar::Scalar;
pub use schema::Schema;
#[cfg(feature = "alloc")]
pub use verify::{verify, Verifier};
pub use verify::{bitmap_words, verify_with_scratch, Options};

/// Includes the module that `wxl-build` generated for a schema in a build script:
/// `wxl_runtime::include_schema!("logs");` defines `pub mod logs` from `$OUT_DIR/logs.rs`.
#[macro_export]
macro_rules! include_schema {
    ($name:literal) => {
        ::core::include!(::core::concat!(::core::env!("OUT_DIR"), "/", $name, ".rs"));
    };
}
