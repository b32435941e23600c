//! The example end to end, plus the other two schemas its build script compiled.

use wxl_example_rust_build::{mesh, shapes, summarize, write_logs, Request};
use wxl_runtime::Builder;

fn request(user: &str, code: u16, size: u64) -> Request<'_> {
    Request { address: [192, 168, 1, code as u8], user, request: "GET / HTTP/1.1", code, size }
}

#[test]
fn logs_summary_reads_back_what_was_written() {
    let mut builder = Builder::new();
    let buf = write_logs(&mut builder, &[request("a", 200, 10), request("b", 404, 20), request("a", 503, 5)]);
    let summary = summarize(&buf).expect("verifies");
    assert_eq!(summary.requests, 3);
    assert_eq!(summary.bytes, 35);
    assert_eq!(summary.errors, ["192.168.1.148 404 GET / HTTP/1.1", "192.168.1.247 503 GET / HTTP/1.1"]);
}

#[test]
fn shared_strings_are_written_once() {
    let mut builder = Builder::new();
    let one = write_logs(&mut builder, &[request("same", 200, 1)]).len();
    let many = write_logs(&mut builder, &[request("same", 200, 1), request("same", 200, 1)]).len();
    // The second record adds its struct, its request string and an array slot, no shared text.
    assert!(many - one < 80, "{one} then {many}");
}

#[test]
fn a_damaged_buffer_is_rejected() {
    let mut builder = Builder::new();
    let mut buf = write_logs(&mut builder, &[request("x", 200, 1)]);
    let last = buf.len() - 4;
    buf[last..].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
    assert!(summarize(&buf).is_err());
}

#[test]
fn mesh_and_shapes_modules_work_too() {
    let mut b = Builder::new();
    let v = mesh::Vector3Args { x: 1.0, y: 2.0, z: 3.0 };
    let triangles = mesh::ArrayOfTriangle::build(&mut b, &[mesh::TriangleArgs { v0: v, v1: v, v2: v, normal: v }]);
    let root = mesh::MeshArgs { triangles }.build(&mut b);
    let buf = mesh::finish(&mut b, root).to_vec();
    let triangle = mesh::root(&buf).expect("verifies").triangles().get(0).expect("one triangle");
    assert_eq!(triangle.normal().z(), 3.0);

    let mut b = Builder::new();
    let node = shapes::NodeArgs::default().build(&mut b);
    let (title, tags) = (b.string("empty"), shapes::ArrayOfString::build(&mut b, &[]));
    let scene = shapes::SceneArgs { title, root: node, thumbnail: None, frame: 9, tags }.build(&mut b);
    let buf = shapes::finish(&mut b, scene).to_vec();
    let scene = shapes::root(&buf).expect("verifies");
    assert_eq!((scene.title(), scene.frame(), scene.root().visible()), ("empty", 9, true));
}
