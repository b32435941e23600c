//! JSON -> buffer -> JSON for every case of tests/cases/json/SCHEMA/, for every schema of
//! schemas/ and the test schemas next to the cases: the output equals the input (compared as
//! trees: same members in the same order, same number spellings).

mod common;

use common::*;

#[test]
fn every_case_round_trips() {
    let mut checked = 0;
    for entry in std::fs::read_dir(cases()).expect("cases folder") {
        let folder = entry.expect("entry").path();
        if !folder.is_dir() || folder.file_name().is_some_and(|n| n == "errors") {
            continue;
        }
        let name = folder.file_name().expect("name").to_string_lossy().into_owned();
        let cx = context(&name);
        for (stem, json) in json_files(&folder) {
            let buf = encode(&cx, &json);
            let text = decode_text(&cx, &buf);
            assert_eq!(text, pretty(&json), "{name}/{stem}.json changed in the round trip");
            // Decoding what was decoded changes nothing either: the output is a fixpoint.
            assert_eq!(decode_text(&cx, &encode(&cx, text.as_bytes())), text, "{name}/{stem}.json");
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} cases found");
}

#[test]
fn every_shipped_schema_has_round_trip_cases() {
    for entry in std::fs::read_dir(workspace().join("schemas")).expect("schemas folder") {
        let path = entry.expect("entry").path();
        let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
        let folder = cases().join(&stem);
        assert!(
            folder.is_dir() && !json_files(&folder).is_empty(),
            "schemas/{stem}.wxl has no JSON cases in tests/cases/json/{stem}/"
        );
    }
}

/// The cases use every wxl key and special value at least once.
#[test]
fn cases_cover_every_mapping_rule() {
    let mut all = String::new();
    for entry in std::fs::read_dir(cases()).expect("cases folder") {
        let folder = entry.expect("entry").path();
        if folder.is_dir() && folder.file_name().is_some_and(|n| n != "errors") {
            for (_, json) in json_files(&folder) {
                all.push_str(&String::from_utf8_lossy(&json));
            }
        }
    }
    for needle in [
        "\"$type\"",
        "\"$id\"",
        "\"$ref\"",
        "\"$value\"",
        "\"$i31\"",
        "\"NaN\"",
        "\"Infinity\"",
        "\"-Infinity\"",
        "\"18446744073709551615\"",
        "\"-9223372036854775808\"",
        "==\"",
        "null",
        "\"vector\"",
        "\"Big\"",
    ] {
        assert!(all.contains(needle), "no case uses {needle}");
    }
}
