//! Enums and value structs. Neither has a type id, so their C definitions are the same in
//! every header that uses them: each sits in its own `#ifndef WXL_DEFINED_<name>` block, and a
//! program may include `geometry.h` and `mesh.h` (which imports geometry) together.

use std::fmt::Write as _;

use wxl_ir::{EnumIndex, StorageType, ValueIndex};

use crate::ctype::{doc_comment, int_literal, scalar_type, Ctx};
use crate::w;

pub fn write_enum(out: &mut String, cx: Ctx, index: EnumIndex) {
    let enum_type = cx.schema.enum_type(index);
    let name = cx.names.enum_type(index);
    w!(out, "#ifndef WXL_DEFINED_{name}");
    w!(out, "#define WXL_DEFINED_{name}");
    out.push_str(&doc_comment(&enum_type.docs, ""));
    let openness = if enum_type.open {
        "open: buffers may hold values not listed here"
    } else {
        "closed: the verifier rejects values not listed here"
    };
    w!(out, "/* enum {} ({openness}) */", enum_type.name);
    w!(out, "typedef {} {name};", scalar_type(enum_type.repr));
    for (i, variant) in enum_type.variants.iter().enumerate() {
        out.push_str(&doc_comment(&variant.docs, ""));
        let literal = int_literal(enum_type.repr, variant.value);
        w!(
            out,
            "#define {} (({name}){literal})",
            cx.names.variant(index, i)
        );
    }
    w!(out, "");
    w!(
        out,
        "/* The name of a declared value (\"{}\"), NULL for any other. */",
        enum_type.variants.first().map_or("", |v| v.name.as_str())
    );
    w!(out, "static inline const char *{name}_name({name} v) {{");
    if enum_type.variants.is_empty() {
        w!(out, "    (void)v;");
        w!(out, "    return NULL;");
    } else {
        w!(out, "    switch (v) {{");
        for (i, variant) in enum_type.variants.iter().enumerate() {
            w!(
                out,
                "    case {}: return \"{}\";",
                cx.names.variant(index, i),
                variant.name
            );
        }
        w!(out, "    default: return NULL;");
        w!(out, "    }}");
    }
    w!(out, "}}");
    w!(out, "#endif");
    w!(out, "");
}

/// Whether a value struct's C struct has no padding bytes (then an array of it in C memory is
/// its wire layout on little-endian hosts, and builders copy it whole).
pub fn is_dense(cx: Ctx, index: ValueIndex) -> bool {
    let value = cx.schema.value_struct(index);
    let mut end = 0;
    for field in &value.fields {
        let (size, _) = wxl_ir::layout::storage_size_align(cx.schema, field.ty.storage);
        let inner_dense = match field.ty.storage {
            StorageType::Value(inner) => is_dense(cx, inner),
            _ => true,
        };
        if field.offset != end || !inner_dense {
            return false;
        }
        end = field.offset + size;
    }
    end == value.size
}

pub fn write_value_struct(out: &mut String, cx: Ctx, index: ValueIndex) {
    let value = cx.schema.value_struct(index);
    let name = cx.names.value(index);
    w!(out, "#ifndef WXL_DEFINED_{name}");
    w!(out, "#define WXL_DEFINED_{name}");
    out.push_str(&doc_comment(&value.docs, ""));
    w!(
        out,
        "/* value struct {}: stored inline, {} bytes, align {}. Padding is explicit, so the C",
        value.name,
        value.size,
        value.align
    );
    w!(
        out,
        " * layout is the wire layout on every ABI (checked below). */"
    );
    w!(out, "typedef struct {name} {{");
    let mut end = 0;
    let mut pads = 0;
    for (i, field) in value.fields.iter().enumerate() {
        if field.offset > end {
            w!(out, "    uint8_t _pad{pads}[{}];", field.offset - end);
            pads += 1;
        }
        out.push_str(&doc_comment(&field.docs, "    "));
        w!(
            out,
            "    {} {};",
            cx.stored_type(field.ty.storage),
            cx.names.member(index, i)
        );
        end = field.offset + wxl_ir::layout::storage_size_align(cx.schema, field.ty.storage).0;
    }
    if value.size > end {
        w!(out, "    uint8_t _pad{pads}[{}];", value.size - end);
    }
    if value.size == 0 {
        w!(
            out,
            "    uint8_t _empty; /* C has no empty structs; nothing of it is stored */"
        );
    }
    w!(out, "}} {name};");
    w!(out, "#define {name}_SIZE {}u", value.size);
    w!(out, "#define {name}_ALIGN {}u", value.align);
    for (i, field) in value.fields.iter().enumerate() {
        w!(
            out,
            "#define {name}_{}_OFFSET {}u",
            cx.names.member(index, i),
            field.offset
        );
    }
    if value.size > 0 {
        w!(
            out,
            "WXL_STATIC_ASSERT(sizeof({name}) == {name}_SIZE, {name}_size);"
        );
    }
    for i in 0..value.fields.len() {
        let member = cx.names.member(index, i);
        w!(out, "WXL_STATIC_ASSERT(offsetof({name}, {member}) == {name}_{member}_OFFSET, {name}_{member}_offset);");
    }
    write_value_functions(out, cx, index);
    w!(out, "#endif");
    w!(out, "");
}

fn write_value_functions(out: &mut String, cx: Ctx, index: ValueIndex) {
    let value = cx.schema.value_struct(index);
    let name = cx.names.value(index);
    let members = || {
        value
            .fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f, cx.names.member(index, i)))
    };

    w!(
        out,
        "/* The value of an absent field: every member's default. */"
    );
    w!(out, "static inline {name} {name}_default(void) {{");
    w!(out, "    {name} r;");
    w!(out, "    memset(&r, 0, sizeof r);");
    for (field, member) in members() {
        match field.ty.storage {
            StorageType::Value(inner) => {
                w!(out, "    r.{member} = {}_default();", cx.names.value(inner))
            }
            StorageType::Scalar(_) | StorageType::Enum(_)
                if !cx.default_is_zero(field.ty.storage, field.default) =>
            {
                w!(
                    out,
                    "    r.{member} = {};",
                    cx.default_expr(field.ty.storage, field.default)
                )
            }
            _ => {}
        }
    }
    w!(out, "    return r;");
    w!(out, "}}");

    w!(
        out,
        "/* The value at `p` (an array element: always whole). */"
    );
    w!(out, "static inline {name} {name}_load(const uint8_t *p) {{");
    w!(out, "    {name} r;");
    write_clear_padding(out, cx, index);
    if value.fields.is_empty() {
        w!(out, "    (void)p;");
    }
    for (field, member) in members() {
        let at = format!("p + {name}_{member}_OFFSET");
        w!(
            out,
            "    r.{member} = {};",
            cx.load_stored(field.ty.storage, &at)
        );
    }
    w!(out, "    return r;");
    w!(out, "}}");

    w!(
        out,
        "/* The value at body offset `off` of struct `v`; each member is its default when the"
    );
    w!(out, " * stored size ends before it (LAYOUT.md 4.2). */");
    w!(
        out,
        "static inline {name} {name}_get(wxl_view v, uint32_t off) {{"
    );
    w!(out, "    {name} r;");
    write_clear_padding(out, cx, index);
    if value.fields.is_empty() {
        w!(out, "    (void)v;");
        w!(out, "    (void)off;");
    }
    for (field, member) in members() {
        let off = format!("off + {name}_{member}_OFFSET");
        w!(
            out,
            "    r.{member} = {};",
            cx.get_stored(field.ty.storage, field.default, "v", &off)
        );
    }
    w!(out, "    return r;");
    w!(out, "}}");

    w!(
        out,
        "/* Writes `value` at body offset `off` of the builder's open struct or array. */"
    );
    w!(
        out,
        "static inline void {name}_build(wxl_builder *b, uint32_t off, const {name} *value) {{"
    );
    if value.fields.is_empty() {
        w!(out, "    (void)b;");
        w!(out, "    (void)off;");
        w!(out, "    (void)value;");
    }
    for (field, member) in members() {
        let off = format!("off + {name}_{member}_OFFSET");
        w!(
            out,
            "    {}",
            cx.build_stored(field.ty.storage, &off, &format!("value->{member}"))
        );
    }
    w!(out, "}}");

    if cx.settable_in_place(StorageType::Value(index)) {
        w!(
            out,
            "/* Overwrites the value at the writable address `p` (in-place setters). */"
        );
        w!(
            out,
            "static inline void {name}_store(uint8_t *p, const {name} *value) {{"
        );
        if value.fields.is_empty() {
            w!(out, "    (void)p;");
            w!(out, "    (void)value;");
        }
        for (field, member) in members() {
            let at = format!("p + {name}_{member}_OFFSET");
            w!(
                out,
                "    {}",
                cx.store_stored(field.ty.storage, &at, &format!("value->{member}"))
            );
        }
        w!(out, "}}");
    }
}

/// Zeroes the struct first when it has padding members (which the loads below do not set),
/// so that a loaded value compares equal byte for byte with memcmp.
fn write_clear_padding(out: &mut String, cx: Ctx, index: ValueIndex) {
    if !is_dense(cx, index) {
        w!(out, "    memset(&r, 0, sizeof r);");
    }
}
