//! The dumpers: one C function per type that prints every value of an object through the
//! generated getters, in the canonical flat form.

use std::fmt::Write as _;

use wxl_codegen_c::ctype::{ref_kind, Ctx, RefKind};
use wxl_ir::{
    CompositeType, HeapType, RefType, Scalar, Schema, StorageType, TypeIndex, ValueIndex,
};

use super::w;
use crate::model::needs_marker;

fn dump_name(cx: Ctx, index: TypeIndex) -> String {
    format!("dump_{}", cx.names.ty(index))
}

fn canonical_types(schema: &Schema) -> Vec<TypeIndex> {
    schema.canonical_types().map(|(i, _)| i).collect()
}

pub(super) fn write_dumpers(out: &mut String, cx: Ctx) {
    let schema = cx.schema;
    w!(out, "static inline const char *type_name(uint32_t id) {{");
    w!(out, "    switch (id) {{");
    w!(out, "    case 1: return \"type:string\";");
    w!(out, "    case 2: return \"type:bytes\";");
    for index in canonical_types(schema) {
        let ty = schema.ty(index);
        w!(out, "    case {}: return \"type:{}\";", ty.type_id, ty.name);
    }
    w!(out, "    default: return \"type:?\";");
    w!(out, "    }}");
    w!(out, "}}");
    w!(
        out,
        "static inline void dump_object(const char *path, wxl_view w);"
    );
    for index in 0..schema.value_structs.len() {
        let name = cx.names.value(ValueIndex(index as u32));
        w!(
            out,
            "static inline void dump_{name}(const char *path, wxl_view base, {name} x);"
        );
    }
    for index in canonical_types(schema) {
        w!(
            out,
            "static inline void {}(const char *path, {} v);",
            dump_name(cx, index),
            cx.names.ty(index)
        );
    }
    w!(out, "");
    w!(
        out,
        "static inline void dump_object(const char *path, wxl_view w) {{"
    );
    w!(out, "    switch (wxl_type_of(w)) {{");
    w!(out, "    case 1: put_str(path, wxl_str_of(w)); break;");
    w!(out, "    case 2: put_bytes(path, wxl_bytes_of(w)); break;");
    for index in canonical_types(schema) {
        let name = cx.names.ty(index);
        w!(
            out,
            "    case {}: {}(path, {name}_from_view(w)); break;",
            schema.ty(index).type_id,
            dump_name(cx, index)
        );
    }
    w!(out, "    default: put(path, \"\", \"unknown type\");");
    w!(out, "    }}");
    w!(out, "}}");
    for index in 0..schema.value_structs.len() {
        let index = ValueIndex(index as u32);
        let name = cx.names.value(index);
        w!(
            out,
            "static inline void dump_{name}(const char *path, wxl_view base, {name} x) {{"
        );
        w!(out, "    (void)base;");
        for (i, field) in schema.value_struct(index).fields.iter().enumerate() {
            let expr = format!("x.{}", cx.names.member(index, i));
            write_field(out, cx, &field.name, field.ty.storage, &expr, "base", true);
        }
        w!(out, "}}");
    }
    for index in canonical_types(schema) {
        let name = cx.names.ty(index);
        w!(
            out,
            "static inline void {}(const char *path, {name} v) {{",
            dump_name(cx, index)
        );
        match &schema.ty(index).composite {
            CompositeType::Struct(st) => {
                w!(out, "    (void)path;");
                w!(out, "    (void)v;");
                for (i, field) in st.fields.iter().enumerate() {
                    let expr = format!("{name}_{}(v)", cx.names.field(index, i));
                    write_field(out, cx, &field.name, field.ty.storage, &expr, "v.v", false);
                }
            }
            CompositeType::Array(array) => {
                w!(out, "    uint32_t i, n = {name}_len(v);");
                w!(out, "    {{");
                w!(out, "        char p[PATH_CAP];");
                w!(out, "        join(p, path, \".len\");");
                w!(out, "        put_u(p, n);");
                w!(out, "    }}");
                w!(out, "    for (i = 0; i < n; i++) {{");
                w!(out, "        char p[PATH_CAP];");
                w!(out, "        join_index(p, path, i);");
                write_value(
                    out,
                    cx,
                    array.element.storage,
                    &format!("{name}_at(v, i)"),
                    "v.v",
                    false,
                    "        ",
                );
                w!(out, "    }}");
            }
        }
        w!(out, "}}");
    }
    w!(out, "");
}

/// Prints the field `field_name` (read by `expr`) under `path.field_name`.
fn write_field(
    out: &mut String,
    cx: Ctx,
    field_name: &str,
    storage: StorageType,
    expr: &str,
    base: &str,
    in_value: bool,
) {
    w!(out, "    {{");
    w!(out, "        char p[PATH_CAP];");
    w!(out, "        join(p, path, \".{field_name}\");");
    write_value(out, cx, storage, expr, base, in_value, "        ");
    w!(out, "    }}");
}

/// Prints the value of `expr` (of the getter's C type) at path `p`. `in_value`: the value is a
/// member of a value struct, where references are raw u32s.
fn write_value(
    out: &mut String,
    cx: Ctx,
    storage: StorageType,
    expr: &str,
    base: &str,
    in_value: bool,
    indent: &str,
) {
    let schema = cx.schema;
    let line = |out: &mut String, text: String| w!(out, "{indent}{text}");
    match storage {
        StorageType::Scalar(Scalar::Bool) => line(out, format!("put_bool(p, {expr});")),
        StorageType::Scalar(Scalar::F32) => line(out, format!("put_f32(p, {expr});")),
        StorageType::Scalar(Scalar::F64) => line(out, format!("put_f64(p, {expr});")),
        StorageType::Scalar(Scalar::V128) => line(out, format!("put_v128(p, {expr});")),
        StorageType::Scalar(s) if s.is_signed() => {
            line(out, format!("put_i(p, (int64_t)({expr}));"))
        }
        StorageType::Scalar(_) => line(out, format!("put_u(p, (uint64_t)({expr}));")),
        StorageType::Enum(index) if schema.enum_type(index).repr.is_signed() => {
            line(out, format!("put_i(p, (int64_t)({expr}));"))
        }
        StorageType::Enum(_) => line(out, format!("put_u(p, (uint64_t)({expr}));")),
        StorageType::Value(index) => line(
            out,
            format!("dump_{}(p, {base}, {expr});", cx.names.value(index)),
        ),
        StorageType::Ref(reference) if in_value => {
            write_raw_ref(out, cx, reference, expr, base, indent)
        }
        StorageType::Ref(reference) => match ref_kind(reference) {
            RefKind::String => line(out, format!("put_str(p, {expr});")),
            RefKind::Bytes => line(out, format!("put_bytes(p, {expr});")),
            RefKind::Raw => write_raw_ref(out, cx, reference, expr, base, indent),
            RefKind::Typed | RefKind::View => {
                let (ty, view) = match reference.heap {
                    HeapType::Concrete(target) => (cx.names.ty(target).to_string(), "o.v"),
                    _ => ("wxl_view".to_string(), "o"),
                };
                line(out, format!("{{ {ty} o = {expr};"));
                line(
                    out,
                    format!("  if ({view}.obj == 0) put(p, \"\", \"null\");"),
                );
                line(out, "  else {".into());
                if needs_marker(schema, reference) {
                    line(
                        out,
                        format!("    put(p, \"@\", type_name(wxl_type_of({view})));"),
                    );
                }
                line(out, format!("    dump_object(p, {view});"));
                line(out, "  } }".into());
            }
        },
    }
}

/// A raw reference: null, an i31, or an object seen through `wxl_ref_view`.
fn write_raw_ref(
    out: &mut String,
    cx: Ctx,
    reference: RefType,
    expr: &str,
    base: &str,
    indent: &str,
) {
    let line = |out: &mut String, text: &str| w!(out, "{indent}{text}");
    line(out, &format!("{{ uint32_t r = {expr};"));
    line(out, "  if (r == 0) put(p, \"\", \"null\");");
    line(out, "  else if (wxl_ref_is_i31(r)) { put(p, \"@\", \"type:i31\"); put_i(p, wxl_i31_get_s(r)); }");
    line(out, "  else {");
    if needs_marker(cx.schema, reference) {
        line(
            out,
            &format!("    put(p, \"@\", type_name(wxl_type_of(wxl_ref_view({base}, r))));"),
        );
    }
    line(
        out,
        &format!("    dump_object(p, wxl_ref_view({base}, r));"),
    );
    line(out, "  } }");
}
