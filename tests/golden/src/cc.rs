//! Compiling and running the C programs. Both gcc and clang build each program, with the
//! warning flags the C back end promises and with AddressSanitizer and UndefinedBehaviorSanitizer;
//! a missing compiler is a failure, not a skip.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::model::Flat;

pub const COMPILERS: [&str; 2] = ["gcc", "clang"];

const FLAGS: &[&str] = &[
    "-std=c99",
    "-Wall",
    "-Wextra",
    "-Wpedantic",
    "-Werror",
    "-O1",
    "-g",
    "-fsanitize=address,undefined",
    "-fno-sanitize-recover=all",
    "-fno-omit-frame-pointer",
];

/// The workspace root (this crate is tests/golden).
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Compiles `source` (which includes headers from `include`) with the C runtime into `out`.
pub fn compile(cc: &str, include: &Path, source: &Path, out: &Path) {
    let runtime = workspace().join("runtime-c");
    let output = Command::new(cc)
        .args(FLAGS)
        .arg("-I")
        .arg(include)
        .arg("-I")
        .arg(runtime.join("include"))
        .arg(source)
        .arg(runtime.join("src/wxl.c"))
        .arg("-o")
        .arg(out)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cc} (install gcc and clang): {e}"));
    assert!(
        output.status.success(),
        "{cc} could not compile {}:\n{}{}",
        source.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Runs a program; its standard output, or a panic with everything it said.
pub fn run(program: &Path, args: &[&Path]) -> String {
    let output = Command::new(program)
        .args(args)
        .env("ASAN_OPTIONS", "detect_leaks=1")
        .env("UBSAN_OPTIONS", "print_stacktrace=1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "{} {args:?} failed ({}):\n{stdout}{}",
        program.display(),
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

/// A file name under `dir` that no other thread of this process uses.
pub fn temp_file(dir: &Path, stem: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    dir.join(format!(
        "{stem}-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ))
}

/// What `dump` printed: the flat reading, or the verifier's `(code, offset)`.
pub fn parse_dump(text: &str) -> Result<Flat, (u32, u32)> {
    let mut flat = Flat::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split('\t').collect();
        match parts.as_slice() {
            ["error", code, offset] => {
                return Err((
                    code.parse().expect("error code"),
                    offset.parse().expect("error offset"),
                ));
            }
            [path, value] => {
                let previous = flat.insert(path.to_string(), value.to_string());
                assert!(previous.is_none(), "the C dump printed {path} twice");
            }
            _ => panic!("unexpected line from the C dump: {line:?}"),
        }
    }
    Ok(flat)
}

/// What `dump-batch` printed: one reading per buffer.
pub fn parse_batch(text: &str) -> Vec<Result<Flat, (u32, u32)>> {
    let mut readings = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(index) = line.strip_prefix('#') {
            assert_eq!(
                index.parse::<usize>().ok(),
                Some(readings.len() + usize::from(current.is_some())),
                "batch out of order"
            );
            if let Some(done) = current.take() {
                readings.push(parse_dump(&done));
            }
            current = Some(String::new());
        } else {
            let block = current.as_mut().expect("a batch starts with #0");
            block.push_str(line);
            block.push('\n');
        }
    }
    if let Some(done) = current {
        readings.push(parse_dump(&done));
    }
    readings
}

/// The input of `dump-batch`: each buffer preceded by its length (u32, little-endian).
pub fn batch_file(buffers: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    for buffer in buffers {
        out.extend_from_slice(&(buffer.len() as u32).to_le_bytes());
        out.extend_from_slice(buffer);
    }
    out
}
