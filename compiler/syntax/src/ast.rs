//! The syntax tree shared by both front ends (`.wxl` text and WebAssembly modules).
//!
//! The tree is deliberately unresolved: names are plain identifiers (`i32`, `string`, `Log`,
//! `any`) and the checks crate decides what they mean. That keeps the grammar small and lets
//! both front ends produce the same shape.

/// Index of a source file in the driver's file database (`codespan_reporting` file id).
pub type FileId = usize;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span { file, start: start as u32, end: end as u32 }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both (they must be in the same file).
    pub fn to(self, other: Span) -> Span {
        Span { file: self.file, start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// A name with the place it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

/// A possibly dotted name: `Log`, `logs.Log`.
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    pub segments: Vec<Ident>,
    pub span: Span,
}

impl Path {
    /// The segments joined with `.`.
    pub fn joined(&self) -> String {
        let names: Vec<&str> = self.segments.iter().map(|s| s.name.as_str()).collect();
        names.join(".")
    }
}

/// One parsed source file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceFile {
    /// `//!` lines at the top of the file.
    pub docs: Vec<String>,
    /// `package a.b;`
    pub package: Option<Path>,
    /// `import "other.wxl";`
    pub imports: Vec<Import>,
    pub items: Vec<Item>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Import {
    /// The path as written, relative to the importing file.
    pub path: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A type outside any `rec { ... }`: a rec group of one.
    Type(TypeDef),
    /// `rec { ... }`
    Rec(RecGroup),
    /// `root Logs;`
    Root(Path),
    /// `identifier "LOGS";`
    Identifier(StringLit),
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecGroup {
    pub types: Vec<TypeDef>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StringLit {
    pub value: String,
    pub span: Span,
}

/// `@name` or `@name(args)` before a type, field or enum variant.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub name: Ident,
    pub args: Vec<Literal>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// `///` lines, without the slashes, one entry a line.
    pub docs: Vec<String>,
    pub attrs: Vec<Attribute>,
    pub name: Ident,
    pub kind: TypeDefKind,
    /// The whole definition.
    pub span: Span,
}

/// Whether a struct or array type may have subtypes (`final` says no; the GC default of the
/// text format is final, wxl's default is non-final so that types can evolve).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Finality {
    Final,
    NonFinal,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeDefKind {
    /// `[final] struct Name [: Super] { fields }`
    Struct { finality: Finality, supertype: Option<Path>, fields: Vec<FieldDef> },
    /// `[final] array Name [: Super] = [mut] type;`
    Array { finality: Finality, supertype: Option<Path>, element: ElementDef },
    /// `value struct Name { fields }`: inline, fixed size, no header (wxl's layout extension).
    ValueStruct { fields: Vec<FieldDef> },
    /// `[open] enum Name : repr { variants }`
    Enum { open: bool, repr: Ident, variants: Vec<VariantDef> },
    /// A function type from a WebAssembly module. Never produced by the `.wxl` parser. The
    /// checks apply the GC rules to it (ordering, subtyping) and then skip it with a note:
    /// functions cannot live in a buffer.
    Func { finality: Finality, supertype: Option<Path>, params: Vec<TypeExpr>, results: Vec<TypeExpr> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct FieldDef {
    pub docs: Vec<String>,
    pub attrs: Vec<Attribute>,
    pub mutable: bool,
    pub name: Ident,
    pub ty: TypeExpr,
    /// `= literal`
    pub default: Option<Literal>,
    pub span: Span,
}

/// The element of an array type: `[mut] type`.
#[derive(Clone, Debug, PartialEq)]
pub struct ElementDef {
    pub mutable: bool,
    pub ty: TypeExpr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct VariantDef {
    pub docs: Vec<String>,
    pub attrs: Vec<Attribute>,
    pub name: Ident,
    pub value: Literal,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum TypeExpr {
    /// A bare name: a scalar (`i32`, `u8`, `bool`), `string`, `bytes`, a ref shorthand
    /// (`anyref`, `funcref`), a value struct or enum (inline), or a struct/array type (meaning
    /// `ref Name`).
    Named(Path),
    /// `ref [null] heaptype`
    Ref { nullable: bool, heap: Path, span: Span },
    /// `[ [mut] T ]`: an anonymous array type, referenced non-null.
    Array { element: Box<ElementDef>, span: Span },
}

impl TypeExpr {
    pub fn span(&self) -> Span {
        match self {
            TypeExpr::Named(path) => path.span,
            TypeExpr::Ref { span, .. } | TypeExpr::Array { span, .. } => *span,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum LiteralKind {
    /// Any integer literal, sign included (`-3`, `0xff`).
    Int(i128),
    Float(f64),
    Bool(bool),
    String(String),
    /// A bare name: an enum variant as a default, or `inf`/`nan`.
    Name(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Literal {
    pub kind: LiteralKind,
    pub span: Span,
}
