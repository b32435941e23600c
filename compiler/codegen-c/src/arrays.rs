//! Array types: length and element access, builders from a C array (`_create`) or element by
//! element (`_begin`, `_add_at`, `_end`), and in-place element setters for `mut` elements.

use std::fmt::Write as _;

use wxl_ir::{CompositeType, StorageType, TypeIndex};

use crate::ctype::{ref_kind, RefKind};
use crate::types::{write_common, write_store_checked, TypeCx};
use crate::values::is_dense;
use crate::w;

pub fn write_array(out: &mut String, tx: TypeCx, index: TypeIndex) {
    let cx = tx.cx;
    let ty = cx.schema.ty(index);
    let CompositeType::Array(array) = &ty.composite else {
        return;
    };
    let name = cx.names.ty(index);
    let storage = array.element.storage;
    let final_word = if ty.is_final { "final " } else { "" };
    w!(
        out,
        "/* ---- {final_word}array {}: type id {}, body align {}, stride {} ---- */",
        ty.name,
        ty.type_id,
        ty.layout.body_align,
        ty.layout.size
    );
    w!(out, "");
    w!(out, "#define {name}_TYPE_ID {}u", ty.type_id);
    w!(out, "#define {name}_BODY_ALIGN {}u", ty.layout.body_align);
    w!(out, "#define {name}_STRIDE {}u", ty.layout.size);
    let stored = cx.stored_type(storage);
    w!(
        out,
        "WXL_STATIC_ASSERT(sizeof({stored}) == {name}_STRIDE, {name}_stride);"
    );
    let item = cx.build_type(storage);
    if let StorageType::Ref(_) = storage {
        // `_create` hands a C array of these to the runtime as the u32 array it stores.
        w!(
            out,
            "WXL_STATIC_ASSERT(sizeof({item}) == 4u, {name}_item_size);"
        );
    }
    w!(out, "");
    write_common(out, tx, index);

    let element = cx.read_type(storage);
    let at = match storage {
        StorageType::Ref(reference) => match ref_kind(reference) {
            RefKind::Typed => format!("({element}){{wxl_array_view(a.v, i)}}"),
            RefKind::String => "wxl_str_of(wxl_array_view(a.v, i))".into(),
            RefKind::Bytes => "wxl_bytes_of(wxl_array_view(a.v, i))".into(),
            RefKind::View => "wxl_array_view(a.v, i)".into(),
            RefKind::Raw => "wxl_array_ref(a.v, i)".into(),
        },
        _ => cx.load_stored(storage, &format!("wxl_array_elem(a.v, {name}_STRIDE, i)")),
    };
    w!(out, "/* The element count (0 for a null array). */");
    w!(
        out,
        "static inline uint32_t {name}_len({name} a) {{ return wxl_array_len(a.v); }}"
    );
    w!(out, "/* Element i, for i < {name}_len(a). */");
    w!(
        out,
        "static inline {element} {name}_at({name} a, uint32_t i) {{ return {at}; }}"
    );
    w!(out, "");

    w!(out, "/* Opens an array of `count` zeroed elements; set them with {name}_add_at, then {name}_end. */");
    w!(
        out,
        "static inline int {name}_begin(wxl_builder *b, uint32_t count) {{"
    );
    w!(out, "    return wxl_builder_array_begin(b, {name}_TYPE_ID, {name}_BODY_ALIGN, {name}_STRIDE, count);");
    w!(out, "}}");
    let off = format!("i * {name}_STRIDE");
    let statement = match storage {
        StorageType::Ref(reference) => format!(
            "wxl_builder_set_ref(b, {off}, {});",
            cx.ref_raw(reference, "value")
        ),
        _ => cx.build_stored(storage, &off, "value"),
    };
    w!(out, "static inline void {name}_add_at(wxl_builder *b, uint32_t i, {item} value) {{ {statement} }}");
    w!(out, "static inline {name}_ref {name}_end(wxl_builder *b) {{ return ({name}_ref){{wxl_builder_end(b)}}; }}");

    w!(
        out,
        "/* An array of `count` elements copied from `items`. */"
    );
    w!(out, "static inline {name}_ref {name}_create(wxl_builder *b, const {item} *items, size_t count) {{");
    match storage {
        StorageType::Scalar(_) | StorageType::Enum(_) | StorageType::Ref(_) => {
            w!(out, "    return ({name}_ref){{wxl_builder_scalars(b, {name}_TYPE_ID, {name}_BODY_ALIGN, {name}_STRIDE, items, count)}};");
        }
        StorageType::Value(value) => {
            if is_dense(cx, value) {
                // No padding bytes: on little-endian hosts the C array is the wire layout.
                w!(out, "#if WXL_LITTLE_ENDIAN");
                w!(out, "    return ({name}_ref){{wxl_builder_raw_array(b, {name}_TYPE_ID, {name}_BODY_ALIGN, {name}_STRIDE, items, count)}};");
                w!(out, "#else");
                write_create_loop(out, name);
                w!(out, "#endif");
            } else {
                write_create_loop(out, name);
            }
        }
    }
    w!(out, "}}");

    if tx.has_mut(index) {
        w!(out, "/* Sets element i (< the length) in place: WXL_OK or WXL_ERR_INVALID_ENUM (nothing written). */");
        w!(
            out,
            "static inline int {name}_set_at({name}_mut m, uint32_t i, {stored} value) {{"
        );
        w!(
            out,
            "    uint8_t *p = wxl_array_elem_mut(m.v, {name}_STRIDE, i);"
        );
        write_store_checked(out, cx, storage, "p");
        w!(out, "}}");
    }
    w!(out, "");
}

/// `_create` element by element: value structs with padding, or any host byte order.
fn write_create_loop(out: &mut String, name: &str) {
    // A count that does not fit in u32 is passed as 0xFFFFFFFF, which the runtime rejects as
    // too long instead of silently truncating it.
    w!(
        out,
        "    uint32_t n = (uint64_t)count > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)count;"
    );
    w!(out, "    uint32_t i;");
    w!(out, "    if ({name}_begin(b, n) == WXL_OK)");
    w!(out, "        for (i = 0; i < n; i++)");
    w!(out, "            {name}_add_at(b, i, items[i]);");
    w!(out, "    return {name}_end(b);");
}
