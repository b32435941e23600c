//! The wxl C back end (`wxl build --lang c`): one header per schema, `{module_name}.h`, of
//! `static inline` functions over runtime-c (`runtime-c/include/wxl.h`, and `wxl.c` linked into
//! the program). No `.c` file is generated: the verifier's tables are function-local statics
//! of `{prefix}_schema()`, so any number of files may include the header without duplicate
//! symbols or unused-variable warnings. It compiles warning-free as C99 and C11 (gcc, clang:
//! `-Wall -Wextra -Wpedantic -Werror`); it is not C++ (compound literals, designated
//! initializers).
//!
//! # Naming convention
//!
//! Every name starts with a prefix: the schema's package (`logs`; `a.b` gives `a_b`), else the
//! module name, else what [`Options::prefix`] says. Type names keep the schema's spelling,
//! field names are snake_case, and the rest is a fixed suffix:
//!
//! | C name | what |
//! |---|---|
//! | `logs_Log` | view of a struct or array object: `{ wxl_view v; }`, null when `v.obj == 0` |
//! | `logs_Log_ref` | an object written by a builder: `{ uint32_t off; }` |
//! | `logs_Log_code(v)` | field getter; the field's default when absent (older writer) |
//! | `logs_Logs_logs_len(v)`, `logs_Logs_logs_at(v, i)` | shortcuts for a field holding an array |
//! | `logs_ArrayOfLog_len(a)`, `logs_ArrayOfLog_at(a, i)` | array length and element |
//! | `logs_Log_is_null(v)`, `logs_Log_from_view(w)` | null test; checked view of any `wxl_view` |
//! | `shapes_Shape_is_Circle(v)`, `shapes_Shape_as_Circle(v)` | subtype test and checked downcast (null when not) |
//! | `shapes_Circle_as_Shape(v)`, `shapes_Circle_ref_as_Shape(r)` | upcasts |
//! | `logs_Log_begin(b)`, `logs_Log_add_code(b, x)`, `logs_Log_end(b)` | typed builder (begin writes the defaults) |
//! | `logs_ArrayOfLog_create(b, items, n)`; `_begin(b, n)`, `_add_at(b, i, x)`, `_end(b)` | array builders |
//! | `shapes_Shape_mutable(v, buf)`, `shapes_Shape_set_depth(m, x)` | in-place setters of `mut` fields |
//! | `shapes_Fill`, `shapes_Fill_Solid`, `shapes_Fill_name(x)` | enum typedef (its repr), constants, name |
//! | `geometry_Vector3` | value struct: a plain C struct (explicit padding), with `_load`, `_get`, `_default`, `_build`, `_store` |
//! | `logs_Log_TYPE_ID`, `_BODY_ALIGN`, `_SIZE` / `_STRIDE`, `logs_Log_code_OFFSET` | layout constants |
//! | `logs_verify`, `logs_root`, `logs_builder_init`, `logs_finish`, `logs_schema` | whole buffers |
//!
//! Getters return `bool`, `uint8_t`..`int64_t`, `float`, `double`, the enum typedef, the value
//! struct, `wxl_v128`, `wxl_str` / `wxl_bytes` (pointer + length, pointer NULL for null),
//! the target's view for a reference to a schema type, `wxl_view` for `structref`/`arrayref`,
//! and the raw `uint32_t` for references that may hold an i31 (`anyref`, `eqref`, `i31ref`;
//! see `wxl_ref_is_i31`, `wxl_ref_view`). Value structs holding references store them raw.
//!
//! A name that would collide gets a trailing `_`: a field `begin` is read with
//! `logs_Log_begin_`, a member named after a C keyword (`float`) is `float_`. Value structs and
//! enums carry no type id, so they are named after their own package (`geometry_Vector3` in
//! `mesh.h`) and guarded, so headers that share them can be included together; struct and
//! array types of an imported package take the importing schema's ids and prefix
//! (`mesh_geometry_Point`).
//!
//! # Checks
//!
//! Every offset and size is checked at compile time (`WXL_STATIC_ASSERT`: `_Static_assert`
//! under C11, a negative array size under C99): each value struct and each struct body is
//! mirrored by a C struct with explicit padding (`geometry_Vector3`, `logs_Log_Layout`), and
//! the C compiler's `offsetof`/`sizeof` must equal the offsets the accessors use. A compiler
//! that aligned a field differently, or a C type of another size, fails the build.

mod access;
mod arrays;
pub mod ctype;
pub mod names;
mod schema;
mod structs;
mod types;
mod values;

use std::fmt::Write as _;

use wxl_ir::{CompositeType, GeneratedFiles, Schema, StorageType, TypeIndex, ValueIndex};

use crate::ctype::{doc_comment, Ctx};
use crate::names::{sanitize, Names};
use crate::types::TypeCx;

/// Appends one formatted line to a `String`.
#[macro_export]
#[doc(hidden)]
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = writeln!($out, $($arg)*);
    }};
}

/// How to generate.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The header's base name: `logs` gives `logs.h`.
    pub module_name: String,
    /// The prefix of every name; `None`: the schema's package, else the module name.
    pub prefix: Option<String>,
    /// What the header includes for the runtime; `None`: `"wxl.h"`.
    pub runtime_include: Option<String>,
}

impl Options {
    pub fn new(module_name: impl Into<String>) -> Options {
        Options {
            module_name: module_name.into(),
            ..Options::default()
        }
    }
}

/// The names `generate` uses, for code written against the header.
pub fn names(schema: &Schema, options: &Options) -> Names {
    Names::new(schema, &options.module_name, options.prefix.as_deref())
}

/// `{module_name}.h` for a checked schema.
pub fn generate(schema: &Schema, options: &Options) -> GeneratedFiles {
    let names = names(schema, options);
    let tables = wxl_ir::tables::compute(schema);
    let cx = Ctx {
        schema,
        names: &names,
    };
    let tx = TypeCx {
        cx,
        tables: &tables,
    };
    let file = format!("{}.h", options.module_name);
    let guard = format!(
        "WXL_GENERATED_{}_H",
        sanitize(&options.module_name).to_uppercase()
    );
    let include = options.runtime_include.as_deref().unwrap_or("wxl.h");

    let mut out = String::new();
    out.push_str(&banner(schema, &file));
    w!(out, "#ifndef {guard}");
    w!(out, "#define {guard}");
    w!(out, "");
    w!(out, "#include \"{include}\"");
    w!(out, "");
    w!(
        out,
        "#if !defined(WXL_GENERATED_SUPPORT) || WXL_GENERATED_SUPPORT < 1"
    );
    w!(out, "#error \"{file} needs a newer wxl.h (runtime-c)\"");
    w!(out, "#endif");
    w!(out, "");
    w!(out, "#ifndef WXL_DEFINED_BOOL_CHECK");
    w!(out, "#define WXL_DEFINED_BOOL_CHECK");
    w!(
        out,
        "WXL_STATIC_ASSERT(sizeof(bool) == 1, wxl_bool_is_one_byte);"
    );
    w!(out, "#endif");
    w!(out, "");
    if !schema.enums.is_empty() {
        w!(out, "/* ---- enums ---- */");
        w!(out, "");
        for index in 0..schema.enums.len() {
            values::write_enum(&mut out, cx, wxl_ir::EnumIndex(index as u32));
        }
    }
    if !schema.value_structs.is_empty() {
        w!(out, "/* ---- value structs ---- */");
        w!(out, "");
        for index in value_struct_order(schema) {
            values::write_value_struct(&mut out, cx, index);
        }
    }
    if !schema.types.is_empty() {
        w!(out, "/* ---- struct and array types ---- */");
        w!(out, "");
        for index in type_indices(schema) {
            types::write_typedefs(&mut out, tx, index);
        }
    }
    schema::write_tables(&mut out, cx, &tables);
    if !schema.types.is_empty() {
        w!(out, "/* ---- type tests ---- */");
        w!(out, "");
        for index in type_indices(schema) {
            types::write_type_test(&mut out, tx, index);
        }
        w!(out, "");
    }
    // Arrays first: struct getters of array fields call the array's `_len` and `_at`.
    let is_array =
        |index: &TypeIndex| matches!(schema.ty(*index).composite, CompositeType::Array(_));
    for index in type_indices(schema).filter(is_array) {
        arrays::write_array(&mut out, tx, index);
    }
    for index in type_indices(schema).filter(|i| !is_array(i)) {
        structs::write_struct(&mut out, tx, index);
    }
    schema::write_entry_points(&mut out, cx);
    w!(out, "#endif /* {guard} */");

    let mut files = GeneratedFiles::new();
    files.insert(file, out.into_bytes());
    files
}

/// The end of every header's opening comment: what it is and how its names are made.
const USAGE: &str = "\
Accessors, builders and verifier tables for the layout of docs/LAYOUT.md, over
runtime-c (include wxl.h, link wxl.c). C99 or C11.

Names: <prefix>_<Type> is a view of an object ({ wxl_view v; }, null when v.obj == 0) and
<prefix>_<Type>_<field>(v) reads a field (its default when absent). Arrays have _len(a)
and _at(a, i). Builders: <Type>_begin(b), <Type>_add_<field>(b, x), <Type>_end(b) for
structs, <Array>_create(b, items, n) for arrays; each returns a <Type>_ref. Subtypes:
<Type>_is_<Sub>(v), <Type>_as_<Sub>(v). In place: <Type>_set_<field>(<Type>_mutable(v, buf), x).
Whole buffers: <prefix>_builder_init, <prefix>_finish, <prefix>_verify, <prefix>_root.";

fn banner(schema: &Schema, file: &str) -> String {
    let source = match &schema.package {
        Some(package) => format!("the schema of package `{package}`"),
        None => "a schema".to_string(),
    };
    let mut lines = vec![
        format!("{file}: generated by wxl (wxl-codegen-c) from {source}. Do not edit."),
        String::new(),
    ];
    if !schema.docs.is_empty() {
        lines.extend(schema.docs.iter().cloned());
        lines.push(String::new());
    }
    lines.extend(USAGE.lines().map(str::to_string));
    format!("{}\n", doc_comment(&lines, "").trim_end())
}

fn type_indices(schema: &Schema) -> impl Iterator<Item = TypeIndex> {
    (0..schema.types.len() as u32).map(TypeIndex)
}

/// Value structs ordered so that each comes after the value structs it holds.
fn value_struct_order(schema: &Schema) -> Vec<ValueIndex> {
    fn visit(schema: &Schema, index: ValueIndex, done: &mut [bool], order: &mut Vec<ValueIndex>) {
        if done[index.0 as usize] {
            return;
        }
        done[index.0 as usize] = true;
        for field in &schema.value_struct(index).fields {
            if let StorageType::Value(inner) = field.ty.storage {
                visit(schema, inner, done, order);
            }
        }
        order.push(index);
    }
    let mut done = vec![false; schema.value_structs.len()];
    let mut order = Vec::new();
    for index in 0..schema.value_structs.len() {
        visit(schema, ValueIndex(index as u32), &mut done, &mut order);
    }
    order
}
