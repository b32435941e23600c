//! `dump` snapshots: a small valid buffer of each kind, and broken ones with the failing byte
//! marked (tests/snapshots/json/dump__*.snap).

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

fn case_buffer(schema: &str, case: &str) -> Vec<u8> {
    let json = std::fs::read(cases().join(schema).join(format!("{case}.json"))).expect("case");
    encode(&context(schema), &json)
}

#[test]
fn dump_of_a_small_logs_buffer() {
    let buf = case_buffer("logs", "two-records");
    let (text, verdict) = wxl_json::dump(&context("logs"), None, &buf);
    assert!(verdict.is_ok());
    snapshot!("dump__logs", text);
}

#[test]
fn dump_of_a_scene_with_subtypes_i31_and_bytes() {
    let buf = case_buffer("shapes", "scene");
    let (text, verdict) = wxl_json::dump(&context("shapes"), None, &buf);
    assert!(verdict.is_ok());
    snapshot!("dump__shapes", text);
}

#[test]
fn dump_marks_the_broken_byte() {
    let mut buf = case_buffer("logs", "two-records");
    // The string "-" at 16: body byte 20, then three bytes of tail padding that must be zero.
    assert_eq!(&buf[16..24], &[1, 0, 1, 0, b'-', 0, 0, 0]);
    buf[22] = 0x2a;
    let (text, verdict) = wxl_json::dump(&context("logs"), None, &buf);
    let error = verdict.expect_err("broken");
    assert_eq!((error.kind, error.offset), (wxl_runtime::ErrorKind::BadPadding, 22));
    snapshot!("dump__logs_bad_padding", text);
}

#[test]
fn dump_stops_labelling_at_an_unknown_type() {
    let mut buf = case_buffer("logs", "empty");
    let array = 16;
    assert_eq!(buf[array], 17, "the empty [Log] array comes first");
    buf[array] = 99;
    let (text, verdict) = wxl_json::dump(&context("logs"), None, &buf);
    assert_eq!(verdict.expect_err("broken").kind, wxl_runtime::ErrorKind::UnknownType);
    snapshot!("dump__logs_unknown_type", text);
}

#[test]
fn dump_of_a_truncated_header() {
    let (text, verdict) = wxl_json::dump(&context("logs"), None, b"WXL\0\x01\0");
    assert_eq!(verdict.expect_err("short").kind, wxl_runtime::ErrorKind::BufferTooShort);
    assert!(text.contains("too short for the 16-byte header"), "{text}");
    assert!(text.contains("^^ BUFFER_TOO_SHORT at offset 0"), "{text}");
}
