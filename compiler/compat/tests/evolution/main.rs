//! Proof by running code: for every case of tests/cases/compat, buffers are built with one
//! version's layout (wxl-runtime's builder at the IR's offsets) and verified and read with the
//! other's (the runtime's verifier and views), both ways.
//!
//! - Every direction `wxl compat` calls compatible must work: each buffer verifies and reads
//!   back what was written (renamed fields by position, appended fields as their defaults).
//! - A sample of the breaking verdicts must actually misread or be rejected (`MUST_FAIL`).
//!
//! Only layout-visible breaks can show here: a removed last field (old readers see defaults),
//! `final` appends or alignment changes the builder happens to satisfy are policy or
//! placement-dependent, and `u8` to `u16` as the last field reads small values correctly on a
//! little-endian layout; the sample lists the changes a buffer exposes every time.

#[path = "../common/mod.rs"]
mod common;
mod read;
mod tables;
mod value;
mod write;

use common::{case_folders, Case};
use wxl_compat::{Direction, Severity};
use wxl_ir::{CompositeType, Schema, TypeIndex};
use wxl_runtime::verify::Options;

use read::Reader;
use write::Writer;

/// Breaking verdicts a sample buffer must expose: (case, direction).
const MUST_FAIL: &[(&str, Direction)] = &[
    ("root_type_changed", Direction::Backward),
    ("root_type_changed", Direction::Forward),
    ("identifier_changed", Direction::Backward),
    ("identifier_changed", Direction::Forward),
    ("type_removed", Direction::Backward),
    ("type_kind_changed", Direction::Backward),
    ("type_id_changed", Direction::Backward),
    ("type_id_changed", Direction::Forward),
    ("supertype_changed", Direction::Backward),
    ("fields_reordered", Direction::Backward),
    ("fields_reordered", Direction::Forward),
    ("field_appended_to_supertype", Direction::Backward),
    ("required_field_appended", Direction::Backward),
    ("field_offset_changed", Direction::Backward),
    ("field_offset_changed", Direction::Forward),
    ("field_size_changed", Direction::Backward),
    ("field_size_changed", Direction::Forward),
    ("field_storage_changed", Direction::Backward),
    ("field_storage_changed", Direction::Forward),
    ("field_signedness_changed", Direction::Backward),
    ("field_signedness_changed", Direction::Forward),
    ("ref_nullability_changed", Direction::Backward),
    ("ref_target_changed", Direction::Forward),
    ("value_struct_changed", Direction::Backward),
    ("value_struct_changed", Direction::Forward),
    ("array_element_changed", Direction::Backward),
    ("array_element_changed", Direction::Forward),
    ("enum_value_removed", Direction::Backward),
    ("enum_value_changed", Direction::Backward),
    ("enum_value_changed", Direction::Forward),
    ("enum_variant_added_to_closed", Direction::Forward),
    ("enum_repr_changed", Direction::Backward),
    ("enum_openness_changed", Direction::Backward),
    ("ref_target_narrowed", Direction::Backward),
    ("supertype_added", Direction::Forward),
    ("identifier_added", Direction::Backward),
    ("field_removed_middle", Direction::Backward),
    ("field_removed_middle", Direction::Forward),
    ("integer_to_closed_enum", Direction::Backward),
    ("anonymous_array_element", Direction::Backward),
    ("anonymous_array_element", Direction::Forward),
    ("several_changes", Direction::Backward),
    ("several_changes", Direction::Forward),
];

#[derive(Debug)]
enum Outcome {
    /// Every buffer verified and read back as written.
    Works(usize),
    /// The first buffer that was rejected or misread.
    Fails(String),
}

/// Whether the writer's type has a counterpart in the reader: same name or same type id.
fn has_partner(writer: &Schema, reader: &Schema, index: TypeIndex) -> bool {
    let ty = writer.ty(index);
    reader.types.iter().any(|t| (t.name == ty.name && t.origin.package == ty.origin.package) || t.type_id == ty.type_id)
}

/// Buffers written with `writer` and read with `reader`. `writer_is_new`: buffers of types
/// the reader does not know are left out, as `TYPE_ADDED` allows (old readers reject them).
fn exchange(writer: &Schema, reader: &Schema, writer_is_new: bool) -> Outcome {
    let tables = tables::runtime_schema(reader);
    let c_tables = wxl_runtime_c::CSchema::from_rust(tables);
    let roots: Vec<TypeIndex> = match writer.root {
        Some(root) => vec![root],
        None => (0..writer.types.len() as u32).map(TypeIndex).filter(|&i| writer.ty(i).declared).collect(),
    };
    let options = Options { identifier: reader.identifier, root: None };
    let usable = |t: TypeIndex| !writer_is_new || has_partner(writer, reader, t);
    let mut count = 0;
    for root in roots {
        if !usable(root) {
            continue;
        }
        let name = &writer.ty(root).name;
        for sample in 0..3 {
            let Some((bytes, written)) = Writer::buffer(writer, &usable, root, sample) else { continue };
            // The C verifier, given the same reader's tables, must reach the same verdict.
            let rust_verdict = wxl_runtime::verify(&bytes, tables, &options).map(drop).map_err(|e| (u32::from(e.kind.code()), e.offset));
            let c_verdict = wxl_runtime_c::verify(&bytes, &c_tables, options.identifier, None).map_err(|e| (e.code, e.offset));
            assert_eq!(c_verdict, rust_verdict, "{name} #{sample}: the C and Rust verifiers disagree");
            let verified = match wxl_runtime::verify(&bytes, tables, &options) {
                Ok(verified) => verified,
                Err(error) => return Outcome::Fails(format!("{name} #{sample}: rejected: {error:?}")),
            };
            let read = Reader::new(reader).object(verified.root());
            if let Err(why) = value::compare(&written, &read, name) {
                return Outcome::Fails(format!("{name} #{sample}: misread: {why}"));
            }
            count += 1;
        }
    }
    Outcome::Works(count)
}

/// Types the writer could not build are not exchanged; make sure every case exchanges some.
fn kinds(schema: &Schema) -> usize {
    schema.types.iter().filter(|t| matches!(t.composite, CompositeType::Struct(_) | CompositeType::Array(_))).count()
}

#[test]
fn compatible_verdicts_hold_and_breaking_ones_show() {
    let mut unsound = Vec::new();
    let mut missed = Vec::new();
    let mut table = String::new();
    for folder in case_folders() {
        let case = Case::load(&folder);
        let (old, new) = (case.old.schema.as_ref().expect("old"), case.new.schema.as_ref().expect("new"));
        for direction in [Direction::Backward, Direction::Forward] {
            let breaking = case.findings(direction).iter().any(|f| f.severity == Severity::Error);
            let outcome = match direction {
                Direction::Backward => exchange(old, new, false),
                _ => exchange(new, old, true),
            };
            table.push_str(&format!("{:32} {:9} compat: {:10} exchange: {outcome:?}\n", case.name, direction.name(), if breaking { "breaking" } else { "compatible" }));
            match (&outcome, breaking) {
                (Outcome::Fails(why), false) => unsound.push(format!("{} {}: {why}", case.name, direction.name())),
                (Outcome::Works(0), _) if kinds(old) + kinds(new) > 0 => {
                    unsound.push(format!("{} {}: no buffer could be built", case.name, direction.name()))
                }
                (Outcome::Works(_), _) if MUST_FAIL.contains(&(case.name.as_str(), direction)) => {
                    missed.push(format!("{} {}", case.name, direction.name()))
                }
                _ => {}
            }
        }
    }
    println!("{table}");
    assert!(unsound.is_empty(), "called compatible but the exchange failed:\n{}\n\n{table}", unsound.join("\n"));
    assert!(missed.is_empty(), "called breaking but every buffer worked:\n{}\n\n{table}", missed.join("\n"));
}
