//! shapes.wxl through its generated module: subtypes (`kind`, upcasts), a rec group, open
//! and closed enums, and an `anyref` that may hold anything.

use wxl_runtime::{AnyArg, AnyRef, Builder, FromObject, ObjectView, Ref};

use super::generated::shapes::{
    ArrayOfF32, ArrayOfString, Children, CircleArgs, Fill, Layer, Node, NodeArgs, PolygonArgs,
    Scene, SceneArgs, Shape, ShapeArgs, ShapeKind,
};
use super::{f32_of, f64_of, fields, int, items, text, Cx};
use crate::model::Val;

pub fn build(cx: Cx, root: &Val) -> Vec<u8> {
    let mut b = Builder::new();
    let root = build_scene(cx, &mut b, root);
    super::generated::shapes::finish(&mut b, root).to_vec()
}

fn build_scene(cx: Cx, b: &mut Builder, val: &Val) -> Ref<Scene<'static>> {
    let (_, [title, root, thumbnail, frame, tags]) = fields(cx, val) else {
        panic!("Scene has five fields")
    };
    let title = b.string(text(title));
    let root = build_node(cx, b, root);
    let thumbnail = match thumbnail {
        Val::Null => None,
        Val::Bytes(bytes) => Some(b.bytes(bytes)),
        other => panic!("a thumbnail: {other:?}"),
    };
    let tags = build_strings(b, tags);
    SceneArgs {
        title,
        root,
        thumbnail,
        frame: int(frame) as u64,
        tags,
    }
    .build(b)
}

fn build_strings(b: &mut Builder, val: &Val) -> Ref<ArrayOfString<'static>> {
    let refs: Vec<Ref<str>> = items(val).iter().map(|s| b.string(text(s))).collect();
    ArrayOfString::build(b, &refs)
}

fn build_floats(b: &mut Builder, val: &Val) -> Ref<ArrayOfF32<'static>> {
    let floats: Vec<f32> = items(val).iter().map(f32_of).collect();
    ArrayOfF32::build(b, &floats)
}

fn build_children(cx: Cx, b: &mut Builder, val: &Val) -> Ref<Children<'static>> {
    let refs: Vec<_> = items(val).iter().map(|n| build_node(cx, b, n)).collect();
    Children::build(b, &refs)
}

fn build_node(cx: Cx, b: &mut Builder, val: &Val) -> Ref<Node<'static>> {
    let (_, [shape, children, visible, layer, user_data]) = fields(cx, val) else {
        panic!("Node has five fields")
    };
    let shape = match shape {
        Val::Null => None,
        shape => Some(build_shape(cx, b, shape)),
    };
    let children = match children {
        Val::Null => None,
        children => Some(build_children(cx, b, children)),
    };
    let user_data = match user_data {
        Val::Null => None,
        Val::I31(v) => Some(AnyArg::I31(*v)),
        object => Some(AnyArg::from(build_any(cx, b, object))),
    };
    NodeArgs {
        shape,
        children,
        visible: *visible == Val::Bool(true),
        layer: Layer(int(layer) as u16),
        user_data,
    }
    .build(b)
}

fn fill(val: &Val) -> Fill {
    Fill::from_raw(int(val) as u8).expect("a declared Fill")
}

/// A Shape, Circle or Polygon, as a reference to a Shape (upcast by the generated types).
fn build_shape(cx: Cx, b: &mut Builder, val: &Val) -> Ref<Shape<'static>> {
    match fields(cx, val) {
        ("Shape", [name, f, depth]) => {
            let name = b.string(text(name));
            ShapeArgs {
                name,
                fill: fill(f),
                depth: int(depth) as i32,
            }
            .build(b)
        }
        ("Circle", [name, f, depth, radius]) => {
            let name = b.string(text(name));
            CircleArgs {
                name,
                fill: fill(f),
                depth: int(depth) as i32,
                radius: f64_of(radius),
            }
            .build(b)
            .upcast()
        }
        ("Polygon", [name, f, depth, points]) => {
            let name = b.string(text(name));
            let points = build_floats(b, points);
            PolygonArgs {
                name,
                fill: fill(f),
                depth: int(depth) as i32,
                points,
            }
            .build(b)
            .upcast()
        }
        (other, _) => panic!("not a shape: {other}"),
    }
}

/// Any object an `anyref` may hold.
fn build_any(cx: Cx, b: &mut Builder, val: &Val) -> Ref {
    match val {
        Val::Str(s) => b.string(s).cast(),
        Val::Bytes(bytes) => b.bytes(bytes).cast(),
        Val::Array(index, _) => match cx.schema.ty(*index).name.as_str() {
            "Children" => build_children(cx, b, val).cast(),
            "ArrayOfF32" => build_floats(b, val).cast(),
            "ArrayOfString" => build_strings(b, val).cast(),
            other => panic!("no array {other}"),
        },
        Val::Struct(..) => match fields(cx, val).0 {
            "Node" => build_node(cx, b, val).cast(),
            "Scene" => build_scene(cx, b, val).cast(),
            _ => build_shape(cx, b, val).cast(),
        },
        other => panic!("not an object: {other:?}"),
    }
}

pub fn read(cx: Cx, buf: &[u8]) -> Result<Val, wxl_runtime::Error> {
    Ok(read_scene(cx, super::generated::shapes::root(buf)?))
}

fn read_scene(cx: Cx, scene: Scene) -> Val {
    let thumbnail = scene
        .thumbnail()
        .map_or(Val::Null, |b| Val::Bytes(b.to_vec()));
    let fields = vec![
        Val::Str(scene.title().into()),
        read_node(cx, scene.root()),
        thumbnail,
        Val::Int(scene.frame().into()),
        read_strings(cx, scene.tags()),
    ];
    Val::Struct(cx.ty("Scene"), fields)
}

fn read_strings(cx: Cx, strings: ArrayOfString) -> Val {
    Val::Array(
        cx.ty("ArrayOfString"),
        strings.iter().map(|s| Val::Str(s.into())).collect(),
    )
}

fn read_floats(cx: Cx, floats: ArrayOfF32) -> Val {
    Val::Array(
        cx.ty("ArrayOfF32"),
        floats.iter().map(|f| Val::F32(f.to_bits())).collect(),
    )
}

fn read_children(cx: Cx, children: Children) -> Val {
    Val::Array(
        cx.ty("Children"),
        children.iter().map(|n| read_node(cx, n)).collect(),
    )
}

fn read_node(cx: Cx, node: Node) -> Val {
    let user_data = match node.user_data() {
        AnyRef::Null => Val::Null,
        any @ AnyRef::I31(_) => Val::I31(any.i31_signed().expect("an i31")),
        AnyRef::Object(object) => read_any(cx, object),
    };
    let fields = vec![
        node.shape().map_or(Val::Null, |s| read_shape(cx, s)),
        node.children().map_or(Val::Null, |c| read_children(cx, c)),
        Val::Bool(node.visible()),
        Val::Int(node.layer().0.into()),
        user_data,
    ];
    Val::Struct(cx.ty("Node"), fields)
}

/// A shape by its actual type (`kind`), with that type's fields.
fn read_shape(cx: Cx, shape: Shape) -> Val {
    let common = |name: &str, fill: Fill, depth: i32| {
        vec![
            Val::Str(name.into()),
            Val::Int(fill.to_raw().into()),
            Val::Int(depth.into()),
        ]
    };
    match shape.kind() {
        ShapeKind::Shape(s) => Val::Struct(cx.ty("Shape"), common(s.name(), s.fill(), s.depth())),
        ShapeKind::Circle(c) => {
            let mut fields = common(c.name(), c.fill(), c.depth());
            fields.push(Val::F64(c.radius().to_bits()));
            Val::Struct(cx.ty("Circle"), fields)
        }
        ShapeKind::Polygon(p) => {
            let mut fields = common(p.name(), p.fill(), p.depth());
            fields.push(read_floats(cx, p.points()));
            Val::Struct(cx.ty("Polygon"), fields)
        }
    }
}

/// Any object an `anyref` holds, through the generated views of its type.
fn read_any(cx: Cx, object: ObjectView) -> Val {
    let view = |found: Option<Val>| found.expect("a verified object of its own type");
    match object.type_id() {
        wxl_runtime::schema::TYPE_ID_STRING => Val::Str(object.as_str().expect("a string").into()),
        wxl_runtime::schema::TYPE_ID_BYTES => {
            Val::Bytes(object.as_bytes().expect("bytes").to_vec())
        }
        Node::TYPE_ID => view(Node::from_object(object).map(|n| read_node(cx, n))),
        Scene::TYPE_ID => view(Scene::from_object(object).map(|s| read_scene(cx, s))),
        Children::TYPE_ID => view(Children::from_object(object).map(|c| read_children(cx, c))),
        ArrayOfF32::TYPE_ID => view(ArrayOfF32::from_object(object).map(|a| read_floats(cx, a))),
        ArrayOfString::TYPE_ID => {
            view(ArrayOfString::from_object(object).map(|a| read_strings(cx, a)))
        }
        _ => view(Shape::from_object(object).map(|s| read_shape(cx, s))),
    }
}
