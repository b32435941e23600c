//! planus 1.3 over code from its own generator (build.rs). planus checks lazily: every
//! accessor returns a `Result`, and there is neither an up-front verifier nor an unchecked read.

use crate::data::{Logs, Mesh};
use crate::format::{Format, LogSum, MeshSum};
use crate::generated::{log_planus::log as pl_log, mesh_planus::mesh as pl_mesh};
use planus::{Builder, ReadAsRoot};

pub struct Planus {
    builder: Builder,
    logs: Vec<planus::Offset<pl_log::Log>>,
    /// planus writes a vector of structs from a slice of its own struct type.
    triangles: Vec<pl_mesh::Triangle>,
}

impl Planus {
    fn fresh() -> Planus {
        Planus { builder: Builder::with_capacity(1 << 20), logs: Vec::new(), triangles: Vec::new() }
    }
}

fn read_logs(bytes: &[u8]) -> planus::Result<LogSum> {
    let root = pl_log::LogsRef::read_as_root(bytes)?;
    let mut sum = LogSum::default();
    if let Some(logs) = root.logs()? {
        for l in logs {
            let l = l?;
            let address = l.address()?.map_or([0; 4], |a| [a.x0(), a.x1(), a.x2(), a.x3()]);
            sum.add(address, l.code()?, l.size()?);
        }
    }
    Ok(sum)
}

fn read_mesh(bytes: &[u8]) -> planus::Result<MeshSum> {
    let root = pl_mesh::MeshRef::read_as_root(bytes)?;
    let mut sum = MeshSum::default();
    if let Some(triangles) = root.triangles()? {
        for t in triangles {
            let n = t.normal();
            sum.add(n.x(), n.y(), n.z());
        }
    }
    Ok(sum)
}

impl Format<Logs> for Planus {
    const NAME: &'static str = "planus";
    fn new() -> Self {
        Planus::fresh()
    }
    fn serialize(&mut self, data: &Logs) -> &[u8] {
        let b = &mut self.builder;
        b.clear();
        self.logs.clear();
        for l in &data.logs {
            let a = &l.address;
            let address = pl_log::Address { x0: a.x0, x1: a.x1, x2: a.x2, x3: a.x3 };
            let log = pl_log::Log::create(
                b,
                address,
                l.identity.as_str(),
                l.userid.as_str(),
                l.date.as_str(),
                l.request.as_str(),
                l.code,
                l.size,
            );
            self.logs.push(log);
        }
        let root = pl_log::Logs::create(b, self.logs.as_slice());
        b.finish(root, None)
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<LogSum> {
        read_logs(bytes).ok()
    }
}

impl Format<Mesh> for Planus {
    const NAME: &'static str = "planus";
    fn new() -> Self {
        Planus::fresh()
    }
    fn serialize(&mut self, data: &Mesh) -> &[u8] {
        let v = |v: &crate::data::Vector3| pl_mesh::Vector3 { x: v.x, y: v.y, z: v.z };
        self.triangles.clear();
        self.triangles.extend(data.triangles.iter().map(|t| pl_mesh::Triangle {
            v0: v(&t.v0),
            v1: v(&t.v1),
            v2: v(&t.v2),
            normal: v(&t.normal),
        }));
        let b = &mut self.builder;
        b.clear();
        let root = pl_mesh::Mesh::create(b, self.triangles.as_slice());
        b.finish(root, None)
    }
    fn read_validated(&mut self, bytes: &[u8]) -> Option<MeshSum> {
        read_mesh(bytes).ok()
    }
}
