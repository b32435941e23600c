//! Enums. A closed enum is a Rust enum with its repr (`TryFrom` the raw value, `From` back);
//! an open enum is a newtype over the raw value with one constant per variant, so values this
//! schema does not list survive a read and a write.

use proc_macro2::TokenStream;
use quote::quote;
use wxl_ir::EnumType;

use crate::emit::{docs_or, lint_allows};
use crate::model::Model;
use crate::{types, values};

pub(crate) fn items(model: &Model) -> TokenStream {
    model
        .schema
        .enums
        .iter()
        .enumerate()
        .map(|(i, e)| if e.open { open_enum(model, i, e) } else { closed_enum(model, i, e) })
        .collect()
}

fn any_deprecated(e: &EnumType) -> bool {
    e.variants.iter().any(|v| v.deprecated)
}

/// `#[allow(deprecated)]` for impls that name every variant, deprecated ones included.
fn allow_deprecated(e: &EnumType) -> TokenStream {
    if any_deprecated(e) {
        quote!(#[allow(deprecated, reason = "names every variant, deprecated ones too")])
    } else {
        TokenStream::new()
    }
}

fn closed_enum(model: &Model, index: usize, e: &EnumType) -> TokenStream {
    let names = &model.enums[index];
    let name = &names.name;
    let repr = types::scalar(e.repr);
    let doc = docs_or(&e.docs, &format!(" The schema's enum `{}`.", e.name));
    let zero = values::zero_variant(e);
    let variants = e.variants.iter().zip(&names.variants).enumerate().map(|(i, (v, ident))| {
        let doc = docs_or(&v.docs, &format!(" `{} = {}`.", v.name, v.value));
        let value = values::int(v.value);
        let default = if i == zero { quote!(#[default]) } else { TokenStream::new() };
        let deprecated = if v.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
        quote! { #doc #default #deprecated #ident = #value, }
    });
    let arms = e.variants.iter().zip(&names.variants).map(|(v, ident)| {
        let value = values::int(v.value);
        quote! { #value => Some(#name::#ident), }
    });
    let allows = lint_allows(&names.variants, true);
    let name_allows = lint_allows(std::slice::from_ref(name), false);
    let allow_deprecated = allow_deprecated(e);
    quote! {
        #doc
        #allows
        #name_allows
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[repr(#repr)]
        pub enum #name { #(#variants)* }

        #allow_deprecated
        impl #name {
            /// The variant with this raw value, if the schema declares one.
            pub const fn from_raw(raw: #repr) -> Option<#name> {
                match raw { #(#arms)* _ => None }
            }

            /// The raw value stored in buffers.
            pub const fn to_raw(self) -> #repr {
                self as #repr
            }
        }

        impl TryFrom<#repr> for #name {
            /// The raw value, which no variant has.
            type Error = #repr;
            fn try_from(raw: #repr) -> Result<#name, #repr> {
                #name::from_raw(raw).ok_or(raw)
            }
        }

        impl From<#name> for #repr {
            fn from(value: #name) -> #repr {
                value.to_raw()
            }
        }

        impl<'a> wxl_runtime::Element<'a> for #name {
            fn read(array: &wxl_runtime::ArrayView<'a>, index: usize) -> #name {
                array.get::<#repr>(index).and_then(#name::from_raw).unwrap_or_default()
            }
        }
    }
}

fn open_enum(model: &Model, index: usize, e: &EnumType) -> TokenStream {
    let names = &model.enums[index];
    let name = &names.name;
    let repr = types::scalar(e.repr);
    let doc = docs_or(&e.docs, &format!(" The schema's open enum `{}`.", e.name));
    let consts = e.variants.iter().zip(&names.variants).map(|(v, ident)| {
        let doc = docs_or(&v.docs, &format!(" `{} = {}`.", v.name, v.value));
        let value = values::int(v.value);
        let deprecated = if v.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
        quote! { #doc #deprecated pub const #ident: #name = #name(#value); }
    });
    let name_arms = e.variants.iter().map(|v| {
        let value = values::int(v.value);
        let text = &v.name;
        quote! { #value => Some(#text), }
    });
    let zero = e.zero_value();
    let derive_default = if zero == 0 { quote!(Default,) } else { TokenStream::new() };
    let manual_default = (zero != 0).then(|| {
        let zero = values::int(zero);
        quote! {
            /// The enum's first variant: 0 is not one of its values.
            impl Default for #name {
                fn default() -> #name {
                    #name(#zero)
                }
            }
        }
    });
    let name_allows = lint_allows(std::slice::from_ref(name), false);
    let unknown = format!("{name}({{}})");
    quote! {
        #doc
        ///
        /// Open: a buffer may hold values the schema does not list; they read and write unchanged.
        #name_allows
        #[derive(Clone, Copy, #derive_default PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct #name(pub #repr);

        impl #name {
            #(#consts)*

            /// The schema's name for this value, if it has one.
            pub const fn name(self) -> Option<&'static str> {
                match self.0 { #(#name_arms)* _ => None }
            }
        }

        #manual_default

        impl core::fmt::Debug for #name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                match self.name() {
                    Some(name) => f.write_str(name),
                    None => write!(f, #unknown, self.0),
                }
            }
        }

        impl From<#repr> for #name {
            fn from(raw: #repr) -> #name {
                #name(raw)
            }
        }

        impl From<#name> for #repr {
            fn from(value: #name) -> #repr {
                value.0
            }
        }

        impl<'a> wxl_runtime::Element<'a> for #name {
            fn read(array: &wxl_runtime::ArrayView<'a>, index: usize) -> #name {
                #name(array.get::<#repr>(index).unwrap_or_default())
            }
        }
    }
}
