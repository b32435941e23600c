//! The documented normalisations of docs/JSON.md: inputs that are accepted but print back in
//! the one canonical spelling.

mod common;

use common::*;

/// Encodes `input` with the schema `name`, decodes, and compares with `expected` (as trees).
fn normalises(name: &str, input: &str, expected: &str) {
    let cx = context(name);
    let buf = encode(&cx, input.as_bytes());
    assert_eq!(decode_text(&cx, &buf), pretty(expected.as_bytes()), "input: {input}");
}

const LOG_START: &str = r#"{"logs": [{"address": {"x0": 1, "x1": 2, "x2": 3, "x3": 4}, "identity": "-", "userid": "-", "date": "d", "request": "r", "#;

#[test]
fn integers_as_strings_and_big_numbers() {
    normalises(
        "logs",
        &format!(r#"{LOG_START}"code": "404", "size": 9007199254740993}}]}}"#),
        &format!(r#"{LOG_START}"code": 404, "size": "9007199254740993"}}]}}"#),
    );
    // 2^53 - 1 is the largest number printed as a number.
    normalises(
        "logs",
        &format!(r#"{LOG_START}"code": 1, "size": "9007199254740991"}}]}}"#),
        &format!(r#"{LOG_START}"code": 1, "size": 9007199254740991}}]}}"#),
    );
}

#[test]
fn omitted_fields_print_their_defaults() {
    // Shape's `fill` defaults to Outline and `depth` to -1, Node's `visible` to true; nullable
    // references to null, u64 to 0, enums to their zero value.
    normalises(
        "shapes",
        r#"{"title": "t", "root": {"shape": {"name": "s"}}, "tags": []}"#,
        r#"{"title": "t", "root": {"shape": {"name": "s", "fill": "Outline", "depth": -1},
            "children": null, "visible": true, "layer": "Background", "user_data": null},
            "thumbnail": null, "frame": 0, "tags": []}"#,
    );
}

#[test]
fn redundant_keys_are_dropped_and_ids_renumbered() {
    normalises(
        "shapes",
        r#"{"title": {"$id": 7, "$value": "t"}, "root": {"$type": "Node", "$id": 30,
            "shape": {"$type": "Shape", "$id": 20, "name": "s"}, "user_data": {"$ref": 20}},
            "tags": {"$type": "ArrayOfString", "$value": []}}"#,
        r#"{"title": "t", "root": {"shape": {"$id": 1, "name": "s", "fill": "Outline", "depth": -1},
            "children": null, "visible": true, "layer": "Background", "user_data": {"$ref": 1}},
            "thumbnail": null, "frame": 0, "tags": []}"#,
    );
}

#[test]
fn floats_enums_i31_and_v128_spellings() {
    let cx = context("kitchen");
    let base = std::fs::read_to_string(cases().join("kitchen/big-numbers.json")).expect("case");
    let input = base
        .replace(r#""float": 1e-7"#, r#""float": 0.1"#)
        .replace(r#""double": 1e300"#, r#""double": 2"#)
        .replace(r#""vector": "ffffffffffffffffffffffffffffffff""#, r#""vector": "ABCDEFabcdef00000000000000000000""#)
        .replace(r#""wide": "9007199254740992""#, r#""wide": 1"#)
        .replace(r#""an_i31": null"#, r#""an_i31": {"$i31": 2147483647}"#);
    let expected = base
        .replace(r#""float": 1e-7"#, r#""float": 0.1"#)
        .replace(r#""double": 1e300"#, r#""double": 2.0"#)
        .replace(r#""vector": "ffffffffffffffffffffffffffffffff""#, r#""vector": "abcdefabcdef00000000000000000000""#)
        .replace(r#""wide": "9007199254740992""#, r#""wide": "One""#)
        .replace(r#""an_i31": null"#, r#""an_i31": {"$i31": -1}"#);
    assert_ne!(input, base, "the replacements must apply");
    let buf = encode(&cx, input.as_bytes());
    assert_eq!(decode_text(&cx, &buf), pretty(expected.as_bytes()));
}

#[test]
fn short_strings_are_written_once() {
    let cx = context("shapes");
    let json = r#"{"title": "same", "root": {"user_data": "same"}, "tags": ["same", "same"]}"#;
    let buf = encode(&cx, json.as_bytes());
    let copies = buf.windows(4).filter(|w| w == b"same").count();
    assert_eq!(copies, 1, "one string object for four references");
}

#[test]
fn absent_fields_of_older_buffers_are_omitted() {
    // An older writer's Log had no `size`: a stored size of 24 instead of 32.
    let cx = context("logs");
    let json = format!(r#"{LOG_START}"code": 7, "size": 0}}]}}"#);
    let mut buf = encode(&cx, json.as_bytes());
    let log_tag = (16..buf.len()).step_by(4).find(|&at| buf[at..at + 4] == [16, 0, 32, 0]).expect("Log tag");
    buf[log_tag + 2] = 24;
    // The 8 bytes the body no longer covers (`size`, 0 already) become two padding words.
    assert!(buf[log_tag + 4 + 24..log_tag + 4 + 32].iter().all(|&b| b == 0));
    let expected = format!(r#"{LOG_START}"code": 7}}]}}"#);
    assert_eq!(decode_text(&cx, &buf), pretty(expected.as_bytes()));
}
