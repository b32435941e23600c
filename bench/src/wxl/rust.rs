//! wxl through the Rust code `wxl-build` generated (typed views and `*Args` builders over
//! `wxl-runtime`), with a reused `Builder` and `Verifier`.

use super::generated::{logs, mesh};
use crate::data::{Logs, Mesh, Vector3};
use crate::format::{Format, LogSum, MeshSum};
use wxl_runtime::{Builder, Ref, Verifier};

/// After the first buffer, neither the builder nor the verifier allocates.
pub struct Wxl {
    builder: Builder,
    verifier: Verifier,
    refs: Vec<Ref<logs::Log<'static>>>,
}

impl Wxl {
    fn fresh() -> Wxl {
        Wxl { builder: Builder::with_capacity(1 << 20), verifier: Verifier::new(), refs: Vec::new() }
    }
}

/// The benchmark's log read.
pub fn read_logs(root: logs::Logs<'_>) -> LogSum {
    let mut sum = LogSum::default();
    for l in root.logs() {
        let a = l.address();
        sum.add([a.x0(), a.x1(), a.x2(), a.x3()], l.code(), l.size());
    }
    sum
}

/// Every triangle's normal.
pub fn read_mesh(root: mesh::Mesh<'_>) -> MeshSum {
    let mut sum = MeshSum::default();
    for t in root.triangles() {
        let n = t.normal();
        sum.add(n.x(), n.y(), n.z());
    }
    sum
}

/// The log dataset as a wxl buffer: each record's strings, then the record; then the array
/// of references and the root.
pub fn write_logs<'b>(b: &'b mut Builder, refs: &mut Vec<Ref<logs::Log<'static>>>, data: &Logs) -> &'b [u8] {
    b.clear();
    refs.clear();
    for l in &data.logs {
        let a = &l.address;
        let args = logs::LogArgs {
            address: logs::AddressArgs { x0: a.x0, x1: a.x1, x2: a.x2, x3: a.x3 },
            identity: b.string(&l.identity),
            userid: b.string(&l.userid),
            date: b.string(&l.date),
            request: b.string(&l.request),
            code: l.code,
            size: l.size,
        };
        refs.push(args.build(b));
    }
    let array = logs::ArrayOfLog::build(b, refs);
    let root = logs::LogsArgs { logs: array }.build(b);
    logs::finish(b, root)
}

fn vector(v: &Vector3) -> mesh::Vector3Args {
    mesh::Vector3Args { x: v.x, y: v.y, z: v.z }
}

/// The mesh as a wxl buffer, through the generated builder: `build_with` encodes each of the
/// dataset's triangles (as the generated `TriangleArgs`) straight into the buffer, one pass.
pub fn write_mesh<'b>(b: &'b mut Builder, data: &Mesh) -> &'b [u8] {
    b.clear();
    let array = mesh::ArrayOfTriangle::build_with(b, &data.triangles, |t| mesh::TriangleArgs {
        v0: vector(&t.v0),
        v1: vector(&t.v1),
        v2: vector(&t.v2),
        normal: vector(&t.normal),
    });
    let root = mesh::MeshArgs { triangles: array }.build(b);
    mesh::finish(b, root)
}

impl Format<Logs> for Wxl {
    const NAME: &'static str = "wxl";
    fn new() -> Self {
        Wxl::fresh()
    }
    fn serialize(&mut self, data: &Logs) -> &[u8] {
        write_logs(&mut self.builder, &mut self.refs, data)
    }
    fn verify(&mut self, bytes: &[u8]) -> Option<bool> {
        Some(logs::root_with(&mut self.verifier, bytes).is_ok())
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        // SAFETY: the caller passes bytes `serialize` wrote, which verify (tests/agree.rs).
        unsafe { logs::root_unchecked(bytes) }.ok().map(read_logs)
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        logs::root_with(&mut self.verifier, bytes).ok().map(read_logs)
    }
}

impl Format<Mesh> for Wxl {
    const NAME: &'static str = "wxl";
    fn new() -> Self {
        Wxl::fresh()
    }
    fn serialize(&mut self, data: &Mesh) -> &[u8] {
        write_mesh(&mut self.builder, data)
    }
    fn verify(&mut self, bytes: &[u8]) -> Option<bool> {
        Some(mesh::root_with(&mut self.verifier, bytes).is_ok())
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        // SAFETY: the caller passes bytes `serialize` wrote, which verify (tests/agree.rs).
        unsafe { mesh::root_unchecked(bytes) }.ok().map(read_mesh)
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        mesh::root_with(&mut self.verifier, bytes).ok().map(read_mesh)
    }
}
