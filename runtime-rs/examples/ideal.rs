//! What a hand-specialized check of the structs-only buffer costs (a lower bound).
#[path = "../tests/common/mod.rs"]
mod common;
use common::*;
use std::hint::black_box;
use std::time::Instant;
use wxl_runtime::{Builder, Ref};
fn rd(b: &[u8], at: usize) -> u32 { u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) }
fn check(buf: &[u8], marks: &mut [u64]) -> bool {
    let mut pos = 16;
    let len = buf.len();
    let mut ok = true;
    while pos < len {
        let tag = rd(buf, pos);
        if tag == 0 { pos += 4; continue; }
        let id = tag & 0xFFFF;
        let n = (tag >> 16) as usize;
        if id == 16 {
            let body = pos + 4;
            ok &= body & 7 == 0 && body + n <= len;
            for off in [4usize, 8, 12, 16] {
                let v = rd(buf, body + off) as usize;
                ok &= v & 3 == 0 && v.wrapping_sub(1) < pos - 1 && (marks[v >> 8] >> ((v >> 2) & 63)) & 1 != 0 && buf[v] == 1;
            }
            pos = (body + n + 3) & !3;
        } else {
            pos = (pos + n + 7) & !3;
        }
        marks[pos >> 8] |= 1 << ((pos >> 2) & 63);
    }
    ok
}
fn main() {
    let recs = log_records(10_000);
    let mut b = Builder::new();
    let s = b.string("x");
    let mut last: Ref = Ref::from_offset(0);
    for r in &recs {
        let mut st = b.begin_struct(LOG, 8, LOG_SIZE);
        st.set_ref(4, s).set_ref(8, s).set_ref(12, s).set_ref(16, s).set_u16(20, r.code);
        last = st.end();
    }
    let buf = b.finish(last, [0; 4]).to_vec();
    let mut marks = vec![!0u64; buf.len() / 256 + 1];
    let mut best = f64::MAX;
    for _ in 0..300 {
        let t = Instant::now();
        black_box(check(black_box(&buf), &mut marks));
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("ideal structs: {:.1} us {:.2} GB/s", best * 1e6, buf.len() as f64 / best / 1e9);
}
