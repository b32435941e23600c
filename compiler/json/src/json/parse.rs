//! A strict RFC 8259 parser that records positions. Columns are counted in characters, updated
//! as the parser moves (never recounted from the line start, which would be quadratic on
//! minified one-line input).

use super::{Kind, Member, Pos, Value, MAX_DEPTH};
use crate::error::JsonError;

/// Parses one JSON document. Invalid UTF-8 in the input is reported at its first bad byte.
pub fn parse(input: &[u8]) -> Result<Value, JsonError> {
    let text = match std::str::from_utf8(input) {
        Ok(text) => text,
        Err(error) => {
            let good = &input[..error.valid_up_to()];
            // `good` is valid UTF-8 by construction.
            let pos = position_after(std::str::from_utf8(good).unwrap_or_default());
            return Err(JsonError::new(pos, "", "invalid UTF-8 in the JSON input"));
        }
    };
    let mut parser = Parser { text, at: 0, line: 1, column: 1 };
    // RFC 8259 lets parsers ignore a byte order mark.
    if text.starts_with('\u{feff}') {
        parser.at = 3;
    }
    parser.skip_space();
    let value = parser.value(0)?;
    parser.skip_space();
    if parser.at < text.len() {
        return Err(parser.error("unexpected text after the JSON value"));
    }
    Ok(value)
}

/// The position just after `text`.
fn position_after(text: &str) -> Pos {
    let line = text.matches('\n').count() as u32 + 1;
    let last = text.rfind('\n').map_or(text, |i| &text[i + 1..]);
    Pos { line, column: last.chars().count() as u32 + 1, offset: text.len() }
}

struct Parser<'t> {
    text: &'t str,
    at: usize,
    line: u32,
    column: u32,
}

impl Parser<'_> {
    fn pos(&self) -> Pos {
        Pos { line: self.line, column: self.column, offset: self.at }
    }

    fn error(&self, message: impl Into<String>) -> JsonError {
        JsonError::new(self.pos(), "", message)
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    /// Steps over one byte that is not a newline; continuation bytes of a UTF-8 sequence do
    /// not count as columns.
    fn bump(&mut self) {
        if let Some(b) = self.peek() {
            if b & 0xC0 != 0x80 {
                self.column += 1;
            }
            self.at += 1;
        }
    }

    fn skip_space(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\r' => self.bump(),
                b'\n' => {
                    self.at += 1;
                    self.line += 1;
                    self.column = 1;
                }
                _ => break,
            }
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), JsonError> {
        if self.peek() == Some(byte) {
            self.bump();
            Ok(())
        } else {
            Err(self.error(format!("expected {what}, found {}", self.found())))
        }
    }

    /// What is at the current position, for messages.
    fn found(&self) -> String {
        match self.text[self.at..].chars().next() {
            None => "the end of the input".into(),
            Some(c) => format!("{c:?}"),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, JsonError> {
        let pos = self.pos();
        let kind = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Kind::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Kind::Number(self.number()?),
            Some(b't') => self.keyword("true", Kind::Bool(true))?,
            Some(b'f') => self.keyword("false", Kind::Bool(false))?,
            Some(b'n') => self.keyword("null", Kind::Null)?,
            _ => return Err(self.error(format!("expected a JSON value, found {}", self.found()))),
        };
        Ok(Value { kind, pos })
    }

    fn keyword(&mut self, word: &str, kind: Kind) -> Result<Kind, JsonError> {
        if self.text[self.at..].starts_with(word) {
            for _ in 0..word.len() {
                self.bump();
            }
            Ok(kind)
        } else {
            Err(self.error(format!("expected a JSON value, found {}", self.found())))
        }
    }

    fn enter(&self, depth: usize) -> Result<usize, JsonError> {
        if depth >= MAX_DEPTH {
            return Err(self.error(format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(depth + 1)
    }

    fn object(&mut self, depth: usize) -> Result<Kind, JsonError> {
        let depth = self.enter(depth)?;
        self.bump();
        self.skip_space();
        let mut members = Vec::new();
        if self.peek() == Some(b'}') {
            self.bump();
            return Ok(Kind::Object(members));
        }
        loop {
            let key_pos = self.pos();
            if self.peek() == Some(b'}') && !members.is_empty() {
                return Err(self.error("trailing comma before '}'"));
            }
            if self.peek() != Some(b'"') {
                return Err(self.error(format!("expected a string key, found {}", self.found())));
            }
            let key = self.string()?;
            self.skip_space();
            self.expect(b':', "':'")?;
            self.skip_space();
            let value = self.value(depth)?;
            members.push(Member { key, key_pos, value });
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.bump();
                    self.skip_space();
                }
                Some(b'}') => {
                    self.bump();
                    return Ok(Kind::Object(members));
                }
                _ => return Err(self.error(format!("expected ',' or '}}', found {}", self.found()))),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Kind, JsonError> {
        let depth = self.enter(depth)?;
        self.bump();
        self.skip_space();
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.bump();
            return Ok(Kind::Array(items));
        }
        loop {
            if self.peek() == Some(b']') && !items.is_empty() {
                return Err(self.error("trailing comma before ']'"));
            }
            items.push(self.value(depth)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => {
                    self.bump();
                    self.skip_space();
                }
                Some(b']') => {
                    self.bump();
                    return Ok(Kind::Array(items));
                }
                _ => return Err(self.error(format!("expected ',' or ']', found {}", self.found()))),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.bump();
        }
        self.at - start
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, returned as written.
    fn number(&mut self) -> Result<String, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.bump();
        }
        match self.peek() {
            Some(b'0') => self.bump(),
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.bump();
            if self.digits() == 0 {
                return Err(self.error("expected a digit after '.'"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            if self.digits() == 0 {
                return Err(self.error("expected a digit in the exponent"));
            }
        }
        if matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.error("a number cannot have leading zeros"));
        }
        Ok(self.text[start..self.at].to_string())
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.bump(); // the opening quote
        let mut out = String::new();
        loop {
            let run_start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.bump();
            }
            out.push_str(&self.text[run_start..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.bump();
                    return Ok(out);
                }
                Some(b'\\') => out.push(self.escape()?),
                Some(_) => return Err(self.error("control characters must be escaped in strings")),
                None => return Err(self.error("unterminated string")),
            }
        }
    }

    /// One escape sequence, the backslash included; `\uD83D\uDE00` pairs make one character.
    fn escape(&mut self) -> Result<char, JsonError> {
        let pos = self.pos();
        self.bump();
        let Some(letter) = self.peek() else { return Err(self.error("unterminated string")) };
        self.bump();
        Ok(match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&first) && self.text[self.at..].starts_with("\\u") {
                    let save = (self.at, self.column);
                    self.bump();
                    self.bump();
                    let second = self.hex4()?;
                    if (0xDC00..0xE000).contains(&second) {
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    } else {
                        (self.at, self.column) = save;
                        first
                    }
                } else {
                    first
                };
                return char::from_u32(code).ok_or_else(|| {
                    JsonError::new(pos, "", format!("\\u{code:04x} is a lone surrogate: not valid UTF-8"))
                });
            }
            _ => return Err(JsonError::new(pos, "", "unknown escape sequence")),
        })
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or("");
        match u32::from_str_radix(digits, 16) {
            Ok(v) if digits.bytes().all(|b| b.is_ascii_hexdigit()) => {
                for _ in 0..4 {
                    self.bump();
                }
                Ok(v)
            }
            _ => Err(self.error("expected four hex digits after \\u")),
        }
    }
}
