//! One operation in a loop, for a profiler (no HW counters on these machines: callgrind).
//!
//! `valgrind --tool=callgrind target/release/profile log verify 50`
//! then `callgrind_annotate callgrind.out.*`. Contenders: wxl, wxl-c, flatbuffers, rkyv;
//! operations: serialize, verify, read, read-validated.

use std::hint::black_box;
use wxl_bench::data::{self, Logs, Mesh};
use wxl_bench::format::{Aligned, Dataset, Format};
use wxl_bench::peers::{flatbuffers::FlatBuffers, rkyv::Rkyv};
use wxl_bench::wxl::{c::WxlC, rust::Wxl};

fn run<D: Dataset, F: Format<D>>(data: &D, op: &str, times: usize) {
    let mut f = F::new();
    let bytes = Aligned::new(f.serialize(data));
    let bytes = bytes.bytes();
    for _ in 0..times {
        match op {
            "serialize" => drop(black_box(f.serialize(data).len())),
            "verify" => drop(black_box(f.verify(bytes))),
            // SAFETY: `bytes` is what `serialize` wrote.
            "read" => drop(black_box(unsafe { f.read_unvalidated(bytes) })),
            "read-validated" => drop(black_box(f.read_validated(bytes))),
            other => panic!("unknown operation {other}"),
        }
    }
}

fn dispatch<D: Dataset>(data: &D, who: &str, op: &str, times: usize)
where
    Wxl: Format<D>,
    WxlC: Format<D>,
    FlatBuffers: Format<D>,
    Rkyv: Format<D>,
{
    match who {
        "wxl" => run::<D, Wxl>(data, op, times),
        "wxl-c" => run::<D, WxlC>(data, op, times),
        "flatbuffers" => run::<D, FlatBuffers>(data, op, times),
        "rkyv" => run::<D, Rkyv>(data, op, times),
        other => panic!("unknown contender {other}"),
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dataset, who, op, times] = args.as_slice() else {
        panic!("usage: profile (log|mesh) CONTENDER OPERATION TIMES");
    };
    let times: usize = times.parse().expect("a count");
    match dataset.as_str() {
        "log" => dispatch::<Logs>(&data::logs(data::LOG_RECORDS), who, op, times),
        "mesh" => dispatch::<Mesh>(&data::mesh(data::MESH_TRIANGLES), who, op, times),
        other => panic!("unknown dataset {other}"),
    }
}
