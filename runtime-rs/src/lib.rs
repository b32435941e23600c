//! The wxl runtime: verify untrusted buffers, read them in place, build them front to back.
#![cfg_attr(not(feature = "std"), no_std)]

pub mod schema;
