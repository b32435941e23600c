//! Shared by the wxl-json tests: paths, schemas, and the case files of tests/cases/json/.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use wxl_ir::Schema;
use wxl_json::Context;

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn cases() -> PathBuf {
    workspace().join("tests/cases/json")
}

/// The schema a case folder is named after: `schemas/NAME.wxl`, else `tests/cases/json/NAME.wxl`.
pub fn schema_path(name: &str) -> PathBuf {
    let shipped = workspace().join("schemas").join(format!("{name}.wxl"));
    if shipped.exists() {
        shipped
    } else {
        cases().join(format!("{name}.wxl"))
    }
}

/// A checked schema, leaked so that contexts can borrow it for the whole test.
pub fn schema(name: &str) -> &'static Schema {
    let compilation = wxl_check::compile_file(&schema_path(name), &wxl_check::Config::default());
    let rendered = compilation.render_plain();
    Box::leak(Box::new(compilation.schema.unwrap_or_else(|| panic!("{name}: {rendered}"))))
}

pub fn context(name: &str) -> Context<'static> {
    Context::new(schema(name))
}

/// `(file stem, contents)` of the `.json` files in a folder, sorted by name.
pub fn json_files(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.expect("dir entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| {
            let stem = path.file_stem().expect("stem").to_string_lossy().into_owned();
            (stem, std::fs::read(&path).expect("read case"))
        })
        .collect();
    files.sort();
    files
}

/// Encodes a case and returns the buffer, failing the test with the rendered error.
pub fn encode(cx: &Context, json: &[u8]) -> Vec<u8> {
    wxl_json::encode(cx, None, json).unwrap_or_else(|e| panic!("{}", e.render(&String::from_utf8_lossy(json))))
}

/// The decoded buffer as pretty text.
pub fn decode_text(cx: &Context, buf: &[u8]) -> String {
    let value = wxl_json::decode(cx, None, buf).unwrap_or_else(|e| panic!("{e}"));
    wxl_json::json::to_pretty(&value)
}

/// JSON text normalised to the printer's layout (the tree is compared, not the spacing).
pub fn pretty(json: &[u8]) -> String {
    let value = wxl_json::json::parse(json).unwrap_or_else(|e| panic!("{e}"));
    wxl_json::json::to_pretty(&value)
}
