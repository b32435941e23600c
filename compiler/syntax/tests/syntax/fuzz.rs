//! Property tests: no input makes the parser panic, and every span it reports is usable.

use crate::render::render_diagnostics;
use crate::spans::{check_span, check_tree_spans};
use codespan_reporting::diagnostic::LabelStyle;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use wxl_syntax::Span;

/// Real tokens, near misses, and lexer errors.
#[rustfmt::skip]
const TOKENS: &[&str] = &[
    "package", "import", "identifier", "root", "rec", "struct", "array", "value", "final", "open",
    "enum", "mut", "ref", "null", "true", "false", ";", ",", ":", ".", "=", "{", "}", "(", ")", "[",
    "]", "@", "-", "x", "Log", "i32", "inf", "0", "42", "0xff", "0x", "1_000", "1.5", "1e-3",
    "1e999", "170141183460469231731687303715884105728", "\"s\"", "\"\\q\"", "\"\\u{110000}\"",
    "\"open", "/// doc", "//! top", "// c", "/* c */", "/*", "*/", "$", "é", "\\",
];

fn config() -> Config {
    Config {
        cases: 1024,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(0x5EED_F00D),
        ..Config::default()
    }
}

/// Tokens joined by nothing, a space or a newline (so line comments end somewhere).
fn token_soup() -> impl Strategy<Value = String> {
    let piece = (prop::sample::select(TOKENS), prop::sample::select(&["", " ", "\n"][..]));
    prop::collection::vec(piece, 0..60).prop_map(|pieces| {
        pieces.into_iter().map(|(token, separator)| format!("{token}{separator}")).collect()
    })
}

fn check(text: &str) {
    let file = 0;
    let parse = wxl_syntax::parse(file, text);
    check_tree_spans(&parse.tree, file, text);
    let whole = Span::new(file, 0, text.len());
    for diagnostic in &parse.diagnostics {
        assert!(diagnostic.code.as_deref().is_some_and(|code| code.starts_with('E')));
        let primary = diagnostic.labels.iter().filter(|l| l.style == LabelStyle::Primary).count();
        assert_eq!(primary, 1, "{diagnostic:?} should have one primary label");
        for label in &diagnostic.labels {
            check_span(Span::new(label.file_id, label.range.start, label.range.end), whole, text);
        }
    }
    render_diagnostics("fuzz.wxl", text, &parse.diagnostics);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_text(text in any::<String>()) {
        check(&text);
    }

    #[test]
    fn syntax_characters(text in "[a-z0-9 \n{}()\\[\\]:;,.=@\"/*!\\\\_-]{0,120}") {
        check(&text);
    }

    #[test]
    fn token_soups(text in token_soup()) {
        check(&text);
    }
}

/// Without a depth limit the tree would be 100 000 boxes deep and dropping it would overflow
/// the test thread's stack.
#[test]
fn deeply_nested_arrays_do_not_overflow() {
    let depth = 100_000;
    let text = format!("struct A {{ x: {}i32{} }}", "[".repeat(depth), "]".repeat(depth));
    let parse = wxl_syntax::parse(0, &text);
    let codes: Vec<_> = parse.diagnostics.iter().map(|d| d.code.as_deref().unwrap()).collect();
    assert_eq!(codes, ["E0015"]);
    check(&text);
}
