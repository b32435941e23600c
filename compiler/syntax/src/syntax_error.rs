//! Turns lalrpop's parse errors into diagnostics that speak the language's terms: "expected a
//! type after `:`, found `,`" rather than a list of grammar terminals.

use crate::ast::FileId;
use crate::error::{error, Code};
use crate::lexer::Spanned;
use crate::token::Token;
use crate::Diagnostic;
use codespan_reporting::diagnostic::Label;
use std::convert::Infallible;

pub(crate) type ParseError<'a> = lalrpop_util::ParseError<usize, Token<'a>, Infallible>;

pub(crate) fn syntax_error(
    file: FileId,
    text: &str,
    tokens: &[Spanned<'_>],
    parse_error: ParseError<'_>,
) -> Diagnostic {
    use lalrpop_util::ParseError::*;
    match parse_error {
        UnrecognizedToken { token: (start, _, end), expected } => {
            let found = describe_found(text, tokens, start);
            let code = match found {
                Some(_) => Code::UnexpectedToken,
                None => Code::UnexpectedEof,
            };
            let found = found.unwrap_or_else(|| "end of file".to_string());
            let message = expected_message(text, tokens, start, &expected, &found);
            match missing_at_line_end(text, tokens, start).filter(|_| expects_separator(&expected))
            {
                // What is missing belongs at the end of the previous line, so point there.
                Some(at) => error(code, file, at..at, message, label(&expected))
                    .with_labels(vec![Label::secondary(file, start..end)]),
                None => error(code, file, start..end, message, label(&expected)),
            }
        }
        UnrecognizedEof { location, expected } => {
            let message = expected_message(text, tokens, location, &expected, "end of file");
            error(Code::UnexpectedEof, file, location..location, message, label(&expected))
        }
        // The lexer never hands the parser a bad token, and the grammar accepts anything up to
        // the end of the file; these are here for completeness.
        InvalidToken { location } => {
            error(Code::UnexpectedToken, file, location..location, "invalid token", "here")
        }
        ExtraToken { token: (start, _, end) } => {
            let message = format!("unexpected `{}`", snippet(&text[start..end]));
            error(Code::UnexpectedToken, file, start..end, message, "expected nothing more")
        }
        User { error } => match error {},
    }
}

/// The first real token at or after `at` ("keyword `struct`", "`x`"); `None` at the end of
/// the file. An inserted `}` (zero-width) is described by what really follows it.
fn describe_found(text: &str, tokens: &[Spanned<'_>], at: usize) -> Option<String> {
    let index = tokens.partition_point(|&(start, _, _)| start < at);
    let &(start, token, end) = tokens[index..].iter().find(|&&(start, _, end)| start < end)?;
    let keyword = if token.is_keyword() { "keyword " } else { "" };
    Some(format!("{keyword}`{}`", snippet(&text[start..end])))
}

/// Whether a `;` or `,` would do: the usual thing forgotten at the end of a line.
fn expects_separator(expected: &[String]) -> bool {
    unquoted(expected).any(|terminal| terminal == ";" || terminal == ",")
}

/// The end of the token before `at`, when a line break separates the two.
fn missing_at_line_end(text: &str, tokens: &[Spanned<'_>], at: usize) -> Option<usize> {
    let index = tokens.partition_point(|&(start, _, _)| start < at);
    let &(_, _, end) = tokens[..index].iter().rev().find(|&&(start, _, end)| start < end)?;
    text.get(end..at)?.contains('\n').then_some(end)
}

/// "expected X after Y, found Z".
fn expected_message(
    text: &str,
    tokens: &[Spanned<'_>],
    at: usize,
    expected: &[String],
    found: &str,
) -> String {
    let after =
        after(text, tokens, at, expected).map(|prev| format!(" after {prev}")).unwrap_or_default();
    format!("expected {}{after}, found {found}", describe_expected(expected))
}

fn label(expected: &[String]) -> String {
    if expected.is_empty() {
        return "unexpected here".to_string();
    }
    format!("expected {}", describe_expected(expected))
}

/// Describes the token before offset `at`, naming its role when the expected set gives it away.
fn after(text: &str, tokens: &[Spanned<'_>], at: usize, expected: &[String]) -> Option<String> {
    let index = tokens.partition_point(|&(start, _, _)| start < at);
    let mut real = tokens[..index].iter().rev().filter(|&&(start, _, end)| start < end);
    let &(start, prev, end) = real.next()?;
    let before_prev = real.next().map(|&(_, token, _)| token);
    let text = snippet(&text[start..end]);
    let only = |terminal: &str| unquoted(expected).eq([terminal]);
    let role = match (before_prev, prev) {
        (Some(Token::Struct | Token::Array | Token::Enum), Token::Ident(_)) => "type name ",
        _ if is_name(prev) && only(":") => "field name ",
        _ if is_name(prev) && only("=") => "variant name ",
        _ => "",
    };
    Some(format!("{role}`{text}`"))
}

fn is_name(token: Token<'_>) -> bool {
    matches!(token, Token::Ident(_)) || token.is_keyword()
}

/// Groups of terminals described by one phrase, checked in order; a group is used only when
/// every member is expected. Terminals are lalrpop's names without their quotes.
#[rustfmt::skip]
const GROUPS: &[(&[&str], &str)] = &[
    (&["Int", "Float", "Str", "-", "true", "false", "Ident"], "a literal"),
    (
        &[
            "Ident", "package", "import", "identifier", "root", "rec", "struct", "array", "value",
            "final", "open", "enum", "mut", "ref", "null", "true", "false",
        ],
        "a name",
    ),
    (&["Ident", "ref", "["], "a type"),
    (
        &[
            "package", "import", "identifier", "root", "rec", "struct", "array", "value", "final",
            "open", "enum", "@",
        ],
        "an item",
    ),
    (&["struct", "array", "value", "final", "open", "enum"], "a type definition"),
];

/// "`,` or `}`", "a type", "a name, an attribute or `}`".
fn describe_expected(expected: &[String]) -> String {
    let mut left: Vec<&str> = unquoted(expected).collect();
    // Where `,` separates, the grammar takes `;` only to report it.
    if left.contains(&",") {
        left.retain(|&terminal| terminal != ";");
    }
    let mut phrases: Vec<String> = Vec::new();
    for (group, phrase) in GROUPS {
        if group.iter().all(|terminal| left.contains(terminal)) {
            left.retain(|terminal| !group.contains(terminal));
            phrases.push(phrase.to_string());
        }
    }
    phrases.extend(left.into_iter().map(describe_terminal));
    join_or(&phrases)
}

/// lalrpop names terminals as written in the grammar: `";"` with its quotes, `Ident` bare.
fn unquoted(expected: &[String]) -> impl Iterator<Item = &str> {
    expected.iter().map(|terminal| terminal.trim_matches('"'))
}

fn describe_terminal(terminal: &str) -> String {
    match terminal {
        "Ident" => "a name".to_string(),
        "Int" => "an integer".to_string(),
        "Float" => "a float".to_string(),
        "Str" => "a string".to_string(),
        "@" => "an attribute".to_string(),
        punctuation_or_keyword => format!("`{punctuation_or_keyword}`"),
    }
}

/// "a", "a or b", "a, b or c".
fn join_or(phrases: &[String]) -> String {
    match phrases {
        [] => "nothing".to_string(),
        [only] => only.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// Source text short enough for a message.
fn snippet(text: &str) -> String {
    const MAX: usize = 24;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let head: String = text.chars().take(MAX - 1).collect();
    format!("{head}…")
}
