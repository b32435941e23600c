//! `wxl build`: runs a back end and writes its files, or with `--check` compares them with what
//! is on disk (exit 1 naming the stale files).

use std::path::{Path, PathBuf};

use wxl_ir::GeneratedFiles;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Lang {
    /// One Rust module per schema (views, builders, casts, setters, verifier tables) over
    /// wxl-runtime.
    Rust,
    /// One C99 header per schema (`static inline` accessors, builders, tables); compile it with
    /// runtime-c.
    C,
    /// A WebAssembly module (`.wat` and `.wasm`) with accessors over linear memory, and the
    /// schema's GC types (`.types.wat`).
    Wasm,
}

/// What `wxl build` was asked for.
pub struct BuildOptions {
    pub lang: Lang,
    /// Compare instead of writing.
    pub check: bool,
    /// Rust: the owned object API.
    pub object_api: bool,
}

pub fn run(options: &BuildOptions, out: &Path, files: &[PathBuf], config: &wxl_check::Config) -> bool {
    let mut ok = true;
    for file in files {
        let compilation = wxl_check::compile_file(file, config);
        crate::diagnostics::emit(&compilation);
        let Some(schema) = &compilation.schema else {
            ok = false;
            continue;
        };
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let generated = generate(options, schema, &stem, file);
        ok &= if options.check { compare(out, &generated) } else { write(out, &generated) };
    }
    ok
}

fn generate(options: &BuildOptions, schema: &wxl_ir::Schema, stem: &str, file: &Path) -> GeneratedFiles {
    let module_name = stem.to_string();
    match options.lang {
        Lang::Rust => {
            let mut rust = wxl_codegen_rust::Options::new(module_name);
            rust.object_api = options.object_api;
            rust.source_name = Some(file.display().to_string());
            wxl_codegen_rust::generate(schema, &rust)
        }
        Lang::C => wxl_codegen_c::generate(schema, &wxl_codegen_c::Options::new(module_name)),
        Lang::Wasm => wxl_codegen_wasm::generate(schema, &wxl_codegen_wasm::Options { module_name }),
    }
}

fn write(out: &Path, generated: &GeneratedFiles) -> bool {
    for (name, contents) in generated {
        let path = out.join(name);
        let result = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&path, contents));
        if let Err(error) = result {
            eprintln!("error: cannot write `{}`: {error}", path.display());
            return false;
        }
    }
    true
}

fn compare(out: &Path, generated: &GeneratedFiles) -> bool {
    let stale: Vec<String> = generated
        .iter()
        .filter(|(name, contents)| std::fs::read(out.join(name)).ok().as_deref() != Some(contents.as_slice()))
        .map(|(name, _)| out.join(name).display().to_string())
        .collect();
    for path in &stale {
        eprintln!("error: `{path}` is stale: run `wxl build` again");
    }
    stale.is_empty()
}
