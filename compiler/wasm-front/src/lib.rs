//! WebAssembly modules as schemas.
