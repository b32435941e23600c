//! Property tests: random schemas and values round trip; random mutations of valid buffers are
//! rejected exactly as the naive verifier rejects them, or readable through every view.

mod common;

use common::naive::naive_verify;
use common::random::{build_obj, random_model, random_obj, read_obj, Rng};
use common::*;
use proptest::prelude::*;
use std::collections::HashSet;
use wxl_runtime::{verify, ArrayView, Builder, Options, Schema, StructView, Verified};

/// The fast verifier and the naive one agree: the same verdict, kind and offset.
fn agree(buf: &[u8], schema: &Schema) {
    let fast = verify(buf, schema, &Options::default()).map(|_| ());
    let naive = naive_verify(buf, schema, None, None);
    match (fast, naive) {
        (Ok(()), Ok(())) => {}
        (Err(e), Err((kind, offset))) => assert_eq!((e.kind, e.offset as usize), (kind, offset), "first error differs"),
        (fast, naive) => panic!("verdicts differ: fast {fast:?}, naive {naive:?}"),
    }
}

/// Every accessor of every object reachable from the root, at every offset: no panic.
fn walk(v: &Verified<'_>) -> usize {
    let mut seen = HashSet::new();
    let mut todo = vec![v.root()];
    let mut reads = 0;
    while let Some(object) = todo.pop() {
        if !seen.insert(object.offset()) {
            continue;
        }
        let _ = (object.as_str(), object.as_bytes(), object.length(), object.is(16), object.body_bytes().len());
        if let Some(s) = object.as_struct() {
            reads += walk_struct(&s, &mut todo);
        }
        if let Some(a) = object.as_array() {
            reads += walk_array(&a, &mut todo);
        }
    }
    reads
}

fn walk_struct<'a>(s: &StructView<'a>, todo: &mut Vec<wxl_runtime::ObjectView<'a>>) -> usize {
    let end = s.stored_size() as u32 + 8;
    for off in 0..end {
        let _ = (s.get_u8(off, 0), s.get_i16(off, 0), s.get_u32(off, 0), s.get_f64(off, 0.0), s.get_v128(off, [0; 16]));
        let _ = (s.get_bool(off, false), s.get_i31(off), s.get_i31_signed(off), s.get_any(off), s.has(off, 4));
        let _ = (s.get_str(off), s.get_bytes(off), s.get_array(off), s.get_value(off).get_u64(0, 0));
        todo.extend(s.get_ref(off));
    }
    end as usize
}

fn walk_array<'a>(a: &ArrayView<'a>, todo: &mut Vec<wxl_runtime::ObjectView<'a>>) -> usize {
    let n = a.len().min(64) + 1;
    for i in 0..n {
        let _ = (a.get::<u8>(i), a.get::<u64>(i), a.get::<[u8; 16]>(i), a.get::<bool>(i), a.get_any(i), a.get_str(i));
        if let Some(e) = a.element(i) {
            let _ = (e.get_u32(0, 0), e.get_f32(2, 0.0), e.get_str(0), e.get_value(4).get_u16(0, 0));
        }
        todo.extend(a.get_ref(i));
    }
    let _ = (a.as_slice::<u32>(), a.as_slice::<f64>(), a.bytes().len(), a.typed::<u16>().iter().count());
    n
}

/// A few log records, one with strings long enough (>= 128 bytes) to leave the string-run path.
fn long_logs() -> Vec<LogRecord> {
    let mut records = log_records(5);
    records[2].request = format!("GET /{} HTTP/1.1", "é/".repeat(70));
    records[3].date = "x".repeat(130);
    records
}

/// Flip a few bytes or plant a few plausible words (small offsets, tags, i31s).
fn mutate(rng: &mut Rng, buf: &mut [u8]) {
    for _ in 0..1 + rng.below(3) {
        let at = rng.below(buf.len() as u64) as usize;
        match rng.below(4) {
            0 => buf[at] ^= 1 << rng.below(8),
            1 => buf[at] = rng.next() as u8,
            2 => {
                let at = at & !3;
                let word = match rng.below(4) {
                    0 => (rng.below(buf.len() as u64 + 8) as u32) & !3,
                    1 => rng.below(0x40) as u32 | (rng.below(40) as u32) << 16,
                    2 => rng.next() as u32 | 1,
                    _ => 0,
                };
                buf[at..at + 4].copy_from_slice(&word.to_le_bytes());
            }
            _ => buf[at] = 0,
        }
    }
}

fn check_mutants(seed: u64, buf: &[u8], schema: &Schema, rounds: usize) {
    let mut rng = Rng(seed);
    for _ in 0..rounds {
        let mut bad = buf.to_vec();
        mutate(&mut rng, &mut bad);
        agree(&bad, schema);
        if let Ok(v) = verify(&bad, schema, &Options::default()) {
            walk(&v);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(if cfg!(miri) { 4 } else { 256 }))]

    #[test]
    fn random_schemas_round_trip(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let model = random_model(&mut rng);
        let root_ty = model.structs.len() - 1;
        let obj = random_obj(&mut rng, &model, root_ty);
        let mut b = Builder::new();
        let root = build_obj(&mut b, &model, &obj);
        let buf = b.finish(root, *b"RAND").to_vec();
        agree(&buf, model.schema);
        let v = verify(&buf, model.schema, &Options { identifier: Some(*b"RAND"), root: None }).unwrap();
        prop_assert_eq!(read_obj(&model, v.root_struct(), root_ty), obj);
        walk(&v);
        check_mutants(seed, &buf, model.schema, 8);
    }

    #[test]
    fn mutated_logs(seed in any::<u64>()) {
        let buf = build_logs(&mut Builder::new(), &long_logs());
        check_mutants(seed, &buf, &LOG_SCHEMA, 16);
    }

    #[test]
    fn mutated_zoo(seed in any::<u64>()) {
        let buf = build_zoo(&mut Builder::new());
        check_mutants(seed, &buf, &ZOO_SCHEMA, 16);
    }

    #[test]
    fn mutated_mesh(seed in any::<u64>()) {
        let buf = build_mesh(&mut Builder::new(), &triangles(5));
        check_mutants(seed, &buf, &MESH_SCHEMA, 16);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200), header in any::<bool>()) {
        let mut buf = bytes;
        if header && buf.len() >= 16 {
            buf[..8].copy_from_slice(b"WXL\0\x01\0\0\0");
        }
        for schema in [&LOG_SCHEMA, &ZOO_SCHEMA, &MESH_SCHEMA] {
            agree(&buf, schema);
            if let Ok(v) = verify(&buf, schema, &Options::default()) {
                walk(&v);
            }
        }
    }
}

#[test]
fn the_walker_reaches_everything() {
    let buf = build_zoo(&mut Builder::new());
    let v = verify(&buf, &ZOO_SCHEMA, &Options::default()).unwrap();
    assert!(walk(&v) > 100);
}

/// The mutations reach many rules (so the agreement tests above compare real work), and some
/// mutants pass and get walked.
#[test]
fn mutations_reach_many_rules() {
    let mut kinds = HashSet::new();
    let mut accepted = 0;
    let fixtures = [
        (build_logs(&mut Builder::new(), &long_logs()), &LOG_SCHEMA),
        (build_zoo(&mut Builder::new()), &ZOO_SCHEMA),
        (build_mesh(&mut Builder::new(), &triangles(3)), &MESH_SCHEMA),
    ];
    let mut rng = Rng(7);
    for (buf, schema) in &fixtures {
        for _ in 0..if cfg!(miri) { 20 } else { 4000 } {
            let mut bad = buf.clone();
            mutate(&mut rng, &mut bad);
            agree(&bad, schema);
            match verify(&bad, schema, &Options::default()) {
                Ok(v) => {
                    accepted += 1;
                    walk(&v);
                }
                Err(e) => {
                    kinds.insert(e.kind);
                }
            }
        }
    }
    if !cfg!(miri) {
        assert!(accepted > 100, "{accepted} mutants accepted");
        assert!(kinds.len() >= 14, "only {} kinds: {kinds:?}", kinds.len());
    }
}
