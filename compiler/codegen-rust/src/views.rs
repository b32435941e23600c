//! Views: `Log<'a>` over a struct object, `Address<'a>` over an inline value struct, with one
//! getter per field, and their `Debug` output. Arrays are in `arrays`.

use proc_macro2::TokenStream;
use quote::quote;
use wxl_ir::{CompositeType, Field, Scalar, StorageType, TypeIndex, ValueIndex};

use crate::emit::{docs, docs_or, field_declaration, lint_allows};
use crate::fields::Kind;
use crate::model::{FieldNames, Model};
use crate::{arrays, builders, casts, mutate, types, values};

/// Every struct and array type, in declaration order.
pub(crate) fn type_items(model: &Model) -> TokenStream {
    let items = model.type_indices().map(|index| match model.schema.ty(index).composite {
        CompositeType::Struct(_) => struct_items(model, index),
        CompositeType::Array(_) => arrays::items(model, index),
    });
    let subtyping = casts::subtype_impls(model);
    quote! { #(#items)* #subtyping }
}

/// Every value struct: view and `Args`.
pub(crate) fn value_items(model: &Model) -> TokenStream {
    (0..model.schema.value_structs.len() as u32).map(|i| value_view(model, ValueIndex(i))).collect()
}

fn struct_items(model: &Model, index: TypeIndex) -> TokenStream {
    let ty = model.schema.ty(index);
    let CompositeType::Struct(st) = &ty.composite else { return TokenStream::new() };
    let names = model.ty(index);
    let view = &names.view;
    let doc = docs_or(&ty.docs, &format!(" A `{}` object in a verified buffer.", ty.name));
    // A note rather than `#[deprecated]`, which every generated use of the type would trip.
    let deprecated = if ty.deprecated { quote!(#[doc = ""] #[doc = " Deprecated in the schema."]) } else { TokenStream::new() };
    let type_id = values::index(ty.type_id.into());
    let size = ty.layout.size;
    let getters = st.fields.iter().zip(&names.fields).map(|(f, n)| getter(model, f, n, size));
    let casts = casts::view_methods(model, index);
    let debug = debug_impl(model, &ty.name, view, &st.fields, &names.fields);
    let allows = lint_allows(std::slice::from_ref(view), false);
    let extras = [casts::view_items(model, index), builders::struct_args(model, index), mutate::struct_items(model, index)];
    quote! {
        #doc
        #deprecated
        #allows
        #[derive(Clone, Copy, Default)]
        pub struct #view<'a>(pub wxl_runtime::StructView<'a>);

        impl<'a> #view<'a> {
            /// The type id in the tag word of its objects.
            pub const TYPE_ID: u16 = #type_id;

            #(#getters)*
            #casts
        }

        #debug

        impl<'a> wxl_runtime::FromObject<'a> for #view<'a> {
            fn from_object(object: wxl_runtime::ObjectView<'a>) -> Option<#view<'a>> {
                object.cast(Self::TYPE_ID).map(#view)
            }
        }

        #(#extras)*
    }
}

fn value_view(model: &Model, index: ValueIndex) -> TokenStream {
    let value = model.schema.value_struct(index);
    let names = model.value(index);
    let view = &names.view;
    let doc = docs_or(&value.docs, &format!(" The value struct `{}`.", value.name));
    let getters = value.fields.iter().zip(&names.fields).map(|(f, n)| getter(model, f, n, value.size));
    let debug = debug_impl(model, &value.name, view, &value.fields, &names.fields);
    let allows = lint_allows(std::slice::from_ref(view), false);
    let args = builders::value_args(model, index);
    quote! {
        #doc
        ///
        /// A value struct: stored inline, without a header.
        #allows
        #[derive(Clone, Copy, Default)]
        pub struct #view<'a>(pub wxl_runtime::StructView<'a>);

        impl<'a> #view<'a> {
            #(#getters)*
        }

        #debug

        impl<'a> wxl_runtime::Element<'a> for #view<'a> {
            fn read(array: &wxl_runtime::ArrayView<'a>, index: usize) -> #view<'a> {
                #view(array.element(index).unwrap_or_default())
            }
        }

        #args
    }
}

/// One getter: `#[inline] pub fn code(&self) -> u16 { self.0.get_u16(20, 0) }`.
/// `size` is the declared size of the struct holding the field.
fn getter(model: &Model, field: &Field, names: &FieldNames, size: u32) -> TokenStream {
    let kind = Kind::of(model.schema, field.ty.storage);
    let name = &names.getter;
    let declaration = format!(" {}, at offset {}.", field_declaration(model.schema, field), field.offset);
    let separator = if field.docs.is_empty() { TokenStream::new() } else { quote!(#[doc = ""]) };
    let doc = docs(&field.docs);
    let doc = quote!(#doc #separator #[doc = #declaration]);
    let deprecated = if field.deprecated { quote!(#[deprecated]) } else { TokenStream::new() };
    let convention = self_convention_allow(&name.to_string());
    let ty = types::view(model, kind);
    let body = read_field(model, field, kind, size);
    quote! {
        #doc
        #[inline]
        #deprecated
        #convention
        pub fn #name(&self) -> #ty {
            #body
        }
    }
}

/// Getters named `to_*`, `into_*`, `from_*` or `is_*` by the schema break clippy's naming
/// convention for such methods, and a getter named `len` asks for an `is_empty`; the schema's
/// name wins.
fn self_convention_allow(name: &str) -> TokenStream {
    let name = name.trim_start_matches("r#");
    if ["to_", "into_", "from_", "is_"].iter().any(|p| name.starts_with(p)) {
        quote!(#[allow(clippy::wrong_self_convention, reason = "named after the schema field")])
    } else if name == "len" {
        quote!(#[allow(clippy::len_without_is_empty, reason = "named after the schema field")])
    } else {
        TokenStream::new()
    }
}

/// The expression reading a field from `self.0`, a `StructView` of a struct declared `size`
/// bytes long. Scalars and enums go through `get_sized`: one compare per struct when it is full.
fn read_field(model: &Model, field: &Field, kind: Kind, size: u32) -> TokenStream {
    let offset = values::index(field.offset);
    let sized = values::index(size);
    match kind {
        Kind::Scalar(scalar) => {
            let ty = types::scalar(scalar);
            let default = values::scalar_default(scalar, field.default);
            quote!(self.0.get_sized::<#sized, #ty>(#offset, #default))
        }
        Kind::Enum(index) => read_enum(model, index, field, &sized),
        Kind::Value(index) => {
            let view = &model.value(index).view;
            quote!(#view(self.0.get_value(#offset)))
        }
        Kind::String { nullable } => or_default(quote!(self.0.get_str(#offset)), nullable),
        Kind::Bytes { nullable } => or_default(quote!(self.0.get_bytes(#offset)), nullable),
        Kind::Struct { target, nullable } => {
            let view = &model.ty(target).view;
            or_default(quote!(self.0.get_struct(#offset).map(#view)), nullable)
        }
        Kind::Array { target, nullable } => {
            let view = &model.ty(target).view;
            or_default(quote!(self.0.get_array(#offset).map(#view::from)), nullable)
        }
        Kind::Abstract { .. } => quote!(self.0.get_any(#offset)),
    }
}

/// A non-null reference is always present in a verified buffer; an empty view (or string)
/// stands in where a hand-made view has none, so getters never panic.
fn or_default(read: TokenStream, nullable: bool) -> TokenStream {
    if nullable {
        read
    } else {
        quote!(#read.unwrap_or_default())
    }
}

fn read_enum(model: &Model, index: wxl_ir::EnumIndex, field: &Field, sized: &TokenStream) -> TokenStream {
    let e = model.schema.enum_type(index);
    let names = model.enum_names(index);
    let name = &names.name;
    let offset = values::index(field.offset);
    let chosen = values::enum_default_variant(e, field.default);
    let raw = values::int(e.variants.get(chosen).map_or(0, |v| v.value));
    let ty = types::scalar(e.repr);
    let read = quote!(self.0.get_sized::<#sized, #ty>(#offset, #raw));
    if e.open {
        quote!(#name(#read))
    } else {
        let variant = &names.variants[chosen];
        quote!(#name::from_raw(#read).unwrap_or(#name::#variant))
    }
}

/// `Debug`: the fields of this object; objects behind references show as `Name { .. }`
/// (`Elided`), so the output grows with the view printed, not with what it can reach.
fn debug_impl(model: &Model, schema_name: &str, view: &proc_macro2::Ident, fields: &[Field], names: &[FieldNames]) -> TokenStream {
    let entries = fields.iter().zip(names).map(|(field, names)| {
        let getter = &names.getter;
        let label = &field.name;
        let value = debug_value(model, Kind::of(model.schema, field.ty.storage), quote!(self.#getter()));
        quote!(.field(#label, &#value))
    });
    let allow = if fields.iter().any(|f| f.deprecated) {
        quote!(#[allow(deprecated, reason = "shows every field, deprecated ones too")])
    } else {
        TokenStream::new()
    };
    quote! {
        impl core::fmt::Debug for #view<'_> {
            #allow
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(#schema_name) #(#entries)* .finish()
            }
        }
    }
}

/// How a field or element value is shown by `Debug`.
pub(crate) fn debug_value(model: &Model, kind: Kind, value: TokenStream) -> TokenStream {
    match kind {
        Kind::Struct { target, nullable } | Kind::Array { target, nullable } => {
            let name = &model.schema.ty(target).name;
            if nullable {
                quote!(#value.map(|_| Elided(#name)))
            } else {
                quote!(Elided(#name))
            }
        }
        Kind::Abstract { .. } => quote!(AnyDebug(#value)),
        _ => value,
    }
}

/// Which `Debug` helpers the generated code uses: `Elided` for object references in fields
/// and for array references in arrays, `AnyDebug` for abstract references anywhere.
fn debug_helpers_used(model: &Model) -> (bool, bool) {
    let kind = |storage| Kind::of(model.schema, storage);
    let mut fields: Vec<Kind> = Vec::new();
    let mut elements: Vec<Kind> = Vec::new();
    for value in &model.schema.value_structs {
        fields.extend(value.fields.iter().map(|f| kind(f.ty.storage)));
    }
    for ty in &model.schema.types {
        match &ty.composite {
            CompositeType::Struct(st) => fields.extend(st.fields.iter().map(|f| kind(f.ty.storage))),
            CompositeType::Array(array) => elements.push(kind(array.element.storage)),
        }
    }
    let elided = fields.iter().any(|k| k.target().is_some()) || elements.iter().any(|k| matches!(k, Kind::Array { .. }));
    let any = fields.iter().chain(&elements).any(|k| matches!(k, Kind::Abstract { .. }));
    (elided, any)
}

/// The private `Debug` helpers, where used.
pub(crate) fn helper_items(model: &Model) -> TokenStream {
    let (elided, any) = debug_helpers_used(model);
    let mut out = TokenStream::new();
    if elided {
        out.extend(quote! {
            /// `Debug` output for an object behind a reference: its type name only, so that
            /// printing a view costs time in proportion to that view, whatever the buffer shares.
            struct Elided(&'static str);

            impl core::fmt::Debug for Elided {
                fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    write!(f, "{} {{ .. }}", self.0)
                }
            }
        });
    }
    if any {
        out.extend(quote! {
            /// `Debug` output for an `anyref`, `eqref` or `i31ref` value (objects elided).
            struct AnyDebug<'a>(wxl_runtime::AnyRef<'a>);

            impl core::fmt::Debug for AnyDebug<'_> {
                fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                    match self.0 {
                        wxl_runtime::AnyRef::Null => f.write_str("null"),
                        wxl_runtime::AnyRef::I31(value) => write!(f, "i31({value})"),
                        wxl_runtime::AnyRef::Object(object) => write!(f, "object {{ type_id: {}, .. }}", object.type_id()),
                    }
                }
            }
        });
    }
    out
}

/// Whether a field stores something a `Vector`'s `as_slice` can hand out (plain numbers).
pub(crate) fn is_plain(storage: StorageType) -> bool {
    matches!(storage, StorageType::Scalar(s) if s != Scalar::Bool)
}
