//! Generates `$OUT_DIR/channel.rs` (the control block, used by the library) and
//! `$OUT_DIR/logs.rs` (the message schema of the tests and of the peer tool).

fn main() -> Result<(), wxl_build::Error> {
    wxl_build::Config::new().file("schemas/channel.wxl").file("../../schemas/logs.wxl").compile()?;
    Ok(())
}
