//! `Packer`: owned values into a builder through the generated `Args`, children first.
//!
//! What one `Rc` holds is written once: `written` maps the `Rc`'s address and the type id it
//! was written as to the object's offset.

use proc_macro2::TokenStream;
use quote::quote;
use wxl_ir::{AbstractHeap, CompositeType, TypeIndex, ValueIndex};

use super::{entries, reachable, Helper, ObjectModel};
use crate::fields::Kind;
use crate::types;

pub(crate) fn items(object: &ObjectModel) -> TokenStream {
    let methods = reachable(entries(object), |helper, calls| method(object, helper, calls));
    if methods.is_empty() {
        return TokenStream::new();
    }
    let memo = methods.keys().any(|h| matches!(h, Helper::String | Helper::Bytes | Helper::Shared(_)));
    let shared = memo.then(shared_method);
    let field = memo.then(|| quote!(written: HashMap<(usize, u16), u32>,));
    let bodies = methods.values();
    quote! {
        /// Packs owned values, writing what each `Rc` holds once.
        #[derive(Default)]
        struct Packer {
            #field
        }

        impl Packer {
            #shared
            #(#bodies)*
        }
    }
}

fn shared_method() -> TokenStream {
    quote! {
        /// The object for `value`: written by `write`, unless this `Rc` was written as this type
        /// before.
        fn shared<T: ?Sized, U: ?Sized>(
            &mut self,
            value: &Rc<T>,
            type_id: u16,
            builder: &mut wxl_runtime::Builder,
            write: impl FnOnce(&mut Packer, &mut wxl_runtime::Builder) -> wxl_runtime::Ref<U>,
        ) -> wxl_runtime::Ref<U> {
            let key = (Rc::as_ptr(value).cast::<()>() as usize, type_id);
            if let Some(&offset) = self.written.get(&key) {
                return wxl_runtime::Ref::from_offset(offset);
            }
            let made = write(self, builder);
            self.written.insert(key, made.offset());
            made
        }
    }
}

fn method(object: &ObjectModel, helper: Helper, calls: &mut Vec<Helper>) -> TokenStream {
    match helper {
        Helper::String => quote! {
            fn string(&mut self, builder: &mut wxl_runtime::Builder, text: &Rc<str>) -> wxl_runtime::Ref<str> {
                self.shared(text, wxl_runtime::schema::TYPE_ID_STRING, builder, |_, builder| builder.string(text))
            }
        },
        Helper::Bytes => quote! {
            fn bytes(&mut self, builder: &mut wxl_runtime::Builder, data: &Rc<[u8]>) -> wxl_runtime::Ref<[u8]> {
                self.shared(data, wxl_runtime::schema::TYPE_ID_BYTES, builder, |_, builder| builder.bytes(data))
            }
        },
        Helper::Any => any(object, calls),
        Helper::ObjectRef => object_ref(calls),
        Helper::Value(index) => value_args(object, index, calls),
        Helper::Fields(index) => match object.model.schema.ty(index).composite {
            CompositeType::Struct(_) => struct_fields(object, index, calls),
            CompositeType::Array(_) => array_elements(object, index, calls),
        },
        Helper::Shared(index) => shared(object, index, calls),
        Helper::Kind(index) => kind(object, index, calls),
    }
}

/// How an owned value is named where it is packed: `value.name` (a field) or `item` (an element
/// reference).
struct Place {
    /// An expression of the owned type, or of a reference to it, for method calls.
    value: TokenStream,
    /// A reference to it.
    reference: TokenStream,
    /// A copy of it (for `Copy` types).
    copied: TokenStream,
}

fn field_place(name: &proc_macro2::Ident) -> Place {
    Place { value: quote!(value.#name), reference: quote!(&value.#name), copied: quote!(value.#name) }
}

fn value_args(object: &ObjectModel, index: ValueIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let value = model.schema.value_struct(index);
    let names = model.value(index);
    let (args, owned) = (&names.args, &names.owned);
    let method = &object.values[index.0 as usize];
    let before = calls.len();
    let inits: Vec<TokenStream> = value
        .fields
        .iter()
        .zip(&names.fields)
        .map(|(f, n)| {
            let name = &n.getter;
            let expr = pack(object, Kind::of(model.schema, f.ty.storage), &field_place(name), calls);
            quote!(#name: #expr,)
        })
        .collect();
    // Plain values need no builder (no reference inside).
    let builder = if calls.len() > before { quote!(builder) } else { quote!(_builder) };
    let param = if value.fields.is_empty() { quote!(_value) } else { quote!(value) };
    quote! {
        fn #method(&mut self, #builder: &mut wxl_runtime::Builder, #param: &#owned) -> #args {
            #args { #(#inits)* }
        }
    }
}

fn struct_fields(object: &ObjectModel, index: TypeIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let CompositeType::Struct(st) = &model.schema.ty(index).composite else { return TokenStream::new() };
    let names = model.ty(index);
    let (view, args, owned) = (&names.view, &names.args, &names.owned);
    let method = &object.methods(index).fields;
    let inits = st.fields.iter().zip(&names.fields).map(|(f, n)| {
        let name = &n.getter;
        let expr = pack(object, Kind::of(model.schema, f.ty.storage), &field_place(name), calls);
        quote!(#name: #expr,)
    });
    let param = if st.fields.is_empty() { quote!(_value) } else { quote!(value) };
    quote! {
        fn #method(&mut self, builder: &mut wxl_runtime::Builder, #param: &#owned) -> wxl_runtime::Ref<#view<'static>> {
            #args { #(#inits)* }.build(builder)
        }
    }
}

fn array_elements(object: &ObjectModel, index: TypeIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let Some(storage) = crate::fields::element(model.schema, index) else { return TokenStream::new() };
    let kind = Kind::of(model.schema, storage);
    let view = &model.ty(index).view;
    let method = &object.methods(index).fields;
    let element = types::owned(model, kind);
    let body = match kind {
        // The owned elements are the builder's: no conversion.
        Kind::Scalar(_) | Kind::Enum(_) | Kind::Abstract { heap: AbstractHeap::I31, .. } => {
            quote!(#view::build(builder, value))
        }
        Kind::Struct { target, nullable: false } if !model.is_inhabited(target) => {
            // No buffer holds an element: the array is empty.
            quote!(#view::build(builder, &value.iter().filter_map(|_| None).collect::<Vec<_>>()))
        }
        _ => {
            let place = Place { value: quote!(item), reference: quote!(item), copied: quote!(*item) };
            let expr = pack(object, kind, &place, calls);
            quote! {
                let items: Vec<_> = value.iter().map(|item| #expr).collect();
                #view::build(builder, &items)
            }
        }
    };
    quote! {
        fn #method(&mut self, builder: &mut wxl_runtime::Builder, value: &[#element]) -> wxl_runtime::Ref<#view<'static>> {
            #body
        }
    }
}

fn shared(object: &ObjectModel, index: TypeIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let view = &model.ty(index).view;
    let methods = object.methods(index);
    let (name, fields) = (&methods.shared, &methods.fields);
    let rc = types::owned_rc(model, index);
    calls.push(Helper::Fields(index));
    let inner = if model.is_array_newtype(index) { quote!(&value.0) } else { quote!(value) };
    quote! {
        fn #name(&mut self, builder: &mut wxl_runtime::Builder, value: &#rc) -> wxl_runtime::Ref<#view<'static>> {
            self.shared(#inner, #view::TYPE_ID, builder, |packer, builder| packer.#fields(builder, #inner))
        }
    }
}

fn kind(object: &ObjectModel, index: TypeIndex, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let names = model.ty(index);
    let (view, kind_owned) = (&names.view, &names.kind_owned);
    let method = &object.methods(index).kind;
    let own = &object.methods(index).shared;
    calls.push(Helper::Shared(index));
    let arms = object.kind_variants(index).into_iter().map(|sub| {
        calls.push(Helper::Shared(sub));
        let variant = &model.ty(sub).view;
        let shared = &object.methods(sub).shared;
        quote!(#kind_owned::#variant(value) => self.#shared(builder, value).upcast(),)
    });
    quote! {
        fn #method(&mut self, builder: &mut wxl_runtime::Builder, value: &#kind_owned) -> wxl_runtime::Ref<#view<'static>> {
            match value {
                #kind_owned::#view(value) => self.#own(builder, value),
                #(#arms)*
            }
        }
    }
}

fn any(object: &ObjectModel, calls: &mut Vec<Helper>) -> TokenStream {
    let [i31, string, bytes] = &object.any_builtins;
    calls.extend([Helper::String, Helper::Bytes]);
    let arms = object.any_variants.iter().map(|(index, variant)| {
        calls.push(Helper::Shared(*index));
        let shared = &object.methods(*index).shared;
        quote!(AnyT::#variant(value) => self.#shared(builder, value).into(),)
    });
    quote! {
        fn any(&mut self, builder: &mut wxl_runtime::Builder, value: &AnyT) -> wxl_runtime::AnyArg {
            match value {
                AnyT::#i31(value) => wxl_runtime::AnyArg::I31(*value),
                AnyT::#string(text) => self.string(builder, text).into(),
                AnyT::#bytes(data) => self.bytes(builder, data).into(),
                #(#arms)*
            }
        }
    }
}

fn object_ref(calls: &mut Vec<Helper>) -> TokenStream {
    calls.push(Helper::Any);
    let note = crate::emit::comment(
        "An i31 value cannot stand in a `structref` or `arrayref` slot: it is written as null.",
    );
    quote! {
        /// The object of a `structref` or `arrayref` value.
        fn object_ref(&mut self, builder: &mut wxl_runtime::Builder, value: &AnyT) -> wxl_runtime::Ref {
            match self.any(builder, value) {
                wxl_runtime::AnyArg::Object(object) => object,
                wxl_runtime::AnyArg::I31(_) => {
                    #note
                    wxl_runtime::Ref::from_offset(0)
                }
            }
        }
    }
}

/// The `Args` value of an owned value.
fn pack(object: &ObjectModel, kind: Kind, place: &Place, calls: &mut Vec<Helper>) -> TokenStream {
    let model = object.model;
    let Place { value, reference, copied } = place;
    let call = |calls: &mut Vec<Helper>, helper: Helper, method: TokenStream, nullable: bool| {
        calls.push(helper);
        if nullable {
            quote!(#value.as_ref().map(|item| self.#method(builder, item)))
        } else {
            quote!(self.#method(builder, #reference))
        }
    };
    match kind {
        Kind::Scalar(_) | Kind::Enum(_) | Kind::Abstract { heap: AbstractHeap::I31, .. } => copied.clone(),
        Kind::Value(index) => {
            let method = &object.values[index.0 as usize];
            call(calls, Helper::Value(index), quote!(#method), false)
        }
        Kind::String { nullable } => call(calls, Helper::String, quote!(string), nullable),
        Kind::Bytes { nullable } => call(calls, Helper::Bytes, quote!(bytes), nullable),
        Kind::Struct { target, .. } if !model.is_inhabited(target) => quote!(None),
        Kind::Struct { target, nullable } | Kind::Array { target, nullable } => {
            let methods = object.methods(target);
            let (helper, method) = if model.has_subtypes(target) {
                (Helper::Kind(target), &methods.kind)
            } else {
                (Helper::Shared(target), &methods.shared)
            };
            call(calls, helper, quote!(#method), nullable)
        }
        Kind::Abstract { heap: AbstractHeap::None, .. } => quote!(None),
        Kind::Abstract { heap: AbstractHeap::Any | AbstractHeap::Eq, nullable } => call(calls, Helper::Any, quote!(any), nullable),
        Kind::Abstract { nullable, .. } => {
            calls.push(Helper::ObjectRef);
            if nullable {
                quote!(#value.as_ref().map(|item| self.object_ref(builder, item).cast()))
            } else {
                quote!(self.object_ref(builder, #reference).cast())
            }
        }
    }
}
