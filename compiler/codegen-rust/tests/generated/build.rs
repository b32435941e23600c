//! Generates a module (object API included) for every example schema (`schemas/`) and every
//! codegen test case (`tests/cases/codegen-rust/`).

use std::path::{Path, PathBuf};

#[path = "../common/random_schema.rs"]
mod random_schema;

fn schemas(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "wxl"))
        .collect();
    files.sort();
    files
}

fn main() -> Result<(), wxl_build::Error> {
    let root = Path::new("../../../..");
    for dir in [root.join("schemas"), root.join("tests/cases/codegen-rust")] {
        // New schemas in these folders must rerun this script.
        println!("cargo:rerun-if-changed={}", dir.display());
        wxl_build::Config::new().files(schemas(&dir)).object_api(true).compile()?;
    }
    random_modules(RANDOM_MODULES)
}

/// How many random schemas (`random_0`..) to compile, so that rustc and clippy see the code of
/// field and type combinations no hand-written schema has.
const RANDOM_MODULES: usize = 4;

/// `random_0.rs`.. from the first seeds whose schemas pass the checks (the same every build).
fn random_modules(count: usize) -> Result<(), wxl_build::Error> {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    let dir = out.join("random-schemas");
    std::fs::create_dir_all(&dir).expect("a folder in OUT_DIR");
    let mut made = 0;
    for seed in 1.. {
        if made == count {
            return Ok(());
        }
        let path = dir.join(format!("random_{made}.wxl"));
        std::fs::write(&path, random_schema::random_schema(seed)).expect("write a schema");
        // Generated inputs: no `rerun-if-changed` (this script writes them every run).
        let compiled = wxl_build::Config::new().file(&path).object_api(true).cargo_output(false).compile();
        made += usize::from(compiled.is_ok());
    }
    Ok(())
}
