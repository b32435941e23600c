//! The example schemas' generated modules, included from `$OUT_DIR` (see build.rs), and a
//! small program over them (`main.rs`, `summary`).

wxl_runtime::include_schema!("logs");
wxl_runtime::include_schema!("mesh");
wxl_runtime::include_schema!("shapes");
