#[path = "../tests/common/mod.rs"]
mod common;
use common::*;
use std::hint::black_box;
use std::time::Instant;
use wxl_runtime::{Builder, Options, Verifier, Ref, Schema};
fn time(name: &str, buf: &[u8], schema: &Schema) {
    let mut v = Verifier::new();
    let mut best = f64::MAX;
    for _ in 0..300 {
        let t = Instant::now();
        black_box(v.verify(black_box(buf), schema, &Options::default()).unwrap());
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("{name:<20} {:>8.1} us {:>6.2} GB/s {} B", best * 1e6, buf.len() as f64 / best / 1e9, buf.len());
}
fn main() {
    let recs = log_records(10_000);
    let any = Schema { root: None, ..LOG_SCHEMA };
    // Strings only.
    let mut b = Builder::new();
    let mut last: Ref<str> = Ref::from_offset(0);
    for r in &recs { for s in [&r.identity, &r.userid, &r.date, &r.request] { last = b.string(s); } }
    let strings = b.finish(last, [0;4]).to_vec();
    time("strings only", &strings, &any);
    // Structs with refs to one string.
    b.clear();
    let s = b.string("x");
    let mut last: Ref = Ref::from_offset(0);
    for r in &recs {
        let mut st = b.begin_struct(LOG, 8, LOG_SIZE);
        st.set_ref(4, s).set_ref(8, s).set_ref(12, s).set_ref(16, s).set_u16(20, r.code);
        last = st.end();
    }
    let structs = b.finish(last, [0;4]).to_vec();
    time("structs only", &structs, &any);
    // Ref array of 10k refs to one struct.
    b.clear();
    let s = b.string("x");
    let mut st = b.begin_struct(LOG, 8, LOG_SIZE);
    st.set_ref(4, s).set_ref(8, s).set_ref(12, s).set_ref(16, s);
    let l: Ref = st.end();
    let arr: Ref = b.ref_array(LOG_ARRAY, &vec![l; 10_000]);
    let refs = b.finish(arr, [0;4]).to_vec();
    time("ref array 10k", &refs, &any);
    time("full log", &build_logs(&mut b, &recs), &LOG_SCHEMA);
}
