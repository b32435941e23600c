//! The state of one comparison: both schemas, their matching and the findings so far.

use wxl_check::subtyping::heap_matches;
use wxl_ir::{HeapType, Schema, StorageType};

use crate::anchors::Anchors;
use crate::finding::{Breaks, Finding};
use crate::matching::Matching;
use crate::rules::Rule;

pub(crate) struct Ctx<'a> {
    pub old: &'a Schema,
    pub new: &'a Schema,
    pub old_anchors: &'a Anchors,
    pub new_anchors: &'a Anchors,
    pub map: Matching,
    pub findings: Vec<Finding>,
}

impl<'a> Ctx<'a> {
    pub fn new(old: &'a Schema, new: &'a Schema, old_anchors: &'a Anchors, new_anchors: &'a Anchors) -> Ctx<'a> {
        Ctx { old, new, old_anchors, new_anchors, map: Matching::build(old, new), findings: Vec::new() }
    }

    /// Records a finding; the caller adds its spans and labels.
    pub fn report(&mut self, rule: Rule, breaks: Breaks, message: String) -> &mut Finding {
        self.findings.push(Finding::new(rule, breaks, message));
        self.findings.last_mut().expect("just pushed")
    }

    pub fn old_name(&self, storage: StorageType) -> String {
        wxl_ir::display::storage_name(self.old, storage)
    }

    pub fn new_name(&self, storage: StorageType) -> String {
        wxl_ir::display::storage_name(self.new, storage)
    }

    /// Whether an old and a new heap type denote the same type (through the matching, and
    /// iso-recursive equivalence in the new schema).
    pub fn same_heap(&self, old: HeapType, new: HeapType) -> bool {
        match (self.map.heap_to_new(old), new) {
            (Some(HeapType::Concrete(a)), HeapType::Concrete(b)) => self.new.ty(a).canonical == self.new.ty(b).canonical,
            (Some(mapped), _) => mapped == new,
            (None, _) => false,
        }
    }

    /// The directions a change of a reference's heap type from `old` to `new` breaks, by the GC
    /// subtyping rules: BACKWARD holds when what old writers could store (objects of `old` and
    /// its subtypes) is accepted by new readers, i.e. `old <: new` in the new schema; FORWARD
    /// when `new <: old` in the old schema. A type without a partner breaks both.
    pub fn heap_breaks(&self, old: HeapType, new: HeapType) -> Breaks {
        let backward_ok = self.map.heap_to_new(old).is_some_and(|h| heap_matches(self.new, h, new));
        let forward_ok = self.map.heap_to_old(new).is_some_and(|h| heap_matches(self.old, h, old));
        Breaks { backward: !backward_ok, forward: !forward_ok }
    }
}
