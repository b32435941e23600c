//! Loading: reads the root schema file and its imports (through a [`Loader`], so tests can
//! work in memory), parses each with the front end its extension names, and orders them so
//! that every file comes after the files it imports.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::Label;
use codespan_reporting::files::SimpleFiles;
use wxl_syntax::ast::SourceFile;
use wxl_syntax::{Diagnostic, FileId, Span};

use crate::codes;

/// Where schema files come from.
pub trait Loader {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>>;
    /// A stable key for a path, so that one file imported twice is read once.
    fn key(&self, path: &Path) -> PathBuf;
}

/// Reads from the file system.
pub struct FsLoader;

impl Loader for FsLoader {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn key(&self, path: &Path) -> PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    }
}

/// Reads from a map of paths to contents (tests, fuzzing).
#[derive(Default)]
pub struct MemLoader {
    pub files: HashMap<PathBuf, Vec<u8>>,
}

impl Loader for MemLoader {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        self.files.get(&normalize(path)).cloned().ok_or_else(|| std::io::ErrorKind::NotFound.into())
    }

    fn key(&self, path: &Path) -> PathBuf {
        normalize(path)
    }
}

/// Removes `.` and resolves `..` lexically.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Settings of a compilation.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Folders searched for imports after the importing file's own folder.
    pub import_paths: Vec<PathBuf>,
}

/// One parsed file, in dependency order.
pub struct LoadedFile {
    pub file: FileId,
    pub path: PathBuf,
    pub tree: SourceFile,
}

/// The result of loading: files in order (imports first, the root file last), all read paths,
/// the file database for rendering, and the diagnostics so far.
pub struct Loaded {
    pub files: Vec<LoadedFile>,
    pub database: SimpleFiles<String, String>,
    pub read_paths: Vec<PathBuf>,
    pub diagnostics: Vec<Diagnostic>,
    /// Files that are binary modules: their spans are byte offsets, not text positions.
    pub binary_files: Vec<FileId>,
}

struct LoadState<'a> {
    loader: &'a dyn Loader,
    config: &'a Config,
    out: Loaded,
    /// Key → true once finished, false while its imports are being loaded.
    visited: HashMap<PathBuf, bool>,
}

pub fn load(root: &Path, loader: &dyn Loader, config: &Config) -> Loaded {
    let out = Loaded {
        files: Vec::new(),
        database: SimpleFiles::new(),
        read_paths: Vec::new(),
        diagnostics: Vec::new(),
        binary_files: Vec::new(),
    };
    let mut state = LoadState { loader, config, out, visited: HashMap::new() };
    state.load_file(root, None);
    state.out
}

impl LoadState<'_> {
    fn load_file(&mut self, path: &Path, imported_at: Option<Span>) {
        let key = self.loader.key(path);
        match self.visited.get(&key) {
            Some(true) => return,
            Some(false) => {
                self.error_at(imported_at, format!("import cycle through `{}`", path.display()));
                return;
            }
            None => {}
        }
        let bytes = match self.loader.read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                self.error_at(imported_at, format!("cannot read `{}`: {error}", path.display()));
                return;
            }
        };
        self.visited.insert(key.clone(), false);
        self.out.read_paths.push(path.to_path_buf());
        let (file, tree) = self.parse(path, bytes);
        for import in &tree.imports {
            let found = self.resolve_import(path, &import.path);
            self.load_file(&found, Some(import.span));
        }
        self.visited.insert(key, true);
        self.out.files.push(LoadedFile { file, path: path.to_path_buf(), tree });
    }

    fn resolve_import(&self, importer: &Path, name: &str) -> PathBuf {
        let beside = importer.parent().unwrap_or(Path::new("")).join(name);
        if self.loader.read(&beside).is_ok() {
            return beside;
        }
        for folder in &self.config.import_paths {
            let candidate = folder.join(name);
            if self.loader.read(&candidate).is_ok() {
                return candidate;
            }
        }
        beside
    }

    fn parse(&mut self, path: &Path, bytes: Vec<u8>) -> (FileId, SourceFile) {
        let name = path.display().to_string();
        let is_wasm = path.extension().is_some_and(|e| e == "wasm");
        if is_wasm {
            let text = format!("(binary WebAssembly module, {} bytes)\n", bytes.len());
            let file = self.out.database.add(name, text);
            self.out.binary_files.push(file);
            let parse = wxl_wasm_front::parse_wasm(file, &bytes);
            self.out.diagnostics.extend(parse.diagnostics);
            return (file, parse.tree);
        }
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let file = self.out.database.add(name, String::new());
                let message = format!("`{}` is not UTF-8 text: {error}", path.display());
                self.out.diagnostics.push(Diagnostic::error().with_code(codes::BAD_IMPORT).with_message(message));
                return (file, SourceFile::default());
            }
        };
        let file = self.out.database.add(name, text);
        let text = self.out.database.get(file).map(|f| f.source().clone()).unwrap_or_default();
        let is_wat = path.extension().is_some_and(|e| e == "wat" || e == "wast");
        let (tree, diagnostics) = if is_wat {
            let parse = wxl_wasm_front::parse_wat(file, &text);
            (parse.tree, parse.diagnostics)
        } else {
            let parse = wxl_syntax::parse(file, &text);
            (parse.tree, parse.diagnostics)
        };
        self.out.diagnostics.extend(diagnostics);
        (file, tree)
    }

    fn error_at(&mut self, span: Option<Span>, message: String) {
        let mut diagnostic = Diagnostic::error().with_code(codes::BAD_IMPORT).with_message(message);
        if let Some(span) = span {
            diagnostic = diagnostic.with_labels(vec![Label::primary(span.file, span.range())]);
        }
        self.out.diagnostics.push(diagnostic);
    }
}

/// A binary module has no text to point into: labels in `binary_files` become notes with
/// byte offsets.
pub fn binary_labels_to_notes(diagnostic: &mut Diagnostic, binary_files: &[FileId]) {
    let labels = std::mem::take(&mut diagnostic.labels);
    for label in labels {
        if !binary_files.contains(&label.file_id) {
            diagnostic.labels.push(label);
            continue;
        }
        let text = if label.message.is_empty() { String::new() } else { format!(": {}", label.message) };
        diagnostic.notes.push(format!("at byte offset {}{text}", label.range.start));
    }
}
