//! Literals: integers of any sign, floats (exact, and away from clippy's `approx_constant`), and
//! the default a field reads as when it is absent.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use wxl_ir::{EnumType, Field, Scalar, StorageType, Value};

use crate::model::Model;

/// An unsuffixed integer literal; the context gives its type.
pub(crate) fn int(value: i128) -> TokenStream {
    let magnitude = Literal::u128_unsuffixed(value.unsigned_abs());
    if value < 0 {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}

/// An unsuffixed `usize`/`u32` literal.
pub(crate) fn index(value: u32) -> TokenStream {
    let literal = Literal::u32_unsuffixed(value);
    quote!(#literal)
}

/// Constants clippy's `approx_constant` knows; a default close to one is written as bits.
const KNOWN_CONSTANTS: &[f64] = &[
    std::f64::consts::E,
    std::f64::consts::FRAC_1_PI,
    std::f64::consts::FRAC_1_SQRT_2,
    std::f64::consts::FRAC_2_PI,
    std::f64::consts::FRAC_2_SQRT_PI,
    std::f64::consts::FRAC_PI_2,
    std::f64::consts::FRAC_PI_3,
    std::f64::consts::FRAC_PI_4,
    std::f64::consts::FRAC_PI_6,
    std::f64::consts::FRAC_PI_8,
    std::f64::consts::LN_10,
    std::f64::consts::LN_2,
    std::f64::consts::LOG10_E,
    std::f64::consts::LOG2_E,
    std::f64::consts::LOG2_10,
    std::f64::consts::LOG10_2,
    std::f64::consts::PI,
    std::f64::consts::SQRT_2,
    std::f64::consts::TAU,
];

fn near_known_constant(value: f64) -> bool {
    KNOWN_CONSTANTS.iter().any(|c| (value.abs() - c).abs() < 1e-2)
}

/// A float of type `f32` (`single`) or `f64`, exactly.
pub(crate) fn float(value: f64, single: bool) -> TokenStream {
    let ty = if single { quote!(f32) } else { quote!(f64) };
    if value.is_nan() {
        return quote!(#ty::NAN);
    }
    if value.is_infinite() {
        return if value > 0.0 { quote!(#ty::INFINITY) } else { quote!(#ty::NEG_INFINITY) };
    }
    if near_known_constant(value) {
        let bits = if single { Literal::u32_suffixed((value as f32).to_bits()) } else { Literal::u64_suffixed(value.to_bits()) };
        return quote!(#ty::from_bits(#bits));
    }
    let magnitude = if single { Literal::f32_unsuffixed((value as f32).abs()) } else { Literal::f64_unsuffixed(value.abs()) };
    if value.is_sign_negative() {
        quote!(-#magnitude)
    } else {
        quote!(#magnitude)
    }
}

/// The value of a scalar given as a schema `Value`.
pub(crate) fn scalar(scalar: Scalar, value: Value) -> TokenStream {
    match (scalar, value) {
        (Scalar::Bool, Value::Bool(b)) => quote!(#b),
        (Scalar::Bool, Value::Int(i)) => {
            let b = i != 0;
            quote!(#b)
        }
        (Scalar::F32 | Scalar::F64, Value::Float(f)) => float(f, scalar == Scalar::F32),
        (Scalar::F32 | Scalar::F64, Value::Int(i)) => float(i as f64, scalar == Scalar::F32),
        (_, Value::Int(i)) => int(i),
        (_, Value::Float(f)) => int(f as i128),
        (_, Value::Bool(b)) => int(i128::from(b)),
        (_, Value::Variant(v)) => int(i128::from(v)),
    }
}

/// The zero of a scalar: what an absent field without `= value` reads as.
pub(crate) fn scalar_zero(scalar: Scalar) -> TokenStream {
    match scalar {
        Scalar::Bool => quote!(false),
        Scalar::F32 | Scalar::F64 => quote!(0.0),
        _ => quote!(0),
    }
}

/// The default of a scalar field: its `= value`, else zero.
pub(crate) fn scalar_default(s: Scalar, field_default: Option<Value>) -> TokenStream {
    match field_default {
        Some(value) => scalar(s, value),
        None => scalar_zero(s),
    }
}

/// Whether a scalar field's default is the type's `Default` (so `#[derive(Default)]` fits).
pub(crate) fn scalar_default_is_zero(field_default: Option<Value>) -> bool {
    match field_default {
        None => true,
        Some(Value::Int(i)) => i == 0,
        Some(Value::Bool(b)) => !b,
        Some(Value::Float(f)) => f == 0.0 && f.is_sign_positive(),
        Some(Value::Variant(_)) => false,
    }
}

/// The index of the variant an enum field reads as when absent: its `= Variant`, else the
/// enum's zero value.
pub(crate) fn enum_default_variant(e: &EnumType, field_default: Option<Value>) -> usize {
    match field_default {
        Some(Value::Variant(v)) => v as usize,
        Some(Value::Int(i)) => e.variants.iter().position(|v| v.value == i).unwrap_or(0),
        _ => zero_variant(e),
    }
}

/// The variant holding `EnumType::zero_value` (0 if declared, else the first).
pub(crate) fn zero_variant(e: &EnumType) -> usize {
    let zero = e.zero_value();
    e.variants.iter().position(|v| v.value == zero).unwrap_or(0)
}

/// The default of a field as an expression of its `Args`/owned type, and whether it equals
/// that type's `Default` (then a derive fits). `None` for reference fields that need a value.
pub(crate) fn field_default(model: &Model, field: &Field) -> (TokenStream, bool) {
    match field.ty.storage {
        StorageType::Scalar(s) => (scalar_default(s, field.default), scalar_default_is_zero(field.default)),
        StorageType::Enum(index) => {
            let e = model.schema.enum_type(index);
            let chosen = enum_default_variant(e, field.default);
            let names = model.enum_names(index);
            let variant = &names.variants[chosen];
            let name = &names.name;
            (quote!(#name::#variant), chosen == zero_variant(e))
        }
        StorageType::Value(_) | StorageType::Ref(_) => (quote!(Default::default()), true),
    }
}
