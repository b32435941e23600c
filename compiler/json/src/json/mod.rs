//! A JSON tree that remembers where each value and key was written (line, column), so that
//! encoding errors can point into the input. serde_json's `Value` forgets positions and rounds
//! big numbers, so wxl has its own small parser; numbers keep their text and are converted only
//! once the target type (u64, f32, ...) is known.

mod parse;
mod print;

pub use parse::parse;
pub(crate) use print::write_string;
pub use print::{to_compact, to_pretty};

/// Deepest nesting of arrays and objects accepted on input and produced on output (the same
/// limit as serde_json). The parser, encoder, decoder and printer recurse once per level, with
/// frames of a few KiB in debug builds; this keeps them well inside a 2 MiB thread stack.
pub const MAX_DEPTH: usize = 128;

/// A position in the JSON text: 1-based line and column (columns count characters, not bytes),
/// and the byte offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

#[derive(Clone, Debug)]
pub struct Value {
    pub kind: Kind,
    /// Where the value starts (default for values made by the decoder).
    pub pos: Pos,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Null,
    Bool(bool),
    /// The number as written; always valid JSON number syntax.
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Members in document order; duplicates are kept (the encoder reports them).
    Object(Vec<Member>),
}

#[derive(Clone, Debug)]
pub struct Member {
    pub key: String,
    pub key_pos: Pos,
    pub value: Value,
}

impl Value {
    pub fn new(kind: Kind) -> Value {
        Value { kind, pos: Pos::default() }
    }

    pub fn null() -> Value {
        Value::new(Kind::Null)
    }

    pub fn number(text: impl Into<String>) -> Value {
        Value::new(Kind::Number(text.into()))
    }

    pub fn string(text: impl Into<String>) -> Value {
        Value::new(Kind::String(text.into()))
    }

    pub fn array(items: Vec<Value>) -> Value {
        Value::new(Kind::Array(items))
    }

    pub fn object(members: Vec<(String, Value)>) -> Value {
        let members = members.into_iter().map(|(key, value)| Member { key, key_pos: Pos::default(), value }).collect();
        Value::new(Kind::Object(members))
    }

    /// "a string", "an object", ...: for messages.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            Kind::Null => "null",
            Kind::Bool(_) => "a boolean",
            Kind::Number(_) => "a number",
            Kind::String(_) => "a string",
            Kind::Array(_) => "an array",
            Kind::Object(_) => "an object",
        }
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match &self.kind {
            Kind::Object(members) => members.iter().find(|m| m.key == key).map(|m| &m.value),
            _ => None,
        }
    }
}
