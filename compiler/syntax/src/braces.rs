//! Closes the `{` a definition forgot to close, before the parser runs. A forgotten `}` is
//! common and, left to lalrpop's recovery, costs the whole definition; here it costs one
//! diagnostic. Inserted `}` tokens are zero-width, which is how the rest of the crate tells
//! them from real ones.

use crate::ast::FileId;
use crate::error::{error, Code};
use crate::lexer::Spanned;
use crate::token::Token;
use crate::Diagnostic;
use codespan_reporting::diagnostic::Label;

/// What a `{` opened: a struct or enum body, or a `rec` group (which holds definitions).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    Body,
    Rec,
}

/// Inserts a `}` before a definition that starts inside a struct or enum body, and at the end
/// of the file for every `{` still open.
pub(crate) fn close_braces<'a>(
    file: FileId,
    tokens: Vec<Spanned<'a>>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Spanned<'a>> {
    let mut out = Vec::with_capacity(tokens.len());
    let mut open: Vec<(usize, Block)> = Vec::new();
    for (index, &(start, token, end)) in tokens.iter().enumerate() {
        if let Some(&(brace, Block::Body)) = open.last() {
            if starts_definition(&tokens, index) {
                open.pop();
                let at = out.last().map_or(start, |&(_, _, end)| end);
                diagnostics.push(unclosed(
                    file,
                    brace,
                    at,
                    "expected `}` before the next definition",
                ));
                out.push((at, Token::RBrace, at));
            }
        }
        match token {
            Token::LBrace => open.push((start, block_opened_after(&out))),
            Token::RBrace => drop(open.pop()),
            _ => {}
        }
        out.push((start, token, end));
    }
    // Just after the last token, where the caret reads best.
    let at = out.last().map_or(0, |&(_, _, end)| end);
    for (brace, _) in open.into_iter().rev() {
        diagnostics.push(unclosed(file, brace, at, "expected `}` at the end of the file"));
        out.push((at, Token::RBrace, at));
    }
    out
}

fn block_opened_after(tokens: &[Spanned<'_>]) -> Block {
    match tokens.last() {
        Some((_, Token::Rec, _)) => Block::Rec,
        _ => Block::Body,
    }
}

/// Whether the tokens at `index` can only be the head of a type definition. After `ref` or
/// `null`, `struct Name :` is a heap type followed by a field missing its `,`.
fn starts_definition(tokens: &[Spanned<'_>], index: usize) -> bool {
    use Token::*;
    let token = |i: usize| tokens.get(i).map(|&(_, token, _)| token);
    let after_ref =
        index.checked_sub(1).and_then(token).is_some_and(|prev| matches!(prev, Ref | Null));
    match (token(index), token(index + 1), token(index + 2)) {
        (Some(Struct | Array | Enum), Some(Ident(_)), Some(LBrace | Colon | Eq)) => !after_ref,
        (Some(Value), Some(Struct), _)
        | (Some(Final), Some(Struct | Array), _)
        | (Some(Open), Some(Enum), _)
        | (Some(Rec), Some(LBrace), _) => true,
        _ => false,
    }
}

fn unclosed(file: FileId, brace: usize, at: usize, expected: &str) -> Diagnostic {
    let diagnostic = error(
        Code::UnclosedBrace,
        file,
        brace..brace + 1,
        "unclosed `{`",
        "this `{` has no matching `}`",
    );
    diagnostic.with_labels(vec![Label::secondary(file, at..at).with_message(expected)])
}
