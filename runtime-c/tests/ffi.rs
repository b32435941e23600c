//! The FFI surface: struct mirrors match the C ABI, Rust tables convert to C tables, and the
//! C builder and verifier work through it.

use core::mem::{offset_of, size_of};
use wxl_runtime::schema::{Check, Heap, Kind, Schema, TypeInfo};
use wxl_runtime_c::ffi::*;
use wxl_runtime_c::{error_name, utf8_valid, verify, CBuilder, CSchema, VerifyError};

#[test]
fn struct_mirrors_match_the_c_abi() {
    let rust = [
        size_of::<WxlCheck>(),
        offset_of!(WxlCheck, offset),
        offset_of!(WxlCheck, kind),
        offset_of!(WxlCheck, width),
        offset_of!(WxlCheck, nullable),
        offset_of!(WxlCheck, heap),
        offset_of!(WxlCheck, heap_type),
        offset_of!(WxlCheck, value_count),
        offset_of!(WxlCheck, values),
        size_of::<WxlTypeInfo>(),
        offset_of!(WxlTypeInfo, kind),
        offset_of!(WxlTypeInfo, body_align),
        offset_of!(WxlTypeInfo, size),
        offset_of!(WxlTypeInfo, check_count),
        offset_of!(WxlTypeInfo, ancestor_count),
        offset_of!(WxlTypeInfo, checks),
        offset_of!(WxlTypeInfo, ancestors),
        size_of::<WxlSchema>(),
        offset_of!(WxlSchema, identifier),
        offset_of!(WxlSchema, has_root),
        offset_of!(WxlSchema, root),
        offset_of!(WxlSchema, type_count),
        offset_of!(WxlSchema, types),
        size_of::<WxlVerifyOptions>(),
        offset_of!(WxlVerifyOptions, identifier),
        offset_of!(WxlVerifyOptions, root_type),
        size_of::<WxlError>(),
        offset_of!(WxlError, code),
        offset_of!(WxlError, offset),
    ];
    let mut c = [0usize; 64];
    // SAFETY: writes at most c.len() values.
    let n = unsafe { wxl_abi_layout(c.as_mut_ptr(), c.len()) };
    assert_eq!(
        n,
        rust.len(),
        "src/abi.c and this test list different fields"
    );
    assert_eq!(&c[..n], &rust[..]);
}

// Shape { id: u32, name: string? } <: Circle { .., radius: f64 };
// Item { flag: bool @0, color: enum u8 {0, 1, 2} @1, shape: Shape @4, tag: i31 @8 }; root Item.
const SHAPE: u16 = 16;
const CIRCLE: u16 = 17;
const ITEM: u16 = 18;
static COLORS: [u64; 3] = [0, 1, 2];
static SHAPE_CHECKS: [Check; 1] = [Check::Ref {
    offset: 4,
    nullable: true,
    heap: Heap::String,
}];
static ITEM_CHECKS: [Check; 4] = [
    Check::Bool { offset: 0 },
    Check::Enum {
        offset: 1,
        width: 1,
        values: &COLORS,
    },
    Check::Ref {
        offset: 4,
        nullable: false,
        heap: Heap::Type(SHAPE),
    },
    Check::Ref {
        offset: 8,
        nullable: false,
        heap: Heap::I31,
    },
];
static TYPES: [TypeInfo; 3] = [
    TypeInfo {
        kind: Kind::Struct,
        body_align: 4,
        size: 8,
        checks: &SHAPE_CHECKS,
        ancestors: &[SHAPE],
    },
    TypeInfo {
        kind: Kind::Struct,
        body_align: 8,
        size: 16,
        checks: &SHAPE_CHECKS,
        ancestors: &[SHAPE, CIRCLE],
    },
    TypeInfo {
        kind: Kind::Struct,
        body_align: 4,
        size: 12,
        checks: &ITEM_CHECKS,
        ancestors: &[ITEM],
    },
];
static SCHEMA: Schema = Schema {
    identifier: *b"ITEM",
    root: Some(ITEM),
    types: &TYPES,
};

/// Item { flag, color, shape: Circle { 7, name, 1.5 }, tag: i31(-3) }; returns (bytes, item).
fn build(flag: bool, color: u8) -> (Vec<u8>, u32) {
    let mut b = CBuilder::new(Some(*b"ITEM"));
    let name = b.string("wheel");
    assert_eq!(b.struct_begin(CIRCLE, 8, 16), 0);
    b.set_u32(0, 7);
    b.set_ref(4, name);
    b.set_f64(8, 1.5);
    let circle = b.end();
    b.struct_begin(ITEM, 4, 12);
    b.set_bool(0, flag);
    b.set_u8(1, color);
    b.set_ref(4, circle);
    b.set_ref(8, (-3i32 as u32) << 1 | 1);
    let item = b.end();
    (b.finish(item).expect("finish").to_vec(), item)
}

#[test]
fn converted_tables_are_well_formed_and_carry_the_same_numbers() {
    let c = CSchema::from_rust(&SCHEMA);
    assert_eq!(c.check(), 0);
    // SAFETY: the pointers point into `c` and the static tables above.
    let (schema, item, check) = unsafe {
        let s = &*c.as_ptr();
        let item = &*s.types.add(2);
        (s, item, &*item.checks.add(2))
    };
    assert_eq!(
        (schema.identifier, schema.has_root, schema.root),
        (*b"ITEM", 1, ITEM)
    );
    assert_eq!(
        (item.kind, item.body_align, item.size, item.check_count),
        (WXL_KIND_STRUCT, 4, 12, 4)
    );
    assert_eq!(
        (check.offset, check.kind, check.heap, check.heap_type),
        (4, WXL_CHECK_REF, WXL_HEAP_TYPE, SHAPE)
    );
}

#[test]
fn c_builder_output_passes_the_c_verifier() {
    let c = CSchema::from_rust(&SCHEMA);
    let (bytes, item) = build(true, 2);
    assert_eq!(&bytes[..4], b"WXL\0");
    assert_eq!(&bytes[8..12], b"ITEM");
    assert_eq!(u32::from_le_bytes(bytes[12..16].try_into().unwrap()), item);
    assert_eq!(verify(&bytes, &c, Some(*b"ITEM"), None), Ok(()));
    assert_eq!(
        verify(&bytes, &c, None, Some(SHAPE)),
        Err(VerifyError {
            code: 21,
            offset: 12
        })
    );
    assert_eq!(
        verify(&bytes, &c, Some(*b"NOPE"), None),
        Err(VerifyError { code: 7, offset: 8 })
    );
}

#[test]
fn c_verifier_reports_codes_and_offsets_through_ffi() {
    let c = CSchema::from_rust(&SCHEMA);
    let body = |item: u32| item as usize + 4;
    let (mut bytes, item) = build(true, 3);
    assert_eq!(
        verify(&bytes, &c, None, None),
        Err(VerifyError {
            code: 14,
            offset: item + 5
        })
    );
    bytes[body(item)] = 2;
    assert_eq!(
        verify(&bytes, &c, None, None),
        Err(VerifyError {
            code: 13,
            offset: item + 4
        })
    );
    let (mut bytes, item) = build(false, 0);
    bytes[body(item) + 4..body(item) + 8].copy_from_slice(&16u32.to_le_bytes()); // the string
    assert_eq!(
        verify(&bytes, &c, None, None),
        Err(VerifyError {
            code: 18,
            offset: item + 8
        })
    );
    assert_eq!(
        verify(&bytes[..13], &c, None, None),
        Err(VerifyError { code: 1, offset: 0 })
    );
}

#[test]
fn error_names_are_the_layout_md_names() {
    let names = [
        "OK",
        "BUFFER_TOO_SHORT",
        "BUFFER_TOO_LONG",
        "LENGTH_NOT_MULTIPLE_OF_4",
        "BAD_MAGIC",
        "BAD_VERSION",
        "BAD_FLAGS",
        "WRONG_IDENTIFIER",
        "BAD_PADDING",
        "UNKNOWN_TYPE",
        "NON_CANONICAL_LENGTH",
        "MISALIGNED_BODY",
        "OBJECT_OUT_OF_BOUNDS",
        "INVALID_BOOL",
        "INVALID_ENUM",
        "NULL_REF",
        "REF_NOT_BACKWARD",
        "REF_NOT_OBJECT_START",
        "REF_TYPE_MISMATCH",
        "REQUIRED_FIELD_ABSENT",
        "INVALID_UTF8",
        "ROOT_INVALID",
    ];
    for (code, name) in names.iter().enumerate() {
        assert_eq!(error_name(code as u32), *name);
    }
    assert_eq!(error_name(22), "UNKNOWN_ERROR");
    assert_eq!(error_name(u32::MAX), "UNKNOWN_ERROR");
}

#[test]
fn builder_errors_surface_at_finish_and_reset_clears_them() {
    let mut b = CBuilder::new(None);
    b.struct_begin(SHAPE, 4, 8);
    b.set_u32(6, 1); // past the declared size
    assert_eq!(b.end(), 0);
    assert_eq!(b.finish(16), Err(67));
    b.reset();
    let s = b.bytes(&[0xFF, 0xFE]);
    let arr = b.raw_array(20, 8, 8, &[1, 2, 3, 4, 5, 6, 7, 8]);
    assert_eq!((s, arr), (16, 28));
    assert_eq!(b.finish(arr).map(<[u8]>::len), Ok(40));
}

#[test]
fn utf8_validator_through_ffi() {
    assert!(utf8_valid("héllo ○ 😀".as_bytes()));
    assert!(!utf8_valid(b"\xED\xA0\x80"));
    assert!(!utf8_valid(b"\xF4\x90\x80\x80"));
    assert!(!utf8_valid(b"abc\xE2\x82"));
}
