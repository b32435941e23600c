//! Drives the lexer and the generated parser, then assembles the source file and runs the
//! checks that need the whole file (package placement, unattached docs).

use crate::ast::{FileId, Path, SourceFile, Span};
use crate::braces::close_braces;
use crate::context::{Ctx, Top};
use crate::error::{error, warning, Code};
use crate::grammar::SourceFileParser;
use crate::lexer::{lex, Lexed};
use crate::syntax_error::syntax_error;
use crate::{Diagnostic, Parse};
use codespan_reporting::diagnostic::Label;

pub(crate) fn parse(file: FileId, text: &str) -> Parse {
    let Lexed { tokens, file_docs, docs, mut diagnostics } = lex(file, text);
    let tokens = close_braces(file, tokens, &mut diagnostics);
    let mut ctx = Ctx { file, text, tokens: &tokens, docs, diagnostics };
    let tops = match SourceFileParser::new().parse(&mut ctx, tokens.iter().copied()) {
        Ok(tops) => tops,
        // Recovery gives up only at the end of the file; what was parsed is lost then.
        Err(parse_error) => {
            ctx.diagnostics.push(syntax_error(file, text, &tokens, parse_error));
            Vec::new()
        }
    };
    let tree = assemble(&mut ctx, file_docs, tops);
    report_unused_docs(&mut ctx);
    let mut diagnostics = ctx.diagnostics;
    diagnostics.sort_by_key(primary_start);
    Parse { tree, diagnostics }
}

fn assemble(ctx: &mut Ctx<'_>, docs: Vec<String>, tops: Vec<Top>) -> SourceFile {
    let mut file = SourceFile { docs, ..SourceFile::default() };
    let mut package_span = None;
    let mut seen_other = false;
    for top in tops {
        match top {
            Top::Package(path, span) => {
                package(ctx, &mut file, &mut package_span, seen_other, path, span)
            }
            Top::Import(import) => file.imports.push(import),
            Top::Item(item) => file.items.push(item),
            Top::Error => continue,
        }
        seen_other = true;
    }
    file
}

/// Keeps the first `package`; complains about a late or repeated one.
fn package(
    ctx: &mut Ctx<'_>,
    file: &mut SourceFile,
    first_span: &mut Option<Span>,
    seen_other: bool,
    path: Path,
    span: Span,
) {
    if let Some(first) = *first_span {
        let diagnostic = error(
            Code::DuplicatePackage,
            ctx.file,
            span.range(),
            format!("duplicate `package {}`", path.joined()),
            "a file has one package",
        );
        let note = Label::secondary(ctx.file, first.range()).with_message("first declared here");
        ctx.diagnostics.push(diagnostic.with_labels(vec![note]));
        return;
    }
    if seen_other {
        ctx.diagnostics.push(error(
            Code::PackageNotFirst,
            ctx.file,
            span.range(),
            "`package` must come before imports and items",
            "move this to the top of the file",
        ));
    }
    *first_span = Some(span);
    file.package = Some(path);
}

fn report_unused_docs(ctx: &mut Ctx<'_>) {
    let unused: Vec<_> = ctx.docs.unused().map(|block| block.range.clone()).collect();
    for range in unused {
        ctx.diagnostics.push(warning(
            Code::UnattachedDoc,
            ctx.file,
            range,
            "doc comment documents nothing",
            "`///` documents the type, field or enum variant that follows it",
        ));
    }
}

fn primary_start(diagnostic: &Diagnostic) -> usize {
    diagnostic.labels.first().map_or(usize::MAX, |label| label.range.start)
}
