//! wxl through the Rust runtime (`wxl-runtime`): `Builder`, `Verifier` and the zero-copy
//! views, at the offsets the compiler computed (see `model.rs`).

use super::model::{log_model, mesh_model};
use crate::data::{Logs, Mesh};
use crate::format::{Format, LogSum, MeshSum};
use wxl_runtime::{Builder, Options, Ref, StructView, Verified, Verifier};

/// A reused builder and verifier: after the first buffer neither allocates.
pub struct Wxl {
    builder: Builder,
    verifier: Verifier,
    refs: Vec<Ref>,
}

impl Wxl {
    fn fresh() -> Wxl {
        Wxl { builder: Builder::with_capacity(1 << 20), verifier: Verifier::new(), refs: Vec::new() }
    }
}

/// The benchmark's log read over a verified (or trusted) buffer.
pub fn read_logs(v: Verified<'_>) -> LogSum {
    let m = log_model();
    let mut sum = LogSum::default();
    let Some(logs) = v.root_struct().get_array(m.logs_logs) else { return sum };
    let [x0, x1, x2, x3] = m.address_bytes;
    for i in 0..logs.len() {
        let l = logs.get_struct(i).unwrap_or_default();
        let a = l.get_value(m.address);
        let address = [a.get_u8(x0, 0), a.get_u8(x1, 0), a.get_u8(x2, 0), a.get_u8(x3, 0)];
        sum.add(address, l.get_u16(m.code, 0), l.get_u64(m.size, 0));
    }
    sum
}

/// Every triangle's normal.
pub fn read_mesh(v: Verified<'_>) -> MeshSum {
    let m = mesh_model();
    let mut sum = MeshSum::default();
    let Some(triangles) = v.root_struct().get_array(m.mesh_triangles) else { return sum };
    let [x, y, z] = m.xyz;
    for i in 0..triangles.len() {
        let n: StructView<'_> = triangles.element(i).unwrap_or_default().get_value(m.normal);
        sum.add(n.get_f32(x, 0.0), n.get_f32(y, 0.0), n.get_f32(z, 0.0));
    }
    sum
}

/// The log dataset as a wxl buffer: each record's strings, then the record, then the array of
/// references and the root.
pub fn write_logs<'b>(b: &'b mut Builder, refs: &mut Vec<Ref>, data: &Logs) -> &'b [u8] {
    let m = log_model();
    b.clear();
    refs.clear();
    for l in &data.logs {
        let identity = b.string(&l.identity);
        let userid = b.string(&l.userid);
        let date = b.string(&l.date);
        let request = b.string(&l.request);
        let a = &l.address;
        let mut s = b.begin_struct(m.log.id, m.log.align, m.log.size);
        s.set_bytes(m.address, &[a.x0, a.x1, a.x2, a.x3])
            .set_ref(m.identity, identity)
            .set_ref(m.userid, userid)
            .set_ref(m.date, date)
            .set_ref(m.request, request)
            .set_u16(m.code, l.code)
            .set_u64(m.size, l.size);
        refs.push(s.end());
    }
    let array: Ref = b.ref_array(m.log_array, refs);
    let mut root = b.begin_struct(m.logs.id, m.logs.align, m.logs.size);
    root.set_ref(m.logs_logs, array);
    let root: Ref = root.end();
    b.finish(root, m.schema.identifier)
}

/// The mesh as a wxl buffer: the triangles are one copy of the payload.
pub fn write_mesh<'b>(b: &'b mut Builder, data: &Mesh) -> &'b [u8] {
    let m = mesh_model();
    b.clear();
    let array: Ref = b.value_array_bytes(m.triangles, m.triangles_align, m.stride, data.payload());
    let mut root = b.begin_struct(m.mesh.id, m.mesh.align, m.mesh.size);
    root.set_ref(m.mesh_triangles, array);
    let root: Ref = root.end();
    b.finish(root, m.schema.identifier)
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
        Some(self.verifier.verify(bytes, log_model().schema, &Options::default()).is_ok())
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        // SAFETY: the caller passes bytes `serialize` wrote, which verify (tests/agree.rs).
        unsafe { Verified::new_unchecked(bytes, log_model().schema) }.ok().map(read_logs)
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        self.verifier.verify(bytes, log_model().schema, &Options::default()).ok().map(read_logs)
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
        Some(self.verifier.verify(bytes, mesh_model().schema, &Options::default()).is_ok())
    }
    unsafe fn read_unvalidated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        // SAFETY: the caller passes bytes `serialize` wrote, which verify (tests/agree.rs).
        unsafe { Verified::new_unchecked(bytes, mesh_model().schema) }.ok().map(read_mesh)
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        self.verifier.verify(bytes, mesh_model().schema, &Options::default()).ok().map(read_mesh)
    }
}
