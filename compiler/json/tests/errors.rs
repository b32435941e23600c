//! Encoding errors: each file of tests/cases/json/errors/SCHEMA/ must fail, and its message
//! (line, column, field path, text, and the line with a caret) is snapshotted in
//! tests/snapshots/json/error__SCHEMA__CASE.snap.

mod common;

use common::*;

macro_rules! snapshot {
    ($name:expr, $text:expr) => {
        insta::with_settings!({
            snapshot_path => "../../../tests/snapshots/json",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!($name, $text);
        })
    };
}

/// The error of encoding `json`, rendered; panics if it encodes.
fn error_text(cx: &wxl_json::Context, json: &[u8]) -> String {
    match wxl_json::encode(cx, None, json) {
        Ok(_) => panic!("encoded without error:\n{}", String::from_utf8_lossy(json)),
        Err(error) => error.render(&String::from_utf8_lossy(json)),
    }
}

fn case_names() -> Vec<(String, String)> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(cases().join("errors")).expect("errors folder") {
        let folder = entry.expect("entry").path();
        let schema = folder.file_name().expect("name").to_string_lossy().into_owned();
        for (stem, _) in json_files(&folder) {
            names.push((schema.clone(), stem));
        }
    }
    names.sort();
    names
}

#[test]
fn every_error_case_is_reported_where_it_is() {
    let cases_found = case_names();
    assert!(cases_found.len() >= 40, "only {} error cases", cases_found.len());
    for (schema, stem) in cases_found {
        let cx = context(&schema);
        let json = std::fs::read(cases().join("errors").join(&schema).join(format!("{stem}.json"))).expect("case");
        snapshot!(format!("error__{schema}__{stem}"), error_text(&cx, &json));
    }
}

#[test]
fn nesting_deeper_than_the_limit_is_an_error_not_a_crash() {
    let cx = context("kitchen");
    let depth = wxl_json::json::MAX_DEPTH + 1;
    let json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    snapshot!("error__nesting-too-deep", error_text(&cx, json.as_bytes()));
}

#[test]
fn no_orphan_error_snapshots() {
    let mut expected: Vec<String> = case_names().iter().map(|(s, c)| format!("error__{s}__{c}.snap")).collect();
    expected.push("error__nesting-too-deep.snap".into());
    let folder = workspace().join("tests/snapshots/json");
    for entry in std::fs::read_dir(folder).expect("snapshots folder") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if name.starts_with("error__") && name.ends_with(".snap") {
            assert!(expected.contains(&name), "tests/snapshots/json/{name} has no case: delete it");
        }
    }
}
