//! RESULTS.md: ratios first (they survive a noisy machine), then the times and sizes.

use super::targets::Verdict;
use super::{human_ratio, human_time, thousands, CompilerTimes, Table, METRICS, ROWS};
use std::fmt::Write;

/// What the run looked like, for the header.
pub struct Conditions {
    pub date: String,
    pub cpu: String,
    pub rustc: String,
    pub load_before: String,
    pub load_after: String,
    pub settings: String,
}

const METHOD: &str = "\
- **Data**: the log (10,000 records) and mesh (125,000 triangles) datasets of
  rust_serialization_benchmark, generated from a fixed seed with its field distributions
  (`src/data.rs`). Every contender serializes the same values.
- **serialize**: into the contender's reused buffer or builder (no allocation after the first
  run). wxl writes each string, then each record; the mesh's triangles are encoded straight
  from the dataset's structs (`build_with`, one pass). flatbuffers and capnp set fields one by one; planus and rkyv write from their own
  struct types.
- **verify only**: the whole buffer is checked and nothing is read (flatbuffers' and rkyv's
  verifiers, wxl's one-pass verifier). planus and capnp check lazily, in each accessor: they
  have no such row.
- **access + read**: get the root, then read what the benchmark reads: every record's address,
  code and size (log); every triangle's normal, loading the three floats (mesh). The values are
  folded into a checksum that `tests/agree.rs` compares across all contenders.
  *Unvalidated* trusts the buffer; *validated* verifies first (wxl, flatbuffers, rkyv) or checks
  lazily while reading (planus, capnp).
- **wxl (C)**: runtime-c's verifier (FFI, reused scratch) and its inline readers (`c/read.c`),
  on the Rust builder's bytes (one layout: no separate C serializer here).
- Ratios are *peer time / wxl (Rust) time*: above 1, wxl is faster; sizes likewise.";

fn ratio_cell(peer: Option<f64>, wxl: Option<f64>) -> String {
    match (peer, wxl) {
        (Some(p), Some(w)) if w > 0.0 => human_ratio(p / w),
        _ => "-".into(),
    }
}

fn dataset_section(out: &mut String, t: &Table, title: &str) {
    let rows: Vec<usize> = (0..ROWS.len()).filter(|&r| t.has_row(r)).collect();
    let wxl = t.row("wxl").expect("a wxl row");
    writeln!(out, "## {title}\n").unwrap();
    writeln!(out, "### Ratios: peer / wxl (Rust)\n").unwrap();
    let head: Vec<&str> = METRICS.iter().map(|m| m.1).collect();
    writeln!(out, "| contender | {} | size |", head.join(" | ")).unwrap();
    writeln!(out, "|---|{}---:|", "---:|".repeat(METRICS.len())).unwrap();
    for &r in &rows {
        let cells: Vec<String> = (0..METRICS.len()).map(|m| ratio_cell(t.times[r][m], t.times[wxl][m])).collect();
        let size = ratio_cell(t.sizes[r].map(|s| s as f64), t.sizes[wxl].map(|s| s as f64));
        writeln!(out, "| {} | {} | {size} |", ROWS[r].label, cells.join(" | ")).unwrap();
    }
    writeln!(out, "\n### Times (median) and sizes\n").unwrap();
    writeln!(out, "| contender | {} | size (B) |", head.join(" | ")).unwrap();
    writeln!(out, "|---|{}---:|", "---:|".repeat(METRICS.len())).unwrap();
    for &r in &rows {
        let cells: Vec<String> = t.times[r].iter().map(|c| c.map_or("-".into(), human_time)).collect();
        let size = t.sizes[r].map_or("-".into(), thousands);
        writeln!(out, "| {} | {} | {size} |", ROWS[r].label, cells.join(" | ")).unwrap();
    }
    if let (Some(v), Some(len)) = (t.time("wxl", "verify"), t.size("wxl")) {
        writeln!(out, "\nwxl verifier throughput: {:.2} GB/s ({} B).", len as f64 / v, thousands(len)).unwrap();
    }
    writeln!(out, "Raw payload: {} B.\n", thousands(t.payload)).unwrap();
}

fn compiler_section(out: &mut String, c: &CompilerTimes) {
    writeln!(out, "## Compiler speed\n").unwrap();
    writeln!(out, "Generated schemas (`src/schemagen.rs`: enums, value structs, structs, subtypes, arrays, rec groups),").unwrap();
    writeln!(out, "compiled from memory through the libraries `wxl check` and `wxl build --lang rust` run.\n").unwrap();
    writeln!(out, "| types | `wxl check` | per type | `wxl build --lang rust` | per type |").unwrap();
    writeln!(out, "|---:|---:|---:|---:|---:|").unwrap();
    for &(n, check, build) in &c.rows {
        let per = |t: Option<f64>| t.map_or("-".into(), |t| human_time(t / n as f64));
        let all = |t: Option<f64>| t.map_or("-".into(), human_time);
        writeln!(out, "| {} | {} | {} | {} | {} |", thousands(n), all(check), per(check), all(build), per(build)).unwrap();
    }
    writeln!(out).unwrap();
}

pub fn render(cond: &Conditions, verdicts: &[Verdict], log: &Table, mesh: &Table, compiler: &CompilerTimes, notes: &str) -> String {
    let mut out = String::new();
    writeln!(out, "# wxl benchmark results\n").unwrap();
    writeln!(out, "Written by `bench/run.sh` (criterion, then `cargo run -p wxl-bench --release --bin report`); do not edit").unwrap();
    writeln!(out, "by hand: the analysis at the end comes from `bench/NOTES.md`.\n").unwrap();
    writeln!(out, "- Run: {}; {}", cond.date, cond.settings).unwrap();
    writeln!(out, "- Machine: {}; {}", cond.cpu, cond.rustc).unwrap();
    writeln!(out, "- Load average (1, 5, 15 min) before: {}; after: {}. The machine is shared (2 cores, several", cond.load_before, cond.load_after).unwrap();
    writeln!(out, "  builds at once): absolute times are noisy, ratios within one run much less so.\n").unwrap();
    writeln!(out, "![Each peer's time relative to wxl](results.svg)\n").unwrap();
    writeln!(out, "## Targets (issue 7)\n").unwrap();
    writeln!(out, "| target | met | measured |").unwrap();
    writeln!(out, "|---|:---:|---|").unwrap();
    for v in verdicts {
        let met = match v.met {
            Some(true) => "yes",
            Some(false) => "**no**",
            None => "-",
        };
        writeln!(out, "| {} | {met} | {} |", v.target, v.measured).unwrap();
    }
    writeln!(out).unwrap();
    dataset_section(&mut out, log, "log: 10,000 records");
    dataset_section(&mut out, mesh, "mesh: 125,000 triangles");
    compiler_section(&mut out, compiler);
    writeln!(out, "## What each row runs\n\n{METHOD}\n").unwrap();
    if !notes.trim().is_empty() {
        writeln!(out, "{}", notes.trim_end()).unwrap();
    }
    out
}
