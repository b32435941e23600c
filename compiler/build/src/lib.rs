//! Compile wxl schemas to Rust from a build script, with no external binary.
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), wxl_build::Error> {
//!     wxl_build::Config::new().file("schemas/logs.wxl").object_api(true).compile()?;
//!     Ok(())
//! }
//! ```
//!
//! ```text
//! // src/lib.rs: defines `pub mod logs` from `$OUT_DIR/logs.rs`.
//! wxl_runtime::include_schema!("logs");
//! // or, without the macro:
//! include!(concat!(env!("OUT_DIR"), "/logs.rs"));
//! ```
//!
//! Each schema `dir/name.wxl` becomes `$OUT_DIR/name.rs`, holding one `pub mod name { ... }`
//! (the module of `wxl-codegen-rust`). Every file the compiler read, imports included, is
//! announced with `cargo:rerun-if-changed`, also when compiling fails, so fixing a schema
//! reruns the build script. Schema errors fail the build with the compiler's diagnostics, as
//! `wxl check` shows them; warnings become `cargo:warning` lines.

mod error;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use wxl_codegen_rust::{Embedding, Options};

pub use error::Error;

/// What to compile and how; `compile` does it.
#[derive(Clone, Debug)]
pub struct Config {
    files: Vec<PathBuf>,
    import_paths: Vec<PathBuf>,
    out_dir: Option<PathBuf>,
    object_api: bool,
    cargo_output: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config::new()
    }
}

impl Config {
    /// No files yet; output to `$OUT_DIR`; no object API; `cargo:` lines printed.
    pub fn new() -> Config {
        Config { files: Vec::new(), import_paths: Vec::new(), out_dir: None, object_api: false, cargo_output: true }
    }

    /// A schema to compile (relative paths are relative to the package root, where cargo runs
    /// build scripts).
    pub fn file(&mut self, path: impl AsRef<Path>) -> &mut Config {
        self.files.push(path.as_ref().to_path_buf());
        self
    }

    /// Several schemas.
    pub fn files<P: AsRef<Path>>(&mut self, paths: impl IntoIterator<Item = P>) -> &mut Config {
        self.files.extend(paths.into_iter().map(|p| p.as_ref().to_path_buf()));
        self
    }

    /// A folder searched for imports after the importing file's own folder.
    pub fn import_path(&mut self, dir: impl AsRef<Path>) -> &mut Config {
        self.import_paths.push(dir.as_ref().to_path_buf());
        self
    }

    /// Also generate the owned object API (`LogT` with `unpack` and `pack`).
    pub fn object_api(&mut self, enabled: bool) -> &mut Config {
        self.object_api = enabled;
        self
    }

    /// Write here instead of `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Config {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Print `cargo:rerun-if-changed` and `cargo:warning` lines (on by default; turn off outside
    /// build scripts).
    pub fn cargo_output(&mut self, enabled: bool) -> &mut Config {
        self.cargo_output = enabled;
        self
    }

    /// Compiles every file and writes one module per schema; returns the paths written (a file
    /// whose contents did not change is left alone, so nothing recompiles needlessly).
    pub fn compile(&self) -> Result<Vec<PathBuf>, Error> {
        self.compile_reporting(&mut std::io::stdout().lock())
    }

    /// `compile`, with the `cargo:` lines written to `cargo` (stdout for a build script).
    fn compile_reporting(&self, cargo: &mut dyn Write) -> Result<Vec<PathBuf>, Error> {
        let out_dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR").map(PathBuf::from).ok_or(Error::NoOutDir)?,
        };
        let modules = self.module_names()?;
        let mut failures = Vec::new();
        let mut written = Vec::new();
        for (module, path) in &modules {
            match self.compile_one(path, module, cargo) {
                Ok(code) => written.push(write_if_changed(&out_dir.join(format!("{module}.rs")), &code)?),
                Err(rendered) => failures.push((path.clone(), rendered)),
            }
        }
        if failures.is_empty() {
            Ok(written)
        } else {
            Err(Error::Schema { failures })
        }
    }

    /// Module name per file (the file stem, in snake case), refusing two files with one name.
    fn module_names(&self) -> Result<BTreeMap<String, PathBuf>, Error> {
        let mut modules: BTreeMap<String, PathBuf> = BTreeMap::new();
        for path in &self.files {
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let module = module_name(&stem);
            if let Some(first) = modules.insert(module.clone(), path.clone()) {
                return Err(Error::ModuleNameClash { module, first, second: path.clone() });
            }
        }
        Ok(modules)
    }

    /// The generated code of one schema, or its rendered diagnostics.
    fn compile_one(&self, path: &Path, module: &str, cargo: &mut dyn Write) -> Result<Vec<u8>, String> {
        let mut config = wxl_check::Config::default();
        config.import_paths.clone_from(&self.import_paths);
        let compilation = wxl_check::compile_file(path, &config);
        self.announce(path, &compilation, cargo);
        let Some(schema) = &compilation.schema else { return Err(compilation.render_plain()) };
        let mut options = Options::new(module);
        options.object_api = self.object_api;
        options.embedding = Embedding::Include;
        options.source_name = Some(path.display().to_string());
        let mut files = wxl_codegen_rust::generate(schema, &options);
        Ok(files.remove(&format!("{module}.rs")).unwrap_or_default())
    }

    /// `rerun-if-changed` for every file read (and the root file, even when it could not be
    /// read, so that creating it reruns the script); warnings as `cargo:warning`.
    fn announce(&self, path: &Path, compilation: &wxl_check::Compilation, stdout: &mut dyn Write) {
        if !self.cargo_output {
            return;
        }
        let _ = writeln!(stdout, "cargo:rerun-if-changed={}", path.display());
        for read in compilation.read_paths.iter().filter(|p| p.as_path() != path) {
            let _ = writeln!(stdout, "cargo:rerun-if-changed={}", read.display());
        }
        if compilation.schema.is_some() && !compilation.diagnostics.is_empty() {
            for line in compilation.render_plain().lines().filter(|l| !l.trim().is_empty()) {
                let _ = writeln!(stdout, "cargo:warning={line}");
            }
        }
    }
}

/// The module a schema file becomes: its stem in snake case (`access-log` gives `access_log`).
pub fn module_name(stem: &str) -> String {
    let mut name: String = stem.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '_' }).collect();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

fn write_if_changed(path: &Path, contents: &[u8]) -> Result<PathBuf, Error> {
    let io_error = |source| Error::Io { path: path.to_path_buf(), source };
    if std::fs::read(path).ok().as_deref() != Some(contents) {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io_error)?;
        }
        std::fs::write(path, contents).map_err(io_error)?;
    }
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests;
