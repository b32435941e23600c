//! Type identity, the GC way: rec groups are compared iso-recursively (references inside a
//! group by position, references outside by their canonical type), and equivalent types share
//! one canonical type and one type id.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

use codespan_reporting::diagnostic::Label;
use wxl_ir::{CompositeType, FieldType, HeapType, Schema, StorageType, TypeIndex};
use wxl_syntax::Diagnostic;

use crate::codes;

/// Sets `SubType::canonical` for every type.
pub fn canonicalize(schema: &mut Schema) {
    let mut first_group_with_key: HashMap<String, usize> = HashMap::new();
    let mut shapes = Shapes::default();
    for group_index in 0..schema.rec_groups.len() {
        let members = schema.rec_groups[group_index].types.clone();
        let key = group_key(schema, &members, &mut shapes);
        let first = *first_group_with_key.entry(key).or_insert(group_index);
        let first_members = schema.rec_groups[first].types.clone();
        for (position, member) in members.iter().enumerate() {
            schema.types[member.0 as usize].canonical = first_members[position];
        }
    }
}

fn group_key(schema: &Schema, members: &[TypeIndex], shapes: &mut Shapes) -> String {
    let mut keys = Keys::new(schema, Some(members), shapes);
    let mut key = String::new();
    for member in members {
        let ty = schema.ty(*member);
        let _ = write!(key, "{}{}", if ty.is_final { "F" } else { "N" }, ty.composite.kind_name());
        if let Some(super_index) = ty.supertype {
            let _ = write!(key, "<{}", keys.heap(HeapType::Concrete(super_index)));
        }
        key.push('(');
        match &ty.composite {
            CompositeType::Struct(st) => {
                for field in &st.fields {
                    key.push_str(&keys.field(field.ty));
                    key.push(',');
                }
            }
            CompositeType::Array(array) => key.push_str(&keys.field(array.element)),
        }
        key.push_str(");");
    }
    key
}

/// Value-struct shapes interned to numbers, shared by every key computation so that numbers
/// compare across rec groups.
#[derive(Default)]
pub struct Shapes {
    ids: HashMap<String, u32>,
}

/// Structural keys of storage types: equal keys mean equal types. References inside `group`
/// are keyed by position, others by canonical type; value structs by their interned shape
/// (never expanded, so keys stay small however deep value structs nest); enums by
/// representation, openness and values.
pub struct Keys<'s> {
    schema: &'s Schema,
    group: Option<&'s [TypeIndex]>,
    shapes: &'s mut Shapes,
    /// Value struct index → shape id, `u32::MAX` while being computed (cycles).
    memo: HashMap<u32, u32>,
}

impl<'s> Keys<'s> {
    pub fn new(schema: &'s Schema, group: Option<&'s [TypeIndex]>, shapes: &'s mut Shapes) -> Self {
        Keys { schema, group, shapes, memo: HashMap::new() }
    }

    pub fn field(&mut self, ty: FieldType) -> String {
        let storage = self.storage(ty.storage);
        if ty.mutable {
            format!("mut {storage}")
        } else {
            storage
        }
    }

    pub fn storage(&mut self, storage: StorageType) -> String {
        match storage {
            StorageType::Scalar(scalar) => scalar.name().to_string(),
            StorageType::Enum(index) => {
                let enum_type = self.schema.enum_type(index);
                let mut values: Vec<i128> = enum_type.variants.iter().map(|v| v.value).collect();
                values.sort_unstable();
                let openness = if enum_type.open { "open" } else { "closed" };
                format!("enum {} {openness}{values:?}", enum_type.repr.name())
            }
            StorageType::Value(index) => format!("value#{}", self.value_shape(index.0)),
            StorageType::Ref(reference) => {
                let null = if reference.nullable { "null " } else { "" };
                format!("ref {null}{}", self.heap(reference.heap))
            }
        }
    }

    fn value_shape(&mut self, index: u32) -> u32 {
        if let Some(id) = self.memo.get(&index) {
            return *id; // u32::MAX for a cycle, reported elsewhere
        }
        self.memo.insert(index, u32::MAX);
        let schema = self.schema;
        let fields: Vec<String> =
            schema.value_structs[index as usize].fields.iter().map(|f| self.field(f.ty)).collect();
        let key = format!("value{{{}}}", fields.join(","));
        let next = self.shapes.ids.len() as u32;
        let id = *self.shapes.ids.entry(key).or_insert(next);
        self.memo.insert(index, id);
        id
    }

    fn heap(&self, heap: HeapType) -> String {
        match heap {
            HeapType::Concrete(target) => {
                if let Some(position) = self.group.and_then(|g| g.iter().position(|m| *m == target)) {
                    return format!("#{position}");
                }
                format!("${}", self.schema.ty(target).canonical.0)
            }
            HeapType::String => "string".into(),
            HeapType::Bytes => "bytes".into(),
            HeapType::Abstract(a) => a.name().into(),
        }
    }
}

/// Gives each canonical type an id: its `@id(N)`, else the next free id from 16 in
/// declaration order. Equivalent types get their canonical type's id.
pub fn assign_ids(schema: &mut Schema, diagnostics: &mut Vec<Diagnostic>) {
    let explicit = explicit_ids_by_class(schema, diagnostics);
    let mut used: HashMap<u16, TypeIndex> = HashMap::new();
    for (class, (id, _)) in &explicit {
        if let Some(other) = used.insert(*id, *class) {
            let (a, b) = (schema.ty(other), schema.ty(*class));
            let message = format!("`{}` and `{}` both ask for type id {id}", a.name, b.name);
            let span = b.origin.span;
            diagnostics.push(
                Diagnostic::error()
                    .with_code(codes::BAD_ATTRIBUTE)
                    .with_message(message)
                    .with_labels(vec![
                        Label::primary(span.file, span.range()),
                        Label::secondary(a.origin.span.file, a.origin.span.range()),
                    ]),
            );
        }
    }
    let mut next: u32 = wxl_ir::tables::FIRST_SCHEMA_TYPE_ID as u32;
    let mut too_many = false;
    for index in 0..schema.types.len() {
        let canonical = schema.types[index].canonical;
        if canonical.0 as usize != index {
            schema.types[index].type_id = schema.ty(canonical).type_id;
            continue;
        }
        let id = match explicit.get(&canonical) {
            Some((id, _)) => *id as u32,
            None => {
                while used.keys().any(|k| *k as u32 == next) {
                    next += 1;
                }
                next += 1;
                next - 1
            }
        };
        if id > 0xFFFE {
            too_many = true;
        }
        schema.types[index].type_id = id.min(0xFFFE) as u16;
    }
    if too_many {
        diagnostics.push(
            Diagnostic::error()
                .with_code(codes::TOO_MANY_TYPES)
                .with_message("the schema has more distinct types than 16-bit type ids allow (65,519)".to_string()),
        );
    }
}

fn explicit_ids_by_class(schema: &Schema, diagnostics: &mut Vec<Diagnostic>) -> BTreeMap<TypeIndex, (u16, TypeIndex)> {
    let mut by_class: BTreeMap<TypeIndex, (u16, TypeIndex)> = BTreeMap::new();
    for (index, ty) in schema.types.iter().enumerate() {
        let Some(id) = ty.explicit_id else { continue };
        let this = TypeIndex(index as u32);
        match by_class.get(&ty.canonical) {
            Some((other_id, other)) if *other_id != id => {
                let other_ty = schema.ty(*other);
                let message = format!(
                    "`{}` and `{}` are the same type (equivalent rec groups) but ask for ids {} and {id}",
                    other_ty.name, ty.name, other_id
                );
                let span = ty.origin.span;
                diagnostics.push(Diagnostic::error().with_code(codes::BAD_ATTRIBUTE).with_message(message).with_labels(vec![
                    Label::primary(span.file, span.range()),
                    Label::secondary(other_ty.origin.span.file, other_ty.origin.span.range()),
                ]));
            }
            Some(_) => {}
            None => {
                by_class.insert(ty.canonical, (id, this));
            }
        }
    }
    by_class
}
