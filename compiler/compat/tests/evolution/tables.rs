//! The runtime's verifier tables from the IR's (what generated code would emit as statics;
//! leaked here, a few per test run).

use wxl_ir::tables::{self, HeapCheck};
use wxl_runtime::schema::{Check, Heap, Kind, TypeInfo};

fn leak<T>(items: Vec<T>) -> &'static [T] {
    Box::leak(items.into_boxed_slice())
}

fn heap(check: HeapCheck) -> Heap {
    match check {
        HeapCheck::Type(id) => Heap::Type(id),
        HeapCheck::String => Heap::String,
        HeapCheck::Bytes => Heap::Bytes,
        HeapCheck::Struct => Heap::Struct,
        HeapCheck::Array => Heap::Array,
        HeapCheck::Any => Heap::Any,
        HeapCheck::I31 => Heap::I31,
        HeapCheck::None => Heap::None,
    }
}

fn check(check: &tables::Check) -> Check {
    match check {
        tables::Check::Bool { offset } => Check::Bool { offset: *offset },
        tables::Check::Enum { offset, width, values } => Check::Enum { offset: *offset, width: *width, values: leak(values.clone()) },
        tables::Check::Ref { offset, nullable, heap: h } => Check::Ref { offset: *offset, nullable: *nullable, heap: heap(*h) },
    }
}

pub fn runtime_schema(schema: &wxl_ir::Schema) -> &'static wxl_runtime::Schema {
    let computed = tables::compute(schema);
    let types = computed
        .types
        .iter()
        .map(|t| match t {
            None => TypeInfo::UNUSED,
            Some(t) => TypeInfo {
                kind: if t.is_array { Kind::Array } else { Kind::Struct },
                body_align: t.body_align,
                size: t.size,
                checks: leak(t.checks.iter().map(check).collect()),
                ancestors: leak(t.ancestors.clone()),
            },
        })
        .collect();
    Box::leak(Box::new(wxl_runtime::Schema { identifier: computed.identifier, root: computed.root, types: leak(types) }))
}
