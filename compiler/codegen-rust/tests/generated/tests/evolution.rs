//! Schema evolution through generated code: `evolution_v2.wxl` appends fields (with defaults,
//! a nullable reference among them) to `evolution_v1.wxl`'s `Record`.

use wxl_codegen_rust_tests::seeds;
use wxl_codegen_rust_tests::{evolution_v1 as v1, evolution_v2 as v2};
use wxl_runtime::SetError;

#[test]
fn the_versions_share_type_ids_and_identifier() {
    assert_eq!(v1::Record::TYPE_ID, v2::Record::TYPE_ID);
    assert_eq!(v1::Item::TYPE_ID, v2::Item::TYPE_ID);
    assert_eq!(v1::IDENTIFIER, v2::IDENTIFIER);
}

#[test]
fn new_code_reads_old_buffers_with_defaults() {
    let buf = seeds::evolution_v1_buffer();
    let record = v2::root(&buf).expect("a v1 buffer verifies under v2");
    assert_eq!((record.name(), record.count(), record.items().len()), ("version one", 2, 2));
    assert_eq!(record.items().get(1).map(|item| item.id()), Some(2));
    // Appended fields are absent: the schema's defaults, or null.
    assert_eq!(record.ratio(), 0.5);
    assert!(record.flag());
    assert_eq!(record.level(), v2::Level::High);
    assert_eq!(record.note(), None);
    assert!(record.extra().is_none());
    assert_eq!(record.hits(), 0);
    let owned = v2::RecordT::unpack(record);
    assert_eq!((owned.ratio, owned.flag, owned.level, owned.note), (0.5, true, v2::Level::High, None));
}

#[test]
fn old_code_reads_new_buffers() {
    let buf = seeds::evolution_v2_buffer();
    let record = v1::root(&buf).expect("a v2 buffer verifies under v1");
    assert_eq!((record.name(), record.count()), ("version two", 1));
    assert_eq!(record.items().iter().map(|item| item.id()).collect::<Vec<_>>(), [1]);
    // And v2 reads what it wrote.
    let record = v2::root(&buf).expect("verifies");
    assert_eq!((record.ratio(), record.flag(), record.level()), (0.75, false, v2::Level::Low));
    assert_eq!((record.note(), record.extra().map(|item| item.id()), record.hits()), (Some("appended"), Some(1), 3));
}

#[test]
fn old_code_repacks_only_what_it_knows() {
    let buf = seeds::evolution_v2_buffer();
    let owned = v1::RecordT::unpack(v1::root(&buf).expect("verifies"));
    let mut builder = wxl_runtime::Builder::new();
    let root = owned.pack(&mut builder);
    let repacked = v1::finish(&mut builder, root).to_vec();
    let record = v2::root(&repacked).expect("verifies under v2");
    assert_eq!((record.name(), record.ratio(), record.note()), ("version two", 0.5, None));
}

#[test]
fn updates_of_appended_fields_need_a_new_buffer() {
    let mut old = seeds::evolution_v1_buffer();
    let mut record = v2::root_mut(&mut old).expect("verifies");
    assert_eq!(record.set_hits(9), Err(SetError::Absent));
    let mut new = seeds::evolution_v2_buffer();
    let mut record = v2::root_mut(&mut new).expect("verifies");
    record.set_hits(9).expect("stored");
    assert_eq!(v2::root(&new).expect("verifies").hits(), 9);
}
