//! Compiles the example schemas into `$OUT_DIR` (`logs.rs`, `mesh.rs`, `shapes.rs`).

fn main() -> Result<(), wxl_build::Error> {
    wxl_build::Config::new()
        .file("../../schemas/logs.wxl")
        .file("../../schemas/mesh.wxl")
        .file("../../schemas/shapes.wxl")
        .object_api(true)
        .compile()?;
    Ok(())
}
