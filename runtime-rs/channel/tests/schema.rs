//! The offsets `ctl` uses for the control block's `mut` fields are the compiler's.

use std::path::Path;

use wxl_channel::ctl::{field, slot, SLOT_STRIDE};
use wxl_ir::CompositeType;

#[test]
fn live_field_offsets_are_the_compilers() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/channel.wxl");
    let compiled = wxl_check::compile_file(&path, &wxl_check::Config::default());
    assert!(!compiled.has_errors(), "{}", compiled.render_plain());
    let schema = compiled.schema.expect("no errors");
    let channel = schema.types.iter().find(|t| t.name == "Channel").expect("struct Channel");
    let CompositeType::Struct(fields) = &channel.composite else { panic!("Channel is a struct") };
    let offset = |name: &str| fields.fields.iter().find(|f| f.name == name).map(|f| f.offset as usize);
    assert_eq!(offset("head"), Some(field::HEAD));
    assert_eq!(offset("producer_sleeping"), Some(field::PRODUCER_SLEEPING));
    assert_eq!(offset("tail"), Some(field::TAIL));
    assert_eq!(offset("consumer_sleeping"), Some(field::CONSUMER_SLEEPING));

    let slot_type = schema.value_structs.iter().find(|v| v.name == "Slot").expect("value struct Slot");
    let at = |name: &str| slot_type.fields.iter().find(|f| f.name == name).map(|f| f.offset as usize);
    assert_eq!((at("seq"), at("offset"), at("len")), (Some(slot::SEQ), Some(slot::OFFSET), Some(slot::LEN)));
    assert_eq!(slot_type.size as usize, SLOT_STRIDE);
}

