//! Builds a `Logs` buffer with the generated builders, verifies it, reads it back, prints a
//! summary.

use wxl_example_rust_build::{summarize, write_logs, Request};

fn main() -> Result<(), wxl_runtime::Error> {
    let requests = [
        Request { address: [10, 0, 0, 1], user: "alice", request: "GET /index.html HTTP/1.1", code: 200, size: 5120 },
        Request { address: [10, 0, 0, 2], user: "bob", request: "GET /missing HTTP/1.1", code: 404, size: 128 },
        Request { address: [10, 0, 0, 1], user: "alice", request: "POST /form HTTP/1.1", code: 500, size: 64 },
    ];
    let mut builder = wxl_runtime::Builder::new();
    let buf = write_logs(&mut builder, &requests);
    let summary = summarize(&buf)?;
    println!("{} requests, {} bytes sent, buffer of {} bytes", summary.requests, summary.bytes, buf.len());
    for error in &summary.errors {
        println!("failed: {error}");
    }
    Ok(())
}
