//! The fuzz invariant: a buffer that verifies is readable through every generated accessor
//! without a panic (or an out-of-bounds read: the runtime has no unchecked reads to make one).
//!
//! For each schema with a root that accepts the buffer, `check`:
//! - reads it through the views: `Debug` of the root, `unpack` (every getter of every reachable
//!   object, `kind` dispatch, iteration and `as_slice` of arrays), and the casts;
//! - packs the owned value and asserts that unpacking and packing that again gives the same
//!   bytes (a fixed point: nothing is lost or invented, sharing included);
//! - updates a `mut` field in place and asserts the buffer still verifies.
//!
//! A panic anywhere is a bug; the fuzz target and the seeded test round call this.

use wxl_runtime::Builder;

use crate::{arrays, evolution_v1, evolution_v2, everything, logs, mesh, shapes, subtyping};

/// `read!(buf, module, OwnedRoot)`: the reads and the repacking of one schema.
macro_rules! read {
    ($buf:expr, $module:ident, $owned:ident) => {{
        use $module as m;
        match m::root($buf) {
            Ok(root) => {
                let _ = format!("{root:?}");
                // SAFETY: `$buf` passed `root` just above and is borrowed immutably meanwhile.
                let unchecked = unsafe { m::root_unchecked($buf) }.expect("a verified root decodes");
                let owned = m::$owned::unpack(unchecked);
                let mut builder = Builder::new();
                let made = owned.pack(&mut builder);
                let first = m::finish(&mut builder, made).to_vec();
                let again = m::$owned::unpack(m::root(&first).expect("a packed buffer verifies"));
                let mut builder = Builder::new();
                let made = again.pack(&mut builder);
                assert_eq!(m::finish(&mut builder, made), &first[..], "unpack and pack reach a fixed point");
                true
            }
            Err(_) => false,
        }
    }};
}

/// Reads, repacks and updates `buf` under every schema that accepts it; returns how many did.
pub fn check(buf: &[u8]) -> usize {
    let results = [
        read!(buf, logs, LogsT),
        read!(buf, mesh, MeshT),
        read!(buf, shapes, SceneT),
        read!(buf, subtyping, ParkT),
        read!(buf, arrays, MatrixT),
        read!(buf, evolution_v1, RecordT),
        read!(buf, evolution_v2, RecordT),
        read!(buf, everything, EverythingT),
    ];
    if let Ok(scene) = shapes::root(buf) {
        shape_casts(scene);
    }
    if let Ok(park) = subtyping::root(buf) {
        animal_casts(park);
    }
    update(buf);
    results.iter().filter(|accepted| **accepted).count()
}


fn shape_casts(scene: shapes::Scene<'_>) {
    let mut nodes = vec![scene.root()];
    nodes.extend(scene.root().children().into_iter().flatten());
    for node in nodes {
        let _ = format!("{node:?} {:?}", node.children());
        if let Some(shape) = node.shape() {
            let _ = (shape.as_circle().map(|c| c.radius()), shape.as_polygon().map(|p| p.points().len()));
            let _ = format!("{:?}", shape.kind());
        }
    }
    let _ = format!("{:?}", scene.tags());
}

fn animal_casts(park: subtyping::Park<'_>) {
    for animal in park.animals().iter().flatten() {
        let _ = (animal.as_dog(), animal.as_cat().map(|c| c.lives()), animal.as_puppy().map(|p| p.age()));
        let _ = format!("{:?}", animal.kind_2());
    }
    for owner in park.owners() {
        let _ = (owner.as_dog_owner().map(|d| d.pet().good()), owner.any_thing());
    }
    if let Some(zoo) = park.zoo() {
        let _ = zoo.as_kennel().map(|k| (k.ids(), k.cages().map(|c| c.len()), k.owners().pet().name()));
    }
}

/// Sets a `mut` field where the schema has one; the buffer must still verify.
fn update(buf: &[u8]) {
    let mut copy = buf.to_vec();
    if let Ok(mut scene) = shapes::root_mut(&mut copy) {
        let _ = scene.set_frame(7);
        if let Some(mut root) = scene.root_mut() {
            if let Some(Ok(mut circle)) = root.shape_mut().map(shapes::ShapeMut::into_circle) {
                let _ = circle.set_depth(9);
            }
        }
        shapes::verify(&copy).expect("in-place updates keep a buffer verified");
    }
    let mut copy = buf.to_vec();
    if let Ok(mut root) = everything::root_mut(&mut copy) {
        // Older writers may not store these: `Err(Absent)` is fine, a panic is not.
        let _ = (root.set_counter(1), root.set_mode(everything::Color::Blue), root.set_on(true), root.set_ratio(0.5));
        everything::verify(&copy).expect("in-place updates keep a buffer verified");
    }
    let mut copy = buf.to_vec();
    if let Ok(mut matrix) = arrays::root_mut(&mut copy) {
        if let Some(mut cells) = matrix.cells_mut() {
            let _ = cells.set(0, -1.0);
        }
        arrays::verify(&copy).expect("in-place updates keep a buffer verified");
    }
    let mut copy = buf.to_vec();
    if let Ok(mut park) = subtyping::root_mut(&mut copy) {
        let _ = park.set_visitors(1);
        subtyping::verify(&copy).expect("in-place updates keep a buffer verified");
    }
}
