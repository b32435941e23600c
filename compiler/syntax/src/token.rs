//! The tokens of `.wxl` text. Comments are tokens too: the lexer driver turns doc comments into
//! docs and drops the rest before the parser sees them.

use logos::Logos;

#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
// The byte order mark some editors write is whitespace too.
#[logos(skip r"[ \t\r\n\f\u{FEFF}]+")]
pub enum Token<'a> {
    #[token("package")]
    Package,
    #[token("import")]
    Import,
    #[token("identifier")]
    Identifier,
    #[token("root")]
    Root,
    #[token("rec")]
    Rec,
    #[token("struct")]
    Struct,
    #[token("array")]
    Array,
    #[token("value")]
    Value,
    #[token("final")]
    Final,
    #[token("open")]
    Open,
    #[token("enum")]
    Enum,
    #[token("mut")]
    Mut,
    #[token("ref")]
    Ref,
    #[token("null")]
    Null,
    #[token("true")]
    True,
    #[token("false")]
    False,

    #[token(";")]
    Semi,
    #[token(",")]
    Comma,
    #[token(":")]
    Colon,
    #[token(".")]
    Dot,
    #[token("=")]
    Eq,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("@")]
    At,
    #[token("-")]
    Minus,

    #[regex("[A-Za-z_][A-Za-z0-9_]*")]
    Ident(&'a str),
    /// Decimal or hex digits, `_` allowed; the sign is a separate `-` token.
    #[regex("[0-9][0-9_]*")]
    #[regex("0[xX][0-9a-fA-F_]*")]
    Int(&'a str),
    #[regex(r"[0-9][0-9_]*\.[0-9][0-9_]*([eE][+-]?[0-9_]+)?")]
    #[regex(r"[0-9][0-9_]*[eE][+-]?[0-9_]+")]
    Float(&'a str),
    /// Quotes included. The closing quote may be missing (diagnosed when decoding), so that an
    /// unterminated string is still one token.
    #[regex(r#""([^"\\\n]|\\[^\n]?)*"?"#)]
    Str(&'a str),

    /// `//`, `///` and `//!` comments, slashes included.
    #[regex("//[^\n]*", allow_greedy = true)]
    LineComment(&'a str),
    /// `/* ... */`; the flag says whether the closing `*/` was found.
    #[token("/*", block_comment_end)]
    BlockComment(bool),
}

impl Token<'_> {
    #[rustfmt::skip]
    pub(crate) fn is_keyword(&self) -> bool {
        use Token::*;
        matches!(
            self,
            Package | Import | Identifier | Root | Rec | Struct | Array | Value | Final | Open
                | Enum | Mut | Ref | Null | True | False
        )
    }
}

/// Whether `text` lexes as a keyword.
pub(crate) fn is_keyword(text: &str) -> bool {
    let mut lexer = Token::lexer(text);
    lexer.next().is_some_and(|token| token.is_ok_and(|t| t.is_keyword())) && lexer.next().is_none()
}

/// Skips to just past `*/`, or to the end of the text when there is none.
fn block_comment_end<'a>(lexer: &mut logos::Lexer<'a, Token<'a>>) -> bool {
    match lexer.remainder().find("*/") {
        Some(end) => {
            lexer.bump(end + 2);
            true
        }
        None => {
            lexer.bump(lexer.remainder().len());
            false
        }
    }
}
