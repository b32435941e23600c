//! The targets, each judged from ratios measured in the same run.

use super::{human_ratio, human_time, CompilerTimes, Table};

/// One target: what it asks, whether this run met it, and the measured figure.
pub struct Verdict {
    pub target: &'static str,
    /// `None` when a figure is missing (a contender did not run).
    pub met: Option<bool>,
    pub measured: String,
}

fn ratio_verdict(target: &'static str, a: Option<f64>, b: Option<f64>, ok: impl Fn(f64) -> bool, what: &str) -> Verdict {
    match (a, b) {
        (Some(a), Some(b)) => {
            let r = a / b;
            Verdict { target, met: Some(ok(r)), measured: format!("{what} {}", human_ratio(r)) }
        }
        _ => Verdict { target, met: None, measured: "not measured".into() },
    }
}

pub fn verdicts(log: &Table, mesh: &Table, compiler: &CompilerTimes) -> Vec<Verdict> {
    let mut out = Vec::new();
    let rv = |t: &Table, n: &str| t.time(n, "read-validated");
    out.push(ratio_verdict(
        "log verify + read <= 1/3 of rkyv's time",
        rv(log, "rkyv"),
        rv(log, "wxl"),
        |r| r >= 3.0,
        "rkyv / wxl =",
    ));
    out.push(ratio_verdict(
        "log verify + read <= 1/20 of flatbuffers' time",
        rv(log, "flatbuffers"),
        rv(log, "wxl"),
        |r| r >= 20.0,
        "flatbuffers / wxl =",
    ));
    out.push(match (log.time("wxl", "verify"), log.size("wxl")) {
        (Some(t), Some(len)) => {
            let gbs = len as f64 / t;
            Verdict {
                target: "wxl verifier >= 8 GB/s on the log buffer (in cache)",
                met: Some(gbs >= 8.0),
                measured: format!("{gbs:.2} GB/s ({} for {len} B)", human_time(t)),
            }
        }
        _ => Verdict { target: "wxl verifier >= 8 GB/s on the log buffer", met: None, measured: "not measured".into() },
    });
    for (t, target) in [
        (log, "log read, unvalidated: within 10% of rkyv"),
        (mesh, "mesh read, unvalidated: within 10% of rkyv"),
    ] {
        out.push(ratio_verdict(target, t.time("wxl", "read"), t.time("rkyv", "read"), |r| r <= 1.10, "wxl / rkyv ="));
    }
    out.push(ratio_verdict(
        "log serialize: no slower than rkyv",
        log.time("wxl", "serialize"),
        log.time("rkyv", "serialize"),
        |r| r <= 1.0,
        "wxl / rkyv =",
    ));
    out.push(ratio_verdict(
        "mesh serialize: within 1.5x of a memcpy of the payload",
        mesh.time("wxl", "serialize"),
        mesh.time("memcpy", "serialize"),
        |r| r <= 1.5,
        "wxl / memcpy =",
    ));
    out.push(match (log.size("wxl"), log.size("flatbuffers"), log.size("rkyv")) {
        (Some(w), Some(f), Some(r)) => Verdict {
            target: "log size <= flatbuffers' (aiming at rkyv's)",
            met: Some(w <= f),
            measured: format!("wxl / flatbuffers = {:.3}, wxl / rkyv = {:.3}", w as f64 / f as f64, w as f64 / r as f64),
        },
        _ => Verdict { target: "log size <= flatbuffers'", met: None, measured: "not measured".into() },
    });
    out.push(match mesh.size("wxl") {
        Some(w) => {
            let over = w as f64 / mesh.payload as f64 - 1.0;
            Verdict {
                target: "mesh size within 0.1% of the payload",
                met: Some(over <= 0.001),
                measured: format!("{w} B for {} B of payload (+{:.4}%)", mesh.payload, over * 100.0),
            }
        }
        None => Verdict { target: "mesh size within 0.1% of the payload", met: None, measured: "not measured".into() },
    });
    out.extend(compiler_verdicts(compiler));
    out
}

fn build_verdict(compiler: &CompilerTimes) -> Verdict {
    let build = |n: usize| compiler.rows.iter().find(|r| r.0 == n).and_then(|r| r.2);
    match (build(1_000), build(10_000)) {
        (Some(a), Some(b)) => Verdict {
            target: "compiler: linear growth (build --lang rust, 1,000 -> 10,000 types)",
            met: Some(b / a <= 12.0),
            measured: format!("time grows {} for 10x the types; {} for 10,000", human_ratio(b / a), human_time(b)),
        },
        _ => Verdict { target: "compiler: linear growth (build --lang rust)", met: None, measured: "not measured".into() },
    }
}

fn compiler_verdicts(compiler: &CompilerTimes) -> Vec<Verdict> {
    let check = |n: usize| compiler.rows.iter().find(|r| r.0 == n).and_then(|r| r.1);
    let mut out = Vec::new();
    out.push(match check(10_000) {
        Some(t) => Verdict {
            target: "compiler: 10,000 types checked in under a second",
            met: Some(t < 1e9),
            measured: human_time(t),
        },
        None => Verdict { target: "compiler: 10,000 types checked in under a second", met: None, measured: "not measured".into() },
    });
    // Linear: ten times the types costs about ten times the time (20% allowed for caches).
    out.push(match (check(1_000), check(10_000)) {
        (Some(a), Some(b)) => Verdict {
            target: "compiler: linear growth (check, 1,000 -> 10,000 types)",
            met: Some(b / a <= 12.0),
            measured: format!("time grows {} for 10x the types", human_ratio(b / a)),
        },
        _ => Verdict { target: "compiler: linear growth", met: None, measured: "not measured".into() },
    });
    out.push(build_verdict(compiler));
    out
}
