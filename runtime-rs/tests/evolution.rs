//! Evolution (LAYOUT.md section 8): a v2 schema appends fields to a struct; v1 buffers read
//! through v2 give defaults, and v2 buffers read through v1 ignore the new fields.

use wxl_runtime::schema::{Check, Heap, Kind, Schema, TypeInfo};
use wxl_runtime::{verify, Builder, ErrorKind, Options, Ref, StructView};

const USER: u16 = 16;

/// v1: `struct User { id: u64 @0, name: ref string @8 }`.
static V1: Schema = Schema {
    identifier: *b"USER",
    root: Some(USER),
    types: &[TypeInfo {
        kind: Kind::Struct,
        body_align: 8,
        size: 12,
        checks: &[Check::Ref { offset: 8, nullable: false, heap: Heap::String }],
        ancestors: &[USER],
    }],
};

/// v2 appends `score: f64 = 1.5 @16`, `admin: bool @24`, `email: ref null string @28`,
/// `level: u8 enum {0,1} @32`.
static V2: Schema = Schema {
    identifier: *b"USER",
    root: Some(USER),
    types: &[TypeInfo {
        kind: Kind::Struct,
        body_align: 8,
        size: 33,
        checks: &[
            Check::Ref { offset: 8, nullable: false, heap: Heap::String },
            Check::Bool { offset: 24 },
            Check::Ref { offset: 28, nullable: true, heap: Heap::String },
            Check::Enum { offset: 32, width: 1, values: &[0, 1] },
        ],
        ancestors: &[USER],
    }],
};

/// A v2 of a 4-aligned struct `Small { a: u32 @0 }` that appends `b: f64 @8`: the body
/// alignment grows to 8, so old buffers may fail MISALIGNED_BODY (LAYOUT.md section 8).
static SMALL_V1: Schema = Schema {
    identifier: [0; 4],
    root: Some(USER),
    types: &[TypeInfo { kind: Kind::Struct, body_align: 4, size: 4, checks: &[], ancestors: &[USER] }],
};
static SMALL_V2: Schema = Schema {
    identifier: [0; 4],
    root: Some(USER),
    types: &[TypeInfo { kind: Kind::Struct, body_align: 8, size: 16, checks: &[], ancestors: &[USER] }],
};

/// Generated-style accessors for v2.
struct UserV2<'a>(StructView<'a>);

impl<'a> UserV2<'a> {
    fn id(&self) -> u64 {
        self.0.get_u64(0, 0)
    }
    fn name(&self) -> &'a str {
        self.0.get_str(8).unwrap_or_default()
    }
    fn score(&self) -> f64 {
        self.0.get_f64(16, 1.5)
    }
    fn admin(&self) -> bool {
        self.0.get_bool(24, false)
    }
    fn email(&self) -> Option<&'a str> {
        self.0.get_str(28)
    }
    fn level(&self) -> u8 {
        self.0.get_u8(32, 0)
    }
}

fn build_v1(id: u64, name: &str) -> Vec<u8> {
    let mut b = Builder::new();
    let name = b.string(name);
    let mut s = b.begin_struct(USER, 8, 12);
    s.set_u64(0, id).set_ref(8, name);
    let root: Ref = s.end();
    b.finish(root, *b"USER").to_vec()
}

fn build_v2(id: u64, name: &str, email: &str) -> Vec<u8> {
    let mut b = Builder::new();
    let name = b.string(name);
    let email = b.string(email);
    let mut s = b.begin_struct(USER, 8, 33);
    s.set_u64(0, id).set_ref(8, name).set_f64(16, 9.25).set_bool(24, true).set_ref(28, email).set_u8(32, 1);
    let root: Ref = s.end();
    b.finish(root, *b"USER").to_vec()
}

#[test]
fn old_buffers_read_as_defaults() {
    let buf = build_v1(7, "ada");
    let v = verify(&buf, &V2, &Options::default()).unwrap();
    let user = UserV2(v.root_struct());
    assert_eq!((user.id(), user.name()), (7, "ada"));
    assert_eq!((user.score(), user.admin(), user.email(), user.level()), (1.5, false, None, 0));
    assert!(!v.root_struct().has(16, 8));
    assert!(v.root_struct().has(8, 4));
}

#[test]
fn new_buffers_read_by_old_readers() {
    let buf = build_v2(8, "bob", "bob@example.org");
    let v1 = verify(&buf, &V1, &Options::default()).unwrap();
    let root = v1.root_struct();
    assert_eq!((root.get_u64(0, 0), root.get_str(8)), (8, Some("bob")));
    // v1 does not know field 28 is a reference: it is not followed.
    assert_eq!(root.get_str(28), None);
    let v2 = verify(&buf, &V2, &Options::default()).unwrap();
    let user = UserV2(v2.root_struct());
    assert_eq!((user.score(), user.admin(), user.email(), user.level()), (9.25, true, Some("bob@example.org"), 1));
}

#[test]
fn old_readers_ignore_bad_new_fields_new_readers_do_not() {
    let mut buf = build_v2(8, "bob", "e");
    let user_at = u32::from_le_bytes(buf[12..16].try_into().unwrap()) as usize;
    // A bool of 2 in the v2-only field: v1 never looks at it.
    let admin = user_at + 4 + 24;
    buf[admin] = 2;
    assert!(verify(&buf, &V1, &Options::default()).is_ok());
    let err = verify(&buf, &V2, &Options::default()).unwrap_err();
    assert_eq!((err.kind, err.offset as usize), (ErrorKind::InvalidBool, admin));
}

#[test]
fn appending_a_more_aligned_field_breaks_old_buffers() {
    let mut b = Builder::new();
    let mut s = b.begin_struct(USER, 4, 4);
    s.set_u32(0, 5);
    let root: Ref = s.end();
    let buf = b.finish(root, [0; 4]).to_vec();
    assert!(verify(&buf, &SMALL_V1, &Options::default()).is_ok());
    // The body sits at 20: 4-aligned, not 8-aligned.
    let err = verify(&buf, &SMALL_V2, &Options::default()).unwrap_err();
    assert_eq!((err.kind, err.offset), (ErrorKind::MisalignedBody, 16));
}
