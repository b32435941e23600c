//! Compiles schemas/logs.wxl three ways into OUT_DIR: Rust (through wxl-build, the build.rs
//! API), C (a header from wxl-codegen-c, compiled with runtime-c and c/consumer.c), and WASM
//! (a module from wxl-codegen-wasm, run in wasmtime by src/wasm.rs).

use std::path::{Path, PathBuf};

const SCHEMA: &str = "../../schemas/logs.wxl";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    wxl_build::Config::new().file(SCHEMA).compile()?;

    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let compilation = wxl_check::compile_file(Path::new(SCHEMA), &wxl_check::Config::default());
    let schema = compilation.schema.as_ref().ok_or_else(|| compilation.render_plain())?;

    let c_dir = out.join("c");
    std::fs::create_dir_all(&c_dir)?;
    for (name, bytes) in wxl_codegen_c::generate(schema, &wxl_codegen_c::Options::new("logs")) {
        std::fs::write(c_dir.join(name), bytes)?;
    }
    cc::Build::new()
        .std("c99")
        .warnings_into_errors(true)
        .flag("-Wpedantic")
        .include(&c_dir)
        .include("../../runtime-c/include")
        .file("../../runtime-c/src/wxl.c")
        .file("c/consumer.c")
        .compile("wxl_demo_c");

    let options = wxl_codegen_wasm::Options { module_name: "logs".into() };
    for (name, bytes) in wxl_codegen_wasm::generate(schema, &options) {
        std::fs::write(out.join(name), bytes)?;
    }
    for path in ["c/consumer.c", "../../runtime-c/src/wxl.c", "../../runtime-c/include/wxl.h"] {
        println!("cargo:rerun-if-changed={path}");
    }
    Ok(())
}
