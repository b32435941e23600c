//! The schema's verifier tables, printed as code: `$wxl:type.shape` (kind, body alignment and
//! unit per type id), `$wxl:subtype` and `$is:<id>` (the ancestor tables as membership tests),
//! `$wxl:check.body` and one `$check:<Type>` per type that has checks (LAYOUT.md §6).

use wxl_ir::tables::{Check, HeapCheck, TypeTable};
use wxl_ir::{CompositeType, TypeIndex};

use crate::model::{LeafKind, Model};
use crate::out::{id_dispatch, Out};

pub(crate) fn schema_tables(out: &mut Out, model: &Model<'_>) {
    out.banner("the schema's tables, as code");
    let identifier = u32::from_le_bytes(model.tables.identifier);
    let shown = String::from_utf8_lossy(&model.tables.identifier).escape_debug().to_string();
    out.line(1, format!(";; The identifier written at offset 8: \"{shown}\" (four zero bytes when none)."));
    out.line(1, "(func $wxl:schema.identifier (result i32)");
    out.line(2, format!("(i32.const 0x{identifier:08X}))"));
    out.line(1, ";; The root type id (0: the schema has none, any object is a root).");
    out.line(1, "(func $wxl:schema.root (result i32)");
    out.line(2, format!("(i32.const {}))", model.tables.root.unwrap_or(0)));

    out.blank();
    out.line(1, ";; (kind, body alignment, unit) of a type id: kinds 0 unknown, 1 string, 2 bytes,");
    out.line(1, ";; 3 struct (unit 1: the length is the stored size), 4 array (unit: the stride).");
    out.line(1, "(func $wxl:type.shape (param $id i32) (result i32 i32 i32)");
    out.line(2, "(if (i32.eq (local.get $id) (i32.const 1))");
    out.line(3, "(then (return (i32.const 1) (i32.const 4) (i32.const 1))))");
    out.line(2, "(if (i32.eq (local.get $id) (i32.const 2))");
    out.line(3, "(then (return (i32.const 2) (i32.const 4) (i32.const 1))))");
    let cases: Vec<(u16, String, Vec<String>)> = tables(model)
        .map(|t| {
            let (kind, unit) = if t.is_array { (4, t.size) } else { (3, 1) };
            let what = if t.is_array { format!("array, stride {}", t.size) } else { format!("struct, declared size {}", t.size) };
            (
                t.type_id,
                format!("{} ({what}, body align {})", model.type_name(t.ty), t.body_align),
                vec![format!(
                    "(return (i32.const {kind}) (i32.const {}) (i32.const {unit}))",
                    t.body_align
                )],
            )
        })
        .collect();
    id_dispatch(out, 2, "(local.get $id)", &cases, &["(i32.const 0) (i32.const 4) (i32.const 0))".to_string()]);

    out.blank();
    out.line(1, ";; Whether type id $t is type id $T or one of its subtypes (the ancestor tables).");
    out.line(1, "(func $wxl:subtype (param $t i32) (param $T i32) (result i32)");
    out.line(2, "(if (i32.eq (local.get $t) (local.get $T)) (then (return (i32.const 1))))");
    let cases: Vec<(u16, String, Vec<String>)> = tables(model)
        .filter(|t| !model.proper_subtypes(t.ty).is_empty())
        .map(|t| {
            (
                t.type_id,
                model.type_name(t.ty).to_string(),
                vec![format!("(return (call $is:{} (local.get $t)))", t.type_id)],
            )
        })
        .collect();
    id_dispatch(out, 2, "(local.get $T)", &cases, &["(i32.const 0))".to_string()]);

    for table in tables(model) {
        let mut members: Vec<u16> = vec![table.type_id];
        members.extend(model.proper_subtypes(table.ty).iter().map(|&t| model.type_id(t)));
        let names: Vec<String> = std::iter::once(table.ty)
            .chain(model.proper_subtypes(table.ty))
            .map(|t| model.type_name(t).to_string())
            .collect();
        out.blank();
        out.line(1, format!(";; Type ids accepted where {} is expected: {}.", model.type_name(table.ty), names.join(", ")));
        out.line(1, format!("(func $is:{} (param $id i32) (result i32)", table.type_id));
        out.line(2, format!("{})", membership("(local.get $id)", &members)));
    }
}

/// A test of `value` against a set of constants: one compare, a range, an or-chain, or a
/// br_table for larger dense sets.
pub(crate) fn membership(value: &str, members: &[u16]) -> String {
    let values: Vec<u64> = members.iter().map(|&m| m as u64).collect();
    membership_u64(value, &values, false)
}

/// `values` sorted ascending and distinct; `wide`: the value is an i64.
pub(crate) fn membership_u64(value: &str, values: &[u64], wide: bool) -> String {
    let t = if wide { "i64" } else { "i32" };
    let konst = |v: u64| if wide { format!("(i64.const {})", v as i64) } else { format!("(i32.const {})", v as u32 as i32) };
    match values {
        [] => "(i32.const 0)".to_string(),
        [one] => format!("({t}.eq {value} {})", konst(*one)),
        _ => {
            let (low, high) = (values[0], values[values.len() - 1]);
            if high - low + 1 == values.len() as u64 {
                if low == 0 {
                    format!("({t}.le_u {value} {})", konst(high))
                } else {
                    format!("({t}.le_u ({t}.sub {value} {}) {})", konst(low), konst(high - low))
                }
            } else {
                let mut chain = format!("({t}.eq {value} {})", konst(values[0]));
                for &v in &values[1..] {
                    chain = format!("(i32.or {chain} ({t}.eq {value} {}))", konst(v));
                }
                chain
            }
        }
    }
}

fn tables<'a>(model: &'a Model<'_>) -> impl Iterator<Item = &'a TypeTable> {
    model.tables.types.iter().flatten()
}

/// `$wxl:check.body` and the per-type check functions.
pub(crate) fn body_checks(out: &mut Out, model: &Model<'_>) {
    out.banner("verifier: the body checks of each type (LAYOUT.md §6)");
    out.line(1, ";; The checks of the body at offset $body of the object whose tag word is at $h;");
    out.line(1, ";; $n: the stored size (struct) or the element count (array). 0 or an error code.");
    out.line(1, "(func $wxl:check.body (param $id i32) (param $body i32) (param $h i32) (param $n i32) (result i32)");
    let cases: Vec<(u16, String, Vec<String>)> = tables(model)
        .filter(|t| !t.checks.is_empty())
        .map(|t| {
            (
                t.type_id,
                model.type_name(t.ty).to_string(),
                vec![format!(
                    "(return (call $check:{} (local.get $body) (local.get $h) (local.get $n)))",
                    model.type_name(t.ty)
                )],
            )
        })
        .collect();
    id_dispatch(out, 2, "(local.get $id)", &cases, &["(i32.const 0))".to_string()]);
    for table in tables(model).filter(|t| !t.checks.is_empty()) {
        if table.is_array {
            array_checks(out, model, table);
        } else {
            struct_checks(out, model, table);
        }
    }
}

/// A comment naming the field a check belongs to.
fn check_name(model: &Model<'_>, ty: TypeIndex, check: &Check) -> String {
    let offset = check_offset(check);
    let leaves = match &model.schema.ty(ty).composite {
        CompositeType::Struct(_) => model.struct_leaves(ty),
        CompositeType::Array(_) => model.element_leaves(ty),
    };
    match leaves.iter().find(|l| l.offset == offset && !matches!(l.kind, LeafKind::Scalar(s) if s != wxl_ir::Scalar::Bool)) {
        Some(leaf) if leaf.path.is_empty() => format!("+{offset} element: {}", model.leaf_spelling(leaf)),
        Some(leaf) => format!("+{offset} {}: {}", leaf.path, model.leaf_spelling(leaf)),
        None => format!("+{offset}"),
    }
}

fn check_offset(check: &Check) -> u32 {
    match check {
        Check::Bool { offset } | Check::Enum { offset, .. } | Check::Ref { offset, .. } => *offset,
    }
}

fn check_size(check: &Check) -> u32 {
    match check {
        Check::Bool { .. } => 1,
        Check::Enum { width, .. } => *width as u32,
        Check::Ref { .. } => 4,
    }
}

/// (mode, wanted type id) of a reference check, see `$wxl:v.ref`.
fn ref_mode(nullable: bool, heap: HeapCheck) -> (u32, u16) {
    let (mode, want) = match heap {
        HeapCheck::Type(id) => (0, id),
        HeapCheck::String => (1, 0),
        HeapCheck::Bytes => (2, 0),
        HeapCheck::Struct => (3, 0),
        HeapCheck::Array => (4, 0),
        HeapCheck::Any => (5, 0),
        HeapCheck::I31 => (6, 0),
        HeapCheck::None => (7, 0),
    };
    (mode | if nullable { 8 } else { 0 }, want)
}

/// The one type id a heap type accepts, when it accepts exactly one: string, bytes, a type
/// without subtypes.
fn exact_id(model: &Model<'_>, heap: HeapCheck) -> Option<u16> {
    match heap {
        HeapCheck::String => Some(wxl_ir::tables::TYPE_ID_STRING),
        HeapCheck::Bytes => Some(wxl_ir::tables::TYPE_ID_BYTES),
        HeapCheck::Type(id) => {
            let table = model.tables.types.get((id - wxl_ir::tables::FIRST_SCHEMA_TYPE_ID) as usize)?.as_ref()?;
            model.proper_subtypes(table.ty).is_empty().then_some(id)
        }
        _ => None,
    }
}

/// The lines checking one present value at `at` (a WAT expression of its buffer offset).
fn check_lines(out: &mut Out, model: &Model<'_>, depth: usize, check: &Check, at: &str, address: &str) {
    let offset = check_offset(check);
    match check {
        Check::Bool { .. } => {
            out.line(depth, format!("(if (i32.gt_u (i32.load8_u offset={offset} {address}) (i32.const 1))"));
            out.line(depth + 1, format!("(then (return (call $wxl:fail (i32.const 13) {at}))))"));
        }
        Check::Enum { width, values, .. } => {
            let (load, wide) = match width {
                1 => ("i32.load8_u", false),
                2 => ("i32.load16_u", false),
                4 => ("i32.load", false),
                _ => ("i64.load", true),
            };
            let value = format!("({load} offset={offset} {address})");
            out.line(depth, format!("(if (i32.eqz {})", membership_u64(&value, values, wide)));
            out.line(depth + 1, format!("(then (return (call $wxl:fail (i32.const 14) {at}))))"));
        }
        Check::Ref { nullable, heap, .. } => {
            let call = match exact_id(model, *heap) {
                Some(id) => format!("(call $wxl:v.ref.exact {at} (local.get $h) (i32.const {}) (i32.const {id}))", *nullable as u8),
                None => {
                    let (mode, want) = ref_mode(*nullable, *heap);
                    format!("(call $wxl:v.ref {at} (local.get $h) (i32.const {mode}) (i32.const {want}))")
                }
            };
            out.line(depth, format!("(local.set $e {call})"));
            out.line(depth, "(if (local.get $e) (then (return (local.get $e))))");
        }
    }
}

fn struct_checks(out: &mut Out, model: &Model<'_>, table: &TypeTable) {
    let name = model.type_name(table.ty);
    out.blank();
    out.line(1, format!(";; {name} (type id {}): a check is skipped when its field is absent (stored size too", table.type_id));
    out.line(1, ";; small), except a non-null reference: REQUIRED_FIELD_ABSENT at the tag word.");
    out.line(1, format!("(func $check:{name} (param $body i32) (param $h i32) (param $size i32) (result i32)"));
    out.line(2, "(local $p i32) (local $e i32)");
    out.line(2, "(local.set $p (i32.add (global.get $v.buf) (local.get $body)))");
    for check in &table.checks {
        let offset = check_offset(check);
        let end = offset + check_size(check);
        out.line(2, format!(";; {}", check_name(model, table.ty, check)));
        let at = format!("(i32.add (local.get $body) (i32.const {offset}))");
        match check {
            Check::Ref { nullable: false, .. } => {
                out.line(2, format!("(if (i32.lt_u (local.get $size) (i32.const {end}))"));
                out.line(3, "(then (return (call $wxl:fail (i32.const 19) (local.get $h)))))");
                check_lines(out, model, 2, check, &at, "(local.get $p)");
            }
            _ => {
                out.line(2, format!("(if (i32.ge_u (local.get $size) (i32.const {end}))"));
                out.line(3, "(then");
                check_lines(out, model, 4, check, &at, "(local.get $p)");
                out.line(3, "))");
            }
        }
    }
    out.line(2, "(i32.const 0))");
}

fn array_checks(out: &mut Out, model: &Model<'_>, table: &TypeTable) {
    let name = model.type_name(table.ty);
    out.blank();
    out.line(1, format!(";; {name} (type id {}): the checks of each element, in index order.", table.type_id));
    out.line(1, format!("(func $check:{name} (param $body i32) (param $h i32) (param $count i32) (result i32)"));
    if let [Check::Bool { offset: 0 }] = table.checks[..] {
        if table.size == 1 {
            out.line(2, "(call $wxl:v.bools (local.get $body) (local.get $count)))");
            return;
        }
    }
    out.line(2, "(local $at i32) (local $end i32) (local $p i32) (local $e i32)");
    out.line(2, "(local.set $at (local.get $body))");
    out.line(2, format!("(local.set $end (i32.add (local.get $body) (i32.mul (local.get $count) (i32.const {}))))", table.size));
    out.line(2, "(block $done");
    out.line(3, "(loop $each");
    out.line(4, "(br_if $done (i32.ge_u (local.get $at) (local.get $end)))");
    out.line(4, "(local.set $p (i32.add (global.get $v.buf) (local.get $at)))");
    for check in &table.checks {
        let offset = check_offset(check);
        out.line(4, format!(";; {}", check_name(model, table.ty, check)));
        let at = if offset == 0 { "(local.get $at)".to_string() } else { format!("(i32.add (local.get $at) (i32.const {offset}))") };
        check_lines(out, model, 4, check, &at, "(local.get $p)");
    }
    out.line(4, format!("(local.set $at (i32.add (local.get $at) (i32.const {})))", table.size));
    out.line(4, "(br $each)))");
    out.line(2, "(i32.const 0))");
}
