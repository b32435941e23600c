//! Schema-driven JSON for wxl buffers, with no generated code: the checked schema is read at
//! run time.
//!
//! - [`encode`]: JSON text to a buffer, built front to back with the runtime's `Builder`;
//!   errors carry the JSON line, column and field path ([`JsonError`]).
//! - [`decode`]: a buffer to JSON, after the runtime's verifier accepted it ([`DecodeError`]).
//!   Shared objects print once (`"$id"`, then `{"$ref": N}`), so output is linear in the buffer.
//! - [`dump()`]: an annotated hex dump with the verifier's verdict.
//!
//! The mapping between layout and JSON is docs/JSON.md. Start with a [`Context`]:
//!
//! ```
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let compiled = wxl_check::compile_file("../../schemas/logs.wxl".as_ref(), &Default::default());
//! let schema = compiled.schema.expect("a valid schema");
//! let cx = wxl_json::Context::new(&schema);
//! let buf = wxl_json::encode(&cx, None, br#"{"logs": []}"#)?;
//! let json = wxl_json::decode(&cx, None, &buf)?;
//! assert_eq!(wxl_json::json::to_compact(&json), r#"{"logs":[]}"#);
//! # Ok(())
//! # }
//! ```

mod base64;
mod context;
mod decode;
mod dump;
mod encode;
mod error;
pub mod json;
mod reader;
mod scalars;
pub mod tables;

pub use context::Context;
pub use tables::runtime_schema;
pub use decode::{decode, DecodeError};
pub use dump::dump;
pub use encode::{encode, encode_value};
pub use error::JsonError;
