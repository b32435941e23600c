//! Struct types: offsets and their compile-time checks, field getters (defaults for absent
//! fields), the typed builder (`_begin`, `_add_<field>`, `_end`) and in-place setters.

use std::fmt::Write as _;

use wxl_ir::{CompositeType, HeapType, StorageType, StructType, TypeIndex};

use crate::ctype::{doc_comment, ref_kind, Ctx, RefKind};
use crate::names::layout_member;
use crate::types::{write_common, write_store_checked, TypeCx};
use crate::w;

pub fn write_struct(out: &mut String, tx: TypeCx, index: TypeIndex) {
    let cx = tx.cx;
    let ty = cx.schema.ty(index);
    let CompositeType::Struct(st) = &ty.composite else {
        return;
    };
    let name = cx.names.ty(index);
    let final_word = if ty.is_final { "final " } else { "" };
    w!(
        out,
        "/* ---- {final_word}struct {}: type id {}, body align {}, declared size {} ---- */",
        ty.name,
        ty.type_id,
        ty.layout.body_align,
        ty.layout.size
    );
    w!(out, "");
    w!(out, "#define {name}_TYPE_ID {}u", ty.type_id);
    w!(out, "#define {name}_BODY_ALIGN {}u", ty.layout.body_align);
    w!(out, "#define {name}_SIZE {}u", ty.layout.size);
    for (i, field) in st.fields.iter().enumerate() {
        w!(
            out,
            "#define {name}_{}_OFFSET {}u",
            cx.names.field(index, i),
            field.offset
        );
    }
    write_layout_checks(out, cx, index, st);
    w!(out, "");
    write_common(out, tx, index);
    for i in 0..st.fields.len() {
        write_getter(out, tx, index, i);
    }
    w!(out, "");
    write_builder(out, cx, index, st);
    if tx.has_mut(index) {
        w!(out, "");
        for (i, field) in st.fields.iter().enumerate() {
            if field.ty.mutable && cx.settable_in_place(field.ty.storage) {
                write_setter(out, cx, index, i);
            }
        }
    }
    w!(out, "");
}

/// The body as a C struct with explicit padding, and a check of every offset and of the
/// declared size against what the C compiler computes for it. A C compiler that aligned a
/// field differently from LAYOUT.md (or a C type of another size) stops the build here. Never
/// read a buffer through it: bodies may be shorter (older writers) and unaligned in memory.
fn write_layout_checks(out: &mut String, cx: Ctx, index: TypeIndex, st: &StructType) {
    let name = cx.names.ty(index);
    let Some(last) = st.fields.len().checked_sub(1) else {
        w!(out, "WXL_STATIC_ASSERT({name}_SIZE == 0u, {name}_size);");
        return;
    };
    w!(out, "/* The body's layout, for the compile-time checks below (do not read buffers through it). */");
    w!(out, "typedef struct {name}_Layout {{");
    let mut end = 0;
    for (i, field) in st.fields.iter().enumerate() {
        if field.offset > end {
            w!(out, "    uint8_t _pad{i}[{}];", field.offset - end);
        }
        w!(
            out,
            "    {} {};",
            cx.stored_type(field.ty.storage),
            layout_member(cx.names.field(index, i))
        );
        end = field.offset + wxl_ir::layout::storage_size_align(cx.schema, field.ty.storage).0;
    }
    w!(out, "}} {name}_Layout;");
    for i in 0..st.fields.len() {
        let word = cx.names.field(index, i);
        let member = layout_member(word);
        w!(out, "WXL_STATIC_ASSERT(offsetof({name}_Layout, {member}) == {name}_{word}_OFFSET, {name}_{word}_offset);");
    }
    let member = layout_member(cx.names.field(index, last));
    w!(out, "WXL_STATIC_ASSERT(offsetof({name}_Layout, {member}) + sizeof((({name}_Layout *)0)->{member}) == {name}_SIZE, {name}_size);");
}

fn write_getter(out: &mut String, tx: TypeCx, index: TypeIndex, i: usize) {
    let cx = tx.cx;
    let CompositeType::Struct(st) = &cx.schema.ty(index).composite else {
        return;
    };
    let field = &st.fields[i];
    let name = cx.names.ty(index);
    let word = cx.names.field(index, i);
    let off = format!("{name}_{word}_OFFSET");
    let storage = field.ty.storage;
    let mut docs = field.docs.clone();
    if field.deprecated {
        docs.push("Deprecated.".into());
    }
    out.push_str(&doc_comment(&docs, ""));
    let result = cx.read_type(storage);
    let body = match storage {
        StorageType::Ref(reference) => match ref_kind(reference) {
            RefKind::Typed => format!("({result}){{wxl_get_view(v.v, {off})}}"),
            RefKind::String => format!("wxl_get_str(v.v, {off})"),
            RefKind::Bytes => format!("wxl_get_bytes(v.v, {off})"),
            RefKind::View => format!("wxl_get_view(v.v, {off})"),
            RefKind::Raw => format!("wxl_get_ref(v.v, {off})"),
        },
        _ => cx.get_stored(storage, field.default, "v.v", &off),
    };
    w!(
        out,
        "static inline {result} {name}_{word}({name} v) {{ return {body}; }}"
    );
    // Shortcuts for a field that holds an array: its length and element i.
    if let StorageType::Ref(reference) = storage {
        if let HeapType::Concrete(target) = reference.heap {
            if let CompositeType::Array(array) = &cx.schema.ty(target).composite {
                let array_name = cx.names.ty(target);
                let element = cx.read_type(array.element.storage);
                w!(out, "static inline uint32_t {name}_{word}_len({name} v) {{ return {array_name}_len({name}_{word}(v)); }}");
                w!(out, "static inline {element} {name}_{word}_at({name} v, uint32_t i) {{ return {array_name}_at({name}_{word}(v), i); }}");
            }
        }
    }
}

fn write_builder(out: &mut String, cx: Ctx, index: TypeIndex, st: &StructType) {
    let name = cx.names.ty(index);
    let ty = cx.schema.ty(index);
    w!(
        out,
        "/* Opens a {} in `b` (its children must be written already): every field holds its",
        ty.name
    );
    w!(out, " * default until set with {name}_add_*; {name}_end closes it. WXL_OK or the builder's error. */");
    w!(out, "static inline int {name}_begin(wxl_builder *b) {{");
    let mut defaults = Vec::new();
    for field in &st.fields {
        cx.nonzero_defaults(field.ty.storage, field.default, field.offset, &mut defaults);
    }
    if defaults.is_empty() {
        w!(out, "    return wxl_builder_struct_begin(b, {name}_TYPE_ID, {name}_BODY_ALIGN, {name}_SIZE);");
    } else {
        w!(out, "    int rc = wxl_builder_struct_begin(b, {name}_TYPE_ID, {name}_BODY_ALIGN, {name}_SIZE);");
        for (offset, storage, default) in defaults {
            let value = cx.default_expr(storage, default);
            w!(
                out,
                "    {}",
                cx.build_stored(storage, &format!("{offset}u"), &value)
            );
        }
        w!(out, "    return rc;");
    }
    w!(out, "}}");
    for (i, field) in st.fields.iter().enumerate() {
        let word = cx.names.field(index, i);
        let off = format!("{name}_{word}_OFFSET");
        let param = cx.build_type(field.ty.storage);
        let statement = match field.ty.storage {
            StorageType::Ref(reference) => format!(
                "wxl_builder_set_ref(b, {off}, {});",
                cx.ref_raw(reference, "value")
            ),
            storage => cx.build_stored(storage, &off, "value"),
        };
        w!(
            out,
            "static inline void {name}_add_{word}(wxl_builder *b, {param} value) {{ {statement} }}"
        );
    }
    w!(out, "static inline {name}_ref {name}_end(wxl_builder *b) {{ return ({name}_ref){{wxl_builder_end(b)}}; }}");
}

fn write_setter(out: &mut String, cx: Ctx, index: TypeIndex, i: usize) {
    let CompositeType::Struct(st) = &cx.schema.ty(index).composite else {
        return;
    };
    let field = &st.fields[i];
    let name = cx.names.ty(index);
    let word = cx.names.field(index, i);
    let storage = field.ty.storage;
    let (size, _) = wxl_ir::layout::storage_size_align(cx.schema, storage);
    w!(
        out,
        "/* Sets `{}` in place: WXL_OK, WXL_ERR_FIELD_ABSENT (not stored by an older writer)",
        field.name
    );
    w!(
        out,
        " * or WXL_ERR_INVALID_ENUM (a closed enum's undeclared value; nothing is written). */"
    );
    w!(
        out,
        "static inline int {name}_set_{word}({name}_mut m, {} value) {{",
        cx.stored_type(storage)
    );
    w!(
        out,
        "    uint8_t *p = wxl_field_mut(m.v, {name}_{word}_OFFSET, {size}u);"
    );
    w!(out, "    if (p == NULL)");
    w!(out, "        return WXL_ERR_FIELD_ABSENT;");
    write_store_checked(out, cx, storage, "p");
    w!(out, "}}");
}
