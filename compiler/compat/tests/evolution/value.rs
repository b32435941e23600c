//! What a buffer means, independent of layout: the writer records what it wrote, the reader
//! what it read, and `compare` pairs them the way `wxl compat` pairs fields.

use std::fmt::Write;

#[derive(Clone, Debug, PartialEq)]
pub enum Val {
    Int(i128),
    /// f32 values widened to f64; compared by bits.
    Float(u64),
    Bool(bool),
    Null,
    I31(u32),
    Str(String),
    /// `bytes` objects and `v128` values.
    Bytes(Vec<u8>),
    /// A struct object or an inline value struct.
    Object(Vec<Field>),
    Array(Vec<Val>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    pub name: String,
    pub val: Val,
    /// Reader side: what the field reads as when absent (`None`: no default to expect).
    pub default: Option<Val>,
}

/// Checks that the reader read what the writer wrote. A reader field pairs with the writer
/// field of the same name, else with the writer field at its position whose name the reader
/// does not use (a rename); with none, it must read its default (it is absent, not misread).
pub fn compare(written: &Val, read: &Val, path: &str) -> Result<(), String> {
    match (written, read) {
        (Val::Object(w), Val::Object(r)) => {
            for (j, field) in r.iter().enumerate() {
                let here = format!("{path}.{}", field.name);
                let partner = w.iter().find(|f| f.name == field.name).or_else(|| {
                    w.get(j).filter(|f| !r.iter().any(|g| g.name == f.name))
                });
                match (partner, &field.default) {
                    (Some(partner), _) => compare(&partner.val, &field.val, &here)?,
                    (None, Some(default)) if default != &field.val => {
                        return Err(format!("{here}: new field read {:?}, not its default {default:?}", field.val))
                    }
                    (None, _) => {}
                }
            }
            Ok(())
        }
        (Val::Array(w), Val::Array(r)) if w.len() == r.len() => {
            w.iter().zip(r).enumerate().try_for_each(|(i, (a, b))| compare(a, b, &format!("{path}[{i}]")))
        }
        _ if written == read => Ok(()),
        _ => {
            let mut message = String::new();
            let _ = write!(message, "{path}: wrote {written:?}, read {read:?}");
            Err(message)
        }
    }
}
