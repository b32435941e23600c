//! The state grammar actions share: the file, the tokens (to describe syntax errors), the doc
//! comments, and the diagnostics found so far.

use crate::ast::{
    Attribute, FileId, Finality, Ident, Import, Item, Literal, LiteralKind, Path, Span, StringLit,
    TypeDef, TypeDefKind,
};
use crate::docs::DocTable;
use crate::error::{error, Code};
use crate::lexer::Spanned;
use crate::literal::{decode_string, parse_float, parse_int};
use crate::syntax_error::syntax_error;
use crate::token::{is_keyword, Token};
use crate::Diagnostic;
use std::convert::Infallible;

pub(crate) type ErrorRecovery<'a> = lalrpop_util::ErrorRecovery<usize, Token<'a>, Infallible>;

/// One top-level element, before the source file is assembled.
#[derive(Debug)]
pub(crate) enum Top {
    Package(Path, Span),
    Import(Import),
    Item(Item),
    /// Something that did not parse (already diagnosed).
    Error,
}

pub(crate) fn finality(is_final: bool) -> Finality {
    if is_final {
        Finality::Final
    } else {
        Finality::NonFinal
    }
}

pub(crate) struct Ctx<'a> {
    pub file: FileId,
    pub text: &'a str,
    pub tokens: &'a [Spanned<'a>],
    pub docs: DocTable,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    pub(crate) fn ident(&self, name: &str, start: usize, end: usize) -> Ident {
        Ident { name: name.to_string(), span: self.span(start, end) }
    }

    /// The name of a type definition, which must not be a keyword: paths cannot spell one.
    pub(crate) fn def_name(&mut self, name: &str, start: usize, end: usize) -> Ident {
        if is_keyword(name) {
            let message = format!("keyword `{name}` cannot name a type");
            let label = "types are referred to by name, and a keyword is not a name";
            self.diagnostics.push(error(
                Code::KeywordAsTypeName,
                self.file,
                start..end,
                message,
                label,
            ));
        }
        self.ident(name, start, end)
    }

    pub(crate) fn keyword_path(&self, keyword: &str, start: usize, end: usize) -> Path {
        let segment = self.ident(keyword, start, end);
        Path { segments: vec![segment], span: self.span(start, end) }
    }

    /// The `///` docs of the node starting at `start`.
    pub(crate) fn docs(&mut self, start: usize) -> Vec<String> {
        self.docs.take(start)
    }

    pub(crate) fn type_def(
        &mut self,
        start: usize,
        attrs: Vec<Attribute>,
        name: Ident,
        kind: TypeDefKind,
        end: usize,
    ) -> TypeDef {
        TypeDef { docs: self.docs(start), attrs, name, kind, span: self.span(start, end) }
    }

    /// Reports a syntax error that a `!` alternative recovered from; `start..end` is what the
    /// parser threw away.
    pub(crate) fn recover(&mut self, recovery: ErrorRecovery<'a>, start: usize, end: usize) {
        let diagnostic = syntax_error(self.file, self.text, self.tokens, recovery.error);
        self.diagnostics.push(diagnostic);
        self.docs.discard(start..end);
    }

    pub(crate) fn semicolon_separator(&mut self, start: usize, end: usize) {
        let message = "expected `,`, found `;`";
        let label = "fields and enum variants are separated by `,`";
        self.diagnostics.push(error(Code::UnexpectedToken, self.file, start..end, message, label));
    }

    pub(crate) fn string(&mut self, raw: &str, start: usize, end: usize) -> StringLit {
        // The lexer already reported any problem with this string.
        let value = decode_string(self.file, start, raw, &mut Vec::new());
        StringLit { value, span: self.span(start, end) }
    }

    pub(crate) fn int(
        &mut self,
        negative: bool,
        digits: &str,
        start: usize,
        end: usize,
    ) -> Literal {
        let value = parse_int(digits, negative).unwrap_or_else(|problem| {
            self.diagnostics.push(problem.diagnostic(self.file, start..end));
            0
        });
        Literal { kind: LiteralKind::Int(value), span: self.span(start, end) }
    }

    pub(crate) fn float(
        &mut self,
        negative: bool,
        digits: &str,
        start: usize,
        end: usize,
    ) -> Literal {
        let value = parse_float(digits, negative).unwrap_or_else(|| {
            let message = format!("invalid float literal `{}`", &self.text[start..end]);
            let label = "expected digits, optionally with `.` and an exponent, that fit in an f64";
            self.diagnostics.push(error(
                Code::InvalidNumber,
                self.file,
                start..end,
                message,
                label,
            ));
            0.0
        });
        Literal { kind: LiteralKind::Float(value), span: self.span(start, end) }
    }

    /// A bare name such as an enum variant, `inf` or `nan`; only `inf` takes a `-`.
    pub(crate) fn name_literal(
        &mut self,
        negative: bool,
        name: &str,
        start: usize,
        end: usize,
    ) -> Literal {
        if negative && name != "inf" {
            let message = format!("`-` cannot apply to `{name}`");
            let label = "only numbers and `inf` can be negative";
            self.diagnostics.push(error(Code::NegatedName, self.file, start..end, message, label));
        }
        let text = if negative { format!("-{name}") } else { name.to_string() };
        Literal { kind: LiteralKind::Name(text), span: self.span(start, end) }
    }
}
