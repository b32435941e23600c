//! Generates every contender's code from its own schema language, with its own real tool, at
//! build time, so the bench measures what users of each format get:
//!
//! - wxl: `wxl-build` on `schemas/logs.wxl` and `mesh.wxl` (the repository's schemas).
//! - FlatBuffers: Debian's `flatc --rust` (2.0.8; the `flatbuffers` crate is pinned to match).
//! - planus: the planus code generator as a library (the same code `planus rust` runs).
//! - Cap'n Proto: Debian's `capnp` through the `capnpc` crate.
//! - wxl C reader: `c/read.c` over runtime-c's inline readers, with the `cc` crate.
//!
//! `setup.sh` installs flatc and capnp. Without them the build fails with a message saying so.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for path in ["schemas", "c/read.c", "../runtime-c/include/wxl.h"] {
        println!("cargo:rerun-if-changed={path}");
    }
    wxl_build::Config::new()
        .file("../schemas/logs.wxl")
        .file("../schemas/mesh.wxl")
        .compile()
        .unwrap_or_else(|e| panic!("wxl-build: {e}"));
    flatc(&out);
    planus(&out);
    capnp();
    c_reader();
}

fn flatc(out: &Path) {
    let status = Command::new("flatc")
        .args(["--rust", "-o"])
        .arg(out)
        .args(["schemas/log.fbs", "schemas/mesh.fbs"])
        .status();
    match status {
        Ok(s) if s.success() => {}
        Ok(s) => panic!("flatc --rust failed ({s})"),
        Err(e) => panic!("cannot run flatc ({e}): run bench/setup.sh (apt-get install flatbuffers-compiler)"),
    }
}

fn planus(out: &Path) {
    for name in ["log", "mesh"] {
        let schema = PathBuf::from(format!("schemas/{name}.fbs"));
        let declarations = planus_translation::translate_files(&[schema])
            .unwrap_or_else(|| panic!("planus cannot translate schemas/{name}.fbs"));
        // Unformatted: formatting needs rustfmt at build time and changes nothing compiled.
        let code = planus_codegen::generate_rust(&declarations, false).expect("planus codegen");
        std::fs::write(out.join(format!("{name}_planus.rs")), code).expect("write planus code");
    }
}

fn capnp() {
    let result = capnpc::CompilerCommand::new()
        .src_prefix("schemas")
        .file("schemas/log.capnp")
        .file("schemas/mesh.capnp")
        .run();
    if let Err(e) = result {
        panic!("capnp compile failed ({e}): run bench/setup.sh (apt-get install capnproto)");
    }
}

fn c_reader() {
    cc::Build::new()
        .file("c/read.c")
        .include("../runtime-c/include")
        .std("c99")
        .opt_level(3)
        .warnings(true)
        .extra_warnings(true)
        .warnings_into_errors(true)
        .compile("wxl_bench_read");
}
