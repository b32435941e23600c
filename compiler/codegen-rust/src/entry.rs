//! Entry points: `root` (verify, then read), `root_with` (reusing a verifier's memory),
//! `root_unchecked`, `root_mut` (verify, then update in place), `verify`, and `finish` (write
//! the header of a built buffer).

use proc_macro2::TokenStream;
use quote::quote;
use wxl_ir::{CompositeType, TypeIndex};

use crate::emit::comment;
use crate::model::Model;

pub(crate) fn items(model: &Model) -> TokenStream {
    let identifier = if model.schema.identifier.is_some() { quote!(Some(IDENTIFIER)) } else { quote!(None) };
    let options = quote! {
        /// What the verifier checks besides the layout: the identifier (if the schema has one);
        /// the root type is the schema's.
        const VERIFY_OPTIONS: wxl_runtime::Options = wxl_runtime::Options { identifier: #identifier, root: None };
    };
    match model.schema.root {
        Some(root) => {
            let read = root_items(model, root);
            let update = root_mut(model, root);
            quote! { #options #read #update }
        }
        None => no_root_items(options),
    }
}

fn root_items(model: &Model, root: TypeIndex) -> TokenStream {
    let view = &model.ty(root).view;
    let safety = comment("SAFETY: the caller guarantees what `Verified::new_unchecked` asks.");
    let doc = format!(" Verifies `buf` and returns its root `{}`.", model.schema.ty(root).name);
    quote! {
        #[doc = #doc]
        pub fn root(buf: &[u8]) -> Result<#view<'_>, wxl_runtime::Error> {
            root_of(wxl_runtime::verify(buf, &SCHEMA, &VERIFY_OPTIONS)?)
        }

        /// Like [`root`], reusing `verifier`'s memory (no allocation once it has seen the largest
        /// buffer).
        pub fn root_with<'a>(verifier: &mut wxl_runtime::Verifier, buf: &'a [u8]) -> Result<#view<'a>, wxl_runtime::Error> {
            root_of(verifier.verify(buf, &SCHEMA, &VERIFY_OPTIONS)?)
        }

        /// The root of a buffer verified earlier, without verifying it again.
        ///
        /// # Safety
        ///
        /// `buf` must have passed [`root`], [`root_with`] or [`verify`] and not have changed since,
        /// except through in-place updates of `mut` fields: string getters rely on it for UTF-8.
        pub unsafe fn root_unchecked(buf: &[u8]) -> Result<#view<'_>, wxl_runtime::Error> {
            #safety
            root_of(unsafe { wxl_runtime::Verified::new_unchecked(buf, &SCHEMA) }?)
        }

        /// Verifies `buf` without reading it.
        pub fn verify(buf: &[u8]) -> Result<(), wxl_runtime::Error> {
            root(buf).map(drop)
        }

        /// Writes the buffer's header (the root and the identifier) and returns the buffer.
        pub fn finish<'b>(builder: &'b mut wxl_runtime::Builder, root: wxl_runtime::Ref<#view<'static>>) -> &'b [u8] {
            builder.finish(root, IDENTIFIER)
        }

        /// The verified root as the root type's view (the verifier checked its type).
        fn root_of(verified: wxl_runtime::Verified<'_>) -> Result<#view<'_>, wxl_runtime::Error> {
            <#view as wxl_runtime::FromObject>::from_object(verified.root())
                .ok_or(wxl_runtime::Error::new(wxl_runtime::ErrorKind::RootInvalid, 12))
        }
    }
}

fn root_mut(model: &Model, root: TypeIndex) -> TokenStream {
    if !model.needs_mut(root) {
        return TokenStream::new();
    }
    let wrapper = &model.ty(root).mutable;
    let into = match model.schema.ty(root).composite {
        CompositeType::Struct(_) => quote!(into_root_struct),
        CompositeType::Array(_) => quote!(into_root_array),
    };
    quote! {
        /// Verifies `buf` and returns its root for in-place updates of `mut` fields.
        pub fn root_mut(buf: &mut [u8]) -> Result<#wrapper<'_>, wxl_runtime::Error> {
            wxl_runtime::VerifiedMut::new(buf, &SCHEMA, &VERIFY_OPTIONS)?
                .#into()
                .map(#wrapper)
                .ok_or(wxl_runtime::Error::new(wxl_runtime::ErrorKind::RootInvalid, 12))
        }
    }
}

/// A schema without a root type: any object may be the root.
fn no_root_items(options: TokenStream) -> TokenStream {
    quote! {
        #options

        /// Verifies `buf`; read its root with `FromObject::from_object(verified.root())`.
        pub fn verify(buf: &[u8]) -> Result<wxl_runtime::Verified<'_>, wxl_runtime::Error> {
            wxl_runtime::verify(buf, &SCHEMA, &VERIFY_OPTIONS)
        }

        /// Writes the buffer's header (the root and the identifier) and returns the buffer.
        pub fn finish<T: ?Sized>(builder: &mut wxl_runtime::Builder, root: wxl_runtime::Ref<T>) -> &[u8] {
            builder.finish(root, IDENTIFIER)
        }
    }
}
