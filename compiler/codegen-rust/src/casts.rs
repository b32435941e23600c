//! Subtyping: downcasts (`shape.as_circle()`, `ref.test` + `ref.cast`), the enum over a type's
//! concrete subtypes (`shape.kind()`), upcasts of views (`From<Circle> for Shape`) and of
//! builder references (`wxl_runtime::Subtype`, for `Ref::upcast`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wxl_ir::{CompositeType, TypeIndex};

use crate::emit::lint_allows;
use crate::model::Model;

fn is_array(model: &Model, index: TypeIndex) -> bool {
    matches!(model.schema.ty(index).composite, CompositeType::Array(_))
}

/// A view of `sub` over the same object as `self` (a struct or array view).
fn rewrap(model: &Model, from: TypeIndex, sub: TypeIndex) -> TokenStream {
    let view = &model.ty(sub).view;
    if is_array(model, from) {
        quote!(#view::from(self.0.array()))
    } else {
        quote!(#view(self.0))
    }
}

/// `as_circle` for each subtype and `kind`, inside the view's `impl`.
pub(crate) fn view_methods(model: &Model, index: TypeIndex) -> TokenStream {
    if !model.has_subtypes(index) {
        return TokenStream::new();
    }
    let names = model.ty(index);
    let test = if is_array(model, index) { quote!(self.0.array().is) } else { quote!(self.0.is) };
    let casts = names.casts.iter().map(|(sub, method, _)| {
        let sub_view = &model.ty(*sub).view;
        let doc = format!(" This object as a `{}`, if it is one (or a subtype of it).", model.schema.ty(*sub).name);
        let wrapped = rewrap(model, index, *sub);
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #method(&self) -> Option<#sub_view<'a>> {
                #test(#sub_view::TYPE_ID).then_some(#wrapped)
            }
        }
    });
    let kind = &names.kind;
    let kind_method = &names.kind_method;
    let own = &names.view;
    let type_id = if is_array(model, index) { quote!(Some(self.0.array().type_id())) } else { quote!(self.0.type_id()) };
    let arms = model.subtypes[index.0 as usize].iter().map(|&sub| {
        let variant = &model.ty(sub).view;
        let wrapped = rewrap(model, index, sub);
        quote!(Some(#variant::TYPE_ID) => #kind::#variant(#wrapped),)
    });
    quote! {
        #(#casts)*

        /// The object by its actual type: this type or one of its subtypes.
        pub fn #kind_method(&self) -> #kind<'a> {
            match #type_id {
                #(#arms)*
                _ => #kind::#own(*self),
            }
        }
    }
}

/// The kind enum and the `From` upcasts into this type.
pub(crate) fn view_items(model: &Model, index: TypeIndex) -> TokenStream {
    let names = model.ty(index);
    let view = &names.view;
    let upcasts = model.all_subtypes[index.0 as usize].iter().map(|&sub| {
        let sub_view = &model.ty(sub).view;
        let wrapped = if is_array(model, index) { quote!(#view::from(sub.0.array())) } else { quote!(#view(sub.0)) };
        quote! {
            impl<'a> From<#sub_view<'a>> for #view<'a> {
                fn from(sub: #sub_view<'a>) -> #view<'a> {
                    #wrapped
                }
            }
        }
    });
    let kind = model.has_subtypes(index).then(|| kind_enum(model, index));
    quote! { #kind #(#upcasts)* }
}

fn kind_enum(model: &Model, index: TypeIndex) -> TokenStream {
    let names = model.ty(index);
    let kind = &names.kind;
    let mut variants: Vec<&Ident> = vec![&names.view];
    variants.extend(model.subtypes[index.0 as usize].iter().map(|&s| &model.ty(s).view));
    let doc = format!(" A `{}` by its actual type (see `{}::{}`).", model.schema.ty(index).name, names.view, names.kind_method);
    let allows = lint_allows(&variants.iter().map(|v| (*v).clone()).collect::<Vec<_>>(), true);
    let variant_docs = std::iter::once(index)
        .chain(model.subtypes[index.0 as usize].iter().copied())
        .map(|t| format!(" A `{}`.", model.schema.ty(t).name));
    quote! {
        #[doc = #doc]
        #allows
        #[derive(Clone, Copy, Debug)]
        pub enum #kind<'a> {
            #(#[doc = #variant_docs] #variants(#variants<'a>),)*
        }
    }
}

/// `impl Subtype<Shape<'static>> for Circle<'static>` for every ordered pair of distinct types
/// the verifier accepts, and `Subtype<AnyStruct>`/`Subtype<AnyArray>` for every type.
pub(crate) fn subtype_impls(model: &Model) -> TokenStream {
    let mut out = TokenStream::new();
    for a in model.type_indices() {
        let sub = &model.ty(a).view;
        let any = if is_array(model, a) { quote!(wxl_runtime::AnyArray) } else { quote!(wxl_runtime::AnyStruct) };
        out.extend(quote!(impl wxl_runtime::Subtype<#any> for #sub<'static> {}));
        for &b in &model.supertypes[a.0 as usize] {
            let sup = &model.ty(b).view;
            out.extend(quote!(impl wxl_runtime::Subtype<#sup<'static>> for #sub<'static> {}));
        }
    }
    out
}
