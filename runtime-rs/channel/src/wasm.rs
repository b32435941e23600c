//! WASM modules on the channel (feature `wasm`): a wasmtime memory whose tail *is* the
//! channel's data region, mapped read-only, so a module reads each message in place with the
//! generated WASM accessors (`wxl build --lang wasm`): no copy.
//!
//! ```text
//! linear memory:  [0, private)                 private, zeroed: scratch, the module's data
//!                 [private, private + data)    the data region, read-only (a store traps)
//! ```
//! A message at data offset `o` is at address `region_base() + o`. A producer rewriting it
//! meanwhile can make the module read stale or torn values, never memory outside the linear
//! memory: the engine bounds-checks every access, so in-place reading is safe here even
//! against a hostile producer (unlike in-place reads from Rust or C).
//!
//! wasmtime asks its `MemoryCreator` for the memories modules *define* (host memories made
//! with `Memory::new` do not go through it), so the memory comes from a one-line module,
//! [`RegionMemory::memory_module`], whose exported memory the other modules import:
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
//! # let sock = std::os::unix::net::UnixStream::connect("/run/producer.sock")?;
//! let consumer = wxl_channel::Consumer::connect(sock)?;
//! let region = wxl_channel::wasm::RegionMemory::new(consumer.data_fd(), consumer.data_size(), 1 << 20)?;
//! let mut config = wasmtime::Config::new();
//! config.with_host_memory(region.creator());
//! let engine = wasmtime::Engine::new(&config)?;
//! let mut store = wasmtime::Store::new(&engine, ());
//! let module = wasmtime::Module::new(&engine, region.memory_module())?;
//! let instance = wasmtime::Instance::new(&mut store, &module, &[])?;
//! let memory = instance.get_memory(&mut store, "memory").ok_or("no memory")?;
//! // Link `memory` as `env.memory` of the generated accessors and of the reading module.
//! # Ok(()) }
//! ```
//! Other memories the engine makes with the creator (a store's GC heap, say) are plain ones.

use std::sync::Arc;

use rustix::fd::BorrowedFd;
use rustix::fs::SealFlags;

use crate::sys::wasm_memory::RegionCreator;
use crate::Error;

/// WASM pages are 64 KiB; both parts of the memory are whole pages.
pub const PAGE: usize = 64 << 10;

/// A linear memory layout over a channel's data region, and the wasmtime hooks that make it.
#[derive(Clone, Debug)]
pub struct RegionMemory {
    creator: Arc<RegionCreator>,
}

impl RegionMemory {
    /// `private` bytes of the module's own, then the `data_size` bytes of the data region
    /// `data_fd` (a consumer's: [`Consumer::data_fd`](crate::Consumer::data_fd)). Both must be
    /// multiples of 64 KiB, together at most 4 GiB.
    pub fn new(data_fd: BorrowedFd<'_>, data_size: usize, private: usize) -> Result<RegionMemory, Error> {
        if !data_size.is_multiple_of(PAGE) || !private.is_multiple_of(PAGE) || data_size + private > 1 << 32 {
            return Err(Error::Config("WASM memory parts must be multiples of 64 KiB, at most 4 GiB"));
        }
        let fd = rustix::io::fcntl_dupfd_cloexec(data_fd, 0)?;
        // The region must stay at least this long, or accesses would fault (SIGBUS).
        let size = crate::region::sealed_size(&fd, SealFlags::SHRINK)?;
        if size < data_size as u64 {
            return Err(Error::Protocol("data memfd smaller than the memory asked for"));
        }
        Ok(RegionMemory { creator: Arc::new(RegionCreator { fd, private, shared: data_size }) })
    }

    /// For `wasmtime::Config::with_host_memory`.
    pub fn creator(&self) -> Arc<dyn wasmtime::MemoryCreator> {
        self.creator.clone()
    }

    /// A WASM module that defines the memory (fixed size, exported as `memory`):
    /// `(module (memory (export "memory") N N))`. Instantiate it in an engine configured with
    /// [`creator`](Self::creator).
    pub fn memory_module(&self) -> Vec<u8> {
        let pages = ((self.creator.private + self.creator.shared) / PAGE) as u32;
        let mut limits = vec![0x01]; // minimum and maximum
        leb128(&mut limits, pages);
        leb128(&mut limits, pages);
        let mut module = b"\0asm\x01\0\0\0".to_vec();
        let mut memory_section = vec![1]; // one memory
        memory_section.extend(limits);
        section(&mut module, 5, &memory_section);
        // One export: "memory", a memory (kind 2), index 0.
        section(&mut module, 7, &[1, 6, b'm', b'e', b'm', b'o', b'r', b'y', 2, 0]);
        module
    }

    /// Address of the data region in the linear memory.
    pub fn region_base(&self) -> u32 {
        self.creator.private as u32
    }
}

fn leb128(out: &mut Vec<u8>, mut value: u32) {
    loop {
        let byte = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn section(module: &mut Vec<u8>, id: u8, body: &[u8]) {
    module.push(id);
    leb128(module, body.len() as u32);
    module.extend_from_slice(body);
}
