//! The owned types: `LogT` per struct, `AddressT` per value struct, `ShapeKindT` per type with
//! subtypes, `AnyT` for abstract references, with `unpack`/`pack` entry points.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wxl_ir::{CompositeType, Field, TypeIndex, ValueIndex};

use super::ObjectModel;
use crate::emit::{docs_or, field_declaration, lint_allows};
use crate::fields::Kind;
use crate::model::FieldNames;
use crate::{types, values};

pub(crate) fn items(object: &ObjectModel) -> TokenStream {
    let model = object.model;
    let values = (0..model.schema.value_structs.len() as u32)
        .map(ValueIndex)
        .filter(|i| model.value_inhabited[i.0 as usize])
        .map(|i| owned_value(object, i));
    let structs = object.owned_structs().map(|i| owned_struct(object, i));
    let kinds = object.kinds().map(|i| kind_enum(object, i));
    let newtypes = model.type_indices().filter(|&i| model.is_array_newtype(i)).map(|i| array_newtype(object, i));
    let any = object.uses_any().then(|| any_enum(object));
    quote! { #(#values)* #(#structs)* #(#newtypes)* #(#kinds)* #any }
}

fn owned_value(object: &ObjectModel, index: ValueIndex) -> TokenStream {
    let model = object.model;
    let value = model.schema.value_struct(index);
    let names = model.value(index);
    let doc = format!(" The owned form of `{}` (object API).", value.name);
    let default = object.value_owned_default[index.0 as usize];
    owned_struct_def(object, &names.owned, &doc, &value.fields, &names.fields, default)
}

fn owned_struct(object: &ObjectModel, index: TypeIndex) -> TokenStream {
    let model = object.model;
    let ty = model.schema.ty(index);
    let CompositeType::Struct(st) = &ty.composite else { return TokenStream::new() };
    let names = model.ty(index);
    let (owned, view) = (&names.owned, &names.view);
    let methods = object.methods(index);
    let unpack = &methods.fields;
    let doc = format!(" The owned form of `{}` (object API).", ty.name);
    let definition = owned_struct_def(object, owned, &doc, &st.fields, &names.fields, object.owned_default[index.0 as usize]);
    quote! {
        #definition

        impl #owned {
            /// An owned copy of `view` and of everything it refers to. An object the buffer shares
            /// is unpacked once and shared (one `Rc`).
            pub fn unpack(view: #view<'_>) -> #owned {
                Unpacker::default().#unpack(view)
            }

            /// Writes this value and everything it refers to, children first; what one `Rc`
            /// shares is written once.
            pub fn pack(&self, builder: &mut wxl_runtime::Builder) -> wxl_runtime::Ref<#view<'static>> {
                Packer::default().#unpack(builder, self)
            }
        }

        impl From<#view<'_>> for #owned {
            fn from(view: #view<'_>) -> #owned {
                #owned::unpack(view)
            }
        }
    }
}

/// The struct and its `Default` (derived when every field's default is its type's, written out
/// with the schema's defaults otherwise, absent when a field has no default).
fn owned_struct_def(object: &ObjectModel, name: &Ident, doc: &str, fields: &[Field], names: &[FieldNames], default: bool) -> TokenStream {
    let model = object.model;
    let members = fields.iter().zip(names).map(|(f, n)| {
        let doc = docs_or(&f.docs, &format!(" The schema's {}.", field_declaration(model.schema, f)));
        let field = &n.getter;
        let ty = types::owned(model, Kind::of(model.schema, f.ty.storage));
        quote!(#doc pub #field: #ty,)
    });
    let defaults: Vec<(TokenStream, bool)> = fields.iter().map(|f| values::field_default(model, f)).collect();
    let derive_default = default && defaults.iter().all(|(_, zero)| *zero);
    let derive = if derive_default { quote!(Default,) } else { TokenStream::new() };
    let manual = (default && !derive_default).then(|| {
        let inits = names.iter().zip(&defaults).map(|(n, (value, _))| {
            let field = &n.getter;
            quote!(#field: #value,)
        });
        quote! {
            /// The schema's defaults.
            impl Default for #name {
                fn default() -> #name {
                    #name { #(#inits)* }
                }
            }
        }
    });
    let allows = lint_allows(std::slice::from_ref(name), false);
    quote! {
        #[doc = #doc]
        #allows
        #[derive(Clone, Debug, #derive PartialEq)]
        pub struct #name { #(#members)* }

        #manual
    }
}

/// The owned form of an array whose elements lead back to it through arrays alone.
fn array_newtype(object: &ObjectModel, index: TypeIndex) -> TokenStream {
    let model = object.model;
    let Some(element) = crate::fields::element(model.schema, index) else { return TokenStream::new() };
    let element = types::owned(model, Kind::of(model.schema, element));
    let owned = &model.ty(index).owned;
    let doc = format!(
        " The owned form of `{}` (object API): a newtype, since its elements are arrays of its own type.",
        model.schema.ty(index).name
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct #owned(pub Rc<[#element]>);
    }
}

fn kind_enum(object: &ObjectModel, index: TypeIndex) -> TokenStream {
    let model = object.model;
    let names = model.ty(index);
    let (kind, view) = (&names.kind_owned, &names.view);
    let mut members: Vec<TypeIndex> = vec![index];
    members.extend(object.kind_variants(index));
    let variants: Vec<&Ident> = members.iter().map(|&m| &model.ty(m).view).collect();
    let payloads = members.iter().map(|&m| types::owned_rc(model, m));
    let variant_docs = members.iter().map(|&m| format!(" A `{}` object.", model.schema.ty(m).name));
    let methods = object.methods(index);
    let method = &methods.kind;
    let doc = format!(" The owned form of a reference to `{}`: by the object's actual type.", model.schema.ty(index).name);
    let allows = lint_allows(&variants.iter().map(|v| (*v).clone()).collect::<Vec<_>>(), true);
    let default = object.owned_default[index.0 as usize].then(|| {
        quote! {
            impl Default for #kind {
                fn default() -> #kind {
                    #kind::#view(Default::default())
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #allows
        #[derive(Clone, Debug, PartialEq)]
        pub enum #kind { #(#[doc = #variant_docs] #variants(#payloads),)* }

        #default

        impl #kind {
            /// An owned copy of `view` (see the struct's `unpack`).
            pub fn unpack(view: #view<'_>) -> #kind {
                Unpacker::default().#method(view)
            }

            /// Writes this value and everything it refers to (see the struct's `pack`).
            pub fn pack(&self, builder: &mut wxl_runtime::Builder) -> wxl_runtime::Ref<#view<'static>> {
                Packer::default().#method(builder, self)
            }
        }
    }
}

fn any_enum(object: &ObjectModel) -> TokenStream {
    let model = object.model;
    let [i31, string, bytes] = &object.any_builtins;
    let variants = object.any_variants.iter().map(|(index, variant)| {
        let payload = types::owned_rc(model, *index);
        let doc = format!(" An object of type `{}`.", model.schema.ty(*index).name);
        quote!(#[doc = #doc] #variant(#payload),)
    });
    quote! {
        /// The owned form of an `anyref`, `eqref`, `structref` or `arrayref` value: an i31 value or
        /// an object of any type of the schema. (A `structref` or `arrayref` field packed from a
        /// variant of the other kind makes a buffer the verifier rejects.)
        #[derive(Clone, Debug, PartialEq)]
        pub enum AnyT {
            /// An `i31ref`, sign-extended.
            #i31(i32),
            /// A string.
            #string(Rc<str>),
            /// A byte string.
            #bytes(Rc<[u8]>),
            #(#variants)*
        }
    }
}
