//! Type identity, the GC way: rec groups are compared iso-recursively (references inside a
//! group by position, references outside by their canonical type), and equivalent types share
//! one canonical type and one type id.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use codespan_reporting::diagnostic::Label;
use wxl_ir::{CompositeType, FieldType, HeapType, Schema, StorageType, TypeIndex};
use wxl_syntax::Diagnostic;

use crate::codes;

/// Sets `SubType::canonical` for every type.
pub fn canonicalize(schema: &mut Schema) {
    let mut first_group_with_key: HashMap<String, usize> = HashMap::new();
    for group_index in 0..schema.rec_groups.len() {
        let members = schema.rec_groups[group_index].types.clone();
        let key = group_key(schema, &members);
        let first = *first_group_with_key.entry(key).or_insert(group_index);
        let first_members = schema.rec_groups[first].types.clone();
        for (position, member) in members.iter().enumerate() {
            schema.types[member.0 as usize].canonical = first_members[position];
        }
    }
}

fn group_key(schema: &Schema, members: &[TypeIndex]) -> String {
    let mut key = String::new();
    for member in members {
        let ty = schema.ty(*member);
        let _ = write!(key, "{}{}", if ty.is_final { "F" } else { "N" }, ty.composite.kind_name());
        if let Some(super_index) = ty.supertype {
            let _ = write!(key, "<{}", heap_key(schema, HeapType::Concrete(super_index), Some(members)));
        }
        key.push('(');
        match &ty.composite {
            CompositeType::Struct(st) => {
                for field in &st.fields {
                    key.push_str(&field_key(schema, field.ty, Some(members)));
                    key.push(',');
                }
            }
            CompositeType::Array(array) => key.push_str(&field_key(schema, array.element, Some(members))),
        }
        key.push_str(");");
    }
    key
}

fn field_key(schema: &Schema, ty: FieldType, group: Option<&[TypeIndex]>) -> String {
    let storage = storage_key(schema, ty.storage, group, &mut HashSet::new());
    if ty.mutable {
        format!("mut {storage}")
    } else {
        storage
    }
}

/// A structural key: equal keys mean equal storage types (value structs and enums compared by
/// shape, references outside `group` by canonical type).
pub fn storage_key(schema: &Schema, storage: StorageType, group: Option<&[TypeIndex]>, seen: &mut HashSet<u32>) -> String {
    match storage {
        StorageType::Scalar(scalar) => scalar.name().to_string(),
        StorageType::Enum(index) => {
            let enum_type = schema.enum_type(index);
            let mut values: Vec<i128> = enum_type.variants.iter().map(|v| v.value).collect();
            values.sort_unstable();
            format!("enum {} {}{values:?}", enum_type.repr.name(), if enum_type.open { "open" } else { "closed" })
        }
        StorageType::Value(index) => {
            if !seen.insert(index.0) {
                return "cycle".into(); // reported elsewhere
            }
            let fields: Vec<String> = schema
                .value_struct(index)
                .fields
                .iter()
                .map(|f| {
                    let inner = storage_key(schema, f.ty.storage, group, seen);
                    if f.ty.mutable { format!("mut {inner}") } else { inner }
                })
                .collect();
            seen.remove(&index.0);
            format!("value{{{}}}", fields.join(","))
        }
        StorageType::Ref(reference) => {
            let null = if reference.nullable { "null " } else { "" };
            format!("ref {null}{}", heap_key(schema, reference.heap, group))
        }
    }
}

fn heap_key(schema: &Schema, heap: HeapType, group: Option<&[TypeIndex]>) -> String {
    match heap {
        HeapType::Concrete(target) => {
            if let Some(position) = group.and_then(|g| g.iter().position(|m| *m == target)) {
                return format!("#{position}");
            }
            format!("${}", schema.ty(target).canonical.0)
        }
        HeapType::String => "string".into(),
        HeapType::Bytes => "bytes".into(),
        HeapType::Abstract(a) => a.name().into(),
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

fn explicit_ids_by_class(schema: &Schema, diagnostics: &mut Vec<Diagnostic>) -> HashMap<TypeIndex, (u16, TypeIndex)> {
    let mut by_class: HashMap<TypeIndex, (u16, TypeIndex)> = HashMap::new();
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
