//! The Rust runtime (`wxl-runtime`) as a second opinion: its verifier, reader and builder,
//! driven by the same IR tables, must agree with the generated module.

use wxl_runtime::schema::Schema;
use wxl_runtime::{Builder, Options};

/// The runtime's tables for a schema (leaked: tests build a handful).
pub fn tables(schema: &wxl_ir::Schema) -> &'static Schema {
    wxl_json::runtime_schema(&wxl_ir::tables::compute(schema))
}

/// (code, offset) as the generated `verify` reports them: (0, 0) for a valid buffer.
pub fn verify(schema: &'static Schema, buf: &[u8]) -> (i32, i32) {
    match wxl_runtime::verify(buf, schema, &Options::default()) {
        Ok(_) => (0, 0),
        Err(e) => (i32::from(e.kind.code()), e.offset as i32),
    }
}

/// The hand-written logs buffer read with the runtime's reader: the values the generated
/// getters return in `logs_read`.
pub fn check_logs_reader(buffer: &[u8]) {
    let schema = tables(&super::schema("schemas/logs.wxl"));
    let verified = wxl_runtime::verify(buffer, schema, &Options::default()).expect("valid");
    let logs = verified.root_struct();
    let array = logs.get_array(0).expect("logs");
    assert_eq!(array.len(), 1);
    let log = array.get_struct(0).expect("log");
    assert_eq!(log.get_str(4), Some("-"));
    assert_eq!(log.get_str(8), Some("alice"));
    assert_eq!(log.get_str(12), Some(super::scenarios::DATE));
    assert_eq!(log.get_str(16), Some(super::scenarios::REQUEST));
    assert_eq!(log.get::<u16>(20, 0), 200);
    assert_eq!(log.get::<u64>(24, 0), 1234);
    assert_eq!(log.get::<u8>(0, 0), 192);
    assert_eq!(log.get::<u8>(1, 0), 168);
}

/// The hand-written shapes buffer read with the runtime's reader.
pub fn check_shapes_reader(buffer: &[u8]) {
    let schema = tables(&super::schema("schemas/shapes.wxl"));
    let verified = wxl_runtime::verify(buffer, schema, &Options::default()).expect("valid");
    let scene = verified.root_struct();
    assert_eq!(scene.get_str(0), Some("scene"));
    assert_eq!(scene.get_bytes(8), Some(&[1u8, 2, 3][..]));
    assert_eq!(scene.get::<u64>(16, 0), 99);
    let root = scene.get_struct(4).expect("root node");
    let children = root.get_array(4).expect("children");
    let a = children.get_struct(0).expect("node a");
    assert_eq!(a.get_any(12).i31_signed(), Some(42));
    assert_eq!(a.get::<u16>(10, 0), 100);
    let circle = a.get_struct(0).expect("circle");
    assert_eq!(circle.type_id(), Some(17));
    assert_eq!(circle.get::<f64>(16, 0.0), 2.5);
    assert_eq!(circle.get::<i32>(8, -1), 5);
}

/// The logs record built with the runtime's builder, in the same order as the scenarios.
pub fn logs_with_runtime_builder() -> Vec<u8> {
    let mut b = Builder::new();
    let identity = b.string("-");
    let userid = b.string("alice");
    let date = b.string(super::scenarios::DATE);
    let request = b.string(super::scenarios::REQUEST);
    let mut log = b.begin_struct(16, 8, 32);
    log.set::<u8>(0, 192).set::<u8>(1, 168).set::<u8>(2, 0).set::<u8>(3, 1);
    log.set_ref(4, identity).set_ref(8, userid).set_ref(12, date).set_ref(16, request);
    log.set::<u16>(20, 200).set::<u64>(24, 1234);
    let log: wxl_runtime::Ref = log.end();
    let array: wxl_runtime::Ref = b.ref_array(17, &[log]);
    let mut logs = b.begin_struct(18, 4, 4);
    logs.set_ref(0, array);
    let logs: wxl_runtime::Ref = logs.end();
    b.finish(logs, *b"LOGS").to_vec()
}
