//! Hostile buffers: every error kind of LAYOUT.md section 6, with its offset, and pass order.

use wxl_runtime::schema::{Check, Heap, Kind, Schema, TypeInfo};
use wxl_runtime::{verify, verify_with_scratch, ErrorKind, Options};
use ErrorKind::*;

const NODE: u16 = 16;
const WIDE: u16 = 17;
const NODES: u16 = 18;

/// Node { flag: bool @0, color: u8 enum {0,1,2} @1, name: ref null string @4,
///        next: ref null Node @8, must: ref string @12 }; Wide { x: f64 @0 }; [ref Node].
static SCHEMA: Schema = Schema {
    identifier: *b"HOST",
    root: Some(NODE),
    types: &[
        TypeInfo {
            kind: Kind::Struct,
            body_align: 4,
            size: 16,
            checks: &[
                Check::Bool { offset: 0 },
                Check::Enum { offset: 1, width: 1, values: &[0, 1, 2] },
                Check::Ref { offset: 4, nullable: true, heap: Heap::String },
                Check::Ref { offset: 8, nullable: true, heap: Heap::Type(NODE) },
                Check::Ref { offset: 12, nullable: false, heap: Heap::String },
            ],
            ancestors: &[NODE],
        },
        TypeInfo { kind: Kind::Struct, body_align: 8, size: 8, checks: &[], ancestors: &[WIDE] },
        TypeInfo {
            kind: Kind::Array,
            body_align: 4,
            size: 4,
            checks: &[Check::Ref { offset: 0, nullable: false, heap: Heap::Type(NODE) }],
            ancestors: &[NODES],
        },
        TypeInfo::UNUSED,
    ],
};

const MAGIC: u32 = u32::from_le_bytes(*b"WXL\0");

fn tag(id: u16, len: u32) -> u32 {
    len << 16 | u32::from(id)
}

fn bytes(words: &[u32]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

/// A valid buffer: "ab" at 16, a Node at 24 (body 28..44) naming it twice; root = the node.
fn valid() -> Vec<u32> {
    vec![
        MAGIC,
        1,
        u32::from_le_bytes(*b"HOST"),
        24,
        tag(1, 2),
        u32::from_le_bytes(*b"ab\0\0"),
        tag(NODE, 16),
        0x0000_0201, // flag = 1, color = 2
        16,          // name
        0,           // next
        16,          // must
    ]
}

fn check(buf: &[u8], kind: ErrorKind, offset: u32) {
    let err = verify(buf, &SCHEMA, &Options::default()).unwrap_err();
    assert_eq!((err.kind, err.offset), (kind, offset), "{err}");
    assert_eq!(err.to_string(), format!("{} at offset {offset}", kind.name()));
}

fn check_words(words: &[u32], kind: ErrorKind, offset: u32) {
    check(&bytes(words), kind, offset);
}

#[test]
fn the_valid_buffer_passes() {
    let buf = bytes(&valid());
    let opts = Options { identifier: Some(*b"HOST"), root: Some(NODE) };
    let v = verify(&buf, &SCHEMA, &opts).unwrap();
    assert_eq!(v.root_struct().get_str(12), Some("ab"));
}

#[test]
fn codes_and_names() {
    for (i, kind) in ErrorKind::ALL.iter().enumerate() {
        assert_eq!(kind.code() as usize, i + 1);
        assert_eq!(ErrorKind::from_code(kind.code()), Some(*kind));
    }
    assert_eq!(ErrorKind::from_code(0), None);
    assert_eq!(ErrorKind::from_code(22), None);
    assert_eq!(RefNotBackward.name(), "REF_NOT_BACKWARD");
    assert_eq!(LengthNotMultipleOf4.name(), "LENGTH_NOT_MULTIPLE_OF_4");
    assert_eq!(InvalidUtf8.to_string(), "INVALID_UTF8");
}

#[test]
fn header_errors() {
    let good = bytes(&valid());
    check(&good[..12], BufferTooShort, 0);
    check(&[], BufferTooShort, 0);
    check(&good[..15], BufferTooShort, 0);
    check(&good[..42], LengthNotMultipleOf4, 0);
    let mut b = good.clone();
    b[1] = b'Y';
    check(&b, BadMagic, 0);
    let mut b = good.clone();
    b[4] = 2;
    check(&b, BadVersion, 4);
    let mut b = good.clone();
    b[7] = 1;
    check(&b, BadFlags, 6);
    let err = verify(&good, &SCHEMA, &Options { identifier: Some(*b"NOPE"), root: None }).unwrap_err();
    assert_eq!((err.kind, err.offset), (WrongIdentifier, 8));
    // Header order: a bad version is reported before bad flags, bad magic before both.
    let mut b = good.clone();
    b[0] = 0;
    b[4] = 9;
    b[6] = 9;
    check(&b, BadMagic, 0);
}

#[test]
fn buffer_too_long() {
    // Caller scratch limits the length it can verify.
    let good = bytes(&valid());
    let err = verify_with_scratch(&good, &SCHEMA, &Options::default(), &mut []).unwrap_err();
    assert_eq!((err.kind, err.offset), (BufferTooLong, 0));
    // The layout's own limit: a zeroed 4 GiB allocation is virtual memory only (never touched).
    if usize::BITS == 64 && !cfg!(miri) {
        let huge = vec![0u8; 0xFFFF_FFFD];
        check(&huge, BufferTooLong, 0);
    }
}

#[test]
fn padding_errors() {
    // Nonzero tail padding after "ab": the first nonzero byte.
    let mut b = bytes(&valid());
    b[23] = 5;
    check(&b, BadPadding, 23);
    b[22] = 5;
    check(&b, BadPadding, 22);
    // Four padding words in a row: the fourth.
    let mut w = vec![MAGIC, 1, 0, 0, 0, 0, 0, 0];
    w.extend([tag(1, 0)]);
    check_words(&w, BadPadding, 28);
    // Three are fine (the root check comes next and fails).
    let w = vec![MAGIC, 1, 0, 0, 0, 0, 0, tag(1, 0)];
    check_words(&w, RootInvalid, 12);
    // Ending with padding: the last word.
    let mut w = valid();
    w.push(0);
    check_words(&w, BadPadding, 44);
    w.push(0);
    check_words(&w, BadPadding, 48);
    // A buffer of only a header is fine until the root check.
    check_words(&[MAGIC, 1, 0, 0], RootInvalid, 12);
}

#[test]
fn tag_errors() {
    for id in [0u16, 3, 15, 0xFFFF, 19, 20, 999] {
        let mut w = valid();
        w[4] = tag(id, 2);
        check_words(&w, UnknownType, 16);
    }
    // Long length below 0xFFFF.
    let w = vec![MAGIC, 1, 0, 16, 0xFFFF_0001, 2, u32::from_le_bytes(*b"ab\0\0")];
    check_words(&w, NonCanonicalLength, 20);
    // A body aligned to 4 where 8 is needed.
    let w = vec![MAGIC, 1, 0, 16, tag(WIDE, 8), 0, 0];
    check_words(&w, MisalignedBody, 16);
    // Length past the end.
    let mut w = valid();
    w[4] = tag(1, 100);
    check_words(&w, ObjectOutOfBounds, 16);
    // Tail padding past the end: 3 bytes of body in the last word is fine, 5 is not.
    let w = vec![MAGIC, 1, 0, 16, tag(1, 5), u32::from_le_bytes(*b"abcd")];
    check_words(&w, ObjectOutOfBounds, 16);
    // The long length word itself past the end.
    let w = vec![MAGIC, 1, 0, 16, 0xFFFF_0001];
    check_words(&w, ObjectOutOfBounds, 16);
    // ... after the alignment check of body = tag + 8.
    let w = vec![MAGIC, 1, 0, 16, 0, 0xFFFF_0000 | u32::from(WIDE)];
    check_words(&w, MisalignedBody, 20);
    // count * stride overflows 32 bits: computed in 64.
    let w = vec![MAGIC, 1, 0, 16, 0xFFFF_0000 | u32::from(NODES), 0x4000_0001, 0];
    check_words(&w, ObjectOutOfBounds, 16);
    // UNKNOWN_TYPE before NON_CANONICAL_LENGTH; NON_CANONICAL_LENGTH before the rest.
    let w = vec![MAGIC, 1, 0, 16, 0xFFFF_0003, 2, 0];
    check_words(&w, UnknownType, 16);
    let w = vec![MAGIC, 1, 0, 16, 0xFFFF_0000 | u32::from(WIDE), 2];
    check_words(&w, NonCanonicalLength, 20);
    // MISALIGNED_BODY before OBJECT_OUT_OF_BOUNDS.
    let w = vec![MAGIC, 1, 0, 16, tag(WIDE, 100)];
    check_words(&w, MisalignedBody, 16);
}

#[test]
fn field_errors() {
    let mut w = valid();
    w[7] = 0x0000_0202;
    check_words(&w, InvalidBool, 28);
    let mut w = valid();
    w[7] = 0x0000_0301;
    check_words(&w, InvalidEnum, 29);
    // Both: the lower offset (check order) wins.
    let mut w = valid();
    w[7] = 0x0000_0303;
    check_words(&w, InvalidBool, 28);
    let mut w = valid();
    w[10] = 0;
    check_words(&w, NullRef, 40);
    // An absent required reference: stored size 12 leaves `must` out.
    let w = vec![MAGIC, 1, 0, 24, tag(1, 2), u32::from_le_bytes(*b"ab\0\0"), tag(NODE, 12), 0x201, 16, 0];
    check_words(&w, RequiredFieldAbsent, 24);
    // ... but an earlier bad bool comes first.
    let w = vec![MAGIC, 1, 0, 24, tag(1, 2), u32::from_le_bytes(*b"ab\0\0"), tag(NODE, 12), 0x207, 16, 0];
    check_words(&w, InvalidBool, 28);
    // Stored size 2 keeps only flag and color: the optional refs may be absent, `must` not.
    let w = vec![MAGIC, 1, 0, 16, tag(NODE, 2), 0x201];
    check_words(&w, RequiredFieldAbsent, 16);
}

#[test]
fn reference_errors() {
    let at = |slot: usize| 28 + 4 * (slot as u32 - 1);
    let cases: &[(usize, u32, ErrorKind)] = &[
        (9, 24, RefNotBackward),       // next = itself
        (9, 400, RefNotBackward),      // next = forward, past the end
        (8, 18, RefNotObjectStart),    // v & 3 == 2
        (8, 20, RefNotObjectStart),    // inside the string body
        (8, 4, RefNotObjectStart),     // inside the header
        (8, 7, RefTypeMismatch),       // an i31 value where a string is expected
        (9, 16, RefTypeMismatch),      // a string where a Node is expected
        (10, 3, RefTypeMismatch),      // i31 in a non-null string slot
    ];
    for &(word, value, kind) in cases {
        let mut w = valid();
        w[word] = value;
        check_words(&w, kind, at(word - 6));
    }
    // Order inside one reference: null before i31 before alignment before direction.
    let mut w = valid();
    w[10] = 0;
    check_words(&w, NullRef, 40);
    let mut w = valid();
    w[10] = 0xFFFF_FFFE; // v & 3 == 2 and forward: REF_NOT_OBJECT_START first
    check_words(&w, RefNotObjectStart, 40);
    // Order across slots: the earlier slot wins.
    let mut w = valid();
    w[8] = 18;
    w[9] = 24;
    check_words(&w, RefNotObjectStart, 32);
}

#[test]
fn array_element_errors() {
    // [ref Node] whose second element is null, then bad: errors in index order.
    let mut w = valid();
    w[3] = 44;
    w.extend([tag(NODES, 3), 24, 0, 16]);
    check_words(&w, NullRef, 52);
    let mut w = valid();
    w[3] = 44;
    w.extend([tag(NODES, 2), 24, 24]);
    let buf = bytes(&w);
    let v = verify(&buf, &SCHEMA, &Options { identifier: None, root: Some(NODES) }).unwrap();
    let nodes = v.root().as_array().unwrap();
    assert_eq!(nodes.get_struct(1).unwrap().get_str(4), Some("ab"));
}

#[test]
fn utf8_errors() {
    let mut w = valid();
    w[5] = u32::from_le_bytes([0xFF, b'a', 0, 0]);
    check_words(&w, InvalidUtf8, 20);
    // A truncated multi-byte sequence; a surrogate; an overlong encoding.
    for body in [[0xC3, 0, 0, 0], [0xED, 0xA0, 0x80, 0], [0xC0, 0x80, 0, 0]] {
        let w = vec![MAGIC, 1, 0, 16, tag(1, 3), u32::from_le_bytes(body)];
        check_words(&w, InvalidUtf8, 20);
    }
    // Valid multi-byte text passes, long and short.
    for text in ["é", "日本語のテキスト", &"ünïcødé ".repeat(40)] {
        let mut buf = bytes(&[MAGIC, 1, 0, 16, tag(1, text.len() as u32)]);
        buf.extend(text.as_bytes());
        buf.resize(buf.len().next_multiple_of(4), 0);
        let v = verify(&buf, &SCHEMA, &Options { identifier: None, root: Some(1) }).unwrap();
        assert_eq!(v.root().as_str(), Some(text));
    }
    // Tail padding is checked before the body.
    let w = vec![MAGIC, 1, 0, 16, tag(1, 2), u32::from_le_bytes([0xFF, 0xFF, 0, 9])];
    check_words(&w, BadPadding, 23);
}

#[test]
fn root_errors() {
    for root in [0u32, 2, 1, 3, 20, 28, 44, 400, 0xFFFF_FFFC, 16] {
        let mut w = valid();
        w[3] = root;
        check_words(&w, RootInvalid, 12);
    }
    // The root type from the options overrides the schema's.
    let w = valid();
    let err = verify(&bytes(&w), &SCHEMA, &Options { identifier: None, root: Some(WIDE) }).unwrap_err();
    assert_eq!((err.kind, err.offset), (RootInvalid, 12));
    // With no root type at all, any object will do.
    let anything = Schema { root: None, ..SCHEMA };
    let mut w = valid();
    w[3] = 16;
    assert_eq!(verify(&bytes(&w), &anything, &Options::default()).unwrap().root().as_str(), Some("ab"));
}
