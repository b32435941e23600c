//! What both front ends read out of a module, before names are assigned, and the lowering of
//! it to the wxl syntax tree. Keeping the naming rules here means `.wat` and `.wasm` inputs get
//! exactly the same names.

use std::collections::{HashMap, HashSet};

use wxl_syntax::ast::{
    ElementDef, FieldDef, Finality, Ident, Item, Path, RecGroup, SourceFile, TypeDef, TypeDefKind,
    TypeExpr,
};
use wxl_syntax::Span;

/// A reference to a type, as written.
#[derive(Clone, Debug)]
pub(crate) enum TypeRef {
    /// A position in the module's type index space (may be out of range).
    Index(u32),
    /// A `$name` that names no type of the module; kept as written so the checks report it.
    Unresolved(String),
}

#[derive(Clone, Debug)]
pub(crate) enum Heap {
    /// `any`, `eq`, `func`, ...
    Abstract(&'static str),
    Concrete(TypeRef),
}

#[derive(Clone, Debug)]
pub(crate) enum Storage {
    /// `i8`, `i16`, `i32`, `i64`, `f32`, `f64`, `v128`.
    Scalar(&'static str),
    Ref {
        nullable: bool,
        heap: Heap,
    },
}

/// A struct field or array element.
#[derive(Clone, Debug)]
pub(crate) struct RawField {
    /// An explicit name (without `$`) and where it is written.
    pub name: Option<(String, Span)>,
    pub mutable: bool,
    pub storage: Storage,
    /// The whole field (`(field $x (mut i32))`).
    pub span: Span,
    /// The storage type (`i32`, `(ref null $t)`).
    pub ty_span: Span,
    /// The heap type inside a reference type (`$t`, `any`); `ty_span` for shorthands.
    pub heap_span: Span,
}

#[derive(Clone, Debug)]
pub(crate) enum RawKind {
    Struct(Vec<RawField>),
    Array(RawField),
    /// Parameters and results, as immutable fields (only their storage matters).
    Func { params: Vec<RawField>, results: Vec<RawField> },
}

#[derive(Clone, Debug)]
pub(crate) struct RawType {
    /// Index in the module's type index space.
    pub index: u32,
    /// An explicit name (without `$`) and where it is written.
    pub name: Option<(String, Span)>,
    /// Where a generated name points: the `type` keyword in text, the type's bytes in binary.
    pub anchor: Span,
    pub span: Span,
    pub finality: Finality,
    pub supertype: Option<(TypeRef, Span)>,
    /// `None` for a type the front end reported as unsupported and skips.
    pub kind: Option<RawKind>,
}

#[derive(Clone, Debug)]
pub(crate) enum RawItem {
    /// A type outside `(rec ...)` (text) or a group of one (binary).
    Type(Box<RawType>),
    Rec {
        span: Span,
        types: Vec<RawType>,
    },
}

/// Field names given by the binary name section, by type index then field index.
pub(crate) type FieldNames = HashMap<u32, HashMap<u32, String>>;

/// Picks `base`, or `base` followed by as many `_` as it takes to differ from everything in
/// `taken`.
fn fresh(base: String, taken: &HashSet<String>) -> String {
    let mut name = base;
    while taken.contains(&name) {
        name.push('_');
    }
    name
}

struct Namer {
    /// The name of each type index, for indices that have a type.
    names: HashMap<u32, String>,
    /// Every name in use, explicit or generated, plus unresolved references.
    taken: HashSet<String>,
}

impl Namer {
    fn new(items: &[RawItem]) -> Namer {
        let mut taken = HashSet::new();
        let all_types = || {
            items.iter().flat_map(|item| match item {
                RawItem::Type(t) => std::slice::from_ref(&**t),
                RawItem::Rec { types, .. } => types.as_slice(),
            })
        };
        for ty in all_types() {
            if let Some((name, _)) = &ty.name {
                taken.insert(name.clone());
            }
            for r in type_refs(ty) {
                if let TypeRef::Unresolved(name) = r {
                    taken.insert(name.clone());
                }
            }
        }
        let mut names = HashMap::new();
        for ty in all_types() {
            let name = match &ty.name {
                Some((name, _)) => name.clone(),
                None => {
                    let name = fresh(format!("type{}", ty.index), &taken);
                    taken.insert(name.clone());
                    name
                }
            };
            names.entry(ty.index).or_insert(name);
        }
        Namer { names, taken }
    }

    fn name_of(&self, r: &TypeRef) -> String {
        match r {
            TypeRef::Index(i) => match self.names.get(i) {
                Some(name) => name.clone(),
                // Out of range: a name no type has, so the checks report an unknown type.
                None => fresh(format!("type{i}"), &self.taken),
            },
            TypeRef::Unresolved(name) => name.clone(),
        }
    }
}

fn type_refs(ty: &RawType) -> Vec<&TypeRef> {
    let mut refs: Vec<&TypeRef> = ty.supertype.iter().map(|(r, _)| r).collect();
    let fields: &[RawField] = match &ty.kind {
        Some(RawKind::Struct(fields)) => fields,
        Some(RawKind::Array(element)) => std::slice::from_ref(element),
        _ => &[],
    };
    for field in fields {
        if let Storage::Ref {
            heap: Heap::Concrete(r),
            ..
        } = &field.storage
        {
            refs.push(r);
        }
    }
    refs
}

fn path(name: String, span: Span) -> Path {
    Path {
        segments: vec![Ident { name, span }],
        span,
    }
}

pub(crate) fn lower(items: Vec<RawItem>, field_names: &FieldNames) -> SourceFile {
    let namer = Namer::new(&items);
    let lower_type = |ty: RawType| -> Option<TypeDef> { lower_type(&namer, field_names, ty) };
    let items = items
        .into_iter()
        .filter_map(|item| match item {
            RawItem::Type(ty) => lower_type(*ty).map(Item::Type),
            RawItem::Rec { span, types } => Some(Item::Rec(RecGroup {
                types: types.into_iter().filter_map(lower_type).collect(),
                span,
            })),
        })
        .collect();
    SourceFile {
        items,
        ..SourceFile::default()
    }
}

fn lower_type(namer: &Namer, field_names: &FieldNames, ty: RawType) -> Option<TypeDef> {
    let kind = ty.kind?;
    let name = match ty.name {
        Some((name, span)) => Ident { name, span },
        None => Ident {
            name: namer.name_of(&TypeRef::Index(ty.index)),
            span: ty.anchor,
        },
    };
    let supertype = ty.supertype.map(|(r, span)| path(namer.name_of(&r), span));
    let kind = match kind {
        RawKind::Func { params, results } => TypeDefKind::Func {
            finality: ty.finality,
            supertype,
            params: params.iter().map(|p| type_expr(namer, p)).collect(),
            results: results.iter().map(|r| type_expr(namer, r)).collect(),
        },
        RawKind::Array(element) => TypeDefKind::Array {
            finality: ty.finality,
            supertype,
            element: ElementDef {
                mutable: element.mutable,
                ty: type_expr(namer, &element),
                span: element.span,
            },
        },
        RawKind::Struct(fields) => {
            let binary_names = field_names.get(&ty.index);
            let explicit: Vec<Option<(String, Span)>> = fields
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    f.name.clone().or_else(|| {
                        let name = binary_names?.get(&(i as u32))?;
                        Some((name.clone(), f.span))
                    })
                })
                .collect();
            let mut taken: HashSet<String> =
                explicit.iter().flatten().map(|(n, _)| n.clone()).collect();
            let fields = fields
                .iter()
                .zip(explicit)
                .enumerate()
                .map(|(i, (field, name))| {
                    let name = match name {
                        Some((name, span)) => Ident { name, span },
                        None => {
                            let name = fresh(format!("field{i}"), &taken);
                            taken.insert(name.clone());
                            Ident {
                                name,
                                span: field.span,
                            }
                        }
                    };
                    FieldDef {
                        docs: Vec::new(),
                        attrs: Vec::new(),
                        mutable: field.mutable,
                        name,
                        ty: type_expr(namer, field),
                        default: None,
                        span: field.span,
                    }
                })
                .collect();
            TypeDefKind::Struct {
                finality: ty.finality,
                supertype,
                fields,
            }
        }
    };
    Some(TypeDef {
        docs: Vec::new(),
        attrs: Vec::new(),
        name,
        kind,
        span: ty.span,
    })
}

fn type_expr(namer: &Namer, field: &RawField) -> TypeExpr {
    match &field.storage {
        Storage::Scalar(name) => TypeExpr::Named(path(name.to_string(), field.ty_span)),
        Storage::Ref { nullable, heap } => {
            let heap_name = match heap {
                Heap::Abstract(name) => name.to_string(),
                Heap::Concrete(r) => namer.name_of(r),
            };
            TypeExpr::Ref {
                nullable: *nullable,
                heap: path(heap_name, field.heap_span),
                span: field.ty_span,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span() -> Span {
        Span::new(0, 0, 0)
    }

    fn ty(index: u32, name: Option<&str>, refs: &[TypeRef]) -> RawType {
        let fields = refs
            .iter()
            .map(|r| RawField {
                name: None,
                mutable: false,
                storage: Storage::Ref {
                    nullable: true,
                    heap: Heap::Concrete(r.clone()),
                },
                span: span(),
                ty_span: span(),
                heap_span: span(),
            })
            .collect();
        RawType {
            index,
            name: name.map(|n| (n.to_string(), span())),
            anchor: span(),
            span: span(),
            finality: Finality::Final,
            supertype: None,
            kind: Some(RawKind::Struct(fields)),
        }
    }

    fn heap_names(file: &SourceFile) -> Vec<(String, Vec<String>)> {
        file.items
            .iter()
            .map(|item| match item {
                Item::Type(TypeDef {
                    name,
                    kind: TypeDefKind::Struct { fields, .. },
                    ..
                }) => (
                    name.name.clone(),
                    fields
                        .iter()
                        .map(|f| match &f.ty {
                            TypeExpr::Ref { heap, .. } => heap.joined(),
                            other => panic!("unexpected {other:?}"),
                        })
                        .collect(),
                ),
                other => panic!("unexpected {other:?}"),
            })
            .collect()
    }

    #[test]
    fn generated_names_avoid_explicit_and_unresolved_names() {
        let items = vec![
            RawItem::Type(Box::new(ty(
                0,
                Some("type1"),
                &[TypeRef::Index(1), TypeRef::Index(7)],
            ))),
            RawItem::Type(Box::new(ty(
                1,
                None,
                &[TypeRef::Unresolved("type2".into())],
            ))),
            RawItem::Type(Box::new(ty(
                2,
                None,
                &[TypeRef::Index(0), TypeRef::Index(2)],
            ))),
        ];
        let file = lower(items, &FieldNames::new());
        assert_eq!(
            heap_names(&file),
            vec![
                (
                    "type1".to_string(),
                    vec!["type1_".to_string(), "type7".to_string()]
                ),
                ("type1_".to_string(), vec!["type2".to_string()]),
                (
                    "type2_".to_string(),
                    vec!["type1".to_string(), "type2_".to_string()]
                ),
            ]
        );
    }

    #[test]
    fn out_of_range_index_never_names_an_existing_type() {
        let items = vec![RawItem::Type(Box::new(ty(
            0,
            Some("type5"),
            &[TypeRef::Index(5)],
        )))];
        let file = lower(items, &FieldNames::new());
        assert_eq!(
            heap_names(&file),
            vec![("type5".to_string(), vec!["type5_".to_string()])]
        );
    }

    #[test]
    fn field_names_are_unique_and_binary_names_apply() {
        let mut t = ty(
            0,
            None,
            &[TypeRef::Index(0), TypeRef::Index(0), TypeRef::Index(0)],
        );
        if let Some(RawKind::Struct(fields)) = &mut t.kind {
            fields[2].name = Some(("field0".to_string(), span()));
        }
        let mut names = FieldNames::new();
        names.entry(0).or_default().insert(1, "b".to_string());
        let file = lower(vec![RawItem::Type(Box::new(t))], &names);
        let Item::Type(TypeDef {
            kind: TypeDefKind::Struct { fields, .. },
            ..
        }) = &file.items[0]
        else {
            panic!("not a struct")
        };
        let names: Vec<&str> = fields.iter().map(|f| f.name.name.as_str()).collect();
        assert_eq!(names, ["field0_", "b", "field0"]);
    }
}
