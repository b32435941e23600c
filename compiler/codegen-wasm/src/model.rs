//! What the back end derives from the IR before printing: unique names, flattened fields
//! ("leaves"), the WASM value type and memory instructions of each stored scalar, and
//! defaults as constant expressions. Every number comes from the IR; nothing is re-laid out.

use std::collections::{BTreeMap, HashMap, HashSet};

use wxl_ir::layout::storage_size_align;
use wxl_ir::tables::{self, SchemaTables};
use wxl_ir::{
    CompositeType, EnumIndex, Field, HeapType, RefType, Scalar, Schema, StorageType, TypeIndex,
    Value, ValueIndex,
};

/// The schema plus what every part of the generator looks up.
pub(crate) struct Model<'s> {
    pub schema: &'s Schema,
    pub tables: SchemaTables,
    type_names: Vec<String>,
    value_names: Vec<String>,
    enum_names: Vec<String>,
    /// For each array type whose element is a value struct: the name of the GC struct type
    /// its elements lower to.
    pub element_structs: HashMap<TypeIndex, String>,
}

impl<'s> Model<'s> {
    pub fn new(schema: &'s Schema) -> Model<'s> {
        let tables = tables::compute(schema);
        // Types and value structs share the export namespace (`T.x`, `V.x`).
        let mut names = unique_names(
            schema
                .types
                .iter()
                .map(|t| (t.name.as_str(), t.origin.package.as_deref()))
                .chain(schema.value_structs.iter().map(|v| (v.name.as_str(), v.origin.package.as_deref()))),
            schema.package.as_deref(),
        );
        let value_names = names.split_off(schema.types.len());
        let type_names = names;
        let enum_names = unique_names(
            schema.enums.iter().map(|e| (e.name.as_str(), e.origin.package.as_deref())),
            schema.package.as_deref(),
        );
        let mut model = Model {
            schema,
            tables,
            type_names,
            value_names,
            enum_names,
            element_structs: HashMap::new(),
        };
        model.name_element_structs();
        model
    }

    /// Each array of value structs gets its own GC struct type for its elements, named after
    /// the value struct (`Triangle`), with a suffix when several arrays hold the same one or
    /// when a schema type already has that name.
    fn name_element_structs(&mut self) {
        let mut taken: Vec<String> = self.type_names.clone();
        taken.extend(["string".to_string(), "bytes".to_string()]);
        for (index, ty) in self.schema.types.iter().enumerate() {
            if let CompositeType::Array(array) = &ty.composite {
                if let StorageType::Value(value) = array.element.storage {
                    let base = self.value_name(value).to_string();
                    let name = if taken.contains(&base) {
                        (2..).map(|n| format!("{base}.{n}")).find(|n| !taken.contains(n)).unwrap_or(base)
                    } else {
                        base
                    };
                    taken.push(name.clone());
                    self.element_structs.insert(TypeIndex(index as u32), name);
                }
            }
        }
    }

    pub fn type_name(&self, index: TypeIndex) -> &str {
        &self.type_names[index.0 as usize]
    }

    pub fn value_name(&self, index: ValueIndex) -> &str {
        &self.value_names[index.0 as usize]
    }

    pub fn enum_name(&self, index: EnumIndex) -> &str {
        &self.enum_names[index.0 as usize]
    }

    /// Every named struct and array type, in declaration order.
    pub fn all_types(&self) -> impl Iterator<Item = TypeIndex> + '_ {
        (0..self.schema.types.len() as u32).map(TypeIndex)
    }

    /// The types that own a type id, in id order.
    pub fn canonical(&self) -> Vec<TypeIndex> {
        self.schema.canonical_types().map(|(index, _)| index).collect()
    }

    pub fn type_id(&self, index: TypeIndex) -> u16 {
        self.schema.ty(index).type_id
    }

    /// Canonical types that are proper subtypes of `index` (ancestor tables), in declaration
    /// order.
    pub fn proper_subtypes(&self, index: TypeIndex) -> Vec<TypeIndex> {
        let id = self.type_id(index);
        self.canonical()
            .into_iter()
            .filter(|&t| self.type_id(t) != id && self.ancestors(self.type_id(t)).contains(&id))
            .collect()
    }

    pub fn ancestors(&self, id: u16) -> &[u16] {
        match self.tables.types.get((id - tables::FIRST_SCHEMA_TYPE_ID) as usize) {
            Some(Some(table)) => &table.ancestors,
            _ => &[],
        }
    }

    /// The schema spelling of a storage type, for comments.
    pub fn spelling(&self, storage: StorageType) -> String {
        match storage {
            StorageType::Scalar(scalar) => scalar.name().to_string(),
            StorageType::Enum(index) => self.enum_name(index).to_string(),
            StorageType::Value(index) => self.value_name(index).to_string(),
            StorageType::Ref(RefType { nullable, heap }) => {
                let heap = match heap {
                    HeapType::Concrete(t) => self.type_name(t).to_string(),
                    HeapType::String => "string".into(),
                    HeapType::Bytes => "bytes".into(),
                    HeapType::Abstract(a) => a.name().into(),
                };
                if nullable {
                    format!("ref null {heap}")
                } else {
                    format!("ref {heap}")
                }
            }
        }
    }

    /// The flattened fields of a struct type: value structs expanded into `outer.inner`.
    pub fn struct_leaves(&self, index: TypeIndex) -> Vec<Leaf> {
        match &self.schema.ty(index).composite {
            CompositeType::Struct(st) => self.leaves_of(&st.fields, false),
            CompositeType::Array(_) => Vec::new(),
        }
    }

    /// The flattened fields of a value struct, relative to its start.
    pub fn value_leaves(&self, index: ValueIndex, mutable: bool) -> Vec<Leaf> {
        self.leaves_of(&self.schema.value_struct(index).fields, mutable)
    }

    /// The leaves of one array element (a single leaf named `""` unless it is a value struct).
    pub fn element_leaves(&self, index: TypeIndex) -> Vec<Leaf> {
        let CompositeType::Array(array) = &self.schema.ty(index).composite else {
            return Vec::new();
        };
        match array.element.storage {
            StorageType::Value(value) => self.value_leaves(value, array.element.mutable),
            storage => {
                let (size, _) = storage_size_align(self.schema, storage);
                vec![Leaf {
                    path: String::new(),
                    offset: 0,
                    kind: LeafKind::of(storage),
                    mutable: array.element.mutable,
                    default: None,
                    top_end: size,
                }]
            }
        }
    }

    fn leaves_of(&self, fields: &[Field], mutable: bool) -> Vec<Leaf> {
        let mut out = Vec::new();
        for field in fields {
            let (size, _) = storage_size_align(self.schema, field.ty.storage);
            let top_end = field.offset + size;
            self.push_leaves(
                &mut out,
                &field.name,
                field.offset,
                field.ty.storage,
                mutable || field.ty.mutable,
                field.default,
                top_end,
            );
        }
        out
    }

    #[allow(clippy::too_many_arguments)] // the leaf's fields, threaded through the recursion
    fn push_leaves(
        &self,
        out: &mut Vec<Leaf>,
        path: &str,
        offset: u32,
        storage: StorageType,
        mutable: bool,
        default: Option<Value>,
        top_end: u32,
    ) {
        match storage {
            StorageType::Value(value) => {
                for field in &self.schema.value_struct(value).fields {
                    self.push_leaves(
                        out,
                        &format!("{path}.{}", field.name),
                        offset + field.offset,
                        field.ty.storage,
                        mutable || field.ty.mutable,
                        field.default,
                        top_end,
                    );
                }
            }
            storage => out.push(Leaf {
                path: path.to_string(),
                offset,
                kind: LeafKind::of(storage),
                mutable,
                default,
                top_end,
            }),
        }
    }

    /// The WAT constant (or constants, for v128) a leaf reads as when absent.
    pub fn default_consts(&self, leaf: &Leaf) -> Vec<String> {
        match leaf.kind {
            LeafKind::Ref(_) => vec!["(i32.const 0)".into()],
            LeafKind::Scalar(scalar) => scalar_default(scalar, leaf.default),
            LeafKind::Enum(index) => {
                let enum_type = self.schema.enum_type(index);
                let value = match leaf.default {
                    Some(Value::Variant(v)) => enum_type.variants[v as usize].value,
                    Some(Value::Int(v)) => v,
                    _ => enum_type.zero_value(),
                };
                scalar_default(enum_type.repr, Some(Value::Int(value)))
            }
        }
    }

    /// The scalar a leaf is stored as (enums: their repr; references: u32).
    pub fn leaf_scalar(&self, kind: LeafKind) -> Scalar {
        match kind {
            LeafKind::Scalar(s) => s,
            LeafKind::Enum(e) => self.schema.enum_type(e).repr,
            LeafKind::Ref(_) => Scalar::U32,
        }
    }

    /// The GC storage type of a leaf, as WAT (`i8`, `f32`, `(ref null $Shape)`).
    pub fn gc_storage(&self, kind: LeafKind) -> String {
        match kind {
            LeafKind::Scalar(s) => s.gc_storage().to_string(),
            LeafKind::Enum(e) => self.schema.enum_type(e).repr.gc_storage().to_string(),
            LeafKind::Ref(r) => self.gc_ref(r),
        }
    }

    pub fn gc_ref(&self, reference: RefType) -> String {
        let null = if reference.nullable { "null " } else { "" };
        format!("(ref {null}{})", self.gc_heap(reference.heap))
    }

    pub fn gc_heap(&self, heap: HeapType) -> String {
        match heap {
            HeapType::Concrete(t) => format!("${}", self.type_name(t)),
            HeapType::String => "$string".into(),
            HeapType::Bytes => "$bytes".into(),
            HeapType::Abstract(a) => a.name().into(),
        }
    }

    /// The schema spelling of a leaf, for comments.
    pub fn leaf_spelling(&self, leaf: &Leaf) -> String {
        let storage = match leaf.kind {
            LeafKind::Scalar(s) => StorageType::Scalar(s),
            LeafKind::Enum(e) => StorageType::Enum(e),
            LeafKind::Ref(r) => StorageType::Ref(r),
        };
        let name = self.spelling(storage);
        if leaf.mutable {
            format!("mut {name}")
        } else {
            name
        }
    }
}

/// Export-name prefixes of the runtime (`string.new`, `build.begin`...): a schema type or
/// value struct with one of these names is renamed, so that no two exports share a name.
const RESERVED: [&str; 4] = ["string", "bytes", "i31", "build"];

/// `base` for names used once; `package.base` for names several packages define; then `_`
/// appended while the name is reserved or taken.
fn unique_names<'a>(
    items: impl Iterator<Item = (&'a str, Option<&'a str>)>,
    root_package: Option<&str>,
) -> Vec<String> {
    let items: Vec<(&str, Option<&str>)> = items.collect();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (name, _) in &items {
        *count.entry(name).or_default() += 1;
    }
    let mut taken: HashSet<String> = RESERVED.iter().map(|r| r.to_string()).collect();
    let mut out = Vec::with_capacity(items.len());
    for (name, package) in &items {
        let mut unique = match package {
            Some(package) if count[name] > 1 && Some(*package) != root_package => format!("{package}.{name}"),
            _ => name.to_string(),
        };
        while taken.contains(&unique) {
            unique.push('_');
        }
        taken.insert(unique.clone());
        out.push(unique);
    }
    out
}

/// A scalar, enum or reference stored at a fixed offset, reached through zero or more value
/// structs.
#[derive(Clone, Debug)]
pub(crate) struct Leaf {
    /// `code`, `address.x0`; empty for the element of an array of scalars.
    pub path: String,
    /// Offset in the body (struct), value struct or element.
    pub offset: u32,
    pub kind: LeafKind,
    pub mutable: bool,
    pub default: Option<Value>,
    /// End of the top-level field holding the leaf: the leaf is present when the stored size
    /// reaches it (a value struct is present or absent as a whole).
    pub top_end: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LeafKind {
    Scalar(Scalar),
    Enum(EnumIndex),
    Ref(RefType),
}

impl LeafKind {
    fn of(storage: StorageType) -> LeafKind {
        match storage {
            StorageType::Scalar(s) => LeafKind::Scalar(s),
            StorageType::Enum(e) => LeafKind::Enum(e),
            StorageType::Ref(r) => LeafKind::Ref(r),
            StorageType::Value(_) => unreachable!("value structs are flattened"),
        }
    }
}

/// The WASM value type an accessor uses for a scalar (`v128` travels as two i64).
pub(crate) fn val_type(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::I64 | Scalar::U64 => "i64",
        Scalar::F32 => "f32",
        Scalar::F64 => "f64",
        Scalar::V128 => "v128",
        _ => "i32",
    }
}

/// The load instruction for a scalar (sign-extending for signed narrow integers).
pub(crate) fn load_op(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Bool | Scalar::U8 => "i32.load8_u",
        Scalar::I8 => "i32.load8_s",
        Scalar::I16 => "i32.load16_s",
        Scalar::U16 => "i32.load16_u",
        Scalar::I32 | Scalar::U32 => "i32.load",
        Scalar::I64 | Scalar::U64 => "i64.load",
        Scalar::F32 => "f32.load",
        Scalar::F64 => "f64.load",
        Scalar::V128 => "v128.load",
    }
}

pub(crate) fn store_op(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::Bool | Scalar::U8 | Scalar::I8 => "i32.store8",
        Scalar::I16 | Scalar::U16 => "i32.store16",
        Scalar::I32 | Scalar::U32 => "i32.store",
        Scalar::I64 | Scalar::U64 => "i64.store",
        Scalar::F32 => "f32.store",
        Scalar::F64 => "f64.store",
        Scalar::V128 => "v128.store",
    }
}

/// `struct.get`, or `struct.get_s` / `struct.get_u` for packed storage.
pub(crate) fn gc_get_suffix(scalar: Scalar) -> &'static str {
    match scalar {
        Scalar::I8 | Scalar::I16 => "_s",
        Scalar::Bool | Scalar::U8 | Scalar::U16 => "_u",
        _ => "",
    }
}

fn scalar_default(scalar: Scalar, value: Option<Value>) -> Vec<String> {
    let int = match value {
        Some(Value::Int(v)) => v,
        Some(Value::Bool(b)) => b as i128,
        Some(Value::Float(f)) => return float_const(scalar, f),
        _ => 0,
    };
    match scalar {
        Scalar::F32 | Scalar::F64 => float_const(scalar, int as f64),
        Scalar::V128 => {
            let bits = int as u128;
            vec![format!("(i64.const {})", bits as u64 as i64), format!("(i64.const {})", (bits >> 64) as u64 as i64)]
        }
        Scalar::I64 | Scalar::U64 => vec![format!("(i64.const {})", int as i64)],
        _ => vec![format!("(i32.const {})", int as i32)],
    }
}

fn float_const(scalar: Scalar, value: f64) -> Vec<String> {
    match scalar {
        Scalar::F32 => vec![format!("(f32.const {})", float_text(value as f32 as f64, true))],
        _ => vec![format!("(f64.const {})", float_text(value, false))],
    }
}

/// A float literal WAT parses back to the same value.
fn float_text(value: f64, single: bool) -> String {
    if value.is_nan() {
        return "nan".into();
    }
    if value.is_infinite() {
        return if value > 0.0 { "inf".into() } else { "-inf".into() };
    }
    if single {
        format!("{:?}", value as f32)
    } else {
        format!("{value:?}")
    }
}
