//! Checks that every span in a tree lies in the text, in the right file, and inside its
//! parent's span.

use wxl_syntax::ast::*;
use wxl_syntax::FileId;

pub fn check_tree_spans(tree: &SourceFile, file: FileId, text: &str) {
    let whole = Span::new(file, 0, text.len());
    let check = |span: Span| check_span(span, whole, text);
    if let Some(package) = &tree.package {
        path(package, whole, text);
    }
    tree.imports.iter().for_each(|import| check(import.span));
    for item in &tree.items {
        match item {
            Item::Type(def) => type_def(def, whole, text),
            Item::Rec(group) => {
                check(group.span);
                group.types.iter().for_each(|def| type_def(def, group.span, text));
            }
            Item::Root(root) => path(root, whole, text),
            Item::Identifier(id) => check(id.span),
        }
    }
}

/// `span` is well formed, inside `parent`, and on character boundaries.
pub fn check_span(span: Span, parent: Span, text: &str) {
    assert_eq!(span.file, parent.file, "{span:?} is in the wrong file");
    assert!(span.start <= span.end, "{span:?} is backwards");
    assert!(parent.start <= span.start && span.end <= parent.end, "{span:?} is outside {parent:?}");
    assert!(text.get(span.range()).is_some(), "{span:?} splits a character");
}

fn type_def(def: &TypeDef, parent: Span, text: &str) {
    check_span(def.span, parent, text);
    let span = def.span;
    check_span(def.name.span, span, text);
    attrs(&def.attrs, span, text);
    match &def.kind {
        TypeDefKind::Struct { supertype, fields, .. } => {
            supertype.iter().for_each(|p| path(p, span, text));
            fields.iter().for_each(|f| field(f, span, text));
        }
        TypeDefKind::Array { supertype, element, .. } => {
            supertype.iter().for_each(|p| path(p, span, text));
            element_def(element, span, text);
        }
        TypeDefKind::ValueStruct { fields } => fields.iter().for_each(|f| field(f, span, text)),
        TypeDefKind::Enum { repr, variants, .. } => {
            check_span(repr.span, span, text);
            for variant in variants {
                check_span(variant.span, span, text);
                check_span(variant.name.span, variant.span, text);
                attrs(&variant.attrs, variant.span, text);
                check_span(variant.value.span, variant.span, text);
            }
        }
        TypeDefKind::Func { .. } => {}
    }
}

fn field(field: &FieldDef, parent: Span, text: &str) {
    check_span(field.span, parent, text);
    check_span(field.name.span, field.span, text);
    attrs(&field.attrs, field.span, text);
    type_expr(&field.ty, field.span, text);
    field.default.iter().for_each(|d| check_span(d.span, field.span, text));
}

fn attrs(attrs: &[Attribute], parent: Span, text: &str) {
    for attr in attrs {
        check_span(attr.span, parent, text);
        check_span(attr.name.span, attr.span, text);
        attr.args.iter().for_each(|arg| check_span(arg.span, attr.span, text));
    }
}

fn element_def(element: &ElementDef, parent: Span, text: &str) {
    check_span(element.span, parent, text);
    type_expr(&element.ty, element.span, text);
}

fn type_expr(ty: &TypeExpr, parent: Span, text: &str) {
    check_span(ty.span(), parent, text);
    match ty {
        TypeExpr::Named(p) => path(p, parent, text),
        TypeExpr::Ref { heap, span, .. } => path(heap, *span, text),
        TypeExpr::Array { element, span } => element_def(element, *span, text),
    }
}

fn path(path: &Path, parent: Span, text: &str) {
    check_span(path.span, parent, text);
    path.segments.iter().for_each(|s| check_span(s.span, path.span, text));
}
