//! Diagnostics rendered as codespan prints them, without colour.

use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{emit_into_string, Config};
use wxl_syntax::Diagnostic;

/// Renders `diagnostics` about `text`, which must be file 0. Panics if codespan cannot render
/// one (a span outside the text or inside a character).
pub fn render_diagnostics(name: &str, text: &str, diagnostics: &[Diagnostic]) -> String {
    let mut files = SimpleFiles::new();
    let file = files.add(name, text);
    assert_eq!(file, 0);
    let config = Config::default();
    diagnostics
        .iter()
        .map(|diagnostic| {
            emit_into_string(&config, &files, diagnostic).expect("renderable diagnostic")
        })
        .collect()
}
