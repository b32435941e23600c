//! The official `flatbuffers` crate over code from Debian's `flatc --rust` (2.0.8).

use crate::data::{Logs, Mesh};
use crate::format::{Format, LogSum, MeshSum};
use crate::generated::{log_fb::log as fb_log, mesh_fb::mesh as fb_mesh};
use flatbuffers::FlatBufferBuilder;

/// One builder, `reset` between buffers (keeps its storage).
pub struct FlatBuffers {
    fbb: FlatBufferBuilder<'static>,
    logs: Vec<flatbuffers::WIPOffset<fb_log::Log<'static>>>,
}

impl FlatBuffers {
    fn fresh() -> FlatBuffers {
        FlatBuffers { fbb: FlatBufferBuilder::with_capacity(1 << 20), logs: Vec::new() }
    }
}

fn read_logs(logs: fb_log::Logs<'_>) -> LogSum {
    let mut sum = LogSum::default();
    for l in logs.logs().into_iter().flatten() {
        let a = l.address().copied().unwrap_or_default();
        sum.add([a.x0(), a.x1(), a.x2(), a.x3()], l.code(), l.size_());
    }
    sum
}

fn read_mesh(mesh: fb_mesh::Mesh<'_>) -> MeshSum {
    let mut sum = MeshSum::default();
    for t in mesh.triangles().unwrap_or_default() {
        let n = t.normal();
        sum.add(n.x(), n.y(), n.z());
    }
    sum
}

impl Format<Logs> for FlatBuffers {
    const NAME: &'static str = "flatbuffers";
    fn new() -> Self {
        FlatBuffers::fresh()
    }
    fn serialize(&mut self, data: &Logs) -> &[u8] {
        let fbb = &mut self.fbb;
        fbb.reset();
        self.logs.clear();
        for l in &data.logs {
            let identity = fbb.create_string(&l.identity);
            let userid = fbb.create_string(&l.userid);
            let date = fbb.create_string(&l.date);
            let request = fbb.create_string(&l.request);
            let a = &l.address;
            let address = fb_log::Address::new(a.x0, a.x1, a.x2, a.x3);
            let args = fb_log::LogArgs {
                address: Some(&address),
                identity: Some(identity),
                userid: Some(userid),
                date: Some(date),
                request: Some(request),
                code: l.code,
                size_: l.size,
            };
            self.logs.push(fb_log::Log::create(fbb, &args));
        }
        let logs = fbb.create_vector(&self.logs);
        let root = fb_log::Logs::create(fbb, &fb_log::LogsArgs { logs: Some(logs) });
        fbb.finish(root, None);
        fbb.finished_data()
    }
    fn verify(&mut self, bytes: &[u8]) -> Option<bool> {
        Some(fb_log::root_as_logs(bytes).is_ok())
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        // SAFETY: the caller passes bytes `serialize` wrote (the trait's contract).
        Some(read_logs(unsafe { fb_log::root_as_logs_unchecked(bytes) }))
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        fb_log::root_as_logs(bytes).ok().map(read_logs)
    }
}

impl Format<Mesh> for FlatBuffers {
    const NAME: &'static str = "flatbuffers";
    fn new() -> Self {
        FlatBuffers::fresh()
    }
    fn serialize(&mut self, data: &Mesh) -> &[u8] {
        let fbb = &mut self.fbb;
        fbb.reset();
        let v = |v: &crate::data::Vector3| fb_mesh::Vector3::new(v.x, v.y, v.z);
        // The generated structs are pushed one by one, as flatbuffers users write vectors of
        // structs they did not already hold as flatbuffers structs.
        let triangles = fbb.create_vector_from_iter(
            data.triangles.iter().map(|t| fb_mesh::Triangle::new(&v(&t.v0), &v(&t.v1), &v(&t.v2), &v(&t.normal))),
        );
        let root = fb_mesh::Mesh::create(fbb, &fb_mesh::MeshArgs { triangles: Some(triangles) });
        fbb.finish(root, None);
        fbb.finished_data()
    }
    fn verify(&mut self, bytes: &[u8]) -> Option<bool> {
        Some(fb_mesh::root_as_mesh(bytes).is_ok())
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        // SAFETY: the caller passes bytes `serialize` wrote (the trait's contract).
        Some(read_mesh(unsafe { fb_mesh::root_as_mesh_unchecked(bytes) }))
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        fb_mesh::root_as_mesh(bytes).ok().map(read_mesh)
    }
}
