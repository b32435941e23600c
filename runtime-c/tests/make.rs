//! Runs the C test suite and the fuzz smoke run through the Makefile, so that the workspace's
//! `cargo test` covers runtime-c. Both need gcc and clang (CI installs clang lld llvm); a
//! missing compiler fails the test rather than skipping it.

use std::path::PathBuf;
use std::process::Command;

fn make(target: &str) {
    let dir = env!("CARGO_MANIFEST_DIR");
    // Build outputs go under cargo's target directory, not into the source tree.
    let build = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("runtime-c");
    let status = Command::new("make")
        .arg("-C")
        .arg(dir)
        .arg(target)
        .arg(format!("BUILD={}", build.display()))
        .status()
        .unwrap_or_else(|e| panic!("cannot run make: {e}"));
    assert!(status.success(), "make {target} failed: {status}");
}

#[test]
fn c_tests_pass_with_gcc_and_clang_plain_and_sanitized() {
    make("test");
}

#[test]
fn fuzz_smoke_run_finds_nothing() {
    make("fuzz-smoke");
}
