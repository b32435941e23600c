//! Mutable wrappers: `SceneMut<'b>` sets the `mut` scalar and enum fields of a verified buffer in
//! place (`set_frame`), and leads to the wrappers of what its references point to
//! (`root_mut`). Reference fields cannot be set in place: that could break the layout's
//! backward-reference rule, so the runtime refuses it and no setter is generated.

use proc_macro2::TokenStream;
use quote::quote;
use wxl_ir::{CompositeType, Field, Schema, StorageType, SubType, TypeIndex};

use crate::fields::Kind;
use crate::model::{FieldNames, Model};
use crate::views::is_plain;
use crate::{types, values};

/// A `mut` field with a scalar or enum value.
fn settable(field_type: wxl_ir::FieldType) -> bool {
    field_type.mutable && matches!(field_type.storage, StorageType::Scalar(_) | StorageType::Enum(_))
}

pub(crate) fn has_settable(_schema: &Schema, ty: &SubType) -> bool {
    match &ty.composite {
        CompositeType::Struct(st) => st.fields.iter().any(|f| settable(f.ty)),
        CompositeType::Array(array) => settable(array.element),
    }
}

/// The types a wrapper can lead to: struct fields referring to schema types, and array elements
/// referring to struct types (what the runtime's `struct_mut`/`array_mut` reach).
pub(crate) fn navigable_targets(schema: &Schema, index: TypeIndex) -> Vec<TypeIndex> {
    match &schema.ty(index).composite {
        CompositeType::Struct(st) => st.fields.iter().filter_map(|f| Kind::of(schema, f.ty.storage).target()).collect(),
        CompositeType::Array(array) => match Kind::of(schema, array.element.storage) {
            Kind::Struct { target, .. } => vec![target],
            _ => Vec::new(),
        },
    }
}

pub(crate) fn struct_items(model: &Model, index: TypeIndex) -> TokenStream {
    if !model.needs_mut(index) {
        return TokenStream::new();
    }
    let ty = model.schema.ty(index);
    let CompositeType::Struct(st) = &ty.composite else { return TokenStream::new() };
    let names = model.ty(index);
    let (view, wrapper) = (&names.view, &names.mutable);
    let setters = st.fields.iter().zip(&names.fields).map(|(f, n)| setter(model, f, n));
    let navigation = st.fields.iter().zip(&names.fields).map(|(f, n)| navigation(model, f, n));
    let casts = into_casts(model, index);
    let doc = format!(" In-place updates of a `{}` in a verified buffer.", ty.name);
    quote! {
        #[doc = #doc]
        pub struct #wrapper<'b>(pub wxl_runtime::StructMut<'b>);

        impl<'b> #wrapper<'b> {
            /// Read access.
            pub fn view(&self) -> #view<'_> {
                #view(self.0.view())
            }

            #(#setters)*
            #(#navigation)*
            #casts
        }
    }
}

fn setter(model: &Model, field: &Field, names: &FieldNames) -> TokenStream {
    if !settable(field.ty) {
        return TokenStream::new();
    }
    let kind = Kind::of(model.schema, field.ty.storage);
    let ty = types::view(model, kind);
    let offset = values::index(field.offset);
    let raw = crate::builders::raw_value(model, kind, quote!(value));
    let name = &names.setter;
    let doc = format!(" Sets `{}` in place.", field.name);
    quote! {
        #[doc = #doc]
        ///
        /// `Err` when the buffer does not store the field (an older writer's) or the value is not
        /// allowed (an unknown value of a closed enum).
        pub fn #name(&mut self, value: #ty) -> Result<(), wxl_runtime::SetError> {
            self.0.set(#offset, #raw)
        }
    }
}

fn navigation(model: &Model, field: &Field, names: &FieldNames) -> TokenStream {
    let kind = Kind::of(model.schema, field.ty.storage);
    let Some(target) = kind.target() else { return TokenStream::new() };
    if !model.needs_mut(target) {
        return TokenStream::new();
    }
    let wrapper = &model.ty(target).mutable;
    let offset = values::index(field.offset);
    let method = if matches!(kind, Kind::Array { .. }) { quote!(array_mut) } else { quote!(struct_mut) };
    let name = &names.nav;
    let doc = format!(" Updates of what `{}` refers to; `None` when it is null.", field.name);
    quote! {
        #[doc = #doc]
        pub fn #name(&mut self) -> Option<#wrapper<'_>> {
            self.0.#method(#offset).map(#wrapper)
        }
    }
}

/// `into_circle`: the wrapper of a subtype, when the object is one.
fn into_casts(model: &Model, index: TypeIndex) -> TokenStream {
    model
        .ty(index)
        .casts
        .iter()
        .filter(|(sub, _, _)| model.needs_mut(*sub))
        .map(|(sub, _, method)| {
            let sub_names = model.ty(*sub);
            let (sub_view, sub_wrapper) = (&sub_names.view, &sub_names.mutable);
            let doc = format!(" These updates as a `{}`'s, if the object is one; else `self` back.", model.schema.ty(*sub).name);
            quote! {
                #[doc = #doc]
                pub fn #method(self) -> Result<#sub_wrapper<'b>, Self> {
                    if self.0.view().is(#sub_view::TYPE_ID) {
                        Ok(#sub_wrapper(self.0))
                    } else {
                        Err(self)
                    }
                }
            }
        })
        .collect()
}

pub(crate) fn array_items(model: &Model, index: TypeIndex) -> TokenStream {
    if !model.needs_mut(index) {
        return TokenStream::new();
    }
    let Some(storage) = crate::fields::element(model.schema, index) else { return TokenStream::new() };
    let ty = model.schema.ty(index);
    let names = model.ty(index);
    let (view, wrapper) = (&names.view, &names.mutable);
    let kind = Kind::of(model.schema, storage);
    let element_ops = array_element_ops(model, ty, kind, storage);
    let casts = into_casts(model, index);
    let doc = format!(" In-place updates of a `{}` in a verified buffer.", ty.name);
    quote! {
        #[doc = #doc]
        pub struct #wrapper<'b>(pub wxl_runtime::ArrayMut<'b>);

        impl<'b> #wrapper<'b> {
            /// Read access.
            pub fn view(&self) -> #view<'_> {
                #view::from(self.0.view())
            }

            /// The number of elements.
            pub fn len(&self) -> usize {
                self.0.len()
            }

            /// Whether there are no elements.
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }

            #element_ops
            #casts
        }
    }
}

fn array_element_ops(model: &Model, ty: &SubType, kind: Kind, storage: StorageType) -> TokenStream {
    let CompositeType::Array(array) = &ty.composite else { return TokenStream::new() };
    if settable(array.element) {
        let element = types::view(model, kind);
        let raw = crate::builders::raw_value(model, kind, quote!(value));
        let slice = is_plain(storage).then(|| {
            quote! {
                /// The elements as a mutable slice, under the conditions of the view's `as_slice`.
                pub fn as_mut_slice(&mut self) -> Option<&mut [#element]> {
                    self.0.as_mut_slice()
                }
            }
        });
        return quote! {
            /// Sets element `index`; `Err` past the end or for a value the schema does not allow.
            pub fn set(&mut self, index: usize, value: #element) -> Result<(), wxl_runtime::SetError> {
                self.0.set(index, #raw)
            }
            #slice
        };
    }
    match kind {
        Kind::Struct { target, .. } if model.needs_mut(target) => {
            let wrapper = &model.ty(target).mutable;
            quote! {
                /// Updates of the object element `index` refers to; `None` when null or past the end.
                pub fn get_mut(&mut self, index: usize) -> Option<#wrapper<'_>> {
                    self.0.struct_mut(index).map(#wrapper)
                }
            }
        }
        _ => TokenStream::new(),
    }
}
