//! Shared by the tests: the workspace's paths, compiling schemas to headers, running C.

#![allow(dead_code)] // each test file uses a part

pub mod cc;

use std::path::{Path, PathBuf};

use wxl_ir::Schema;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `.wxl` files of a folder, sorted.
pub fn schema_files(folder: &Path) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "wxl"))
        .collect();
    list.sort();
    assert!(!list.is_empty(), "no schemas in {}", folder.display());
    list
}

/// The checked schema of a file (panics with the diagnostics when it has errors).
pub fn compile(path: &Path) -> Schema {
    let compilation = wxl_check::compile_file(path, &wxl_check::Config::default());
    let rendered = compilation.render_plain();
    compilation
        .schema
        .unwrap_or_else(|| panic!("{} does not compile:\n{rendered}", path.display()))
}

pub fn stem(path: &Path) -> String {
    path.file_stem()
        .expect("stem")
        .to_string_lossy()
        .into_owned()
}

/// The generated header of a schema file, module named after the file.
pub fn header(path: &Path) -> (String, String) {
    let schema = compile(path);
    let module = stem(path);
    let files = wxl_codegen_c::generate(&schema, &wxl_codegen_c::Options::new(module.clone()));
    let name = format!("{module}.h");
    let text = String::from_utf8(files[&name].clone()).expect("UTF-8 header");
    (name, text)
}
