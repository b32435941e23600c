//! Generates the Rust back end's module for every schema of schemas/ (wxl-build, as a user's
//! build script would), so the golden tests can build and read vectors with generated code.

use std::path::{Path, PathBuf};

fn main() -> Result<(), wxl_build::Error> {
    let dir = Path::new("../../schemas");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("schemas/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "wxl"))
        .collect();
    files.sort();
    wxl_build::Config::new().files(files).compile()?;
    Ok(())
}
