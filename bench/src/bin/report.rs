//! `cargo run -p wxl-bench --release --bin report`: reads the estimates criterion left in
//! `target/criterion` (run the benches first: `bench/run.sh` does both), measures the sizes,
//! and writes `bench/RESULTS.md` and `bench/results.svg`.
//!
//! Environment: `WXL_BENCH_LOAD_BEFORE` / `WXL_BENCH_LOAD_AFTER` (the load averages run.sh
//! saw around the benches) and `WXL_BENCH_SETTINGS` (criterion's options), for the header.

use std::path::Path;
use wxl_bench::data::{self, Logs, Mesh};
use wxl_bench::format::{Dataset, Format};
use wxl_bench::peers::{capnp::Capnp, flatbuffers::FlatBuffers, memcpy::Memcpy, planus::Planus, rkyv::Rkyv};
use wxl_bench::report::{self, markdown, svg, targets, ROWS};
use wxl_bench::wxl::rust::Wxl;

fn size<D: Dataset, F: Format<D>>(data: &D) -> (&'static str, usize) {
    (F::NAME, F::new().serialize(data).len())
}

/// Every row's size, in `ROWS` order (`None` for rows with no serializer of their own).
fn sizes(measured: &[(&str, usize)]) -> Vec<Option<usize>> {
    ROWS.iter().map(|r| measured.iter().find(|m| m.0 == r.name).map(|m| m.1)).collect()
}

fn log_payload(logs: &Logs) -> usize {
    let strings = |l: &data::Log| l.identity.len() + l.userid.len() + l.date.len() + l.request.len();
    logs.logs.iter().map(|l| 4 + strings(l) + 2 + 8).sum()
}

fn first_line(command: &str, args: &[&str]) -> String {
    std::process::Command::new(command)
        .args(args)
        .output()
        .ok()
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .and_then(|s| s.lines().next().map(str::to_owned))
        .unwrap_or_else(|| "unknown".into())
}

fn cpu() -> String {
    let info = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = info.lines().find_map(|l| l.strip_prefix("model name")).map_or("unknown CPU", |m| m.trim_start_matches([' ', '\t', ':']));
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("{model}, {cores} cores")
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| "not recorded".into())
}

fn main() {
    let dir = report::criterion_dir();
    let logs = data::logs(data::LOG_RECORDS);
    let mesh = data::mesh(data::MESH_TRIANGLES);
    let log_sizes = sizes(&[
        size::<Logs, Wxl>(&logs),
        size::<Logs, FlatBuffers>(&logs),
        size::<Logs, Planus>(&logs),
        size::<Logs, Capnp>(&logs),
        size::<Logs, Rkyv>(&logs),
    ]);
    let mesh_sizes = sizes(&[
        size::<Mesh, Wxl>(&mesh),
        size::<Mesh, FlatBuffers>(&mesh),
        size::<Mesh, Planus>(&mesh),
        size::<Mesh, Capnp>(&mesh),
        size::<Mesh, Rkyv>(&mesh),
        size::<Mesh, Memcpy>(&mesh),
    ]);
    let log = report::table(&dir, "log", log_sizes, log_payload(&logs));
    let mesh_table = report::table(&dir, "mesh", mesh_sizes, mesh.payload().len());
    let compiler = report::compiler_times(&dir, &[100, 1_000, 10_000]);
    let verdicts = targets::verdicts(&log, &mesh_table, &compiler);
    let conditions = markdown::Conditions {
        date: first_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]),
        cpu: cpu(),
        rustc: first_line("rustc", &["--version"]),
        load_before: env("WXL_BENCH_LOAD_BEFORE"),
        load_after: env("WXL_BENCH_LOAD_AFTER"),
        settings: std::env::var("WXL_BENCH_SETTINGS").unwrap_or_else(|_| "criterion defaults".into()),
    };
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let notes = std::fs::read_to_string(here.join("NOTES.md")).unwrap_or_default();
    let text = markdown::render(&conditions, &verdicts, &log, &mesh_table, &compiler, &notes);
    std::fs::write(here.join("RESULTS.md"), text).expect("write RESULTS.md");
    std::fs::write(here.join("results.svg"), svg::render(&[&log, &mesh_table])).expect("write results.svg");
    for v in &verdicts {
        let met = match v.met {
            Some(true) => "met   ",
            Some(false) => "MISSED",
            None => "  -   ",
        };
        println!("{met} {}: {}", v.target, v.measured);
    }
    println!("wrote {} and {}", here.join("RESULTS.md").display(), here.join("results.svg").display());
}
