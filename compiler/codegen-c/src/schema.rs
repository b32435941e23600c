//! Schema-level parts: the verifier's tables (printed from `wxl_ir::tables`), the verify entry
//! for the root type, the typed root, and builder setup and finish with the identifier.

use std::fmt::Write as _;

use wxl_ir::tables::{Check, HeapCheck, SchemaTables};

use crate::ctype::Ctx;
use crate::w;

/// A C string literal of the identifier's four bytes (octal escapes for anything unusual).
fn identifier_literal(identifier: [u8; 4]) -> String {
    let mut out = String::from("\"");
    for byte in identifier {
        if byte.is_ascii_alphanumeric() || byte == b' ' || byte == b'_' {
            out.push(byte as char);
        } else {
            out.push_str(&format!("\\{byte:03o}"));
        }
    }
    out.push('"');
    out
}

/// The tables as function-local statics of one `static inline` function: every file that
/// includes the header gets them without a .c file, and no "defined but not used" warning.
pub fn write_tables(out: &mut String, cx: Ctx, tables: &SchemaTables) {
    let name = cx.names.schema_item("schema");
    w!(
        out,
        "/* ---- the verifier's tables (LAYOUT.md section 6), indexed by type id - 16 ---- */"
    );
    w!(out, "");
    w!(out, "static inline const wxl_schema *{name}(void) {{");
    for table in tables.types.iter().flatten() {
        let id = table.type_id;
        for (n, check) in table.checks.iter().enumerate() {
            if let Check::Enum { values, .. } = check {
                if !values.is_empty() {
                    let list: Vec<String> =
                        values.iter().map(|v| format!("UINT64_C({v})")).collect();
                    w!(
                        out,
                        "    static const uint64_t values_{id}_{n}[] = {{{}}};",
                        list.join(", ")
                    );
                }
            }
        }
        if !table.checks.is_empty() {
            w!(out, "    static const wxl_check checks_{id}[] = {{");
            for (n, check) in table.checks.iter().enumerate() {
                w!(out, "        {},", check_initializer(check, id, n));
            }
            w!(out, "    }};");
        }
        let ancestors: Vec<String> = table.ancestors.iter().map(|a| format!("{a}u")).collect();
        w!(
            out,
            "    static const uint16_t ancestors_{id}[] = {{{}}};",
            ancestors.join(", ")
        );
    }
    if !tables.types.is_empty() {
        w!(out, "    static const wxl_type_info types[] = {{");
        for (slot, table) in tables.types.iter().enumerate() {
            let Some(table) = table else {
                w!(
                    out,
                    "        {{.kind = WXL_KIND_UNUSED}}, /* id {}: no type */",
                    slot + 16
                );
                continue;
            };
            let id = table.type_id;
            let kind = if table.is_array {
                "WXL_KIND_ARRAY"
            } else {
                "WXL_KIND_STRUCT"
            };
            let checks = if table.checks.is_empty() {
                ".checks = NULL, .check_count = 0".to_string()
            } else {
                format!(".checks = checks_{id}, .check_count = WXL_COUNT(checks_{id})")
            };
            w!(
                out,
                "        {{.kind = {kind}, .body_align = {}u, .size = {}u, {checks},",
                table.body_align,
                table.size
            );
            w!(out, "         .ancestors = ancestors_{id}, .ancestor_count = WXL_COUNT(ancestors_{id})}}, /* {id} {} */", cx.schema.ty(table.ty).name);
        }
        w!(out, "    }};");
    }
    let ident: Vec<String> = tables
        .identifier
        .iter()
        .map(|b| format!("0x{b:02x}"))
        .collect();
    let (has_root, root) = match tables.root {
        Some(root) => (1, root),
        None => (0, 0),
    };
    let types = if tables.types.is_empty() {
        ".types = NULL, .type_count = 0"
    } else {
        ".types = types, .type_count = WXL_COUNT(types)"
    };
    w!(out, "    static const wxl_schema schema = {{.identifier = {{{}}}, .has_root = {has_root}, .root = {root}u,", ident.join(", "));
    w!(out, "                                      {types}}};");
    w!(out, "    return &schema;");
    w!(out, "}}");
    w!(out, "");
}

fn check_initializer(check: &Check, id: u16, n: usize) -> String {
    match check {
        Check::Bool { offset } => format!("{{.offset = {offset}u, .kind = WXL_CHECK_BOOL}}"),
        Check::Enum {
            offset,
            width,
            values,
        } => {
            let values = if values.is_empty() {
                ".values = NULL, .value_count = 0".to_string()
            } else {
                format!(".values = values_{id}_{n}, .value_count = WXL_COUNT(values_{id}_{n})")
            };
            format!("{{.offset = {offset}u, .kind = WXL_CHECK_ENUM, .width = {width}, {values}}}")
        }
        Check::Ref {
            offset,
            nullable,
            heap,
        } => {
            let heap = match heap {
                HeapCheck::Type(t) => format!("WXL_HEAP_TYPE, .heap_type = {t}u"),
                HeapCheck::String => "WXL_HEAP_STRING".into(),
                HeapCheck::Bytes => "WXL_HEAP_BYTES".into(),
                HeapCheck::Struct => "WXL_HEAP_STRUCT".into(),
                HeapCheck::Array => "WXL_HEAP_ARRAY".into(),
                HeapCheck::Any => "WXL_HEAP_ANY".into(),
                HeapCheck::I31 => "WXL_HEAP_I31".into(),
                HeapCheck::None => "WXL_HEAP_NONE".into(),
            };
            format!(
                "{{.offset = {offset}u, .kind = WXL_CHECK_REF, .nullable = {}, .heap = {heap}}}",
                u8::from(*nullable)
            )
        }
    }
}

/// `_IDENTIFIER`, `_verify`, `_root`, `_builder_init`, `_builder_init_fixed`, `_finish`.
pub fn write_entry_points(out: &mut String, cx: Ctx) {
    let schema = cx.schema;
    let item = |word: &str| cx.names.schema_item(word);
    let root = schema.root.map(|r| (cx.names.ty(r), schema.ty(r)));
    w!(
        out,
        "/* ---- verifying, reading and building whole buffers ---- */"
    );
    w!(out, "");
    let ident_arg = match schema.identifier {
        Some(identifier) => {
            w!(
                out,
                "#define {} {}",
                item("IDENTIFIER"),
                identifier_literal(identifier)
            );
            format!("(const uint8_t *){}", item("IDENTIFIER"))
        }
        None => "NULL".into(),
    };
    let root_arg = match root {
        Some((_, ty)) => {
            w!(out, "#define {} {}u", item("ROOT_TYPE_ID"), ty.type_id);
            item("ROOT_TYPE_ID")
        }
        None => "0".into(),
    };
    let expectation = match (schema.identifier, root) {
        (Some(_), Some((_, ty))) => format!(
            "the identifier {} and a root of type {}",
            item("IDENTIFIER"),
            ty.name
        ),
        (None, Some((_, ty))) => format!("a root of type {}", ty.name),
        (Some(_), None) => format!("the identifier {} and any root object", item("IDENTIFIER")),
        (None, None) => "any root object".into(),
    };
    w!(
        out,
        "/* Verifies `buf` (LAYOUT.md section 6) with {expectation}."
    );
    w!(
        out,
        " * `scratch` holds wxl_verify_scratch_words(len) words. WXL_OK, or the first rule broken"
    );
    w!(out, " * (also in *err with its offset; err may be NULL). Only a verified buffer may be read. */");
    w!(out, "static inline int {}(const uint8_t *buf, size_t len, uint64_t *scratch, size_t scratch_words, wxl_error *err) {{", item("verify"));
    w!(out, "    wxl_verify_options opts;");
    w!(out, "    opts.identifier = {ident_arg};");
    w!(out, "    opts.root_type = {root_arg};");
    w!(
        out,
        "    return wxl_verify(buf, len, {}(), &opts, scratch, scratch_words, err);",
        item("schema")
    );
    w!(out, "}}");
    if let Some((root_name, _)) = root {
        w!(out, "/* The root of a verified buffer. */");
        w!(out, "static inline {root_name} {}(const uint8_t *buf, size_t len) {{ return ({root_name}){{wxl_root(buf, len)}}; }}", item("root"));
    }
    w!(out, "/* A growable builder (wxl_builder_free releases it) that writes this schema's identifier. */");
    w!(
        out,
        "static inline void {}(wxl_builder *b) {{ wxl_builder_init(b, {ident_arg}); }}",
        item("builder_init")
    );
    w!(
        out,
        "/* A builder writing into mem[0..cap) (WXL_ERR_BUFFER_FULL when it does not fit). */"
    );
    w!(out, "static inline void {}(wxl_builder *b, uint8_t *mem, size_t cap) {{ wxl_builder_init_fixed(b, mem, cap, {ident_arg}); }}", item("builder_init_fixed"));
    let root_param = match root {
        Some((root_name, _)) => format!("{root_name}_ref root"),
        None => "uint32_t root".into(),
    };
    let root_value = if root.is_some() { "root.off" } else { "root" };
    w!(
        out,
        "/* Writes the header with `root` and hands out the buffer (owned by `b`); WXL_OK or the"
    );
    w!(out, " * first error of any builder call. */");
    w!(out, "static inline int {}(wxl_builder *b, {root_param}, const uint8_t **out, size_t *out_len) {{", item("finish"));
    w!(
        out,
        "    return wxl_builder_finish(b, {root_value}, out, out_len);"
    );
    w!(out, "}}");
    w!(out, "");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_escape_what_c_strings_cannot_hold() {
        assert_eq!(identifier_literal(*b"LOGS"), "\"LOGS\"");
        assert_eq!(
            identifier_literal([b'A', b'"', 0, b'?']),
            "\"A\\042\\000\\077\""
        );
    }
}
