//! What struct and array types share: the typed view, reference and mutable view, the type
//! test (`_from_view`), and the casts between a type and its sub- and supertypes.

use std::fmt::Write as _;

use wxl_ir::tables::SchemaTables;
use wxl_ir::{CompositeType, StorageType, TypeIndex};

use crate::ctype::{doc_comment, Ctx};
use crate::w;

/// Above this many accepted ids, a type test calls `wxl_is_subtype` instead of comparing ids.
const MAX_INLINE_IDS: usize = 8;

/// A generator's view of a schema with its verifier tables.
#[derive(Clone, Copy)]
pub struct TypeCx<'a> {
    pub cx: Ctx<'a>,
    pub tables: &'a SchemaTables,
}

impl TypeCx<'_> {
    /// The ids of the type at `index` and of its subtypes: what a reference to it accepts.
    pub fn accepted_ids(&self, index: TypeIndex) -> Vec<u16> {
        let id = self.cx.schema.ty(index).type_id;
        self.tables
            .types
            .iter()
            .flatten()
            .filter(|t| t.ancestors.contains(&id))
            .map(|t| t.type_id)
            .collect()
    }

    /// A C condition: the type id in `var` is the type at `index` or one of its subtypes.
    pub fn id_test(&self, index: TypeIndex, var: &str) -> String {
        let ids = self.accepted_ids(index);
        if ids.len() > MAX_INLINE_IDS {
            let id = self.cx.schema.ty(index).type_id;
            return format!(
                "wxl_is_subtype({}(), {var}, {id}u)",
                self.cx.names.schema_item("schema")
            );
        }
        let tests: Vec<String> = ids.iter().map(|id| format!("{var} == {id}u")).collect();
        match tests.len() {
            0 => "false".into(),
            _ => format!("({})", tests.join(" || ")),
        }
    }

    /// Declared types that are strict subtypes of `index` (different type ids).
    pub fn subtypes(&self, index: TypeIndex) -> Vec<TypeIndex> {
        let schema = self.cx.schema;
        let id = schema.ty(index).type_id;
        (0..schema.types.len() as u32)
            .map(TypeIndex)
            .filter(|&other| {
                let other_id = schema.ty(other).type_id;
                other_id != id && self.ancestors(other).contains(&id)
            })
            .collect()
    }

    /// Declared types that are strict supertypes of `index`.
    pub fn supertypes(&self, index: TypeIndex) -> Vec<TypeIndex> {
        let schema = self.cx.schema;
        let id = schema.ty(index).type_id;
        let ancestors = self.ancestors(index);
        (0..schema.types.len() as u32)
            .map(TypeIndex)
            .filter(|&other| {
                let other_id = schema.ty(other).type_id;
                other_id != id && ancestors.contains(&other_id)
            })
            .collect()
    }

    fn ancestors(&self, index: TypeIndex) -> &[u16] {
        let id = self.cx.schema.ty(index).type_id;
        let slot = (id - wxl_ir::tables::FIRST_SCHEMA_TYPE_ID) as usize;
        self.tables.types[slot]
            .as_ref()
            .map_or(&[], |t| t.ancestors.as_slice())
    }

    /// Whether the type gets a mutable view: it has a `mut` field (or element) that can be set
    /// in place.
    pub fn has_mut(&self, index: TypeIndex) -> bool {
        let cx = self.cx;
        match &cx.schema.ty(index).composite {
            CompositeType::Struct(st) => st
                .fields
                .iter()
                .any(|f| f.ty.mutable && cx.settable_in_place(f.ty.storage)),
            CompositeType::Array(array) => {
                array.element.mutable && cx.settable_in_place(array.element.storage)
            }
        }
    }
}

/// The typedefs of every struct and array type, before any function, so that rec groups
/// (types that refer to each other) need no forward declarations.
pub fn write_typedefs(out: &mut String, tx: TypeCx, index: TypeIndex) {
    let ty = tx.cx.schema.ty(index);
    let name = tx.cx.names.ty(index);
    out.push_str(&doc_comment(&ty.docs, ""));
    let what = match &ty.composite {
        CompositeType::Struct(_) => "struct",
        CompositeType::Array(_) => "array",
    };
    w!(out, "/* {what} {} (type id {}): a view of one object in a verified buffer; null when .v.obj == 0. */", ty.name, ty.type_id);
    w!(out, "typedef struct {name} {{");
    w!(out, "    wxl_view v;");
    w!(out, "}} {name};");
    w!(
        out,
        "/* A reference to a {} object written by a builder: its offset (0 after an error). */",
        ty.name
    );
    w!(out, "typedef struct {name}_ref {{");
    w!(out, "    uint32_t off;");
    w!(out, "}} {name}_ref;");
    if tx.has_mut(index) {
        w!(
            out,
            "/* A {} in a buffer the program may write: for the in-place setters. */",
            ty.name
        );
        w!(out, "typedef struct {name}_mut {{");
        w!(out, "    wxl_view_mut v;");
        w!(out, "}} {name}_mut;");
    }
    w!(out, "");
}

/// `_is_null` and `_from_view` of every type come before the other functions, which use them
/// across types (a downcast calls the subtype's `_from_view`).
pub fn write_type_test(out: &mut String, tx: TypeCx, index: TypeIndex) {
    let ty = tx.cx.schema.ty(index);
    let name = tx.cx.names.ty(index);
    w!(
        out,
        "static inline bool {name}_is_null({name} v) {{ return v.v.obj == 0; }}"
    );
    w!(
        out,
        "/* `w` as a {}: null unless it is a {} object (or one of a subtype). */",
        ty.name,
        ty.name
    );
    w!(out, "static inline {name} {name}_from_view(wxl_view w) {{");
    w!(out, "    {name} r;");
    w!(out, "    uint32_t t = w.obj != 0 ? wxl_type_of(w) : 0;");
    w!(out, "    r.v = w;");
    w!(out, "    if (!{})", tx.id_test(index, "t"));
    w!(out, "        r.v.obj = 0;");
    w!(out, "    return r;");
    w!(out, "}}");
}

/// Casts between a type and its sub- and supertypes, and `_mutable`.
pub fn write_common(out: &mut String, tx: TypeCx, index: TypeIndex) {
    let ty = tx.cx.schema.ty(index);
    let name = tx.cx.names.ty(index);
    for sub in tx.subtypes(index) {
        let sub_name = tx.cx.names.ty(sub);
        let short = tx.cx.names.short(sub);
        let sub_ty = tx.cx.schema.ty(sub);
        w!(
            out,
            "/* Whether `v` is a {} (or one of its subtypes): ref.test. False for null. */",
            sub_ty.name
        );
        w!(out, "static inline bool {name}_is_{short}({name} v) {{");
        w!(out, "    uint32_t t = v.v.obj != 0 ? wxl_type_of(v.v) : 0;");
        w!(out, "    return {};", tx.id_test(sub, "t"));
        w!(out, "}}");
        w!(
            out,
            "/* `v` as a {}: ref.cast, null when it is not one. */",
            sub_ty.name
        );
        w!(out, "static inline {sub_name} {name}_as_{short}({name} v) {{ return {sub_name}_from_view(v.v); }}");
    }
    for sup in tx.supertypes(index) {
        let sup_name = tx.cx.names.ty(sup);
        let short = tx.cx.names.short(sup);
        w!(
            out,
            "/* Upcasts: a {} is a {}. */",
            ty.name,
            tx.cx.schema.ty(sup).name
        );
        w!(out, "static inline {sup_name} {name}_as_{short}({name} v) {{ return ({sup_name}){{v.v}}; }}");
        w!(out, "static inline {sup_name}_ref {name}_ref_as_{short}({name}_ref r) {{ return ({sup_name}_ref){{r.off}}; }}");
    }
    if tx.has_mut(index) {
        w!(
            out,
            "/* `v` as a writable view of `buf`, the (verified) buffer `v` reads. */"
        );
        w!(
            out,
            "static inline {name}_mut {name}_mutable({name} v, uint8_t *buf) {{"
        );
        w!(out, "    {name}_mut m;");
        w!(out, "    m.v.buf = buf;");
        w!(out, "    m.v.len = v.v.len;");
        w!(out, "    m.v.obj = v.v.obj;");
        w!(out, "    return m;");
        w!(out, "}}");
    }
}

/// The in-place setter body for a stored value at writable address `ptr` (declared by the
/// caller as `uint8_t *p`): closed enums are checked first, so a rejected value writes nothing.
pub fn write_store_checked(out: &mut String, cx: Ctx, storage: StorageType, ptr: &str) {
    let mut conditions = Vec::new();
    cx.closed_enum_conditions(storage, "value", &mut conditions);
    if !conditions.is_empty() {
        w!(out, "    if (!({}))", conditions.join(" && "));
        w!(out, "        return WXL_ERR_INVALID_ENUM;");
    }
    w!(out, "    {}", cx.store_stored(storage, ptr, "value"));
    w!(out, "    return WXL_OK;");
}
