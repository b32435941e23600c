//! Scalars and enums between their stored bytes and JSON (the mapping of docs/JSON.md):
//! integers as numbers, or as strings beyond ±(2^53 - 1) where JavaScript loses precision;
//! floats as numbers or "NaN"/"Infinity"/"-Infinity"; v128 as 32 hex digits; enums by name.

use wxl_ir::{EnumType, Scalar, Schema, StorageType};

use crate::json::{Kind, Value};

/// The largest integer every JSON reader holds exactly (JavaScript's `Number.MAX_SAFE_INTEGER`).
const SAFE: i128 = (1 << 53) - 1;

/// A stored integer of `size` bytes, sign-extended when `signed`.
pub(crate) fn read_int(bytes: &[u8], signed: bool) -> i128 {
    let mut raw = [0u8; 16];
    raw[..bytes.len()].copy_from_slice(bytes);
    let v = u128::from_le_bytes(raw);
    let bits = bytes.len() as u32 * 8;
    if signed && bits > 0 && bits < 128 && v >> (bits - 1) & 1 == 1 {
        (v | (u128::MAX << bits)) as i128
    } else {
        v as i128
    }
}

fn write_int(value: i128, out: &mut [u8]) {
    let n = out.len();
    out.copy_from_slice(&value.to_le_bytes()[..n]);
}

pub(crate) fn int_json(value: i128) -> Value {
    if (-SAFE..=SAFE).contains(&value) {
        Value::number(value.to_string())
    } else {
        Value::string(value.to_string())
    }
}

pub(crate) fn f64_json(value: f64) -> Value {
    match value {
        v if v.is_nan() => Value::string("NaN"),
        f64::INFINITY => Value::string("Infinity"),
        f64::NEG_INFINITY => Value::string("-Infinity"),
        // Debug is Rust's shortest round-trip form, always with a '.' or an exponent.
        v => Value::number(format!("{v:?}")),
    }
}

fn f32_json(value: f32) -> Value {
    if value.is_finite() {
        Value::number(format!("{value:?}"))
    } else {
        f64_json(f64::from(value))
    }
}

/// The JSON of a stored scalar (`bytes` is exactly its size).
pub(crate) fn scalar_json(scalar: Scalar, bytes: &[u8]) -> Value {
    match scalar {
        Scalar::Bool => match bytes[0] {
            0 => Value::new(Kind::Bool(false)),
            1 => Value::new(Kind::Bool(true)),
            // Only the dump sees unverified bytes; the verifier rejects these.
            other => Value::number(other.to_string()),
        },
        Scalar::F32 => f32_json(f32::from_le_bytes(bytes.try_into().unwrap_or_default())),
        Scalar::F64 => f64_json(f64::from_le_bytes(bytes.try_into().unwrap_or_default())),
        Scalar::V128 => Value::string(bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()),
        _ => int_json(read_int(bytes, scalar.is_signed())),
    }
}

/// The JSON of a stored enum value: the first variant with that value, else the number.
pub(crate) fn enum_json(enum_type: &EnumType, bytes: &[u8]) -> Value {
    let value = read_int(bytes, enum_type.repr.is_signed());
    match enum_type.variants.iter().find(|v| v.value == value) {
        Some(variant) => Value::string(variant.name.clone()),
        None => int_json(value),
    }
}

/// An integer written as a JSON number or string: `Ok(None)` when the text is not an integer.
fn integer_text(value: &Value) -> Option<&str> {
    let text = match &value.kind {
        Kind::Number(text) | Kind::String(text) => text.as_str(),
        _ => return None,
    };
    let digits = text.strip_prefix('-').unwrap_or(text);
    let canonical = digits == "0" || (!digits.starts_with('0') && !digits.is_empty());
    (canonical && digits.bytes().all(|b| b.is_ascii_digit())).then_some(text)
}

fn integer(value: &Value, scalar: Scalar, what: &str) -> Result<i128, String> {
    let Some(text) = integer_text(value) else {
        return Err(format!("expected an integer ({what}), found {}", describe(value)));
    };
    let (min, max) = scalar.integer_range().unwrap_or((0, 0));
    match text.parse::<i128>() {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(format!("{text} is out of range for {what} ({min} to {max})")),
    }
}

/// `value` for messages: the kind, with the text of numbers and short strings.
pub(crate) fn describe(value: &Value) -> String {
    match &value.kind {
        Kind::Number(text) => format!("the number {text}"),
        Kind::String(text) if text.chars().count() <= 32 => format!("the string {text:?}"),
        _ => value.kind_name().to_string(),
    }
}

fn float(value: &Value, scalar: Scalar) -> Result<f64, String> {
    let name = scalar.name();
    let parsed = match &value.kind {
        Kind::Number(text) if scalar == Scalar::F32 => text.parse::<f32>().map(f64::from).ok(),
        Kind::Number(text) => text.parse::<f64>().ok(),
        Kind::String(text) => match text.as_str() {
            "NaN" => return Ok(f64::NAN),
            "Infinity" => return Ok(f64::INFINITY),
            "-Infinity" => return Ok(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    };
    match parsed {
        Some(v) if v.is_finite() => Ok(v),
        Some(_) => Err(format!("{} is out of range for {name}", describe(value))),
        None => Err(format!(
            "expected a number ({name}) or \"NaN\", \"Infinity\", \"-Infinity\", found {}",
            describe(value)
        )),
    }
}

/// Writes the scalar `value` into `out` (exactly its size); the message says what is wrong.
pub(crate) fn write_scalar(value: &Value, scalar: Scalar, out: &mut [u8]) -> Result<(), String> {
    match scalar {
        Scalar::Bool => match value.kind {
            Kind::Bool(b) => out[0] = u8::from(b),
            _ => return Err(format!("expected true or false (bool), found {}", describe(value))),
        },
        Scalar::F32 => out.copy_from_slice(&(float(value, scalar)? as f32).to_le_bytes()),
        Scalar::F64 => out.copy_from_slice(&float(value, scalar)?.to_le_bytes()),
        Scalar::V128 => out.copy_from_slice(&v128(value)?),
        _ => write_int(integer(value, scalar, scalar.name())?, out),
    }
    Ok(())
}

fn v128(value: &Value) -> Result<[u8; 16], String> {
    let error = || format!("expected 32 hex digits (v128, byte 0 first), found {}", describe(value));
    let Kind::String(text) = &value.kind else { return Err(error()) };
    if text.len() != 32 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(error());
    }
    let mut out = [0u8; 16];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| error())?;
    }
    Ok(out)
}

/// Writes an enum given by variant name, or (open enums only) by number.
pub(crate) fn write_enum(value: &Value, enum_type: &EnumType, out: &mut [u8]) -> Result<(), String> {
    let names = || enum_type.variants.iter().map(|v| v.name.as_str()).collect::<Vec<_>>().join(", ");
    if let Kind::String(name) = &value.kind {
        if let Some(variant) = enum_type.variants.iter().find(|v| &v.name == name) {
            write_int(variant.value, out);
            return Ok(());
        }
        if !enum_type.open || integer_text(value).is_none() {
            return Err(format!("unknown variant {name:?} of {} (expected one of {})", enum_type.name, names()));
        }
    }
    if !enum_type.open {
        return Err(format!("expected a variant name of {} ({}), found {}", enum_type.name, names(), describe(value)));
    }
    let what = format!("the {} enum {}", enum_type.repr.name(), enum_type.name);
    write_int(integer(value, enum_type.repr, &what)?, out);
    Ok(())
}

/// Writes the value an absent field reads as (LAYOUT.md §4.2): the schema's `= value`, else
/// zero, false, the enum's zero value, null; value structs field by field.
pub(crate) fn write_default(schema: &Schema, storage: StorageType, default: Option<wxl_ir::Value>, out: &mut [u8]) {
    use wxl_ir::Value as Default;
    let float = || match default {
        Some(Default::Float(v)) => v,
        Some(Default::Int(v)) => v as f64,
        _ => 0.0,
    };
    match storage {
        StorageType::Value(index) => {
            for field in &schema.value_struct(index).fields {
                let (size, _) = wxl_ir::layout::storage_size_align(schema, field.ty.storage);
                let at = field.offset as usize;
                write_default(schema, field.ty.storage, field.default, &mut out[at..at + size as usize]);
            }
        }
        StorageType::Enum(index) => {
            let enum_type = schema.enum_type(index);
            let value = match default {
                Some(Default::Variant(v)) => enum_type.variants.get(v as usize).map_or(0, |v| v.value),
                Some(Default::Int(v)) => v,
                _ => enum_type.zero_value(),
            };
            write_int(value, out);
        }
        StorageType::Scalar(Scalar::F32) => out.copy_from_slice(&(float() as f32).to_le_bytes()),
        StorageType::Scalar(Scalar::F64) => out.copy_from_slice(&float().to_le_bytes()),
        StorageType::Scalar(Scalar::Bool) => out[0] = u8::from(matches!(default, Some(Default::Bool(true)))),
        StorageType::Scalar(_) => match default {
            Some(Default::Int(v)) => write_int(v, out),
            _ => out.fill(0),
        },
        StorageType::Ref(_) => out.fill(0),
    }
}
