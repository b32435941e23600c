//! Source positions the IR does not keep: the `root` and `identifier` statements and each enum
//! variant. Found by parsing the compilation's `.wxl` files again (cheap, and it keeps the IR
//! free of spans only this crate needs).

use std::collections::HashMap;

use codespan_reporting::files::SimpleFiles;
use wxl_syntax::ast::{Item, TypeDef, TypeDefKind};
use wxl_syntax::{FileId, Span};

#[derive(Clone, Debug, Default)]
pub struct Anchors {
    /// `root Logs;` in the root file.
    pub root: Option<Span>,
    /// `identifier "LOGS";` in the root file.
    pub identifier: Option<Span>,
    /// Variant spans by the enum definition's span (what `Origin::span` holds) and name.
    pub variants: HashMap<Span, HashMap<String, Span>>,
}

impl Anchors {
    /// Reads the anchors of a compilation. The root file is file 0: the driver adds it to the
    /// database before it loads any import.
    pub fn from_files(files: &SimpleFiles<String, String>) -> Anchors {
        let mut anchors = Anchors::default();
        let mut id: FileId = 0;
        while let Ok(file) = files.get(id) {
            if file.name().ends_with(".wxl") {
                let tree = wxl_syntax::parse(id, file.source()).tree;
                for item in &tree.items {
                    match item {
                        Item::Root(path) if id == 0 => anchors.root = Some(path.span),
                        Item::Identifier(literal) if id == 0 => anchors.identifier = Some(literal.span),
                        Item::Type(def) => anchors.add_variants(def),
                        Item::Rec(group) => group.types.iter().for_each(|def| anchors.add_variants(def)),
                        _ => {}
                    }
                }
            }
            id += 1;
        }
        anchors
    }

    fn add_variants(&mut self, def: &TypeDef) {
        if let TypeDefKind::Enum { variants, .. } = &def.kind {
            let spans = variants.iter().map(|v| (v.name.name.clone(), v.span)).collect();
            self.variants.insert(def.span, spans);
        }
    }

    /// The variant's span, else the enum's.
    pub fn variant(&self, enum_span: Span, name: &str) -> Span {
        self.variants.get(&enum_span).and_then(|m| m.get(name)).copied().unwrap_or(enum_span)
    }
}
