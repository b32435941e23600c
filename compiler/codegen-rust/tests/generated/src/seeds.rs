//! Valid buffers of every schema with a root, built with the generated builders: the seeds of
//! the mutation rounds and of the fuzz corpus.

use wxl_runtime::{AnyArg, Builder, Ref};

use crate::{arrays, evolution_v1, evolution_v2, everything, logs, mesh, shapes, subtyping};

/// One buffer per schema (and a few random `everything` values), named.
pub fn all() -> Vec<(String, Vec<u8>)> {
    let mut seeds = vec![
        ("logs".to_string(), logs_buffer(3)),
        ("mesh".to_string(), mesh_buffer(2)),
        ("shapes".to_string(), shapes_buffer()),
        ("subtyping".to_string(), subtyping_buffer()),
        ("arrays".to_string(), arrays_buffer()),
        ("evolution_v1".to_string(), evolution_v1_buffer()),
        ("evolution_v2".to_string(), evolution_v2_buffer()),
    ];
    let mut rng = crate::random::Rng::new(7);
    for n in 0..3 {
        let value = crate::random::everything(&mut rng);
        let mut builder = Builder::new();
        let root = crate::random::build_everything(&mut builder, &value);
        seeds.push((format!("everything{n}"), everything::finish(&mut builder, root).to_vec()));
    }
    seeds
}

/// `count` log records.
pub fn logs_buffer(count: u32) -> Vec<u8> {
    let mut b = Builder::new();
    let records: Vec<_> = (0..count)
        .map(|i| {
            logs::LogArgs {
                address: logs::AddressArgs { x0: 192, x1: 168, x2: 0, x3: i as u8 },
                identity: b.shared_string("-"),
                userid: b.string(&format!("user{i}")),
                date: b.string("17/Mar/1998:13:05:59 +0300"),
                request: b.string("GET /index.html HTTP/1.1"),
                code: 200,
                size: u64::from(i) * 512,
            }
            .build(&mut b)
        })
        .collect();
    let logs = logs::ArrayOfLog::build(&mut b, &records);
    let root = logs::LogsArgs { logs }.build(&mut b);
    logs::finish(&mut b, root).to_vec()
}

/// `count` triangles.
pub fn mesh_buffer(count: u32) -> Vec<u8> {
    let mut b = Builder::new();
    let v = |x: f32| mesh::Vector3Args { x, y: -x, z: 0.5 };
    let triangles: Vec<_> =
        (0..count).map(|i| mesh::TriangleArgs { v0: v(i as f32), v1: v(1.0), v2: v(2.0), normal: v(0.0) }).collect();
    let triangles = mesh::ArrayOfTriangle::build(&mut b, &triangles);
    let root = mesh::MeshArgs { triangles }.build(&mut b);
    mesh::finish(&mut b, root).to_vec()
}

/// A scene with a circle, a polygon and a shared child node.
pub fn shapes_buffer() -> Vec<u8> {
    let mut b = Builder::new();
    let name = b.string("disc");
    let circle = shapes::CircleArgs { name, fill: shapes::Fill::Outline, depth: 2, radius: 1.5 }.build(&mut b);
    let points = shapes::ArrayOfF32::build(&mut b, &[1.0, 2.0, 3.0, 4.0]);
    let name = b.string("line");
    let polygon = shapes::PolygonArgs { name, fill: shapes::Fill::Solid, depth: 0, points }.build(&mut b);
    let leaf = shapes::NodeArgs { shape: Some(polygon.upcast()), user_data: Some(AnyArg::I31(5)), ..Default::default() }
        .build(&mut b);
    let children = shapes::Children::build(&mut b, &[leaf, leaf]);
    let root = shapes::NodeArgs {
        shape: Some(circle.upcast()),
        children: Some(children),
        user_data: Some(name.into()),
        ..Default::default()
    }
    .build(&mut b);
    let title = b.string("seed");
    let tags = [b.string("a")];
    let tags = shapes::ArrayOfString::build(&mut b, &tags);
    let scene = shapes::SceneArgs { title, root, thumbnail: None, frame: 1, tags }.build(&mut b);
    shapes::finish(&mut b, scene).to_vec()
}

/// Every kind of animal, owner and zoo, and equivalent list types.
pub fn subtyping_buffer() -> Vec<u8> {
    use subtyping as s;
    let mut b = Builder::new();
    let name = b.string("rex");
    let dog: Ref<s::Dog<'static>> = s::DogArgs { name, kind: 1, good: true }.build(&mut b);
    let name = b.string("tom");
    let cat = s::CatArgs { name, kind: 2, lives: 9 }.build(&mut b);
    let name = b.string("bit");
    let puppy = s::PuppyArgs { name, kind: 1, good: false, age: 1 }.build(&mut b);
    let animals = s::Animals::build(&mut b, &[Some(dog.upcast()), None, Some(cat.upcast()), Some(puppy.upcast())]);
    let owner = s::OwnerArgs { pet: Some(cat.upcast()), best: None, any_thing: Some(AnyArg::I31(-1)) }.build(&mut b);
    let dog_owner =
        s::DogOwnerArgs { pet: puppy.upcast(), best: Some(dog.upcast()), any_thing: owner.upcast() }.build(&mut b);
    let owners = s::ArrayOfOwner::build(&mut b, &[owner, dog_owner.upcast()]);
    let cages = s::ArrayOfDog::build(&mut b, &[dog, puppy.upcast()]);
    let zoo = s::KennelArgs { owners: dog_owner, cages: Some(cages), ids: Some(77) }.build(&mut b);
    let tail = s::ListBArgs { following: None, payload: 2 }.build(&mut b);
    let head = s::ListAArgs { next_: Some(tail.upcast()), value: 1 }.build(&mut b);
    let lists = s::ArrayOfNullableListA::build(&mut b, &[Some(head), None, Some(tail.upcast())]);
    let point = s::PointArgs { x: 3, y: 4 }.build(&mut b);
    let root = s::ParkArgs { animals, owners, zoo: Some(zoo.upcast()), lists, point: Some(point.upcast()), visitors: 10 }
        .build(&mut b);
    s::finish(&mut b, root).to_vec()
}

/// Arrays of arrays, of strings, of mutable numbers, of values and of bools.
pub fn arrays_buffer() -> Vec<u8> {
    let mut b = Builder::new();
    let rows = [arrays::ArrayOfF32::build(&mut b, &[1.0, 2.0]), arrays::ArrayOfF32::build(&mut b, &[])];
    let rows = arrays::ArrayOfArrayOfF32::build(&mut b, &rows);
    let labels = [b.string("x"), b.string("y")];
    let labels = arrays::ArrayOfString::build(&mut b, &labels);
    let cells = arrays::ArrayOfMutF64::build(&mut b, &[0.25, 0.5]);
    let grid = arrays::ArrayOfCell::build(&mut b, &[arrays::CellArgs { x: 1, y: 2 }, arrays::CellArgs { x: 3, y: 4 }]);
    let flags = arrays::ArrayOfBool::build(&mut b, &[true, false, true]);
    let root = arrays::MatrixArgs { rows, labels, more_labels: labels, cells, grid, flags }.build(&mut b);
    arrays::finish(&mut b, root).to_vec()
}

/// A version 1 record.
pub fn evolution_v1_buffer() -> Vec<u8> {
    let mut b = Builder::new();
    let items = [evolution_v1::ItemArgs { id: 1 }.build(&mut b), evolution_v1::ItemArgs { id: 2 }.build(&mut b)];
    let items = evolution_v1::ArrayOfItem::build(&mut b, &items);
    let name = b.string("version one");
    let root = evolution_v1::RecordArgs { name, count: 2, items }.build(&mut b);
    evolution_v1::finish(&mut b, root).to_vec()
}

/// A version 2 record, every appended field set.
pub fn evolution_v2_buffer() -> Vec<u8> {
    use evolution_v2 as v2;
    let mut b = Builder::new();
    let first = v2::ItemArgs { id: 1 }.build(&mut b);
    let items = v2::ArrayOfItem::build(&mut b, &[first]);
    let name = b.string("version two");
    let note = b.string("appended");
    let root = v2::RecordArgs {
        name,
        count: 1,
        items,
        ratio: 0.75,
        flag: false,
        level: v2::Level::Low,
        note: Some(note),
        extra: Some(first),
        hits: 3,
    }
    .build(&mut b);
    v2::finish(&mut b, root).to_vec()
}
