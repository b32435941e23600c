//! Schema evolution checks (`wxl compat`): compares an old and a new checked schema layout by
//! layout and reports every change that breaks zero-copy readers, with a rule id, a severity,
//! the directions it breaks and the place in both files. docs/COMPAT.md documents the rules.
//!
//! Definitions are matched by qualified name (package + name), struct fields by position,
//! enum variants by name. Directions follow the GC subtyping rules where types are involved:
//! BACKWARD holds when everything old writers could store is accepted and read the same by new
//! readers; FORWARD the other way round.

mod anchors;
mod context;
mod defaults;
mod enums;
mod fields;
mod finding;
mod header;
mod matching;
pub mod render;
mod rules;
mod slot;
mod types;

pub use anchors::Anchors;
pub use finding::{Breaks, Direction, Finding};
pub use render::Sources;
pub use rules::{Category, Rule, Severity};

use wxl_check::Compilation;
use wxl_ir::Schema;

/// Every difference between `old` and `new` that matters for `direction`: errors for changes
/// that break it, warnings and infos for the rest. Changes that only break a direction not
/// asked for are left out.
pub fn compare(old: &Schema, new: &Schema, direction: Direction) -> Vec<Finding> {
    compare_anchored(old, new, &Anchors::default(), &Anchors::default(), direction)
}

/// [`compare`], with the spans the IR does not keep (root and identifier statements, enum
/// variants) taken from each side's [`Anchors`].
pub fn compare_anchored(old: &Schema, new: &Schema, old_anchors: &Anchors, new_anchors: &Anchors, direction: Direction) -> Vec<Finding> {
    let mut ctx = context::Ctx::new(old, new, old_anchors, new_anchors);
    ctx.compare_header();
    ctx.compare_definitions();
    ctx.findings.into_iter().filter_map(|f| f.for_direction(direction)).collect()
}

/// Compares two compilations (anchors read from their files). `None` when either has errors:
/// print their diagnostics instead.
pub fn compare_compilations(old: &Compilation, new: &Compilation, direction: Direction) -> Option<Vec<Finding>> {
    let (old_schema, new_schema) = (old.schema.as_ref()?, new.schema.as_ref()?);
    let (old_anchors, new_anchors) = (Anchors::from_files(&old.files), Anchors::from_files(&new.files));
    Some(compare_anchored(old_schema, new_schema, &old_anchors, &new_anchors, direction))
}

/// Whether any finding breaks the checked direction.
pub fn is_breaking(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

/// A schema with nothing in it: the other side of a file that was added or removed.
pub fn empty_schema() -> Schema {
    Schema {
        package: None,
        docs: Vec::new(),
        identifier: None,
        root: None,
        rec_groups: Vec::new(),
        types: Vec::new(),
        value_structs: Vec::new(),
        enums: Vec::new(),
    }
}
