//! Data-driven tests: every folder of tests/cases/compat holds `old.wxl` and `new.wxl`. Each
//! pair is compared (FULL) and its human and JSON outputs are snapshotted in
//! tests/snapshots/compat. A folder named after a rule (`field_size_changed`) must trigger that
//! rule; a folder named `compatible*` must have no breaking finding; every rule must be
//! triggered by some folder; every rule must be documented in docs/COMPAT.md.

mod common;

use std::collections::BTreeSet;

use common::{case_folders, workspace, Case};
use wxl_compat::{render, Direction, Rule, Severity};

fn snapshot(name: &str, contents: &str) {
    insta::with_settings!({
        snapshot_path => "../../../tests/snapshots/compat",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, contents);
    });
}

fn rule_named(folder_name: &str) -> Option<Rule> {
    let id = folder_name.to_ascii_uppercase();
    Rule::ALL.iter().copied().find(|r| r.id() == id)
}

#[test]
fn cases_snapshot_and_trigger_their_rule() {
    let mut triggered = BTreeSet::new();
    for folder in case_folders() {
        let case = Case::load(&folder);
        let findings = case.findings(Direction::Full);
        let sources = case.sources();
        snapshot(&format!("{}-human", case.name), &render::human(&findings, &sources, Direction::Full));
        snapshot(&format!("{}-json", case.name), &render::json(&findings, &sources));
        let rules: BTreeSet<&str> = findings.iter().map(|f| f.rule.id()).collect();
        if let Some(rule) = rule_named(&case.name) {
            assert!(rules.contains(rule.id()), "case {} should trigger {}, got {rules:?}", case.name, rule.id());
        }
        if case.name.starts_with("compatible") {
            let breaking: Vec<&str> = findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.rule.id()).collect();
            assert!(breaking.is_empty(), "case {} should be compatible, got {breaking:?}", case.name);
        }
        triggered.extend(rules);
    }
    let missing: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).filter(|id| !triggered.contains(id)).collect();
    assert!(missing.is_empty(), "rules no case triggers: {missing:?}");
}

#[test]
fn every_rule_is_documented() {
    let doc = std::fs::read_to_string(workspace().join("docs/COMPAT.md")).expect("docs/COMPAT.md");
    // In the "## Rules" section, table rows start with "| `RULE_ID` |".
    let rules_section = doc.split_once("\n## Rules\n").expect("a `## Rules` section").1;
    let rules_section = rules_section.split("\n## ").next().unwrap_or_default();
    let documented: BTreeSet<&str> = rules_section
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .filter(|id| id.chars().all(|c| c.is_ascii_uppercase() || c == '_'))
        .collect();
    let ids: BTreeSet<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
    let undocumented: Vec<&&str> = ids.difference(&documented).collect();
    let unknown: Vec<&&str> = documented.difference(&ids).collect();
    assert!(undocumented.is_empty(), "rules missing from docs/COMPAT.md: {undocumented:?}");
    assert!(unknown.is_empty(), "docs/COMPAT.md documents unknown rules: {unknown:?}");
    // Each rule has its test case folder, named in the table.
    for id in ids {
        let folder = workspace().join("tests/cases/compat").join(id.to_ascii_lowercase());
        assert!(folder.is_dir(), "rule {id} has no case folder {}", folder.display());
    }
}
