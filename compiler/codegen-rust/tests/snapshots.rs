//! The generated code of every example schema (`schemas/*.wxl`) and every codegen test case
//! (`tests/cases/codegen-rust/*.wxl`), as insta snapshots in `tests/snapshots/codegen-rust/`.

use std::path::{Path, PathBuf};

use wxl_codegen_rust::{generate, Options};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `.wxl` files directly in `dir`, sorted.
fn schemas_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "wxl"))
        .collect();
    files.sort();
    files
}

fn generated(path: &Path) -> String {
    let compilation = wxl_check::compile_file(path, &wxl_check::Config::default());
    let Some(schema) = &compilation.schema else { panic!("{}:\n{}", path.display(), compilation.render_plain()) };
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("file stem");
    let mut options = Options::new(stem);
    options.object_api = true;
    options.source_name = Some(format!("{stem}.wxl"));
    let files = generate(schema, &options);
    String::from_utf8(files[&format!("{stem}.rs")].clone()).expect("UTF-8")
}

fn snapshot_all(dir: &Path, prefix: &str) {
    let files = schemas_in(dir);
    assert!(!files.is_empty(), "no schemas in {}", dir.display());
    for path in files {
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("file stem").to_string();
        let code = generated(&path);
        insta::with_settings!({
            snapshot_path => "../../../tests/snapshots/codegen-rust",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(format!("{prefix}{stem}"), code);
        });
    }
}

#[test]
fn example_schemas() {
    snapshot_all(&workspace().join("schemas"), "");
}

#[test]
fn test_cases() {
    snapshot_all(&workspace().join("tests/cases/codegen-rust"), "case-");
}

/// Every snapshot belongs to a schema that still exists (a renamed schema leaves none behind).
#[test]
fn no_orphan_snapshots() {
    let root = workspace();
    let mut expected: Vec<String> = schemas_in(&root.join("schemas"))
        .iter()
        .chain(&schemas_in(&root.join("tests/cases/codegen-rust")))
        .map(|path| {
            let stem = path.file_stem().and_then(|s| s.to_str()).expect("file stem");
            if path.starts_with(root.join("schemas")) { format!("{stem}.snap") } else { format!("case-{stem}.snap") }
        })
        .collect();
    expected.sort();
    let mut found: Vec<String> = std::fs::read_dir(root.join("tests/snapshots/codegen-rust"))
        .expect("snapshot folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".snap"))
        .collect();
    found.sort();
    assert_eq!(found, expected);
}
