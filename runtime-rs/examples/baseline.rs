#[path = "../tests/common/mod.rs"]
mod common;
use common::*;
use std::time::Instant;
use wxl_runtime::Builder;
fn main() {
    let log = build_logs(&mut Builder::new(), &log_records(10_000));
    let mut best = f64::MAX;
    for _ in 0..200 {
        let t = Instant::now();
        let (c, _) = std::hint::black_box(&log[..]).as_chunks::<8>();
        let s = c.iter().fold(0u64, |a, w| a ^ u64::from_le_bytes(*w));
        std::hint::black_box(s);
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("xor scan: {:.1} us {:.1} GB/s", best * 1e6, log.len() as f64 / best / 1e9);
    // Walk tag words only (object skipping).
    let mut best = f64::MAX;
    for _ in 0..200 {
        let t = Instant::now();
        let b = std::hint::black_box(&log[..]);
        let mut pos = 16; let mut n = 0u32;
        while pos < b.len() {
            let tag = u32::from_le_bytes(b[pos..pos+4].try_into().unwrap());
            if tag == 0 { pos += 4; continue; }
            let len = (tag >> 16) as usize;
            let unit = match tag as u16 { 1 | 2 => 1, 16 => 1, _ => 4 };
            pos = (pos + 4 + len * unit + 3) & !3; n += 1;
        }
        std::hint::black_box(n);
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("tag walk: {:.1} us {:.1} GB/s", best * 1e6, log.len() as f64 / best / 1e9);
}
