//! From criterion's estimates to `RESULTS.md` and `results.svg`.
//!
//! criterion writes `target/criterion/{group}/{function}/new/estimates.json`; the benches name
//! groups `{dataset}-{metric}` and functions after the contender (`Format::NAME`), so every
//! figure is found by name. The median is used: on these shared machines it moves less than
//! the mean. Sizes are not timed: they are measured here, by serializing the datasets again.

pub mod markdown;
pub mod svg;
pub mod targets;

use std::path::{Path, PathBuf};

/// The metrics, as group suffixes and as column titles.
pub const METRICS: [(&str, &str); 4] = [
    ("serialize", "serialize"),
    ("verify", "verify only"),
    ("read", "access + read, unvalidated"),
    ("read-validated", "access + read, validated"),
];

/// A contender's row: its bench name, its label, and a note on what it runs.
pub struct Row {
    pub name: &'static str,
    pub label: &'static str,
}

pub const ROWS: [Row; 8] = [
    Row { name: "wxl", label: "wxl (Rust)" },
    Row { name: "wxl-c", label: "wxl (C)" },
    Row { name: "wxl-wasm", label: "wxl (WASM, wasmtime)" },
    Row { name: "flatbuffers", label: "flatbuffers" },
    Row { name: "planus", label: "planus" },
    Row { name: "capnp", label: "capnp" },
    Row { name: "rkyv", label: "rkyv" },
    Row { name: "memcpy", label: "memcpy of the payload" },
];

/// One dataset's figures: `times[row][metric]` in nanoseconds, `sizes[row]` in bytes.
pub struct Table {
    pub dataset: &'static str,
    pub times: Vec<[Option<f64>; 4]>,
    pub sizes: Vec<Option<usize>>,
    /// The raw payload: the benchmark's field bytes (log) or 48 bytes per triangle (mesh).
    pub payload: usize,
}

impl Table {
    pub fn row(&self, name: &str) -> Option<usize> {
        ROWS.iter().position(|r| r.name == name)
    }

    pub fn time(&self, name: &str, metric: &str) -> Option<f64> {
        let m = METRICS.iter().position(|(id, _)| *id == metric)?;
        self.times[self.row(name)?][m]
    }

    pub fn size(&self, name: &str) -> Option<usize> {
        self.sizes[self.row(name)?]
    }

    /// Whether a row has any figure (rows that did not run, like WASM without its feature,
    /// are left out of the tables).
    pub fn has_row(&self, row: usize) -> bool {
        self.times[row].iter().any(Option::is_some) || self.sizes[row].is_some()
    }
}

/// The compiler's figures: `(types, check ns, build-rust ns)`.
pub struct CompilerTimes {
    pub rows: Vec<(usize, Option<f64>, Option<f64>)>,
}

/// Where criterion put its output: `$CARGO_TARGET_DIR/criterion`, else the workspace's.
pub fn criterion_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("criterion")
}

/// The median of one benchmark, in nanoseconds.
pub fn median(dir: &Path, group: &str, function: &str) -> Option<f64> {
    let path = dir.join(group).join(function).join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

pub fn table(dir: &Path, dataset: &'static str, sizes: Vec<Option<usize>>, payload: usize) -> Table {
    let times = ROWS
        .iter()
        .map(|row| METRICS.map(|(metric, _)| median(dir, &format!("{dataset}-{metric}"), row.name)))
        .collect();
    Table { dataset, times, sizes, payload }
}

pub fn compiler_times(dir: &Path, sizes: &[usize]) -> CompilerTimes {
    let rows = sizes
        .iter()
        .map(|&n| {
            let id = n.to_string();
            (n, median(dir, "compiler-check", &id), median(dir, "compiler-build-rust", &id))
        })
        .collect();
    CompilerTimes { rows }
}

/// `1234.5` ns as `1.23 us`.
pub fn human_time(ns: f64) -> String {
    match ns {
        t if t >= 1e9 => format!("{:.2} s", t / 1e9),
        t if t >= 1e6 => format!("{:.2} ms", t / 1e6),
        t if t >= 1e3 => format!("{:.1} us", t / 1e3),
        t => format!("{t:.1} ns"),
    }
}

/// A ratio as `12x`, `3.4x` or `0.52x`.
pub fn human_ratio(r: f64) -> String {
    match r {
        r if r >= 100.0 => format!("{r:.0}x"),
        r if r >= 10.0 => format!("{r:.1}x"),
        r => format!("{r:.2}x"),
    }
}

/// `1276368` as `1,276,368`.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
