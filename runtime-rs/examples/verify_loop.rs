//! Profiling helper: verify a data set in a loop (`perf record` or `valgrind` this).
//! Usage: verify_loop [log|structs|strings] [iterations]
#[path = "../tests/common/mod.rs"]
mod common;
use common::*;
use wxl_runtime::{Builder, Options, Ref, Schema, Verifier};
fn main() {
    let mode = std::env::args().nth(1).unwrap_or_else(|| "log".into());
    let n: usize = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(2000);
    let recs = log_records(10_000);
    let mut b = Builder::new();
    let any = Schema { root: None, ..LOG_SCHEMA };
    let (buf, schema) = match mode.as_str() {
        "structs" => {
            let s = b.string("x");
            let mut last: Ref = Ref::from_offset(0);
            for r in &recs {
                let mut st = b.begin_struct(LOG, 8, LOG_SIZE);
                st.set_ref(4, s).set_ref(8, s).set_ref(12, s).set_ref(16, s).set_u16(20, r.code);
                last = st.end();
            }
            (b.finish(last, [0; 4]).to_vec(), &any)
        }
        "strings" => {
            let mut last: Ref<str> = Ref::from_offset(0);
            for r in &recs {
                for s in [&r.identity, &r.userid, &r.date, &r.request] {
                    last = b.string(s);
                }
            }
            (b.finish(last, [0; 4]).to_vec(), &any)
        }
        _ => (build_logs(&mut b, &recs), &LOG_SCHEMA),
    };
    let mut verifier = Verifier::new();
    for _ in 0..n {
        std::hint::black_box(verifier.verify(std::hint::black_box(&buf), schema, &Options::default()).unwrap());
    }
}
