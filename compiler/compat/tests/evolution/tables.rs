//! The runtime's verifier tables from the IR's (what generated code would emit as statics;
//! leaked, a few per test run).

pub fn runtime_schema(schema: &wxl_ir::Schema) -> &'static wxl_runtime::Schema {
    wxl_json::runtime_schema(&wxl_ir::tables::compute(schema))
}
