//! Compiling and running C against generated headers, with the flags the C back end promises.
//! A missing compiler is a failure, not a skip.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Warnings are errors, in the strictest standard mode.
pub const WARNINGS: &[&str] = &["-Wall", "-Wextra", "-Wpedantic", "-Werror"];
pub const SANITIZE: &[&str] = &[
    "-O1",
    "-g",
    "-fsanitize=address,undefined",
    "-fno-sanitize-recover=all",
    "-fno-omit-frame-pointer",
];

/// One compiler setup.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    pub cc: &'static str,
    pub std: &'static str,
    pub sanitize: bool,
}

impl Config {
    pub fn label(&self) -> String {
        format!(
            "{}-{}{}",
            self.cc,
            self.std,
            if self.sanitize { "-san" } else { "" }
        )
    }

    pub fn flags(&self) -> Vec<String> {
        let mut flags = vec![format!("-std={}", self.std)];
        flags.extend(WARNINGS.iter().map(|f| f.to_string()));
        if self.sanitize {
            flags.extend(SANITIZE.iter().map(|f| f.to_string()));
        } else {
            flags.push("-O2".into());
        }
        flags
    }
}

/// gcc and clang, C99 and C11, plain and with ASan/UBSan.
pub fn all_configs() -> Vec<Config> {
    let mut list = Vec::new();
    for cc in ["gcc", "clang"] {
        for std in ["c99", "c11"] {
            for sanitize in [false, true] {
                list.push(Config { cc, std, sanitize });
            }
        }
    }
    list
}

pub fn runtime_include() -> PathBuf {
    super::workspace().join("runtime-c/include")
}

pub fn runtime_source() -> PathBuf {
    super::workspace().join("runtime-c/src/wxl.c")
}

/// Compiles `sources` into `out`; Err with the compiler's output when it fails.
pub fn compile(
    config: &Config,
    includes: &[&Path],
    sources: &[&Path],
    out: &Path,
) -> Result<(), String> {
    let mut command = Command::new(config.cc);
    command.args(config.flags());
    for include in includes {
        command.arg("-I").arg(include);
    }
    command.args(sources).arg("-o").arg(out);
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot run {} (install gcc and clang): {e}", config.cc));
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{} failed:\n{}{}",
            config.label(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

/// Runs a test program; panics with its output unless it exits with 0.
pub fn run(program: &Path) -> String {
    let output = Command::new(program)
        .env("ASAN_OPTIONS", "detect_leaks=1")
        .env("UBSAN_OPTIONS", "print_stacktrace=1")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.status.success(),
        "{} failed ({}):\n{text}",
        program.display(),
        output.status
    );
    text
}

/// A fresh folder under cargo's scratch directory, private to this process (test runs may
/// overlap on a shared target directory). It is removed when the test passes and kept, for
/// a look at the generated files, when it fails.
pub struct Scratch(PathBuf);

impl Scratch {
    pub fn new(name: &str) -> Scratch {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join("codegen-c")
            .join(format!("{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch folder");
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}
