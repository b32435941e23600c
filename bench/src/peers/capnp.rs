//! Cap'n Proto (`capnp` crate) over code from Debian's `capnp` (0.9.2) through `capnpc`.
//! Readers check lazily in each getter (bounds, traversal limit); there is no up-front verifier
//! and no unchecked read in the Rust runtime.

use crate::data::{Logs, Mesh, Vector3};
use crate::format::{Format, LogSum, MeshSum};
use crate::{log_capnp, mesh_capnp};
use capnp::message::{ReaderOptions, ScratchSpaceHeapAllocator};
use capnp::serialize;

/// A reused zeroed scratch space for the message (the benchmark's setup) and output buffer.
pub struct Capnp {
    scratch: Vec<capnp::Word>,
    out: Vec<u8>,
}

impl Capnp {
    fn fresh() -> Capnp {
        Capnp { scratch: capnp::Word::allocate_zeroed_vec(1 << 21), out: Vec::new() }
    }
}

fn options() -> ReaderOptions {
    // The default traversal limit (64 MiB) covers both datasets once.
    ReaderOptions::new()
}

fn read_logs(bytes: &[u8]) -> capnp::Result<LogSum> {
    let mut slice = bytes;
    let message = serialize::read_message_from_flat_slice_no_alloc(&mut slice, options())?;
    let root = message.get_root::<log_capnp::logs::Reader>()?;
    let mut sum = LogSum::default();
    for l in root.get_logs()? {
        let a = l.get_address()?;
        sum.add([a.get_x0(), a.get_x1(), a.get_x2(), a.get_x3()], l.get_code(), l.get_size());
    }
    Ok(sum)
}

fn read_mesh(bytes: &[u8]) -> capnp::Result<MeshSum> {
    let mut slice = bytes;
    let message = serialize::read_message_from_flat_slice_no_alloc(&mut slice, options())?;
    let root = message.get_root::<mesh_capnp::mesh::Reader>()?;
    let mut sum = MeshSum::default();
    for t in root.get_triangles()? {
        let n = t.get_normal()?;
        sum.add(n.get_x(), n.get_y(), n.get_z());
    }
    Ok(sum)
}

fn set_vector(mut b: mesh_capnp::vector3::Builder<'_>, v: &Vector3) {
    b.set_x(v.x);
    b.set_y(v.y);
    b.set_z(v.z);
}

impl Format<Logs> for Capnp {
    const NAME: &'static str = "capnp";
    fn new() -> Self {
        Capnp::fresh()
    }
    fn serialize(&mut self, data: &Logs) -> &[u8] {
        let words = capnp::Word::words_to_bytes_mut(&mut self.scratch);
        let mut message = capnp::message::Builder::new(ScratchSpaceHeapAllocator::new(words));
        let root = message.init_root::<log_capnp::logs::Builder>();
        let mut list = root.init_logs(data.logs.len() as u32);
        for (i, l) in data.logs.iter().enumerate() {
            let mut b = list.reborrow().get(i as u32);
            let mut a = b.reborrow().init_address();
            a.set_x0(l.address.x0);
            a.set_x1(l.address.x1);
            a.set_x2(l.address.x2);
            a.set_x3(l.address.x3);
            b.set_identity(l.identity.as_str());
            b.set_userid(l.userid.as_str());
            b.set_date(l.date.as_str());
            b.set_request(l.request.as_str());
            b.set_code(l.code);
            b.set_size(l.size);
        }
        self.out.clear();
        serialize::write_message(&mut self.out, &message).expect("write to a Vec");
        &self.out
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        read_logs(bytes).ok()
    }
}

impl Format<Mesh> for Capnp {
    const NAME: &'static str = "capnp";
    fn new() -> Self {
        Capnp::fresh()
    }
    fn serialize(&mut self, data: &Mesh) -> &[u8] {
        let words = capnp::Word::words_to_bytes_mut(&mut self.scratch);
        let mut message = capnp::message::Builder::new(ScratchSpaceHeapAllocator::new(words));
        let root = message.init_root::<mesh_capnp::mesh::Builder>();
        let mut list = root.init_triangles(data.triangles.len() as u32);
        for (i, t) in data.triangles.iter().enumerate() {
            let mut b = list.reborrow().get(i as u32);
            set_vector(b.reborrow().init_v0(), &t.v0);
            set_vector(b.reborrow().init_v1(), &t.v1);
            set_vector(b.reborrow().init_v2(), &t.v2);
            set_vector(b.reborrow().init_normal(), &t.normal);
        }
        self.out.clear();
        serialize::write_message(&mut self.out, &message).expect("write to a Vec");
        &self.out
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        read_mesh(bytes).ok()
    }
}
