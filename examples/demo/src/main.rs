//! `cargo run -p wxl-demo`: the README's main job.

use wxl_demo::{build_logs_in_rust, c, read_logs_in_rust, wasm};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut builder = wxl_runtime::Builder::new();
    let from_rust = build_logs_in_rust(&mut builder, 1000);
    println!("Rust built a Logs buffer: 1000 records, {} bytes", from_rust.len());
    let readers = [
        ("Rust", read_logs_in_rust(&from_rust)),
        ("C", c::read_logs_in_c(&from_rust)),
        ("WASM", wasm::read_logs_in_wasm(&from_rust)?),
    ];
    for (language, summary) in &readers {
        println!("  read in {language:<4}: {summary:?}");
    }
    let agree = readers.iter().all(|(_, s)| *s == readers[0].1 && s.error_code == 0);

    let from_c = c::build_logs_in_c(300).ok_or("the C builder failed")?;
    println!("C built a Logs buffer: 300 records, {} bytes", from_c.len());
    let back = [("Rust", read_logs_in_rust(&from_c)), ("WASM", wasm::read_logs_in_wasm(&from_c)?), ("C", c::read_logs_in_c(&from_c))];
    for (language, summary) in &back {
        println!("  read in {language:<4}: {summary:?}");
    }
    let agree_back = back.iter().all(|(_, s)| *s == back[0].1 && s.error_code == 0);

    let mut hostile = from_rust.clone();
    hostile[from_rust.len() / 2] ^= 0xFF;
    println!("A corrupted copy of the Rust buffer:");
    for (language, summary) in [("Rust", read_logs_in_rust(&hostile)), ("C", c::read_logs_in_c(&hostile)), ("WASM", wasm::read_logs_in_wasm(&hostile)?)] {
        println!("  {language:<4} verifier: error code {} at offset {}", summary.error_code, summary.error_offset);
    }
    if agree && agree_back {
        println!("All three languages read the same values from one layout.");
        Ok(())
    } else {
        Err("the languages disagree".into())
    }
}
