//! Field lists compared by position (LAYOUT §4.2: a field is its offset). Names only serve to
//! tell a rename (same position, name not used elsewhere) from a move (the name is at another
//! position), a removal and an append.

use std::collections::HashMap;

use wxl_ir::{Field, RefType, Schema, StorageType};
use wxl_syntax::Span;

use crate::context::Ctx;
use crate::finding::Breaks;
use crate::rules::Rule;
use crate::slot::{Slot, SlotKind, SlotSide};

/// The struct or value struct that owns the fields.
pub(crate) struct Owner<'f> {
    pub old_name: &'f str,
    pub new_name: &'f str,
    pub old_span: Span,
    pub new_span: Span,
    /// A value struct: inline everywhere, so its field list cannot change at all.
    pub value: bool,
    /// `final` in either version.
    pub is_final: bool,
    /// Has subtypes in either version.
    pub has_subtypes: bool,
}

impl Ctx<'_> {
    pub fn compare_fields(&mut self, owner: &Owner<'_>, old: &[Field], new: &[Field]) {
        let old_pos: HashMap<&str, usize> = old.iter().enumerate().map(|(i, f)| (f.name.as_str(), i)).collect();
        let new_pos: HashMap<&str, usize> = new.iter().enumerate().map(|(i, f)| (f.name.as_str(), i)).collect();
        let layout_rule = |rule: Rule| if owner.value { Rule::ValueStructChanged } else { rule };

        for (i, (a, b)) in old.iter().zip(new).enumerate() {
            let renamed = a.name != b.name;
            if renamed && (new_pos.contains_key(a.name.as_str()) || old_pos.contains_key(b.name.as_str())) {
                continue; // part of a move, reported below
            }
            if renamed {
                let message = format!("field {i} of `{}` renamed from `{}` to `{}`: names are not part of the layout", owner.new_name, a.name, b.name);
                self.report(Rule::FieldRenamed, Breaks::NONE, message).old(a.span, "old name").new_side(b.span, "new name");
            }
            self.compare_slot(&field_slot(owner, a, b));
        }

        for (i, a) in old.iter().enumerate() {
            match new_pos.get(a.name.as_str()) {
                Some(&j) if j != i && a.offset == new[j].offset => {
                    // Moved in the declaration but not in the layout (it sat in padding, or its
                    // neighbours swapped sizes): readers find it where they did.
                    let message = format!(
                        "field `{}.{}` moved from position {i} to position {j}, but its offset ({}) is the same",
                        owner.new_name, a.name, a.offset
                    );
                    self.report(Rule::FieldsReordered, Breaks::NONE, message)
                        .old(a.span, format!("was field {i}"))
                        .new_side(new[j].span, format!("now field {j}"));
                    self.compare_slot(&field_slot(owner, a, &new[j]));
                }
                Some(&j) if j != i => {
                    let message = format!(
                        "field `{}.{}` moved from position {i} (offset {}) to position {j} (offset {})",
                        owner.new_name, a.name, a.offset, new[j].offset
                    );
                    self.report(layout_rule(Rule::FieldsReordered), Breaks::FULL, message)
                        .old(a.span, format!("was field {i}"))
                        .new_side(new[j].span, format!("now field {j}"));
                }
                Some(_) => {}
                None if i < new.len() && !old_pos.contains_key(new[i].name.as_str()) => {} // renamed
                None => self.field_removed(owner, a, i, new.len(), layout_rule(Rule::FieldRemoved)),
            }
        }

        for (j, b) in new.iter().enumerate() {
            if old_pos.contains_key(b.name.as_str()) || (j < old.len() && !new_pos.contains_key(old[j].name.as_str())) {
                continue; // kept, moved or renamed
            }
            if j < old.len() {
                let message = format!("field `{}.{}` inserted at position {j}, before existing fields: they move", owner.new_name, b.name);
                self.report(layout_rule(Rule::FieldsReordered), Breaks::FULL, message)
                    .old(old[j].span, format!("field {j} was `{}`", old[j].name))
                    .new_side(b.span, "inserted here");
            } else {
                self.field_appended(owner, b);
            }
        }
    }

    fn field_removed(&mut self, owner: &Owner<'_>, field: &Field, position: usize, new_len: usize, rule: Rule) {
        let at_end = position >= new_len;
        let (breaks, why) = if owner.value {
            (Breaks::FULL, "a value struct is inline: everything that holds it changes layout")
        } else if !at_end {
            (Breaks::FULL, "the fields after it move")
        } else if required(self.old, field.ty.storage) {
            (Breaks::FORWARD, "old readers require it (`REQUIRED_FIELD_ABSENT`) in new buffers")
        } else {
            (Breaks::FORWARD, "old readers read its default from new buffers, not the data; mark it `@deprecated` instead")
        };
        let message = format!("field `{}.{}` removed: {why}", owner.old_name, field.name);
        self.report(rule, breaks, message)
            .old(field.span, format!("field {position} was here"))
            .new_side(owner.new_span, format!("`{}` has {new_len} fields now", owner.new_name));
    }

    fn field_appended(&mut self, owner: &Owner<'_>, field: &Field) {
        let type_name = wxl_ir::display::field_type_name(self.new, field.ty);
        let (rule, breaks, why) = if owner.value {
            (Rule::ValueStructChanged, Breaks::FULL, "a value struct is inline: everything that holds it changes layout".to_string())
        } else if owner.is_final {
            (
                Rule::FieldAppendedToFinal,
                Breaks::FULL,
                "the struct is `final`, which declares its layout complete (LAYOUT §8 lets only non-final structs grow)".to_string(),
            )
        } else if owner.has_subtypes {
            (
                Rule::FieldAppendedToSupertype,
                Breaks::FULL,
                "the struct has subtypes: their own fields sit at that offset, so a supertype view misreads them".to_string(),
            )
        } else if required(self.new, field.ty.storage) {
            (
                Rule::RequiredFieldAppended,
                Breaks::BACKWARD,
                format!("`{type_name}` cannot be null: old buffers lack it and new verifiers reject them (`REQUIRED_FIELD_ABSENT`)"),
            )
        } else {
            (Rule::FieldAdded, Breaks::NONE, "old readers skip it, new readers read its default from old buffers".to_string())
        };
        let message = format!("field `{}.{}: {type_name}` appended: {why}", owner.new_name, field.name);
        self.report(rule, breaks, message)
            .old(owner.old_span, format!("`{}` ends here", owner.old_name))
            .new_side(field.span, format!("appended at offset {}", field.offset));
    }
}

fn field_slot<'f>(owner: &Owner<'f>, a: &'f Field, b: &'f Field) -> Slot<'f> {
    let kind = if owner.value { SlotKind::ValueField } else { SlotKind::Field };
    let side = |owner_name: &'f str, f: &'f Field| SlotSide {
        owner: owner_name,
        name: &f.name,
        ty: f.ty,
        offset: Some(f.offset),
        span: f.span,
        default: Some(f.default),
    };
    Slot { kind, old: side(owner.old_name, a), new: side(owner.new_name, b) }
}

/// Whether a stored value holds a non-null reference, directly or in a value struct: such a
/// field must be present (LAYOUT §4.2).
pub(crate) fn required(schema: &Schema, storage: StorageType) -> bool {
    match storage {
        StorageType::Ref(RefType { nullable, .. }) => !nullable,
        StorageType::Value(v) => schema.value_struct(v).fields.iter().any(|f| required(schema, f.ty.storage)),
        StorageType::Scalar(_) | StorageType::Enum(_) => false,
    }
}
