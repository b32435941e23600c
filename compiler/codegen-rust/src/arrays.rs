//! Array views: `ArrayOfLog<'a>` over a `wxl_runtime::Vector` of the element's view type, with
//! `len`, `get`, `iter` (and `as_slice` for plain numbers), and `build` from a slice.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wxl_ir::{AbstractHeap, StorageType, TypeIndex};

use crate::emit::{comment, docs, lint_allows};
use crate::fields::Kind;
use crate::model::Model;
use crate::views::is_plain;
use crate::{casts, mutate, types, values};

pub(crate) fn items(model: &Model, index: TypeIndex) -> TokenStream {
    let ty = model.schema.ty(index);
    let Some(storage) = crate::fields::element(model.schema, index) else { return TokenStream::new() };
    let kind = Kind::of(model.schema, storage);
    let view = &model.ty(index).view;
    let element = types::view(model, kind);
    let doc = if ty.docs.is_empty() { implicit_doc(model, storage) } else { docs(&ty.docs) };
    // A note rather than `#[deprecated]`, which every generated use of the type would trip.
    let deprecated = if ty.deprecated { quote!(#[doc = ""] #[doc = " Deprecated in the schema."]) } else { TokenStream::new() };
    let type_id = values::index(ty.type_id.into());
    let allows = lint_allows(std::slice::from_ref(view), false);
    let as_slice = is_plain(storage).then(|| {
        quote! {
            /// The elements as a slice, without copying: `None` unless the buffer is aligned in
            /// memory (buffers from `wxl_runtime::Builder` are) and the target is little-endian.
            #[inline]
            pub fn as_slice(&self) -> Option<&'a [#element]> {
                self.0.array().as_slice()
            }
        }
    });
    let casts = casts::view_methods(model, index);
    let debug = debug_impl(model, view, kind);
    let build = build_fn(model, index, kind);
    let extras = [casts::view_items(model, index), mutate::array_items(model, index)];
    quote! {
        #doc
        #deprecated
        #allows
        #[derive(Clone, Copy)]
        pub struct #view<'a>(pub wxl_runtime::Vector<'a, #element>);

        impl<'a> #view<'a> {
            /// The type id in the tag word of its objects.
            pub const TYPE_ID: u16 = #type_id;

            /// The number of elements.
            #[inline]
            pub fn len(&self) -> usize {
                self.0.len()
            }

            /// Whether there are no elements.
            #[inline]
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }

            /// Element `index`, or `None` past the end.
            #[inline]
            pub fn get(&self, index: usize) -> Option<#element> {
                self.0.get(index)
            }

            /// The elements, front to back.
            #[inline]
            pub fn iter(&self) -> wxl_runtime::read::Iter<'a, #element> {
                self.0.iter()
            }

            #as_slice
            #casts
        }

        #build

        /// An empty array.
        impl Default for #view<'_> {
            fn default() -> Self {
                #view(wxl_runtime::ArrayView::default().typed())
            }
        }

        impl<'a> From<wxl_runtime::ArrayView<'a>> for #view<'a> {
            fn from(array: wxl_runtime::ArrayView<'a>) -> #view<'a> {
                #view(array.typed())
            }
        }

        impl<'a> IntoIterator for #view<'a> {
            type Item = #element;
            type IntoIter = wxl_runtime::read::Iter<'a, #element>;
            fn into_iter(self) -> Self::IntoIter {
                self.0.iter()
            }
        }

        impl<'a> wxl_runtime::FromObject<'a> for #view<'a> {
            fn from_object(object: wxl_runtime::ObjectView<'a>) -> Option<#view<'a>> {
                object.as_array().filter(|array| array.is(Self::TYPE_ID)).map(#view::from)
            }
        }

        #debug
        #(#extras)*
    }
}

/// The doc of an array type made from `[T]`.
fn implicit_doc(model: &Model, storage: StorageType) -> TokenStream {
    let element = match storage {
        StorageType::Ref(reference) if !reference.nullable => wxl_ir::display::heap_name(model.schema, reference.heap),
        _ => wxl_ir::display::storage_name(model.schema, storage),
    };
    let text = format!(" An array of `{element}`.");
    quote!(#[doc = #text])
}

/// `Debug`: the elements; struct elements show their own fields (one level), arrays behind
/// references are elided.
fn debug_impl(model: &Model, view: &Ident, kind: Kind) -> TokenStream {
    let entries = match kind {
        Kind::Array { target, nullable } => {
            let name = &model.schema.ty(target).name;
            if nullable {
                quote!(self.iter().map(|item| item.map(|_| Elided(#name))))
            } else {
                quote!(self.iter().map(|_| Elided(#name)))
            }
        }
        Kind::Abstract { .. } => quote!(self.iter().map(AnyDebug)),
        _ => quote!(self.iter()),
    };
    quote! {
        impl core::fmt::Debug for #view<'_> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_list().entries(#entries).finish()
            }
        }
    }
}

/// `build(builder, items)`: one call of the runtime's array writers.
fn build_fn(model: &Model, index: TypeIndex, kind: Kind) -> TokenStream {
    let view = &model.ty(index).view;
    let item = types::args(model, kind);
    let layout = model.schema.ty(index).layout;
    let align = values::index(layout.body_align);
    let stride = values::index(layout.size);
    let body = match kind {
        Kind::Scalar(_) => quote!(builder.scalar_array(Self::TYPE_ID, items)),
        Kind::Value(_) => quote! {
            builder.value_array_of(Self::TYPE_ID, #align, #stride, items, |item| item.to_bytes())
        },
        Kind::String { nullable } | Kind::Bytes { nullable } | Kind::Struct { nullable, .. } | Kind::Array { nullable, .. } => {
            ref_array(nullable)
        }
        Kind::Abstract { heap: AbstractHeap::Struct | AbstractHeap::Array, nullable } => ref_array(nullable),
        Kind::Abstract { heap: AbstractHeap::None, .. } => {
            let note = comment("Every element is null: the zeroed body.");
            quote! {
                #note
                builder.begin_array(Self::TYPE_ID, #align, #stride, items.len()).end()
            }
        }
        Kind::Enum(_) | Kind::Abstract { .. } => {
            let raw = crate::builders::raw_value(model, kind, quote!(item));
            quote! {
                let mut array = builder.begin_array(Self::TYPE_ID, #align, #stride, items.len());
                for (index, &item) in items.iter().enumerate() {
                    array.set(index, 0, #raw);
                }
                array.end()
            }
        }
    };
    let doc = " Writes an array of this type holding `items` (objects they refer to must be written already).";
    // Value structs also get `build_with`: each element converted from the caller's own type
    // as it is written, in one pass over the body (no intermediate vector of `Args`).
    let with = match kind {
        Kind::Value(_) => quote! {
            /// Writes an array of this type with one element per item of `items`, each the
            /// `Args` that `args` makes of it, encoded straight into the buffer.
            pub fn build_with<I>(
                builder: &mut wxl_runtime::Builder,
                items: &[I],
                args: impl Fn(&I) -> #item,
            ) -> wxl_runtime::Ref<#view<'static>> {
                builder.value_array_of(Self::TYPE_ID, #align, #stride, items, |item| args(item).to_bytes())
            }
        },
        _ => TokenStream::new(),
    };
    quote! {
        impl #view<'_> {
            #[doc = #doc]
            pub fn build(builder: &mut wxl_runtime::Builder, items: &[#item]) -> wxl_runtime::Ref<#view<'static>> {
                #body
            }

            #with
        }
    }
}

fn ref_array(nullable: bool) -> TokenStream {
    if nullable {
        quote!(builder.ref_array_opt(Self::TYPE_ID, items))
    } else {
        quote!(builder.ref_array(Self::TYPE_ID, items))
    }
}
