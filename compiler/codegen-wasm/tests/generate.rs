//! The generator over every schema we have: the files it writes, their validity (wasmparser,
//! with exactly the features `features()` names, each of them needed), acceptance by
//! wasmtime, the shared-memory variant, and snapshots of the generated text.

mod common;

use std::path::{Path, PathBuf};

use wasmtime::{ExternType, Module};
use wxl_codegen_wasm::{features, generate, generate_module, validate, MemoryImport, Options, WasmFeatures};

fn schema_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["schemas", "tests/cases/check/valid", "tests/cases/wasm-backend"] {
        let mut list: Vec<PathBuf> = std::fs::read_dir(common::workspace().join(folder))
            .expect("folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "wxl"))
            .collect();
        list.sort();
        files.extend(list);
    }
    assert!(files.len() >= 10, "few schemas found: {files:?}");
    files
}

fn compile(path: &Path) -> wxl_ir::Schema {
    let compilation = wxl_check::compile_file(path, &wxl_check::Config::default());
    let rendered = compilation.render_plain();
    compilation.schema.unwrap_or_else(|| panic!("{}:\n{rendered}", path.display()))
}

/// Each named feature flag of `set`.
fn flags(set: WasmFeatures) -> Vec<(&'static str, WasmFeatures)> {
    set.iter_names().collect()
}

#[test]
fn every_schema_generates_a_valid_minimal_module() {
    let engine = common::engine();
    for path in schema_files() {
        let schema = compile(&path);
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let files = generate(&schema, &Options { module_name: stem.clone() });
        let names: Vec<&String> = files.keys().collect();
        assert_eq!(names, [&format!("{stem}.types.wat"), &format!("{stem}.wasm"), &format!("{stem}.wat")]);
        let wasm = &files[&format!("{stem}.wasm")];
        // the .wat is the source of the .wasm
        let wat_text = String::from_utf8(files[&format!("{stem}.wat")].clone()).unwrap();
        assert_eq!(&wat::parse_str(&wat_text).unwrap(), wasm, "{stem}: .wasm is the assembled .wat");
        // valid with exactly its features, and each of them is needed
        let needed = features(&schema, MemoryImport::Plain);
        validate(wasm, needed).unwrap_or_else(|e| panic!("{stem}: {e}"));
        for (name, flag) in flags(needed) {
            assert!(
                validate(wasm, needed.difference(flag)).is_err(),
                "{stem}: the module validates without {name}: not needed"
            );
        }
        Module::new(&engine, wasm).unwrap_or_else(|e| panic!("{stem}: wasmtime rejects the module: {e:?}"));
        // the types file is a module of the same types
        let types = String::from_utf8(files[&format!("{stem}.types.wat")].clone()).unwrap();
        let types_wasm = wat::parse_str(&types).unwrap_or_else(|e| panic!("{stem}.types.wat: {e}"));
        validate(&types_wasm, needed).unwrap_or_else(|e| panic!("{stem}.types.wat: {e}"));
        Module::new(&engine, &types_wasm).unwrap_or_else(|e| panic!("{stem}.types.wat: {e:?}"));
        // generating twice gives the same bytes
        assert_eq!(generate(&schema, &Options { module_name: stem.clone() }), files, "{stem}: deterministic");
    }
}

#[test]
fn features_follow_the_schema() {
    let logs = common::schema("schemas/logs.wxl");
    let base = features(&logs, MemoryImport::Plain);
    assert!(!base.contains(WasmFeatures::SIMD) && !base.contains(WasmFeatures::THREADS));
    assert!(base.contains(WasmFeatures::GC) && base.contains(WasmFeatures::BULK_MEMORY_OPT));
    let defaults = common::schema("tests/cases/wasm-backend/defaults.wxl");
    assert!(features(&defaults, MemoryImport::Plain).contains(WasmFeatures::SIMD), "v128 needs SIMD");
    let shared = features(&logs, MemoryImport::Shared { maximum_pages: 16 });
    assert!(shared.contains(WasmFeatures::THREADS));
}

/// The shared-memory variant: one module instance per thread over one shared memory, each
/// with its own scratch, verifying and reading the same buffer at the same time.
#[test]
fn shared_memory_threads() {
    let schema = common::schema("schemas/logs.wxl");
    let files = generate_module(&schema, &Options { module_name: "logs".into() }, MemoryImport::Shared { maximum_pages: 16 });
    let wasm = files["logs.wasm"].clone();
    let needed = features(&schema, MemoryImport::Shared { maximum_pages: 16 });
    validate(&wasm, needed).expect("valid with threads");
    assert!(validate(&wasm, needed.difference(WasmFeatures::THREADS)).is_err());
    assert!(String::from_utf8(files["logs.wat"].clone()).unwrap().contains("(memory $memory 1 16 shared)"));
    let engine = common::engine();
    let module = Module::new(&engine, &wasm).expect("compile");
    let memory = wasmtime::SharedMemory::new(&engine, wasmtime::MemoryType::shared(1, 16)).expect("shared memory");
    let buffer = common::scenarios::logs_buffer();
    const BUF: usize = 0x1000;
    for (i, byte) in buffer.iter().enumerate() {
        // SAFETY: no other thread runs yet; the cells are plain bytes.
        unsafe { *memory.data()[BUF + i].get() = *byte };
    }
    let len = buffer.len() as i32;
    let threads: Vec<_> = (0..4)
        .map(|t| {
            let (engine, module, memory) = (engine.clone(), module.clone(), memory.clone());
            std::thread::spawn(move || {
                let mut store = wasmtime::Store::new(&engine, ());
                let instance = wasmtime::Instance::new(&mut store, &module, &[memory.into()]).expect("instance");
                let verify = instance.get_typed_func::<(i32, i32, i32), i32>(&mut store, "verify").unwrap();
                let size = instance.get_typed_func::<(i32, i32), i64>(&mut store, "Log.size").unwrap();
                let scratch = 0x100 + 0x40 * t;
                for _ in 0..200 {
                    assert_eq!(verify.call(&mut store, (BUF as i32, len, scratch)).unwrap(), 0);
                    assert_eq!(size.call(&mut store, (BUF as i32, 100)).unwrap(), 1234);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("thread");
    }
}

/// Snapshots live in tests/snapshots/wasm-backend/ (an absolute path: insta resolves a
/// relative one against a workspace root it may fail to find while other crates' manifests
/// are broken, and would then write elsewhere).
fn snapshot(name: &str, contents: &str) {
    insta::with_settings!({
        snapshot_path => common::workspace().join("tests/snapshots/wasm-backend"),
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, contents);
    });
}

#[test]
fn snapshot_logs_wat() {
    let files = common::generated("schemas/logs.wxl");
    snapshot("logs.wat", std::str::from_utf8(&files["logs.wat"]).unwrap());
}

#[test]
fn snapshot_types() {
    for path in ["schemas/logs.wxl", "schemas/mesh.wxl", "schemas/shapes.wxl", "tests/cases/wasm-backend/bridge.wxl"] {
        let stem = Path::new(path).file_stem().unwrap().to_string_lossy().into_owned();
        let files = common::generated(path);
        let name = format!("{stem}.types.wat");
        snapshot(&name, std::str::from_utf8(&files[&name]).unwrap());
    }
}

/// A value type's text without the engine's internal type index (`VMSharedTypeIndex(3)`).
fn stable(text: &str) -> String {
    let mut out = text.to_string();
    while let Some(start) = out.find(" VMSharedTypeIndex(") {
        let end = start + out[start..].find(')').expect("closing paren") + 1;
        out.replace_range(start..end, "");
    }
    out
}

/// The export list (name and signature) of the module for each example schema: the API a
/// guest imports, reviewed as a snapshot.
#[test]
fn snapshot_exports() {
    let engine = common::engine();
    for path in ["schemas/logs.wxl", "schemas/mesh.wxl", "schemas/shapes.wxl", "tests/cases/wasm-backend/bridge.wxl"] {
        let stem = Path::new(path).file_stem().unwrap().to_string_lossy().into_owned();
        let files = common::generated(path);
        let module = Module::new(&engine, &files[&format!("{stem}.wasm")]).unwrap();
        let mut lines = Vec::new();
        for export in module.exports() {
            let ExternType::Func(ty) = export.ty() else { panic!("{} is not a function", export.name()) };
            let params: Vec<String> = ty.params().map(|t| stable(&t.to_string())).collect();
            let results: Vec<String> = ty.results().map(|t| stable(&t.to_string())).collect();
            lines.push(format!("{}({}) -> ({})", export.name(), params.join(", "), results.join(", ")));
        }
        snapshot(&format!("{stem}.exports"), &lines.join("\n"));
    }
}

/// A type named like a runtime export prefix (`build`) is renamed (`build_`); names that match
/// runtime function ids (`s.find`, `v.object`, `load.item`...) or locals (`p`, `obj`, `buf`)
/// need no renaming: the generated module keeps them apart.
#[test]
fn colliding_names_are_kept_apart() {
    let files = common::generated("tests/cases/wasm-backend/names.wxl");
    let module = Module::new(&common::engine(), &files["names.wasm"]).expect("compiles");
    let exports: Vec<String> = module.exports().map(|e| e.name().to_string()).collect();
    for name in ["build.begin", "build_.begin", "build_.p", "build_.obj", "build__.v", "build_.v.v", "s.find", "v.object", "load.item", "store.any", "wxl.fail", "p.get", "build_.new"] {
        assert!(exports.iter().any(|e| e == name), "missing export {name}");
    }
    let mut sorted = exports.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), exports.len(), "duplicate export names");
}
