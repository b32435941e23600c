//! Build → verify → read round trips over the hand-written schemas.

mod common;

use common::*;
use wxl_runtime::verify::{bitmap_words, verify_with_scratch};
use wxl_runtime::{verify, AnyRef, Builder, ErrorKind, Options, Vector, Verifier};

#[test]
fn log_round_trip() {
    let records = log_records(300);
    let buf = build_logs(&mut Builder::new(), &records);
    let opts = Options { identifier: Some(*b"LOGS"), root: None };
    let verified = verify(&buf, &LOG_SCHEMA, &opts).unwrap();
    assert_eq!(verified.identifier(), *b"LOGS");
    let root = verified.root_struct();
    assert_eq!(root.type_id(), Some(LOGS));
    let logs: Vector<Log> = root.get_array(0).unwrap().typed();
    assert_eq!(logs.len(), records.len());
    let read: Vec<LogRecord> = logs.iter().map(|l| l.record()).collect();
    assert_eq!(read, records);
    assert_eq!(logs.get(records.len()).map(|l| l.code()), None);
    assert_eq!(logs.iter().next_back().unwrap().record(), records[records.len() - 1]);
}

#[test]
fn log_layout_is_as_documented() {
    let records = log_records(1);
    let buf = build_logs(&mut Builder::new(), &records);
    // Header.
    assert_eq!(&buf[0..12], b"WXL\0\x01\0\0\0LOGS");
    // First object: the identity string "-" at 16 (4-aligned body, 1 byte, 3 bytes of padding).
    assert_eq!(&buf[16..24], &[1, 0, 1, 0, b'-', 0, 0, 0]);
    // The Log struct's body is 8-aligned: its tag word sits at 4 mod 8, after padding if needed.
    let verified = verify(&buf, &LOG_SCHEMA, &Options::default()).unwrap();
    let log = verified.root_struct().get_array(0).unwrap().get_ref(0).unwrap();
    assert_eq!(log.offset() % 8, 4);
    assert_eq!(log.length(), LOG_SIZE);
    // The root is the last object, and the buffer ends with it.
    let root = verified.root();
    assert_eq!(root.offset() as usize + 8, buf.len());
}

#[test]
fn same_calls_same_bytes() {
    let records = log_records(50);
    let mut b = Builder::new();
    let first = build_logs(&mut b, &records);
    let second = build_logs(&mut b, &records);
    let fresh = build_logs(&mut Builder::with_capacity(1 << 16), &records);
    assert_eq!(first, second);
    assert_eq!(first, fresh);
}

#[test]
fn verifier_reuse_and_caller_scratch() {
    let records = log_records(40);
    let buf = build_logs(&mut Builder::new(), &records);
    let mut verifier = Verifier::new();
    for _ in 0..3 {
        verifier.verify(&buf, &LOG_SCHEMA, &Options::default()).unwrap();
    }
    let mut scratch = vec![0u64; bitmap_words(buf.len())];
    verify_with_scratch(&buf, &LOG_SCHEMA, &Options::default(), &mut scratch).unwrap();
    // Stale bits from an earlier call must not count: verify a different buffer next.
    let other = build_logs(&mut Builder::new(), &log_records(3));
    verify_with_scratch(&other, &LOG_SCHEMA, &Options::default(), &mut scratch).unwrap();
    let short = &mut scratch[..bitmap_words(buf.len()) - 1];
    let err = verify_with_scratch(&buf, &LOG_SCHEMA, &Options::default(), short).unwrap_err();
    assert_eq!((err.kind, err.offset), (ErrorKind::BufferTooLong, 0));
}

#[test]
fn mesh_round_trip_and_typed_slices() {
    let tris = triangles(1000);
    let buf = build_mesh(&mut Builder::new(), &tris);
    assert_eq!(buf.len(), 16 + 4 + 48_000 + 8, "header, array tag, body, root");
    let verified = verify(&buf, &MESH_SCHEMA, &Options::default()).unwrap();
    let array = verified.root_struct().get_array(0).unwrap();
    assert_eq!((array.len(), array.stride()), (1000, 48));
    for (i, tri) in tris.iter().enumerate() {
        let t = array.element(i).unwrap();
        let normal = t.get_value(36);
        assert_eq!([normal.get_f32(0, 0.0), normal.get_f32(4, 0.0), normal.get_f32(8, 0.0)], tri[9..12]);
        assert_eq!(t.get_value(12).get_f32(4, 0.0), tri[4]);
    }
    assert!(array.element(1000).is_none());
    assert!(array.as_slice::<f32>().is_none(), "stride 48 is not an f32");
    assert_eq!(array.bytes().len(), 48_000);
}

#[test]
fn zoo_round_trip() {
    let buf = build_zoo(&mut Builder::new());
    let verified = verify(&buf, &ZOO_SCHEMA, &Options::default()).unwrap();
    let z = verified.root_struct();
    assert!(z.is(ZOO) && !z.is(SHAPE));

    // Subtyping: an array of `ref Shape` holding Shape, Circle, Rect.
    let shapes = z.get_array(zoo::SHAPES).unwrap();
    let kinds: Vec<u16> = (0..shapes.len()).map(|i| shapes.get_ref(i).unwrap().type_id()).collect();
    assert_eq!(kinds, [SHAPE, CIRCLE, RECT, CIRCLE]);
    let circle = shapes.get_ref(1).unwrap();
    assert!(circle.is(SHAPE) && circle.is(CIRCLE) && !circle.is(RECT));
    assert!(shapes.get_ref(0).unwrap().cast(CIRCLE).is_none());
    let c = circle.cast(CIRCLE).unwrap();
    assert_eq!(c.get_f64(8, 0.0), 2.5);
    assert_eq!(c.get_u8(0, 9), 1);
    assert!(c.get_bool(1, false));
    assert_eq!(c.get_str(4), Some("circle"));
    // Read through the supertype's offsets.
    let plain = shapes.get_struct(0).unwrap();
    assert_eq!((plain.get_u8(0, 9), plain.get_bool(1, true), plain.get_str(4)), (0, false, None));
    // A field past a Shape's stored size reads as its default.
    assert_eq!(plain.get_f64(8, -1.0), -1.0);
    let rect = z.get_struct(zoo::SOME_STRUCT).unwrap();
    assert_eq!((rect.get_f32(8, 0.0), rect.get_f32(12, 0.0)), (3.0, 4.0));

    // Nullable refs, i31, any.
    assert_eq!(z.get_struct(zoo::MAIN).unwrap().type_id(), Some(CIRCLE));
    assert!(matches!(z.get_any(zoo::ANY), AnyRef::Object(o) if o.type_id() == RECT));
    assert_eq!(z.get_i31_signed(zoo::SMALL), Some(-42));
    assert_eq!(z.get_i31(zoo::SMALL), Some((-42i32 as u32) & 0x7FFF_FFFF));
    assert!(z.get_ref(zoo::SMALL).is_none());
    assert!(z.get_ref(zoo::NOTHING).is_none());
    assert_eq!(z.get_bytes(zoo::DATA), Some(&[1u8, 2, 3, 4, 5][..]));
    assert_eq!(z.get_ref(zoo::SOME_ARRAY).unwrap().as_bytes(), Some(&[1u8, 2, 3, 4, 5][..]));
    assert_eq!(z.get_v128(zoo::ID, [0; 16]), *b"0123456789abcdef");
    assert_eq!(z.get_u128(zoo::ID, 0), u128::from_le_bytes(*b"0123456789abcdef"));
    assert_eq!(z.get_u8(zoo::COLOR, 0), 2);

    // Arrays of bools, enums, f64s, anys.
    let flags: Vector<bool> = z.get_array(zoo::FLAGS).unwrap().typed();
    assert_eq!(flags.iter().collect::<Vec<_>>(), [true, false, true]);
    let levels: Vector<u16> = z.get_array(zoo::LEVELS).unwrap().typed();
    assert_eq!(levels.iter().collect::<Vec<_>>(), [1, 3, 2]);
    let weights = z.get_array(zoo::WEIGHTS).unwrap();
    assert_eq!(weights.typed::<f64>().iter().collect::<Vec<_>>(), [1.5, -2.0, 1e300]);
    let anys = z.get_array(zoo::ANYS).unwrap();
    assert!(matches!(anys.get_any(0), AnyRef::Object(o) if o.as_str() == Some("any text")));
    assert!(matches!(anys.get_any(1), AnyRef::Null));
    assert_eq!(anys.get_any(2).i31_signed(), Some(-5));
    let opt_strs: Vector<Option<&str>> = anys.typed();
    assert_eq!(opt_strs.iter().collect::<Vec<_>>(), [Some("any text"), None, None]);

    // Getters on the wrong kind of slot never panic and give nothing.
    assert!(z.get_ref(zoo::ID).is_none(), "a v128 field is not a reference slot");
    assert!(z.get_str(zoo::MAIN).is_none(), "a struct is not a string");
    assert!(z.get_array(zoo::MAIN).is_none());
    assert_eq!(z.get_u64(1 << 30, 7), 7);
    assert_eq!(z.get_u32(u32::MAX, 7), 7);
}

#[test]
fn typed_slices_on_aligned_storage() {
    let mut b = Builder::new();
    let weights: wxl_runtime::Ref = b.scalar_array(F64S, &[1.0f64, 2.0, 3.0]);
    let buf = b.finish(weights, [0; 4]);
    // The builder's own storage is 16-aligned, so the f64 body is 8-aligned in memory.
    let schema = wxl_runtime::Schema { root: Some(F64S), ..ZOO_SCHEMA };
    let verified = verify(buf, &schema, &Options::default()).unwrap();
    let array = verified.root().as_array().unwrap();
    assert_eq!(array.as_slice::<f64>(), Some(&[1.0, 2.0, 3.0][..]));
    assert_eq!(array.as_slice::<u32>(), None, "stride mismatch");
}

#[test]
fn long_strings_use_the_long_length() {
    let mut b = Builder::new();
    for len in [0xFFFEusize, 0xFFFF, 0x1_0005] {
        b.clear();
        let text = "x".repeat(len);
        let s = b.string(&text);
        let buf = b.finish(s, [0; 4]);
        let tag = u32::from_le_bytes(buf[16..20].try_into().unwrap());
        if len < 0xFFFF {
            assert_eq!(tag, (len as u32) << 16 | 1);
        } else {
            assert_eq!(tag, 0xFFFF_0001);
            assert_eq!(u32::from_le_bytes(buf[20..24].try_into().unwrap()) as usize, len);
        }
        let schema = wxl_runtime::Schema { root: None, ..LOG_SCHEMA };
        let verified = verify(buf, &schema, &Options::default()).unwrap();
        assert_eq!(verified.root().as_str(), Some(text.as_str()));
    }
}

#[test]
fn long_header_padding_for_aligned_bodies() {
    // An f64 array with a long length: the 8-byte header moves the padding.
    let mut b = Builder::new();
    let items = vec![0.25f64; 0x1_0000];
    let array: wxl_runtime::Ref = b.scalar_array(F64S, &items);
    assert_eq!((array.offset() + 8) % 8, 0);
    let buf = b.finish(array, [0; 4]).to_vec();
    let schema = wxl_runtime::Schema { root: Some(F64S), ..ZOO_SCHEMA };
    let verified = verify(&buf, &schema, &Options::default()).unwrap();
    assert_eq!(verified.root().as_array().unwrap().len(), 0x1_0000);
}

#[test]
fn shared_strings_are_written_once() {
    let mut b = Builder::new();
    let first = b.shared_string("alice");
    let len = b.len();
    let names: Vec<_> = (0..200).map(|i| format!("user{i}")).collect();
    let refs: Vec<_> = names.iter().map(|n| b.shared_string(n)).collect();
    assert_eq!(b.shared_string("alice"), first);
    assert!(b.len() > len);
    for (name, r) in names.iter().zip(&refs) {
        assert_eq!(b.shared_string(name), *r);
    }
    b.clear();
    assert!(b.is_empty());
    let again = b.shared_string("alice");
    assert_eq!(again.offset(), 16, "the table forgets what `clear` dropped");
}

#[test]
fn options_identifier_and_root() {
    let buf = build_logs(&mut Builder::new(), &log_records(2));
    let wrong = Options { identifier: Some(*b"NOPE"), root: None };
    let err = verify(&buf, &LOG_SCHEMA, &wrong).unwrap_err();
    assert_eq!((err.kind, err.offset), (ErrorKind::WrongIdentifier, 8));
    let as_log = Options { identifier: None, root: Some(LOG) };
    let err = verify(&buf, &LOG_SCHEMA, &as_log).unwrap_err();
    assert_eq!((err.kind, err.offset), (ErrorKind::RootInvalid, 12));
    assert_eq!(err.to_string(), "ROOT_INVALID at offset 12");
}

/// The exact bytes of a small buffer: the canonical choices every wxl builder must make
/// (header last, fewest padding words before a tag, zero fill, stored size = declared size).
#[test]
fn golden_bytes() {
    use wxl_runtime::schema::{Check, Heap, Kind, Schema, TypeInfo};
    // struct Point { flag: bool @0, name: string @4, value: f64 @8 } (size 16, body align 8)
    static POINT: Schema = Schema {
        identifier: *b"PNT\0",
        root: Some(16),
        types: &[TypeInfo {
            kind: Kind::Struct,
            body_align: 8,
            size: 16,
            checks: &[Check::Bool { offset: 0 }, Check::Ref { offset: 4, nullable: false, heap: Heap::String }],
            ancestors: &[16],
        }],
    };
    let mut b = Builder::new();
    let name = b.string("hi");
    let mut s = b.begin_struct(16, 8, 16);
    s.set_bool(0, true).set_ref(4, name).set_f64(8, 1.5);
    let root: wxl_runtime::Ref = s.end();
    let buf = b.finish(root, *b"PNT\0").to_vec();
    #[rustfmt::skip]
    let expected: [u8; 48] = [
        0x57, 0x58, 0x4C, 0x00, 0x01, 0x00, 0x00, 0x00, b'P', b'N', b'T', 0x00, 0x1C, 0x00, 0x00, 0x00,
        0x01, 0x00, 0x02, 0x00, b'h', b'i', 0x00, 0x00, // "hi" at 16, tail padding
        0x00, 0x00, 0x00, 0x00,                         // one padding word: the body must be 8-aligned
        0x10, 0x00, 0x10, 0x00,                         // tag at 28: type 16, stored size 16
        0x01, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, // flag, gap, name -> 16
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF8, 0x3F, // value 1.5
    ];
    assert_eq!(buf, expected);
    let v = verify(&buf, &POINT, &Options { identifier: Some(*b"PNT\0"), root: None }).unwrap();
    let p = v.root_struct();
    assert_eq!((p.get_bool(0, false), p.get_str(4), p.get_f64(8, 0.0)), (true, Some("hi"), 1.5));
}
