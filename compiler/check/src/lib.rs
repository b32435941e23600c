//! Semantic analysis: loads a schema and its imports, lowers the syntax trees to the IR,
//! checks every rule of the WebAssembly GC type system plus wxl's own, and computes the layout.
//!
//! All errors are reported, not only the first: each pass goes on after an error with a
//! placeholder, and the schema is returned only when there were none.

pub mod canon;
pub mod codes;
pub mod driver;
mod lower;
pub mod subtyping;

use std::path::{Path, PathBuf};

use codespan_reporting::diagnostic::Severity;
use codespan_reporting::files::SimpleFiles;
use wxl_ir::Schema;
use wxl_syntax::Diagnostic;

pub use driver::{Config, FsLoader, Loader, MemLoader};

/// The outcome of compiling one root schema file.
pub struct Compilation {
    /// The checked schema with its layout; `None` when there were errors.
    pub schema: Option<Schema>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every file read, in dependency order, for rendering diagnostics.
    pub files: SimpleFiles<String, String>,
    /// Every path read (imports included), for `cargo:rerun-if-changed`.
    pub read_paths: Vec<PathBuf>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.severity >= Severity::Error)
    }

    /// The diagnostics as codespan renders them, without colour.
    pub fn render_plain(&self) -> String {
        let config = codespan_reporting::term::Config::default();
        let mut out = String::new();
        for diagnostic in &self.diagnostics {
            match codespan_reporting::term::emit_to_string(&mut out, &config, &self.files, diagnostic) {
                Ok(()) => {}
                Err(error) => out.push_str(&format!("{}: {} (cannot show source: {error})\n", severity_word(diagnostic.severity), diagnostic.message)),
            }
        }
        out
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Bug | Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
        Severity::Help => "help",
    }
}

/// Compiles a schema file from the file system.
pub fn compile_file(path: &Path, config: &Config) -> Compilation {
    compile(path, &FsLoader, config)
}

/// Compiles a schema file read through `loader`.
pub fn compile(root: &Path, loader: &dyn Loader, config: &Config) -> Compilation {
    let loaded = driver::load(root, loader, config);
    let mut diagnostics = loaded.diagnostics;
    let mut schema = lower::Lowerer::new(&mut diagnostics).lower(&loaded.files);
    canon::canonicalize(&mut schema);
    canon::assign_ids(&mut schema, &mut diagnostics);
    subtyping::check_all(&schema, &mut diagnostics);
    let has_errors = diagnostics.iter().any(|d| d.severity >= Severity::Error);
    if !has_errors {
        if let Err(too_large) = wxl_ir::layout::compute(&mut schema) {
            diagnostics.extend(too_large.into_iter().map(|(name, span)| layout_too_large(name, span)));
        }
    }
    for diagnostic in &mut diagnostics {
        driver::binary_labels_to_notes(diagnostic, &loaded.binary_files);
    }
    let has_errors = diagnostics.iter().any(|d| d.severity >= Severity::Error);
    Compilation {
        schema: (!has_errors).then_some(schema),
        diagnostics,
        files: loaded.database,
        read_paths: loaded.read_paths,
    }
}

fn layout_too_large(name: String, span: wxl_syntax::Span) -> Diagnostic {
    Diagnostic::error()
        .with_code(codes::LAYOUT_TOO_LARGE)
        .with_message(format!("`{name}` is too large: its size does not fit in 32 bits"))
        .with_labels(vec![codespan_reporting::diagnostic::Label::primary(span.file, span.range())])
}
