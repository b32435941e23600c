//! Everything the pipeline's three languages need, generated from `schemas/logs.wxl` here:
//! - Rust: `$OUT_DIR/logs.rs` (wxl-build), for the producer;
//! - C: `$OUT_DIR/logs.h`, `channel.h` (the C back end), and the C consumer executable
//!   `$OUT_DIR/pipeline-consumer`, compiled with the system C compiler;
//! - WASM: `$OUT_DIR/logs.wasm` (the WASM back end's accessors) and `digest.wasm` (the module
//!   that reads messages with them, `wasm/digest.wat`).

use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let logs = root.join("../../schemas/logs.wxl");
    let channel = root.join("../../runtime-rs/channel/schemas/channel.wxl");
    let runtime_c = root.join("../../runtime-c");

    wxl_build::Config::new().file(&logs).compile().expect("logs.wxl compiles to Rust");

    for schema in [&logs, &channel] {
        let compiled = wxl_check::compile_file(schema, &wxl_check::Config::default());
        assert!(!compiled.has_errors(), "{}", compiled.render_plain());
        let schema_ir = compiled.schema.expect("no errors");
        let stem = schema.file_stem().unwrap().to_str().unwrap();
        write_all(&out, wxl_codegen_c::generate(&schema_ir, &wxl_codegen_c::Options::new(stem)));
        if stem == "logs" {
            let options = wxl_codegen_wasm::Options { module_name: "logs".into() };
            write_all(&out, wxl_codegen_wasm::generate(&schema_ir, &options));
        }
    }
    let digest = wat::parse_file(root.join("wasm/digest.wat")).expect("wasm/digest.wat assembles");
    std::fs::write(out.join("digest.wasm"), digest).unwrap();

    // The C consumer: a program of its own, built like any C program is.
    let sources = [
        root.join("c/consumer.c"),
        runtime_c.join("channel/wxl_channel.c"),
        runtime_c.join("src/wxl.c"),
    ];
    let exe = out.join("pipeline-consumer");
    let compiler = cc::Build::new().opt_level(2).get_compiler();
    let status = compiler
        .to_command()
        .args(["-std=c99", "-Wall", "-Wextra", "-Wpedantic", "-Werror"])
        .arg(format!("-I{}", out.display()))
        .arg(format!("-I{}", runtime_c.join("include").display()))
        .arg(format!("-I{}", runtime_c.join("channel").display()))
        .args(&sources)
        .arg("-o")
        .arg(&exe)
        .status()
        .expect("run the C compiler");
    assert!(status.success(), "compiling the C consumer failed");
    println!("cargo:rustc-env=WXL_PIPELINE_C_CONSUMER={}", exe.display());
    for path in sources.iter().chain([&root.join("wasm/digest.wat"), &channel, &runtime_c.join("include/wxl.h"), &runtime_c.join("channel/wxl_channel.h")]) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
}

fn write_all(out: &Path, files: std::collections::BTreeMap<String, Vec<u8>>) {
    for (name, contents) in files {
        std::fs::write(out.join(name), contents).unwrap();
    }
}
