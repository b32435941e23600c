//! Accessors over linear memory: getters (with presence and defaults), string and array
//! access, subtype tests and casts, setters for `mut` scalars, and builders.

use wxl_ir::tables::Check;
use wxl_ir::{CompositeType, HeapType, Scalar, StorageType, TypeIndex, ValueIndex};

use crate::model::{load_op, store_op, val_type, Leaf, LeafKind, Model};
use crate::out::Out;
use crate::verifier::membership_u64;

/// Getters, setters, tests and builders of every named type and value struct.
pub(crate) fn accessors(out: &mut Out, model: &Model<'_>) {
    out.banner("accessors: `buf` is the buffer's address, `obj` an object's offset in it");
    enum_validity(out, model);
    for index in model.all_types() {
        let ty = model.schema.ty(index);
        out.heading(&format!("{} (type id {})", model.type_name(index), ty.type_id));
        match &ty.composite {
            CompositeType::Struct(_) => struct_accessors(out, model, index),
            CompositeType::Array(_) => array_accessors(out, model, index),
        }
        test_and_cast(out, model, index);
    }
    for (i, _) in model.schema.value_structs.iter().enumerate() {
        value_accessors(out, model, ValueIndex(i as u32));
    }
}

/// `$valid:<Enum>` for each closed enum: whether a raw value (zero-extended) is declared.
fn enum_validity(out: &mut Out, model: &Model<'_>) {
    for (i, enum_type) in model.schema.enums.iter().enumerate() {
        if enum_type.open {
            continue;
        }
        let index = wxl_ir::EnumIndex(i as u32);
        let mut checks = Vec::new();
        wxl_ir::tables::storage_checks(model.schema, StorageType::Enum(index), 0, &mut checks);
        let Some(Check::Enum { width, values, .. }) = checks.first() else { continue };
        let wide = *width == 8;
        let t = if wide { "i64" } else { "i32" };
        out.blank();
        let names: Vec<String> = enum_type.variants.iter().map(|v| format!("{} = {}", v.name, v.value)).collect();
        out.line(1, format!(";; Closed enum {}: {}.", model.enum_name(index), names.join(", ")));
        out.line(1, format!("(func $valid:{} (param $v {t}) (result i32)", model.enum_name(index)));
        out.line(2, format!("{})", membership_u64("(local.get $v)", values, wide)));
    }
}

/// The mask that zero-extends a narrow raw value held in an i32.
fn raw_mask(scalar: Scalar) -> Option<&'static str> {
    match scalar.size() {
        1 => Some("0xFF"),
        2 => Some("0xFFFF"),
        _ => None,
    }
}

/// The WAT results of a getter for a leaf.
fn results(model: &Model<'_>, kind: LeafKind) -> String {
    match model.leaf_scalar(kind) {
        Scalar::V128 => "(result i64 i64)".into(),
        scalar => format!("(result {})", val_type(scalar)),
    }
}

/// The expression reading a leaf at `offset` from the address in local `$p`.
pub(crate) fn read_expr(model: &Model<'_>, kind: LeafKind, offset: u32, base: &str) -> String {
    match model.leaf_scalar(kind) {
        Scalar::V128 => format!("(i64.load offset={offset} {base}) (i64.load offset={} {base})", offset + 8),
        scalar => format!("({} offset={offset} {base})", load_op(scalar)),
    }
}

/// The leaf of a struct, present when the stored size reaches its top-level field's end.
fn present(leaf: &Leaf) -> String {
    format!("(i32.ge_u (local.get $size) (i32.const {}))", leaf.top_end)
}

fn open_locals(out: &mut Out) {
    out.line(2, "(local $p i32) (local $size i32)");
    out.line(2, "(call $wxl:open (local.get $buf) (local.get $obj))");
    out.line(2, "(local.set $size)");
    out.line(2, "(local.set $p)");
}

fn default_text(model: &Model<'_>, leaf: &Leaf) -> String {
    let consts = model.default_consts(leaf);
    match leaf.default {
        Some(_) => format!("default {}", consts.join(" ")),
        None => "absent: 0".to_string(),
    }
}

fn struct_accessors(out: &mut Out, model: &Model<'_>, index: TypeIndex) {
    let name = model.type_name(index).to_string();
    let leaves = model.struct_leaves(index);
    let CompositeType::Struct(st) = &model.schema.ty(index).composite else { return };
    // Each top-level value-struct field: the offset of the inline value.
    for field in &st.fields {
        if let StorageType::Value(value) = field.ty.storage {
            let size = model.schema.value_struct(value).size;
            out.blank();
            out.line(1, format!(";; {name}.{}(buf, obj) -> i32: the offset of the inline {} at +{}, 0 when absent",
                field.name, model.value_name(value), field.offset));
            out.line(1, format!("(func ${name}.{f} (export \"{name}.{f}\") (param $buf i32) (param $obj i32) (result i32)", f = field.name));
            open_locals(out);
            out.line(2, format!("(if (result i32) (i32.ge_u (local.get $size) (i32.const {}))", field.offset + size));
            out.line(3, format!("(then (i32.add (i32.sub (local.get $p) (local.get $buf)) (i32.const {})))", field.offset));
            out.line(3, "(else (i32.const 0))))");
        }
    }
    for leaf in &leaves {
        let fname = format!("{name}.{}", leaf.path);
        let scalar = model.leaf_scalar(leaf.kind);
        out.blank();
        out.line(1, format!(";; {fname}(buf, obj): `{}` at +{}, {}", model.leaf_spelling(leaf), leaf.offset, default_text(model, leaf)));
        if let LeafKind::Ref(r) = leaf.kind {
            let what = match r.heap {
                HeapType::Abstract(_) => "the raw reference: an object offset, an i31 value (odd) or 0",
                _ => "the target's offset, 0 for null",
            };
            out.line(1, format!(";; -> {what}"));
        }
        out.line(1, format!("(func ${fname} (export \"{fname}\") (param $buf i32) (param $obj i32) {}", results(model, leaf.kind)));
        open_locals(out);
        out.line(2, format!("(if {} {}", results(model, leaf.kind), present(leaf)));
        out.line(3, format!("(then {})", read_expr(model, leaf.kind, leaf.offset, "(local.get $p)")));
        out.line(3, format!("(else {})))", model.default_consts(leaf).join(" ")));
        if let LeafKind::Ref(r) = leaf.kind {
            if matches!(r.heap, HeapType::String | HeapType::Bytes) {
                string_shortcuts(out, &fname, leaf);
            }
        }
        if leaf.mutable && scalar != Scalar::V128 && !matches!(leaf.kind, LeafKind::Ref(_)) {
            setter(out, model, &fname, leaf);
        }
    }
}

/// `T.f.ptr` and `T.f.len` for a string or bytes field: 0 and 0 for null or absent.
fn string_shortcuts(out: &mut Out, fname: &str, leaf: &Leaf) {
    for (suffix, what, pick) in [("ptr", "the address of the contents", "(drop)"), ("len", "the byte count", "(local.set $n) (drop) (local.get $n)")] {
        out.line(1, format!(";; {fname}.{suffix}(buf, obj) -> i32: {what}, 0 for null or absent"));
        out.line(1, format!("(func ${fname}.{suffix} (export \"{fname}.{suffix}\") (param $buf i32) (param $obj i32) (result i32)"));
        out.line(2, "(local $p i32) (local $size i32) (local $v i32) (local $n i32)");
        out.line(2, "(call $wxl:open (local.get $buf) (local.get $obj))");
        out.line(2, "(local.set $size)");
        out.line(2, "(local.set $p)");
        out.line(2, format!("(if (i32.lt_u (local.get $size) (i32.const {})) (then (return (i32.const 0))))", leaf.top_end));
        out.line(2, format!("(local.set $v (i32.load offset={} (local.get $p)))", leaf.offset));
        out.line(2, "(if (i32.eqz (local.get $v)) (then (return (i32.const 0))))");
        out.line(2, "(call $wxl:open (local.get $buf) (local.get $v))");
        out.line(2, format!("{pick})"));
    }
}

/// The expression a setter stores for value `$v` (bools: `$v != 0`).
fn stored_value(scalar: Scalar) -> &'static str {
    if scalar == Scalar::Bool {
        "(i32.ne (local.get $v) (i32.const 0))"
    } else {
        "(local.get $v)"
    }
}

/// `(if (i32.eqz (call $valid:E ...)) (then (return (i32.const 0))))` for closed enums.
fn enum_guard(model: &Model<'_>, kind: LeafKind) -> Option<String> {
    let LeafKind::Enum(e) = kind else { return None };
    let enum_type = model.schema.enum_type(e);
    if enum_type.open {
        return None;
    }
    let raw = match raw_mask(enum_type.repr) {
        Some(mask) => format!("(i32.and (local.get $v) (i32.const {mask}))"),
        None => "(local.get $v)".to_string(),
    };
    Some(format!("(if (i32.eqz (call $valid:{} {raw})) (then (return (i32.const 0))))", model.enum_name(e)))
}

fn setter(out: &mut Out, model: &Model<'_>, fname: &str, leaf: &Leaf) {
    let scalar = model.leaf_scalar(leaf.kind);
    out.line(1, format!(";; {fname}.set(buf, obj, v) -> i32: 1 when written, 0 when the field is absent{}",
        if enum_guard(model, leaf.kind).is_some() { " or v is not a declared value" } else { "" }));
    out.line(1, format!("(func ${fname}.set (export \"{fname}.set\") (param $buf i32) (param $obj i32) (param $v {}) (result i32)", val_type(scalar)));
    open_locals(out);
    out.line(2, format!("(if (i32.lt_u (local.get $size) (i32.const {})) (then (return (i32.const 0))))", leaf.top_end));
    if let Some(guard) = enum_guard(model, leaf.kind) {
        out.line(2, guard);
    }
    out.line(2, format!("({} offset={} (local.get $p) {})", store_op(scalar), leaf.offset, stored_value(scalar)));
    out.line(2, "(i32.const 1))");
}

fn array_accessors(out: &mut Out, model: &Model<'_>, index: TypeIndex) {
    let name = model.type_name(index).to_string();
    let ty = model.schema.ty(index);
    let CompositeType::Array(array) = &ty.composite else { return };
    let stride = ty.layout.size;
    let spelling = model.spelling(array.element.storage);
    out.blank();
    out.line(1, format!(";; {name}.len(buf, obj) -> i32: the element count ([{spelling}], stride {stride})"));
    out.line(1, format!("(func ${name}.len (export \"{name}.len\") (param $buf i32) (param $obj i32) (result i32)"));
    out.line(2, "(local $n i32)");
    out.line(2, "(call $wxl:open (local.get $buf) (local.get $obj))");
    out.line(2, "(local.set $n)");
    out.line(2, "(drop)");
    out.line(2, "(local.get $n))");
    out.line(1, format!(";; {name}.ptr(buf, obj) -> i32: the address of element 0 (a typed slice when aligned)"));
    out.line(1, format!("(func ${name}.ptr (export \"{name}.ptr\") (param $buf i32) (param $obj i32) (result i32)"));
    out.line(2, "(call $wxl:open (local.get $buf) (local.get $obj))");
    out.line(2, "(drop))");
    out.line(1, format!(";; {name}.at(buf, obj, i) -> i32: the offset of element i in the buffer; traps when i >= len"));
    out.line(1, format!("(func ${name}.at (export \"{name}.at\") (param $buf i32) (param $obj i32) (param $i i32) (result i32)"));
    out.line(2, "(local $p i32) (local $n i32)");
    out.line(2, "(call $wxl:open (local.get $buf) (local.get $obj))");
    out.line(2, "(local.set $n)");
    out.line(2, "(local.set $p)");
    out.line(2, "(if (i32.ge_u (local.get $i) (local.get $n)) (then (unreachable)))");
    out.line(2, format!("(i32.add (i32.sub (local.get $p) (local.get $buf)) (i32.mul (local.get $i) (i32.const {stride}))))"));
    if let StorageType::Value(_) = array.element.storage {
        return; // elements are read with the value struct's getters at `A.at`
    }
    let leaf = &model.element_leaves(index)[0];
    let scalar = model.leaf_scalar(leaf.kind);
    out.line(1, format!(";; {name}.get(buf, obj, i): element i ({}); traps when i >= len", model.leaf_spelling(leaf)));
    out.line(1, format!("(func ${name}.get (export \"{name}.get\") (param $buf i32) (param $obj i32) (param $i i32) {}", results(model, leaf.kind)));
    out.line(2, "(local $p i32)");
    out.line(2, format!("(local.set $p (i32.add (local.get $buf) (call ${name}.at (local.get $buf) (local.get $obj) (local.get $i))))"));
    out.line(2, format!("{})", read_expr(model, leaf.kind, 0, "(local.get $p)")));
    if array.element.mutable && scalar != Scalar::V128 && !matches!(leaf.kind, LeafKind::Ref(_)) {
        let guard = enum_guard(model, leaf.kind);
        out.line(1, format!(";; {name}.set(buf, obj, i, v) -> i32: 1 when written{}; traps when i >= len",
            if guard.is_some() { ", 0 when v is not a declared value" } else { "" }));
        out.line(1, format!("(func ${name}.set (export \"{name}.set\") (param $buf i32) (param $obj i32) (param $i i32) (param $v {}) (result i32)", val_type(scalar)));
        out.line(2, "(local $p i32)");
        out.line(2, format!("(local.set $p (i32.add (local.get $buf) (call ${name}.at (local.get $buf) (local.get $obj) (local.get $i))))"));
        if let Some(guard) = guard {
            out.line(2, guard);
        }
        out.line(2, format!("({} (local.get $p) {})", store_op(scalar), stored_value(scalar)));
        out.line(2, "(i32.const 1))");
    }
}

fn test_and_cast(out: &mut Out, model: &Model<'_>, index: TypeIndex) {
    let name = model.type_name(index);
    let id = model.type_id(index);
    out.line(1, format!(";; {name}.test(buf, v) -> i32: whether reference v is an object of {name} or a subtype"));
    out.line(1, ";; (ref.test: 0 for null and i31 values)");
    out.line(1, format!("(func ${name}.test (export \"{name}.test\") (param $buf i32) (param $v i32) (result i32)"));
    out.line(2, "(if (i32.or (i32.eqz (local.get $v)) (i32.and (local.get $v) (i32.const 3))) (then (return (i32.const 0))))");
    out.line(2, format!("(call $is:{id} (i32.load16_u (i32.add (local.get $buf) (local.get $v)))))"));
    out.line(1, format!(";; {name}.cast(buf, v) -> i32: v when {name}.test(buf, v), else traps (ref.cast)"));
    out.line(1, format!("(func ${name}.cast (export \"{name}.cast\") (param $buf i32) (param $v i32) (result i32)"));
    out.line(2, format!("(if (i32.eqz (call ${name}.test (local.get $buf) (local.get $v))) (then (unreachable)))"));
    out.line(2, "(local.get $v))");
}

fn value_accessors(out: &mut Out, model: &Model<'_>, index: ValueIndex) {
    let name = model.value_name(index).to_string();
    let value = model.schema.value_struct(index);
    out.heading(&format!("value struct {name} (size {}, align {}): `at` is the offset of an inline value", value.size, value.align));
    for leaf in model.value_leaves(index, false) {
        let fname = format!("{name}.{}", leaf.path);
        out.line(1, format!(";; {fname}(buf, at): `{}` at +{}", model.leaf_spelling(&leaf), leaf.offset));
        out.line(1, format!("(func ${fname} (export \"{fname}\") (param $buf i32) (param $at i32) {}", results(model, leaf.kind)));
        out.line(2, format!("{})", read_expr(model, leaf.kind, leaf.offset, "(i32.add (local.get $buf) (local.get $at))")));
    }
}

/// The builders: `T.new(fields...)` for structs, `A.new(src, count)` and `A.alloc(count)` for
/// arrays.
pub(crate) fn builders(out: &mut Out, model: &Model<'_>) {
    out.banner("builders: objects are appended to the region given to build.begin");
    for index in model.all_types() {
        let ty = model.schema.ty(index);
        let name = model.type_name(index).to_string();
        out.blank();
        match &ty.composite {
            CompositeType::Struct(_) => {
                let leaves = model.struct_leaves(index);
                let params: Vec<String> = leaves.iter().map(|leaf| param_decl(model, leaf)).collect();
                out.line(1, format!(";; {name}.new({}) -> obj: a {name} (type id {}, declared size {}, body align {});",
                    leaves.iter().map(|l| l.path.as_str()).collect::<Vec<_>>().join(", "),
                    ty.type_id, ty.layout.size, ty.layout.body_align));
                out.line(1, ";; references are offsets of objects already written. 0 when out of space or an enum");
                out.line(1, ";; value is not declared (build.finish then returns 0).");
                let mut head = format!("(func ${name}.new (export \"{name}.new\")");
                for param in &params {
                    head.push(' ');
                    head.push_str(param);
                }
                head.push_str(" (result i32)");
                out.line(1, head);
                out.line(2, "(local $obj i32) (local $p i32)");
                for leaf in &leaves {
                    if let Some(guard) = enum_guard(model, leaf.kind) {
                        let guard = guard
                            .replace("(local.get $v)", &format!("(local.get $f.{})", leaf.path))
                            .replace("(return (i32.const 0))", "(global.set $b.failed (i32.const 1)) (return (i32.const 0))");
                        out.line(2, guard);
                    }
                }
                out.line(2, format!(
                    "(local.set $obj (call $wxl:b.object (i32.const {}) (i32.const {size}) (i32.const {}) (i64.const {size}) (i32.const 1)))",
                    ty.type_id, ty.layout.body_align, size = ty.layout.size));
                out.line(2, "(if (i32.eqz (local.get $obj)) (then (return (i32.const 0))))");
                out.line(2, "(local.set $p (global.get $b.body))");
                for leaf in &leaves {
                    let scalar = model.leaf_scalar(leaf.kind);
                    let comment = format!(" ;; {}", leaf.path);
                    if scalar == Scalar::V128 {
                        out.line(2, format!("(i64.store offset={} (local.get $p) (local.get $f.{}.lo)){comment}", leaf.offset, leaf.path));
                        out.line(2, format!("(i64.store offset={} (local.get $p) (local.get $f.{}.hi))", leaf.offset + 8, leaf.path));
                    } else {
                        let value = stored_value(scalar).replace("$v", &format!("$f.{}", leaf.path));
                        out.line(2, format!("({} offset={} (local.get $p) {value}){comment}", store_op(scalar), leaf.offset));
                    }
                }
                out.line(2, "(local.get $obj))");
            }
            CompositeType::Array(array) => {
                let stride = ty.layout.size;
                let align = ty.layout.body_align;
                let id = ty.type_id;
                out.line(1, format!(";; {name}.new(src, count) -> obj: an array of `count` elements ([{}], stride {stride})",
                    model.spelling(array.element.storage)));
                out.line(1, ";; copied from address src (references: u32 offsets of objects already written); 0 when");
                out.line(1, ";; out of space. The copy is not checked: verify the finished buffer.");
                out.line(1, format!("(func ${name}.new (export \"{name}.new\") (param $src i32) (param $count i32) (result i32)"));
                out.line(2, format!("(call $wxl:b.copy (i32.const {id}) (i32.const {align}) (i32.const {stride}) (local.get $src) (local.get $count)))"));
                out.line(1, format!(";; {name}.alloc(count) -> obj: an array of `count` zeroed elements to fill in place"));
                out.line(1, format!(";; ({name}.ptr gives their address); 0 when out of space."));
                out.line(1, format!("(func ${name}.alloc (export \"{name}.alloc\") (param $count i32) (result i32)"));
                out.line(2, format!("(call $wxl:b.zeroed (i32.const {id}) (i32.const {align}) (i32.const {stride}) (local.get $count)))"));
            }
        }
    }
}

/// A builder parameter: `$f.<path>` (the prefix keeps field names apart from the locals).
fn param_decl(model: &Model<'_>, leaf: &Leaf) -> String {
    match model.leaf_scalar(leaf.kind) {
        Scalar::V128 => format!("(param $f.{p}.lo i64) (param $f.{p}.hi i64)", p = leaf.path),
        scalar => format!("(param $f.{} {})", leaf.path, val_type(scalar)),
    }
}
