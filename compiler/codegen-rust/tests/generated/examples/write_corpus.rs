//! Writes the seed buffers (`seeds::all`) into a folder, as the fuzz corpus:
//! `cargo run -p wxl-codegen-rust-tests --example write_corpus -- compiler/codegen-rust/fuzz/corpus/generated_readers`

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "corpus".to_string()));
    std::fs::create_dir_all(&dir)?;
    for (name, buf) in wxl_codegen_rust_tests::seeds::all() {
        std::fs::write(dir.join(format!("seed-{name}")), buf)?;
    }
    Ok(())
}
