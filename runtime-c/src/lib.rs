//! FFI to runtime-c.
