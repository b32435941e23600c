//! `wxl layout`: the computed layout, as text (pahole-like) or JSON.

use std::path::Path;

use serde_json::json;
use wxl_ir::layout::rows;
use wxl_ir::{CompositeType, Schema};

use crate::LayoutFormat;

pub fn run(file: &Path, format: LayoutFormat, config: &wxl_check::Config) -> bool {
    let compilation = wxl_check::compile_file(file, config);
    crate::diagnostics::emit(&compilation);
    let Some(schema) = &compilation.schema else { return false };
    match format {
        LayoutFormat::Text => print!("{}", wxl_ir::display::layout_text(schema)),
        LayoutFormat::Json => println!("{}", serde_json::to_string_pretty(&json_layout(schema)).unwrap_or_default()),
    }
    true
}

pub fn json_layout(schema: &Schema) -> serde_json::Value {
    let value_structs: Vec<serde_json::Value> = schema
        .value_structs
        .iter()
        .map(|v| json!({"name": v.name, "size": v.size, "align": v.align, "fields": rows(schema, &v.fields, v.size)}))
        .collect();
    let types: Vec<serde_json::Value> = schema
        .types
        .iter()
        .map(|t| {
            let supertype = t.supertype.map(|s| schema.ty(s).name.clone());
            let canonical = schema.ty(t.canonical).name.clone();
            let mut entry = json!({
                "name": t.name, "kind": t.composite.kind_name(), "type_id": t.type_id,
                "final": t.is_final, "supertype": supertype, "same_type_as": canonical,
                "body_align": t.layout.body_align,
            });
            match &t.composite {
                CompositeType::Struct(st) => {
                    entry["declared_size"] = json!(t.layout.size);
                    entry["fields"] = json!(rows(schema, &st.fields, t.layout.size));
                }
                CompositeType::Array(array) => {
                    entry["stride"] = json!(t.layout.size);
                    entry["element"] = json!(wxl_ir::display::field_type_name(schema, array.element));
                }
            }
            entry
        })
        .collect();
    json!({"package": schema.package, "value_structs": value_structs, "types": types})
}
