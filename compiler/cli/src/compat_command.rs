//! `wxl compat OLD NEW`: schema evolution checks (docs/COMPAT.md). Exit 0 when compatible in
//! the checked direction, 1 when a change breaks it, 2 on usage or schema errors.

use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::ValueEnum;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use wxl_check::{Compilation, Config, FsLoader, Loader};
use wxl_compat::render::Side;
use wxl_compat::{Direction, Finding, Rule, Severity, Sources};

#[derive(clap::Args)]
pub struct CompatArgs {
    /// OLD and NEW schema files or folders (folders: files matched by relative path); with
    /// --against, only NEW.
    #[arg(required = true, num_args = 1..=2, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Which exchanges must keep working: backward (new readers, old buffers), forward (old
    /// readers, new buffers) or full (both).
    #[arg(long, value_enum, default_value_t = DirectionArg::Full)]
    direction: DirectionArg,
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Read OLD from a git revision: `git:REF` (git:main, git:HEAD~1); NEW is the one path.
    #[arg(long, value_name = "git:REF")]
    against: Option<String>,
    #[command(flatten)]
    common: crate::CommonArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum DirectionArg {
    Backward,
    Forward,
    Full,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Github,
}

/// Why the check could not run: exit 2.
enum Failure {
    Usage(String),
    /// Diagnostics were printed already.
    Schema,
}

pub fn run(args: &CompatArgs) -> ExitCode {
    match check(args) {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Schema) => ExitCode::from(2),
    }
}

/// One file compared: its old and new root paths (`None` when it exists on one side only).
struct Pair {
    old: Option<PathBuf>,
    new: Option<PathBuf>,
}

/// Both compilations of a pair, `None` for a missing side.
struct Compiled {
    old: Option<Compilation>,
    new: Option<Compilation>,
}

/// Returns whether a change breaks the checked direction.
fn check(args: &CompatArgs) -> Result<bool, Failure> {
    let direction = match args.direction {
        DirectionArg::Backward => Direction::Backward,
        DirectionArg::Forward => Direction::Forward,
        DirectionArg::Full => Direction::Full,
    };
    let (pairs, old_loader, old_prefix): (Vec<Pair>, Box<dyn Loader>, String) = match &args.against {
        Some(against) => {
            let rev = against
                .strip_prefix("git:")
                .filter(|r| !r.is_empty())
                .ok_or_else(|| Failure::Usage(format!("--against takes `git:REF`, not `{against}`")))?;
            let [new] = args.paths.as_slice() else {
                return Err(Failure::Usage("with --against, give only the NEW path".into()));
            };
            let git = GitLoader::new(rev)?;
            (git.pairs(new)?, Box::new(git), format!("{rev}:"))
        }
        None => {
            let [old, new] = args.paths.as_slice() else {
                return Err(Failure::Usage("give OLD and NEW paths (or NEW and --against git:REF)".into()));
            };
            (fs_pairs(old, new)?, Box::new(FsLoader), String::new())
        }
    };
    let config = args.common.config();
    let compiled = compile_pairs(&pairs, old_loader.as_ref(), &config)?;
    let empty = SimpleFiles::new();
    let mut shown = HashSet::new();
    let mut findings: Vec<(Finding, Sources<'_>)> = Vec::new();
    for pair in &compiled {
        let sources = Sources {
            old: pair.old.as_ref().map_or(&empty, |c| &c.files),
            new: pair.new.as_ref().map_or(&empty, |c| &c.files),
            old_prefix: old_prefix.clone(),
        };
        for finding in compare_pair(pair, direction) {
            // A changed import is reported by every root that imports it: show it once.
            let key = (
                finding.rule,
                finding.message.clone(),
                finding.old_span.and_then(|s| sources.location(Side::Old, s)),
                finding.new_span.and_then(|s| sources.location(Side::New, s)),
            );
            if shown.insert(key) {
                findings.push((finding, sources.clone()));
            }
        }
    }
    print_findings(&findings, args.format, direction);
    Ok(findings.iter().any(|(f, _)| f.severity == Severity::Error))
}

fn compare_pair(pair: &Compiled, direction: Direction) -> Vec<Finding> {
    let empty = wxl_compat::empty_schema();
    match (&pair.old, &pair.new) {
        (Some(old), Some(new)) => wxl_compat::compare_compilations(old, new, direction).unwrap_or_default(),
        // A file on one side only: its own types were removed or added (file 0 is the root
        // file); its imports are compared as files of their own.
        (Some(old), None) => old.schema.as_ref().map_or(Vec::new(), |s| {
            let findings = wxl_compat::compare(s, &empty, direction);
            findings.into_iter().filter(|f| f.rule == Rule::TypeRemoved && f.old_span.is_some_and(|s| s.file == 0)).collect()
        }),
        (None, Some(new)) => new.schema.as_ref().map_or(Vec::new(), |s| {
            let findings = wxl_compat::compare(&empty, s, direction);
            findings.into_iter().filter(|f| f.rule == Rule::TypeAdded && f.new_span.is_some_and(|s| s.file == 0)).collect()
        }),
        (None, None) => Vec::new(),
    }
}

/// Compiles every side; prints the diagnostics of failed compilations and fails after all.
fn compile_pairs(pairs: &[Pair], old_loader: &dyn Loader, config: &Config) -> Result<Vec<Compiled>, Failure> {
    let mut failed = false;
    let mut compile = |path: &Option<PathBuf>, loader: &dyn Loader, which: &str| {
        let compilation = wxl_check::compile(path.as_ref()?, loader, config);
        if compilation.has_errors() {
            eprintln!("error: the {which} schema `{}` does not compile:", path.as_ref()?.display());
            crate::diagnostics::emit(&compilation);
            failed = true;
        }
        Some(compilation)
    };
    let compiled: Vec<Compiled> = pairs
        .iter()
        .map(|pair| Compiled { old: compile(&pair.old, old_loader, "old"), new: compile(&pair.new, &FsLoader, "new") })
        .collect();
    if failed {
        Err(Failure::Schema)
    } else {
        Ok(compiled)
    }
}

fn print_findings(findings: &[(Finding, Sources<'_>)], format: Format, direction: Direction) {
    let list: Vec<Finding> = findings.iter().map(|(f, _)| f.clone()).collect();
    match format {
        Format::Human => {
            let choice = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            };
            let stream = StandardStream::stdout(choice);
            let mut lock = stream.lock();
            let config = codespan_reporting::term::Config::default();
            for (finding, sources) in findings {
                let diagnostic = wxl_compat::render::diagnostic(finding, sources);
                if let Err(error) = codespan_reporting::term::emit_to_write_style(&mut lock, &config, sources, &diagnostic) {
                    println!("{}[{}]: {} (cannot show source: {error})", finding.severity.name(), finding.rule.id(), finding.message);
                }
            }
            drop(lock);
            print!("{}", wxl_compat::render::summary(&list, direction));
        }
        Format::Json => {
            let items: Vec<serde_json::Value> = findings
                .iter()
                .flat_map(|(f, s)| match wxl_compat::render::json_value(std::slice::from_ref(f), s) {
                    serde_json::Value::Array(items) => items,
                    other => vec![other],
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".into()));
        }
        Format::Github => {
            for (finding, sources) in findings {
                print!("{}", wxl_compat::render::github(std::slice::from_ref(finding), sources));
            }
        }
    }
}

/// Extensions compared in folders. Not `.wasm`: folders of schemas often hold build outputs.
fn is_schema(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "wxl" || e == "wat")
}

fn fs_pairs(old: &Path, new: &Path) -> Result<Vec<Pair>, Failure> {
    match (old.is_dir(), new.is_dir()) {
        (false, false) => {
            for path in [old, new] {
                if !path.is_file() {
                    return Err(Failure::Usage(format!("`{}` is not a file or folder", path.display())));
                }
            }
            Ok(vec![Pair { old: Some(old.to_path_buf()), new: Some(new.to_path_buf()) }])
        }
        (true, true) => {
            let (old_files, new_files) = (walk(old)?, walk(new)?);
            Ok(match_files(&old_files, &new_files, |rel| old.join(rel), |rel| new.join(rel)))
        }
        _ => Err(Failure::Usage("OLD and NEW must both be files or both be folders".into())),
    }
}

/// Pairs files by relative path, sorted.
fn match_files(old: &[PathBuf], new: &[PathBuf], old_path: impl Fn(&Path) -> PathBuf, new_path: impl Fn(&Path) -> PathBuf) -> Vec<Pair> {
    let mut all: Vec<&PathBuf> = old.iter().chain(new).collect();
    all.sort();
    all.dedup();
    all.into_iter()
        .map(|rel| Pair {
            old: old.contains(rel).then(|| old_path(rel)),
            new: new.contains(rel).then(|| new_path(rel)),
        })
        .collect()
}

/// Schema files under a folder, relative to it, sorted.
fn walk(root: &Path) -> Result<Vec<PathBuf>, Failure> {
    let mut found = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| Failure::Usage(format!("cannot read `{}`: {e}", folder.display())))?;
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if is_schema(&path) {
                found.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Reads the old files with `git show REV:./path`, paths relative to the current folder.
struct GitLoader {
    rev: String,
}

impl GitLoader {
    fn new(rev: &str) -> Result<GitLoader, Failure> {
        let output = git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])?;
        if !output.status.success() {
            return Err(Failure::Usage(format!("`{rev}` is not a git revision here")));
        }
        Ok(GitLoader { rev: rev.to_string() })
    }

    /// The pairs for NEW (a file or a folder) against the same path at the revision.
    fn pairs(&self, new: &Path) -> Result<Vec<Pair>, Failure> {
        if !new.is_dir() {
            if !new.is_file() {
                return Err(Failure::Usage(format!("`{}` is not a file or folder", new.display())));
            }
            return Ok(vec![Pair { old: Some(new.to_path_buf()), new: Some(new.to_path_buf()) }]);
        }
        let output = git(&["ls-tree", "-r", "--name-only", &self.rev, "--", &tree_path(new)])?;
        if !output.status.success() {
            return Err(Failure::Usage(format!("git ls-tree failed: {}", String::from_utf8_lossy(&output.stderr).trim())));
        }
        // ls-tree prints paths relative to the current folder; make them relative to NEW.
        let prefix = PathBuf::from(tree_path(new).trim_start_matches("./"));
        let old_files: Vec<PathBuf> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(PathBuf::from)
            .filter(|p| is_schema(p))
            .filter_map(|p| p.strip_prefix(&prefix).ok().map(Path::to_path_buf))
            .collect();
        let new_files = walk(new)?;
        Ok(match_files(&old_files, &new_files, |rel| new.join(rel), |rel| new.join(rel)))
    }
}

impl Loader for GitLoader {
    fn read(&self, path: &Path) -> std::io::Result<Vec<u8>> {
        let output = git(&["show", &format!("{}:{}", self.rev, tree_path(path))]).map_err(|_| std::io::Error::other("cannot run git"))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            let message = format!("not in {}: {}", self.rev, String::from_utf8_lossy(&output.stderr).trim());
            Err(std::io::Error::new(std::io::ErrorKind::NotFound, message))
        }
    }

    fn key(&self, path: &Path) -> PathBuf {
        normalize(path)
    }
}

fn git(args: &[&str]) -> Result<std::process::Output, Failure> {
    Command::new("git").args(args).output().map_err(|e| Failure::Usage(format!("cannot run git: {e}")))
}

/// A path as git's `REV:path` syntax wants it: `./` makes it relative to the current folder.
fn tree_path(path: &Path) -> String {
    let relative = match std::env::current_dir() {
        Ok(cwd) if path.is_absolute() => path.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    };
    let text = normalize(&relative).to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        "./".into()
    } else {
        format!("./{text}")
    }
}

/// Removes `.` and resolves `..` lexically (keeping leading `..`).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir if matches!(out.components().next_back(), Some(std::path::Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}
