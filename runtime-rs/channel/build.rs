//! Generates the control block's module (`$OUT_DIR/channel.rs`) from `schemas/channel.wxl`.

fn main() -> Result<(), wxl_build::Error> {
    wxl_build::Config::new().file("schemas/channel.wxl").compile()?;
    Ok(())
}
