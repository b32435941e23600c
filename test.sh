#!/usr/bin/env bash
# Runs every test: the whole workspace (Rust, and the C runtime's tests driven from cargo),
# then clippy with warnings as errors.
set -euo pipefail
cd "$(dirname "$0")"
cargo test --workspace --all-targets
cargo clippy --workspace --all-targets -- -D warnings
