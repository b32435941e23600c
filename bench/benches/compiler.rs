//! The compiler's speed on generated schemas of 100, 1,000 and 10,000 types: `wxl check`
//! (parse, resolve, GC type checks, layout) and `wxl build --lang rust` (check, then the Rust
//! back end), both called as libraries on schema text held in memory.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use std::hint::black_box;
use wxl_bench::schemagen;

/// The sizes of the issue; the report reads the groups back by these names.
const SIZES: [usize; 3] = [100, 1_000, 10_000];

fn compiler(c: &mut Criterion) {
    let mut group = c.benchmark_group("compiler-check");
    group.sample_size(10);
    for n in SIZES {
        let text = schemagen::schema(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| black_box(schemagen::check(black_box(text))))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("compiler-build-rust");
    group.sample_size(10);
    for n in SIZES {
        let text = schemagen::schema(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| black_box(schemagen::build_rust(black_box(text))))
        });
    }
    group.finish();
}

criterion_group!(benches, compiler);
criterion_main!(benches);
