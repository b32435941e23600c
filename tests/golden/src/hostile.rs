//! The hostile corpus: broken buffers, each made by one named change to a golden buffer (or
//! written by hand), with the error kind and offset LAYOUT.md section 6 prescribes for it.
//!
//! The expected offset of each case is worked out here from the buffer's structure (where the
//! changed object or field is), never taken from a verifier: the verifiers are what is tested.
//! tests/vectors/hostile/ holds the files and `manifest.json`; the tests check that the
//! committed files are what these definitions make, and that every verifier agrees with them.

use wxl_ir::{CompositeType, Schema};

use crate::raw::{objects, put_u32, u32_at, Object, Raw};
use crate::rust_side;
use crate::suite::SchemaCase;

/// One broken buffer and what every verifier must report for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    /// The file stem: tests/vectors/hostile/<name>.bin.
    pub name: String,
    /// The schema it is verified against (`logs`).
    pub schema: String,
    /// What it was made from: `logs/small`, or `hand-written`.
    pub source: String,
    pub bytes: Vec<u8>,
    /// The rule's name (`BAD_PADDING`) and the offset LAYOUT.md assigns.
    pub error: &'static str,
    pub offset: u32,
    pub why: &'static str,
}

/// A golden buffer with its objects, to change.
struct Golden<'a> {
    case: &'a SchemaCase,
    source: String,
    buf: Vec<u8>,
    objects: Vec<Object>,
}

impl<'a> Golden<'a> {
    fn new(suite: &'a [SchemaCase], schema: &str, vector: &str) -> Golden<'a> {
        let case = suite
            .iter()
            .find(|c| c.stem == schema)
            .unwrap_or_else(|| panic!("no schema {schema}"));
        let found = case
            .vectors
            .iter()
            .find(|v| v.name == vector)
            .unwrap_or_else(|| panic!("no vector {schema}/{vector}"));
        let buf = rust_side::build(&case.schema, &found.root);
        let objects = objects(&buf, &wxl_ir::tables::compute(&case.schema));
        Golden {
            case,
            source: format!("{schema}/{vector}"),
            buf,
            objects,
        }
    }

    fn schema(&self) -> &Schema {
        &self.case.schema
    }

    /// The `n`th object (from 0) of the named type (`string`, `bytes` or a schema type).
    fn nth(&self, type_name: &str, n: usize) -> Object {
        let id = match type_name {
            "string" => 1,
            "bytes" => 2,
            name => {
                self.schema()
                    .types
                    .iter()
                    .find(|t| t.name == name)
                    .unwrap_or_else(|| panic!("no type {name}"))
                    .type_id
            }
        };
        *self
            .objects
            .iter()
            .filter(|o| o.type_id == id)
            .nth(n)
            .unwrap_or_else(|| panic!("{}: no {type_name} #{n}", self.source))
    }

    /// The body offset of field `field` of struct type `type_name`.
    fn field(&self, type_name: &str, field: &str) -> u32 {
        let ty = self
            .schema()
            .types
            .iter()
            .find(|t| t.name == type_name)
            .expect("type");
        let CompositeType::Struct(st) = &ty.composite else {
            panic!("{type_name} is not a struct")
        };
        st.fields
            .iter()
            .find(|f| f.name == field)
            .unwrap_or_else(|| panic!("no field {type_name}.{field}"))
            .offset
    }

    fn root(&self) -> u32 {
        u32_at(&self.buf, 12)
    }

    fn case(
        self,
        name: &str,
        bytes: Vec<u8>,
        error: &'static str,
        offset: u32,
        why: &'static str,
    ) -> Case {
        Case {
            name: name.into(),
            schema: self.case.stem.clone(),
            source: self.source,
            bytes,
            error,
            offset,
            why,
        }
    }

    /// The buffer with the u32 at `at` replaced.
    fn with_u32(&self, at: u32, value: u32) -> Vec<u8> {
        let mut buf = self.buf.clone();
        put_u32(&mut buf, at, value);
        buf
    }

    fn with_byte(&self, at: u32, value: u8) -> Vec<u8> {
        let mut buf = self.buf.clone();
        buf[at as usize] = value;
        buf
    }
}

fn hand_written(
    schema: &str,
    name: &str,
    bytes: Vec<u8>,
    error: &'static str,
    offset: u32,
    why: &'static str,
) -> Case {
    Case {
        name: name.into(),
        schema: schema.into(),
        source: "hand-written".into(),
        bytes,
        error,
        offset,
        why,
    }
}

/// Every case, in a fixed order.
pub fn cases(suite: &[SchemaCase]) -> Vec<Case> {
    let mut list = Vec::new();
    header_cases(suite, &mut list);
    object_cases(suite, &mut list);
    reference_cases(suite, &mut list);
    value_cases(suite, &mut list);
    list
}

fn header_cases(suite: &[SchemaCase], list: &mut Vec<Case>) {
    let logs = || Golden::new(suite, "logs", "small");
    let g = logs();
    let bytes = g.buf[..12].to_vec();
    list.push(g.case(
        "buffer_too_short",
        bytes,
        "BUFFER_TOO_SHORT",
        0,
        "12 bytes: shorter than the header",
    ));
    let g = logs();
    let mut bytes = g.buf.clone();
    bytes.extend_from_slice(&[0, 0]);
    list.push(g.case(
        "length_not_multiple_of_4",
        bytes,
        "LENGTH_NOT_MULTIPLE_OF_4",
        0,
        "two bytes appended",
    ));
    let g = logs();
    let bytes = g.with_byte(0, b'X');
    list.push(g.case("bad_magic", bytes, "BAD_MAGIC", 0, "XXL instead of WXL"));
    let g = logs();
    let bytes = g.with_byte(4, 2);
    list.push(g.case("bad_version", bytes, "BAD_VERSION", 4, "layout version 2"));
    let g = logs();
    let bytes = g.with_byte(6, 1);
    list.push(g.case("bad_flags", bytes, "BAD_FLAGS", 6, "a reserved flag set"));
    let g = logs();
    let bytes = g.with_u32(8, u32::from_le_bytes(*b"MESH"));
    list.push(g.case(
        "wrong_identifier",
        bytes,
        "WRONG_IDENTIFIER",
        8,
        "a mesh identifier on a logs buffer",
    ));
    let g = logs();
    let bytes = g.with_u32(12, 0);
    list.push(g.case(
        "root_null",
        bytes,
        "ROOT_INVALID",
        12,
        "the root reference is null",
    ));
    let g = logs();
    let log = g.nth("Log", 0).at;
    let bytes = g.with_u32(12, log);
    list.push(g.case(
        "root_wrong_type",
        bytes,
        "ROOT_INVALID",
        12,
        "the root is a Log, not a Logs",
    ));
    let g = logs();
    let inside = g.nth("string", 0).body;
    let bytes = g.with_u32(12, inside);
    list.push(g.case(
        "root_not_an_object",
        bytes,
        "ROOT_INVALID",
        12,
        "the root points into a string's body",
    ));
}

fn object_cases(suite: &[SchemaCase], list: &mut Vec<Case>) {
    let logs = || Golden::new(suite, "logs", "small");
    let g = logs();
    let root = g.root();
    let bytes = g.buf[..g.buf.len() - 4].to_vec();
    list.push(g.case(
        "truncated",
        bytes,
        "OBJECT_OUT_OF_BOUNDS",
        root,
        "the last word (the root struct's body) cut off",
    ));

    let g = Golden::new(suite, "logs", "long_and_unicode");
    let long = *g
        .objects
        .iter()
        .find(|o| o.type_id == 1 && o.length >= 0xFFFF)
        .expect("a long string");
    let bytes = g.buf[..(long.body + 4096) as usize].to_vec();
    list.push(g.case(
        "truncated_long_string",
        bytes,
        "OBJECT_OUT_OF_BOUNDS",
        long.at,
        "cut inside a string of more than 0xFFFF bytes",
    ));

    let g = logs();
    let first = g.nth("string", 0);
    let bytes = g.with_u32(first.at, 99 | first.length << 16);
    list.push(g.case(
        "unknown_type",
        bytes,
        "UNKNOWN_TYPE",
        first.at,
        "type id 99, which logs does not define",
    ));

    let g = logs();
    let first = g.nth("string", 0);
    let bytes = g.with_byte(first.body + first.length + 1, 7);
    list.push(g.case(
        "bad_tail_padding",
        bytes,
        "BAD_PADDING",
        first.body + first.length + 1,
        "a nonzero byte in a string's tail padding",
    ));

    let g = logs();
    let mut bytes = g.buf.clone();
    bytes.extend_from_slice(&[0; 4]);
    let end = g.buf.len() as u32;
    list.push(g.case(
        "trailing_padding",
        bytes,
        "BAD_PADDING",
        end,
        "a padding word at the end of the buffer",
    ));

    // A string whose length swallows the next object's tag word: the objects overlap, and the
    // pass meets the next string's body where it expects an item.
    let g = logs();
    let (first, second) = (g.nth("string", 0), g.nth("string", 1));
    assert_eq!(
        first.body + 4,
        second.at,
        "the first two strings are adjacent one-word strings"
    );
    let swallowed = second.at + 4 - first.body;
    let stray = u32_at(&g.buf, second.body) as u16;
    assert!(
        stray > 2 && crate::model::type_by_id(g.schema(), stray).is_none(),
        "the swallowed body must read as an unknown type id"
    );
    let bytes = g.with_u32(first.at, 1 | swallowed << 16);
    list.push(g.case(
        "overlapping_length",
        bytes,
        "UNKNOWN_TYPE",
        second.body,
        "a string's length covers the next tag word",
    ));

    let g = logs();
    let first = g.nth("string", 0);
    let bytes = g.with_byte(first.body, 0xFF);
    list.push(g.case(
        "bad_utf8",
        bytes,
        "INVALID_UTF8",
        first.body,
        "0xFF is never UTF-8",
    ));

    let g = Golden::new(suite, "logs", "long_and_unicode");
    let text = "ünïcödé ✓ 🦀".as_bytes();
    let found = *g
        .objects
        .iter()
        .find(|o| o.type_id == 1 && g.buf[o.body as usize..].starts_with(text))
        .expect("the unicode string");
    let check_mark = found.body + text.iter().position(|&b| b == 0xE2).expect("✓") as u32;
    let mut bytes = g.buf.clone();
    bytes[check_mark as usize..check_mark as usize + 3].copy_from_slice(&[0xED, 0xA0, 0x80]);
    list.push(g.case(
        "utf8_surrogate",
        bytes,
        "INVALID_UTF8",
        found.body,
        "U+D800 (a surrogate) encoded in the middle of a string",
    ));

    list.push(hand_written(
        "logs",
        "misaligned_body",
        misaligned_body(),
        "MISALIGNED_BODY",
        16,
        "a Log (body align 8) whose body starts at 20",
    ));
    list.push(hand_written(
        "logs",
        "huge_string_length",
        huge_string(),
        "OBJECT_OUT_OF_BOUNDS",
        16,
        "a long-form string of 0xFFFFFFF0 bytes",
    ));
    list.push(hand_written(
        "mesh",
        "huge_array_count",
        huge_array(),
        "OBJECT_OUT_OF_BOUNDS",
        16,
        "0x0FFFFFFF triangles: 12 GB, overflowing 32 bits",
    ));
    list.push(hand_written(
        "logs",
        "non_canonical_length",
        non_canonical(),
        "NON_CANONICAL_LENGTH",
        20,
        "the long length form for a 5-byte string",
    ));
    list.push(hand_written(
        "logs",
        "padding_run",
        padding_run(),
        "BAD_PADDING",
        28,
        "four padding words in a row",
    ));
    list.push(hand_written(
        "logs",
        "required_field_absent",
        short_log(),
        "REQUIRED_FIELD_ABSENT",
        20,
        "a Log stored with 4 bytes: its string references absent",
    ));
}

fn reference_cases(suite: &[SchemaCase], list: &mut Vec<Case>) {
    let logs = || Golden::new(suite, "logs", "small");
    let logs_field = |g: &Golden| g.nth("Logs", 0).body + g.field("Logs", "logs");

    let g = logs();
    let array = g.nth("ArrayOfLog", 0);
    let at = logs_field(&g);
    let bytes = g.with_u32(at, array.at + 4);
    list.push(g.case(
        "ref_into_a_body",
        bytes,
        "REF_NOT_OBJECT_START",
        at,
        "a reference to the middle of an object (overlap)",
    ));

    let g = logs();
    let array = g.nth("ArrayOfLog", 0);
    let bytes = g.with_u32(array.body, array.at);
    list.push(g.case(
        "cycle_to_itself",
        bytes,
        "REF_NOT_BACKWARD",
        array.body,
        "an array whose first element is the array itself",
    ));

    let g = logs();
    let log = g.nth("Log", 0);
    let at = log.body + g.field("Log", "identity");
    let bytes = g.with_u32(at, g.root());
    list.push(g.case(
        "forward_reference",
        bytes,
        "REF_NOT_BACKWARD",
        at,
        "a Log refers to the root, written after it (a cycle)",
    ));

    let g = logs();
    let log = g.nth("Log", 0);
    let at = logs_field(&g);
    let bytes = g.with_u32(at, log.at);
    list.push(g.case(
        "wrong_type",
        bytes,
        "REF_TYPE_MISMATCH",
        at,
        "Logs.logs refers to a Log, not an array of them",
    ));

    let g = logs();
    let log = g.nth("Log", 0);
    let at = log.body + g.field("Log", "identity");
    let bytes = g.with_u32(at, 18);
    list.push(g.case(
        "ref_low_bits_2",
        bytes,
        "REF_NOT_OBJECT_START",
        at,
        "a reference with v & 3 == 2",
    ));

    let shapes = || Golden::new(suite, "shapes", "scene");
    let g = shapes();
    let scene = g.nth("Scene", 0);
    let title = u32_at(&g.buf, scene.body + g.field("Scene", "title"));
    let at = scene.body + g.field("Scene", "thumbnail");
    let bytes = g.with_u32(at, title);
    list.push(g.case(
        "string_for_bytes",
        bytes,
        "REF_TYPE_MISMATCH",
        at,
        "a string where a byte string is expected",
    ));

    let g = shapes();
    let at = g.nth("Scene", 0).body + g.field("Scene", "title");
    let bytes = g.with_u32(at, 15);
    list.push(g.case(
        "i31_in_a_string_field",
        bytes,
        "REF_TYPE_MISMATCH",
        at,
        "an i31 value where a string is expected",
    ));

    let g = shapes();
    let at = g.nth("Circle", 0).body + g.field("Circle", "name");
    let bytes = g.with_u32(at, 0);
    list.push(g.case(
        "null_ref",
        bytes,
        "NULL_REF",
        at,
        "null in a non-nullable string field",
    ));

    let g = shapes();
    let (first, second) = (g.nth("Node", 0), g.nth("Node", 1));
    let at = second.body + g.field("Node", "shape");
    let bytes = g.with_u32(at, first.at);
    list.push(g.case(
        "struct_of_another_type",
        bytes,
        "REF_TYPE_MISMATCH",
        at,
        "a Node where a Shape (or subtype) is expected",
    ));
}

fn value_cases(suite: &[SchemaCase], list: &mut Vec<Case>) {
    let shapes = || Golden::new(suite, "shapes", "scene");
    let g = shapes();
    let at = g.nth("Node", 0).body + g.field("Node", "visible");
    let bytes = g.with_byte(at, 2);
    list.push(g.case("bad_bool", bytes, "INVALID_BOOL", at, "a bool holding 2"));

    let g = shapes();
    let at = g.nth("Circle", 0).body + g.field("Circle", "fill");
    let bytes = g.with_byte(at, 3);
    list.push(g.case(
        "bad_enum",
        bytes,
        "INVALID_ENUM",
        at,
        "Fill (closed) holding 3",
    ));
}

fn misaligned_body() -> Vec<u8> {
    let mut raw = Raw::new(*b"LOGS");
    raw.tag(16, 32);
    raw.bytes(&[0; 32]);
    raw.root(16)
}

fn huge_string() -> Vec<u8> {
    let mut raw = Raw::new(*b"LOGS");
    raw.tag(1, 0xFFFF);
    raw.word(0xFFFF_FFF0);
    raw.bytes(b"abcd");
    raw.root(16)
}

fn huge_array() -> Vec<u8> {
    let mut raw = Raw::new(*b"MESH");
    raw.tag(16, 0xFFFF);
    raw.word(0x0FFF_FFFF);
    raw.bytes(&[0; 48]);
    raw.root(16)
}

fn non_canonical() -> Vec<u8> {
    let mut raw = Raw::new(*b"LOGS");
    raw.tag(1, 0xFFFF);
    raw.word(5);
    raw.bytes(b"hello");
    raw.root(16)
}

fn padding_run() -> Vec<u8> {
    let mut raw = Raw::new(*b"LOGS");
    for _ in 0..4 {
        raw.word(0);
    }
    let at = raw.tag(1, 2);
    raw.bytes(b"ok");
    raw.root(at)
}

fn short_log() -> Vec<u8> {
    let mut raw = Raw::new(*b"LOGS");
    raw.word(0); // padding: the body must be 8-aligned
    let at = raw.tag(16, 4);
    raw.bytes(&[1, 2, 3, 4]);
    raw.root(at)
}

/// `manifest.json`: one entry per case, in order.
pub fn manifest(cases: &[Case]) -> String {
    let entries: Vec<serde_json::Value> = cases
        .iter()
        .map(|c| {
            serde_json::json!({
                "file": format!("{}.bin", c.name),
                "schema": format!("{}.wxl", c.schema),
                "from": c.source,
                "error": c.error,
                "offset": c.offset,
                "why": c.why,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&entries).expect("JSON");
    text.push('\n');
    text
}

/// The error code of a rule name.
pub fn code_of(name: &str) -> u32 {
    wxl_runtime::ErrorKind::ALL
        .iter()
        .find(|k| k.name() == name)
        .map(|k| u32::from(k.code()))
        .unwrap_or_else(|| panic!("no rule {name}"))
}
