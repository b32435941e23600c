//! Rust spellings of schema names.
//!
//! A schema name is kept as written when Rust's naming lints accept it (so the Rust API reads like
//! the schema), converted otherwise (`log_entry` as a type becomes `LogEntry`, `userId` as a field
//! becomes `user_id`). Keywords become raw identifiers. Names that would collide, with each other,
//! with the prelude or with the items every generated module defines, get a numeric suffix.

use std::collections::HashSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// Keywords of every edition (strict and reserved): they need `r#` as identifiers.
const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for", "if", "impl", "in",
    "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct",
    "super", "trait", "true", "type", "unsafe", "use", "where", "while", "async", "await", "dyn", "abstract",
    "become", "box", "do", "final", "macro", "override", "priv", "typeof", "unsized", "virtual", "yield", "try",
    "gen",
];

/// Keywords that cannot be raw identifiers.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Names the generated code uses unqualified, in the type and value namespaces: the prelude, and
/// the items every generated module defines. A schema type cannot take them.
pub(crate) const RESERVED_TYPE_NAMES: &[&str] = &[
    "Copy", "Send", "Sized", "Sync", "Unpin", "Drop", "Fn", "FnMut", "FnOnce", "Box", "ToOwned", "Clone",
    "PartialEq", "PartialOrd", "Eq", "Ord", "AsRef", "AsMut", "Into", "From", "Default", "Iterator", "Extend",
    "IntoIterator", "DoubleEndedIterator", "ExactSizeIterator", "Option", "Some", "None", "Result", "Ok", "Err",
    "String", "ToString", "Vec", "TryFrom", "TryInto", "FromIterator", "Self", "SCHEMA", "IDENTIFIER", "Elided",
    "AnyDebug", "AnyT", "Unpacker", "Packer", "Slot", "Rc", "HashMap",
];

/// Trait method names a getter must not take: clippy (`should_implement_trait`) or a reader
/// would take the getter for the trait method.
const TRAIT_METHODS: &[&str] = &[
    "add", "as_mut", "as_ref", "bitand", "bitor", "bitxor", "borrow", "borrow_mut", "clone", "cmp", "default",
    "deref", "deref_mut", "div", "drop", "eq", "fmt", "from_iter", "from_str", "hash", "index", "index_mut",
    "into_iter", "mul", "ne", "neg", "next", "not", "partial_cmp", "rem", "shl", "shr", "sub", "to_owned",
    "to_string",
];

/// rustc's `non_camel_case_types` rule.
pub(crate) fn is_camel_case(name: &str) -> bool {
    let trimmed = name.trim_matches('_');
    let Some(first) = trimmed.chars().next() else { return true };
    let chars: Vec<char> = trimmed.chars().collect();
    let bad_underscore = chars.windows(2).any(|pair| {
        let has_case = |c: char| c.is_lowercase() || c.is_uppercase();
        (has_case(pair[0]) && pair[1] == '_') || (has_case(pair[1]) && pair[0] == '_')
    });
    !first.is_lowercase() && !trimmed.contains("__") && !bad_underscore
}

/// rustc's `non_snake_case` rule.
pub(crate) fn is_snake_case(name: &str) -> bool {
    let trimmed = name.trim_matches('_');
    !trimmed.contains("__") && !trimmed.chars().any(char::is_uppercase)
}

/// Whether `name` is made of ASCII letters, digits and `_` only (WebAssembly names, from the
/// `.wat` front end, may hold any character).
fn is_plain(name: &str) -> bool {
    name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `name` with every character an identifier cannot hold replaced by `_`, and not starting with
/// a digit.
fn clean(name: &str) -> String {
    let mut out: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// A type or variant name: kept when it is camel case, converted otherwise.
pub(crate) fn type_case(name: &str) -> String {
    let converted = if is_camel_case(name) && is_plain(name) { clean(name) } else { clean(&name.to_upper_camel_case()) };
    if converted.is_empty() {
        "Unnamed".to_string()
    } else {
        converted
    }
}

/// A field or method name.
pub(crate) fn snake_case(name: &str) -> String {
    let converted = if is_snake_case(name) && is_plain(name) { clean(name) } else { clean(&name.to_snake_case()) };
    if converted.is_empty() || converted == "_" {
        "unnamed".to_string()
    } else {
        converted
    }
}

/// A constant name: `Background` becomes `BACKGROUND`.
pub(crate) fn shouty_case(name: &str) -> String {
    let converted = clean(&name.to_shouty_snake_case());
    if converted.is_empty() {
        "UNNAMED".to_string()
    } else {
        converted
    }
}

/// A getter name: snake case, away from trait method names.
pub(crate) fn getter_case(name: &str) -> String {
    let snake = snake_case(name);
    if TRAIT_METHODS.contains(&snake.as_str()) {
        format!("{snake}_")
    } else {
        snake
    }
}

/// Whether clippy's `upper_case_acronyms` would flag this name (`URL`, not `Id` or `IO`).
pub(crate) fn is_acronym(name: &str) -> bool {
    name.len() > 2 && name.chars().all(|c| c.is_ascii_uppercase())
}

/// An identifier for `name`: raw when it is a keyword; a suffix `_` where it cannot be raw.
pub(crate) fn ident(name: &str) -> Ident {
    if NOT_RAW.contains(&name) {
        Ident::new(&format!("{name}_"), Span::call_site())
    } else if KEYWORDS.contains(&name) {
        Ident::new_raw(name, Span::call_site())
    } else {
        Ident::new(name, Span::call_site())
    }
}

/// A set of names in one namespace; `claim` hands out a free one.
#[derive(Default)]
pub(crate) struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    pub(crate) fn with_reserved(reserved: &[&str]) -> Scope {
        Scope { taken: reserved.iter().map(|s| s.to_string()).collect() }
    }

    /// `wanted`, or `wanted` with the smallest numeric suffix that is free (`Log2`, `name_2`).
    pub(crate) fn claim(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_string();
        // `name_2` for snake case; `Log2` for camel case, but `Vector3_2` rather than `Vector32`.
        let snake = is_snake_case(wanted) && wanted.chars().any(char::is_lowercase);
        let separator = if snake || wanted.ends_with(|c: char| c.is_ascii_digit()) { "_" } else { "" };
        let mut n = 2;
        while self.taken.contains(&name) || NOT_RAW.contains(&name.as_str()) {
            name = format!("{wanted}{separator}{n}");
            n += 1;
        }
        self.taken.insert(name.clone());
        name
    }

    pub(crate) fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_rust_conventions() {
        assert_eq!(type_case("Log"), "Log");
        assert_eq!(type_case("ArrayOfF32"), "ArrayOfF32");
        assert_eq!(type_case("log_entry"), "LogEntry");
        assert_eq!(type_case("URL"), "URL");
        assert_eq!(snake_case("userId"), "user_id");
        assert_eq!(snake_case("x0"), "x0");
        assert_eq!(getter_case("next"), "next_");
        assert_eq!(shouty_case("Background"), "BACKGROUND");
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("self").to_string(), "self_");
    }

    #[test]
    fn any_name_becomes_an_identifier() {
        // WebAssembly names may hold anything; module names come from file stems.
        for name in ["Foo.Bar", "my-type", "2d", "$x", "a b", "ünï", "-", ""] {
            for converted in [type_case(name), snake_case(name), shouty_case(name), getter_case(name)] {
                let _ = ident(&converted); // panics on an invalid identifier
            }
        }
        assert_eq!(type_case("Foo.Bar"), "FooBar");
        assert_eq!(snake_case("2d"), "_2d");
    }

    #[test]
    fn scopes_hand_out_free_names() {
        let mut scope = Scope::with_reserved(&["Option"]);
        assert_eq!(scope.claim("Option"), "Option2");
        assert_eq!(scope.claim("Log"), "Log");
        assert_eq!(scope.claim("Log"), "Log2");
        assert_eq!(scope.claim("name"), "name");
        assert_eq!(scope.claim("name"), "name_2");
        assert_eq!(scope.claim("Vector3"), "Vector3");
        assert_eq!(scope.claim("Vector3"), "Vector3_2");
    }
}
