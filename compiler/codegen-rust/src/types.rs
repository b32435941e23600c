//! The Rust type of a field or element in each of the three APIs: views (reading), `Args`
//! (building) and owned structs (the object API).

use proc_macro2::TokenStream;
use quote::quote;
use wxl_ir::{AbstractHeap, Scalar};

use crate::fields::Kind;
use crate::model::Model;

pub(crate) fn scalar(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::Bool => quote!(bool),
        Scalar::I8 => quote!(i8),
        Scalar::U8 => quote!(u8),
        Scalar::I16 => quote!(i16),
        Scalar::U16 => quote!(u16),
        Scalar::I32 => quote!(i32),
        Scalar::U32 => quote!(u32),
        Scalar::I64 => quote!(i64),
        Scalar::U64 => quote!(u64),
        Scalar::F32 => quote!(f32),
        Scalar::F64 => quote!(f64),
        // Lane 0 is the lowest byte (the first in the buffer).
        Scalar::V128 => quote!(u128),
    }
}

/// `Option<T>` when the reference is nullable.
fn optional(nullable: bool, ty: TokenStream) -> TokenStream {
    if nullable {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// What a getter returns.
pub(crate) fn view(model: &Model, kind: Kind) -> TokenStream {
    match kind {
        Kind::Scalar(s) => scalar(s),
        Kind::Enum(index) => {
            let name = &model.enum_names(index).name;
            quote!(#name)
        }
        Kind::Value(index) => {
            let name = &model.value(index).view;
            quote!(#name<'a>)
        }
        Kind::String { nullable } => optional(nullable, quote!(&'a str)),
        Kind::Bytes { nullable } => optional(nullable, quote!(&'a [u8])),
        Kind::Struct { target, nullable } | Kind::Array { target, nullable } => {
            let name = &model.ty(target).view;
            optional(nullable, quote!(#name<'a>))
        }
        Kind::Abstract { .. } => quote!(wxl_runtime::AnyRef<'a>),
    }
}

/// The marker type of a `Ref` to a schema type: its view at `'static`.
pub(crate) fn ref_marker(model: &Model, target: wxl_ir::TypeIndex) -> TokenStream {
    let name = &model.ty(target).view;
    quote!(#name<'static>)
}

/// What an `Args` field holds.
pub(crate) fn args(model: &Model, kind: Kind) -> TokenStream {
    match kind {
        Kind::Scalar(_) | Kind::Enum(_) => view(model, kind),
        Kind::Value(index) => {
            let name = &model.value(index).args;
            quote!(#name)
        }
        Kind::String { nullable } => optional(nullable, quote!(wxl_runtime::Ref<str>)),
        Kind::Bytes { nullable } => optional(nullable, quote!(wxl_runtime::Ref<[u8]>)),
        Kind::Struct { target, nullable } | Kind::Array { target, nullable } => {
            let marker = ref_marker(model, target);
            optional(nullable, quote!(wxl_runtime::Ref<#marker>))
        }
        Kind::Abstract { heap, nullable } => optional(nullable, abstract_args(heap)),
    }
}

fn abstract_args(heap: AbstractHeap) -> TokenStream {
    match heap {
        AbstractHeap::Any | AbstractHeap::Eq => quote!(wxl_runtime::AnyArg),
        AbstractHeap::I31 => quote!(i32),
        AbstractHeap::Struct => quote!(wxl_runtime::Ref<wxl_runtime::AnyStruct>),
        AbstractHeap::Array => quote!(wxl_runtime::Ref<wxl_runtime::AnyArray>),
        // Only null fits: `Option<Infallible>` can only be `None`, and a non-null `ref none`
        // cannot be given at all, which is right: no buffer can hold one.
        AbstractHeap::None => quote!(core::convert::Infallible),
    }
}

/// What an owned (object API) field holds.
pub(crate) fn owned(model: &Model, kind: Kind) -> TokenStream {
    match kind {
        Kind::Scalar(_) | Kind::Enum(_) => view(model, kind),
        Kind::Value(index) => {
            let name = &model.value(index).owned;
            quote!(#name)
        }
        Kind::String { nullable } => optional(nullable, quote!(Rc<str>)),
        Kind::Bytes { nullable } => optional(nullable, quote!(Rc<[u8]>)),
        Kind::Struct { target, nullable } | Kind::Array { target, nullable } => {
            optional(nullable, owned_target(model, target))
        }
        Kind::Abstract { heap, nullable } => optional(nullable, abstract_owned(heap)),
    }
}

/// The owned form of a non-null reference to `target`: the enum over its concrete subtypes
/// when it has some, else a shared pointer to its owned form. A type no buffer can hold has no
/// owned form: `Infallible` stands for it (so `Option<Infallible>`, always `None`, for a
/// nullable reference).
pub(crate) fn owned_target(model: &Model, target: wxl_ir::TypeIndex) -> TokenStream {
    let names = model.ty(target);
    if !model.is_inhabited(target) {
        quote!(core::convert::Infallible)
    } else if model.has_subtypes(target) {
        let kind = &names.kind_owned;
        quote!(#kind)
    } else {
        owned_rc(model, target)
    }
}

/// `Rc<LogT>` for a struct, `Rc<[Element]>` for an array (`TreeT`, wrapping one, for an array
/// in a cycle of arrays).
pub(crate) fn owned_rc(model: &Model, target: wxl_ir::TypeIndex) -> TokenStream {
    if model.is_array_newtype(target) {
        let owned = &model.ty(target).owned;
        return quote!(#owned);
    }
    match crate::fields::element(model.schema, target) {
        Some(element) => {
            let element = owned(model, Kind::of(model.schema, element));
            quote!(Rc<[#element]>)
        }
        None => {
            let owned = &model.ty(target).owned;
            quote!(Rc<#owned>)
        }
    }
}

fn abstract_owned(heap: AbstractHeap) -> TokenStream {
    match heap {
        AbstractHeap::I31 => quote!(i32),
        AbstractHeap::None => quote!(core::convert::Infallible),
        AbstractHeap::Any | AbstractHeap::Eq | AbstractHeap::Struct | AbstractHeap::Array => quote!(AnyT),
    }
}
