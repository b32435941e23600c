//! The WASM host: a wasmtime instance whose linear memory ends with the channel's data
//! region (wxl_channel::wasm::RegionMemory), so the module reads each message in place.

use std::io::{IoSliceMut, Read, Write};
use std::mem::MaybeUninit;
use std::os::unix::net::{UnixListener, UnixStream};

use rustix::fd::{AsFd, OwnedFd};
use rustix::net::{recvmsg, RecvAncillaryBuffer, RecvAncillaryMessage, RecvFlags};
use wasmtime::{Engine, Instance, Linker, Memory, Module, Store, TypedFunc};
use wxl_channel::wasm::RegionMemory;

/// The module's own part of the memory: the verifier's scratch lives at 0.
pub const PRIVATE: usize = 1 << 20;

const LOGS_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/logs.wasm"));
const DIGEST_WASM: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/digest.wasm"));

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// A WASM module reading one data region in place.
pub struct Reader {
    store: Store<()>,
    digest: TypedFunc<(i32, i32, i32), i64>,
    scribble: TypedFunc<i32, ()>,
    base: u32,
}

impl Reader {
    /// Map the data region `fd` (`size` bytes) into a fresh engine's memory and instantiate
    /// the generated accessors (`logs.wasm`) and the reader (`digest.wasm`) over it.
    pub fn new(fd: &OwnedFd, size: usize) -> Result<Reader, Error> {
        let region = RegionMemory::new(fd.as_fd(), size, PRIVATE)?;
        let mut config = wasmtime::Config::new();
        config.with_host_memory(region.creator());
        let engine = Engine::new(&config)?;
        let mut store = Store::new(&engine, ());
        let memory_module = Module::new(&engine, region.memory_module())?;
        let memory: Memory = Instance::new(&mut store, &memory_module, &[])?
            .get_memory(&mut store, "memory")
            .ok_or("the memory module exports no memory")?;
        let mut linker = Linker::new(&engine);
        linker.define(&mut store, "env", "memory", memory)?;
        let logs = linker.instantiate(&mut store, &Module::new(&engine, LOGS_WASM)?)?;
        linker.instance(&mut store, "logs", logs)?;
        let reader: Instance = linker.instantiate(&mut store, &Module::new(&engine, DIGEST_WASM)?)?;
        let digest = reader.get_typed_func(&mut store, "digest")?;
        let scribble = reader.get_typed_func(&mut store, "scribble")?;
        Ok(Reader { store, digest, scribble, base: region.region_base() })
    }

    /// The digest of the message at `offset` in the region (negative: the verifier's error).
    pub fn digest(&mut self, offset: u32, len: u32) -> Result<i64, Error> {
        Ok(self.digest.call(&mut self.store, ((self.base + offset) as i32, len as i32, 0))?)
    }

    /// Try to store a byte at `offset` in the region (it is read-only: this traps).
    pub fn scribble(&mut self, offset: u32) -> wasmtime::Result<()> {
        self.scribble.call(&mut self.store, (self.base + offset) as i32)
    }
}

/// Receive "WXLT" + the region's size and its descriptor.
pub fn recv_region(sock: &UnixStream) -> Result<(OwnedFd, usize), Error> {
    let mut hello = [0u8; 12];
    let mut space = [MaybeUninit::uninit(); rustix::cmsg_space!(ScmRights(1))];
    let mut control = RecvAncillaryBuffer::new(&mut space);
    recvmsg(sock, &mut [IoSliceMut::new(&mut hello)], &mut control, RecvFlags::CMSG_CLOEXEC)?;
    let mut fds = Vec::new();
    for message in control.drain() {
        if let RecvAncillaryMessage::ScmRights(received) = message {
            fds.extend(received);
        }
    }
    if &hello[0..4] != b"WXLT" || fds.len() != 1 {
        return Err("bad region handshake".into());
    }
    let size = u64::from_le_bytes(hello[4..12].try_into().expect("8 bytes"));
    Ok((fds.pop().expect("one"), size as usize))
}

/// The `wasm-tap` role: serve digests of the messages the C consumer names, until it hangs up.
pub fn serve(path: &str) -> Result<(), Error> {
    let _ = std::fs::remove_file(path);
    let listener = UnixListener::bind(path)?;
    println!("listening");
    std::io::stdout().flush()?;
    let (mut sock, _) = listener.accept()?;
    let _ = std::fs::remove_file(path);
    let (fd, size) = recv_region(&sock)?;
    let mut reader = Reader::new(&fd, size)?;
    let (mut messages, mut total) = (0u64, 0u64);
    let mut descriptor = [0u8; 16];
    while sock.read_exact(&mut descriptor).is_ok() {
        let word = u64::from_le_bytes(descriptor[8..16].try_into().expect("8 bytes"));
        let digest = reader.digest(word as u32, (word >> 32) as u32)?;
        sock.write_all(&digest.to_le_bytes())?;
        messages += 1;
        total = total.wrapping_add(digest as u64);
    }
    println!("wasm {messages} {total}");
    Ok(())
}
