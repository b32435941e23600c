//! Random schemas (laid out by the C-like rule of LAYOUT.md section 4.2), random values for
//! them, a builder and a checking reader, all driven by one seed.

use wxl_runtime::schema::{Check, Heap, Kind, Schema, TypeInfo};
use wxl_runtime::{Builder, Ref, StructView};

/// splitmix64.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Sc {
    U8,
    I8,
    U16,
    I16,
    U32,
    I32,
    U64,
    I64,
    F32,
    F64,
    V128,
}

pub const SCALARS: [Sc; 11] = [Sc::U8, Sc::I8, Sc::U16, Sc::I16, Sc::U32, Sc::I32, Sc::U64, Sc::I64, Sc::F32, Sc::F64, Sc::V128];

impl Sc {
    pub fn size(self) -> u32 {
        match self {
            Sc::U8 | Sc::I8 => 1,
            Sc::U16 | Sc::I16 => 2,
            Sc::U32 | Sc::I32 | Sc::F32 => 4,
            Sc::U64 | Sc::I64 | Sc::F64 => 8,
            Sc::V128 => 16,
        }
    }
    fn index(self) -> usize {
        SCALARS.iter().position(|&s| s == self).unwrap()
    }
    fn mask(self) -> u128 {
        if self.size() == 16 { !0 } else { (1u128 << (8 * self.size())) - 1 }
    }
}

#[derive(Clone, Debug)]
pub enum Field {
    Scalar(Sc),
    Bool,
    Enum { width: u8, values: Vec<u64> },
    Str { nullable: bool },
    Bytes { nullable: bool },
    Ref { target: usize, nullable: bool },
    Array(Sc),
    I31,
    Value(Vec<Sc>),
}

impl Field {
    /// (size, alignment).
    fn layout(&self) -> (u32, u32) {
        match self {
            Field::Scalar(s) => (s.size(), s.size()),
            Field::Bool => (1, 1),
            Field::Enum { width, .. } => (u32::from(*width), u32::from(*width)),
            Field::Str { .. } | Field::Bytes { .. } | Field::Ref { .. } | Field::Array(_) | Field::I31 => (4, 4),
            Field::Value(inner) => {
                let (_, end, align) = c_layout(inner.iter().map(|s| (s.size(), s.size())));
                (end.next_multiple_of(align), align)
            }
        }
    }
}

/// Offsets by the C-like rule, the end of the last field, the largest alignment.
fn c_layout(fields: impl Iterator<Item = (u32, u32)>) -> (Vec<u32>, u32, u32) {
    let (mut offsets, mut end, mut align) = (Vec::new(), 0u32, 1u32);
    for (size, a) in fields {
        let at = end.next_multiple_of(a);
        offsets.push(at);
        end = at + size;
        align = align.max(a);
    }
    (offsets, end, align)
}

#[derive(Debug)]
pub struct StructDef {
    pub fields: Vec<Field>,
    pub offsets: Vec<u32>,
    pub size: u32,
    pub align: u32,
}

#[derive(Debug)]
pub struct Model {
    pub structs: Vec<StructDef>,
    pub schema: &'static Schema,
}

pub fn array_id(model: &Model, sc: Sc) -> u16 {
    16 + model.structs.len() as u16 + sc.index() as u16
}

fn random_field(rng: &mut Rng, index: usize) -> Field {
    let sc = SCALARS[rng.below(11) as usize];
    match rng.below(10) {
        0 | 1 => Field::Scalar(sc),
        2 => Field::Bool,
        3 => {
            let width = [1u8, 2, 4][rng.below(3) as usize];
            let mut values: Vec<u64> = (0..1 + rng.below(4)).map(|_| rng.below(6)).collect();
            values.sort();
            values.dedup();
            Field::Enum { width, values }
        }
        4 => Field::Str { nullable: rng.chance(50) },
        5 => Field::Bytes { nullable: rng.chance(50) },
        6 if index > 0 => Field::Ref { target: rng.below(index as u64) as usize, nullable: rng.chance(50) },
        7 => Field::Array(sc),
        8 => Field::I31,
        _ => Field::Value((0..1 + rng.below(3)).map(|_| SCALARS[rng.below(10) as usize]).collect()),
    }
}

fn struct_info(def: &StructDef, id: u16, model_len: usize) -> TypeInfo {
    let mut checks = Vec::new();
    for (field, &offset) in def.fields.iter().zip(&def.offsets) {
        let check = match field {
            Field::Bool => Check::Bool { offset },
            Field::Enum { width, values } => {
                Check::Enum { offset, width: *width, values: Box::leak(values.clone().into_boxed_slice()) }
            }
            Field::Str { nullable } => Check::Ref { offset, nullable: *nullable, heap: Heap::String },
            Field::Bytes { nullable } => Check::Ref { offset, nullable: *nullable, heap: Heap::Bytes },
            Field::Ref { target, nullable } => Check::Ref { offset, nullable: *nullable, heap: Heap::Type(16 + *target as u16) },
            Field::Array(sc) => {
                Check::Ref { offset, nullable: true, heap: Heap::Type(16 + model_len as u16 + sc.index() as u16) }
            }
            Field::I31 => Check::Ref { offset, nullable: true, heap: Heap::I31 },
            Field::Scalar(_) | Field::Value(_) => continue,
        };
        checks.push(check);
    }
    TypeInfo {
        kind: Kind::Struct,
        body_align: def.align.max(4),
        size: def.size,
        checks: Box::leak(checks.into_boxed_slice()),
        ancestors: Box::leak(vec![id].into_boxed_slice()),
    }
}

/// A random schema of 1..=4 struct types (the last is the root) and one array type per scalar.
pub fn random_model(rng: &mut Rng) -> Model {
    let n = 1 + rng.below(4) as usize;
    let mut structs = Vec::new();
    for index in 0..n {
        let fields: Vec<Field> = (0..rng.below(7)).map(|_| random_field(rng, index)).collect();
        let (offsets, size, align) = c_layout(fields.iter().map(Field::layout));
        structs.push(StructDef { fields, offsets, size, align });
    }
    let mut types: Vec<TypeInfo> =
        structs.iter().enumerate().map(|(i, def)| struct_info(def, 16 + i as u16, n)).collect();
    for sc in SCALARS {
        let id = 16 + n as u16 + sc.index() as u16;
        types.push(TypeInfo {
            kind: Kind::Array,
            body_align: sc.size().max(4),
            size: sc.size(),
            checks: &[],
            ancestors: Box::leak(vec![id].into_boxed_slice()),
        });
    }
    let schema = Box::leak(Box::new(Schema {
        identifier: *b"RAND",
        root: Some(16 + n as u16 - 1),
        types: Box::leak(types.into_boxed_slice()),
    }));
    Model { structs, schema }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Bits(u128),
    Bool(bool),
    Enum(u64),
    Str(Option<String>),
    Bytes(Option<Vec<u8>>),
    Obj(Option<Box<Obj>>),
    Array(Option<Vec<u128>>),
    I31(Option<i32>),
    Value(Vec<u128>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Obj {
    pub ty: usize,
    pub vals: Vec<Val>,
}

fn random_text(rng: &mut Rng) -> String {
    const PIECES: [&str; 6] = ["a", "Zz", " ", "é", "日本", "🦀"];
    (0..rng.below(12)).map(|_| PIECES[rng.below(6) as usize]).collect()
}

pub fn random_obj(rng: &mut Rng, model: &Model, ty: usize) -> Obj {
    let vals = model.structs[ty]
        .fields
        .iter()
        .map(|field| match field {
            Field::Scalar(sc) => Val::Bits(u128::from(rng.next()) << 64 | u128::from(rng.next()) & sc.mask()),
            Field::Bool => Val::Bool(rng.chance(50)),
            Field::Enum { values, .. } => Val::Enum(values[rng.below(values.len() as u64) as usize]),
            Field::Str { nullable } => Val::Str((!nullable || rng.chance(70)).then(|| random_text(rng))),
            Field::Bytes { nullable } => {
                Val::Bytes((!nullable || rng.chance(70)).then(|| (0..rng.below(9)).map(|_| rng.next() as u8).collect()))
            }
            Field::Ref { target, nullable } => {
                Val::Obj((!nullable || rng.chance(60)).then(|| Box::new(random_obj(rng, model, *target))))
            }
            Field::Array(sc) => Val::Array(
                rng.chance(80).then(|| (0..rng.below(6)).map(|_| (u128::from(rng.next()) << 64 | u128::from(rng.next())) & sc.mask()).collect()),
            ),
            Field::I31 => Val::I31(rng.chance(70).then(|| ((rng.next() as i32) << 1) >> 1)),
            Field::Value(inner) => Val::Value(inner.iter().map(|sc| u128::from(rng.next()) & sc.mask()).collect()),
        })
        .collect();
    let mut obj = Obj { ty, vals };
    // Scalars: keep only the bytes of their size.
    for (field, val) in model.structs[ty].fields.iter().zip(obj.vals.iter_mut()) {
        if let (Field::Scalar(sc), Val::Bits(b)) = (field, val) {
            *b &= sc.mask();
        }
    }
    obj
}

/// Write `obj` (children first); its reference.
pub fn build_obj(b: &mut Builder, model: &Model, obj: &Obj) -> Ref {
    let def = &model.structs[obj.ty];
    let mut refs = Vec::new();
    for (field, val) in def.fields.iter().zip(&obj.vals) {
        let r: Option<Ref> = match (field, val) {
            (_, Val::Str(Some(s))) => Some(b.string(s).cast()),
            (_, Val::Bytes(Some(d))) => Some(b.bytes(d).cast()),
            (_, Val::Obj(Some(child))) => Some(build_obj(b, model, child)),
            (Field::Array(sc), Val::Array(Some(items))) => Some(scalar_array(b, array_id(model, *sc), *sc, items)),
            _ => None,
        };
        refs.push(r);
    }
    let mut s = b.begin_struct(16 + obj.ty as u16, def.align.max(4), def.size);
    for ((field, val), (&offset, r)) in def.fields.iter().zip(&obj.vals).zip(def.offsets.iter().zip(refs)) {
        match (field, val) {
            (Field::Scalar(sc), Val::Bits(bits)) => {
                s.set_bytes(offset, &bits.to_le_bytes()[..sc.size() as usize]);
            }
            (_, Val::Bool(v)) => {
                s.set_bool(offset, *v);
            }
            (Field::Enum { width, .. }, Val::Enum(v)) => {
                s.set_bytes(offset, &v.to_le_bytes()[..usize::from(*width)]);
            }
            (_, Val::I31(Some(v))) => {
                s.set_i31(offset, *v);
            }
            (Field::Value(inner), Val::Value(bits)) => {
                let (offsets, _, _) = c_layout(inner.iter().map(|s| (s.size(), s.size())));
                for ((sc, at), v) in inner.iter().zip(offsets).zip(bits) {
                    s.set_bytes(offset + at, &v.to_le_bytes()[..sc.size() as usize]);
                }
            }
            _ => {
                s.set_ref_opt(offset, r);
            }
        }
    }
    s.end()
}

fn scalar_array(b: &mut Builder, id: u16, sc: Sc, items: &[u128]) -> Ref {
    macro_rules! typed {
        ($t:ty) => {
            b.scalar_array(id, &items.iter().map(|&v| <$t>::from_le_bytes(v.to_le_bytes()[..sc.size() as usize].try_into().unwrap())).collect::<Vec<$t>>())
        };
    }
    match sc {
        Sc::U8 => typed!(u8),
        Sc::I8 => typed!(i8),
        Sc::U16 => typed!(u16),
        Sc::I16 => typed!(i16),
        Sc::U32 => typed!(u32),
        Sc::I32 => typed!(i32),
        Sc::U64 => typed!(u64),
        Sc::I64 => typed!(i64),
        Sc::F32 => typed!(f32),
        Sc::F64 => typed!(f64),
        Sc::V128 => b.scalar_array(id, items),
    }
}

/// A scalar of `sc` at `offset`, as little-endian bits.
fn read_scalar(view: &StructView<'_>, offset: u32, sc: Sc) -> u128 {
    match sc {
        Sc::U8 => u128::from(view.get_u8(offset, 0)),
        Sc::I8 => u128::from(view.get_i8(offset, 0) as u8),
        Sc::U16 => u128::from(view.get_u16(offset, 0)),
        Sc::I16 => u128::from(view.get_i16(offset, 0) as u16),
        Sc::U32 => u128::from(view.get_u32(offset, 0)),
        Sc::I32 => u128::from(view.get_i32(offset, 0) as u32),
        Sc::U64 => u128::from(view.get_u64(offset, 0)),
        Sc::I64 => u128::from(view.get_i64(offset, 0) as u64),
        Sc::F32 => u128::from(view.get_f32(offset, 0.0).to_bits()),
        Sc::F64 => u128::from(view.get_f64(offset, 0.0).to_bits()),
        Sc::V128 => view.get_u128(offset, 0),
    }
}

/// Read `view` back as an `Obj` of type `ty`, through the public accessors only.
pub fn read_obj(model: &Model, view: StructView<'_>, ty: usize) -> Obj {
    let def = &model.structs[ty];
    let vals = def
        .fields
        .iter()
        .zip(&def.offsets)
        .map(|(field, &offset)| match field {
            Field::Scalar(sc) => Val::Bits(read_scalar(&view, offset, *sc)),
            Field::Bool => Val::Bool(view.get_bool(offset, false)),
            Field::Enum { width, .. } => Val::Enum(match width {
                1 => u64::from(view.get_u8(offset, 0)),
                2 => u64::from(view.get_u16(offset, 0)),
                _ => u64::from(view.get_u32(offset, 0)),
            }),
            Field::Str { .. } => Val::Str(view.get_str(offset).map(String::from)),
            Field::Bytes { .. } => Val::Bytes(view.get_bytes(offset).map(<[u8]>::to_vec)),
            Field::Ref { target, .. } => {
                Val::Obj(view.get_struct(offset).map(|child| Box::new(read_obj(model, child, *target))))
            }
            Field::Array(sc) => Val::Array(view.get_array(offset).map(|array| {
                (0..array.len())
                    .map(|i| read_scalar(&array.element(i).unwrap(), 0, *sc))
                    .collect()
            })),
            Field::I31 => Val::I31(view.get_i31_signed(offset)),
            Field::Value(inner) => {
                let (offsets, _, _) = c_layout(inner.iter().map(|s| (s.size(), s.size())));
                let value = view.get_value(offset);
                Val::Value(inner.iter().zip(offsets).map(|(sc, at)| read_scalar(&value, at, *sc)).collect())
            }
        })
        .collect();
    Obj { ty, vals }
}
