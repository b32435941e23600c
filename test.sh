#!/usr/bin/env bash
# Runs every test: the whole workspace (Rust; the C runtime and generated C under gcc, clang and
# the sanitizers, driven from cargo; WASM in wasmtime and Node 22; the cross-language golden
# vectors), builds the benchmarks without timing them, runs the main job, and runs clippy with
# warnings as errors. .ci/run installs the system packages first.
set -euo pipefail
cd "$(dirname "$0")"
cargo test --workspace
cargo bench -p wxl-bench --no-run
cargo run -q -p wxl-demo
cargo clippy --workspace --all-targets -- -D warnings
