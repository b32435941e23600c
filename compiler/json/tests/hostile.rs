//! Hostile buffers: `decode` reports the verifier's error (kind and offset) and never panics or
//! hangs; `dump` labels what it can; sharing cannot blow up the output; deep nesting is an
//! error, not a stack overflow.

mod common;

use common::*;
use proptest::prelude::*;
use wxl_json::{Context, DecodeError};
use wxl_runtime::{Builder, ErrorKind, Options};

/// What the runtime's verifier says, with the options `decode` uses.
fn verdict(cx: &Context, buf: &[u8]) -> Result<(), wxl_runtime::Error> {
    let root = cx.schema.root.map(|r| cx.schema.ty(r).type_id);
    let options = Options { identifier: cx.schema.identifier, root };
    wxl_runtime::verify(buf, cx.runtime_schema(), &options).map(|_| ())
}

fn logs_buffer() -> Vec<u8> {
    let json = std::fs::read(cases().join("logs/two-records.json")).expect("case");
    encode(&context("logs"), &json)
}

fn decode_error(cx: &Context, buf: &[u8]) -> (ErrorKind, u32) {
    match wxl_json::decode(cx, None, buf) {
        Err(DecodeError::Invalid(e)) => (e.kind, e.offset),
        other => panic!("expected a verifier error, got {other:?}"),
    }
}

#[test]
fn truncated_buffers_are_rejected_at_every_length() {
    let cx = context("logs");
    let buf = logs_buffer();
    for len in 0..buf.len() {
        let cut = &buf[..len];
        let (kind, offset) = decode_error(&cx, cut);
        let expected = verdict(&cx, cut).expect_err("a prefix is never valid");
        assert_eq!((kind, offset), (expected.kind, expected.offset), "length {len}");
        let (_, dumped) = wxl_json::dump(&cx, None, cut);
        assert_eq!(dumped, Err(expected), "length {len}");
    }
}

#[test]
fn named_layout_violations() {
    let cx = context("logs");
    let good = logs_buffer();
    // Offsets from the dump snapshot of this buffer (tests/snapshots/json/dump__logs.snap).
    assert_eq!(&good[16..21], &[1, 0, 1, 0, b'-']);
    assert_eq!(&good[108..112], &[16, 0, 0, 0], "Log @100 .identity -> @16");
    let cases: [(&str, usize, u8, ErrorKind, u32); 5] = [
        ("bad padding", 23, 1, ErrorKind::BadPadding, 23),
        ("forward ref", 108, 136, ErrorKind::RefNotBackward, 108),
        ("bad UTF-8", 20, 0xff, ErrorKind::InvalidUtf8, 20),
        ("ref into a body", 108, 20, ErrorKind::RefNotObjectStart, 108),
        ("wrong identifier", 8, b'X', ErrorKind::WrongIdentifier, 8),
    ];
    for (what, at, byte, kind, offset) in cases {
        let mut buf = good.clone();
        buf[at] = byte;
        assert_eq!(decode_error(&cx, &buf), (kind, offset), "{what}");
    }
}

/// Node k has children [node k-1, node k-1]: 2^60 paths from the root, 61 nodes.
#[test]
fn a_dag_with_heavy_sharing_prints_in_linear_size() {
    let cx = context("shapes");
    let mut json = String::from(r#"{"$id": 1, "shape": null, "children": null}"#);
    for k in 2..=61 {
        json = format!(r#"{{"$id": {k}, "children": [{json}, {{"$ref": {}}}]}}"#, k - 1);
    }
    let json = format!(r#"{{"title": "dag", "root": {json}, "tags": []}}"#);
    let buf = encode(&cx, json.as_bytes());
    let text = wxl_json::json::to_compact(&wxl_json::decode(&cx, None, &buf).expect("valid"));
    assert!(text.len() < 20 * buf.len(), "{} bytes of JSON for {} bytes of buffer", text.len(), buf.len());
    assert_eq!(text.matches("\"$ref\"").count(), 60);

    // One node referenced by 100,000 array slots.
    let mut wide = String::from(r#"{"title": "wide", "root": {"children": [{"$id": 1, "shape": null}"#);
    for _ in 1..100_000 {
        wide.push_str(r#", {"$ref": 1}"#);
    }
    wide.push_str(r#"]}, "tags": []}"#);
    let buf = encode(&cx, wide.as_bytes());
    let text = wxl_json::json::to_compact(&wxl_json::decode(&cx, None, &buf).expect("valid"));
    assert!(text.len() < 5 * buf.len(), "{} bytes of JSON for {} bytes of buffer", text.len(), buf.len());
}

/// A scene whose nodes nest `nodes` deep, each the only child of the previous one; the
/// deepest JSON container is at level `2 * nodes` (`{"children": []}` adds one level more).
fn chain(nodes: usize, last_children: &str) -> String {
    let mut json = format!(r#"{{"shape": null, "children": {last_children}}}"#);
    for _ in 1..nodes {
        json = format!(r#"{{"shape": null, "children": [{json}]}}"#);
    }
    format!(r#"{{"title": "deep", "root": {json}, "tags": []}}"#)
}

/// On a thread with a 2 MiB stack (the test harness default), for debug builds too.
fn on_small_stack(work: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(2 << 20).spawn(work).expect("spawn").join().expect("no panic");
}

#[test]
fn the_deepest_json_allowed_round_trips_on_a_small_stack() {
    on_small_stack(|| {
        let cx = context("shapes");
        let levels = wxl_json::json::MAX_DEPTH;
        let deepest = chain(levels / 2, "null");
        let buf = encode(&cx, deepest.as_bytes());
        let text = decode_text(&cx, &buf);
        assert_eq!(text.matches("\"children\": [").count(), levels / 2 - 1);
        // One level more is refused by the parser.
        let error = wxl_json::encode(&cx, None, chain(levels / 2, "[]").as_bytes()).expect_err("too deep");
        assert!(error.message.contains("nesting deeper than"), "{error}");
    });
}

/// A chain of 5,000 nodes: valid, but deeper than JSON may nest. Built with the runtime's
/// builder, since JSON input cannot be that deep.
#[test]
fn nesting_deeper_than_json_allows_is_an_error() {
    on_small_stack(|| {
        let cx = context("shapes");
        let id = |name: &str| cx.schema.ty(cx.type_named(name).expect(name)).type_id;
        let (node, children) = (id("Node"), id("Children"));
        let mut builder = Builder::new();
        let mut last = None;
        for _ in 0..5_000 {
            let list = last.map(|child: wxl_runtime::Ref| builder.ref_array::<(), ()>(children, &[child]));
            let mut body = builder.begin_struct(node, 4, 16);
            body.set_ref_opt(4, list).set_bool(8, true);
            last = Some(body.end());
        }
        let buf = builder.finish(last.expect("nodes"), *b"SHPE").to_vec();
        let root = cx.type_named("Node");
        match wxl_json::decode(&cx, root, &buf) {
            Err(DecodeError::TooDeep { .. }) => {}
            other => panic!("expected TooDeep, got {:?}", other.map(|_| ())),
        }
        let (_, verdict) = wxl_json::dump(&cx, root, &buf);
        assert_eq!(verdict, Ok(()));
    });
}

/// Every case buffer of every schema, encoded once.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(cases()).expect("cases") {
        let folder = entry.expect("entry").path();
        let name = folder.file_name().expect("name").to_string_lossy().into_owned();
        if folder.is_dir() && name != "errors" {
            let cx = context(&name);
            for (_, json) in json_files(&folder) {
                out.push((name.clone(), encode(&cx, &json)));
            }
        }
    }
    out.sort();
    out
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x5eed_2a11),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Random byte changes: decode agrees with the verifier and never panics; what decodes
    /// encodes again, and a second round trip is a fixpoint; dump gives the same verdict.
    #[test]
    fn mutated_buffers_never_panic(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..4),
        cut in prop::option::weighted(0.1, any::<prop::sample::Index>()),
    ) {
        let corpus = corpus_cached();
        let (name, good) = &corpus[pick.index(corpus.len())];
        let cx = context(name);
        let mut buf = good.clone();
        for (at, byte) in &edits {
            let i = at.index(buf.len());
            buf[i] = *byte;
        }
        if let Some(cut) = cut {
            buf.truncate(cut.index(buf.len()));
        }
        let expected = verdict(&cx, &buf);
        let (_, dumped) = wxl_json::dump(&cx, None, &buf);
        prop_assert_eq!(dumped, expected);
        match wxl_json::decode(&cx, None, &buf) {
            Err(DecodeError::Invalid(e)) => prop_assert_eq!(Err(e), expected),
            Err(other @ (DecodeError::TooDeep { .. } | DecodeError::TooManyEmpty { .. })) => {
                prop_assert!(false, "the corpus cannot produce {other}")
            }
            Ok(value) => {
                prop_assert_eq!(expected, Ok(()));
                let once = wxl_json::encode_value(&cx, None, &value).expect("decoded JSON encodes");
                let first = decode_text(&cx, &once);
                let twice = encode(&cx, first.as_bytes());
                prop_assert_eq!(decode_text(&cx, &twice), first);
            }
        }
    }
}

fn corpus_cached() -> &'static [(String, Vec<u8>)] {
    static CORPUS: std::sync::OnceLock<Vec<(String, Vec<u8>)>> = std::sync::OnceLock::new();
    CORPUS.get_or_init(corpus)
}

/// `value struct Empty {}` makes arrays whose elements take no bytes: a 32-byte buffer can
/// claim four billion of them. Verifying is O(1); decode must refuse (its output would not be
/// linear) and dump must not loop over them.
#[test]
fn billions_of_zero_size_elements_neither_hang_nor_blow_up() {
    let source = "package e; root R; value struct Empty {} struct R { xs: [Empty] }";
    let loader = wxl_check::MemLoader { files: [("empty.wxl".into(), source.into())].into() };
    let compiled = wxl_check::compile("empty.wxl".as_ref(), &loader, &wxl_check::Config::default());
    let schema = Box::leak(Box::new(compiled.schema.expect("valid schema")));
    let cx = Context::new(schema);
    let id = |name: &str| cx.schema.ty(cx.type_named(name).expect(name)).type_id;
    let mut builder = Builder::new();
    let xs: wxl_runtime::Ref = builder.begin_array(id("ArrayOfEmpty"), 4, 0, 3).end();
    let mut root = builder.begin_struct(id("R"), 4, 4);
    root.set_ref(0, xs);
    let root: wxl_runtime::Ref = root.end();
    let mut buf = builder.finish(root, [0; 4]).to_vec();
    assert_eq!(decode_text(&cx, &buf), "{\n  \"xs\": [\n    {},\n    {},\n    {}\n  ]\n}\n");
    // The same array with a long length of 0xFFFF_FFFF: one more word, references moved by 4.
    assert_eq!(&buf[16..20], &[id("ArrayOfEmpty") as u8, 0, 3, 0]);
    buf.splice(18..20, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
    buf[12] += 4; // the root moved
    assert_eq!(verdict(&cx, &buf), Ok(()));
    match wxl_json::decode(&cx, None, &buf) {
        Err(DecodeError::TooManyEmpty { offset: 16, count: u32::MAX }) => {}
        other => panic!("expected TooManyEmpty, got {:?}", other.map(|_| ())),
    }
    let (text, verdict) = wxl_json::dump(&cx, None, &buf);
    assert_eq!(verdict, Ok(()));
    assert!(text.contains("(type id 16, 4294967295 elements)"), "{text}");
}
