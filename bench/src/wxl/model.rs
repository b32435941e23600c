//! The wxl schemas as the compiler sees them: `schemas/logs.wxl` and `mesh.wxl` checked by
//! `wxl_check`, their verifier tables (`wxl_ir::tables`) turned into the runtime's `Schema`,
//! and every field offset the readers and builders use, taken from the IR's layout. Nothing
//! here is typed in by hand, so the bench follows the schemas and the compiler.

use std::path::Path;
use std::sync::OnceLock;
use wxl_ir::tables::{self, HeapCheck};
use wxl_ir::{CompositeType, HeapType, StorageType};
use wxl_runtime::schema::{Check, Heap, Kind, Schema, TypeInfo};

/// A struct type: id, body alignment, declared size.
#[derive(Clone, Copy, Debug)]
pub struct StructType {
    pub id: u16,
    pub align: u32,
    pub size: u32,
}

/// `logs.wxl`.
#[derive(Debug)]
pub struct LogModel {
    pub schema: &'static Schema,
    pub log: StructType,
    pub log_array: u16,
    pub logs: StructType,
    /// Field offsets of `Log`.
    pub address: u32,
    pub identity: u32,
    pub userid: u32,
    pub date: u32,
    pub request: u32,
    pub code: u32,
    pub size: u32,
    /// `Logs.logs`.
    pub logs_logs: u32,
    /// `Address.x0` .. `x3`, inside the inline address.
    pub address_bytes: [u32; 4],
}

/// `mesh.wxl`.
#[derive(Debug)]
pub struct MeshModel {
    pub schema: &'static Schema,
    pub triangles: u16,
    pub triangles_align: u32,
    pub stride: u32,
    pub mesh: StructType,
    pub mesh_triangles: u32,
    /// `Triangle.normal` and the offsets of x, y, z inside a `Vector3`.
    pub normal: u32,
    pub xyz: [u32; 3],
}

/// The compiled schema of `schemas/{file}`.
pub fn compile(file: &str) -> wxl_ir::Schema {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas").join(file);
    let compilation = wxl_check::compile_file(&path, &wxl_check::Config::default());
    match compilation.schema {
        Some(schema) => schema,
        None => panic!("schemas/{file} does not check:\n{}", compilation.render_plain()),
    }
}

fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

/// The runtime tables of a schema (leaked: made once per process).
fn runtime_schema(schema: &wxl_ir::Schema) -> &'static Schema {
    let t = tables::compute(schema);
    let heap = |h: HeapCheck| match h {
        HeapCheck::Type(id) => Heap::Type(id),
        HeapCheck::String => Heap::String,
        HeapCheck::Bytes => Heap::Bytes,
        HeapCheck::Struct => Heap::Struct,
        HeapCheck::Array => Heap::Array,
        HeapCheck::Any => Heap::Any,
        HeapCheck::I31 => Heap::I31,
        HeapCheck::None => Heap::None,
    };
    let check = |c: &tables::Check| match c {
        tables::Check::Bool { offset } => Check::Bool { offset: *offset },
        tables::Check::Enum { offset, width, values } => {
            Check::Enum { offset: *offset, width: *width, values: leak(values.clone()) }
        }
        tables::Check::Ref { offset, nullable, heap: h } => {
            Check::Ref { offset: *offset, nullable: *nullable, heap: heap(*h) }
        }
    };
    let types = t
        .types
        .iter()
        .map(|entry| match entry {
            None => TypeInfo::UNUSED,
            Some(e) => TypeInfo {
                kind: if e.is_array { Kind::Array } else { Kind::Struct },
                body_align: e.body_align,
                size: e.size,
                checks: leak(e.checks.iter().map(check).collect()),
                ancestors: leak(e.ancestors.clone()),
            },
        })
        .collect();
    Box::leak(Box::new(Schema { identifier: t.identifier, root: t.root, types: leak(types) }))
}

fn find<'s>(schema: &'s wxl_ir::Schema, name: &str) -> &'s wxl_ir::SubType {
    schema.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
}

fn fields<'s>(ty: &'s wxl_ir::SubType) -> &'s [wxl_ir::Field] {
    match &ty.composite {
        CompositeType::Struct(s) => &s.fields,
        CompositeType::Array(_) => panic!("{} is an array", ty.name),
    }
}

fn field<'s>(fields: &'s [wxl_ir::Field], name: &str) -> &'s wxl_ir::Field {
    fields.iter().find(|f| f.name == name).unwrap_or_else(|| panic!("no field {name}"))
}

fn struct_type(ty: &wxl_ir::SubType) -> StructType {
    StructType { id: ty.type_id, align: ty.layout.body_align, size: ty.layout.size }
}

/// The type a reference field points to.
fn target<'s>(schema: &'s wxl_ir::Schema, f: &wxl_ir::Field) -> &'s wxl_ir::SubType {
    match f.ty.storage {
        StorageType::Ref(r) => match r.heap {
            HeapType::Concrete(index) => schema.ty(index),
            other => panic!("field {} refers to {other:?}", f.name),
        },
        _ => panic!("field {} is not a reference", f.name),
    }
}

pub fn log_model() -> &'static LogModel {
    static MODEL: OnceLock<LogModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        let ir = compile("logs.wxl");
        let log = find(&ir, "Log");
        let logs = find(&ir, "Logs");
        let f = fields(log);
        let logs_field = field(fields(logs), "logs");
        LogModel {
            schema: runtime_schema(&ir),
            log: struct_type(log),
            log_array: target(&ir, logs_field).type_id,
            logs: struct_type(logs),
            address: field(f, "address").offset,
            identity: field(f, "identity").offset,
            userid: field(f, "userid").offset,
            date: field(f, "date").offset,
            request: field(f, "request").offset,
            code: field(f, "code").offset,
            size: field(f, "size").offset,
            logs_logs: logs_field.offset,
            address_bytes: {
                let address = ir.value_structs.iter().find(|v| v.name == "Address").expect("Address");
                ["x0", "x1", "x2", "x3"].map(|n| field(&address.fields, n).offset)
            },
        }
    })
}

pub fn mesh_model() -> &'static MeshModel {
    static MODEL: OnceLock<MeshModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        let ir = compile("mesh.wxl");
        let mesh = find(&ir, "Mesh");
        let tris_field = field(fields(mesh), "triangles");
        let array = target(&ir, tris_field);
        let triangle = ir.value_structs.iter().find(|v| v.name == "Triangle").expect("Triangle");
        let normal = field(&triangle.fields, "normal");
        let StorageType::Value(vector) = normal.ty.storage else { panic!("normal is not a value struct") };
        let vector = ir.value_struct(vector);
        MeshModel {
            schema: runtime_schema(&ir),
            triangles: array.type_id,
            triangles_align: array.layout.body_align,
            stride: array.layout.size,
            mesh: struct_type(mesh),
            mesh_triangles: tris_field.offset,
            normal: normal.offset,
            xyz: ["x", "y", "z"].map(|n| field(&vector.fields, n).offset),
        }
    })
}
