//! Raw declarations matching `include/wxl.h`. Field order and types follow the header exactly;
//! `tests/ffi.rs` compares every size and offset with the C compiler's (`src/abi.c`).

use core::ffi::{c_char, c_int, c_void};

pub const WXL_CHECK_BOOL: u8 = 1;
pub const WXL_CHECK_ENUM: u8 = 2;
pub const WXL_CHECK_REF: u8 = 3;

pub const WXL_HEAP_TYPE: u8 = 1;
pub const WXL_HEAP_STRING: u8 = 2;
pub const WXL_HEAP_BYTES: u8 = 3;
pub const WXL_HEAP_STRUCT: u8 = 4;
pub const WXL_HEAP_ARRAY: u8 = 5;
pub const WXL_HEAP_ANY: u8 = 6;
pub const WXL_HEAP_I31: u8 = 7;
pub const WXL_HEAP_NONE: u8 = 8;

pub const WXL_KIND_UNUSED: u8 = 0;
pub const WXL_KIND_STRUCT: u8 = 1;
pub const WXL_KIND_ARRAY: u8 = 2;

/// `wxl_check`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct WxlCheck {
    pub offset: u32,
    pub kind: u8,
    pub width: u8,
    pub nullable: u8,
    pub heap: u8,
    pub heap_type: u16,
    pub value_count: u32,
    pub values: *const u64,
}

impl WxlCheck {
    pub const ZERO: WxlCheck = WxlCheck {
        offset: 0,
        kind: 0,
        width: 0,
        nullable: 0,
        heap: 0,
        heap_type: 0,
        value_count: 0,
        values: core::ptr::null(),
    };
}

/// `wxl_type_info`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct WxlTypeInfo {
    pub kind: u8,
    pub body_align: u32,
    pub size: u32,
    pub check_count: u32,
    pub ancestor_count: u32,
    pub checks: *const WxlCheck,
    pub ancestors: *const u16,
}

/// `wxl_schema`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct WxlSchema {
    pub identifier: [u8; 4],
    pub has_root: u8,
    pub root: u16,
    pub type_count: u32,
    pub types: *const WxlTypeInfo,
}

/// `wxl_verify_options`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct WxlVerifyOptions {
    pub identifier: *const u8,
    pub root_type: u16,
}

/// `wxl_error`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct WxlError {
    pub code: c_int,
    pub offset: u32,
}

/// `wxl_builder`, used only through pointers from `wxl_builder_new`.
#[repr(C)]
pub struct WxlBuilder {
    _opaque: [u8; 0],
}

extern "C" {
    pub fn wxl_verify_scratch_words(len: usize) -> usize;
    pub fn wxl_verify(
        buf: *const u8,
        len: usize,
        schema: *const WxlSchema,
        opts: *const WxlVerifyOptions,
        scratch: *mut u64,
        scratch_words: usize,
        err: *mut WxlError,
    ) -> c_int;
    pub fn wxl_error_name(code: c_int) -> *const c_char;
    pub fn wxl_utf8_valid(p: *const u8, n: usize) -> bool;
    pub fn wxl_schema_check(s: *const WxlSchema) -> u32;
    /// `src/abi.c`: sizes and offsets of the structs above, see `tests/ffi.rs`.
    pub fn wxl_abi_layout(out: *mut usize, cap: usize) -> usize;

    pub fn wxl_builder_new(identifier: *const u8) -> *mut WxlBuilder;
    pub fn wxl_builder_delete(b: *mut WxlBuilder);
    pub fn wxl_builder_reset(b: *mut WxlBuilder);
    pub fn wxl_builder_error(b: *const WxlBuilder) -> c_int;
    pub fn wxl_builder_string(b: *mut WxlBuilder, s: *const c_char, n: usize) -> u32;
    pub fn wxl_builder_bytes(b: *mut WxlBuilder, p: *const c_void, n: usize) -> u32;
    pub fn wxl_builder_scalars(
        b: *mut WxlBuilder,
        type_id: u16,
        body_align: u32,
        elem_size: u32,
        elems: *const c_void,
        count: usize,
    ) -> u32;
    pub fn wxl_builder_refs(
        b: *mut WxlBuilder,
        type_id: u16,
        refs: *const u32,
        count: usize,
    ) -> u32;
    pub fn wxl_builder_raw_array(
        b: *mut WxlBuilder,
        type_id: u16,
        body_align: u32,
        stride: u32,
        elems: *const c_void,
        count: usize,
    ) -> u32;
    pub fn wxl_builder_struct_begin(
        b: *mut WxlBuilder,
        type_id: u16,
        body_align: u32,
        size: u32,
    ) -> c_int;
    pub fn wxl_builder_array_begin(
        b: *mut WxlBuilder,
        type_id: u16,
        body_align: u32,
        stride: u32,
        count: u32,
    ) -> c_int;
    pub fn wxl_builder_end(b: *mut WxlBuilder) -> u32;
    pub fn wxl_builder_set_u8(b: *mut WxlBuilder, off: u32, v: u8);
    pub fn wxl_builder_set_i8(b: *mut WxlBuilder, off: u32, v: i8);
    pub fn wxl_builder_set_u16(b: *mut WxlBuilder, off: u32, v: u16);
    pub fn wxl_builder_set_i16(b: *mut WxlBuilder, off: u32, v: i16);
    pub fn wxl_builder_set_u32(b: *mut WxlBuilder, off: u32, v: u32);
    pub fn wxl_builder_set_i32(b: *mut WxlBuilder, off: u32, v: i32);
    pub fn wxl_builder_set_u64(b: *mut WxlBuilder, off: u32, v: u64);
    pub fn wxl_builder_set_i64(b: *mut WxlBuilder, off: u32, v: i64);
    pub fn wxl_builder_set_f32(b: *mut WxlBuilder, off: u32, v: f32);
    pub fn wxl_builder_set_f64(b: *mut WxlBuilder, off: u32, v: f64);
    pub fn wxl_builder_set_bool(b: *mut WxlBuilder, off: u32, v: bool);
    pub fn wxl_builder_set_ref(b: *mut WxlBuilder, off: u32, r: u32);
    pub fn wxl_builder_set_raw(b: *mut WxlBuilder, off: u32, p: *const c_void, n: usize);
    pub fn wxl_builder_finish(
        b: *mut WxlBuilder,
        root: u32,
        out: *mut *const u8,
        out_len: *mut usize,
    ) -> c_int;
}
