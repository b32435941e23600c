//! `.wat` input: `wast` parses, [`crate::sexpr`] supplies the spans `wast` does not keep.

use std::collections::HashMap;

use wast::core::{
    AbstractHeapType, HeapType, InnerTypeKind, ModuleField, ModuleKind, RefType, StorageType, Type,
    ValType,
};
use wast::parser::{self, ParseBuffer};
use wast::token::Index;
use wast::Wat;
use wxl_syntax::ast::{FileId, Finality, SourceFile};
use wxl_syntax::{Diagnostic, Span};

use crate::raw::{self, FieldNames, Heap, RawField, RawItem, RawKind, RawType, Storage, TypeRef};
use crate::sexpr::{NodeId, Tree};
use crate::{codes, error, Parse};

pub(crate) fn parse(file: FileId, text: &str) -> Parse {
    let tree = Tree::new(text);
    let mut diagnostics = Vec::new();
    if tree.is_empty() {
        // `wast` wants at least one field; an empty file is an empty module.
        return Parse {
            tree: SourceFile::default(),
            diagnostics,
        };
    }
    let buf = match ParseBuffer::new(text) {
        Ok(buf) => buf,
        Err(e) => return syntax_error(file, &tree, e),
    };
    let wat = match parser::parse::<Wat>(&buf) {
        Ok(wat) => wat,
        Err(e) => return syntax_error(file, &tree, e),
    };
    let module = match wat {
        Wat::Module(module) => module,
        Wat::Component(component) => {
            let at = component.span.offset();
            let span = Span::new(file, at, tree.token_end(at));
            diagnostics.push(error(
                codes::NOT_A_MODULE,
                "a component is not a core WebAssembly module",
                span,
                "components are not supported",
            ));
            return Parse {
                tree: SourceFile::default(),
                diagnostics,
            };
        }
    };
    let fields = match module.kind {
        ModuleKind::Text(fields) => fields,
        ModuleKind::Binary(_) => {
            let at = module.span.offset();
            let span = Span::new(file, at, tree.token_end(at));
            diagnostics.push(error(
                codes::NOT_A_MODULE,
                "`(module binary ...)` is not supported in a .wat input",
                span,
                "write the module as text, or pass the bytes as a .wasm file",
            ));
            return Parse {
                tree: SourceFile::default(),
                diagnostics,
            };
        }
    };
    let mut reader = Reader {
        file,
        tree: &tree,
        ids: HashMap::new(),
        diagnostics,
    };
    let items = reader.read(&fields);
    let tree = raw::lower(items, &FieldNames::new());
    Parse {
        tree,
        diagnostics: reader.diagnostics,
    }
}

fn syntax_error(file: FileId, tree: &Tree, e: wast::Error) -> Parse {
    let at = e.span().offset();
    let span = Span::new(file, at, tree.token_end(at));
    let message = e.message();
    Parse {
        tree: SourceFile::default(),
        diagnostics: vec![error(codes::SYNTAX, message.clone(), span, message)],
    }
}

struct Reader<'t, 'a> {
    file: FileId,
    tree: &'t Tree<'a>,
    /// `$id` of each type -> its index (the first one, if an id is used twice).
    ids: HashMap<String, u32>,
    diagnostics: Vec<Diagnostic>,
}

/// Where the pieces of one field are written.
#[derive(Clone, Copy)]
struct FieldNodes {
    whole: (usize, usize),
    name: Option<(usize, usize)>,
    /// The field's type, `(mut ...)` included.
    ty: NodeId,
}

impl Reader<'_, '_> {
    fn span(&self, (start, end): (usize, usize)) -> Span {
        Span::new(self.file, start, end)
    }

    /// The span of the token at a `wast` offset.
    fn token(&self, offset: usize) -> Span {
        Span::new(self.file, offset, self.tree.token_end(offset))
    }

    fn read(&mut self, fields: &[ModuleField]) -> Vec<RawItem> {
        let mut index = 0u32;
        for field in fields {
            let types: &[Type] = match field {
                ModuleField::Type(ty) => std::slice::from_ref(ty),
                ModuleField::Rec(rec) => &rec.types,
                _ => &[],
            };
            for ty in types {
                if let Some(id) = &ty.id {
                    self.ids.entry(id.name().to_string()).or_insert(index);
                }
                index = index.saturating_add(1);
            }
        }
        let mut items = Vec::new();
        let mut index = 0u32;
        let mut next = || {
            let i = index;
            index = index.saturating_add(1);
            i
        };
        for field in fields {
            match field {
                ModuleField::Type(ty) => {
                    items.push(RawItem::Type(Box::new(self.read_type(ty, next()))))
                }
                ModuleField::Rec(rec) => {
                    let at = rec.span.offset();
                    let span = match self.tree.list_with_head_at(at) {
                        Some(node) => self.span(self.tree.range(node)),
                        None => self.token(at),
                    };
                    let types = rec
                        .types
                        .iter()
                        .map(|ty| self.read_type(ty, next()))
                        .collect();
                    items.push(RawItem::Rec { span, types });
                }
                _ => {}
            }
        }
        items
    }

    fn type_ref(&self, index: &Index) -> TypeRef {
        match index {
            Index::Num(n, _) => TypeRef::Index(*n),
            Index::Id(id) => match self.ids.get(id.name()) {
                Some(&i) => TypeRef::Index(i),
                None => TypeRef::Unresolved(id.name().to_string()),
            },
        }
    }

    fn unsupported(&mut self, what: &str, span: Span) {
        self.diagnostics.push(error(
            codes::UNSUPPORTED_FEATURE,
            format!("{what} is not supported"),
            span,
            "wxl reads WebAssembly GC types only; this part is ignored",
        ));
    }

    fn read_type(&mut self, ty: &Type, index: u32) -> RawType {
        let at = ty.span.offset();
        let anchor = self.token(at);
        let node = self.tree.list_with_head_at(at);
        let span = node.map_or(anchor, |n| self.span(self.tree.range(n)));
        let name = match (&ty.name, &ty.id) {
            (Some(annotation), _) => {
                let span = node
                    .and_then(|n| self.tree.name_annotation(n))
                    .map_or(anchor, |s| self.span(self.tree.range(s)));
                Some((annotation.name.to_string(), span))
            }
            (None, Some(id)) => Some((id.name().to_string(), self.token(id.span().offset()))),
            (None, None) => None,
        };
        let def = &ty.def;
        let finality = match def.final_type {
            Some(false) => Finality::NonFinal,
            None | Some(true) => Finality::Final,
        };
        if def.parents.len() > 1 {
            self.diagnostics.push(error(
                codes::MULTIPLE_SUPERTYPES,
                "a type may declare at most one supertype",
                self.token(def.parents[1].span().offset()),
                "only the first supertype is kept",
            ));
        }
        let supertype = def
            .parents
            .first()
            .map(|p| (self.type_ref(p), self.token(p.span().offset())));
        if def.shared {
            self.unsupported("a shared type (shared-everything threads)", span);
        }
        if let Some(i) = def.descriptor.as_ref().or(def.describes.as_ref()) {
            self.unsupported(
                "a descriptor clause (custom descriptors)",
                self.token(i.span().offset()),
            );
        }
        let composite =
            node.and_then(|n| self.tree.find_list(n, &["struct", "array", "func", "cont"]));
        let kind = match &def.kind {
            InnerTypeKind::Func(func) => {
                let params = func.params.iter().map(|(_, _, ty)| StorageType::Val(*ty)).collect::<Vec<_>>();
                let results = func.results.iter().map(|ty| StorageType::Val(*ty)).collect::<Vec<_>>();
                let params = params.iter().map(|ty| self.field(None, false, ty, span, None)).collect();
                let results = results.iter().map(|ty| self.field(None, false, ty, span, None)).collect();
                Some(RawKind::Func { params, results })
            }
            InnerTypeKind::Struct(st) => {
                let nodes = composite.and_then(|c| self.struct_field_nodes(c));
                let nodes = nodes.filter(|n| n.len() == st.fields.len());
                let fields = st
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let nodes = nodes.as_ref().and_then(|n| n.get(i).copied());
                        let whole = nodes.map_or(span, |n| self.span(n.whole));
                        let name = match (&f.name, &f.id) {
                            (Some(annotation), _) => Some(annotation.name.to_string()),
                            (None, Some(id)) => Some(id.name().to_string()),
                            (None, None) => None,
                        };
                        let name_span = nodes.and_then(|n| n.name).map_or(whole, |r| self.span(r));
                        let name = name.map(|n| (n, name_span));
                        self.field(name, f.mutable, &f.ty, whole, nodes.map(|n| n.ty))
                    })
                    .collect();
                Some(RawKind::Struct(fields))
            }
            InnerTypeKind::Array(at) => {
                let element = composite.and_then(|c| {
                    let tree = self.tree;
                    tree.children(c)
                        .iter()
                        .skip(1)
                        .copied()
                        .find(|&k| !tree.is_annotation(k))
                });
                let whole = element.map_or(span, |e| self.span(self.tree.range(e)));
                Some(RawKind::Array(
                    self.field(None, at.mutable, &at.ty, whole, element),
                ))
            }
            InnerTypeKind::Cont(_) => {
                self.diagnostics.push(error(
                    codes::UNSUPPORTED_TYPE,
                    "continuation types are not supported",
                    span,
                    "wxl reads struct, array and function types; this type is skipped",
                ));
                None
            }
        };
        RawType {
            index,
            name,
            anchor,
            span,
            finality,
            supertype,
            kind,
        }
    }

    /// The fields of `(struct ...)` as written: `(field $x t)` is one field, `(field t1 t2)`
    /// is two. `None` if the text does not look like that.
    fn struct_field_nodes(&self, st: NodeId) -> Option<Vec<FieldNodes>> {
        let tree = self.tree;
        let mut out = Vec::new();
        for &f in tree.children(st).iter().skip(1) {
            if tree.is_annotation(f) {
                continue;
            }
            if tree.head(f) != Some("field") {
                return None;
            }
            let rest: Vec<NodeId> = tree.children(f).iter().skip(1).copied().collect();
            let id = rest
                .first()
                .copied()
                .filter(|&k| tree.text(k).starts_with('$'));
            let annotation = tree.name_annotation(f);
            let types: Vec<NodeId> = rest
                .iter()
                .copied()
                .filter(|&k| Some(k) != id && !tree.is_annotation(k))
                .collect();
            if id.is_some() || annotation.is_some() {
                let name = annotation.or(id).map(|k| tree.range(k));
                out.push(FieldNodes {
                    whole: tree.range(f),
                    name,
                    ty: *types.first()?,
                });
            } else if types.len() == 1 {
                out.push(FieldNodes {
                    whole: tree.range(f),
                    name: None,
                    ty: types[0],
                });
            } else {
                out.extend(types.iter().map(|&t| FieldNodes {
                    whole: tree.range(t),
                    name: None,
                    ty: t,
                }));
            }
        }
        Some(out)
    }

    fn field(
        &mut self,
        name: Option<(String, Span)>,
        mutable: bool,
        ty: &StorageType,
        whole: Span,
        node: Option<NodeId>,
    ) -> RawField {
        let tree = self.tree;
        // `(mut t)` -> `t`
        let inner = node.map(|n| {
            if tree.is_list(n) && tree.head(n) == Some("mut") {
                tree.children(n).get(1).copied().unwrap_or(n)
            } else {
                n
            }
        });
        let ty_span = inner.map_or(whole, |n| self.span(tree.range(n)));
        // `(ref null $t)` -> `$t`
        let heap_span = inner
            .filter(|&n| tree.is_list(n) && tree.head(n) == Some("ref"))
            .and_then(|n| tree.children(n).last().copied())
            .map_or(ty_span, |h| self.span(tree.range(h)));
        let storage = match ty {
            StorageType::I8 => Storage::Scalar("i8"),
            StorageType::I16 => Storage::Scalar("i16"),
            StorageType::Val(ValType::I32) => Storage::Scalar("i32"),
            StorageType::Val(ValType::I64) => Storage::Scalar("i64"),
            StorageType::Val(ValType::F32) => Storage::Scalar("f32"),
            StorageType::Val(ValType::F64) => Storage::Scalar("f64"),
            StorageType::Val(ValType::V128) => Storage::Scalar("v128"),
            StorageType::Val(ValType::Ref(r)) => self.ref_type(r, heap_span),
        };
        RawField {
            name,
            mutable,
            storage,
            span: whole,
            ty_span,
            heap_span,
        }
    }

    fn ref_type(&mut self, r: &RefType, heap_span: Span) -> Storage {
        let heap = match &r.heap {
            HeapType::Abstract { shared, ty } => {
                if *shared {
                    self.unsupported("a shared heap type (shared-everything threads)", heap_span);
                }
                Heap::Abstract(self.abstract_heap(*ty, heap_span))
            }
            HeapType::Concrete(i) => Heap::Concrete(self.type_ref(i)),
            HeapType::Exact(i) => {
                self.unsupported("an exact reference type (custom descriptors)", heap_span);
                Heap::Concrete(self.type_ref(i))
            }
        };
        Storage::Ref {
            nullable: r.nullable,
            heap,
        }
    }

    fn abstract_heap(&mut self, ty: AbstractHeapType, span: Span) -> &'static str {
        match ty {
            AbstractHeapType::Func => "func",
            AbstractHeapType::Extern => "extern",
            AbstractHeapType::Exn => "exn",
            AbstractHeapType::Any => "any",
            AbstractHeapType::Eq => "eq",
            AbstractHeapType::Struct => "struct",
            AbstractHeapType::Array => "array",
            AbstractHeapType::I31 => "i31",
            AbstractHeapType::NoFunc => "nofunc",
            AbstractHeapType::NoExtern => "noextern",
            AbstractHeapType::None => "none",
            AbstractHeapType::NoExn => "noexn",
            AbstractHeapType::Cont => {
                self.unsupported("the `cont` heap type (stack switching)", span);
                "cont"
            }
            AbstractHeapType::NoCont => {
                self.unsupported("the `nocont` heap type (stack switching)", span);
                "nocont"
            }
        }
    }
}
