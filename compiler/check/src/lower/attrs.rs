//! Attributes: `@deprecated` (types, fields, variants) and `@id(N)` (struct and array types).

use wxl_syntax::ast::{Attribute, LiteralKind};

use super::Lowerer;
use crate::codes;

#[derive(Default)]
pub(crate) struct TypeAttributes {
    pub deprecated: bool,
    pub id: Option<u16>,
}

impl Lowerer<'_> {
    pub(crate) fn type_attributes(&mut self, attrs: &[Attribute]) -> TypeAttributes {
        let mut out = TypeAttributes::default();
        for attr in attrs {
            match attr.name.name.as_str() {
                "deprecated" => out.deprecated = self.flag(attr),
                "id" => out.id = self.id_argument(attr),
                other => self.unknown_attribute(attr, other, "`@deprecated` or `@id(N)`"),
            }
        }
        out
    }

    /// Attributes of fields and variants: only `@deprecated`.
    pub(crate) fn member_deprecated(&mut self, attrs: &[Attribute]) -> bool {
        let mut deprecated = false;
        for attr in attrs {
            match attr.name.name.as_str() {
                "deprecated" => deprecated = self.flag(attr),
                other => self.unknown_attribute(attr, other, "`@deprecated`"),
            }
        }
        deprecated
    }

    fn flag(&mut self, attr: &Attribute) -> bool {
        if !attr.args.is_empty() {
            let message = format!("`@{}` takes no arguments", attr.name.name);
            self.error(codes::BAD_ATTRIBUTE, message, attr.span);
        }
        true
    }

    fn id_argument(&mut self, attr: &Attribute) -> Option<u16> {
        let first = attr.args.first().map(|a| &a.kind);
        let range = wxl_ir::tables::FIRST_SCHEMA_TYPE_ID as i128..=0xFFFE;
        match (first, attr.args.len()) {
            (Some(LiteralKind::Int(value)), 1) if range.contains(value) => Some(*value as u16),
            _ => {
                let message = "`@id` takes one integer from 16 to 65534 (ids below 16 are reserved)".to_string();
                self.error(codes::BAD_ATTRIBUTE, message, attr.span);
                None
            }
        }
    }

    fn unknown_attribute(&mut self, attr: &Attribute, name: &str, allowed: &str) {
        let message = format!("unknown attribute `@{name}`");
        self.error(codes::BAD_ATTRIBUTE, message, attr.span).notes.push(format!("allowed here: {allowed}"));
    }
}
