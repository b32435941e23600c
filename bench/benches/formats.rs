//! The timings: for each dataset and each contender, serialize (into the reused buffer), verify
//! only, read unvalidated (get the root and read) and read validated (verify and read), on the
//! full-size datasets. Group ids are `{dataset}-{metric}`, function ids the contender's
//! `NAME`; `src/bin/report.rs` reads criterion's estimates back by those names.
//!
//! Run through `bench/run.sh` (short measurement times, then the report).

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use wxl_bench::data::{self, Logs, Mesh};
use wxl_bench::format::{Aligned, Dataset, Format};
use wxl_bench::peers::{capnp::Capnp, flatbuffers::FlatBuffers, memcpy::Memcpy, planus::Planus, rkyv::Rkyv};
use wxl_bench::wxl::{c::WxlC, rust::Wxl};

fn contender<D: Dataset, F: Format<D>>(c: &mut Criterion, data: &D) {
    let mut f = F::new();
    let bytes = Aligned::new(f.serialize(data));
    let bytes = bytes.bytes();
    if F::TIMES_SERIALIZE {
        c.benchmark_group(format!("{}-serialize", D::NAME))
            .bench_function(F::NAME, |b| b.iter(|| black_box(f.serialize(black_box(data)).len())));
    }
    if f.verify(bytes).is_some() {
        c.benchmark_group(format!("{}-verify", D::NAME))
            .bench_function(F::NAME, |b| b.iter(|| black_box(f.verify(black_box(bytes)))));
    }
    // SAFETY: `bytes` is what `serialize` wrote.
    if unsafe { f.read_unvalidated(bytes) }.is_some() {
        c.benchmark_group(format!("{}-read", D::NAME)).bench_function(F::NAME, |b| {
            // SAFETY: as above.
            b.iter(|| black_box(unsafe { f.read_unvalidated(black_box(bytes)) }))
        });
    }
    c.benchmark_group(format!("{}-read-validated", D::NAME))
        .bench_function(F::NAME, |b| b.iter(|| black_box(f.read_validated(black_box(bytes)))));
}

fn all<D: Dataset>(c: &mut Criterion, data: &D)
where
    Wxl: Format<D>,
    WxlC: Format<D>,
    FlatBuffers: Format<D>,
    Planus: Format<D>,
    Capnp: Format<D>,
    Rkyv: Format<D>,
{
    contender::<D, Wxl>(c, data);
    contender::<D, WxlC>(c, data);
    contender::<D, FlatBuffers>(c, data);
    contender::<D, Planus>(c, data);
    contender::<D, Capnp>(c, data);
    contender::<D, Rkyv>(c, data);
}

fn log(c: &mut Criterion) {
    all::<Logs>(c, &data::logs(data::LOG_RECORDS));
}

fn mesh(c: &mut Criterion) {
    let mesh = data::mesh(data::MESH_TRIANGLES);
    all::<Mesh>(c, &mesh);
    let mut memcpy = Memcpy::new();
    c.benchmark_group("mesh-serialize")
        .bench_function(<Memcpy as Format<Mesh>>::NAME, |b| b.iter(|| black_box(memcpy.serialize(black_box(&mesh)).len())));
}

criterion_group!(formats, log, mesh);
criterion_main!(formats);
