//! The object API (`Options::object_api`): owned forms of every type a buffer can hold
//! (`LogT`), `unpack` from a view and `pack` into a builder.
//!
//! Ownership mirrors the buffer: every object behind a reference becomes an `Rc` (`Rc<LogT>`,
//! `Rc<str>`, `Rc<[Element]>`), an object the buffer shares becomes one shared `Rc` (unpacking
//! memoizes by object), and an `Rc` shared in the owned value is written once (packing memoizes
//! by pointer). So both directions take time linear in the size of the buffer, however much it
//! shares. A reference to a type with subtypes becomes the enum over its concrete subtypes
//! (`ShapeKindT`); `anyref` and friends become `AnyT`.
//!
//! Types that no buffer can hold (see `Model::inhabited`) have no owned form.

mod owned;
mod pack;
mod unpack;

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wxl_ir::{AbstractHeap, CompositeType, Field, TypeIndex};

use crate::fields::Kind;
use crate::model::Model;
use crate::names::{self, ident, Scope};

pub(crate) fn items(model: &Model) -> TokenStream {
    if !model.options.object_api {
        return TokenStream::new();
    }
    let object = ObjectModel::new(model);
    let code = [owned::items(&object), unpack::items(&object), pack::items(&object)].into_iter().collect::<TokenStream>();
    let hash_map = mentions(&code, "HashMap").then(|| quote!(use std::collections::HashMap;));
    let rc = mentions(&code, "Rc").then(|| quote!(use std::rc::Rc;));
    quote! { #hash_map #rc #code }
}

/// Helper method names of one type, shared by the unpacker and the packer.
pub(crate) struct Methods {
    /// The object's fields (unpack: view to owned struct; pack: owned struct to reference).
    pub fields: Ident,
    /// Memoized: one `Rc` per object (unpack), one object per `Rc` (pack).
    pub shared: Ident,
    /// By actual type, for types with subtypes.
    pub kind: Ident,
}

/// What the object API generators share: the model, method names, which owned forms have a
/// `Default`, and the variants of `AnyT`.
pub(crate) struct ObjectModel<'m, 's> {
    pub model: &'m Model<'s>,
    pub types: Vec<Methods>,
    pub values: Vec<Ident>,
    pub owned_default: Vec<bool>,
    pub value_owned_default: Vec<bool>,
    /// `AnyT`'s variants for objects of schema types (one per inhabited canonical type), after
    /// `I31`, `String` and `Bytes`; empty when the schema has no abstract references.
    pub any_variants: Vec<(TypeIndex, Ident)>,
    pub any_builtins: [Ident; 3],
}

impl<'m, 's> ObjectModel<'m, 's> {
    fn new(model: &'m Model<'s>) -> ObjectModel<'m, 's> {
        let mut scope = Scope::with_reserved(&["string", "bytes", "any", "any_object", "object_ref", "shared"]);
        let types = model
            .types
            .iter()
            .map(|names| {
                let base = scope.claim(&names.snake);
                Methods {
                    shared: ident(&scope.claim(&format!("{base}_rc"))),
                    kind: ident(&scope.claim(&format!("{base}_kind"))),
                    fields: ident(&base),
                }
            })
            .collect();
        let values = model.values.iter().map(|v| ident(&scope.claim(&v.snake))).collect();
        let (owned_default, value_owned_default) = owned_defaults(model);
        let mut variants = Scope::with_reserved(&["I31", "String", "Bytes"]);
        let any_builtins = [ident("I31"), ident("String"), ident("Bytes")];
        let any_variants = if model.uses_abstract_refs() {
            model
                .schema
                .canonical_types()
                .map(|(index, _)| index)
                .filter(|&index| model.is_inhabited(index))
                .map(|index| (index, ident(&variants.claim(&names::type_case(&model.ty(index).view.to_string())))))
                .collect()
        } else {
            Vec::new()
        };
        ObjectModel { model, types, values, owned_default, value_owned_default, any_variants, any_builtins }
    }

    pub(crate) fn methods(&self, index: TypeIndex) -> &Methods {
        &self.types[index.0 as usize]
    }

    pub(crate) fn uses_any(&self) -> bool {
        self.model.uses_abstract_refs()
    }

    /// The struct types with an owned form.
    pub(crate) fn owned_structs(&self) -> impl Iterator<Item = TypeIndex> + '_ {
        self.model
            .type_indices()
            .filter(|&i| self.model.is_inhabited(i) && matches!(self.model.schema.ty(i).composite, CompositeType::Struct(_)))
    }

    /// Types with subtypes that have an owned form: they get `KindT` enums.
    pub(crate) fn kinds(&self) -> impl Iterator<Item = TypeIndex> + '_ {
        self.model.type_indices().filter(|&i| self.model.is_inhabited(i) && self.model.has_subtypes(i))
    }

    /// The inhabited subtypes of `index`, which its `KindT` has variants for.
    pub(crate) fn kind_variants(&self, index: TypeIndex) -> Vec<TypeIndex> {
        self.model.subtypes[index.0 as usize].iter().copied().filter(|&s| self.model.is_inhabited(s)).collect()
    }
}

/// Least fixed point of "the owned form has a `Default`": every field's owned type has one.
fn owned_defaults(model: &Model) -> (Vec<bool>, Vec<bool>) {
    let schema = model.schema;
    let mut types = vec![false; schema.types.len()];
    let mut values = vec![false; schema.value_structs.len()];
    let field_ok = |f: &Field, types: &[bool], values: &[bool]| match Kind::of(schema, f.ty.storage) {
        Kind::Value(index) => values[index.0 as usize],
        Kind::Struct { target, nullable: false } => types[target.0 as usize] && model.is_inhabited(target),
        Kind::Abstract { heap, nullable: false } => heap == AbstractHeap::I31,
        _ => true,
    };
    loop {
        let mut changed = false;
        for (i, value) in schema.value_structs.iter().enumerate() {
            if !values[i] && value.fields.iter().all(|f| field_ok(f, &types, &values)) {
                values[i] = true;
                changed = true;
            }
        }
        for (i, ty) in schema.types.iter().enumerate() {
            let ok = match &ty.composite {
                CompositeType::Struct(st) => st.fields.iter().all(|f| field_ok(f, &types, &values)),
                CompositeType::Array(_) => true,
            };
            if ok && !types[i] {
                types[i] = true;
                changed = true;
            }
        }
        if !changed {
            return (types, values);
        }
    }
}

/// A private method of the unpacker or the packer. Only those the public entry points reach are
/// generated (an unused private method would be dead code).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Helper {
    String,
    Bytes,
    Any,
    /// Packing only: the object of an `AnyT` as a plain reference.
    ObjectRef,
    Value(wxl_ir::ValueIndex),
    Fields(TypeIndex),
    Shared(TypeIndex),
    Kind(TypeIndex),
}

/// The methods reachable from `entries`, in a stable order: `emit` writes one method and pushes
/// the helpers it calls.
pub(crate) fn reachable(
    entries: Vec<Helper>,
    mut emit: impl FnMut(Helper, &mut Vec<Helper>) -> TokenStream,
) -> std::collections::BTreeMap<Helper, TokenStream> {
    let mut done = std::collections::BTreeMap::new();
    let mut pending = entries;
    while let Some(helper) = pending.pop() {
        if done.contains_key(&helper) {
            continue;
        }
        let mut calls = Vec::new();
        let method = emit(helper, &mut calls);
        done.insert(helper, method);
        pending.extend(calls);
    }
    done
}

/// The public entry points of the object API: `T::unpack`/`T::pack` call `Fields`, the kind
/// enums' `unpack`/`pack` call `Kind`.
pub(crate) fn entries(object: &ObjectModel) -> Vec<Helper> {
    object.owned_structs().map(Helper::Fields).chain(object.kinds().map(Helper::Kind)).collect()
}

/// Whether `tokens` mention the identifier `name` (to import only what the code uses).
pub(crate) fn mentions(tokens: &TokenStream, name: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(ident) => ident == name,
        proc_macro2::TokenTree::Group(group) => mentions(&group.stream(), name),
        _ => false,
    })
}
