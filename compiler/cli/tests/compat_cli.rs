//! `wxl compat` end to end: exit codes, formats, directions, folders and `--against git:REF`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn wxl() -> Command {
    Command::new(env!("CARGO_BIN_EXE_wxl"))
}

fn cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases/compat")
}

fn run(command: &mut Command) -> (i32, String, String) {
    let Output { status, stdout, stderr } = command.output().expect("run wxl");
    (status.code().expect("exit code"), String::from_utf8_lossy(&stdout).into_owned(), String::from_utf8_lossy(&stderr).into_owned())
}

fn compat_case(name: &str, extra: &[&str]) -> (i32, String, String) {
    let folder = cases().join(name);
    run(wxl().arg("compat").arg(folder.join("old.wxl")).arg(folder.join("new.wxl")).args(extra))
}

/// A fresh folder under the system temp folder, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let n = COUNT.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("wxl-compat-cli-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("temp dir");
        TempDir(path)
    }

    fn write(&self, relative: &str, text: &str) {
        let path = self.0.join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn compatible_change_exits_0() {
    let (code, stdout, _) = compat_case("compatible", &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("note[FIELD_ADDED]"), "{stdout}");
    assert!(stdout.ends_with("compat FULL: 0 breaking changes, 0 warnings, 4 notes\n"), "{stdout}");
}

#[test]
fn breaking_change_exits_1_with_labels_in_both_files() {
    let (code, stdout, _) = compat_case("field_size_changed", &[]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("error[FIELD_SIZE_CHANGED]"), "{stdout}");
    assert!(stdout.contains("old.wxl:3:18") && stdout.contains("new.wxl:3:18"), "{stdout}");
}

#[test]
fn warnings_alone_exit_0() {
    let (code, stdout, _) = compat_case("default_value_changed", &[]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("warning[DEFAULT_VALUE_CHANGED]"), "{stdout}");
}

#[test]
fn direction_selects_what_fails() {
    // `ref null string` to `string` breaks BACKWARD only.
    assert_eq!(compat_case("ref_nullability_changed", &["--direction", "backward"]).0, 1);
    assert_eq!(compat_case("ref_nullability_changed", &["--direction", "full"]).0, 1);
    let (code, stdout, _) = compat_case("ref_nullability_changed", &["--direction", "forward"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(!stdout.contains("REF_NULLABILITY_CHANGED"), "{stdout}");
    // Widening a ref target breaks FORWARD only.
    assert_eq!(compat_case("ref_target_changed", &["--direction", "backward"]).0, 0);
    assert_eq!(compat_case("ref_target_changed", &["--direction", "forward"]).0, 1);
}

#[test]
fn json_has_rule_severity_breaks_and_both_locations() {
    let (code, stdout, _) = compat_case("field_signedness_changed", &["--format", "json"]);
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&stdout).expect("json");
    let finding = &value.as_array().expect("array")[0];
    assert_eq!(finding["rule"], "FIELD_SIGNEDNESS_CHANGED");
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["breaks"], serde_json::json!(["BACKWARD", "FORWARD"]));
    assert!(finding["old"]["file"].as_str().expect("old file").ends_with("old.wxl"));
    assert_eq!(finding["old"]["line"], 3);
    assert!(finding["new"]["file"].as_str().expect("new file").ends_with("new.wxl"));
    assert_eq!(finding["new"]["column"], 18);
}

#[test]
fn github_annotations() {
    let (code, stdout, _) = compat_case("enum_value_removed", &["--format", "github"]);
    assert_eq!(code, 1);
    let line = stdout.lines().find(|l| l.contains("ENUM_VALUE_REMOVED")).expect("annotation");
    assert!(line.starts_with("::error file="), "{line}");
    assert!(line.contains("new.wxl,line=3,col=1,title=ENUM_VALUE_REMOVED::"), "{line}");
    let (_, stdout, _) = compat_case("compatible", &["--format", "github"]);
    assert!(stdout.lines().all(|l| l.starts_with("::notice ")), "{stdout}");
}

#[test]
fn usage_and_schema_errors_exit_2() {
    let folder = cases().join("compatible");
    assert_eq!(run(wxl().arg("compat").arg(folder.join("old.wxl"))).0, 2, "one path without --against");
    assert_eq!(run(wxl().args(["compat", "--against", "main"]).arg(folder.join("new.wxl"))).0, 2, "not git:REF");
    assert_eq!(run(wxl().args(["compat", "--direction", "sideways"]).arg(folder.join("old.wxl")).arg(folder.join("new.wxl"))).0, 2);
    assert_eq!(run(wxl().arg("compat").arg(folder.join("old.wxl")).arg(folder.join("missing.wxl"))).0, 2);
    let temp = TempDir::new();
    temp.write("broken.wxl", "package demo;\nstruct A { x: NoSuchType, }\n");
    let (code, _, stderr) = run(wxl().arg("compat").arg(folder.join("old.wxl")).arg(temp.0.join("broken.wxl")));
    assert_eq!(code, 2);
    assert!(stderr.contains("NoSuchType"), "the schema's diagnostics are printed: {stderr}");
}

const COMMON_V1: &str = "package common;\nvalue struct Money { cents: i64, }\n";
const COMMON_V2: &str = "package common;\nvalue struct Money { cents: i64, currency: u8, }\n";
const SHOP: &str = "package shop;\nimport \"common.wxl\";\nroot Order;\nstruct Order { total: common.Money, }\n";
const CART: &str = "package cart;\nimport \"common.wxl\";\nstruct Cart { sum: common.Money, }\n";

#[test]
fn folders_match_files_and_report_an_import_once() {
    let temp = TempDir::new();
    for (side, common) in [("old", COMMON_V1), ("new", COMMON_V2)] {
        temp.write(&format!("{side}/common.wxl"), common);
        temp.write(&format!("{side}/shop.wxl"), SHOP);
        temp.write(&format!("{side}/cart.wxl"), CART);
    }
    temp.write("old/gone.wxl", "package gone;\nstruct Legacy { id: u32, }\n");
    temp.write("new/fresh.wxl", "package fresh;\nstruct Novel { id: u32, }\n");
    let (code, stdout, stderr) = run(wxl().arg("compat").arg(temp.0.join("old")).arg(temp.0.join("new")).args(["--format", "json"]));
    assert_eq!(code, 1, "{stdout}{stderr}");
    let findings: Vec<serde_json::Value> = serde_json::from_str(&stdout).expect("json");
    let count = |rule: &str, text: &str| findings.iter().filter(|f| f["rule"] == rule && f["message"].as_str().is_some_and(|m| m.contains(text))).count();
    // Money is compared by common.wxl, shop.wxl and cart.wxl: one finding.
    assert_eq!(count("VALUE_STRUCT_CHANGED", "value struct `Money` changed"), 1, "{stdout}");
    assert_eq!(count("FIELD_SIZE_CHANGED", "Order.total"), 1, "{stdout}");
    assert_eq!(count("FIELD_SIZE_CHANGED", "Cart.sum"), 1, "{stdout}");
    assert_eq!(count("TYPE_REMOVED", "Legacy"), 1, "{stdout}");
    assert_eq!(count("TYPE_ADDED", "Novel"), 1, "{stdout}");
}

fn git(dir: &Path, args: &[&str]) {
    let (code, stdout, stderr) = run(Command::new("git").current_dir(dir).args(["-c", "user.name=wxl", "-c", "user.email=wxl@example.com"]).args(args));
    assert_eq!(code, 0, "git {args:?}: {stdout}{stderr}");
}

#[test]
fn against_a_git_revision() {
    let temp = TempDir::new();
    let repo = &temp.0;
    git(repo, &["init", "-q"]);
    temp.write("schemas/common.wxl", COMMON_V1);
    temp.write("schemas/shop.wxl", SHOP);
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "v1"]);
    let compat = |args: &[&str]| run(wxl().current_dir(repo).arg("compat").args(args));

    // Unchanged: compatible, for a file and for the folder.
    assert_eq!(compat(&["--against", "git:HEAD", "schemas/shop.wxl"]).0, 0);
    assert_eq!(compat(&["--against", "git:HEAD", "schemas"]).0, 0);

    // The import changes in the work tree: the old import is read from git too.
    temp.write("schemas/common.wxl", COMMON_V2);
    let (code, stdout, stderr) = compat(&["--against", "git:HEAD", "schemas/shop.wxl"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stdout.contains("error[FIELD_SIZE_CHANGED]") && stdout.contains("HEAD:schemas/shop.wxl"), "{stdout}");
    assert!(stdout.contains("error[VALUE_STRUCT_CHANGED]") && stdout.contains("HEAD:schemas/common.wxl"), "{stdout}");

    // Folders, run from inside one, and an older revision by name.
    git(repo, &["commit", "-q", "-am", "v2"]);
    let (code, stdout, _) = run(wxl().current_dir(repo.join("schemas")).args(["compat", "--against", "git:HEAD~1", ".", "--format", "json"]));
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("\"VALUE_STRUCT_CHANGED\""), "{stdout}");
    assert_eq!(compat(&["--against", "git:HEAD", "schemas"]).0, 0);

    // A revision that does not exist is a usage error.
    assert_eq!(compat(&["--against", "git:no-such-branch", "schemas"]).0, 2);
}
