//! The runtime verifier's tables (`wxl_runtime::Schema`, `&'static` slices, as generated code
//! emits them) built at run time from the IR's `SchemaTables`.
//!
//! The slices are leaked: a few hundred bytes per schema, once per `Context`. That is fine for
//! the CLI (one schema per process) and for tests; a long-running service should keep one
//! `Context` per schema rather than make new ones.

use wxl_ir::tables::{self, HeapCheck, SchemaTables};
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
        tables::Check::Enum { offset, width, values } => {
            Check::Enum { offset: *offset, width: *width, values: leak(values.clone()) }
        }
        tables::Check::Ref { offset, nullable, heap: h } => {
            Check::Ref { offset: *offset, nullable: *nullable, heap: heap(*h) }
        }
    }
}

/// The runtime's view of `computed`, leaked (see the module docs).
pub fn runtime_schema(computed: &SchemaTables) -> &'static wxl_runtime::Schema {
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
    Box::leak(Box::new(wxl_runtime::Schema {
        identifier: computed.identifier,
        root: computed.root,
        types: leak(types),
    }))
}
