//! The peers' generated code, included from OUT_DIR (build.rs). Lints are the generators'
//! business, not ours.

#[allow(clippy::all, clippy::pedantic, unused_imports, dead_code, non_camel_case_types, mismatched_lifetime_syntaxes)]
pub mod log_fb {
    include!(concat!(env!("OUT_DIR"), "/log_generated.rs"));
}

#[allow(clippy::all, clippy::pedantic, unused_imports, dead_code, non_camel_case_types, mismatched_lifetime_syntaxes)]
pub mod mesh_fb {
    include!(concat!(env!("OUT_DIR"), "/mesh_generated.rs"));
}

#[allow(clippy::all, clippy::pedantic, unused_imports, dead_code, mismatched_lifetime_syntaxes)]
pub mod log_planus {
    include!(concat!(env!("OUT_DIR"), "/log_planus.rs"));
}

#[allow(clippy::all, clippy::pedantic, unused_imports, dead_code, mismatched_lifetime_syntaxes)]
pub mod mesh_planus {
    include!(concat!(env!("OUT_DIR"), "/mesh_planus.rs"));
}
