//! The C consumer (runtime-c/channel) against Rust producers in other processes: built with gcc
//! and clang, plain and under ASan/UBSan, it reads every message of a stream (copied or in
//! place), survives a hostile producer, and drains a producer killed mid-stream.

mod peer;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use peer::Peer;

const BOUND: Duration = Duration::from_secs(30);

/// Generate the C headers of the control block and of the test messages into `gen` (rewritten
/// only when they change, so make rebuilds only then).
fn generate_headers(gen: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::create_dir_all(gen).unwrap();
    for schema in [root.join("schemas/channel.wxl"), root.join("../../schemas/logs.wxl")] {
        let compiled = wxl_check::compile_file(&schema, &wxl_check::Config::default());
        assert!(!compiled.has_errors(), "{}", compiled.render_plain());
        let stem = schema.file_stem().unwrap().to_str().unwrap();
        let options = wxl_codegen_c::Options::new(stem);
        for (name, contents) in wxl_codegen_c::generate(compiled.schema.as_ref().unwrap(), &options) {
            let path = gen.join(name);
            if std::fs::read(&path).ok().as_ref() != Some(&contents) {
                std::fs::write(&path, contents).unwrap();
            }
        }
    }
}

/// `make` the C consumer in every configuration, once per test binary.
fn build_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("runtime-c-channel");
        let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../runtime-c/channel");
        generate_headers(&dir.join("gen"));
        let status = Command::new("make")
            .arg("-s")
            .arg("-C")
            .arg(&source)
            .arg(format!("BUILD={}", dir.display()))
            .status()
            .expect("run make (Debian packages: make gcc clang)");
        assert!(status.success(), "make -C runtime-c/channel failed");
        dir
    })
}

fn socket_path(name: &str) -> String {
    let path = std::env::temp_dir().join(format!("wxl-channel-c-{}-{name}.sock", std::process::id()));
    path.to_str().unwrap().to_string()
}

/// Start the C consumer listening on a fresh socket path; returns it and the path.
fn c_consumer(config: &str, name: &str, mode: &[&str]) -> (Peer, String) {
    let path = socket_path(name);
    let program = build_dir().join(config).join("consume");
    let mut args = vec![path.as_str()];
    args.extend_from_slice(mode);
    let consumer = Peer::spawn_program(&program, &args);
    assert_eq!(consumer.line(BOUND).as_deref(), Some("listening"));
    (consumer, path)
}

fn finish(mut consumer: Peer) -> Vec<String> {
    let lines = consumer.rest(BOUND);
    let status = consumer.wait(BOUND).expect("the C consumer exits");
    assert!(status.success(), "C consumer: {status}, output {lines:?}");
    lines
}

#[test]
fn every_build_reads_a_whole_stream() {
    for config in ["gcc", "clang", "gcc-san", "clang-san"] {
        let (consumer, path) = c_consumer(config, config, &["copy", "8"]);
        let _producer = Peer::spawn(&["produce", &path, "3000", "8"]);
        assert_eq!(finish(consumer), ["ok 3000"], "{config}");
    }
}

#[test]
fn in_place_reads_of_a_trusted_producer() {
    for config in ["gcc", "clang-san"] {
        let (consumer, path) = c_consumer(config, &format!("inplace-{config}"), &["inplace", "32"]);
        let _producer = Peer::spawn(&["produce", &path, "2000", "32"]);
        assert_eq!(finish(consumer), ["ok 2000"], "{config}");
    }
}

#[test]
fn a_hostile_producer_under_the_sanitizers() {
    for config in ["gcc-san", "clang-san"] {
        let (consumer, path) = c_consumer(config, &format!("hostile-{config}"), &["hostile"]);
        let _evil = Peer::spawn(&["evil", &path, "1500"]);
        let lines = finish(consumer);
        let counts: Vec<u64> = lines[0].split(' ').skip(1).take(2).map(|n| n.parse().unwrap()).collect();
        eprintln!("{config}: {} accepted, {} rejected", counts[0], counts[1]);
        assert!(counts[0] > 0 && counts[1] > 0, "{lines:?}");
    }
}

#[test]
fn a_producer_killed_mid_stream_is_drained() {
    let (consumer, path) = c_consumer("gcc-san", "killed", &["copy", "8"]);
    let mut producer = Peer::spawn(&["produce", &path, "0", "8"]);
    std::thread::sleep(Duration::from_millis(300));
    producer.kill();
    // The consumer checks that it received exactly what was committed, then exits 0.
    let lines = finish(consumer);
    let count: u64 = lines[0].strip_prefix("ok ").unwrap().parse().unwrap();
    assert!(count > 0);
}
