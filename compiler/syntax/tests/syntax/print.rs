//! A compact, indented rendering of the tree for snapshots: one node a line, with the node's
//! byte span at the end.

use std::fmt::Write;
use wxl_syntax::ast::*;

pub fn print_tree(file: &SourceFile) -> String {
    let mut printer = Printer::default();
    printer.file(file);
    printer.out
}

#[derive(Default)]
struct Printer {
    out: String,
    depth: usize,
}

impl Printer {
    fn line(&mut self, text: &str, span: Option<Span>) {
        let indent = "  ".repeat(self.depth);
        match span {
            Some(span) => writeln!(self.out, "{indent}{text} [{}..{}]", span.start, span.end),
            None => writeln!(self.out, "{indent}{text}"),
        }
        .unwrap();
    }

    fn nested(&mut self, body: impl FnOnce(&mut Self)) {
        self.depth += 1;
        body(self);
        self.depth -= 1;
    }

    fn file(&mut self, file: &SourceFile) {
        self.line("file", None);
        self.nested(|p| {
            p.docs(&file.docs);
            if let Some(package) = &file.package {
                p.line(&format!("package {}", package.joined()), Some(package.span));
            }
            for import in &file.imports {
                p.line(&format!("import {:?}", import.path), Some(import.span));
            }
            for item in &file.items {
                p.item(item);
            }
        });
    }

    fn docs(&mut self, docs: &[String]) {
        for doc in docs {
            self.line(&format!("doc {doc:?}"), None);
        }
    }

    fn attrs(&mut self, attrs: &[Attribute]) {
        for attr in attrs {
            let args: Vec<String> = attr.args.iter().map(literal).collect();
            let args =
                if args.is_empty() { String::new() } else { format!("({})", args.join(", ")) };
            self.line(&format!("@{}{args}", attr.name.name), Some(attr.span));
        }
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Type(def) => self.type_def(def),
            Item::Rec(group) => {
                self.line("rec", Some(group.span));
                self.nested(|p| group.types.iter().for_each(|def| p.type_def(def)));
            }
            Item::Root(path) => self.line(&format!("root {}", path.joined()), Some(path.span)),
            Item::Identifier(id) => self.line(&format!("identifier {:?}", id.value), Some(id.span)),
        }
    }

    fn type_def(&mut self, def: &TypeDef) {
        self.line(&type_def_header(def), Some(def.span));
        self.nested(|p| {
            p.docs(&def.docs);
            p.attrs(&def.attrs);
            match &def.kind {
                TypeDefKind::Struct { fields, .. } | TypeDefKind::ValueStruct { fields } => {
                    fields.iter().for_each(|field| p.field(field));
                }
                TypeDefKind::Enum { variants, .. } => variants.iter().for_each(|v| p.variant(v)),
                TypeDefKind::Array { .. } | TypeDefKind::Func { .. } => {}
            }
        });
    }

    fn field(&mut self, field: &FieldDef) {
        let mutable = if field.mutable { "mut " } else { "" };
        let default =
            field.default.as_ref().map(|d| format!(" = {}", literal(d))).unwrap_or_default();
        let text = format!("field {mutable}{}: {}{default}", field.name.name, type_expr(&field.ty));
        self.line(&text, Some(field.span));
        self.nested(|p| {
            p.docs(&field.docs);
            p.attrs(&field.attrs);
        });
    }

    fn variant(&mut self, variant: &VariantDef) {
        let text = format!("variant {} = {}", variant.name.name, literal(&variant.value));
        self.line(&text, Some(variant.span));
        self.nested(|p| {
            p.docs(&variant.docs);
            p.attrs(&variant.attrs);
        });
    }
}

fn type_def_header(def: &TypeDef) -> String {
    let name = &def.name.name;
    match &def.kind {
        TypeDefKind::Struct { finality, supertype, .. } => {
            format!("{}struct {name}{}", final_prefix(*finality), supertype_suffix(supertype))
        }
        TypeDefKind::Array { finality, supertype, element } => format!(
            "{}array {name}{} = {}",
            final_prefix(*finality),
            supertype_suffix(supertype),
            element_def(element)
        ),
        TypeDefKind::ValueStruct { .. } => format!("value struct {name}"),
        TypeDefKind::Enum { open, repr, .. } => {
            format!("{}enum {name} : {}", if *open { "open " } else { "" }, repr.name)
        }
        TypeDefKind::Func { .. } => format!("func {name}"),
    }
}

fn final_prefix(finality: Finality) -> &'static str {
    match finality {
        Finality::Final => "final ",
        Finality::NonFinal => "",
    }
}

fn supertype_suffix(supertype: &Option<Path>) -> String {
    supertype.as_ref().map(|path| format!(" : {}", path.joined())).unwrap_or_default()
}

fn element_def(element: &ElementDef) -> String {
    format!("{}{}", if element.mutable { "mut " } else { "" }, type_expr(&element.ty))
}

fn type_expr(ty: &TypeExpr) -> String {
    match ty {
        TypeExpr::Named(path) => path.joined(),
        TypeExpr::Ref { nullable, heap, .. } => {
            format!("ref {}{}", if *nullable { "null " } else { "" }, heap.joined())
        }
        TypeExpr::Array { element, .. } => format!("[{}]", element_def(element)),
    }
}

/// The kind is spelled out so that `1` and `1.0`, or `inf` the name and a float, stay apart.
fn literal(literal: &Literal) -> String {
    match &literal.kind {
        LiteralKind::Int(value) => format!("int:{value}"),
        LiteralKind::Float(value) => format!("float:{value:?}"),
        LiteralKind::Bool(value) => format!("bool:{value}"),
        LiteralKind::String(value) => format!("str:{value:?}"),
        LiteralKind::Name(name) => format!("name:{name}"),
    }
}
