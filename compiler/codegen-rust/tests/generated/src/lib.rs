//! Generated modules for every example schema and codegen test case, and the fuzz harness that
//! reads a buffer through every generated accessor.
//!
//! `missing_docs` is on so that the generated code is checked to document every public item.
#![warn(missing_docs)]

wxl_runtime::include_schema!("geometry");
wxl_runtime::include_schema!("logs");
wxl_runtime::include_schema!("mesh");
wxl_runtime::include_schema!("shapes");

wxl_runtime::include_schema!("arrays");
wxl_runtime::include_schema!("everything");
wxl_runtime::include_schema!("evolution_v1");
wxl_runtime::include_schema!("evolution_v2");
wxl_runtime::include_schema!("names");
wxl_runtime::include_schema!("recursion");
wxl_runtime::include_schema!("subtyping");

// Random schemas (`tests/common/random_schema.rs`, fixed seeds): compiled and linted only.
wxl_runtime::include_schema!("random_0");
wxl_runtime::include_schema!("random_1");
wxl_runtime::include_schema!("random_2");
wxl_runtime::include_schema!("random_3");

pub mod harness;
pub mod random;
pub mod seeds;
