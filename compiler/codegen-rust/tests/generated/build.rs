//! Generates a module (object API included) for every example schema (`schemas/`) and every
//! codegen test case (`tests/cases/codegen-rust/`).

use std::path::{Path, PathBuf};

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
    Ok(())
}
