//! Decoding of literal tokens: string escapes and numbers.

use crate::ast::FileId;
use crate::error::{error, Code};
use crate::Diagnostic;
use std::ops::Range;

/// Decodes a string token (quotes included) that starts at byte `start`. Problems are pushed to
/// `diagnostics`; the result is the best reading of the text anyway.
pub(crate) fn decode_string(
    file: FileId,
    start: usize,
    raw: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let mut value = String::new();
    let mut chars = raw.char_indices().skip(1).peekable();
    let mut terminated = false;
    while let Some((at, c)) = chars.next() {
        match c {
            '"' => terminated = true,
            '\\' => {
                let escape = decode_escape(&mut chars, raw, at);
                match escape {
                    Ok(c) => value.push(c),
                    Err((end, problem)) => diagnostics.push(error(
                        Code::InvalidEscape,
                        file,
                        start + at..start + end,
                        problem,
                        "valid escapes are `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{...}`",
                    )),
                }
            }
            c => value.push(c),
        }
    }
    if !terminated {
        diagnostics.push(error(
            Code::UnterminatedString,
            file,
            start..start + raw.len(),
            "unterminated string",
            "this string has no closing `\"` on its line",
        ));
    }
    value
}

type Chars<'s> = std::iter::Peekable<std::iter::Skip<std::str::CharIndices<'s>>>;

/// Reads the escape after a `\` at `at`. On error, returns the end of the bad escape and a
/// message.
fn decode_escape(chars: &mut Chars<'_>, raw: &str, at: usize) -> Result<char, (usize, String)> {
    // A `\` just before the missing closing quote: the unterminated string says it all.
    let Some((_, c)) = chars.next() else {
        return Err((raw.len(), "`\\` at the end of a string".into()));
    };
    match c {
        '"' => Ok('"'),
        '\\' => Ok('\\'),
        'n' => Ok('\n'),
        't' => Ok('\t'),
        'u' => decode_unicode_escape(chars, raw, at),
        other => {
            let end = at + 1 + other.len_utf8();
            Err((end, format!("unknown escape `\\{}`", other.escape_debug())))
        }
    }
}

/// Reads `{hex}` after `\u`.
fn decode_unicode_escape(
    chars: &mut Chars<'_>,
    raw: &str,
    at: usize,
) -> Result<char, (usize, String)> {
    if chars.next_if(|&(_, c)| c == '{').is_none() {
        return Err((at + 2, "`\\u` must be followed by `{hex digits}`".into()));
    }
    let mut digits = String::new();
    while let Some((_, c)) = chars.next_if(|&(_, c)| c != '}' && c != '"') {
        digits.push(c);
    }
    let Some((close, _)) = chars.next_if(|&(_, c)| c == '}') else {
        let end = chars.peek().map_or(raw.len(), |&(i, _)| i);
        return Err((end, "unclosed `\\u{` escape".into()));
    };
    let end = close + 1;
    let code =
        (1..=6).contains(&digits.len()).then(|| u32::from_str_radix(&digits, 16).ok()).flatten();
    match code.map(char::from_u32) {
        Some(Some(c)) => Ok(c),
        Some(None) => Err((end, format!("`\\u{{{digits}}}` is not a Unicode scalar value"))),
        None => Err((end, format!("`\\u{{{digits}}}` needs 1 to 6 hex digits"))),
    }
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum IntError {
    NoDigits,
    OutOfRange,
}

impl IntError {
    pub(crate) fn diagnostic(&self, file: FileId, range: Range<usize>) -> Diagnostic {
        match self {
            IntError::NoDigits => error(
                Code::InvalidNumber,
                file,
                range,
                "hex literal without digits",
                "expected hex digits after `0x`",
            ),
            IntError::OutOfRange => error(
                Code::IntegerOutOfRange,
                file,
                range,
                "integer literal out of range",
                "must be an integer from -2^127 to 2^127-1",
            ),
        }
    }
}

/// Reads decimal or `0x` hex digits (with `_` separators) and applies the sign.
pub(crate) fn parse_int(text: &str, negative: bool) -> Result<i128, IntError> {
    let (digits, radix) = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        Some(hex) => (hex, 16),
        None => (text, 10),
    };
    let digits = digits.replace('_', "");
    if digits.is_empty() {
        return Err(IntError::NoDigits);
    }
    // Only digits of the radix are left (the lexer saw to that), so failure means overflow.
    let magnitude = u128::from_str_radix(&digits, radix).map_err(|_| IntError::OutOfRange)?;
    let value = match negative {
        true => 0i128.checked_sub_unsigned(magnitude),
        false => i128::try_from(magnitude).ok(),
    };
    value.ok_or(IntError::OutOfRange)
}

/// Reads a float (with `_` separators) and applies the sign; `None` if it is malformed or too
/// large for f64.
pub(crate) fn parse_float(text: &str, negative: bool) -> Option<f64> {
    let value: f64 = text.replace('_', "").parse().ok()?;
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string(raw: &str) -> (String, Vec<String>) {
        let mut diagnostics = Vec::new();
        let value = decode_string(0, 0, raw, &mut diagnostics);
        (value, diagnostics.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn strings() {
        assert_eq!(string(r#""a\"b\\c\n\t""#), ("a\"b\\c\n\t".into(), vec![]));
        assert_eq!(string(r#""\u{41}\u{1F600}""#), ("A\u{1F600}".into(), vec![]));
        assert_eq!(string(r#""ab"#).1, vec!["unterminated string"]);
        assert_eq!(string(r#""\q""#).1, vec!["unknown escape `\\q`"]);
        assert_eq!(string(r#""\u{D800}""#).1, vec!["`\\u{D800}` is not a Unicode scalar value"]);
        assert_eq!(string(r#""\u{}""#).1, vec!["`\\u{}` needs 1 to 6 hex digits"]);
        assert_eq!(string(r#""\u{41""#).1, vec!["unclosed `\\u{` escape"]);
        assert_eq!(string(r#""\u41""#).1, vec!["`\\u` must be followed by `{hex digits}`"]);
    }

    #[test]
    fn ints() {
        assert_eq!(parse_int("1_000", false), Ok(1000));
        assert_eq!(parse_int("0xff", true), Ok(-255));
        assert_eq!(parse_int("0x", false), Err(IntError::NoDigits));
        assert_eq!(parse_int("170141183460469231731687303715884105728", true), Ok(i128::MIN));
        assert_eq!(
            parse_int("170141183460469231731687303715884105728", false),
            Err(IntError::OutOfRange)
        );
        assert_eq!(
            parse_int("999999999999999999999999999999999999999999", false),
            Err(IntError::OutOfRange)
        );
    }

    #[test]
    fn floats() {
        assert_eq!(parse_float("1_0.5", true), Some(-10.5));
        assert_eq!(parse_float("1e-3", false), Some(0.001));
        assert_eq!(parse_float("1e_", false), None);
        assert_eq!(parse_float("1e999", false), None);
    }
}
