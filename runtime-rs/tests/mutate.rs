//! In-place updates keep the buffer verified.

mod common;

use common::*;
use wxl_runtime::{verify, Builder, Options, SetError, VerifiedMut};

#[test]
fn scalar_fields_of_logs() {
    let records = log_records(5);
    let mut buf = build_logs(&mut Builder::new(), &records);
    let mut v = VerifiedMut::new(&mut buf, &LOG_SCHEMA, &Options::default()).unwrap();
    {
        let mut root = v.root_struct().unwrap();
        let mut logs = root.array_mut(0).unwrap();
        assert_eq!(logs.len(), 5);
        let mut log = logs.struct_mut(3).unwrap();
        log.set_u16(20, 418).unwrap();
        log.set_u64(24, 1 << 40).unwrap();
        log.value_mut(0).set_u8(2, 99).unwrap();
        // Reference slots and absent fields are refused.
        assert_eq!(log.set_u32(4, 0), Err(SetError::Reference));
        assert_eq!(log.set_u8(6, 1), Err(SetError::Reference));
        assert_eq!(log.set_u64(28, 1), Err(SetError::Absent));
        assert_eq!(log.set_u8(1000, 1), Err(SetError::Absent));
        assert_eq!(log.view().get_u16(20, 0), 418);
    }
    let view = v.as_verified();
    let log = Log(view.root_struct().get_array(0).unwrap().get_struct(3).unwrap());
    assert_eq!((log.code(), log.size(), log.address()[2]), (418, 1 << 40, 99));
    assert_eq!(log.request(), records[3].request);
    verify(&buf, &LOG_SCHEMA, &Options::default()).unwrap();
}

#[test]
fn checked_scalars_keep_their_rules() {
    let mut buf = build_zoo(&mut Builder::new());
    let mut v = VerifiedMut::new(&mut buf, &ZOO_SCHEMA, &Options::default()).unwrap();
    let mut zoo = v.root_struct().unwrap();
    // Color is a closed enum {0, 1, 2}.
    assert_eq!(zoo.set_u8(zoo::COLOR, 1), Ok(()));
    assert_eq!(zoo.set_u8(zoo::COLOR, 3), Err(SetError::InvalidValue));
    assert_eq!(zoo.set_v128(zoo::ID, [7; 16]), Ok(()));
    {
        let mut shapes = zoo.array_mut(zoo::SHAPES).unwrap();
        let mut circle = shapes.struct_mut(1).unwrap();
        assert_eq!(circle.set_bool(1, false), Ok(()));
        assert_eq!(circle.set_u8(1, 2), Err(SetError::InvalidValue));
        // A u16 over color and visible: both bytes must stay valid.
        assert_eq!(circle.set_u16(0, 0x0102), Ok(()));
        assert_eq!(circle.set_u16(0, 0x0201), Err(SetError::InvalidValue));
        assert_eq!(circle.set_f64(8, 10.0), Ok(()));
        assert_eq!(shapes.set(0, 0u32), Err(SetError::Reference));
    }
    {
        let mut flags = zoo.array_mut(zoo::FLAGS).unwrap();
        assert_eq!(flags.set(1, true), Ok(()));
        assert_eq!(flags.set(1, 5u8), Err(SetError::InvalidValue));
        assert_eq!(flags.set(3, true), Err(SetError::Absent));
        assert_eq!(flags.set(2, 0u16), Err(SetError::Absent), "crosses the element");
        assert!(flags.as_mut_slice::<u8>().is_none(), "bools carry checks");
    }
    {
        let mut levels = zoo.array_mut(zoo::LEVELS).unwrap();
        assert_eq!(levels.set(0, 3u16), Ok(()));
        assert_eq!(levels.set(0, 4u16), Err(SetError::InvalidValue));
    }
    {
        let mut weights = zoo.array_mut(zoo::WEIGHTS).unwrap();
        assert_eq!(weights.set(2, 0.5f64), Ok(()));
        if let Some(slice) = weights.as_mut_slice::<f64>() {
            slice[0] = 4.0;
        } else {
            weights.set(0, 4.0f64).unwrap();
        }
        assert_eq!(weights.view().typed::<f64>().iter().collect::<Vec<_>>(), [4.0, -2.0, 0.5]);
    }
    let z = v.as_verified().root_struct();
    let shapes = z.get_array(zoo::SHAPES).unwrap();
    let circle = shapes.get_struct(1).unwrap();
    assert_eq!((circle.get_u8(0, 9), circle.get_bool(1, false)), (2, true), "the u16 write");
    assert_eq!(shapes.get_struct(3).unwrap().get_f64(8, 0.0), 10.0, "the same circle, shared");
    assert_eq!(z.get_u8(zoo::COLOR, 0), 1);
    verify(&buf, &ZOO_SCHEMA, &Options::default()).unwrap();
}

#[test]
fn mesh_elements_in_place() {
    let tris = triangles(10);
    let mut buf = build_mesh(&mut Builder::new(), &tris);
    let mut v = VerifiedMut::new(&mut buf, &MESH_SCHEMA, &Options::default()).unwrap();
    let mut mesh = v.root_struct().unwrap();
    let mut array = mesh.array_mut(0).unwrap();
    let mut tri = array.element_mut(4).unwrap();
    tri.value_mut(36).set_f32(8, -1.0).unwrap();
    assert_eq!(tri.set_f32(48, 0.0), Err(SetError::Absent), "past the element");
    assert!(array.element_mut(10).is_none());
    let t = array.view().element(4).unwrap();
    assert_eq!(t.get_value(36).get_f32(8, 0.0), -1.0);
    assert_eq!(array.view().element(5).unwrap().get_f32(0, 0.0), tris[5][0]);
}
