//! `wxl encode`, `wxl decode` and `wxl dump` through the binary: files and pipes, exit codes
//! (0 ok, 1 data or schema error, 2 usage), and what the messages point at.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A scratch file path unique to one test.
fn scratch(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("json_cli-{name}"))
}

fn wxl(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wxl"))
        .args(args)
        .current_dir(workspace())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wxl");
    child.stdin.take().expect("stdin").write_all(stdin).expect("write stdin");
    child.wait_with_output().expect("wait for wxl")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(bytes: &[u8]) -> serde_json::Value {
    serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{e}: {}", text(bytes)))
}

const SCENE: &str = "tests/cases/json/shapes/scene.json";

#[test]
fn encode_then_decode_through_files() {
    let bin = scratch("scene.bin");
    let bin = bin.to_str().expect("utf-8 path");
    let out = wxl(&["encode", "--schema", "schemas/shapes.wxl", SCENE, "--output", bin], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
    let out = wxl(&["decode", "--schema", "schemas/shapes.wxl", bin], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let input = std::fs::read(workspace().join(SCENE)).expect("case");
    assert_eq!(json(&out.stdout), json(&input));
}

#[test]
fn encode_and_decode_through_pipes() {
    let input = std::fs::read(workspace().join("tests/cases/json/logs/two-records.json")).expect("case");
    let out = wxl(&["encode", "--schema", "schemas/logs.wxl"], &input);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(&out.stdout[..12], b"WXL\0\x01\0\0\0LOGS", "header with the schema's identifier");
    let out = wxl(&["decode", "--schema", "schemas/logs.wxl", "--compact", "-"], &out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 1, "compact output is one line");
    assert_eq!(json(&out.stdout), json(&input));
}

#[test]
fn type_option_picks_the_root() {
    let node = br#"{"shape": {"$type": "Circle", "name": "c", "radius": 1.0}}"#;
    let out = wxl(&["encode", "--schema", "schemas/shapes.wxl", "--type", "Node"], node);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = wxl(&["decode", "--schema", "schemas/shapes.wxl", "--type", "Node", "--compact"], &out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // Circle redeclares `fill` and `depth` without Shape's defaults: they read as zero.
    let expected = r#"{"shape":{"$type":"Circle","name":"c","fill":"Solid","depth":0,"radius":1.0},"children":null,"visible":true,"layer":"Background","user_data":null}"#;
    assert_eq!(text(&out.stdout), format!("{expected}\n"));
}

#[test]
fn a_rootless_schema_names_the_root_type_in_the_json() {
    let out = wxl(&["encode", "--schema", "schemas/geometry.wxl"], br#""just a string""#);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = wxl(&["decode", "--schema", "schemas/geometry.wxl", "--compact"], &out.stdout);
    assert_eq!(text(&out.stdout), "\"just a string\"\n");
}

#[test]
fn encode_errors_point_at_the_json_with_exit_1() {
    let case = "tests/cases/json/errors/logs/out-of-range-u16.json";
    let out = wxl(&["encode", "--schema", "schemas/logs.wxl", case, "-o", "/dev/null"], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!("error: {case}:18:15: $.logs[1].code: 70000 is out of range for u16")),
        "{stderr}"
    );
    assert!(stderr.contains("18 |       \"code\": 70000,\n   |               ^"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn decode_rejects_hostile_buffers_with_the_verifiers_error() {
    let good = wxl(&["encode", "--schema", "schemas/logs.wxl"], br#"{"logs": []}"#).stdout;
    // Header, the empty array at 16, the root Logs at 20 (tag word and one reference).
    assert_eq!(good.len(), 28);
    let truncated = &good[..24];
    let out = wxl(&["decode", "--schema", "schemas/logs.wxl"], truncated);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("<stdin>: invalid buffer: OBJECT_OUT_OF_BOUNDS at offset 20"), "{stderr}");
    assert!(out.stdout.is_empty());
    let out = wxl(&["decode", "--schema", "schemas/logs.wxl"], b"not a buffer");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("BUFFER_TOO_SHORT at offset 0"), "{}", text(&out.stderr));
}

#[test]
fn dump_labels_bytes_and_exits_with_the_verdict() {
    let mut buf = wxl(&["encode", "--schema", "schemas/logs.wxl"], br#"{"logs": []}"#).stdout;
    let path = scratch("empty-logs.bin");
    std::fs::write(&path, &buf).expect("write");
    let out = wxl(&["dump", "--schema", "schemas/logs.wxl", path.to_str().expect("path")], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("header: identifier \"LOGS\""), "{stdout}");
    assert!(stdout.contains("@16 ArrayOfLog: tag word (type id 17, 0 elements)"), "{stdout}");
    assert!(stdout.ends_with("verdict: valid\n"), "{stdout}");

    buf[6] = 1; // flags must be 0
    let out = wxl(&["dump", "--schema", "schemas/logs.wxl", "-"], &buf);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("^^ BAD_FLAGS at offset 6"), "{stdout}");
    assert!(stdout.ends_with("verdict: invalid: BAD_FLAGS at offset 6\n"), "{stdout}");
}

#[test]
fn usage_errors_exit_2() {
    let out = wxl(&["encode", "--schema", "schemas/shapes.wxl", "--type", "Square", SCENE, "-o", "/dev/null"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--type Square: no such type (types: ArrayOfF32"), "{}", text(&out.stderr));
    assert_eq!(wxl(&["encode", SCENE], b"").status.code(), Some(2), "--schema is required");
    assert_eq!(wxl(&["dump", "--schema", "schemas/logs.wxl"], b"").status.code(), Some(2), "dump needs a file");
    assert_eq!(wxl(&["decode", "--schema", "schemas/logs.wxl", "--pretty"], b"").status.code(), Some(2));
}

#[test]
fn schema_and_file_errors_exit_1() {
    let out = wxl(&["decode", "--schema", "tests/cases/check/invalid/unknown-names.wxl"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("error[E1001]"), "{}", text(&out.stderr));
    let out = wxl(&["decode", "--schema", "schemas/logs.wxl", "no/such/file.bin"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot read no/such/file.bin"), "{}", text(&out.stderr));
}
