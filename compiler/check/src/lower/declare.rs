//! The first pass: every definition gets a symbol (so rec groups can refer forward inside the
//! group), and the root file's `root` and `identifier` items are read.

use wxl_ir::{CompositeType, Origin, StructType, TypeIndex};
use wxl_syntax::ast::{self, Item, TypeDefKind};
use wxl_syntax::Span;

use super::{Definitions, Lowerer, PendingGroup, PendingType, Symbol};
use crate::codes;
use crate::driver::LoadedFile;

/// Names with a built-in meaning: they cannot name a schema definition.
pub(crate) const RESERVED_NAMES: &[&str] = &[
    "bool", "i8", "u8", "s8", "i16", "u16", "s16", "i32", "u32", "s32", "i64", "u64", "s64", "f32",
    "f64", "v128", "string", "bytes", "any", "eq", "i31", "struct", "array", "none", "func",
    "nofunc", "extern", "noextern", "exn", "noexn", "anyref", "eqref", "i31ref", "structref",
    "arrayref", "nullref", "funcref", "externref", "exnref", "nullfuncref", "nullexternref",
    "nullexnref",
];

impl Lowerer<'_> {
    pub(crate) fn declare_all<'f>(&mut self, files: &'f [LoadedFile]) -> Definitions<'f> {
        let mut definitions =
            Definitions { types: Vec::new(), value_structs: Vec::new(), enums: Vec::new() };
        for file in files {
            let package = file.tree.package.as_ref().map(|p| p.joined());
            for item in &file.tree.items {
                match item {
                    Item::Type(def) => self.declare_group(std::slice::from_ref(def), &package, &mut definitions),
                    Item::Rec(group) => self.declare_group(&group.types, &package, &mut definitions),
                    Item::Root(_) | Item::Identifier(_) => {}
                }
            }
        }
        definitions
    }

    fn declare_group<'f>(
        &mut self,
        defs: &'f [ast::TypeDef],
        package: &Option<String>,
        definitions: &mut Definitions<'f>,
    ) {
        let group = self.groups.len();
        let mut members = Vec::new();
        for def in defs {
            if RESERVED_NAMES.contains(&def.name.name.as_str()) {
                let message = format!("`{}` is a built-in name and cannot name a definition", def.name.name);
                self.error(codes::RESERVED_NAME, message, def.name.span);
                continue;
            }
            let symbol = match &def.kind {
                TypeDefKind::Struct { .. } | TypeDefKind::Array { .. } => {
                    let temp = self.types.len() as u32;
                    let pending = self.pending_type(def, package, group);
                    self.types.push(pending);
                    members.push(temp);
                    definitions.types.push((temp, package.clone(), def));
                    Symbol::Type(temp)
                }
                TypeDefKind::ValueStruct { .. } => {
                    let index = definitions.value_structs.len() as u32;
                    definitions.value_structs.push((index, package.clone(), def));
                    Symbol::Value(index)
                }
                TypeDefKind::Enum { .. } => {
                    let index = definitions.enums.len() as u32;
                    definitions.enums.push((index, package.clone(), def));
                    Symbol::Enum(index)
                }
                TypeDefKind::Func { .. } => {
                    self.note_func_skipped(def);
                    let index = self.funcs.len() as u32;
                    self.funcs.push(super::funcs::PendingFunc::new(def, package, group));
                    Symbol::Func(index)
                }
            };
            self.define(package, &def.name, symbol);
        }
        self.groups.push(PendingGroup { hoisted: Vec::new(), members });
    }

    fn define(&mut self, package: &Option<String>, name: &ast::Ident, symbol: Symbol) {
        let key = (package.clone(), name.name.clone());
        if let Some((_, first)) = self.symbols.get(&key).copied() {
            let message = format!("`{}` is defined more than once", name.name);
            self.error(codes::DUPLICATE_NAME, message, name.span)
                .labels
                .push(codespan_reporting::diagnostic::Label::secondary(first.file, first.range()).with_message("first defined here"));
            return;
        }
        self.symbols.insert(key, (symbol, name.span));
        let position = self.order.len();
        self.order.insert(symbol, position);
    }

    fn note_func_skipped(&mut self, def: &ast::TypeDef) {
        let message = format!("function type `{}` skipped: functions cannot live in a buffer", def.name.name);
        let span = def.span;
        self.diagnostics.push(
            wxl_syntax::Diagnostic::note()
                .with_code(codes::FUNC_TYPE_SKIPPED)
                .with_message(message)
                .with_labels(vec![codespan_reporting::diagnostic::Label::primary(span.file, span.range())]),
        );
    }

    fn pending_type(&mut self, def: &ast::TypeDef, package: &Option<String>, group: usize) -> PendingType {
        let finality = match &def.kind {
            TypeDefKind::Struct { finality, .. } | TypeDefKind::Array { finality, .. } => *finality,
            _ => ast::Finality::Final,
        };
        let attrs = self.type_attributes(&def.attrs);
        PendingType {
            name: def.name.name.clone(),
            docs: def.docs.clone(),
            origin: Origin { package: package.clone(), span: def.span },
            finality,
            supertype: None,
            // Filled by `lower_types`.
            composite: CompositeType::Struct(StructType { fields: Vec::new() }),
            group,
            declared: true,
            deprecated: attrs.deprecated,
            explicit_id: attrs.id,
        }
    }

    /// `root` and `identifier` of the root file (imported files' are ignored, like
    /// FlatBuffers' `root_type` of included files).
    pub(crate) fn lower_root_items(&mut self, file: &LoadedFile) {
        let package = file.tree.package.as_ref().map(|p| p.joined());
        let mut root_span: Option<Span> = None;
        let mut identifier_span: Option<Span> = None;
        for item in &file.tree.items {
            match item {
                Item::Root(path) => {
                    if let Some(first) = root_span {
                        self.error(codes::BAD_ROOT, "more than one `root`".into(), path.span)
                            .labels
                            .push(codespan_reporting::diagnostic::Label::secondary(first.file, first.range()).with_message("first here"));
                        continue;
                    }
                    root_span = Some(path.span);
                    self.root = self.resolve_root(&package, path);
                }
                Item::Identifier(literal) => {
                    if identifier_span.is_some() {
                        self.error(codes::BAD_IDENTIFIER, "more than one `identifier`".into(), literal.span);
                        continue;
                    }
                    identifier_span = Some(literal.span);
                    self.identifier = self.check_identifier(literal);
                }
                Item::Type(_) | Item::Rec(_) => {}
            }
        }
    }

    fn resolve_root(&mut self, package: &Option<String>, path: &ast::Path) -> Option<TypeIndex> {
        match self.lookup(package, path)? {
            Symbol::Type(temp) => Some(TypeIndex(temp)),
            _ => {
                let message = format!("the root `{}` must be a struct or array type", path.joined());
                self.error(codes::BAD_ROOT, message, path.span);
                None
            }
        }
    }

    fn check_identifier(&mut self, literal: &ast::StringLit) -> Option<[u8; 4]> {
        let bytes = literal.value.as_bytes();
        if bytes.len() == 4 && bytes.iter().all(|b| b.is_ascii_graphic() || *b == b' ') {
            return Some([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        let message = format!("an identifier is exactly 4 printable ASCII characters, not {:?}", literal.value);
        self.error(codes::BAD_IDENTIFIER, message, literal.span);
        None
    }

    /// Looks a path up: one segment in the current package, or `package.Name`.
    pub(crate) fn lookup(&mut self, package: &Option<String>, path: &ast::Path) -> Option<Symbol> {
        let (key, name) = match path.segments.split_last() {
            Some((last, [])) => ((package.clone(), last.name.clone()), last.name.clone()),
            Some((last, rest)) => {
                let prefix: Vec<&str> = rest.iter().map(|s| s.name.as_str()).collect();
                ((Some(prefix.join(".")), last.name.clone()), last.name.clone())
            }
            None => return None,
        };
        if let Some((symbol, _)) = self.symbols.get(&key) {
            return Some(*symbol);
        }
        let mut elsewhere: Vec<String> = self
            .symbols
            .keys()
            .filter(|(_, n)| *n == name)
            .map(|(p, n)| match p {
                Some(p) => format!("{p}.{n}"),
                None => n.clone(),
            })
            .collect();
        elsewhere.sort();
        let message = format!("unknown name `{}`", path.joined());
        let diagnostic = self.error(codes::UNKNOWN_NAME, message, path.span);
        if !elsewhere.is_empty() {
            diagnostic.notes.push(format!("defined in another package: {}", elsewhere.join(", ")));
        }
        None
    }
}
