//! Generates the logs accessors into OUT_DIR (the build script runs on the host).

fn main() -> Result<(), wxl_build::Error> {
    wxl_build::Config::new().file("../../schemas/logs.wxl").compile()?;
    Ok(())
}
