//! rkyv 0.8: serializes the Rust values themselves; `access` validates with bytecheck.

use crate::data::{ArchivedLogs, ArchivedMesh, Logs, Mesh};
use crate::format::{Format, LogSum, MeshSum};
use rkyv::rancor::Error;
use rkyv::ser::allocator::Arena;
use rkyv::util::AlignedVec;

/// The reused output buffer and scratch arena (the benchmark's setup).
pub struct Rkyv {
    out: AlignedVec,
    arena: Arena,
}

impl Rkyv {
    fn fresh() -> Rkyv {
        Rkyv { out: AlignedVec::new(), arena: Arena::new() }
    }

    fn write<T>(&mut self, value: &T) -> &[u8]
    where
        T: for<'a> rkyv::Serialize<rkyv::api::high::HighSerializer<AlignedVec, rkyv::ser::allocator::ArenaHandle<'a>, Error>>,
    {
        let mut out = core::mem::take(&mut self.out);
        out.clear();
        self.out = rkyv::api::high::to_bytes_in_with_alloc::<_, _, Error>(value, out, self.arena.acquire())
            .expect("rkyv serialize");
        &self.out
    }
}

fn read_logs(logs: &ArchivedLogs) -> LogSum {
    let mut sum = LogSum::default();
    for l in logs.logs.iter() {
        let a = &l.address;
        sum.add([a.x0, a.x1, a.x2, a.x3], l.code.to_native(), l.size.to_native());
    }
    sum
}

fn read_mesh(mesh: &ArchivedMesh) -> MeshSum {
    let mut sum = MeshSum::default();
    for t in mesh.triangles.iter() {
        sum.add(t.normal.x.to_native(), t.normal.y.to_native(), t.normal.z.to_native());
    }
    sum
}

impl Format<Logs> for Rkyv {
    const NAME: &'static str = "rkyv";
    fn new() -> Self {
        Rkyv::fresh()
    }
    fn serialize(&mut self, data: &Logs) -> &[u8] {
        self.write(data)
    }
    fn verify(&mut self, bytes: &[u8]) -> Option<bool> {
        Some(rkyv::access::<ArchivedLogs, Error>(bytes).is_ok())
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        // SAFETY: the caller passes bytes `serialize` wrote (the trait's contract).
        Some(read_logs(unsafe { rkyv::access_unchecked::<ArchivedLogs>(bytes) }))
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        rkyv::access::<ArchivedLogs, Error>(bytes).ok().map(read_logs)
    }
}

impl Format<Mesh> for Rkyv {
    const NAME: &'static str = "rkyv";
    fn new() -> Self {
        Rkyv::fresh()
    }
    fn serialize(&mut self, data: &Mesh) -> &[u8] {
        self.write(data)
    }
    fn verify(&mut self, bytes: &[u8]) -> Option<bool> {
        Some(rkyv::access::<ArchivedMesh, Error>(bytes).is_ok())
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        // SAFETY: the caller passes bytes `serialize` wrote (the trait's contract).
        Some(read_mesh(unsafe { rkyv::access_unchecked::<ArchivedMesh>(bytes) }))
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        rkyv::access::<ArchivedMesh, Error>(bytes).ok().map(read_mesh)
    }
}
