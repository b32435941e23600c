//! The WASM GC bridge: `T.load(buf, obj) -> (ref $T)` and `T.store((ref null $T)) -> obj`.
//!
//! Loading is limited by WASM GC itself: an immutable array (every `string` and `bytes`, and
//! every array type whose element is not `mut`) can only be created by `array.new_fixed`
//! (static length), `array.new_data`/`array.new_elem` (static contents) or `array.new` (one
//! repeated value), never from contents read at run time. So only *loadable* types get a
//! `load`: structs whose references all lead to loadable types or abstract heap types, and
//! arrays with `mut` elements of such. Storing works for every type.

use std::collections::HashMap;

use wxl_ir::{CompositeType, HeapType, RefType, Scalar, StorageType, TypeIndex};

use crate::access::read_expr;
use crate::model::{gc_get_suffix, store_op, Leaf, LeafKind, Model};
use crate::out::{id_dispatch, Out};

/// Which canonical types can be materialized (a greatest fixpoint over the references).
pub(crate) fn loadable(model: &Model<'_>) -> HashMap<u16, bool> {
    let canonical = model.canonical();
    let mut ok: HashMap<u16, bool> = canonical.iter().map(|&t| (model.type_id(t), true)).collect();
    loop {
        let mut changed = false;
        for &t in &canonical {
            let id = model.type_id(t);
            if ok[&id] && !type_loadable(model, t, &ok) {
                ok.insert(id, false);
                changed = true;
            }
        }
        if !changed {
            return ok;
        }
    }
}

fn type_loadable(model: &Model<'_>, index: TypeIndex, ok: &HashMap<u16, bool>) -> bool {
    match &model.schema.ty(index).composite {
        CompositeType::Struct(_) => model.struct_leaves(index).iter().all(|l| leaf_loadable(model, l, ok)),
        CompositeType::Array(array) => {
            array.element.mutable && model.element_leaves(index).iter().all(|l| leaf_loadable(model, l, ok))
        }
    }
}

fn leaf_loadable(model: &Model<'_>, leaf: &Leaf, ok: &HashMap<u16, bool>) -> bool {
    match leaf.kind {
        LeafKind::Ref(RefType { heap: HeapType::Concrete(t), .. }) => {
            let id = model.type_id(t);
            ok.get(&id).copied().unwrap_or(false)
                && model.proper_subtypes(t).iter().all(|&s| ok.get(&model.type_id(s)).copied().unwrap_or(false))
        }
        LeafKind::Ref(RefType { heap: HeapType::String | HeapType::Bytes, .. }) => false,
        _ => true,
    }
}

pub(crate) fn bridge(out: &mut Out, model: &Model<'_>) {
    let loadable = loadable(model);
    out.banner("the WASM GC bridge");
    load_item(out, model, &loadable);
    for index in model.canonical() {
        if loadable[&model.type_id(index)] {
            load_type(out, model, index);
        }
    }
    out.heading("storing: one function per type id, then the dispatch on the run-time type");
    for index in model.canonical() {
        store_type(out, model, index);
    }
    store_any(out, model);
    for index in model.canonical() {
        store_dyn(out, model, index);
    }
    out.heading("exports");
    for index in model.all_types() {
        let name = model.type_name(index);
        let canonical = model.schema.ty(index).canonical;
        let id = model.type_id(index);
        if loadable[&id] {
            out.line(1, format!(";; {name}.load(buf, obj) -> (ref ${name}): the object at obj of a verified buffer and"));
            out.line(1, ";; everything before it, as GC objects (shared objects once)");
            out.line(1, format!("(func ${name}.load (export \"{name}.load\") (param $buf i32) (param $obj i32) (result (ref ${name}))"));
            out.line(2, format!("(ref.cast (ref ${name}) (call $wxl:load (local.get $buf) (local.get $obj))))"));
        } else {
            out.line(1, format!(";; no {name}.load: it holds an immutable array (string, bytes or an array without"));
            out.line(1, ";; `mut` elements), which WASM GC cannot create from memory contents");
        }
        out.line(1, format!(";; {name}.store(ref null ${name}) -> obj: writes the object (as its run-time type) and"));
        out.line(1, ";; what it references, each object once per build; 0 for null or when out of space");
        out.line(1, format!("(func ${name}.store (export \"{name}.store\") (param $x (ref null ${name})) (result i32)"));
        out.line(2, format!("(call $store.dyn:{} (local.get $x)))", model.type_name(canonical)));
    }
}

/// `$wxl:load.item`: makes the GC object for the item at `$pos` (null for types that cannot be
/// made: a reference to one then traps in `$wxl:l.ref`).
fn load_item(out: &mut Out, model: &Model<'_>, loadable: &HashMap<u16, bool>) {
    out.line(1, ";; The GC object for the object at $pos of type $id, or null when its type cannot be made.");
    out.line(1, "(func $wxl:load.item (param $buf i32) (param $pos i32) (param $id i32) (result eqref)");
    let cases: Vec<(u16, String, Vec<String>)> = model
        .canonical()
        .into_iter()
        .filter(|&t| loadable[&model.type_id(t)])
        .map(|t| {
            (
                model.type_id(t),
                model.type_name(t).to_string(),
                vec![format!("(return (call $load:{} (local.get $buf) (local.get $pos)))", model.type_name(t))],
            )
        })
        .collect();
    id_dispatch(out, 2, "(local.get $id)", &cases, &["(ref.null eq))".to_string()]);
}

/// The GC value of a leaf read at `offset` from `$p` (struct leaves check presence).
fn leaf_value(model: &Model<'_>, leaf: &Leaf, base: &str, presence: bool) -> String {
    let read = read_expr(model, leaf.kind, leaf.offset, base);
    let scalar = model.leaf_scalar(leaf.kind);
    let value = match leaf.kind {
        LeafKind::Ref(_) => {
            let raw = if presence {
                format!("(if (result i32) (i32.ge_u (local.get $size) (i32.const {})) (then {read}) (else (i32.const 0)))", leaf.top_end)
            } else {
                read
            };
            return format!("(ref.cast {} (call $wxl:l.ref {raw}))", model.gc_storage(leaf.kind));
        }
        _ if scalar == Scalar::V128 => {
            let read = format!("(v128.load offset={} {base})", leaf.offset);
            if presence {
                let consts = model.default_consts(leaf);
                let default = format!("(v128.const i64x2 {} {})", strip_const(&consts[0]), strip_const(&consts[1]));
                format!("(if (result v128) (i32.ge_u (local.get $size) (i32.const {})) (then {read}) (else {default}))", leaf.top_end)
            } else {
                read
            }
        }
        _ => {
            if presence {
                format!(
                    "(if (result {}) (i32.ge_u (local.get $size) (i32.const {})) (then {read}) (else {}))",
                    crate::model::val_type(scalar),
                    leaf.top_end,
                    model.default_consts(leaf).join(" ")
                )
            } else {
                read
            }
        }
    };
    value
}

/// `(i64.const 5)` -> `5`.
fn strip_const(text: &str) -> &str {
    text.trim_start_matches("(i64.const ").trim_end_matches(')')
}

fn load_type(out: &mut Out, model: &Model<'_>, index: TypeIndex) {
    let name = model.type_name(index).to_string();
    out.blank();
    match &model.schema.ty(index).composite {
        CompositeType::Struct(_) => {
            out.line(1, format!(";; A {name} from the struct at $obj (absent fields read as their defaults)."));
            out.line(1, format!("(func $load:{name} (param $buf i32) (param $obj i32) (result (ref ${name}))"));
            out.line(2, "(local $p i32) (local $size i32)");
            out.line(2, "(call $wxl:open (local.get $buf) (local.get $obj))");
            out.line(2, "(local.set $size)");
            out.line(2, "(local.set $p)");
            out.line(2, format!("(struct.new ${name}"));
            for leaf in model.struct_leaves(index) {
                out.line(3, format!("{} ;; {}", leaf_value(model, &leaf, "(local.get $p)", true), leaf.path));
            }
            out.line(2, "))");
        }
        CompositeType::Array(array) => {
            let stride = model.schema.ty(index).layout.size;
            let leaves = model.element_leaves(index);
            let element = |base: &str| -> String {
                match array.element.storage {
                    StorageType::Value(_) => {
                        let values: Vec<String> = leaves.iter().map(|l| leaf_value(model, l, base, false)).collect();
                        format!("(struct.new ${} {})", model.element_structs[&index], values.join(" "))
                    }
                    _ => leaf_value(model, &leaves[0], base, false),
                }
            };
            let defaultable = match array.element.storage {
                StorageType::Value(_) => false,
                StorageType::Ref(r) => r.nullable,
                _ => true,
            };
            out.line(1, format!(";; A {name} from the array at $obj (elements of {stride} bytes)."));
            out.line(1, format!("(func $load:{name} (param $buf i32) (param $obj i32) (result (ref ${name}))"));
            out.line(2, format!("(local $p i32) (local $n i32) (local $i i32) (local $a (ref ${name}))"));
            out.line(2, "(call $wxl:open (local.get $buf) (local.get $obj))");
            out.line(2, "(local.set $n)");
            out.line(2, "(local.set $p)");
            if defaultable {
                out.line(2, format!("(local.set $a (array.new_default ${name} (local.get $n)))"));
            } else {
                out.line(2, format!("(if (i32.eqz (local.get $n)) (then (return (array.new_fixed ${name} 0))))"));
                out.line(2, ";; elements are not defaultable: fill with element 0, then set the others");
                out.line(2, format!("(local.set $a (array.new ${name} {} (local.get $n)))", element("(local.get $p)")));
                out.line(2, "(local.set $i (i32.const 1))");
            }
            out.line(2, "(block $done");
            out.line(3, "(loop $each");
            out.line(4, "(br_if $done (i32.ge_u (local.get $i) (local.get $n)))");
            let base = format!("(i32.add (local.get $p) (i32.mul (local.get $i) (i32.const {stride})))");
            out.line(4, format!("(array.set ${name} (local.get $a) (local.get $i) {})", element(&base)));
            out.line(4, "(local.set $i (i32.add (local.get $i) (i32.const 1)))");
            out.line(4, "(br $each)))");
            out.line(2, "(local.get $a))");
        }
    }
}

/// The call that writes the GC value `value` of a reference leaf; returns its offset.
fn store_ref(model: &Model<'_>, reference: RefType, value: &str) -> String {
    match reference.heap {
        HeapType::Concrete(t) => format!("(call $store.dyn:{} {value})", model.type_name(model.schema.ty(t).canonical)),
        HeapType::String => format!("(call $wxl:store.blob {value} (i32.const 1))"),
        HeapType::Bytes => format!("(call $wxl:store.blob {value} (i32.const 2))"),
        HeapType::Abstract(wxl_ir::AbstractHeap::None) => "(i32.const 0)".to_string(),
        HeapType::Abstract(_) => format!("(call $wxl:store.any {value})"),
    }
}

/// The hash contribution of a scalar leaf value (an i32 or i64 expression).
fn hash_step(scalar: Scalar, value: &str) -> String {
    match scalar {
        Scalar::I64 | Scalar::U64 => format!("(local.set $h (call $wxl:s.mix64 (local.get $h) {value}))"),
        Scalar::F32 => format!("(local.set $h (call $wxl:s.mix (local.get $h) (i32.reinterpret_f32 {value})))"),
        Scalar::F64 => format!("(local.set $h (call $wxl:s.mix64 (local.get $h) (i64.reinterpret_f64 {value})))"),
        Scalar::V128 => format!("(local.set $h (call $wxl:s.mix64 (local.get $h) (i64x2.extract_lane 0 {value})))"),
        _ => format!("(local.set $h (call $wxl:s.mix (local.get $h) {value}))"),
    }
}

/// The lines storing GC value `value` of `leaf` at `offset` from `base`: a bool as 0 or 1, a
/// closed enum checked first (an undeclared value fails the build, as in the builders).
fn store_leaf(model: &Model<'_>, leaf: &Leaf, value: &str, base: &str, offset: u32) -> Vec<String> {
    let scalar = model.leaf_scalar(leaf.kind);
    let mut lines = Vec::new();
    let value = match leaf.kind {
        LeafKind::Scalar(Scalar::Bool) => format!("(i32.ne {value} (i32.const 0))"),
        LeafKind::Enum(e) if !model.schema.enum_type(e).open => {
            let raw = match scalar.size() {
                1 => format!("(i32.and {value} (i32.const 0xFF))"),
                2 => format!("(i32.and {value} (i32.const 0xFFFF))"),
                _ => value.to_string(),
            };
            lines.push(format!(
                "(if (i32.eqz (call $valid:{} {raw})) (then (global.set $b.failed (i32.const 1))))",
                model.enum_name(e)
            ));
            value.to_string()
        }
        _ => value.to_string(),
    };
    lines.push(format!("({} offset={offset} {base} {value})", store_op(scalar)));
    lines
}

fn struct_get(model: &Model<'_>, ty: &str, leaf: &Leaf, object: &str) -> String {
    let suffix = match leaf.kind {
        LeafKind::Ref(_) => "",
        kind => gc_get_suffix(model.leaf_scalar(kind)),
    };
    format!("(struct.get{suffix} ${ty} ${} {object})", leaf.path)
}

fn store_type(out: &mut Out, model: &Model<'_>, index: TypeIndex) {
    let name = model.type_name(index).to_string();
    let ty = model.schema.ty(index);
    let id = ty.type_id;
    out.blank();
    match &ty.composite {
        CompositeType::Struct(_) => {
            let leaves = model.struct_leaves(index);
            out.line(1, format!(";; Writes a {name} (type id {id}), its references first."));
            out.line(1, format!("(func $store:{name} (param $x (ref ${name})) (result i32)"));
            let mut locals = String::from("(local $h i32) (local $o i32) (local $p i32)");
            for (i, leaf) in leaves.iter().enumerate() {
                if matches!(leaf.kind, LeafKind::Ref(_)) {
                    locals.push_str(&format!(" (local $r{i} i32)"));
                }
            }
            out.line(2, locals);
            out.line(2, format!("(local.set $h (i32.const {id}))"));
            for leaf in leaves.iter().filter(|l| !l.mutable && !matches!(l.kind, LeafKind::Ref(_))) {
                out.line(2, hash_step(model.leaf_scalar(leaf.kind), &struct_get(model, &name, leaf, "(local.get $x)")));
            }
            out.line(2, format!("(local.set $o (call $wxl:s.find (local.get $x) (local.get $h) (i32.const {id})))"));
            out.line(2, "(if (local.get $o) (then (return (local.get $o))))");
            for (i, leaf) in leaves.iter().enumerate() {
                if let LeafKind::Ref(r) = leaf.kind {
                    let get = struct_get(model, &name, leaf, "(local.get $x)");
                    out.line(2, format!("(local.set $r{i} {}) ;; {}", store_ref(model, r, &get), leaf.path));
                }
            }
            out.line(2, format!(
                "(local.set $o (call $wxl:b.object (i32.const {id}) (i32.const {size}) (i32.const {}) (i64.const {size}) (i32.const 1)))",
                ty.layout.body_align, size = ty.layout.size));
            out.line(2, "(if (i32.eqz (local.get $o)) (then (return (i32.const 0))))");
            out.line(2, "(local.set $p (global.get $b.body))");
            for (i, leaf) in leaves.iter().enumerate() {
                let value = match leaf.kind {
                    LeafKind::Ref(_) => format!("(local.get $r{i})"),
                    _ => struct_get(model, &name, leaf, "(local.get $x)"),
                };
                let lines = store_leaf(model, leaf, &value, "(local.get $p)", leaf.offset);
                for (k, line) in lines.iter().enumerate() {
                    let comment = if k + 1 == lines.len() { format!(" ;; {}", leaf.path) } else { String::new() };
                    out.line(2, format!("{line}{comment}"));
                }
            }
            out.line(2, "(call $wxl:s.add (local.get $x) (local.get $h) (local.get $o))");
            out.line(2, "(local.get $o))");
        }
        CompositeType::Array(array) => {
            let stride = ty.layout.size;
            let leaves = model.element_leaves(index);
            let refs: Vec<(usize, &Leaf)> =
                leaves.iter().enumerate().filter(|(_, l)| matches!(l.kind, LeafKind::Ref(_))).collect();
            let is_value = matches!(array.element.storage, StorageType::Value(_));
            out.line(1, format!(";; Writes a {name} (type id {id}, stride {stride}), the objects its elements reference first."));
            out.line(1, format!("(func $store:{name} (param $x (ref ${name})) (result i32)"));
            out.line(2, "(local $h i32) (local $o i32) (local $p i32) (local $n i32) (local $i i32) (local $refs (ref null $wxl.i32s))");
            out.line(2, "(local.set $n (array.len (local.get $x)))");
            out.line(2, format!("(local.set $h (call $wxl:s.mix (i32.const {id}) (local.get $n)))"));
            if !array.element.mutable && !is_value && refs.is_empty() {
                let scalar = model.leaf_scalar(leaves[0].kind);
                let get = format!("(array.get{} ${name} (local.get $x) (i32.const 0))", gc_get_suffix(scalar));
                out.line(2, "(if (local.get $n)");
                out.line(3, format!("(then {}))", hash_step(scalar, &get)));
            }
            out.line(2, format!("(local.set $o (call $wxl:s.find (local.get $x) (local.get $h) (i32.const {id})))"));
            out.line(2, "(if (local.get $o) (then (return (local.get $o))))");
            let element = |i: &str| format!("(array.get ${name} (local.get $x) {i})");
            let element_leaf = |leaf: &Leaf, i: &str| -> String {
                if is_value {
                    struct_get(model, &model.element_structs[&index], leaf, &element(i))
                } else {
                    let suffix = match leaf.kind {
                        LeafKind::Ref(_) => "",
                        kind => gc_get_suffix(model.leaf_scalar(kind)),
                    };
                    format!("(array.get{suffix} ${name} (local.get $x) {i})")
                }
            };
            let r = refs.len();
            if r > 0 {
                out.line(2, ";; the referenced objects first, their offsets kept in $refs");
                out.line(2, format!("(local.set $refs (array.new_default $wxl.i32s (i32.mul (local.get $n) (i32.const {r}))))"));
                out.line(2, "(block $done");
                out.line(3, "(loop $each");
                out.line(4, "(br_if $done (i32.ge_u (local.get $i) (local.get $n)))");
                for (k, (_, leaf)) in refs.iter().enumerate() {
                    let LeafKind::Ref(reference) = leaf.kind else { continue };
                    let slot = format!("(i32.add (i32.mul (local.get $i) (i32.const {r})) (i32.const {k}))");
                    out.line(4, format!("(array.set $wxl.i32s (local.get $refs) {slot} {})",
                        store_ref(model, reference, &element_leaf(leaf, "(local.get $i)"))));
                }
                out.line(4, "(local.set $i (i32.add (local.get $i) (i32.const 1)))");
                out.line(4, "(br $each)))");
            }
            out.line(2, format!(
                "(local.set $o (call $wxl:b.object (i32.const {id}) (local.get $n) (i32.const {}) (i64.mul (i64.extend_i32_u (local.get $n)) (i64.const {stride})) (i32.const 1)))",
                ty.layout.body_align));
            out.line(2, "(if (i32.eqz (local.get $o)) (then (return (i32.const 0))))");
            out.line(2, "(local.set $i (i32.const 0))");
            out.line(2, "(block $done");
            out.line(3, "(loop $each");
            out.line(4, "(br_if $done (i32.ge_u (local.get $i) (local.get $n)))");
            out.line(4, format!("(local.set $p (i32.add (global.get $b.body) (i32.mul (local.get $i) (i32.const {stride}))))"));
            let mut k = 0;
            for leaf in &leaves {
                let value = match leaf.kind {
                    LeafKind::Ref(_) => {
                        let slot = format!("(i32.add (i32.mul (local.get $i) (i32.const {r})) (i32.const {k}))");
                        k += 1;
                        format!("(array.get $wxl.i32s (local.get $refs) {slot})")
                    }
                    _ => element_leaf(leaf, "(local.get $i)"),
                };
                let what = if leaf.path.is_empty() { String::new() } else { format!(" ;; {}", leaf.path) };
                let lines = store_leaf(model, leaf, &value, "(local.get $p)", leaf.offset);
                for (k, line) in lines.iter().enumerate() {
                    let comment = if k + 1 == lines.len() { what.clone() } else { String::new() };
                    out.line(4, format!("{line}{comment}"));
                }
            }
            out.line(4, "(local.set $i (i32.add (local.get $i) (i32.const 1)))");
            out.line(4, "(br $each)))");
            out.line(2, "(call $wxl:s.add (local.get $x) (local.get $h) (local.get $o))");
            out.line(2, "(local.get $o))");
        }
    }
}

/// The canonical types, most derived first (reverse declaration order): the first whose
/// `ref.test` succeeds is the run-time type.
fn most_derived_first(among: &[TypeIndex]) -> Vec<TypeIndex> {
    let mut list = among.to_vec();
    list.sort_by_key(|t| std::cmp::Reverse(t.0));
    list
}

/// `$wxl:store.any`: a reference of an abstract heap type (any, eq, struct, array, i31).
fn store_any(out: &mut Out, model: &Model<'_>) {
    out.blank();
    out.line(1, ";; A reference of an abstract heap type: null, an i31 value (stored as 2v+1), or an object");
    out.line(1, ";; of a schema type (tested most derived first; GC-identical types resolve to the last");
    out.line(1, ";; declared), or an (array i8) no schema type matches, stored as bytes (GC cannot tell");
    out.line(1, ";; string from bytes: a string is stored as a string when the build already holds it as one).");
    out.line(1, "(func $wxl:store.any (param $x anyref) (result i32)");
    out.line(2, "(local $o i32)");
    out.line(2, "(if (ref.is_null (local.get $x)) (then (return (i32.const 0))))");
    out.line(2, "(if (ref.test (ref i31) (local.get $x))");
    out.line(3, "(then (return (i32.or (i32.shl (i31.get_u (ref.cast (ref i31) (local.get $x))) (i32.const 1)) (i32.const 1)))))");
    for t in most_derived_first(&model.canonical()) {
        let name = model.type_name(t);
        out.line(2, format!("(if (ref.test (ref ${name}) (local.get $x))"));
        out.line(3, format!("(then (return (call $store:{name} (ref.cast (ref ${name}) (local.get $x))))))"));
    }
    out.line(2, "(if (ref.test (ref $bytes) (local.get $x))");
    out.line(3, "(then");
    out.line(4, ";; already written as a string?");
    out.line(4, "(local.set $o (call $wxl:s.find (ref.cast (ref $bytes) (local.get $x))");
    out.line(5, "(call $wxl:s.blob_hash (ref.cast (ref $bytes) (local.get $x)) (i32.const 1)) (i32.const 1)))");
    out.line(4, "(if (local.get $o) (then (return (local.get $o))))");
    out.line(4, "(return (call $wxl:store.blob (ref.cast (ref $bytes) (local.get $x)) (i32.const 2)))))");
    out.line(2, ";; an object of a type the schema does not have");
    out.line(2, "(unreachable))");
}

/// `$store.dyn:T`: a `(ref null $T)` written as its run-time type (T or a subtype).
fn store_dyn(out: &mut Out, model: &Model<'_>, index: TypeIndex) {
    let name = model.type_name(index).to_string();
    out.blank();
    let subtypes = most_derived_first(&model.proper_subtypes(index));
    let names: Vec<&str> = subtypes.iter().map(|&t| model.type_name(t)).collect();
    if names.is_empty() {
        out.line(1, format!(";; A (ref null ${name}): null is 0."));
    } else {
        out.line(1, format!(";; A (ref null ${name}) as its run-time type: {}, else {name}; null is 0.", names.join(", ")));
    }
    out.line(1, format!("(func $store.dyn:{name} (param $x (ref null ${name})) (result i32)"));
    out.line(2, "(if (ref.is_null (local.get $x)) (then (return (i32.const 0))))");
    for t in subtypes {
        let sub = model.type_name(t);
        out.line(2, format!("(if (ref.test (ref ${sub}) (local.get $x))"));
        out.line(3, format!("(then (return (call $store:{sub} (ref.cast (ref ${sub}) (local.get $x))))))"));
    }
    out.line(2, format!("(call $store:{name} (ref.as_non_null (local.get $x))))"));
}
