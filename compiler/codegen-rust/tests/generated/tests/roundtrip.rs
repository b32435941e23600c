//! Round trips for every example schema (`schemas/`), through the generated code only: build
//! with the generated builders, verify with the generated entry points, read back with the
//! generated views, unpack and pack with the object API.

use std::rc::Rc;

use wxl_codegen_rust_tests::{geometry, logs, mesh, shapes};
use wxl_runtime::{AnyArg, AnyRef, Builder};

fn log_record(builder: &mut Builder, i: u32) -> wxl_runtime::Ref<logs::Log<'static>> {
    logs::LogArgs {
        address: logs::AddressArgs { x0: 10, x1: 0, x2: (i >> 8) as u8, x3: i as u8 },
        identity: builder.string("-"),
        userid: builder.string(&format!("user{i}")),
        date: builder.string("17/Mar/1998:13:05:59 +0300"),
        request: builder.string("GET /index.html HTTP/1.1"),
        code: 200 + i as u16,
        size: u64::from(i) * 1000,
    }
    .build(builder)
}

fn logs_buffer(count: u32) -> Vec<u8> {
    let mut builder = Builder::new();
    let records: Vec<_> = (0..count).map(|i| log_record(&mut builder, i)).collect();
    let array = logs::ArrayOfLog::build(&mut builder, &records);
    let root = logs::LogsArgs { logs: array }.build(&mut builder);
    logs::finish(&mut builder, root).to_vec()
}

#[test]
fn logs_round_trip() {
    let buf = logs_buffer(3);
    let root = logs::root(&buf).expect("verifies");
    assert_eq!(root.logs().len(), 3);
    for (i, log) in root.logs().iter().enumerate() {
        let address = log.address();
        assert_eq!([address.x0(), address.x1(), address.x2(), address.x3()], [10, 0, 0, i as u8]);
        assert_eq!(log.identity(), "-");
        assert_eq!(log.userid(), format!("user{i}"));
        assert_eq!(log.request(), "GET /index.html HTTP/1.1");
        assert_eq!(log.code(), 200 + i as u16);
        assert_eq!(log.size(), i as u64 * 1000);
    }
    assert!(root.logs().get(3).is_none());
}

#[test]
fn logs_object_api_packs_the_same_bytes() {
    let buf = logs_buffer(4);
    let owned = logs::LogsT::unpack(logs::root(&buf).expect("verifies"));
    assert_eq!(owned.logs.len(), 4);
    assert_eq!(&*owned.logs[2].userid, "user2");
    let mut builder = Builder::new();
    let root = owned.pack(&mut builder);
    // The object API writes in the order the hand-written builder calls above do.
    assert_eq!(logs::finish(&mut builder, root), &buf[..]);
}

#[test]
fn logs_reject_another_identifier_and_garbage() {
    let mut buf = logs_buffer(1);
    buf[8..12].copy_from_slice(b"MESH");
    assert_eq!(logs::root(&buf).unwrap_err().kind, wxl_runtime::ErrorKind::WrongIdentifier);
    assert!(logs::verify(&[0; 16]).is_err());
}

#[test]
fn logs_reuse_a_verifier() {
    let mut verifier = wxl_runtime::Verifier::new();
    for count in [0, 5, 2] {
        let buf = logs_buffer(count);
        assert_eq!(logs::root_with(&mut verifier, &buf).expect("verifies").logs().len(), count as usize);
        // SAFETY: `buf` verified just above and has not changed.
        let unchecked = unsafe { logs::root_unchecked(&buf) }.expect("root decodes");
        assert_eq!(unchecked.logs().len(), count as usize);
    }
}

/// `mesh` holds its own copy of the imported `geometry.Vector3`: every generated module stands
/// alone.
fn vector(x: f32, y: f32, z: f32) -> mesh::Vector3Args {
    mesh::Vector3Args { x, y, z }
}

fn triangle(i: u32) -> mesh::TriangleArgs {
    let f = i as f32;
    mesh::TriangleArgs {
        v0: vector(f, 0.0, 0.0),
        v1: vector(0.0, f, 0.0),
        v2: vector(0.0, 0.0, f),
        normal: vector(0.5, 0.5, -f),
    }
}

#[test]
fn mesh_round_trip() {
    let mut builder = Builder::new();
    let triangles: Vec<_> = (0..5).map(triangle).collect();
    let array = mesh::ArrayOfTriangle::build(&mut builder, &triangles);
    let root = mesh::MeshArgs { triangles: array }.build(&mut builder);
    let buf = mesh::finish(&mut builder, root).to_vec();
    let mesh = mesh::root(&buf).expect("verifies");
    assert_eq!(mesh.triangles().len(), 5);
    for (i, t) in mesh.triangles().iter().enumerate() {
        let f = i as f32;
        assert_eq!((t.v0().x(), t.v1().y(), t.v2().z()), (f, f, f));
        assert_eq!((t.normal().x(), t.normal().z()), (0.5, -f));
    }
    let owned = mesh::MeshT::unpack(mesh);
    assert_eq!(owned.triangles[4].normal, mesh::Vector3T { x: 0.5, y: 0.5, z: -4.0 });
    let mut again = Builder::new();
    let root = owned.pack(&mut again);
    assert_eq!(mesh::finish(&mut again, root), &buf[..]);
}

#[test]
fn geometry_values_have_the_layout() {
    let bytes = geometry::Vector3Args { x: 1.0, y: 2.0, z: -0.5 }.to_bytes();
    assert_eq!(bytes[0..4], 1.0f32.to_le_bytes());
    assert_eq!(bytes[8..12], (-0.5f32).to_le_bytes());
    // A schema without a root: any object may be the root.
    let mut builder = Builder::new();
    let text = builder.string("a point");
    let buf = geometry::finish(&mut builder, text).to_vec();
    let verified = geometry::verify(&buf).expect("verifies");
    assert_eq!(verified.root().as_str(), Some("a point"));
}

/// A scene: a circle and a polygon under a root node, user data of three kinds.
fn scene_buffer() -> Vec<u8> {
    let mut b = Builder::new();
    let name = b.string("wheel");
    let circle = shapes::CircleArgs { name, fill: shapes::Fill::Hatched, depth: 3, radius: 2.5 }.build(&mut b);
    let points = shapes::ArrayOfF32::build(&mut b, &[0.0, 0.0, 1.0, 0.0, 0.0, 1.0]);
    let name = b.string("triangle");
    let polygon = shapes::PolygonArgs { name, fill: shapes::Fill::Solid, depth: 1, points }.build(&mut b);
    let label = b.string("a label");
    let wheel = shapes::NodeArgs {
        shape: Some(circle.upcast()),
        user_data: Some(AnyArg::I31(-7)),
        ..Default::default()
    }
    .build(&mut b);
    let corner = shapes::NodeArgs {
        shape: Some(polygon.upcast()),
        layer: shapes::Layer(7),
        visible: false,
        user_data: Some(label.into()),
        ..Default::default()
    }
    .build(&mut b);
    let children = shapes::Children::build(&mut b, &[wheel, corner, wheel]);
    let root = shapes::NodeArgs {
        children: Some(children),
        layer: shapes::Layer::FOREGROUND,
        user_data: Some(circle.into()),
        ..Default::default()
    }
    .build(&mut b);
    let title = b.string("demo");
    let thumbnail = b.bytes(&[1, 2, 3]);
    let tags = [b.string("x"), b.string("y")];
    let tags = shapes::ArrayOfString::build(&mut b, &tags);
    let scene = shapes::SceneArgs { title, root, thumbnail: Some(thumbnail), frame: 42, tags }.build(&mut b);
    shapes::finish(&mut b, scene).to_vec()
}

#[test]
fn shapes_round_trip() {
    let buf = scene_buffer();
    let scene = shapes::root(&buf).expect("verifies");
    assert_eq!((scene.title(), scene.thumbnail(), scene.frame()), ("demo", Some(&[1u8, 2, 3][..]), 42));
    assert_eq!(scene.tags().iter().collect::<Vec<_>>(), ["x", "y"]);
    let root = scene.root();
    assert!(root.shape().is_none() && root.visible());
    assert_eq!(root.layer(), shapes::Layer::FOREGROUND);
    let AnyRef::Object(object) = root.user_data() else { panic!("an object") };
    assert_eq!(object.type_id(), shapes::Circle::TYPE_ID);
    let children = root.children().expect("children");
    assert_eq!(children.len(), 3);
    let wheel = children.get(0).expect("wheel");
    assert_eq!(wheel.user_data().i31_signed(), Some(-7));
    let shape = wheel.shape().expect("a shape");
    let circle = shape.as_circle().expect("a circle");
    assert!(shape.as_polygon().is_none());
    assert_eq!((circle.name(), circle.fill(), circle.depth(), circle.radius()), ("wheel", shapes::Fill::Hatched, 3, 2.5));
    let corner = children.get(1).expect("corner");
    assert_eq!((corner.visible(), corner.layer()), (false, shapes::Layer(7)));
    assert_eq!(format!("{:?}", corner.layer()), "Layer(7)");
    let shapes::ShapeKind::Polygon(polygon) = corner.shape().expect("a shape").kind() else { panic!("a polygon") };
    assert_eq!(polygon.points().as_slice(), Some(&[0.0, 0.0, 1.0, 0.0, 0.0, 1.0][..]));
    let AnyRef::Object(label) = corner.user_data() else { panic!("an object") };
    assert_eq!(label.as_str(), Some("a label"));
}

#[test]
fn shapes_object_api_keeps_sharing() {
    let buf = scene_buffer();
    let owned = shapes::SceneT::unpack(shapes::root(&buf).expect("verifies"));
    let children = owned.root.children.clone().expect("children");
    // `wheel` is referenced twice from the array and its circle from the root's user data.
    assert!(Rc::ptr_eq(&children[0], &children[2]));
    let Some(shapes::ShapeKindT::Circle(circle)) = &children[0].shape else { panic!("a circle") };
    let Some(shapes::AnyT::Circle(same)) = &owned.root.user_data else { panic!("the circle") };
    assert!(Rc::ptr_eq(circle, same));
    assert_eq!(children[0].user_data, Some(shapes::AnyT::I31(-7)));
    let mut builder = Builder::new();
    let root = owned.pack(&mut builder);
    let packed = shapes::finish(&mut builder, root).to_vec();
    assert!(packed.len() <= buf.len(), "shared objects are written once");
    let again = shapes::SceneT::unpack(shapes::root(&packed).expect("the packed buffer verifies"));
    assert_eq!(again, owned);
}

#[test]
fn shapes_update_in_place() {
    let mut buf = scene_buffer();
    let mut scene = shapes::root_mut(&mut buf).expect("verifies");
    scene.set_frame(43).expect("frame is stored");
    let mut root = scene.root_mut().expect("root node");
    let mut children = root.children_mut().expect("children");
    let mut wheel = children.get_mut(0).expect("wheel");
    let shape = wheel.shape_mut().expect("shape");
    let mut circle = shape.into_circle().ok().expect("a circle");
    circle.set_depth(-2).expect("depth is stored");
    let scene = shapes::root(&buf).expect("still verifies");
    assert_eq!(scene.frame(), 43);
    let circle = scene.root().children().and_then(|c| c.get(2)).and_then(|n| n.shape()).expect("shape");
    assert_eq!(circle.depth(), -2, "the wheel is shared: both references see the update");
}

#[test]
fn shapes_defaults_for_absent_fields() {
    // A stored size of 4 keeps only `name`: the rest read as the schema's defaults.
    let mut b = Builder::new();
    let name = b.string("bare");
    let mut object = b.begin_struct(shapes::Shape::TYPE_ID, 4, 4);
    object.set_ref(0, name);
    let shape: wxl_runtime::Ref<shapes::Shape<'static>> = object.end();
    let root = shapes::NodeArgs { shape: Some(shape), ..Default::default() }.build(&mut b);
    let tags = shapes::ArrayOfString::build(&mut b, &[]);
    let title = b.string("t");
    let scene = shapes::SceneArgs { title, root, thumbnail: None, frame: 0, tags }.build(&mut b);
    let buf = shapes::finish(&mut b, scene).to_vec();
    let shape = shapes::root(&buf).expect("verifies").root().shape().expect("shape");
    assert_eq!((shape.name(), shape.fill(), shape.depth()), ("bare", shapes::Fill::Outline, -1));
}
