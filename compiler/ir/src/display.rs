//! Text forms of the IR: schema spelling of types, the `wxl layout` listing, and a GC
//! lowering in WAT syntax (used by snapshots and by the WASM GC bridge).

use std::fmt::Write;

use crate::layout::{rows, storage_size_align};
use crate::types::{
    CompositeType, FieldType, HeapType, RefType, Schema, StorageType, SubType, TypeIndex,
};

/// The schema spelling of a storage type: `u16`, `Address`, `ref null Log`.
pub fn storage_name(schema: &Schema, storage: StorageType) -> String {
    match storage {
        StorageType::Scalar(scalar) => scalar.name().to_string(),
        StorageType::Enum(index) => schema.enum_type(index).name.clone(),
        StorageType::Value(index) => schema.value_struct(index).name.clone(),
        StorageType::Ref(reference) => ref_name(schema, reference),
    }
}

pub fn ref_name(schema: &Schema, reference: RefType) -> String {
    let null = if reference.nullable { "null " } else { "" };
    format!("ref {null}{}", heap_name(schema, reference.heap))
}

pub fn heap_name(schema: &Schema, heap: HeapType) -> String {
    match heap {
        HeapType::Concrete(index) => schema.ty(index).name.clone(),
        HeapType::String => "string".into(),
        HeapType::Bytes => "bytes".into(),
        HeapType::Abstract(abstract_heap) => abstract_heap.name().into(),
    }
}

pub fn field_type_name(schema: &Schema, ty: FieldType) -> String {
    let name = storage_name(schema, ty.storage);
    if ty.mutable {
        format!("mut {name}")
    } else {
        name
    }
}

/// The pahole-like listing of `wxl layout`.
pub fn layout_text(schema: &Schema) -> String {
    let mut out = String::new();
    for value in &schema.value_structs {
        let _ = writeln!(out, "value struct {} {{ // size {}, align {}", value.name, value.size, value.align);
        write_rows(&mut out, schema, &value.fields, value.size);
        out.push_str("}\n\n");
    }
    for (index, ty) in schema.types.iter().enumerate() {
        write_type_layout(&mut out, schema, TypeIndex(index as u32), ty);
    }
    out
}

fn write_type_layout(out: &mut String, schema: &Schema, index: TypeIndex, ty: &SubType) {
    let final_word = if ty.is_final { "final " } else { "" };
    let alias = if ty.canonical != index {
        format!(", same type as {}", schema.ty(ty.canonical).name)
    } else {
        String::new()
    };
    match &ty.composite {
        CompositeType::Struct(st) => {
            let _ = writeln!(
                out,
                "{final_word}struct {} {{ // type id {}{alias}, body align {}, declared size {}",
                ty.name, ty.type_id, ty.layout.body_align, ty.layout.size
            );
            write_rows(out, schema, &st.fields, ty.layout.size);
            out.push_str("}\n\n");
        }
        CompositeType::Array(array) => {
            let (_, align) = storage_size_align(schema, array.element.storage);
            let _ = writeln!(
                out,
                "{final_word}array {} = {} // type id {}{alias}, body align {}, stride {}, element align {}\n",
                ty.name,
                field_type_name(schema, array.element),
                ty.type_id,
                ty.layout.body_align,
                ty.layout.size,
                align
            );
        }
    }
}

fn write_rows(out: &mut String, schema: &Schema, fields: &[crate::types::Field], size: u32) {
    for row in rows(schema, fields, size) {
        let name = row.name.as_deref().unwrap_or("/* padding */");
        let _ = writeln!(
            out,
            "    {:<24} {:<20} // offset {:>4}, size {:>3}, align {:>2}",
            name, row.type_name, row.offset, row.size, row.align
        );
    }
}

/// Rec groups with each type's id, finality, supertype and equivalence, then the layout:
/// what the snapshot tests record.
pub fn summary(schema: &Schema) -> String {
    let mut out = String::new();
    if let Some(package) = &schema.package {
        let _ = writeln!(out, "package {package}");
    }
    if let Some(identifier) = schema.identifier {
        let _ = writeln!(out, "identifier {:?}", String::from_utf8_lossy(&identifier));
    }
    if let Some(root) = schema.root {
        let _ = writeln!(out, "root {}", schema.ty(root).name);
    }
    for (number, group) in schema.rec_groups.iter().enumerate() {
        let _ = writeln!(out, "rec group {number}:");
        for &index in &group.types {
            let ty = schema.ty(index);
            let supertype = ty.supertype.map(|s| format!(" <: {}", schema.ty(s).name)).unwrap_or_default();
            let same = if ty.canonical != index { format!(" = {}", schema.ty(ty.canonical).name) } else { String::new() };
            let made = if ty.declared { "" } else { " (from [T])" };
            let _ = writeln!(
                out,
                "    {}{} {}{supertype}{same}: id {}{made}",
                if ty.is_final { "final " } else { "" },
                ty.composite.kind_name(),
                ty.name,
                ty.type_id
            );
        }
    }
    out.push('\n');
    out.push_str(&layout_text(schema));
    out
}
