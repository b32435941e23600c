//! Loading the case folders of tests/cases/compat, shared by the snapshot and evolution tests.

use std::path::{Path, PathBuf};

use wxl_check::{compile, Compilation, Config, MemLoader};
use wxl_compat::{compare_compilations, Direction, Finding, Sources};

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn case_folders() -> Vec<PathBuf> {
    let root = workspace().join("tests/cases/compat");
    let mut list: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/cases/compat")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    list.sort();
    assert!(!list.is_empty(), "no cases in {}", root.display());
    list
}

/// Compiles `name` with every file of the folder loadable under its bare name, so rendered
/// output shows short, machine-independent paths.
fn compile_in(folder: &Path, name: &str) -> Compilation {
    let mut loader = MemLoader::default();
    for entry in std::fs::read_dir(folder).expect("case folder") {
        let path = entry.expect("entry").path();
        if path.is_file() {
            loader.files.insert(PathBuf::from(path.file_name().expect("name")), std::fs::read(&path).expect("read"));
        }
    }
    let compilation = compile(Path::new(name), &loader, &Config::default());
    assert!(!compilation.has_errors(), "{}/{name} should be valid:\n{}", folder.display(), compilation.render_plain());
    compilation
}

pub struct Case {
    pub name: String,
    pub old: Compilation,
    pub new: Compilation,
}

impl Case {
    pub fn load(folder: &Path) -> Case {
        let name = folder.file_name().expect("name").to_string_lossy().into_owned();
        Case { name, old: compile_in(folder, "old.wxl"), new: compile_in(folder, "new.wxl") }
    }

    pub fn findings(&self, direction: Direction) -> Vec<Finding> {
        compare_compilations(&self.old, &self.new, direction).expect("both sides compile")
    }

    /// Both file databases, for rendering (the evolution test does not render).
    #[allow(dead_code)]
    pub fn sources(&self) -> Sources<'_> {
        Sources::new(&self.old.files, &self.new.files)
    }
}
