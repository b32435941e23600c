//! FFI to runtime-c, the C99 wxl runtime (`include/wxl.h`, `src/wxl.c`).
//!
//! This crate exists so that cargo builds the C runtime and runs its tests
//! (`tests/make.rs` drives `make test` and `make fuzz-smoke`), and so that Rust tests can run
//! the C verifier and builder next to the Rust ones on the same bytes (differential tests).
//!
//! The surface is deliberately small:
//! - [`ffi`]: `#[repr(C)]` mirrors of the C schema tables and the raw `extern "C"` functions
//!   (verifier, UTF-8 check, table check, error names, builder through an opaque pointer).
//!   `tests/ffi.rs` checks the mirrors against the C compiler's `sizeof`/`offsetof`.
//! - [`CSchema`]: the C tables converted from a [`wxl_runtime::schema::Schema`], so both
//!   verifiers see the same numbers.
//! - [`verify`], [`error_name`], [`utf8_valid`], [`CBuilder`]: safe wrappers.

use core::ffi::CStr;
use wxl_runtime::schema::{Check, Heap, Kind, Schema};

pub mod ffi;

use ffi::*;

/// The first rule a buffer breaks, as the C verifier reports it (LAYOUT.md section 6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerifyError {
    /// The numeric code of LAYOUT.md section 6 (1..=21), or an API code (64..).
    pub code: u32,
    /// The offset LAYOUT.md section 6 prescribes for the rule.
    pub offset: u32,
}

/// The C tables of one schema, converted from the Rust tables. Holds the converted checks
/// and type entries; enum values and ancestors point at the Rust tables' static slices.
pub struct CSchema {
    raw: WxlSchema,
    _types: Vec<WxlTypeInfo>,
    _checks: Vec<Vec<WxlCheck>>,
}

fn heap_code(heap: Heap) -> (u8, u16) {
    match heap {
        Heap::Type(id) => (WXL_HEAP_TYPE, id),
        Heap::String => (WXL_HEAP_STRING, 0),
        Heap::Bytes => (WXL_HEAP_BYTES, 0),
        Heap::Struct => (WXL_HEAP_STRUCT, 0),
        Heap::Array => (WXL_HEAP_ARRAY, 0),
        Heap::Any => (WXL_HEAP_ANY, 0),
        Heap::I31 => (WXL_HEAP_I31, 0),
        Heap::None => (WXL_HEAP_NONE, 0),
    }
}

fn c_check(check: &Check) -> WxlCheck {
    let mut c = WxlCheck::ZERO;
    match *check {
        Check::Bool { offset } => {
            c.offset = offset;
            c.kind = WXL_CHECK_BOOL;
        }
        Check::Enum {
            offset,
            width,
            values,
        } => {
            c.offset = offset;
            c.kind = WXL_CHECK_ENUM;
            c.width = width;
            c.values = values.as_ptr();
            c.value_count = values.len() as u32;
        }
        Check::Ref {
            offset,
            nullable,
            heap,
        } => {
            c.offset = offset;
            c.kind = WXL_CHECK_REF;
            c.nullable = nullable as u8;
            (c.heap, c.heap_type) = heap_code(heap);
        }
    }
    c
}

fn kind_code(kind: Kind) -> u8 {
    match kind {
        Kind::Unused => WXL_KIND_UNUSED,
        Kind::Struct => WXL_KIND_STRUCT,
        Kind::Array => WXL_KIND_ARRAY,
    }
}

impl CSchema {
    /// The C tables carrying exactly the information of `schema`.
    pub fn from_rust(schema: &'static Schema) -> CSchema {
        let checks: Vec<Vec<WxlCheck>> = schema
            .types
            .iter()
            .map(|t| t.checks.iter().map(c_check).collect())
            .collect();
        let types: Vec<WxlTypeInfo> = schema
            .types
            .iter()
            .zip(&checks)
            .map(|(t, c)| WxlTypeInfo {
                kind: kind_code(t.kind),
                body_align: t.body_align,
                size: t.size,
                check_count: c.len() as u32,
                ancestor_count: t.ancestors.len() as u32,
                checks: c.as_ptr(),
                ancestors: t.ancestors.as_ptr(),
            })
            .collect();
        let raw = WxlSchema {
            identifier: schema.identifier,
            has_root: schema.root.is_some() as u8,
            root: schema.root.unwrap_or(0),
            type_count: types.len() as u32,
            types: types.as_ptr(),
        };
        CSchema {
            raw,
            _types: types,
            _checks: checks,
        }
    }

    /// The C `wxl_schema`, valid while `self` lives.
    pub fn as_ptr(&self) -> *const WxlSchema {
        &self.raw
    }

    /// `wxl_schema_check`: 0 when the tables are well formed, else 1 + the bad type index.
    pub fn check(&self) -> u32 {
        // SAFETY: the tables point into `self` and into 'static slices.
        unsafe { wxl_schema_check(&self.raw) }
    }
}

/// Verifies `buf` with the C verifier. `identifier`: the 4 bytes the header must hold;
/// `root`: the root type id (None: the schema's).
pub fn verify(
    buf: &[u8],
    schema: &CSchema,
    identifier: Option<[u8; 4]>,
    root: Option<u16>,
) -> Result<(), VerifyError> {
    // SAFETY: a pure function of the length.
    let words = unsafe { wxl_verify_scratch_words(buf.len()) };
    let mut scratch = vec![0u64; words];
    let ident = identifier.unwrap_or_default();
    let opts = WxlVerifyOptions {
        identifier: if identifier.is_some() {
            ident.as_ptr()
        } else {
            core::ptr::null()
        },
        root_type: root.unwrap_or(0),
    };
    let mut err = WxlError { code: 0, offset: 0 };
    // SAFETY: every pointer is valid for the stated lengths for the duration of the call.
    let rc = unsafe {
        wxl_verify(
            buf.as_ptr(),
            buf.len(),
            schema.as_ptr(),
            &opts,
            scratch.as_mut_ptr(),
            scratch.len(),
            &mut err,
        )
    };
    match rc {
        0 => Ok(()),
        _ => Err(VerifyError {
            code: err.code as u32,
            offset: err.offset,
        }),
    }
}

/// The UPPER_SNAKE name of an error code ("OK" for 0, "UNKNOWN_ERROR" for others).
pub fn error_name(code: u32) -> &'static str {
    let code = i32::try_from(code).unwrap_or(-1);
    // SAFETY: wxl_error_name returns a pointer to a static NUL-terminated ASCII string.
    unsafe { CStr::from_ptr(wxl_error_name(code)) }
        .to_str()
        .unwrap_or("UNKNOWN_ERROR")
}

/// The C runtime's UTF-8 validator.
pub fn utf8_valid(bytes: &[u8]) -> bool {
    // SAFETY: the slice is valid for its length.
    unsafe { wxl_utf8_valid(bytes.as_ptr(), bytes.len()) }
}

/// The C builder (growable). Each method mirrors one `wxl_builder_*` call and returns what
/// it returns (0 after an error); [`CBuilder::finish`] reports the first error.
pub struct CBuilder {
    raw: *mut WxlBuilder,
}

macro_rules! setters {
    ($($name:ident: $t:ty => $c:ident),* $(,)?) => {$(
        #[doc = concat!("`", stringify!($c), "`: a field of the open struct or array.")]
        pub fn $name(&mut self, offset: u32, value: $t) {
            // SAFETY: self.raw is a live builder; the C side bounds-checks the offset.
            unsafe { $c(self.raw, offset, value) }
        }
    )*};
}

impl CBuilder {
    /// A growable builder; `identifier` is written into the header (zeros when None).
    pub fn new(identifier: Option<[u8; 4]>) -> CBuilder {
        let ident = identifier.unwrap_or_default();
        // SAFETY: the identifier is 4 readable bytes; the C side copies it.
        let raw = unsafe { wxl_builder_new(ident.as_ptr()) };
        assert!(!raw.is_null(), "wxl_builder_new: out of memory");
        CBuilder { raw }
    }

    /// `wxl_builder_reset`: start a new buffer in the same storage.
    pub fn reset(&mut self) {
        // SAFETY: self.raw is a live builder.
        unsafe { wxl_builder_reset(self.raw) }
    }

    pub fn string(&mut self, s: &str) -> u32 {
        // SAFETY: the bytes are valid for their length; the C side copies them.
        unsafe { wxl_builder_string(self.raw, s.as_ptr().cast(), s.len()) }
    }

    pub fn bytes(&mut self, b: &[u8]) -> u32 {
        // SAFETY: as for `string`.
        unsafe { wxl_builder_bytes(self.raw, b.as_ptr().cast(), b.len()) }
    }

    /// An array whose elements are given as little-endian wire bytes (`count` * `stride`).
    pub fn raw_array(&mut self, type_id: u16, body_align: u32, stride: u32, bytes: &[u8]) -> u32 {
        let count = if stride == 0 {
            0
        } else {
            bytes.len() / stride as usize
        };
        assert_eq!(
            count * stride as usize,
            bytes.len(),
            "bytes must be whole elements"
        );
        // SAFETY: count * stride bytes are readable.
        unsafe {
            wxl_builder_raw_array(
                self.raw,
                type_id,
                body_align,
                stride,
                bytes.as_ptr().cast(),
                count,
            )
        }
    }

    pub fn refs(&mut self, type_id: u16, refs: &[u32]) -> u32 {
        // SAFETY: the slice is valid for its length.
        unsafe { wxl_builder_refs(self.raw, type_id, refs.as_ptr(), refs.len()) }
    }

    /// Returns the C error code (0 when the struct is open).
    pub fn struct_begin(&mut self, type_id: u16, body_align: u32, size: u32) -> u32 {
        // SAFETY: self.raw is a live builder.
        unsafe { wxl_builder_struct_begin(self.raw, type_id, body_align, size) as u32 }
    }

    pub fn array_begin(&mut self, type_id: u16, body_align: u32, stride: u32, count: u32) -> u32 {
        // SAFETY: self.raw is a live builder.
        unsafe { wxl_builder_array_begin(self.raw, type_id, body_align, stride, count) as u32 }
    }

    pub fn end(&mut self) -> u32 {
        // SAFETY: self.raw is a live builder.
        unsafe { wxl_builder_end(self.raw) }
    }

    setters! {
        set_u8: u8 => wxl_builder_set_u8, set_i8: i8 => wxl_builder_set_i8,
        set_u16: u16 => wxl_builder_set_u16, set_i16: i16 => wxl_builder_set_i16,
        set_u32: u32 => wxl_builder_set_u32, set_i32: i32 => wxl_builder_set_i32,
        set_u64: u64 => wxl_builder_set_u64, set_i64: i64 => wxl_builder_set_i64,
        set_f32: f32 => wxl_builder_set_f32, set_f64: f64 => wxl_builder_set_f64,
        set_bool: bool => wxl_builder_set_bool, set_ref: u32 => wxl_builder_set_ref,
    }

    /// Writes the root and returns the finished buffer, or the first error's code.
    pub fn finish(&mut self, root: u32) -> Result<&[u8], u32> {
        let mut out: *const u8 = core::ptr::null();
        let mut len = 0usize;
        // SAFETY: self.raw is a live builder; out and len are valid out-pointers.
        let rc = unsafe { wxl_builder_finish(self.raw, root, &mut out, &mut len) };
        if rc != 0 {
            return Err(rc as u32);
        }
        // SAFETY: on success `out` points at `len` bytes owned by the builder, which stay
        // untouched until the next &mut self call (the borrow prevents it).
        Ok(unsafe { core::slice::from_raw_parts(out, len) })
    }
}

impl Drop for CBuilder {
    fn drop(&mut self) {
        // SAFETY: self.raw came from wxl_builder_new and is freed exactly once.
        unsafe { wxl_builder_delete(self.raw) }
    }
}
