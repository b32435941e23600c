//! One stored value compared across versions: a struct field, a value-struct field or an array
//! element. Offsets, sizes, storage, signedness, references, mutability and defaults.

use wxl_ir::layout::storage_size_align;
use wxl_ir::{EnumIndex, FieldType, RefType, Schema, StorageType, Value, ValueIndex};
use wxl_syntax::Span;

use crate::context::Ctx;
use crate::defaults::effective_default;
use crate::finding::Breaks;
use crate::rules::Rule;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum SlotKind {
    Field,
    ValueField,
    Element,
}

/// One side of a slot.
pub(crate) struct SlotSide<'f> {
    /// The owning type's name.
    pub owner: &'f str,
    /// The field's name (unused for elements).
    pub name: &'f str,
    pub ty: FieldType,
    /// `None` for array elements.
    pub offset: Option<u32>,
    pub span: Span,
    /// `Some(default)` for fields: the `= value` written in the schema, if any.
    pub default: Option<Option<Value>>,
}

pub(crate) struct Slot<'f> {
    pub kind: SlotKind,
    pub old: SlotSide<'f>,
    pub new: SlotSide<'f>,
}

impl Slot<'_> {
    /// "field `Log.code`", "element of `Children`": how messages name the slot (new names).
    fn what(&self) -> String {
        match self.kind {
            SlotKind::Field => format!("field `{}.{}`", self.new.owner, self.new.name),
            SlotKind::ValueField => format!("field `{}.{}` of the value struct", self.new.owner, self.new.name),
            SlotKind::Element => format!("the element of array `{}`", self.new.owner),
        }
    }

    /// The rule for a size, storage or signedness change: arrays have their own.
    fn layout_rule(&self, field_rule: Rule) -> Rule {
        if self.kind == SlotKind::Element {
            Rule::ArrayElementChanged
        } else {
            field_rule
        }
    }
}

fn label(schema: &Schema, side: &SlotSide<'_>, kind: SlotKind, prefix: &str) -> String {
    let ty = wxl_ir::display::field_type_name(schema, side.ty);
    let size = storage_size_align(schema, side.ty.storage).0;
    match (kind, side.offset) {
        (SlotKind::Element, _) | (_, None) => format!("{prefix} `{ty}`, {size} bytes"),
        (_, Some(offset)) => format!("{prefix} `{}: {ty}` at offset {offset}, {size} bytes", side.name),
    }
}

impl Ctx<'_> {
    /// Reports every difference of one slot.
    pub fn compare_slot(&mut self, slot: &Slot<'_>) {
        let old_label = label(self.old, &slot.old, slot.kind, "was");
        let new_label = label(self.new, &slot.new, slot.kind, "now");
        let mut report = |ctx: &mut Ctx<'_>, rule: Rule, breaks: Breaks, message: String| {
            ctx.report(rule, breaks, message)
                .old(slot.old.span, old_label.clone())
                .new_side(slot.new.span, new_label.clone());
        };
        if let (Some(a), Some(b)) = (slot.old.offset, slot.new.offset) {
            if a != b {
                let message = format!("{} moved from offset {a} to offset {b}", slot.what());
                report(self, Rule::FieldOffsetChanged, Breaks::FULL, message);
            }
        }
        let same = self.compare_storage(slot, &mut report);
        if slot.old.ty.mutable != slot.new.ty.mutable {
            let change = if slot.new.ty.mutable { "is now mutable" } else { "is no longer mutable" };
            let message = format!(
                "{} {change}: the bytes are the same, but the WASM GC type differs and in-place setters {}",
                slot.what(),
                if slot.new.ty.mutable { "appear" } else { "disappear" }
            );
            report(self, Rule::MutabilityChanged, Breaks::NONE, message);
        }
        if same {
            if let (Some(a), Some(b)) = (slot.old.default, slot.new.default) {
                let old_default = effective_default(self.old, slot.old.ty.storage, a);
                let new_default = effective_default(self.new, slot.new.ty.storage, b);
                if let (Some(a), Some(b)) = (old_default, new_default) {
                    if a.key != b.key {
                        let message = format!(
                            "{}: the default changed from {} to {}; where the field is absent, old and new readers read different values",
                            slot.what(),
                            a.text,
                            b.text
                        );
                        report(self, Rule::DefaultValueChanged, Breaks::NONE, message);
                    }
                }
            }
        }
    }

    /// Compares what the slot stores; true when both sides read the bytes the same way.
    fn compare_storage(&mut self, slot: &Slot<'_>, report: &mut impl FnMut(&mut Self, Rule, Breaks, String)) -> bool {
        let (a, b) = (slot.old.ty.storage, slot.new.ty.storage);
        let (old_size, new_size) = (storage_size_align(self.old, a).0, storage_size_align(self.new, b).0);
        let (old_name, new_name) = (self.old_name(a), self.new_name(b));
        let spelled = if old_name == new_name {
            format!("the definition of `{new_name}` changed")
        } else {
            format!("`{old_name}` to `{new_name}`")
        };
        if old_size != new_size {
            let message = format!("{}: size changed from {old_size} to {new_size} bytes ({spelled})", slot.what());
            report(self, slot.layout_rule(Rule::FieldSizeChanged), Breaks::FULL, message);
            return false;
        }
        let storage_change = |breaks: Breaks, why: &str| (slot.layout_rule(Rule::FieldStorageChanged), breaks, format!("{}: storage changed ({spelled}){why}", slot.what()));
        let change = match (a, b) {
            (StorageType::Scalar(x), StorageType::Scalar(y)) if x == y => return true,
            (StorageType::Scalar(x), StorageType::Scalar(y)) if x.is_integer() && y.is_integer() => {
                let message = format!("{}: signedness changed ({spelled}): the same bytes read as other values", slot.what());
                (slot.layout_rule(Rule::FieldSignednessChanged), Breaks::FULL, message)
            }
            (StorageType::Enum(x), StorageType::Enum(y)) => {
                if self.map.enums.get(&x) == Some(&y) || self.enums_equivalent(x, y) {
                    return true; // a matched enum is compared on its own
                }
                storage_change(Breaks::FULL, ": another enum")
            }
            (StorageType::Scalar(s), StorageType::Enum(e)) if self.new.enum_type(e).repr == s => {
                // Old writers stored any integer; a closed enum's verifier accepts only its values.
                let closed = !self.new.enum_type(e).open;
                let breaks = if closed { Breaks::BACKWARD } else { Breaks::NONE };
                storage_change(breaks, if closed { ": old buffers may hold values the closed enum rejects" } else { "" })
            }
            (StorageType::Enum(e), StorageType::Scalar(s)) if self.old.enum_type(e).repr == s => {
                let closed = !self.old.enum_type(e).open;
                let breaks = if closed { Breaks::FORWARD } else { Breaks::NONE };
                storage_change(breaks, if closed { ": new writers may store values the old closed enum rejects" } else { "" })
            }
            (StorageType::Value(x), StorageType::Value(y)) => {
                if self.map.values.get(&x) == Some(&y) || self.values_equivalent(x, y) {
                    return true;
                }
                storage_change(Breaks::FULL, ": another value struct with another layout")
            }
            (StorageType::Ref(x), StorageType::Ref(y)) => return self.compare_refs(slot, x, y, report),
            _ => storage_change(Breaks::FULL, ""),
        };
        let (rule, breaks, message) = change;
        report(self, rule, breaks, message);
        false
    }

    fn compare_refs(&mut self, slot: &Slot<'_>, a: RefType, b: RefType, report: &mut impl FnMut(&mut Self, Rule, Breaks, String)) -> bool {
        let mut same = true;
        if a.nullable != b.nullable {
            let (breaks, message) = if a.nullable {
                (Breaks::BACKWARD, format!("{} is no longer nullable: old buffers may hold null there (`NULL_REF`)", slot.what()))
            } else {
                (Breaks::FORWARD, format!("{} became nullable: new writers may store null, which old readers reject (`NULL_REF`)", slot.what()))
            };
            report(self, Rule::RefNullabilityChanged, breaks, message);
            same = false;
        }
        if !self.same_heap(a.heap, b.heap) {
            let breaks = self.heap_breaks(a.heap, b.heap);
            let why = match (breaks.backward, breaks.forward) {
                (false, true) => "the new target is a supertype: it accepts what old writers stored, but new writers may store objects old readers reject",
                (true, false) => "the new target is a subtype: old readers accept what new writers store, but old buffers may hold objects new readers reject",
                (true, true) => "the targets are unrelated: each side may store objects the other rejects",
                (false, false) => "both targets accept the same objects",
            };
            let message = format!(
                "{}: target changed from `{}` to `{}`: {why}",
                slot.what(),
                wxl_ir::display::heap_name(self.old, a.heap),
                wxl_ir::display::heap_name(self.new, b.heap)
            );
            report(self, Rule::RefTargetChanged, breaks, message);
            same = false;
        }
        same
    }

    /// Two different enums that accept and name the same values the same way.
    fn enums_equivalent(&self, a: EnumIndex, b: EnumIndex) -> bool {
        let (x, y) = (self.old.enum_type(a), self.new.enum_type(b));
        let variants = |e: &wxl_ir::EnumType| {
            let mut list: Vec<(String, i128)> = e.variants.iter().map(|v| (v.name.clone(), v.value)).collect();
            list.sort();
            list
        };
        x.repr == y.repr && x.open == y.open && variants(x) == variants(y)
    }

    /// Two different value structs with the same flattened layout.
    fn values_equivalent(&self, a: ValueIndex, b: ValueIndex) -> bool {
        let (mut x, mut y) = (Vec::new(), Vec::new());
        flatten(self.old, StorageType::Value(a), 0, &mut x);
        flatten(self.new, StorageType::Value(b), 0, &mut y);
        x.len() == y.len()
            && x.iter().zip(&y).all(|(&(oa, sa), &(ob, sb))| {
                oa == ob
                    && match (sa, sb) {
                        (StorageType::Scalar(p), StorageType::Scalar(q)) => p == q,
                        (StorageType::Enum(p), StorageType::Enum(q)) => self.map.enums.get(&p) == Some(&q) || self.enums_equivalent(p, q),
                        (StorageType::Ref(p), StorageType::Ref(q)) => p.nullable == q.nullable && self.same_heap(p.heap, q.heap),
                        _ => false,
                    }
            })
    }
}

/// The leaves of a stored value with their offsets (value structs expanded).
fn flatten(schema: &Schema, storage: StorageType, base: u32, out: &mut Vec<(u32, StorageType)>) {
    match storage {
        StorageType::Value(v) => {
            for field in &schema.value_struct(v).fields {
                flatten(schema, field.ty.storage, base + field.offset, out);
            }
        }
        leaf => out.push((base, leaf)),
    }
}
