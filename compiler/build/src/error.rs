//! Why `Config::compile` failed, worded for a build log.

use std::fmt;
use std::path::PathBuf;

/// A failed compilation. `Debug` shows the same text as `Display`, because a build script that
/// returns `Err` from `main` prints its error with `Debug`.
pub enum Error {
    /// `$OUT_DIR` is not set (not running as a build script) and no `out_dir` was given.
    NoOutDir,
    /// Schemas with errors, and the compiler's rendered diagnostics for each.
    Schema { failures: Vec<(PathBuf, String)> },
    /// Two schema files would become modules with the same name.
    ModuleNameClash { module: String, first: PathBuf, second: PathBuf },
    /// Writing a generated file failed.
    Io { path: PathBuf, source: std::io::Error },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoOutDir => f.write_str("wxl-build: OUT_DIR is not set; call `out_dir` outside build scripts"),
            Error::Schema { failures } => {
                let names: Vec<String> = failures.iter().map(|(path, _)| path.display().to_string()).collect();
                writeln!(f, "wxl-build: cannot compile {}\n", names.join(", "))?;
                for (_, rendered) in failures {
                    f.write_str(rendered)?;
                }
                Ok(())
            }
            Error::ModuleNameClash { module, first, second } => write!(
                f,
                "wxl-build: `{}` and `{}` would both become module `{module}`; rename one",
                first.display(),
                second.display()
            ),
            Error::Io { path, source } => write!(f, "wxl-build: cannot write `{}`: {source}", path.display()),
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
