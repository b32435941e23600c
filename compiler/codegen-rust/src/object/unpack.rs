//! `Unpacker`: views to owned values through the generated getters, one `Rc` per object.
//!
//! An object is known by the address of its body in the buffer (two objects never share one),
//! so `HashMap<usize, Rc<..>>` per owned type memoizes: a buffer that shares an object a million
//! times unpacks it once.

use std::collections::BTreeMap;

use proc_macro2::TokenStream;
use quote::quote;
use wxl_ir::{AbstractHeap, CompositeType, TypeIndex, ValueIndex};

use super::{entries, reachable, Helper, ObjectModel};
use crate::fields::Kind;
use crate::types;
use crate::views::is_plain;

pub(crate) fn items(object: &ObjectModel) -> TokenStream {
    let methods = reachable(entries(object), |helper, calls| method(object, helper, calls));
    if methods.is_empty() {
        return TokenStream::new();
    }
    let maps = memo_fields(object, &methods);
    let bodies = methods.values();
    quote! {
        /// Unpacks views into owned values, each object once.
        #[derive(Default)]
        struct Unpacker {
            #(#maps)*
        }

        impl Unpacker {
            #(#bodies)*
        }
    }
}

/// The memo table of a type: `shape_memo`.
fn memo_field(object: &ObjectModel, index: TypeIndex) -> proc_macro2::Ident {
    crate::names::ident(&format!("{}_memo", object.methods(index).fields))
}

/// One memo table per memoized kind of object, keyed by body address.
fn memo_fields(object: &ObjectModel, methods: &BTreeMap<Helper, TokenStream>) -> Vec<TokenStream> {
    let model = object.model;
    methods
        .keys()
        .filter_map(|helper| match *helper {
            Helper::String => Some(quote!(strings: HashMap<usize, Rc<str>>,)),
            Helper::Bytes => Some(quote!(byte_strings: HashMap<usize, Rc<[u8]>>,)),
            Helper::Shared(index) => {
                let name = memo_field(object, index);
                let rc = types::owned_rc(model, index);
                Some(quote!(#name: HashMap<usize, #rc>,))
            }
            _ => None,
        })
        .collect()
}

fn method(object: &ObjectModel, helper: Helper, calls: &mut Vec<Helper>) -> TokenStream {
    match helper {
        Helper::String => quote! {
            fn string(&mut self, text: &str) -> Rc<str> {
                self.strings.entry(text.as_ptr() as usize).or_insert_with(|| Rc::from(text)).clone()
            }
        },
        Helper::Bytes => quote! {
            fn bytes(&mut self, data: &[u8]) -> Rc<[u8]> {
                self.byte_strings.entry(data.as_ptr() as usize).or_insert_with(|| Rc::from(data)).clone()
            }
        },
        Helper::Any => any(object, calls),
        Helper::ObjectRef => TokenStream::new(),
        Helper::Value(index) => value_fields(object, index, calls),
        Helper::Fields(index) => match object.model.schema.ty(index).composite {
            CompositeType::Struct(_) => struct_fields(object, index, calls),
            CompositeType::Array(_) => array_elements(object, index, calls),
        },
        Helper::Shared(index) => shared(object, index, calls),
        Helper::Kind(index) => kind(object, index, calls),
    }
}

fn value_fields(object: &ObjectModel, index: ValueIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let value = model.schema.value_struct(index);
    let names = model.value(index);
    let (view, owned) = (&names.view, &names.owned);
    let method = &object.values[index.0 as usize];
    let inits = value.fields.iter().zip(&names.fields).map(|(f, n)| {
        let getter = &n.getter;
        let expr = unpack(object, Kind::of(model.schema, f.ty.storage), quote!(view.#getter()), calls);
        quote!(#getter: #expr,)
    });
    let param = if value.fields.is_empty() { quote!(_view) } else { quote!(view) };
    quote! {
        fn #method(&mut self, #param: #view<'_>) -> #owned {
            #owned { #(#inits)* }
        }
    }
}

fn struct_fields(object: &ObjectModel, index: TypeIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let CompositeType::Struct(st) = &model.schema.ty(index).composite else { return TokenStream::new() };
    let names = model.ty(index);
    let (view, owned) = (&names.view, &names.owned);
    let method = &object.methods(index).fields;
    let inits = st.fields.iter().zip(&names.fields).map(|(f, n)| {
        let getter = &n.getter;
        let expr = unpack(object, Kind::of(model.schema, f.ty.storage), quote!(view.#getter()), calls);
        quote!(#getter: #expr,)
    });
    let allow = if st.fields.iter().any(|f| f.deprecated) {
        quote!(#[allow(deprecated, reason = "copies every field, deprecated ones too")])
    } else {
        TokenStream::new()
    };
    let param = if st.fields.is_empty() { quote!(_view) } else { quote!(view) };
    quote! {
        #allow
        fn #method(&mut self, #param: #view<'_>) -> #owned {
            #owned { #(#inits)* }
        }
    }
}

fn array_elements(object: &ObjectModel, index: TypeIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let Some(storage) = crate::fields::element(model.schema, index) else { return TokenStream::new() };
    let kind = Kind::of(model.schema, storage);
    let view = &model.ty(index).view;
    let rc = types::owned_rc(model, index);
    let method = &object.methods(index).fields;
    let body = match kind {
        _ if is_plain(storage) => quote!(view.as_slice().map_or_else(|| view.iter().collect(), Rc::from)),
        Kind::Scalar(_) | Kind::Enum(_) => quote!(view.iter().collect()),
        Kind::Struct { target, nullable: false } if !model.is_inhabited(target) => {
            // No buffer holds an element: the array is empty.
            quote!(view.iter().filter_map(|_| None).collect())
        }
        _ => {
            let expr = unpack(object, kind, quote!(item), calls);
            quote!(view.iter().map(|item| #expr).collect())
        }
    };
    let body = if model.is_array_newtype(index) {
        let owned = &model.ty(index).owned;
        quote!(#owned(#body))
    } else {
        body
    };
    quote! {
        fn #method(&mut self, view: #view<'_>) -> #rc {
            #body
        }
    }
}

/// The memoized `Rc` of an object.
fn shared(object: &ObjectModel, index: TypeIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let view = &model.ty(index).view;
    let methods = object.methods(index);
    let (name, fields) = (&methods.shared, &methods.fields);
    let memo = memo_field(object, index);
    let rc = types::owned_rc(model, index);
    calls.push(Helper::Fields(index));
    let (key, make) = match model.schema.ty(index).composite {
        CompositeType::Struct(_) => (quote!(view.0.bytes().as_ptr()), quote!(Rc::new(self.#fields(view)))),
        CompositeType::Array(_) => (quote!(view.0.array().bytes().as_ptr()), quote!(self.#fields(view))),
    };
    quote! {
        fn #name(&mut self, view: #view<'_>) -> #rc {
            let key = #key as usize;
            if let Some(done) = self.#memo.get(&key) {
                return done.clone();
            }
            let value = #make;
            self.#memo.insert(key, value.clone());
            value
        }
    }
}

/// By the object's actual type.
fn kind(object: &ObjectModel, index: TypeIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let names = model.ty(index);
    let (view, kind_view, kind_owned) = (&names.view, &names.kind, &names.kind_owned);
    let method = &object.methods(index).kind;
    let own = &object.methods(index).shared;
    let kind_method = &names.kind_method;
    calls.push(Helper::Shared(index));
    let arms = object.kind_variants(index).into_iter().map(|sub| {
        calls.push(Helper::Shared(sub));
        let variant = &model.ty(sub).view;
        let shared = &object.methods(sub).shared;
        quote!(#kind_view::#variant(view) => #kind_owned::#variant(self.#shared(view)),)
    });
    quote! {
        fn #method(&mut self, view: #view<'_>) -> #kind_owned {
            match view.#kind_method() {
                #(#arms)*
                _ => #kind_owned::#view(self.#own(view)),
            }
        }
    }
}

fn any(object: &ObjectModel, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let [i31, string, bytes] = &object.any_builtins;
    calls.extend([Helper::String, Helper::Bytes]);
    let arms = object.any_variants.iter().map(|(index, variant)| {
        calls.push(Helper::Shared(*index));
        let view = &model.ty(*index).view;
        let shared = &object.methods(*index).shared;
        quote! {
            #view::TYPE_ID => <#view as wxl_runtime::FromObject>::from_object(object).map(|view| AnyT::#variant(self.#shared(view))),
        }
    });
    quote! {
        fn any(&mut self, value: wxl_runtime::AnyRef<'_>) -> Option<AnyT> {
            let object = match value {
                wxl_runtime::AnyRef::Null => return None,
                wxl_runtime::AnyRef::I31(_) => return value.i31_signed().map(AnyT::#i31),
                wxl_runtime::AnyRef::Object(object) => object,
            };
            match object.type_id() {
                wxl_runtime::schema::TYPE_ID_STRING => object.as_str().map(|text| AnyT::#string(self.string(text))),
                wxl_runtime::schema::TYPE_ID_BYTES => object.as_bytes().map(|data| AnyT::#bytes(self.bytes(data))),
                #(#arms)*
                _ => None,
            }
        }
    }
}

/// The owned value of what a getter returned (`value`).
fn unpack(object: &ObjectModel, kind: Kind, value: TokenStream, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let call = |calls: &mut Vec<Helper>, helper: Helper, method: TokenStream, nullable: bool| {
        calls.push(helper);
        if nullable {
            quote!(#value.map(|item| self.#method(item)))
        } else {
            quote!(self.#method(#value))
        }
    };
    match kind {
        Kind::Scalar(_) | Kind::Enum(_) => value,
        Kind::Value(index) => {
            let method = &object.values[index.0 as usize];
            call(calls, Helper::Value(index), quote!(#method), false)
        }
        Kind::String { nullable } => call(calls, Helper::String, quote!(string), nullable),
        Kind::Bytes { nullable } => call(calls, Helper::Bytes, quote!(bytes), nullable),
        Kind::Struct { target, .. } if !model.is_inhabited(target) => quote!(None),
        Kind::Struct { target, nullable } | Kind::Array { target, nullable } => {
            let methods = object.methods(target);
            if model.has_subtypes(target) {
                let method = &methods.kind;
                call(calls, Helper::Kind(target), quote!(#method), nullable)
            } else {
                let method = &methods.shared;
                call(calls, Helper::Shared(target), quote!(#method), nullable)
            }
        }
        Kind::Abstract { heap: AbstractHeap::I31, nullable: true } => quote!(#value.i31_signed()),
        Kind::Abstract { heap: AbstractHeap::I31, nullable: false } => quote!(#value.i31_signed().unwrap_or_default()),
        Kind::Abstract { heap: AbstractHeap::None, .. } => quote!(None),
        Kind::Abstract { nullable, .. } => {
            calls.push(Helper::Any);
            let i31 = &object.any_builtins[0];
            if nullable {
                quote!(self.any(#value))
            } else {
                // Only a hand-made view lacks the object: a verified buffer has it.
                quote!(self.any(#value).unwrap_or(AnyT::#i31(0)))
            }
        }
    }
}
