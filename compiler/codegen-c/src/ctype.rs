//! How schema types and values are spelled in C: types, runtime function suffixes, literals,
//! defaults and comments.

use wxl_ir::{AbstractHeap, HeapType, RefType, Scalar, Schema, StorageType, Value};

use crate::names::Names;

/// What every generator needs: the schema and its names.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub schema: &'a Schema,
    pub names: &'a Names,
}

/// The C type of a scalar.
pub fn scalar_type(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Bool => "bool",
        Scalar::I8 => "int8_t",
        Scalar::U8 => "uint8_t",
        Scalar::I16 => "int16_t",
        Scalar::U16 => "uint16_t",
        Scalar::I32 => "int32_t",
        Scalar::U32 => "uint32_t",
        Scalar::I64 => "int64_t",
        Scalar::U64 => "uint64_t",
        Scalar::F32 => "float",
        Scalar::F64 => "double",
        Scalar::V128 => "wxl_v128",
    }
}

/// The runtime's name for a scalar: `wxl_get_u16`, `wxl_builder_set_f32`, `wxl_load_i8`.
pub fn scalar_suffix(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Bool => "bool",
        Scalar::I8 => "i8",
        Scalar::U8 => "u8",
        Scalar::I16 => "i16",
        Scalar::U16 => "u16",
        Scalar::I32 => "i32",
        Scalar::U32 => "u32",
        Scalar::I64 => "i64",
        Scalar::U64 => "u64",
        Scalar::F32 => "f32",
        Scalar::F64 => "f64",
        Scalar::V128 => "v128",
    }
}

/// How a reference is read and written in C.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    /// A schema type: a typed view to read, a typed `_ref` to build.
    Typed,
    /// `wxl_str` / `wxl_string_ref`.
    String,
    /// `wxl_bytes` / `wxl_bytes_ref`.
    Bytes,
    /// `structref`, `arrayref`: a `wxl_view` (never an i31), a raw `uint32_t` to build.
    View,
    /// `anyref`, `eqref`, `i31ref`, `nullref`: the raw `uint32_t` (object, i31 or 0).
    Raw,
}

pub fn ref_kind(reference: RefType) -> RefKind {
    match reference.heap {
        HeapType::Concrete(_) => RefKind::Typed,
        HeapType::String => RefKind::String,
        HeapType::Bytes => RefKind::Bytes,
        HeapType::Abstract(AbstractHeap::Struct | AbstractHeap::Array) => RefKind::View,
        HeapType::Abstract(_) => RefKind::Raw,
    }
}

impl Ctx<'_> {
    /// The C type that holds a stored value inside a C struct: value-struct members, the
    /// `_Layout` mirrors and array elements (references are their raw `uint32_t`).
    pub fn stored_type(&self, storage: StorageType) -> String {
        match storage {
            StorageType::Scalar(scalar) => scalar_type(scalar).into(),
            StorageType::Enum(index) => self.names.enum_type(index).into(),
            StorageType::Value(index) => self.names.value(index).into(),
            StorageType::Ref(_) => "uint32_t".into(),
        }
    }

    /// What a field or element getter returns.
    pub fn read_type(&self, storage: StorageType) -> String {
        match storage {
            StorageType::Ref(reference) => match (ref_kind(reference), reference.heap) {
                (RefKind::Typed, HeapType::Concrete(index)) => self.names.ty(index).into(),
                (RefKind::String, _) => "wxl_str".into(),
                (RefKind::Bytes, _) => "wxl_bytes".into(),
                (RefKind::View, _) => "wxl_view".into(),
                _ => "uint32_t".into(),
            },
            other => self.stored_type(other),
        }
    }

    /// What a builder takes for a field or element.
    pub fn build_type(&self, storage: StorageType) -> String {
        match storage {
            StorageType::Ref(reference) => match (ref_kind(reference), reference.heap) {
                (RefKind::Typed, HeapType::Concrete(index)) => {
                    format!("{}_ref", self.names.ty(index))
                }
                (RefKind::String, _) => "wxl_string_ref".into(),
                (RefKind::Bytes, _) => "wxl_bytes_ref".into(),
                _ => "uint32_t".into(),
            },
            other => self.stored_type(other),
        }
    }

    /// The value a builder stores for `value` of `build_type(storage)` when it is a reference.
    pub fn ref_raw(&self, reference: RefType, value: &str) -> String {
        match ref_kind(reference) {
            RefKind::View | RefKind::Raw => value.to_string(),
            _ => format!("{value}.off"),
        }
    }

    /// The default of a scalar or enum (`= value`, else 0, false, or the enum's zero value),
    /// as a C expression of the stored type.
    pub fn default_expr(&self, storage: StorageType, default: Option<Value>) -> String {
        match storage {
            StorageType::Scalar(scalar) => match default {
                Some(Value::Bool(b)) => b.to_string(),
                Some(Value::Int(i)) => int_literal(scalar, i),
                Some(Value::Float(f)) => float_literal(scalar, f),
                _ => match scalar {
                    Scalar::Bool => "false".into(),
                    Scalar::F32 => "0.0f".into(),
                    Scalar::F64 => "0.0".into(),
                    _ => "0".into(),
                },
            },
            StorageType::Enum(index) => {
                let enum_type = self.schema.enum_type(index);
                let value = match default {
                    Some(Value::Variant(v)) => enum_type.variants[v as usize].value,
                    _ => enum_type.zero_value(),
                };
                match enum_type.variants.iter().position(|v| v.value == value) {
                    Some(v) => self.names.variant(index, v).into(),
                    None => format!(
                        "(({}){})",
                        self.names.enum_type(index),
                        int_literal(enum_type.repr, value)
                    ),
                }
            }
            _ => "0".into(),
        }
    }

    /// Whether a field's default is stored as zero bytes (then builders need not write it).
    pub fn default_is_zero(&self, storage: StorageType, default: Option<Value>) -> bool {
        match storage {
            StorageType::Scalar(_) => match default {
                Some(Value::Bool(b)) => !b,
                Some(Value::Int(i)) => i == 0,
                Some(Value::Float(f)) => f.to_bits() == 0 && (f as f32).to_bits() == 0,
                _ => true,
            },
            StorageType::Enum(index) => {
                let enum_type = self.schema.enum_type(index);
                match default {
                    Some(Value::Variant(v)) => enum_type.variants[v as usize].value == 0,
                    _ => enum_type.zero_value() == 0,
                }
            }
            _ => true,
        }
    }
}

/// An integer literal of a scalar's type (only values in its range occur).
pub fn int_literal(scalar: Scalar, value: i128) -> String {
    match scalar {
        Scalar::I64 if value == i64::MIN as i128 => "(-INT64_C(9223372036854775807) - 1)".into(),
        Scalar::I64 => format!("INT64_C({value})"),
        Scalar::U64 => format!("UINT64_C({value})"),
        Scalar::I32 if value == i32::MIN as i128 => "(-2147483647 - 1)".into(),
        _ if value < 0 => format!("({value})"),
        Scalar::U8 | Scalar::U16 | Scalar::U32 => format!("{value}u"),
        _ => value.to_string(),
    }
}

/// A float literal that reads back as exactly `value` rounded to the scalar's type: the
/// shortest round-trip decimal; non-finite values through their bits.
pub fn float_literal(scalar: Scalar, value: f64) -> String {
    if scalar == Scalar::F32 {
        let f = value as f32;
        if f.is_finite() {
            format!("{f:?}f")
        } else {
            format!("wxl_f32_from_bits(0x{:08x}u)", f.to_bits())
        }
    } else if value.is_finite() {
        format!("{value:?}")
    } else {
        format!("wxl_f64_from_bits(UINT64_C(0x{:016x}))", value.to_bits())
    }
}

/// A comment holding `docs` (one `///` line each), or nothing.
pub fn doc_comment(docs: &[String], indent: &str) -> String {
    // `*/` would end the comment, `/*` nests (-Wcomment), `??` may form a trigraph.
    let clean = |line: &str| {
        line.trim_end()
            .replace("*/", "* /")
            .replace("/*", "/ *")
            .replace("??", "? ?")
    };
    match docs {
        [] => String::new(),
        [one] => format!("{indent}/** {} */\n", clean(one).trim()),
        many => {
            let mut out = format!("{indent}/**\n");
            for line in many {
                let line = clean(line);
                if line.trim().is_empty() {
                    out.push_str(&format!("{indent} *\n"));
                } else {
                    out.push_str(&format!("{indent} * {}\n", line.trim_end()));
                }
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integer_literals_cover_the_extremes() {
        assert_eq!(
            int_literal(Scalar::I64, i64::MIN as i128),
            "(-INT64_C(9223372036854775807) - 1)"
        );
        assert_eq!(
            int_literal(Scalar::U64, u64::MAX as i128),
            "UINT64_C(18446744073709551615)"
        );
        assert_eq!(
            int_literal(Scalar::I32, i32::MIN as i128),
            "(-2147483647 - 1)"
        );
        assert_eq!(int_literal(Scalar::I8, -128), "(-128)");
        assert_eq!(int_literal(Scalar::U8, 255), "255u");
    }

    #[test]
    fn float_literals_are_exact_and_finite_or_bits() {
        assert_eq!(float_literal(Scalar::F32, 1.5), "1.5f");
        assert_eq!(float_literal(Scalar::F64, 0.1), "0.1");
        assert_eq!(float_literal(Scalar::F64, -0.0), "-0.0");
        assert_eq!(
            float_literal(Scalar::F64, f64::INFINITY),
            "wxl_f64_from_bits(UINT64_C(0x7ff0000000000000))"
        );
        assert_eq!(
            float_literal(Scalar::F32, f64::NAN),
            "wxl_f32_from_bits(0x7fc00000u)"
        );
    }

    #[test]
    fn doc_comments_cannot_end_early() {
        assert_eq!(
            doc_comment(&["a */ b /* c ??/".into()], ""),
            "/** a * / b / * c ? ?/ */\n"
        );
        assert_eq!(
            doc_comment(&["one".into(), "".into(), "two".into()], "    "),
            "    /**\n     * one\n     *\n     * two\n     */\n"
        );
    }
}
