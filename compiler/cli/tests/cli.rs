//! The `wxl` binary through its public interface: exit codes, output formats.

use std::path::PathBuf;
use std::process::{Command, Output};

fn workspace() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn wxl(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wxl"))
        .args(args)
        .current_dir(workspace())
        .env("NO_COLOR", "1")
        .output()
        .expect("run wxl")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn check_accepts_valid_schemas_with_exit_0() {
    let out = wxl(&["check", "schemas/logs.wxl", "schemas/mesh.wxl", "schemas/shapes.wxl"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "no diagnostics expected: {}", text(&out.stderr));
}

#[test]
fn check_reports_every_error_with_exit_1() {
    let out = wxl(&["check", "tests/cases/check/invalid/unknown-names.wxl"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.matches("error[E1001]").count(), 5, "{stderr}");
    assert!(!stderr.contains("\u{1b}["), "NO_COLOR must disable colour");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(wxl(&["check"]).status.code(), Some(2));
    assert_eq!(wxl(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(wxl(&["layout", "schemas/logs.wxl", "--format", "xml"]).status.code(), Some(2));
}

#[test]
fn missing_file_is_a_diagnostic() {
    let out = wxl(&["check", "no/such/file.wxl"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("cannot read"));
}

#[test]
fn layout_text_lists_offsets_and_padding() {
    let out = wxl(&["layout", "schemas/logs.wxl"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("struct Log { // type id 16, body align 8, declared size 32"), "{stdout}");
    assert!(stdout.contains("/* padding */"), "{stdout}");
    insta::with_settings!({snapshot_path => "../../../tests/snapshots/cli", prepend_module_to_snapshot => false, omit_expression => true}, {
        insta::assert_snapshot!("layout-shapes", text(&wxl(&["layout", "schemas/shapes.wxl"]).stdout));
    });
}

#[test]
fn layout_json_is_machine_readable() {
    let out = wxl(&["layout", "schemas/mesh.wxl", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let triangle = &json["value_structs"].as_array().expect("array").iter().find(|v| v["name"] == "Triangle").expect("Triangle")["size"];
    assert_eq!(triangle, 48);
    let mesh = json["types"].as_array().expect("types").iter().find(|t| t["name"] == "Mesh").expect("Mesh");
    assert_eq!(mesh["declared_size"], 4);
}

#[test]
fn wat_modules_are_schemas_too() {
    let out = wxl(&["check", "tests/cases/spec-gc/valid/type-subtyping-3.wat"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("note[N1001]"));
}

/// `wxl build` writes a back end's files; `--check` passes on fresh files and fails, naming
/// the file, on stale ones.
#[test]
fn build_writes_and_check_detects_stale_files() {
    let out_dir = std::env::temp_dir().join(format!("wxl-cli-build-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    let out = out_dir.to_string_lossy().into_owned();
    let built = wxl(&["build", "--lang", "wasm", "--out", &out, "schemas/logs.wxl"]);
    assert_eq!(built.status.code(), Some(0), "{}", text(&built.stderr));
    assert!(out_dir.join("logs.wasm").is_file());
    let fresh = wxl(&["build", "--lang", "wasm", "--out", &out, "--check", "schemas/logs.wxl"]);
    assert_eq!(fresh.status.code(), Some(0), "{}", text(&fresh.stderr));
    std::fs::write(out_dir.join("logs.wat"), "stale").expect("write");
    let stale = wxl(&["build", "--lang", "wasm", "--out", &out, "--check", "schemas/logs.wxl"]);
    assert_eq!(stale.status.code(), Some(1));
    assert!(text(&stale.stderr).contains("logs.wat"), "{}", text(&stale.stderr));
    let _ = std::fs::remove_dir_all(&out_dir);
}

/// Every back end is reachable from `wxl build` and writes the files it names.
#[test]
fn build_every_language() {
    for (lang, expected) in [("rust", "shapes.rs"), ("c", "shapes.h"), ("wasm", "shapes.types.wat")] {
        let out_dir = std::env::temp_dir().join(format!("wxl-cli-{lang}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&out_dir);
        let out = out_dir.to_string_lossy().into_owned();
        let built = wxl(&["build", "--lang", lang, "--out", &out, "schemas/shapes.wxl"]);
        assert_eq!(built.status.code(), Some(0), "{lang}: {}", text(&built.stderr));
        let contents = std::fs::read_to_string(out_dir.join(expected)).expect("generated file");
        assert!(contents.contains("Circle"), "{lang}: {expected} should mention Circle");
        let _ = std::fs::remove_dir_all(&out_dir);
    }
}
