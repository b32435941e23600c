//! Definitions compared as a whole: presence, kind, type id, finality, supertype, alignment,
//! then their fields or element. Value structs too.

use wxl_check::subtyping::declared_subtype;
use wxl_ir::{CompositeType, Schema, SubType, TypeIndex, ValueIndex};
use wxl_syntax::Span;

use crate::context::Ctx;
use crate::fields::Owner;
use crate::finding::Breaks;
use crate::matching::Def;
use crate::rules::Rule;
use crate::slot::{Slot, SlotKind, SlotSide};

/// Name, kind word and span of a definition.
fn describe(schema: &Schema, def: Def) -> (String, &'static str, Span) {
    match def {
        Def::Type(t) => {
            let ty = schema.ty(t);
            (ty.name.clone(), ty.composite.kind_name(), ty.origin.span)
        }
        Def::Value(v) => {
            let value = schema.value_struct(v);
            (value.name.clone(), "value struct", value.origin.span)
        }
        Def::Enum(e) => {
            let enum_type = schema.enum_type(e);
            (enum_type.name.clone(), "enum", enum_type.origin.span)
        }
    }
}

impl Ctx<'_> {
    pub fn compare_definitions(&mut self) {
        for (old_def, new_def) in self.map.kind_changed.clone() {
            let (name, old_kind, old_span) = describe(self.old, old_def);
            let (_, new_kind, new_span) = describe(self.new, new_def);
            let message = format!("`{name}` was {} and is now {}", article(old_kind), article(new_kind));
            self.report(Rule::TypeKindChanged, Breaks::FULL, message)
                .old(old_span, format!("{old_kind} here"))
                .new_side(new_span, format!("{new_kind} now"));
        }
        for old_def in self.map.removed.clone() {
            self.definition_removed(old_def);
        }
        for (old_def, new_def) in self.map.renamed.clone() {
            self.definition_renamed(old_def, new_def);
        }
        for i in 0..self.old.types.len() {
            let old_index = TypeIndex(i as u32);
            if let Some(&new_index) = self.map.types.get(&old_index) {
                self.compare_type(old_index, new_index);
            }
        }
        for i in 0..self.old.value_structs.len() {
            let old_index = ValueIndex(i as u32);
            if let Some(&new_index) = self.map.values.get(&old_index) {
                self.compare_value_struct(old_index, new_index);
            }
        }
        for i in 0..self.old.enums.len() {
            let old_index = wxl_ir::EnumIndex(i as u32);
            if let Some(&new_index) = self.map.enums.get(&old_index) {
                self.compare_enum(old_index, new_index);
            }
        }
        for new_def in self.map.added.clone() {
            let (name, kind, span) = describe(self.new, new_def);
            let message = match new_def {
                Def::Type(t) => format!(
                    "new {kind} `{name}` (type id {}): old readers reject only the buffers that hold one (`UNKNOWN_TYPE`)",
                    self.new.ty(t).type_id
                ),
                _ => format!("new {kind} `{name}`"),
            };
            self.report(Rule::TypeAdded, Breaks::NONE, message).new_side(span, "added");
        }
    }

    fn definition_removed(&mut self, old_def: Def) {
        let (name, kind, span) = describe(self.old, old_def);
        let (breaks, message) = match old_def {
            Def::Type(t) => (
                Breaks::BACKWARD,
                format!(
                    "{kind} `{name}` (type id {}) removed: old buffers may hold its objects, which new readers do not know (`UNKNOWN_TYPE`)",
                    self.old.ty(t).type_id
                ),
            ),
            // Enums and value structs are not in buffers by themselves: the fields that used
            // them are reported.
            _ => (Breaks::NONE, format!("{kind} `{name}` removed")),
        };
        self.report(Rule::TypeRemoved, breaks, message).old(span, "removed");
    }

    fn definition_renamed(&mut self, old_def: Def, new_def: Def) {
        if let (Def::Type(a), Def::Type(b)) = (old_def, new_def) {
            if !self.old.ty(a).declared && !self.new.ty(b).declared {
                return; // generated array names: the element change is what matters
            }
        }
        let (old_name, kind, old_span) = describe(self.old, old_def);
        let (new_name, _, new_span) = describe(self.new, new_def);
        let how = if matches!(old_def, Def::Type(_)) { "same type id" } else { "same layout" };
        let message = format!("{kind} `{old_name}` renamed to `{new_name}` ({how}): names are not part of buffers");
        self.report(Rule::TypeRenamed, Breaks::NONE, message).old(old_span, "old name").new_side(new_span, "new name");
    }

    fn compare_type(&mut self, old_index: TypeIndex, new_index: TypeIndex) {
        let (a, b) = (self.old.ty(old_index), self.new.ty(new_index));
        let (old_span, new_span) = (a.origin.span, b.origin.span);
        if a.composite.kind_name() != b.composite.kind_name() {
            let message = format!("`{}` was {} and is now {}", b.name, article(a.composite.kind_name()), article(b.composite.kind_name()));
            self.report(Rule::TypeKindChanged, Breaks::FULL, message).old(old_span, "was").new_side(new_span, "now");
            return;
        }
        if a.type_id != b.type_id {
            let message = type_id_message(a, b);
            self.report(Rule::TypeIdChanged, Breaks::FULL, message)
                .old(old_span, format!("type id {}", a.type_id))
                .new_side(new_span, format!("type id {}", b.type_id));
        }
        if a.is_final != b.is_final && (a.declared || b.declared) {
            let (rule, message) = if b.is_final {
                (Rule::FinalAdded, format!("`{}` became final: the layout is unchanged, but its GC type differs and it can no longer grow", b.name))
            } else {
                (Rule::FinalRemoved, format!("`{}` is no longer final: the layout is unchanged, but its GC type differs", b.name))
            };
            self.report(rule, Breaks::NONE, message).old(old_span, "was").new_side(new_span, "now");
        }
        self.compare_supertype(old_index, new_index);
        match (&a.composite, &b.composite) {
            (CompositeType::Struct(x), CompositeType::Struct(y)) => {
                self.compare_alignment(a, b);
                let owner = Owner {
                    old_name: &a.name,
                    new_name: &b.name,
                    old_span,
                    new_span,
                    value: false,
                    is_final: a.is_final || b.is_final,
                    has_subtypes: self.old.has_subtypes(old_index) || self.new.has_subtypes(new_index),
                };
                self.compare_fields(&owner, &x.fields, &y.fields);
            }
            (CompositeType::Array(x), CompositeType::Array(y)) => {
                fn side(ty: &SubType, element: wxl_ir::FieldType) -> SlotSide<'_> {
                    SlotSide { owner: &ty.name, name: "element", ty: element, offset: None, span: ty.origin.span, default: None }
                }
                let slot = Slot { kind: SlotKind::Element, old: side(a, x.element), new: side(b, y.element) };
                self.compare_slot(&slot);
            }
            _ => {}
        }
    }

    /// Verifiers check each body against the type's body alignment (`MISALIGNED_BODY`):
    /// a larger one rejects old bodies placed for the smaller one.
    fn compare_alignment(&mut self, a: &SubType, b: &SubType) {
        let (x, y) = (a.layout.body_align, b.layout.body_align);
        if x == y {
            return;
        }
        let (breaks, why) = if y > x {
            (Breaks::BACKWARD, "new verifiers reject old bodies that are only aligned to the old value (`MISALIGNED_BODY`)")
        } else {
            (Breaks::FORWARD, "old verifiers reject new bodies that are only aligned to the new value (`MISALIGNED_BODY`)")
        };
        let message = format!("body alignment of `{}` changed from {x} to {y}: {why}", b.name);
        self.report(Rule::BodyAlignmentChanged, breaks, message)
            .old(a.origin.span, format!("body align {x}"))
            .new_side(b.origin.span, format!("body align {y}"));
    }

    fn compare_supertype(&mut self, old_index: TypeIndex, new_index: TypeIndex) {
        let (a, b) = (self.old.ty(old_index), self.new.ty(new_index));
        let same = match (a.supertype, b.supertype) {
            (None, None) => true,
            (Some(x), Some(y)) => self.map.types.get(&x).is_some_and(|&m| self.new.ty(m).canonical == self.new.ty(y).canonical),
            _ => false,
        };
        if same {
            return;
        }
        // Where old buffers hold this type, an old ancestor was expected: new readers must
        // still see the type under it. And the other way round for new ancestors.
        let lost = ancestors(self.old, old_index)
            .into_iter()
            .any(|x| !self.map.types.get(&x).is_some_and(|&m| declared_subtype(self.new, new_index, m)));
        let gained = ancestors(self.new, new_index)
            .into_iter()
            .any(|y| !self.map.types_back.get(&y).is_some_and(|&m| declared_subtype(self.old, old_index, m)));
        let name = |schema: &Schema, s: Option<TypeIndex>| s.map_or("none".to_string(), |s| format!("`{}`", schema.ty(s).name));
        let mut message = format!("supertype of `{}` changed from {} to {}", b.name, name(self.old, a.supertype), name(self.new, b.supertype));
        if lost {
            message.push_str("; old buffers may hold it where a former ancestor is expected, which new readers reject");
        }
        if gained {
            message.push_str("; new writers may store it where a new ancestor is expected, which old readers reject");
        }
        let (old_label, new_label) = (format!("supertype {}", name(self.old, a.supertype)), format!("supertype {}", name(self.new, b.supertype)));
        self.report(Rule::SupertypeChanged, Breaks { backward: lost, forward: gained }, message)
            .old(a.origin.span, old_label)
            .new_side(b.origin.span, new_label);
    }

    fn compare_value_struct(&mut self, old_index: ValueIndex, new_index: ValueIndex) {
        let (a, b) = (self.old.value_struct(old_index), self.new.value_struct(new_index));
        if a.size != b.size || a.align != b.align {
            let message = format!(
                "value struct `{}` changed from {} to {} bytes (alignment {} to {}): it is stored inline, so every field and element holding it changes",
                b.name, a.size, b.size, a.align, b.align
            );
            self.report(Rule::ValueStructChanged, Breaks::FULL, message)
                .old(a.origin.span, format!("{} bytes, align {}", a.size, a.align))
                .new_side(b.origin.span, format!("{} bytes, align {}", b.size, b.align));
        }
        let owner = Owner {
            old_name: &a.name,
            new_name: &b.name,
            old_span: a.origin.span,
            new_span: b.origin.span,
            value: true,
            is_final: true,
            has_subtypes: false,
        };
        self.compare_fields(&owner, &a.fields, &b.fields);
    }
}

/// Strict ancestors (supertype chain), nearest first.
fn ancestors(schema: &Schema, index: TypeIndex) -> Vec<TypeIndex> {
    let mut list = Vec::new();
    let mut current = schema.ty(index).supertype;
    while let Some(s) = current {
        if list.contains(&s) {
            break; // impossible in checked schemas
        }
        list.push(s);
        current = schema.ty(s).supertype;
    }
    list
}

fn type_id_message(a: &SubType, b: &SubType) -> String {
    let why = match (a.explicit_id, b.explicit_id) {
        (Some(x), Some(y)) if x != y => format!("its explicit id changed from @id({x}) to @id({y})"),
        (None, Some(y)) => format!("it now claims @id({y})"),
        (Some(x), None) => format!("it no longer claims @id({x})"),
        _ => "ids follow declaration order, and a type was added, removed or moved before it (or types became equivalent)".to_string(),
    };
    format!(
        "type id of `{}` changed from {} to {}: {why}; buffers name it by id, so old and new readers take each other's objects for other types",
        b.name, a.type_id, b.type_id
    )
}

/// "a struct", "an array".
fn article(kind: &str) -> String {
    if kind.starts_with('a') {
        format!("an {kind}")
    } else {
        format!("a {kind}")
    }
}
