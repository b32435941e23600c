//! A quick speed check (not a benchmark): `cargo run --release -p wxl-runtime --example speed`.
//! Builds the log (10,000 records) and mesh (125,000 triangles) data sets, then times building,
//! verifying and reading them, best of several rounds, in cache.

#[path = "../tests/common/mod.rs"]
mod common;

use common::*;
use std::hint::black_box;
use std::time::{Duration, Instant};
use wxl_runtime::{Builder, Options, Verifier};

fn best(rounds: u32, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn report(what: &str, bytes: usize, time: Duration) {
    let gbs = bytes as f64 / time.as_secs_f64() / 1e9;
    println!("{what:<28} {:>10.1} us  {gbs:>7.2} GB/s  ({bytes} B)", time.as_secs_f64() * 1e6);
}

fn main() {
    let rounds = 200;
    let records = log_records(10_000);
    let mut b = Builder::with_capacity(2 << 20);
    let log = build_logs(&mut b, &records);
    let mut refs = Vec::new();
    report("log build (reused builder)", log.len(), best(rounds, || {
        black_box(build_logs_into(&mut b, &mut refs, black_box(&records)).len());
    }));
    let mut verifier = Verifier::new();
    report("log verify", log.len(), best(rounds, || {
        black_box(verifier.verify(black_box(&log), &LOG_SCHEMA, &Options::default()).unwrap());
    }));
    let v = verifier.verify(&log, &LOG_SCHEMA, &Options::default()).unwrap();
    report("log read (addr,code,size)", log.len(), best(rounds, || {
        let logs = v.root_struct().get_array(0).unwrap().typed::<Log>();
        let mut sum = 0u64;
        for l in logs.iter() {
            sum += u64::from(l.address()[0]) + u64::from(l.code()) + l.size();
        }
        black_box(sum);
    }));

    let tris = triangles(125_000);
    let mesh = build_mesh(&mut b, &tris);
    report("mesh verify", mesh.len(), best(rounds, || {
        black_box(verifier.verify(black_box(&mesh), &MESH_SCHEMA, &Options::default()).unwrap());
    }));
    let flat: Vec<f32> = tris.as_flattened().to_vec();
    report("mesh build (f32 array)", flat.len() * 4, best(rounds, || {
        b.clear();
        let r: wxl_runtime::Ref = b.scalar_array(TRIANGLES, black_box(&flat));
        black_box(b.finish(r, *b"MESH").len());
    }));
    let v = verifier.verify(&mesh, &MESH_SCHEMA, &Options::default()).unwrap();
    report("mesh read normals", mesh.len(), best(rounds / 4, || {
        let array = v.root_struct().get_array(0).unwrap();
        let mut sum = 0f32;
        for i in 0..array.len() {
            let n = array.element(i).unwrap_or_default().get_value(36);
            sum += n.get_f32(0, 0.0) + n.get_f32(4, 0.0) + n.get_f32(8, 0.0);
        }
        black_box(sum);
    }));
}
