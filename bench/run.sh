#!/bin/sh
# Runs the benchmarks once and writes bench/RESULTS.md and bench/results.svg.
#   bench/run.sh            short measurements (2 s each after 1 s of warm-up): the machine is shared
#   WXL_BENCH_ARGS="--measurement-time 5" bench/run.sh   other criterion options
# Needs flatc and capnp: bench/setup.sh installs them.
set -eu
cd "$(dirname "$0")/.."
sh bench/setup.sh
ARGS="${WXL_BENCH_ARGS:---measurement-time 2 --warm-up-time 1}"
cargo build -p wxl-bench --release --benches --bin report
WXL_BENCH_LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # ARGS is a list of words
cargo bench -p wxl-bench --bench formats -- $ARGS
# shellcheck disable=SC2086
cargo bench -p wxl-bench --bench compiler -- $ARGS
WXL_BENCH_LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"
export WXL_BENCH_LOAD_BEFORE WXL_BENCH_LOAD_AFTER
WXL_BENCH_SETTINGS="criterion $ARGS"
export WXL_BENCH_SETTINGS
cargo run -p wxl-bench --release --bin report
