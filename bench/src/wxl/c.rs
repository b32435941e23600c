//! wxl through the C runtime: runtime-c's verifier (over FFI, the `wxl-runtime-c` crate, with a
//! reused scratch bitmap) and its inline readers (`c/read.c`, compiled by build.rs). The bytes
//! are the Rust builder's: one layout, so the C row has no serializer of its own here.

use super::generated::{logs, mesh};
use super::rust::{write_logs, write_mesh};
use crate::data::{Logs, Mesh};
use crate::format::{Format, LogSum, MeshSum};
use wxl_runtime::{Builder, Ref};
use wxl_runtime_c::ffi::{wxl_verify, wxl_verify_scratch_words, WxlError};
use wxl_runtime_c::CSchema;

extern "C" {
    fn wxl_bench_log_read(buf: *const u8, len: usize, out: *mut u64);
    fn wxl_bench_mesh_read(buf: *const u8, len: usize) -> u32;
}

pub struct WxlC {
    schema: CSchema,
    scratch: Vec<u64>,
    builder: Builder,
    refs: Vec<Ref<logs::Log<'static>>>,
}

impl WxlC {
    fn with(schema: &'static wxl_runtime::Schema) -> WxlC {
        WxlC {
            schema: CSchema::from_rust(schema),
            scratch: Vec::new(),
            builder: Builder::new(),
            refs: Vec::new(),
        }
    }

    /// `wxl_verify` with the schema's root. (The Rust row also checks the identifier: four
    /// bytes, nothing to measure.)
    fn verify_c(&mut self, bytes: &[u8]) -> bool {
        // SAFETY: a pure function of the length.
        let words = unsafe { wxl_verify_scratch_words(bytes.len()) };
        if self.scratch.len() < words {
            self.scratch.resize(words, 0);
        }
        let mut err = WxlError { code: 0, offset: 0 };
        // SAFETY: buf, schema and scratch are valid for the lengths given during the call; a
        // null options pointer means the defaults.
        let rc = unsafe {
            wxl_verify(
                bytes.as_ptr(),
                bytes.len(),
                self.schema.as_ptr(),
                core::ptr::null(),
                self.scratch.as_mut_ptr(),
                self.scratch.len(),
                &mut err,
            )
        };
        rc == 0
    }
}

fn log_read(bytes: &[u8]) -> LogSum {
    let mut out = [0u64; 3];
    // SAFETY: the C reader reads inside `bytes` when they passed the verifier (its contract);
    // `out` holds the 3 words it writes.
    unsafe { wxl_bench_log_read(bytes.as_ptr(), bytes.len(), out.as_mut_ptr()) };
    LogSum { address: out[0], code: out[1], size: out[2] }
}

fn mesh_read(bytes: &[u8]) -> MeshSum {
    // SAFETY: as `log_read`.
    MeshSum(unsafe { wxl_bench_mesh_read(bytes.as_ptr(), bytes.len()) })
}

impl Format<Logs> for WxlC {
    const NAME: &'static str = "wxl-c";
    const TIMES_SERIALIZE: bool = false;
    fn new() -> Self {
        WxlC::with(&logs::SCHEMA)
    }
    fn serialize(&mut self, data: &Logs) -> &[u8] {
        write_logs(&mut self.builder, &mut self.refs, data)
    }
    fn verify(&mut self, bytes: &[u8]) -> Option<bool> {
        Some(self.verify_c(bytes))
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        Some(log_read(bytes))
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        self.verify_c(bytes).then(|| log_read(bytes))
    }
}

impl Format<Mesh> for WxlC {
    const NAME: &'static str = "wxl-c";
    const TIMES_SERIALIZE: bool = false;
    fn new() -> Self {
        WxlC::with(&mesh::SCHEMA)
    }
    fn serialize(&mut self, data: &Mesh) -> &[u8] {
        write_mesh(&mut self.builder, data)
    }
    fn verify(&mut self, bytes: &[u8]) -> Option<bool> {
        Some(self.verify_c(bytes))
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        Some(mesh_read(bytes))
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        self.verify_c(bytes).then(|| mesh_read(bytes))
    }
}
