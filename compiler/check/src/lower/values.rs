//! Enums and default values.

use wxl_ir::{EnumType, Origin, Scalar, StorageType, Value, Variant};
use wxl_syntax::ast::{self, Literal, LiteralKind, TypeDefKind};

use super::{Definitions, Lowerer};
use crate::codes;

impl Lowerer<'_> {
    pub(crate) fn lower_enums(&mut self, definitions: &Definitions<'_>) {
        for (_, package, def) in &definitions.enums {
            let TypeDefKind::Enum { open, repr, variants } = &def.kind else { continue };
            let repr_scalar = self.enum_repr(repr);
            let variants = self.enum_variants(def, variants, repr_scalar);
            if variants.is_empty() && !open {
                let message = format!("closed enum `{}` has no variants: no value would verify", def.name.name);
                self.error(codes::BAD_ENUM, message, def.name.span);
            }
            self.enums.push(EnumType {
                name: def.name.name.clone(),
                docs: def.docs.clone(),
                origin: Origin { package: package.clone(), span: def.span },
                open: *open,
                repr: repr_scalar,
                variants,
            });
        }
    }

    fn enum_repr(&mut self, repr: &ast::Ident) -> Scalar {
        match super::resolve::scalar_named(&repr.name) {
            Some(scalar) if scalar.is_integer() => scalar,
            _ => {
                let message = format!("an enum is stored as an integer type (u8, i16, u32, ...), not `{}`", repr.name);
                self.error(codes::BAD_ENUM, message, repr.span);
                Scalar::U32
            }
        }
    }

    fn enum_variants(&mut self, def: &ast::TypeDef, variants: &[ast::VariantDef], repr: Scalar) -> Vec<Variant> {
        let (min, max) = repr.integer_range().unwrap_or((0, 0));
        let mut out: Vec<Variant> = Vec::new();
        for variant in variants {
            let deprecated = self.member_deprecated(&variant.attrs);
            let value = match variant.value.kind {
                LiteralKind::Int(v) if v >= min && v <= max => v,
                _ => {
                    let message = format!(
                        "the value of `{}.{}` must be an integer from {min} to {max} ({})",
                        def.name.name, variant.name.name, repr.name()
                    );
                    self.error(codes::BAD_ENUM, message, variant.value.span);
                    continue;
                }
            };
            if out.iter().any(|v| v.name == variant.name.name) {
                let message = format!("variant `{}` is declared twice", variant.name.name);
                self.error(codes::DUPLICATE_MEMBER, message, variant.name.span);
                continue;
            }
            if let Some(other) = out.iter().find(|v| v.value == value) {
                let message = format!("`{}` has the same value as `{}` ({value})", variant.name.name, other.name);
                self.error(codes::BAD_ENUM, message, variant.value.span);
                continue;
            }
            let docs = variant.docs.clone();
            out.push(Variant { name: variant.name.name.clone(), docs, value, deprecated });
        }
        out
    }

    /// Checks a field's `= value` against its type.
    pub(crate) fn default_value(&mut self, storage: StorageType, literal: &Literal) -> Option<Value> {
        let value = match storage {
            StorageType::Scalar(scalar) => scalar_default(scalar, &literal.kind),
            StorageType::Enum(index) => {
                let enum_type = &self.enums[index.0 as usize];
                match &literal.kind {
                    LiteralKind::Name(name) => enum_type.variants.iter().position(|v| &v.name == name).map(|i| Value::Variant(i as u32)),
                    _ => None,
                }
            }
            StorageType::Value(_) | StorageType::Ref(_) => None,
        };
        if value.is_none() {
            let message = match storage {
                StorageType::Value(_) | StorageType::Ref(_) => "only scalar and enum fields can have a default".to_string(),
                StorageType::Enum(index) => format!("the default must be a variant of `{}`", self.enums[index.0 as usize].name),
                StorageType::Scalar(scalar) => format!("this default does not fit in `{}`", scalar.name()),
            };
            self.error(codes::BAD_DEFAULT, message, literal.span);
        }
        value
    }
}

fn scalar_default(scalar: Scalar, literal: &LiteralKind) -> Option<Value> {
    match (scalar, literal) {
        (Scalar::Bool, LiteralKind::Bool(b)) => Some(Value::Bool(*b)),
        (Scalar::F32 | Scalar::F64, LiteralKind::Float(f)) => Some(Value::Float(*f)),
        (Scalar::F32 | Scalar::F64, LiteralKind::Int(i)) => Some(Value::Float(*i as f64)),
        (Scalar::F32 | Scalar::F64, LiteralKind::Name(name)) => match name.as_str() {
            "inf" => Some(Value::Float(f64::INFINITY)),
            "-inf" => Some(Value::Float(f64::NEG_INFINITY)),
            "nan" => Some(Value::Float(f64::NAN)),
            _ => None,
        },
        (_, LiteralKind::Int(i)) => {
            let (min, max) = scalar.integer_range()?;
            (min..=max).contains(i).then_some(Value::Int(*i))
        }
        _ => None,
    }
}
