//! Data-driven tests: each `tests/cases/syntax/*.wxl` at the workspace root is parsed and its
//! tree and diagnostics compared with `tests/snapshots/syntax/<case>.snap`.

use crate::print::print_tree;
use crate::render::render_diagnostics;
use crate::spans::check_tree_spans;
use std::path::{Path, PathBuf};

fn case_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/syntax")
}

fn case_paths() -> Vec<PathBuf> {
    let entries = std::fs::read_dir(case_dir()).expect("tests/cases/syntax should exist");
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.expect("readable directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "wxl"))
        .collect();
    paths.sort();
    paths
}

/// What a snapshot shows: the tree, then the rendered diagnostics.
fn render_case(name: &str, text: &str) -> String {
    let file = 0;
    let parse = wxl_syntax::parse(file, text);
    check_tree_spans(&parse.tree, file, text);
    let mut diagnostics = render_diagnostics(&format!("{name}.wxl"), text, &parse.diagnostics);
    if diagnostics.is_empty() {
        diagnostics = "(none)\n".to_string();
    }
    format!("{}\n---- diagnostics ----\n{diagnostics}", print_tree(&parse.tree))
}

fn check_case(path: &Path) {
    let name = path.file_stem().unwrap().to_str().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let snapshot = render_case(name, &text);
    insta::with_settings!({
        snapshot_path => "../../../../tests/snapshots/syntax",
        prepend_module_to_snapshot => false,
        input_file => path,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, snapshot);
    });
}

/// A snapshot without its case would go stale unnoticed.
#[test]
fn every_snapshot_has_a_case() {
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/snapshots/syntax");
    for entry in std::fs::read_dir(snapshots).expect("tests/snapshots/syntax should exist") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|ext| ext == "snap") {
            let case = case_dir().join(path.file_stem().unwrap()).with_extension("wxl");
            assert!(case.exists(), "{} has no case {}", path.display(), case.display());
        }
    }
}

#[test]
fn cases() {
    let paths = case_paths();
    assert!(!paths.is_empty(), "no cases in {}", case_dir().display());
    // Check every case before failing, so one run shows every changed snapshot.
    let failed: Vec<String> = paths
        .iter()
        .filter(|path| std::panic::catch_unwind(|| check_case(path)).is_err())
        .map(|path| path.display().to_string())
        .collect();
    assert!(failed.is_empty(), "snapshots differ for: {failed:#?}");
}
