//! The Rust side through the Rust back end's generated code (wxl-codegen-rust, via wxl-build
//! in build.rs): each schema's vectors are built with its `*Args` builders and read with its
//! views. Generated code is typed, so each schema has a small hand-written bridge between the
//! value tree and its API; a schema of schemas/ without one fails the tests.

mod geometry;
mod logs;
mod mesh;
mod shapes;

use wxl_ir::{Schema, TypeIndex};

use crate::model::{canonical, Val};

/// The generated modules (`generated::logs::Logs`, ...).
#[allow(clippy::all, missing_docs)]
pub mod generated {
    wxl_runtime::include_schema!("geometry");
    wxl_runtime::include_schema!("logs");
    wxl_runtime::include_schema!("mesh");
    wxl_runtime::include_schema!("shapes");
}

/// The schemas with a bridge.
pub const SCHEMAS: [&str; 4] = ["geometry", "logs", "mesh", "shapes"];

/// Builds the vector with the generated builders (the canonical call order).
pub fn build(stem: &str, schema: &Schema, root: &Val) -> Vec<u8> {
    let cx = Cx { schema };
    match stem {
        "geometry" => geometry::build(cx, root),
        "logs" => logs::build(cx, root),
        "mesh" => mesh::build(cx, root),
        "shapes" => shapes::build(cx, root),
        other => panic!(
            "schemas/{other}.wxl has no generated-Rust bridge in tests/golden/src/generated_rust/"
        ),
    }
}

/// Verifies and reads a buffer with the generated views.
pub fn read(stem: &str, schema: &Schema, buf: &[u8]) -> Result<Val, wxl_runtime::Error> {
    let cx = Cx { schema };
    match stem {
        "geometry" => geometry::read(cx, buf),
        "logs" => logs::read(cx, buf),
        "mesh" => mesh::read(cx, buf),
        "shapes" => shapes::read(cx, buf),
        other => panic!(
            "schemas/{other}.wxl has no generated-Rust bridge in tests/golden/src/generated_rust/"
        ),
    }
}

/// What the bridges share.
#[derive(Clone, Copy)]
struct Cx<'a> {
    schema: &'a Schema,
}

impl Cx<'_> {
    /// The canonical index of a type, by name (the value tree's type of an object).
    fn ty(&self, name: &str) -> TypeIndex {
        let index = self
            .schema
            .types
            .iter()
            .position(|t| t.name == name)
            .unwrap_or_else(|| panic!("no type {name}"));
        canonical(self.schema, TypeIndex(index as u32))
    }
}

/// The type name and fields of a struct value.
fn fields<'a, 'v>(cx: Cx<'a>, val: &'v Val) -> (&'a str, &'v [Val]) {
    match val {
        Val::Struct(index, fields) => (&cx.schema.ty(*index).name, fields),
        other => panic!("not a struct: {other:?}"),
    }
}

fn items(val: &Val) -> &[Val] {
    match val {
        Val::Array(_, items) => items,
        other => panic!("not an array: {other:?}"),
    }
}

fn text(val: &Val) -> &str {
    match val {
        Val::Str(text) => text,
        other => panic!("not a string: {other:?}"),
    }
}

fn int(val: &Val) -> i128 {
    match val {
        Val::Int(v) => *v,
        other => panic!("not an integer: {other:?}"),
    }
}

fn f32_of(val: &Val) -> f32 {
    match val {
        Val::F32(bits) => f32::from_bits(*bits),
        other => panic!("not an f32: {other:?}"),
    }
}

fn f64_of(val: &Val) -> f64 {
    match val {
        Val::F64(bits) => f64::from_bits(*bits),
        other => panic!("not an f64: {other:?}"),
    }
}
