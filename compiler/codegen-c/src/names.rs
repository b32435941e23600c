//! C names for everything a header declares (the convention is in the crate docs).
//!
//! Public so that code that writes C against a generated header (the golden-vector tests)
//! spells names exactly as the header does.

use std::collections::HashSet;

use heck::ToSnakeCase;
use wxl_ir::{CompositeType, EnumIndex, Schema, TypeIndex, ValueIndex};

/// Suffixes a struct type uses for things other than its fields: a field whose accessor would
/// take one of these names gets a trailing `_`.
const STRUCT_WORDS: &[&str] = &[
    "ref",
    "mut",
    "is_null",
    "from_view",
    "mutable",
    "begin",
    "end",
];

/// Schema-level functions and macros, taken before any type is named.
const SCHEMA_WORDS: &[&str] = &[
    "schema",
    "verify",
    "root",
    "builder_init",
    "builder_init_fixed",
    "finish",
    "IDENTIFIER",
    "ROOT_TYPE_ID",
];

/// Words a struct member cannot be: C keywords and the macros of the headers wxl.h includes.
const C_RESERVED: &[&str] = &[
    "auto",
    "break",
    "case",
    "char",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extern",
    "float",
    "for",
    "goto",
    "if",
    "inline",
    "int",
    "long",
    "register",
    "restrict",
    "return",
    "short",
    "signed",
    "sizeof",
    "static",
    "struct",
    "switch",
    "typedef",
    "union",
    "unsigned",
    "void",
    "volatile",
    "while",
    "bool",
    "true",
    "false",
    "offsetof",
    "alignas",
    "alignof",
    "noreturn",
    "static_assert",
    "complex",
    "imaginary",
    "asm",
    "typeof",
];

/// Every C name of one schema's header.
#[derive(Clone, Debug)]
pub struct Names {
    /// The prefix of schema-level names and of the schema's own types (`logs`).
    pub prefix: String,
    types: Vec<String>,
    values: Vec<String>,
    enums: Vec<String>,
    /// Per type: the accessor word of each struct field (`code` in `logs_Log_code`).
    fields: Vec<Vec<String>>,
    /// Per value struct: the C member name of each field.
    members: Vec<Vec<String>>,
    /// Per enum: the full constant name of each variant.
    variants: Vec<Vec<String>>,
}

/// A C identifier made of the characters of `text` (others become `_`).
pub fn sanitize(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'm');
    }
    out
}

/// A struct member name: snake_case, with a trailing `_` for C keywords.
fn member_word(name: &str) -> String {
    let word = sanitize(&name.to_snake_case());
    if C_RESERVED.contains(&word.as_str()) {
        format!("{word}_")
    } else {
        word
    }
}

/// `name`, or `name_`, `name__`, ... : the first that `taken` does not hold (then taken).
fn unique(taken: &mut HashSet<String>, name: String) -> String {
    let mut name = name;
    while taken.contains(&name) {
        name.push('_');
    }
    taken.insert(name.clone());
    name
}

impl Names {
    /// `prefix`: the caller's choice, else the schema's package (`a.b` gives `a_b`), else the
    /// module name.
    pub fn new(schema: &Schema, module_name: &str, prefix: Option<&str>) -> Names {
        let prefix = sanitize(prefix.or(schema.package.as_deref()).unwrap_or(module_name));
        let mut taken: HashSet<String> = SCHEMA_WORDS
            .iter()
            .map(|w| format!("{prefix}_{w}"))
            .collect();
        let owner = |package: &Option<String>| -> String {
            match package {
                Some(p) => sanitize(p),
                None => prefix.clone(),
            }
        };
        // Enums and value structs carry no type id, so one definition serves every schema
        // that imports them: they are named after their own package.
        let enums: Vec<String> = schema
            .enums
            .iter()
            .map(|e| {
                unique(
                    &mut taken,
                    format!("{}_{}", owner(&e.origin.package), sanitize(&e.name)),
                )
            })
            .collect();
        let values: Vec<String> = schema
            .value_structs
            .iter()
            .map(|v| {
                unique(
                    &mut taken,
                    format!("{}_{}", owner(&v.origin.package), sanitize(&v.name)),
                )
            })
            .collect();
        // Struct and array types of an imported package get this schema's ids, so they are
        // this schema's names: `mesh_geometry_Point`.
        let types: Vec<String> = schema
            .types
            .iter()
            .map(|t| {
                let name = sanitize(&t.name);
                let name = match &t.origin.package {
                    Some(p) if Some(p) != schema.package.as_ref() => {
                        format!("{prefix}_{}_{name}", sanitize(p))
                    }
                    _ => format!("{prefix}_{name}"),
                };
                unique(&mut taken, name)
            })
            .collect();
        let mut names = Names {
            prefix,
            types,
            values,
            enums,
            fields: Vec::new(),
            members: Vec::new(),
            variants: Vec::new(),
        };
        names.fields = (0..schema.types.len())
            .map(|i| names.field_words(schema, TypeIndex(i as u32)))
            .collect();
        names.members = schema
            .value_structs
            .iter()
            .map(|v| {
                let mut taken = HashSet::new();
                v.fields
                    .iter()
                    .map(|f| unique(&mut taken, member_word(&f.name)))
                    .collect()
            })
            .collect();
        names.variants = schema
            .enums
            .iter()
            .zip(&names.enums)
            .map(|(e, cname)| {
                let mut taken: HashSet<String> = [format!("{cname}_name")].into();
                e.variants
                    .iter()
                    .map(|v| unique(&mut taken, format!("{cname}_{}", sanitize(&v.name))))
                    .collect()
            })
            .collect();
        names
    }

    /// Accessor words of a struct type's fields, renamed where they would collide with the
    /// type's other names or with each other's derived names (`f_len`, `add_f`, ...).
    fn field_words(&self, schema: &Schema, index: TypeIndex) -> Vec<String> {
        let CompositeType::Struct(st) = &schema.ty(index).composite else {
            return Vec::new();
        };
        let mut taken: HashSet<String> = STRUCT_WORDS.iter().map(|w| w.to_string()).collect();
        for other in 0..schema.types.len() {
            let short = self.short(TypeIndex(other as u32));
            for verb in ["is", "as", "ref_as"] {
                taken.insert(format!("{verb}_{short}"));
            }
        }
        let mut words = Vec::new();
        for field in &st.fields {
            let mut word = sanitize(&field.name.to_snake_case());
            let derived = |w: &str| {
                [
                    w.to_string(),
                    format!("{w}_len"),
                    format!("{w}_at"),
                    format!("add_{w}"),
                    format!("set_{w}"),
                ]
            };
            while derived(&word).iter().any(|d| taken.contains(d)) {
                word.push('_');
            }
            taken.extend(derived(&word));
            words.push(word);
        }
        words
    }

    /// The view type of a struct or array type (`logs_Log`).
    pub fn ty(&self, index: TypeIndex) -> &str {
        &self.types[index.0 as usize]
    }

    /// A type's name without this schema's prefix: what `is_`/`as_` functions append.
    pub fn short(&self, index: TypeIndex) -> &str {
        let name = self.ty(index);
        name.strip_prefix(&self.prefix)
            .and_then(|rest| rest.strip_prefix('_'))
            .unwrap_or(name)
    }

    /// The accessor word of field `field` of struct type `index`.
    pub fn field(&self, index: TypeIndex, field: usize) -> &str {
        &self.fields[index.0 as usize][field]
    }

    /// The C struct of a value struct (`geometry_Vector3`).
    pub fn value(&self, index: ValueIndex) -> &str {
        &self.values[index.0 as usize]
    }

    /// The C member of field `field` of a value struct.
    pub fn member(&self, index: ValueIndex, field: usize) -> &str {
        &self.members[index.0 as usize][field]
    }

    /// The typedef of an enum (`shapes_Fill`).
    pub fn enum_type(&self, index: EnumIndex) -> &str {
        &self.enums[index.0 as usize]
    }

    /// The constant of variant `variant` (`shapes_Fill_Solid`).
    pub fn variant(&self, index: EnumIndex, variant: usize) -> &str {
        &self.variants[index.0 as usize][variant]
    }

    /// A schema-level name: `logs_verify`, `logs_IDENTIFIER`.
    pub fn schema_item(&self, word: &str) -> String {
        format!("{}_{word}", self.prefix)
    }
}

/// The C member of a struct field in the `_Layout` mirror: the accessor word, made a legal
/// member name.
pub fn layout_member(word: &str) -> String {
    if C_RESERVED.contains(&word) {
        format!("{word}_")
    } else {
        word.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_makes_identifiers() {
        assert_eq!(sanitize("a.b-c"), "a_b_c");
        assert_eq!(sanitize("3d"), "m3d");
        assert_eq!(sanitize(""), "m");
    }

    #[test]
    fn keywords_get_an_underscore() {
        assert_eq!(member_word("float"), "float_");
        assert_eq!(member_word("userData"), "user_data");
    }

    #[test]
    fn unique_appends_underscores() {
        let mut taken = HashSet::new();
        assert_eq!(unique(&mut taken, "a".into()), "a");
        assert_eq!(unique(&mut taken, "a".into()), "a_");
        assert_eq!(unique(&mut taken, "a".into()), "a__");
    }
}
