//! `cargo run -p wxl-pipeline [-- <messages>]`: the Rust producer (this process), the C
//! consumer and the WASM module on one channel; prints what each saw.
//! (`wxl-pipeline wasm-tap <socket>` is the WASM host's role, started by the pipeline itself.)

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("wasm-tap") {
        return match args.get(1).map(|path| wxl_pipeline::tap::serve(path)) {
            Some(Ok(())) => ExitCode::SUCCESS,
            Some(Err(e)) => {
                eprintln!("wasm-tap: {e}");
                ExitCode::FAILURE
            }
            None => ExitCode::FAILURE,
        };
    }
    let messages = args.first().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let me = std::env::current_exe().expect("the pipeline's own path");
    match wxl_pipeline::run(&me, messages) {
        Ok(r) => {
            let rate = r.messages as f64 / r.elapsed.as_secs_f64();
            println!("{} messages ({} bytes of wxl buffers) in {:.3} s: {:.0} messages/s", r.messages, r.bytes, r.elapsed.as_secs_f64(), rate);
            println!("  rust producer   built in place in shared memory      digest {:#018x}", r.producer);
            println!("  c consumer      verified, read in place (logs.h)     digest {:#018x}", r.c);
            println!("  wasm module     verified, read in place (logs.wasm)  digest {:#018x}", r.wasm);
            if r.agrees() {
                println!("three languages, one layout, no copies: all digests agree");
                ExitCode::SUCCESS
            } else {
                println!("DIGESTS DISAGREE ({} messages differ between C and WASM)", r.mismatches);
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("pipeline: {e}");
            ExitCode::FAILURE
        }
    }
}
