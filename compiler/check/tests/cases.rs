//! Data-driven tests: every schema under tests/cases/check/{valid,invalid} and schemas/ is
//! compiled; valid ones snapshot their rec groups, ids and layout, invalid ones their rendered
//! diagnostics. Snapshots live in tests/snapshots/check/.

use std::path::{Path, PathBuf};

use wxl_check::{compile, Config, MemLoader};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A loader holding every file of `folder`, under names relative to it (so rendered
/// diagnostics show short, machine-independent paths).
fn loader_for(folder: &Path) -> MemLoader {
    let mut loader = MemLoader::default();
    for entry in std::fs::read_dir(folder).expect("case folder") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            let name = PathBuf::from(path.file_name().expect("name"));
            loader.files.insert(name, std::fs::read(&path).expect("read case"));
        }
    }
    loader
}

fn cases(folder: &Path, extension: &str) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("case folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    list.sort();
    assert!(!list.is_empty(), "no cases in {}", folder.display());
    list
}

fn snapshot(name: &str, contents: &str) {
    insta::with_settings!({
        snapshot_path => workspace().join("tests/snapshots/check"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, contents);
    });
}

fn run_valid(folder: &Path, prefix: &str) {
    let loader = loader_for(folder);
    for case in cases(folder, "wxl") {
        let name = PathBuf::from(case.file_name().expect("name"));
        let compilation = compile(&name, &loader, &Config::default());
        let rendered = compilation.render_plain();
        let schema = compilation.schema.unwrap_or_else(|| panic!("{} should be valid:\n{rendered}", case.display()));
        let stem = name.file_stem().expect("stem").to_string_lossy();
        snapshot(&format!("{prefix}-{stem}"), &format!("{rendered}{}", wxl_ir::display::summary(&schema)));
    }
}

#[test]
fn valid_cases() {
    run_valid(&workspace().join("tests/cases/check/valid"), "valid");
}

#[test]
fn example_schemas() {
    run_valid(&workspace().join("schemas"), "schemas");
}

#[test]
fn invalid_cases() {
    let folder = workspace().join("tests/cases/check/invalid");
    let loader = loader_for(&folder);
    for case in cases(&folder, "wxl") {
        let name = PathBuf::from(case.file_name().expect("name"));
        let compilation = compile(&name, &loader, &Config::default());
        assert!(compilation.schema.is_none(), "{} should be rejected", case.display());
        assert!(compilation.has_errors());
        let stem = name.file_stem().expect("stem").to_string_lossy();
        snapshot(&format!("invalid-{stem}"), &compilation.render_plain());
    }
}

/// The WebAssembly spec test suite's GC type sections (tests/cases/spec-gc): the ones the
/// suite accepts must compile (a func/extern/exn reference field, which wxl rejects on purpose
/// with E1011, is the one allowed error); the ones it rejects for a type error must not.
#[test]
fn spec_gc_corpus() {
    let root = workspace().join("tests/cases/spec-gc");
    let valid = root.join("valid");
    let loader = loader_for(&valid);
    let mut failures = Vec::new();
    for case in cases(&valid, "wat") {
        let name = PathBuf::from(case.file_name().expect("name"));
        let compilation = compile(&name, &loader, &Config::default());
        let unexpected: Vec<_> = compilation
            .diagnostics
            .iter()
            .filter(|d| d.severity >= codespan_reporting::diagnostic::Severity::Error)
            .filter(|d| d.code.as_deref() != Some(wxl_check::codes::NOT_STORABLE))
            .collect();
        if !unexpected.is_empty() {
            failures.push(format!("{}: accepted by the spec, rejected here:\n{}", name.display(), compilation.render_plain()));
        }
    }
    let invalid = root.join("invalid");
    let loader = loader_for(&invalid);
    for case in cases(&invalid, "wat") {
        let name = PathBuf::from(case.file_name().expect("name"));
        let compilation = compile(&name, &loader, &Config::default());
        if !compilation.has_errors() {
            failures.push(format!("{}: rejected by the spec, accepted here", name.display()));
        }
    }
    assert!(failures.is_empty(), "{} corpus mismatches:\n{}", failures.len(), failures.join("\n"));
}

/// 16-bit type ids: a schema with more distinct types than ids is rejected with E1020 (and
/// compiling 65,520 types stays fast: the checks are linear).
#[test]
fn too_many_types_for_16_bit_ids() {
    let count = 65_520;
    let mut text = String::from("struct T0 { }\n");
    for i in 1..count {
        // Each type refers to the previous one, so no two are equivalent.
        text.push_str(&format!("struct T{i} {{ previous: ref null T{} }}\n", i - 1));
    }
    let mut loader = MemLoader::default();
    loader.files.insert(PathBuf::from("many.wxl"), text.into_bytes());
    let compilation = compile(Path::new("many.wxl"), &loader, &Config::default());
    let codes: Vec<_> = compilation.diagnostics.iter().filter_map(|d| d.code.clone()).collect();
    assert_eq!(codes, vec![wxl_check::codes::TOO_MANY_TYPES.to_string()]);
}
