//! The Rust side: wxl-runtime's `Builder`, readers and verifier, driven by the offsets and
//! tables of the IR (the generic path; generated Rust code prints the same numbers).

use wxl_ir::tables::{Check as IrCheck, HeapCheck, SchemaTables};
use wxl_ir::{AbstractHeap, CompositeType, HeapType, Scalar, Schema, StorageType, Value};
use wxl_runtime::build::{ArrayBuilder, StructBuilder};
use wxl_runtime::read::AnyRef;
use wxl_runtime::schema::{Check, Heap, Kind, Schema as Tables, TypeInfo};
use wxl_runtime::{Builder, Error, ObjectView, Options, Ref, StructView};

use crate::model::{type_by_id, Val};

/// The runtime tables of a schema. They must be `'static` (generated code has them as
/// statics; the C FFI conversion borrows them), so they are leaked: a few per test run.
pub fn tables(ir: &SchemaTables) -> &'static Tables {
    let types: Vec<TypeInfo> = ir
        .types
        .iter()
        .map(|slot| match slot {
            None => TypeInfo::UNUSED,
            Some(t) => TypeInfo {
                kind: if t.is_array {
                    Kind::Array
                } else {
                    Kind::Struct
                },
                body_align: t.body_align,
                size: t.size,
                checks: Box::leak(
                    t.checks
                        .iter()
                        .map(check)
                        .collect::<Vec<_>>()
                        .into_boxed_slice(),
                ),
                ancestors: Box::leak(t.ancestors.clone().into_boxed_slice()),
            },
        })
        .collect();
    Box::leak(Box::new(Tables {
        identifier: ir.identifier,
        root: ir.root,
        types: Box::leak(types.into_boxed_slice()),
    }))
}

fn check(c: &IrCheck) -> Check {
    match c {
        IrCheck::Bool { offset } => Check::Bool { offset: *offset },
        IrCheck::Enum {
            offset,
            width,
            values,
        } => Check::Enum {
            offset: *offset,
            width: *width,
            values: Box::leak(values.clone().into_boxed_slice()),
        },
        IrCheck::Ref {
            offset,
            nullable,
            heap,
        } => Check::Ref {
            offset: *offset,
            nullable: *nullable,
            heap: match heap {
                HeapCheck::Type(t) => Heap::Type(*t),
                HeapCheck::String => Heap::String,
                HeapCheck::Bytes => Heap::Bytes,
                HeapCheck::Struct => Heap::Struct,
                HeapCheck::Array => Heap::Array,
                HeapCheck::Any => Heap::Any,
                HeapCheck::I31 => Heap::I31,
                HeapCheck::None => Heap::None,
            },
        },
    }
}

/// What the generated verify entries check: the layout, the schema's identifier if it has one,
/// and the root type.
pub fn options(schema: &Schema) -> Options {
    Options {
        identifier: schema.identifier,
        root: None,
    }
}

pub fn verify(schema: &Schema, tables: &'static Tables, buf: &[u8]) -> Result<(), Error> {
    wxl_runtime::verify(buf, tables, &options(schema)).map(|_| ())
}

/// Builds the buffer holding `root`: children before parents, fields in declaration order,
/// array elements in index order (the order the C side uses, so the bytes are the same).
pub fn build(schema: &Schema, root: &Val) -> Vec<u8> {
    let mut builder = Builder::new();
    let root = object(schema, &mut builder, root);
    builder
        .finish(
            Ref::<()>::from_offset(root),
            schema.identifier.unwrap_or([0; 4]),
        )
        .to_vec()
}

/// Writes the objects `val` refers to; returns `val` with each reference replaced by the raw
/// u32 the slot stores.
fn resolve(schema: &Schema, b: &mut Builder, storage: StorageType, val: &Val) -> Val {
    match (storage, val) {
        (StorageType::Ref(_), val) => Val::Int(i128::from(object(schema, b, val))),
        (StorageType::Value(index), Val::Value(fields)) => Val::Value(
            schema
                .value_struct(index)
                .fields
                .iter()
                .zip(fields)
                .map(|(f, v)| resolve(schema, b, f.ty.storage, v))
                .collect(),
        ),
        (_, val) => val.clone(),
    }
}

/// Writes an object (and first what it refers to); returns the raw reference to it.
fn object(schema: &Schema, b: &mut Builder, val: &Val) -> u32 {
    match val {
        Val::Null => 0,
        Val::I31(v) => (*v as u32) << 1 | 1,
        Val::Str(text) => b.string(text).offset(),
        Val::Bytes(bytes) => b.bytes(bytes).offset(),
        Val::Struct(index, fields) => {
            let ty = schema.ty(*index);
            let CompositeType::Struct(st) = &ty.composite else {
                unreachable!()
            };
            let resolved: Vec<Val> = st
                .fields
                .iter()
                .zip(fields)
                .map(|(f, v)| resolve(schema, b, f.ty.storage, v))
                .collect();
            let mut sb = b.begin_struct(ty.type_id, ty.layout.body_align, ty.layout.size);
            // What the C `_begin` does: every default that is not zero bytes, then the fields.
            for field in &st.fields {
                write_default(
                    schema,
                    &mut Sink::Struct(&mut sb),
                    field.ty.storage,
                    field.default,
                    field.offset,
                );
            }
            for (field, val) in st.fields.iter().zip(&resolved) {
                write(
                    schema,
                    &mut Sink::Struct(&mut sb),
                    field.ty.storage,
                    field.offset,
                    val,
                );
            }
            sb.end::<()>().offset()
        }
        Val::Array(index, items) => {
            let ty = schema.ty(*index);
            let CompositeType::Array(array) = &ty.composite else {
                unreachable!()
            };
            let resolved: Vec<Val> = items
                .iter()
                .map(|v| resolve(schema, b, array.element.storage, v))
                .collect();
            let mut ab = b.begin_array(
                ty.type_id,
                ty.layout.body_align,
                ty.layout.size,
                resolved.len(),
            );
            for (i, val) in resolved.iter().enumerate() {
                write(
                    schema,
                    &mut Sink::Array(&mut ab, i),
                    array.element.storage,
                    0,
                    val,
                );
            }
            ab.end::<()>().offset()
        }
        other => panic!("not an object: {other:?}"),
    }
}

/// Where `write` puts scalars: a struct body, or one element of an array.
enum Sink<'s, 'b> {
    Struct(&'s mut StructBuilder<'b>),
    Array(&'s mut ArrayBuilder<'b>, usize),
}

impl Sink<'_, '_> {
    fn put<T: wxl_runtime::Scalar>(&mut self, offset: u32, value: T) {
        match self {
            Sink::Struct(sb) => {
                sb.set(offset, value);
            }
            Sink::Array(ab, index) => {
                ab.set(*index, offset, value);
            }
        }
    }
}

fn put_int(sink: &mut Sink, scalar: Scalar, offset: u32, v: i128) {
    match scalar {
        Scalar::I8 => sink.put(offset, v as i8),
        Scalar::U8 => sink.put(offset, v as u8),
        Scalar::I16 => sink.put(offset, v as i16),
        Scalar::U16 => sink.put(offset, v as u16),
        Scalar::I32 => sink.put(offset, v as i32),
        Scalar::U32 => sink.put(offset, v as u32),
        Scalar::I64 => sink.put(offset, v as i64),
        Scalar::U64 => sink.put(offset, v as u64),
        other => panic!("{other:?} is not an integer scalar"),
    }
}

fn write(schema: &Schema, sink: &mut Sink, storage: StorageType, offset: u32, val: &Val) {
    match (storage, val) {
        (StorageType::Scalar(Scalar::Bool), Val::Bool(b)) => sink.put(offset, *b),
        (StorageType::Scalar(Scalar::F32), Val::F32(bits)) => sink.put(offset, *bits),
        (StorageType::Scalar(Scalar::F64), Val::F64(bits)) => sink.put(offset, *bits),
        (StorageType::Scalar(Scalar::V128), Val::V128(bytes)) => sink.put(offset, *bytes),
        (StorageType::Scalar(scalar), Val::Int(v)) => put_int(sink, scalar, offset, *v),
        (StorageType::Enum(index), Val::Int(v)) => {
            put_int(sink, schema.enum_type(index).repr, offset, *v)
        }
        (StorageType::Ref(_), Val::Int(raw)) => sink.put(offset, *raw as u32),
        (StorageType::Value(index), Val::Value(fields)) => {
            for (field, val) in schema.value_struct(index).fields.iter().zip(fields) {
                write(schema, sink, field.ty.storage, offset + field.offset, val);
            }
        }
        (storage, val) => panic!("cannot write {val:?} as {storage:?}"),
    }
}

/// A field's default (`= value`, or the enum's zero value), written when not zero bytes.
fn write_default(
    schema: &Schema,
    sink: &mut Sink,
    storage: StorageType,
    default: Option<Value>,
    offset: u32,
) {
    match storage {
        StorageType::Value(index) => {
            for field in &schema.value_struct(index).fields {
                write_default(
                    schema,
                    sink,
                    field.ty.storage,
                    field.default,
                    offset + field.offset,
                );
            }
        }
        StorageType::Scalar(_) | StorageType::Enum(_) => {
            let val = default_val(schema, storage, default);
            let zero = match val {
                Val::Bool(b) => !b,
                Val::Int(i) => i == 0,
                Val::F32(bits) => bits == 0,
                Val::F64(bits) => bits == 0,
                _ => true,
            };
            if !zero {
                write(schema, sink, storage, offset, &val);
            }
        }
        StorageType::Ref(_) => {}
    }
}

/// What a reader returns for an absent scalar or enum field.
fn default_val(schema: &Schema, storage: StorageType, default: Option<Value>) -> Val {
    match storage {
        StorageType::Scalar(Scalar::Bool) => Val::Bool(default == Some(Value::Bool(true))),
        StorageType::Scalar(Scalar::F32) => Val::F32(match default {
            Some(Value::Float(f)) => (f as f32).to_bits(),
            _ => 0,
        }),
        StorageType::Scalar(Scalar::F64) => Val::F64(match default {
            Some(Value::Float(f)) => f.to_bits(),
            _ => 0,
        }),
        StorageType::Scalar(Scalar::V128) => Val::V128([0; 16]),
        StorageType::Scalar(_) => Val::Int(match default {
            Some(Value::Int(i)) => i,
            _ => 0,
        }),
        StorageType::Enum(index) => {
            let enum_type = schema.enum_type(index);
            Val::Int(match default {
                Some(Value::Variant(v)) => enum_type.variants[v as usize].value,
                _ => enum_type.zero_value(),
            })
        }
        other => panic!("no default for {other:?}"),
    }
}

/// Reads the whole buffer with the runtime's readers after verifying it.
pub fn read(schema: &Schema, tables: &'static Tables, buf: &[u8]) -> Result<Val, Error> {
    let verified = wxl_runtime::verify(buf, tables, &options(schema))?;
    Ok(read_object(schema, verified.root()))
}

fn read_object(schema: &Schema, object: ObjectView) -> Val {
    match object.type_id() {
        wxl_runtime::schema::TYPE_ID_STRING => {
            Val::Str(object.as_str().expect("a string").to_string())
        }
        wxl_runtime::schema::TYPE_ID_BYTES => {
            Val::Bytes(object.as_bytes().expect("bytes").to_vec())
        }
        id => {
            let index = type_by_id(schema, id).expect("a verified buffer holds only schema types");
            match &schema.ty(index).composite {
                CompositeType::Struct(st) => {
                    let sv = object.as_struct().expect("a struct");
                    Val::Struct(
                        index,
                        st.fields
                            .iter()
                            .map(|f| read_stored(schema, &sv, f.ty.storage, f.offset, f.default))
                            .collect(),
                    )
                }
                CompositeType::Array(array) => {
                    let av = object.as_array().expect("an array");
                    let items = (0..av.len())
                        .map(|i| match array.element.storage {
                            StorageType::Ref(reference) => {
                                read_ref(schema, reference.heap, av.get_ref(i), av.get_any(i))
                            }
                            // An element is a one-element struct view: scalars and value
                            // structs go through the same getters as struct fields.
                            storage => read_stored(
                                schema,
                                &av.element(i).expect("index below the length"),
                                storage,
                                0,
                                None,
                            ),
                        })
                        .collect();
                    Val::Array(index, items)
                }
            }
        }
    }
}

fn read_stored(
    schema: &Schema,
    sv: &StructView,
    storage: StorageType,
    offset: u32,
    default: Option<Value>,
) -> Val {
    let get_int = |scalar: Scalar, d: i128| -> i128 {
        match scalar {
            Scalar::I8 => sv.get_i8(offset, d as i8).into(),
            Scalar::U8 => sv.get_u8(offset, d as u8).into(),
            Scalar::I16 => sv.get_i16(offset, d as i16).into(),
            Scalar::U16 => sv.get_u16(offset, d as u16).into(),
            Scalar::I32 => sv.get_i32(offset, d as i32).into(),
            Scalar::U32 => sv.get_u32(offset, d as u32).into(),
            Scalar::I64 => sv.get_i64(offset, d as i64).into(),
            Scalar::U64 => sv.get_u64(offset, d as u64).into(),
            other => panic!("{other:?} is not an integer scalar"),
        }
    };
    let fallback = || default_val(schema, storage, default);
    match storage {
        StorageType::Scalar(Scalar::Bool) => {
            let Val::Bool(d) = fallback() else {
                unreachable!()
            };
            Val::Bool(sv.get_bool(offset, d))
        }
        StorageType::Scalar(Scalar::F32) => {
            let Val::F32(d) = fallback() else {
                unreachable!()
            };
            Val::F32(sv.get_u32(offset, d))
        }
        StorageType::Scalar(Scalar::F64) => {
            let Val::F64(d) = fallback() else {
                unreachable!()
            };
            Val::F64(sv.get_u64(offset, d))
        }
        StorageType::Scalar(Scalar::V128) => Val::V128(sv.get_v128(offset, [0; 16])),
        StorageType::Scalar(scalar) => {
            let Val::Int(d) = fallback() else {
                unreachable!()
            };
            Val::Int(get_int(scalar, d))
        }
        StorageType::Enum(index) => {
            let Val::Int(d) = fallback() else {
                unreachable!()
            };
            Val::Int(get_int(schema.enum_type(index).repr, d))
        }
        StorageType::Value(index) => {
            let inner = sv.get_value(offset);
            Val::Value(
                schema
                    .value_struct(index)
                    .fields
                    .iter()
                    .map(|f| read_stored(schema, &inner, f.ty.storage, f.offset, f.default))
                    .collect(),
            )
        }
        StorageType::Ref(reference) => read_ref(
            schema,
            reference.heap,
            sv.get_ref(offset),
            sv.get_any(offset),
        ),
    }
}

/// A reference slot, read the way its heap type says: through `get_any` when it may hold an
/// i31, else through `get_ref`.
fn read_ref(schema: &Schema, heap: HeapType, object: Option<ObjectView>, any: AnyRef) -> Val {
    let may_hold_i31 = matches!(
        heap,
        HeapType::Abstract(AbstractHeap::Any | AbstractHeap::Eq | AbstractHeap::I31)
    );
    if may_hold_i31 {
        match any {
            AnyRef::Null => Val::Null,
            AnyRef::I31(_) => Val::I31(any.i31_signed().expect("an i31")),
            AnyRef::Object(object) => read_object(schema, object),
        }
    } else {
        object.map_or(Val::Null, |o| read_object(schema, o))
    }
}
