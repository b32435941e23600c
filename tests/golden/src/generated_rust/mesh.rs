//! mesh.wxl (which imports geometry.wxl) through its generated module.

use wxl_runtime::Builder;

use super::generated::mesh::{ArrayOfTriangle, MeshArgs, TriangleArgs, Vector3, Vector3Args};
use super::{f32_of, fields, items, Cx};
use crate::model::Val;

fn vector(val: &Val) -> Vector3Args {
    let Val::Value(xyz) = val else {
        panic!("a Vector3")
    };
    Vector3Args {
        x: f32_of(&xyz[0]),
        y: f32_of(&xyz[1]),
        z: f32_of(&xyz[2]),
    }
}

pub fn build(cx: Cx, root: &Val) -> Vec<u8> {
    let (_, [list]) = fields(cx, root) else {
        panic!("Mesh has one field")
    };
    let triangles: Vec<TriangleArgs> = items(list)
        .iter()
        .map(|t| {
            let Val::Value(corners) = t else {
                panic!("a Triangle")
            };
            TriangleArgs {
                v0: vector(&corners[0]),
                v1: vector(&corners[1]),
                v2: vector(&corners[2]),
                normal: vector(&corners[3]),
            }
        })
        .collect();
    let mut b = Builder::new();
    let triangles = ArrayOfTriangle::build(&mut b, &triangles);
    let root = MeshArgs { triangles }.build(&mut b);
    super::generated::mesh::finish(&mut b, root).to_vec()
}

fn read_vector(v: Vector3) -> Val {
    Val::Value(vec![
        Val::F32(v.x().to_bits()),
        Val::F32(v.y().to_bits()),
        Val::F32(v.z().to_bits()),
    ])
}

pub fn read(cx: Cx, buf: &[u8]) -> Result<Val, wxl_runtime::Error> {
    let root = super::generated::mesh::root(buf)?;
    let triangles = root
        .triangles()
        .iter()
        .map(|t| {
            Val::Value(vec![
                read_vector(t.v0()),
                read_vector(t.v1()),
                read_vector(t.v2()),
                read_vector(t.normal()),
            ])
        })
        .collect();
    Ok(Val::Struct(
        cx.ty("Mesh"),
        vec![Val::Array(cx.ty("ArrayOfTriangle"), triangles)],
    ))
}
