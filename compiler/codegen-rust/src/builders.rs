//! Builders: `LogArgs { .. }.build(&mut builder)` writes a `Log` and returns a typed
//! `Ref<Log<'static>>`. Non-null references have no default, so an `Args` cannot be made without
//! them; a `Ref<Log>` does not fit where a `Ref<str>` is declared; a subtype's reference fits
//! after `.upcast()`. Value structs get `Args` too, with `to_bytes` for their inline bytes.

use proc_macro2::{Ident, TokenStream};
use quote::quote;
use wxl_ir::{AbstractHeap, CompositeType, Field, TypeIndex, ValueIndex};

use crate::emit::{docs_or, field_declaration};
use crate::fields::Kind;
use crate::model::{FieldNames, Model};
use crate::{types, values};

pub(crate) fn struct_args(model: &Model, index: TypeIndex) -> TokenStream {
    let ty = model.schema.ty(index);
    let CompositeType::Struct(st) = &ty.composite else { return TokenStream::new() };
    let names = model.ty(index);
    let (args, view) = (&names.args, &names.view);
    // The body is assembled in a local array (constant offsets: no checks) and written with
    // one copy: the same bytes `begin_struct` and one setter per field would write.
    let writes: Vec<TokenStream> =
        st.fields.iter().zip(&names.fields).filter_map(|(f, n)| value_write(model, f, &n.getter)).collect();
    let binding = if writes.is_empty() { quote!(let bytes) } else { quote!(let mut bytes) };
    let layout = ty.layout;
    let (align, size) = (values::index(layout.body_align), values::index(layout.size));
    let definition = args_struct(model, args, &ty.name, &st.fields, &names.fields);
    let doc = format!(" Writes a `{}` (what its fields refer to must be written already).", ty.name);
    quote! {
        #definition

        impl #args {
            #[doc = #doc]
            pub fn build(&self, builder: &mut wxl_runtime::Builder) -> wxl_runtime::Ref<#view<'static>> {
                #binding: [u8; #size] = [0; #size];
                #(#writes)*
                builder.push_struct(#view::TYPE_ID, #align, &bytes)
            }
        }
    }
}

pub(crate) fn value_args(model: &Model, index: ValueIndex) -> TokenStream {
    let value = model.schema.value_struct(index);
    let names = model.value(index);
    let args = &names.args;
    let size = values::index(value.size);
    let writes: Vec<TokenStream> =
        value.fields.iter().zip(&names.fields).filter_map(|(f, n)| value_write(model, f, &n.getter)).collect();
    let body = if writes.is_empty() {
        quote!([0; #size])
    } else {
        quote! {
            let mut bytes = [0; #size];
            #(#writes)*
            bytes
        }
    };
    let definition = args_struct(model, args, &value.name, &value.fields, &names.fields);
    quote! {
        #definition

        impl #args {
            /// The inline bytes of this value, as stored in a field or array element.
            pub fn to_bytes(self) -> [u8; #size] {
                #body
            }
        }
    }
}

/// The `Args` struct and its `Default` (derived, or written out when the schema gives
/// defaults other than zero; absent when a non-null reference has to be given).
fn args_struct(model: &Model, args: &Ident, schema_name: &str, fields: &[Field], names: &[FieldNames]) -> TokenStream {
    let members = fields.iter().zip(names).map(|(f, n)| {
        let doc = docs_or(&f.docs, &format!(" The schema's {}.", field_declaration(model.schema, f)));
        let name = &n.getter;
        let ty = types::args(model, Kind::of(model.schema, f.ty.storage));
        quote!(#doc pub #name: #ty,)
    });
    let defaults: Option<Vec<(TokenStream, bool)>> = fields.iter().map(|f| args_default(model, f)).collect();
    let derive_default = matches!(&defaults, Some(d) if d.iter().all(|(_, zero)| *zero));
    let derive = if derive_default { quote!(Default,) } else { TokenStream::new() };
    let manual = defaults.filter(|_| !derive_default).map(|defaults| {
        let inits = names.iter().zip(defaults).map(|(n, (value, _))| {
            let name = &n.getter;
            quote!(#name: #value,)
        });
        quote! {
            /// The schema's defaults.
            impl Default for #args {
                fn default() -> #args {
                    #args { #(#inits)* }
                }
            }
        }
    });
    let doc = format!(" The fields of a new `{schema_name}`.");
    quote! {
        #[doc = #doc]
        #[derive(Clone, Copy, Debug, #derive PartialEq)]
        pub struct #args { #(#members)* }

        #manual
    }
}

/// The default of an `Args` field, and whether it is its type's `Default`; `None` when the
/// field must be given (a non-null reference).
fn args_default(model: &Model, field: &Field) -> Option<(TokenStream, bool)> {
    match Kind::of(model.schema, field.ty.storage) {
        Kind::Scalar(_) | Kind::Enum(_) => Some(values::field_default(model, field)),
        Kind::Value(index) => value_args_default(model, index).then(|| (quote!(Default::default()), true)),
        kind if kind.nullable() => Some((quote!(None), true)),
        Kind::Abstract { heap: AbstractHeap::I31, .. } => Some((quote!(0), true)),
        _ => None,
    }
}

/// Whether a value struct's `Args` implement `Default`.
pub(crate) fn value_args_default(model: &Model, index: ValueIndex) -> bool {
    model.schema.value_struct(index).fields.iter().all(|f| args_default(model, f).is_some())
}

/// The statement copying one field of `self` into `bytes`, for `to_bytes`.
fn value_write(model: &Model, field: &Field, name: &Ident) -> Option<TokenStream> {
    let kind = Kind::of(model.schema, field.ty.storage);
    let (size, _) = wxl_ir::layout::storage_size_align(model.schema, field.ty.storage);
    let start = values::index(field.offset);
    let end = values::index(field.offset + size);
    let source = match kind {
        Kind::Value(_) => quote!(self.#name.to_bytes()),
        Kind::Abstract { heap: AbstractHeap::None, .. } => return None,
        _ => {
            let raw = raw_value(model, kind, quote!(self.#name));
            quote!(#raw.to_le_bytes())
        }
    };
    Some(quote!(bytes[#start..#end].copy_from_slice(&#source);))
}

/// The integer stored for a value of a scalar, enum or reference kind.
pub(crate) fn raw_value(model: &Model, kind: Kind, value: TokenStream) -> TokenStream {
    match kind {
        Kind::Scalar(wxl_ir::Scalar::Bool) => quote!(u8::from(#value)),
        Kind::Scalar(_) => value,
        Kind::Enum(index) if model.schema.enum_type(index).open => quote!(#value.0),
        Kind::Enum(_) => quote!(#value.to_raw()),
        Kind::Abstract { heap: AbstractHeap::None, .. } => quote!(0u32),
        Kind::Abstract { heap: AbstractHeap::I31, nullable: false } => quote!(wxl_runtime::AnyArg::I31(#value).to_raw()),
        Kind::Abstract { heap: AbstractHeap::I31, nullable: true } => {
            quote!(#value.map_or(0, |value| wxl_runtime::AnyArg::I31(value).to_raw()))
        }
        Kind::Abstract { heap: AbstractHeap::Any | AbstractHeap::Eq, nullable } => {
            if nullable {
                quote!(#value.map_or(0, wxl_runtime::AnyArg::to_raw))
            } else {
                quote!(#value.to_raw())
            }
        }
        Kind::Value(_) => quote!(#value.to_bytes()),
        _ if kind.nullable() => quote!(#value.map_or(0, wxl_runtime::Ref::offset)),
        _ => quote!(#value.offset()),
    }
}

