//! The generated header of every schema in schemas/, as insta snapshots in
//! tests/snapshots/codegen-c/.

mod common;

#[test]
fn headers_of_the_example_schemas() {
    for path in common::schema_files(&common::workspace().join("schemas")) {
        let (name, text) = common::header(&path);
        insta::with_settings!({
            snapshot_path => "../../../tests/snapshots/codegen-c",
            prepend_module_to_snapshot => false,
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, text);
        });
    }
}
