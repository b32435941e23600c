//! Runs the logos lexer over the whole text: tokens for the parser, doc comments aside, and
//! diagnostics for everything the lexer alone can see (unknown characters, bad strings, bad
//! comments).

use crate::ast::FileId;
use crate::docs::DocTable;
use crate::error::{error, Code};
use crate::literal::decode_string;
use crate::token::Token;
use crate::Diagnostic;
use logos::Logos;
use std::ops::Range;

/// How deeply `[` may nest. Deeper brackets are dropped (with a diagnostic) so that the tree,
/// and everything that recurses over it, stays shallow whatever the input.
const MAX_BRACKET_DEPTH: usize = 32;

/// A token with its byte range, the shape lalrpop expects.
pub(crate) type Spanned<'a> = (usize, Token<'a>, usize);

pub(crate) struct Lexed<'a> {
    pub tokens: Vec<Spanned<'a>>,
    /// `//!` lines at the top of the file.
    pub file_docs: Vec<String>,
    pub docs: DocTable,
    pub diagnostics: Vec<Diagnostic>,
}

pub(crate) fn lex(file: FileId, text: &str) -> Lexed<'_> {
    let mut lexer = Lexer::new(file, text);
    for (token, range) in Token::lexer(text).spanned() {
        match token {
            Ok(token) => lexer.token(token, range),
            Err(()) => lexer.unknown(range),
        }
    }
    lexer.finish()
}

struct Lexer<'a> {
    file: FileId,
    text: &'a str,
    out: Lexed<'a>,
    /// `///` lines not yet attached to the next token, and where they are.
    pending_docs: Vec<String>,
    pending_docs_range: Range<usize>,
    /// A run of unknown characters, reported as one diagnostic.
    unknown_run: Option<Range<usize>>,
    /// How many `[` are open.
    bracket_depth: usize,
}

impl<'a> Lexer<'a> {
    fn new(file: FileId, text: &'a str) -> Lexer<'a> {
        let out = Lexed {
            tokens: Vec::new(),
            file_docs: Vec::new(),
            docs: DocTable::default(),
            diagnostics: Vec::new(),
        };
        Lexer {
            file,
            text,
            out,
            pending_docs: Vec::new(),
            pending_docs_range: 0..0,
            unknown_run: None,
            bracket_depth: 0,
        }
    }

    fn token(&mut self, token: Token<'a>, range: Range<usize>) {
        self.flush_unknown();
        match token {
            Token::LineComment(comment) => self.line_comment(comment, range),
            Token::BlockComment(closed) => self.block_comment(closed, range),
            Token::Str(raw) => {
                // Checked here so that strings dropped by error recovery are checked too.
                decode_string(self.file, range.start, raw, &mut self.out.diagnostics);
                self.push(token, range);
            }
            Token::LBracket => self.open_bracket(range),
            Token::RBracket => self.close_bracket(range),
            token => self.push(token, range),
        }
    }

    fn open_bracket(&mut self, range: Range<usize>) {
        self.bracket_depth += 1;
        if self.bracket_depth <= MAX_BRACKET_DEPTH {
            return self.push(Token::LBracket, range);
        }
        if self.bracket_depth == MAX_BRACKET_DEPTH + 1 {
            self.out.diagnostics.push(error(
                Code::NestedTooDeeply,
                self.file,
                range,
                format!("array types nested more than {MAX_BRACKET_DEPTH} deep"),
                "brackets from here on are ignored",
            ));
        }
    }

    fn close_bracket(&mut self, range: Range<usize>) {
        if self.bracket_depth <= MAX_BRACKET_DEPTH {
            self.push(Token::RBracket, range);
        }
        self.bracket_depth = self.bracket_depth.saturating_sub(1);
    }

    fn push(&mut self, token: Token<'a>, range: Range<usize>) {
        self.flush_docs(range.start);
        self.out.tokens.push((range.start, token, range.end));
    }

    fn line_comment(&mut self, comment: &str, range: Range<usize>) {
        if let Some(line) = doc_text(comment, "///").filter(|_| !comment.starts_with("////")) {
            if self.pending_docs.is_empty() {
                self.pending_docs_range.start = range.start;
            }
            self.pending_docs_range.end = range.end;
            self.pending_docs.push(line);
        } else if let Some(line) = doc_text(comment, "//!") {
            self.file_doc(line, range);
        }
    }

    fn file_doc(&mut self, line: String, range: Range<usize>) {
        if self.out.tokens.is_empty() {
            self.out.file_docs.push(line);
            return;
        }
        self.out.diagnostics.push(error(
            Code::MisplacedFileDoc,
            self.file,
            range,
            "`//!` file docs must come before everything else in the file",
            "use `///` to document the next item, or `//` for a plain comment",
        ));
    }

    fn block_comment(&mut self, closed: bool, range: Range<usize>) {
        if closed {
            return;
        }
        self.out.diagnostics.push(error(
            Code::UnterminatedComment,
            self.file,
            range.start..range.start + 2,
            "unterminated block comment",
            "this `/*` has no closing `*/`",
        ));
    }

    fn unknown(&mut self, range: Range<usize>) {
        match &mut self.unknown_run {
            Some(run) if run.end == range.start => run.end = range.end,
            _ => {
                self.flush_unknown();
                self.unknown_run = Some(range);
            }
        }
    }

    fn flush_unknown(&mut self) {
        let Some(range) = self.unknown_run.take() else { return };
        let chars = self.text.get(range.clone()).unwrap_or_default();
        let plural = if chars.chars().count() > 1 { "s" } else { "" };
        self.out.diagnostics.push(error(
            Code::UnknownCharacter,
            self.file,
            range,
            format!("unknown character{plural} `{}`", chars.escape_debug()),
            "not part of any token; skipped",
        ));
    }

    /// Attaches pending `///` lines to the token starting at `next_token_start`.
    fn flush_docs(&mut self, next_token_start: usize) {
        if self.pending_docs.is_empty() {
            return;
        }
        let lines = std::mem::take(&mut self.pending_docs);
        self.out.docs.insert(next_token_start, lines, self.pending_docs_range.clone());
    }

    fn finish(mut self) -> Lexed<'a> {
        self.flush_unknown();
        // Docs at the end of the file document nothing; the key past every token says so.
        self.flush_docs(self.text.len() + 1);
        self.out
    }
}

/// The text of a doc comment after `prefix` and one optional space.
fn doc_text(comment: &str, prefix: &str) -> Option<String> {
    let rest = comment.strip_prefix(prefix)?;
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    Some(rest.trim_end_matches('\r').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_drop_slashes_one_space_and_carriage_returns() {
        let lexed = lex(0, "//! top\r\n///  two\r\n////plain\r\n///\r\nstruct");
        assert_eq!(lexed.file_docs, ["top"]);
        let mut docs = lexed.docs;
        assert_eq!(docs.take(lexed.tokens[0].0), [" two", ""]);
    }

    #[test]
    fn byte_order_mark_is_whitespace() {
        let lexed = lex(0, "\u{FEFF}struct");
        assert!(lexed.diagnostics.is_empty());
        assert_eq!(lexed.tokens.len(), 1);
    }

    #[test]
    fn unknown_characters_merge_into_one_diagnostic() {
        let lexed = lex(0, "x $%é y");
        assert_eq!(lexed.diagnostics.len(), 1);
        assert_eq!(lexed.diagnostics[0].message, "unknown characters `$%é`");
        assert_eq!(lexed.tokens.len(), 2);
    }

    #[test]
    fn deep_brackets_are_cut() {
        let depth = MAX_BRACKET_DEPTH + 10;
        let text = format!("{}i32{}", "[".repeat(depth), "]".repeat(depth));
        let lexed = lex(0, &text);
        assert_eq!(lexed.diagnostics.len(), 1);
        assert_eq!(lexed.tokens.len(), 2 * MAX_BRACKET_DEPTH + 1);
    }
}
