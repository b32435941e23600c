//! Enums: variants matched by name, values compared. A closed enum's verifier accepts only its
//! declared values (`INVALID_ENUM`); an open one accepts every value of its repr.

use std::collections::HashMap;

use wxl_ir::{EnumIndex, EnumType};

use crate::context::Ctx;
use crate::finding::Breaks;
use crate::rules::Rule;

impl Ctx<'_> {
    pub fn compare_enum(&mut self, old_index: EnumIndex, new_index: EnumIndex) {
        let (a, b) = (self.old.enum_type(old_index), self.new.enum_type(new_index));
        let (old_span, new_span) = (a.origin.span, b.origin.span);
        if a.repr != b.repr {
            let message = format!(
                "enum `{}` changed its representation from `{}` to `{}`: fields and elements holding it change size or read other values",
                b.name,
                a.repr.name(),
                b.repr.name()
            );
            self.report(Rule::EnumReprChanged, Breaks::FULL, message)
                .old(old_span, format!("`{}`", a.repr.name()))
                .new_side(new_span, format!("`{}`", b.repr.name()));
        }
        if a.open != b.open {
            let (breaks, message) = if b.open {
                (Breaks::FORWARD, format!("enum `{}` became open: new writers may store undeclared values, which old verifiers reject (`INVALID_ENUM`)", b.name))
            } else {
                (Breaks::BACKWARD, format!("enum `{}` became closed: old buffers may hold undeclared values, which new verifiers reject (`INVALID_ENUM`)", b.name))
            };
            self.report(Rule::EnumOpennessChanged, breaks, message)
                .old(old_span, if a.open { "open" } else { "closed" })
                .new_side(new_span, if b.open { "open" } else { "closed" });
        }
        self.compare_variants(a, b);
    }

    fn compare_variants(&mut self, a: &EnumType, b: &EnumType) {
        let (old_span, new_span) = (a.origin.span, b.origin.span);
        let new_by_name: HashMap<&str, i128> = b.variants.iter().map(|v| (v.name.as_str(), v.value)).collect();
        let old_by_name: HashMap<&str, i128> = a.variants.iter().map(|v| (v.name.as_str(), v.value)).collect();
        let declared_new = |value: i128| b.variants.iter().any(|v| v.value == value);
        let declared_old = |value: i128| a.variants.iter().any(|v| v.value == value);
        let (old_anchors, new_anchors) = (self.old_anchors, self.new_anchors);
        let old_at = |name: &str| old_anchors.variant(old_span, name);
        let new_at = |name: &str| new_anchors.variant(new_span, name);
        for variant in &a.variants {
            match new_by_name.get(variant.name.as_str()) {
                Some(&value) if value == variant.value => {}
                Some(&value) => {
                    let message = format!(
                        "`{}::{}` changed its value from {} to {value}: each side reads the other's value as another variant",
                        b.name, variant.name, variant.value
                    );
                    let (at_old, at_new) = (old_at(&variant.name), new_at(&variant.name));
                    self.report(Rule::EnumValueChanged, Breaks::FULL, message)
                        .old(at_old, format!("was {}", variant.value))
                        .new_side(at_new, format!("now {value}"));
                }
                None => {
                    let renamed_to = b.variants.iter().find(|v| v.value == variant.value && !old_by_name.contains_key(v.name.as_str()));
                    if let Some(new_variant) = renamed_to {
                        let message = format!("`{}::{}` renamed to `{}` (value {})", b.name, variant.name, new_variant.name, variant.value);
                        let (at_old, at_new) = (old_at(&variant.name), new_at(&new_variant.name));
                        self.report(Rule::EnumVariantRenamed, Breaks::NONE, message)
                            .old(at_old, "old name")
                            .new_side(at_new, "new name");
                    } else if !declared_new(variant.value) {
                        let (breaks, why) = if b.open {
                            (Breaks::NONE, "the enum is open, so new readers get an undeclared value from old buffers")
                        } else {
                            (Breaks::BACKWARD, "old buffers may hold it, which new verifiers reject (`INVALID_ENUM`)")
                        };
                        let message = format!("`{}::{}` (value {}) removed: {why}", a.name, variant.name, variant.value);
                        let at_old = old_at(&variant.name);
                        self.report(Rule::EnumValueRemoved, breaks, message)
                            .old(at_old, "removed")
                            .new_side(new_span, format!("no variant has value {} now", variant.value));
                    }
                }
            }
        }
        for variant in &b.variants {
            let renamed = a.variants.iter().any(|v| v.value == variant.value && !new_by_name.contains_key(v.name.as_str()));
            if old_by_name.contains_key(variant.name.as_str()) || renamed || declared_old(variant.value) {
                continue;
            }
            let (rule, breaks, why) = if a.open {
                (Rule::EnumVariantAdded, Breaks::NONE, "the old enum is open, so old readers keep the value")
            } else {
                (Rule::EnumVariantAddedToClosed, Breaks::FORWARD, "the old enum is closed: old verifiers reject it (`INVALID_ENUM`)")
            };
            let message = format!("`{}::{}` (value {}) added: {why}", b.name, variant.name, variant.value);
            let at_new = new_at(&variant.name);
            self.report(rule, breaks, message)
                .old(old_span, format!("no variant had value {} before", variant.value))
                .new_side(at_new, "added");
        }
    }
}
