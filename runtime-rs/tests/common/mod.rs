//! Hand-written schema tables (what the compiler would emit) and builders for them.
#![allow(dead_code)]

pub mod naive;
pub mod random;

use wxl_runtime::schema::{Check, Heap, Kind, Schema, TypeInfo};
use wxl_runtime::{Builder, Ref, StructView};

const fn structure(body_align: u32, size: u32, checks: &'static [Check], ancestors: &'static [u16]) -> TypeInfo {
    TypeInfo { kind: Kind::Struct, body_align, size, checks, ancestors }
}

const fn array(body_align: u32, stride: u32, checks: &'static [Check], ancestors: &'static [u16]) -> TypeInfo {
    TypeInfo { kind: Kind::Array, body_align, size: stride, checks, ancestors }
}

const fn string_ref(offset: u32) -> Check {
    Check::Ref { offset, nullable: false, heap: Heap::String }
}

// ---- log: `value struct Address { x0..x3: u8 }`, `struct Log`, `[Log]`, `struct Logs` ----

pub const LOG: u16 = 16;
pub const LOG_ARRAY: u16 = 17;
pub const LOGS: u16 = 18;
pub const LOG_SIZE: u32 = 32;

pub static LOG_SCHEMA: Schema = Schema {
    identifier: *b"LOGS",
    root: Some(LOGS),
    types: &[
        // Log { address: Address @0, identity @4, userid @8, date @12, request @16: string,
        //       code: u16 @20, size: u64 @24 }
        structure(8, LOG_SIZE, &[string_ref(4), string_ref(8), string_ref(12), string_ref(16)], &[LOG]),
        array(4, 4, &[Check::Ref { offset: 0, nullable: false, heap: Heap::Type(LOG) }], &[LOG_ARRAY]),
        structure(4, 4, &[Check::Ref { offset: 0, nullable: false, heap: Heap::Type(LOG_ARRAY) }], &[LOGS]),
    ],
};

#[derive(Clone, Debug, PartialEq)]
pub struct LogRecord {
    pub address: [u8; 4],
    pub identity: String,
    pub userid: String,
    pub date: String,
    pub request: String,
    pub code: u16,
    pub size: u64,
}

/// What generated code for `Log` would look like.
#[derive(Clone, Copy, Default)]
pub struct Log<'a>(pub StructView<'a>);

impl<'a> Log<'a> {
    pub fn address(&self) -> [u8; 4] {
        let a = self.0.get_value(0);
        [a.get_u8(0, 0), a.get_u8(1, 0), a.get_u8(2, 0), a.get_u8(3, 0)]
    }
    pub fn identity(&self) -> &'a str {
        self.0.get_str(4).unwrap_or_default()
    }
    pub fn userid(&self) -> &'a str {
        self.0.get_str(8).unwrap_or_default()
    }
    pub fn date(&self) -> &'a str {
        self.0.get_str(12).unwrap_or_default()
    }
    pub fn request(&self) -> &'a str {
        self.0.get_str(16).unwrap_or_default()
    }
    pub fn code(&self) -> u16 {
        self.0.get_u16(20, 0)
    }
    pub fn size(&self) -> u64 {
        self.0.get_u64(24, 0)
    }
    pub fn record(&self) -> LogRecord {
        LogRecord {
            address: self.address(),
            identity: self.identity().into(),
            userid: self.userid().into(),
            date: self.date().into(),
            request: self.request().into(),
            code: self.code(),
            size: self.size(),
        }
    }
}

impl<'a> wxl_runtime::FromObject<'a> for Log<'a> {
    fn from_object(object: wxl_runtime::ObjectView<'a>) -> Option<Self> {
        object.cast(LOG).map(Log)
    }
}

pub fn build_log(b: &mut Builder, r: &LogRecord) -> Ref<Log<'static>> {
    let identity = b.string(&r.identity);
    let userid = b.string(&r.userid);
    let date = b.string(&r.date);
    let request = b.string(&r.request);
    let mut s = b.begin_struct(LOG, 8, LOG_SIZE);
    s.set_bytes(0, &r.address)
        .set_ref(4, identity)
        .set_ref(8, userid)
        .set_ref(12, date)
        .set_ref(16, request)
        .set_u16(20, r.code)
        .set_u64(24, r.size);
    s.end()
}

pub fn build_logs(b: &mut Builder, records: &[LogRecord]) -> Vec<u8> {
    let mut refs = Vec::new();
    build_logs_into(b, &mut refs, records).to_vec()
}

/// Build into `b`, reusing `refs` for the element references: no allocation once warm.
pub fn build_logs_into<'b>(b: &'b mut Builder, refs: &mut Vec<Ref<Log<'static>>>, records: &[LogRecord]) -> &'b [u8] {
    b.clear();
    refs.clear();
    refs.extend(records.iter().map(|r| build_log(b, r)));
    let array: Ref = b.ref_array(LOG_ARRAY, refs);
    let mut root = b.begin_struct(LOGS, 4, 4);
    root.set_ref(0, array);
    let root: Ref = root.end();
    b.finish(root, *b"LOGS")
}

/// A deterministic log data set like the rust_serialization_benchmark one.
pub fn log_records(n: usize) -> Vec<LogRecord> {
    const USERS: [&str; 9] = ["-", "alice", "bob", "carmen", "david", "eric", "frank", "george", "harry"];
    const PATHS: [&str; 4] = ["/css/index.css", "/js/app.min.js", "/img/logo-big.png", "/api/v1/items?page=3"];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    (0..n)
        .map(|_| {
            let r = next();
            LogRecord {
                address: (r as u32).to_le_bytes(),
                identity: "-".into(),
                userid: USERS[(r >> 32) as usize % USERS.len()].into(),
                date: format!("{}/Mar/1998:{}:{}:{} +0300", r % 28 + 1, (r >> 8) % 24, (r >> 16) % 60, (r >> 24) % 60),
                request: format!("GET {} HTTP/1.1", PATHS[(r >> 40) as usize % PATHS.len()]),
                code: [200, 304, 404, 500][(r >> 48) as usize % 4],
                size: (r >> 20) % 100_000,
            }
        })
        .collect()
}

// ---- mesh: `value struct Vector3`, `value struct Triangle`, `[Triangle]`, `struct Mesh` ----

pub const TRIANGLES: u16 = 16;
pub const MESH: u16 = 17;

pub static MESH_SCHEMA: Schema = Schema {
    identifier: *b"MESH",
    root: Some(MESH),
    types: &[
        array(4, 48, &[], &[TRIANGLES]),
        structure(4, 4, &[Check::Ref { offset: 0, nullable: false, heap: Heap::Type(TRIANGLES) }], &[MESH]),
    ],
};

/// A triangle as 12 floats: v0, v1, v2, normal.
pub type Triangle = [f32; 12];

pub fn triangles(n: usize) -> Vec<Triangle> {
    (0..n).map(|i| core::array::from_fn(|k| (i * 12 + k) as f32 * 0.5)).collect()
}

pub fn build_mesh(b: &mut Builder, tris: &[Triangle]) -> Vec<u8> {
    b.clear();
    // A value-struct array whose elements are plain f32s: one copy of the floats.
    let flat: &[f32] = tris.as_flattened();
    let bytes: Vec<u8> = flat.iter().flat_map(|f| f.to_le_bytes()).collect();
    let array: Ref = b.value_array_bytes(TRIANGLES, 4, 48, &bytes);
    let mut root = b.begin_struct(MESH, 4, 4);
    root.set_ref(0, array);
    let root: Ref = root.end();
    b.finish(root, *b"MESH").to_vec()
}

// ---- zoo: subtyping, enums, bools, nullable refs, i31/any, bytes, v128, arrays ----

pub const SHAPE: u16 = 16;
pub const CIRCLE: u16 = 17;
pub const RECT: u16 = 18;
pub const SHAPES: u16 = 19;
pub const BOOLS: u16 = 20;
pub const LEVELS: u16 = 21;
pub const F64S: u16 = 22;
pub const ANYS: u16 = 23;
pub const ZOO: u16 = 24;
pub const V128S: u16 = 25;
pub const ZOO_SIZE: u32 = 69;

/// `enum Color: u8 { Red, Green, Blue }` (closed).
pub const COLORS: &[u64] = &[0, 1, 2];
/// `enum Level: u16 { Low = 1, Mid = 2, High = 3 }` (closed).
pub const LEVEL_VALUES: &[u64] = &[1, 2, 3];

const SHAPE_CHECKS: &[Check] = &[
    Check::Enum { offset: 0, width: 1, values: COLORS },
    Check::Bool { offset: 1 },
    Check::Ref { offset: 4, nullable: true, heap: Heap::String },
];

pub static ZOO_SCHEMA: Schema = Schema {
    identifier: [0; 4],
    root: Some(ZOO),
    types: &[
        // Shape { color: Color @0, visible: bool @1, name: ref null string @4 }
        structure(4, 8, SHAPE_CHECKS, &[SHAPE]),
        // Circle <: Shape { .., radius: f64 @8 }
        structure(8, 16, SHAPE_CHECKS, &[SHAPE, CIRCLE]),
        // Rect <: Shape { .., w: f32 @8, h: f32 @12 }
        structure(4, 16, SHAPE_CHECKS, &[SHAPE, RECT]),
        array(4, 4, &[Check::Ref { offset: 0, nullable: false, heap: Heap::Type(SHAPE) }], &[SHAPES]),
        array(4, 1, &[Check::Bool { offset: 0 }], &[BOOLS]),
        array(4, 2, &[Check::Enum { offset: 0, width: 2, values: LEVEL_VALUES }], &[LEVELS]),
        array(8, 8, &[], &[F64S]),
        array(4, 4, &[Check::Ref { offset: 0, nullable: true, heap: Heap::Any }], &[ANYS]),
        // Zoo, see ZooOffsets.
        structure(
            16,
            ZOO_SIZE,
            &[
                Check::Ref { offset: 0, nullable: false, heap: Heap::Type(SHAPES) },
                Check::Ref { offset: 4, nullable: true, heap: Heap::Type(SHAPE) },
                Check::Ref { offset: 8, nullable: true, heap: Heap::Any },
                Check::Ref { offset: 12, nullable: true, heap: Heap::I31 },
                Check::Ref { offset: 16, nullable: true, heap: Heap::Bytes },
                Check::Ref { offset: 20, nullable: false, heap: Heap::Type(BOOLS) },
                Check::Ref { offset: 24, nullable: true, heap: Heap::Type(LEVELS) },
                Check::Ref { offset: 48, nullable: true, heap: Heap::Type(F64S) },
                Check::Ref { offset: 52, nullable: true, heap: Heap::Struct },
                Check::Ref { offset: 56, nullable: true, heap: Heap::Array },
                Check::Ref { offset: 60, nullable: true, heap: Heap::None },
                Check::Ref { offset: 64, nullable: true, heap: Heap::Type(ANYS) },
                Check::Enum { offset: 68, width: 1, values: COLORS },
            ],
            &[ZOO],
        ),
        array(16, 16, &[], &[V128S]),
    ],
};

/// Field offsets of Zoo: shapes @0, main @4, any @8, small (i31) @12, data (bytes) @16,
/// flags ([bool]) @20, levels @24, id (v128) @32, weights ([f64]) @48, some_struct @52,
/// some_array @56, nothing (ref null none) @60, anys @64, color: Color @68 (declared size 69,
/// the end of the last field).
pub mod zoo {
    pub const SHAPES: u32 = 0;
    pub const MAIN: u32 = 4;
    pub const ANY: u32 = 8;
    pub const SMALL: u32 = 12;
    pub const DATA: u32 = 16;
    pub const FLAGS: u32 = 20;
    pub const LEVELS: u32 = 24;
    pub const ID: u32 = 32;
    pub const WEIGHTS: u32 = 48;
    pub const SOME_STRUCT: u32 = 52;
    pub const SOME_ARRAY: u32 = 56;
    pub const NOTHING: u32 = 60;
    pub const ANYS: u32 = 64;
    pub const COLOR: u32 = 68;
}

pub fn shape(b: &mut Builder, kind: u16, color: u8, visible: bool, name: Option<&str>) -> Ref {
    let name = name.map(|n| b.string(n));
    let (align, size) = match kind {
        CIRCLE => (8, 16),
        RECT => (4, 16),
        _ => (4, 8),
    };
    let mut s = b.begin_struct(kind, align, size);
    s.set_u8(0, color).set_bool(1, visible).set_ref_opt(4, name);
    match kind {
        CIRCLE => {
            s.set_f64(8, 2.5);
        }
        RECT => {
            s.set_f32(8, 3.0).set_f32(12, 4.0);
        }
        _ => {}
    }
    s.end()
}

/// A zoo with every kind of field filled.
pub fn build_zoo(b: &mut Builder) -> Vec<u8> {
    b.clear();
    let plain = shape(b, SHAPE, 0, false, None);
    let circle = shape(b, CIRCLE, 1, true, Some("circle"));
    let rect = shape(b, RECT, 2, true, Some("rect"));
    let shapes: Ref = b.ref_array(SHAPES, &[plain, circle, rect, circle]);
    let data = b.bytes(&[1, 2, 3, 4, 5]);
    let flags: Ref = b.scalar_array(BOOLS, &[true, false, true]);
    let levels: Ref = b.scalar_array(LEVELS, &[1u16, 3, 2]);
    let weights: Ref = b.scalar_array(F64S, &[1.5f64, -2.0, 1e300]);
    let text = b.string("any text");
    let anys: Ref = {
        let mut a = b.begin_array(ANYS, 4, 4, 3);
        a.set_ref(0, 0, text);
        a.set(2, 0, (-5i32 as u32) << 1 | 1);
        a.end()
    };
    let mut z = b.begin_struct(ZOO, 16, ZOO_SIZE);
    z.set_ref(zoo::SHAPES, shapes)
        .set_ref(zoo::MAIN, circle)
        .set_ref(zoo::ANY, rect)
        .set_i31(zoo::SMALL, -42)
        .set_ref(zoo::DATA, data)
        .set_ref(zoo::FLAGS, flags)
        .set_ref(zoo::LEVELS, levels)
        .set_v128(zoo::ID, *b"0123456789abcdef")
        .set_ref(zoo::WEIGHTS, weights)
        .set_ref(zoo::SOME_STRUCT, rect)
        .set_ref(zoo::SOME_ARRAY, data)
        .set_ref(zoo::ANYS, anys)
        .set_u8(zoo::COLOR, 2);
    let root: Ref = z.end();
    b.finish(root, [0; 4]).to_vec()
}
