//! The GC subtyping rules (WebAssembly 3.0, "matching"): a declared supertype must be matched
//! by the subtype's structure. Structs: width (at least the supertype's fields) and depth
//! (each field matches); immutable fields are covariant, mutable fields invariant, packed and
//! scalar storage must be equal, and mutability must agree. Arrays: the same for the element.

use codespan_reporting::diagnostic::Label;
use wxl_ir::{AbstractHeap, CompositeType, FieldType, HeapType, RefType, Schema, StorageType, TypeIndex};
use wxl_syntax::{Diagnostic, Span};

use crate::canon::{Keys, Shapes};
use crate::codes;

pub fn check_all(schema: &Schema, diagnostics: &mut Vec<Diagnostic>) {
    for (index, ty) in schema.types.iter().enumerate() {
        if let Some(super_index) = ty.supertype {
            check_declared_supertype(schema, TypeIndex(index as u32), super_index, diagnostics);
        }
    }
}

fn check_declared_supertype(schema: &Schema, sub: TypeIndex, sup: TypeIndex, diagnostics: &mut Vec<Diagnostic>) {
    let (sub_type, super_type) = (schema.ty(sub), schema.ty(sup));
    match (&sub_type.composite, &super_type.composite) {
        (CompositeType::Struct(sub_struct), CompositeType::Struct(super_struct)) => {
            if sub_struct.fields.len() < super_struct.fields.len() {
                let missing: Vec<&str> =
                    super_struct.fields[sub_struct.fields.len()..].iter().map(|f| f.name.as_str()).collect();
                let message = format!(
                    "`{}` has fewer fields than its supertype `{}`: missing {}",
                    sub_type.name,
                    super_type.name,
                    missing.join(", ")
                );
                diagnostics.push(error(codes::SUBTYPE_MISSING_FIELD, message, sub_type.origin.span, super_type.origin.span, "supertype declared here"));
            }
            for (sub_field, super_field) in sub_struct.fields.iter().zip(&super_struct.fields) {
                if let Some(diagnostic) = field_mismatch(schema, sub_field.ty, super_field.ty, &sub_field.name, &super_type.name) {
                    diagnostics.push(diagnostic.with_labels(vec![
                        Label::primary(sub_field.span.file, sub_field.span.range()),
                        Label::secondary(super_field.span.file, super_field.span.range())
                            .with_message(format!("in the supertype `{}`", super_type.name)),
                    ]));
                }
            }
        }
        (CompositeType::Array(sub_array), CompositeType::Array(super_array)) => {
            if let Some(diagnostic) = field_mismatch(schema, sub_array.element, super_array.element, "element", &super_type.name) {
                diagnostics.push(diagnostic.with_labels(vec![
                    Label::primary(sub_type.origin.span.file, sub_type.origin.span.range()),
                    Label::secondary(super_type.origin.span.file, super_type.origin.span.range()),
                ]));
            }
        }
        _ => {} // kind mismatch was reported while lowering
    }
}

fn error(code: &str, message: String, primary: Span, secondary: Span, note: &str) -> Diagnostic {
    Diagnostic::error().with_code(code).with_message(message).with_labels(vec![
        Label::primary(primary.file, primary.range()),
        Label::secondary(secondary.file, secondary.range()).with_message(note.to_string()),
    ])
}

/// Why `sub` does not match `sup`, as a diagnostic without labels; `None` when it matches.
fn field_mismatch(schema: &Schema, sub: FieldType, sup: FieldType, name: &str, super_name: &str) -> Option<Diagnostic> {
    let spell = |t: FieldType| wxl_ir::display::field_type_name(schema, t);
    if sub.mutable != sup.mutable {
        let message = if sub.mutable {
            format!("`{name}` is mutable here but immutable in `{super_name}`: a mutable field is not a subtype of an immutable one")
        } else {
            format!("`{name}` is immutable here but mutable in `{super_name}`: mutability must agree")
        };
        return Some(Diagnostic::error().with_code(codes::SUBTYPE_MUTABILITY).with_message(message));
    }
    let matches = if sub.mutable {
        storage_equal(schema, sub.storage, sup.storage)
    } else {
        storage_matches(schema, sub.storage, sup.storage)
    };
    if matches {
        return None;
    }
    let rule = if sub.mutable {
        "mutable fields are invariant: the types must be the same"
    } else {
        "immutable fields are covariant: the type must be the same or a subtype"
    };
    let message = format!("`{name}`: `{}` does not match `{}` in `{super_name}`", spell(sub), spell(sup));
    Some(Diagnostic::error().with_code(codes::SUBTYPE_FIELD_TYPE).with_message(message).with_notes(vec![rule.to_string()]))
}

/// Type equality (after canonicalization).
pub fn storage_equal(schema: &Schema, a: StorageType, b: StorageType) -> bool {
    match (a, b) {
        (StorageType::Ref(x), StorageType::Ref(y)) => x.nullable == y.nullable && heap_equal(schema, x.heap, y.heap),
        _ => {
            let mut shapes = Shapes::default();
            let mut keys = Keys::new(schema, None, &mut shapes);
            keys.storage(a) == keys.storage(b)
        }
    }
}

fn heap_equal(schema: &Schema, a: HeapType, b: HeapType) -> bool {
    match (a, b) {
        (HeapType::Concrete(x), HeapType::Concrete(y)) => schema.ty(x).canonical == schema.ty(y).canonical,
        _ => a == b,
    }
}

/// `a <: b` for storage types: value types equal, references by `ref_matches`.
pub fn storage_matches(schema: &Schema, a: StorageType, b: StorageType) -> bool {
    match (a, b) {
        (StorageType::Ref(x), StorageType::Ref(y)) => ref_matches(schema, x, y),
        _ => storage_equal(schema, a, b),
    }
}

pub fn ref_matches(schema: &Schema, a: RefType, b: RefType) -> bool {
    (!a.nullable || b.nullable) && heap_matches(schema, a.heap, b.heap)
}

/// The heap type hierarchy: none <: (i31 | struct types | array types) <: eq <: any, with
/// string and bytes under array, concrete types under their declared supertypes.
pub fn heap_matches(schema: &Schema, a: HeapType, b: HeapType) -> bool {
    use AbstractHeap::*;
    if heap_equal(schema, a, b) || a == HeapType::Abstract(None) {
        return true;
    }
    match b {
        HeapType::Abstract(Any) | HeapType::Abstract(Eq) => true,
        HeapType::Abstract(Struct) => is_kind(schema, a, false),
        HeapType::Abstract(Array) => matches!(a, HeapType::String | HeapType::Bytes) || is_kind(schema, a, true),
        HeapType::Concrete(target) => match a {
            HeapType::Concrete(source) => declared_subtype(schema, source, target),
            _ => false,
        },
        _ => false,
    }
}

fn is_kind(schema: &Schema, heap: HeapType, array: bool) -> bool {
    match heap {
        HeapType::Concrete(t) => matches!(schema.ty(t).composite, CompositeType::Array(_)) == array,
        HeapType::Abstract(AbstractHeap::Struct) => !array,
        HeapType::Abstract(AbstractHeap::Array) => array,
        _ => false,
    }
}

/// Whether `source`'s supertype chain reaches a type equivalent to `target`.
pub fn declared_subtype(schema: &Schema, source: TypeIndex, target: TypeIndex) -> bool {
    let target = schema.ty(target).canonical;
    let mut current = Some(source);
    let mut steps = 0;
    while let Some(index) = current {
        if schema.ty(index).canonical == target {
            return true;
        }
        steps += 1;
        if steps > schema.types.len() {
            return false; // impossible for checked schemas; guards malformed input
        }
        current = schema.ty(index).supertype;
    }
    false
}
