//! `Config::compile` on files in a temporary folder, with the `cargo:` lines captured.

use std::path::Path;

use super::{module_name, Config, Error};

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).expect("write a schema");
}

/// Compiles `files` (in `dir`) into `dir/out`; the result and the `cargo:` lines.
fn compile(dir: &Path, files: &[&str]) -> (Result<Vec<std::path::PathBuf>, Error>, String) {
    let mut cargo = Vec::new();
    let result = Config::new().files(files.iter().map(|f| dir.join(f))).out_dir(dir.join("out")).compile_reporting(&mut cargo);
    (result, String::from_utf8(cargo).expect("UTF-8"))
}

#[test]
fn writes_one_module_per_schema_and_announces_every_file_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "geometry.wxl", "package geometry;\nvalue struct V { x: f32 }\n");
    write(dir.path(), "scene-file.wxl", "import \"geometry.wxl\";\nroot S;\nstruct S { v: geometry.V }\n");
    let (result, cargo) = compile(dir.path(), &["scene-file.wxl"]);
    let written = result.expect("compiles");
    assert_eq!(written, [dir.path().join("out/scene_file.rs")]);
    let code = std::fs::read_to_string(&written[0]).expect("generated file");
    assert!(code.contains("pub mod scene_file {"), "{code}");
    assert!(code.contains("pub struct S<'a>"), "{code}");
    let announced: Vec<&str> = cargo.lines().collect();
    assert_eq!(announced.len(), 2, "{cargo}");
    assert!(announced[0].starts_with("cargo:rerun-if-changed=") && announced[0].ends_with("scene-file.wxl"));
    assert!(announced[1].ends_with("geometry.wxl"), "the import too: {cargo}");
}

#[test]
fn unchanged_output_is_not_rewritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "a.wxl", "struct A { x: i32 }\n");
    let out = compile(dir.path(), &["a.wxl"]).0.expect("compiles").remove(0);
    let marker = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
    std::fs::File::options().write(true).open(&out).and_then(|f| f.set_modified(marker)).expect("set mtime");
    compile(dir.path(), &["a.wxl"]).0.expect("compiles");
    assert_eq!(std::fs::metadata(&out).and_then(|m| m.modified()).expect("mtime"), marker);
}

#[test]
fn schema_errors_fail_with_the_rendered_diagnostics() {
    let dir = tempfile::tempdir().expect("temp dir");
    write(dir.path(), "bad.wxl", "struct A { x: Missing }\n");
    write(dir.path(), "good.wxl", "struct B { y: u8 }\n");
    let (result, cargo) = compile(dir.path(), &["bad.wxl", "good.wxl"]);
    let error = result.expect_err("fails");
    let text = error.to_string();
    assert!(text.contains("bad.wxl") && text.contains("Missing") && text.contains("E1001"), "{text}");
    assert_eq!(format!("{error:?}"), text, "build scripts print errors with Debug");
    assert!(cargo.contains("bad.wxl"), "a broken schema is still watched: {cargo}");
    assert!(dir.path().join("out/good.rs").exists(), "the other schemas are still written");
}

#[test]
fn two_schemas_cannot_become_one_module() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("v2")).expect("dir");
    write(dir.path(), "a.wxl", "struct A {}\n");
    write(&dir.path().join("v2"), "a.wxl", "struct A {}\n");
    let (result, _) = compile(dir.path(), &["a.wxl", "v2/a.wxl"]);
    assert!(matches!(result, Err(Error::ModuleNameClash { ref module, .. }) if module == "a"));
}

#[test]
fn missing_files_and_out_dir_are_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (result, cargo) = compile(dir.path(), &["nowhere.wxl"]);
    assert!(result.expect_err("fails").to_string().contains("nowhere.wxl"));
    assert!(cargo.contains("nowhere.wxl"), "creating the file must rerun the script");
    if std::env::var_os("OUT_DIR").is_none() {
        assert!(matches!(Config::new().file("x.wxl").compile(), Err(Error::NoOutDir)));
    }
}

#[test]
fn module_names_are_identifiers() {
    assert_eq!(module_name("access-log"), "access_log");
    assert_eq!(module_name("V2"), "v2");
    assert_eq!(module_name("2d"), "_2d");
}
