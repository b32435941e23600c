//! What encode, decode and dump need to know about a schema, computed once: the verifier tables
//! (IR and runtime forms), type ids to types, and the names used by `"$type"`.

use std::collections::HashMap;

use wxl_ir::tables::{self, Check, SchemaTables, TYPE_ID_BYTES, TYPE_ID_STRING};
use wxl_ir::{AbstractHeap, CompositeType, HeapType, Schema, TypeIndex};

/// The type of an object in a buffer: a built-in or a schema type (its canonical index, the
/// one type of its equivalence class that owns the type id).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ObjType {
    Str,
    Bytes,
    Type(TypeIndex),
}

/// A checked schema prepared for JSON conversion and dumps.
pub struct Context<'s> {
    pub schema: &'s Schema,
    pub(crate) tables: SchemaTables,
    /// The same tables in the runtime's form, for its verifier (leaked: see `tables.rs`).
    pub(crate) runtime: &'static wxl_runtime::Schema,
    by_id: HashMap<u16, TypeIndex>,
    /// Names accepted in `"$type"` and `--type`: every type's name when no other type has it,
    /// and `package.Name` always.
    names: HashMap<String, TypeIndex>,
    /// The name printed for each type id.
    display: HashMap<u16, String>,
}

impl<'s> Context<'s> {
    pub fn new(schema: &'s Schema) -> Context<'s> {
        let tables = tables::compute(schema);
        let runtime = crate::tables::runtime_schema(&tables);
        let by_id = schema.canonical_types().map(|(index, ty)| (ty.type_id, index)).collect();
        let mut ids_by_name: HashMap<&str, Vec<u16>> = HashMap::new();
        for ty in &schema.types {
            let ids = ids_by_name.entry(ty.name.as_str()).or_default();
            if !ids.contains(&ty.type_id) {
                ids.push(ty.type_id);
            }
        }
        let mut names = HashMap::new();
        let mut display = HashMap::new();
        for ty in &schema.types {
            let qualified = ty.origin.package.as_ref().map(|p| format!("{p}.{}", ty.name));
            let unique = ids_by_name[ty.name.as_str()].len() == 1;
            if unique {
                names.insert(ty.name.clone(), ty.canonical);
            }
            if let Some(q) = &qualified {
                names.insert(q.clone(), ty.canonical);
            }
            if schema.ty(ty.canonical).name == ty.name {
                let shown = if unique { ty.name.clone() } else { qualified.unwrap_or(ty.name.clone()) };
                display.entry(ty.type_id).or_insert(shown);
            }
        }
        Context { schema, tables, runtime, by_id, names, display }
    }

    /// The runtime verifier's tables for this schema (what generated code would hold as statics).
    pub fn runtime_schema(&self) -> &'static wxl_runtime::Schema {
        self.runtime
    }

    /// The struct or array type called `name` (or `package.Name`).
    pub fn type_named(&self, name: &str) -> Option<TypeIndex> {
        self.names.get(name).copied()
    }

    /// The names `type_named` accepts, sorted, for "did you mean" lists.
    pub fn type_names(&self) -> Vec<&str> {
        let mut list: Vec<&str> = self.display.values().map(String::as_str).collect();
        list.sort_unstable();
        list
    }

    /// The name printed for a type.
    pub fn type_name(&self, index: TypeIndex) -> &str {
        self.display.get(&self.schema.ty(index).type_id).map_or("?", String::as_str)
    }

    /// The root type: the one asked for, else the schema's.
    pub fn root_type(&self, asked: Option<TypeIndex>) -> Option<TypeIndex> {
        asked.or(self.schema.root)
    }

    pub(crate) fn obj_type(&self, type_id: u16) -> Option<ObjType> {
        match type_id {
            TYPE_ID_STRING => Some(ObjType::Str),
            TYPE_ID_BYTES => Some(ObjType::Bytes),
            id => self.by_id.get(&id).map(|&index| ObjType::Type(index)),
        }
    }

    /// `"$type"` names, `"string"` and `"bytes"` included.
    pub(crate) fn obj_type_named(&self, name: &str) -> Option<ObjType> {
        match name {
            "string" => Some(ObjType::Str),
            "bytes" => Some(ObjType::Bytes),
            _ => self.type_named(name).map(|index| ObjType::Type(self.schema.ty(index).canonical)),
        }
    }

    pub(crate) fn id(&self, obj: ObjType) -> u16 {
        match obj {
            ObjType::Str => TYPE_ID_STRING,
            ObjType::Bytes => TYPE_ID_BYTES,
            ObjType::Type(index) => self.schema.ty(index).type_id,
        }
    }

    pub(crate) fn name(&self, obj: ObjType) -> &str {
        match obj {
            ObjType::Str => "string",
            ObjType::Bytes => "bytes",
            ObjType::Type(index) => self.type_name(index),
        }
    }

    pub(crate) fn is_array(&self, obj: ObjType) -> bool {
        match obj {
            ObjType::Str | ObjType::Bytes => true,
            ObjType::Type(index) => matches!(self.schema.ty(index).composite, CompositeType::Array(_)),
        }
    }

    /// The type a reference to `heap` holds when no `"$type"` says otherwise; `None` for the
    /// abstract heap types, which name no one type.
    pub(crate) fn exact(&self, heap: HeapType) -> Option<ObjType> {
        match heap {
            HeapType::Concrete(index) => Some(ObjType::Type(self.schema.ty(index).canonical)),
            HeapType::String => Some(ObjType::Str),
            HeapType::Bytes => Some(ObjType::Bytes),
            HeapType::Abstract(_) => None,
        }
    }

    /// Whether a reference to `heap` may point to an object of type `obj` (LAYOUT.md §5).
    pub(crate) fn accepts(&self, heap: HeapType, obj: ObjType) -> bool {
        match heap {
            HeapType::Concrete(index) => {
                matches!(obj, ObjType::Type(_)) && self.runtime.is_subtype(self.id(obj), self.schema.ty(index).type_id)
            }
            HeapType::String => obj == ObjType::Str,
            HeapType::Bytes => obj == ObjType::Bytes,
            HeapType::Abstract(AbstractHeap::Struct) => !self.is_array(obj),
            HeapType::Abstract(AbstractHeap::Array) => self.is_array(obj),
            HeapType::Abstract(AbstractHeap::Any | AbstractHeap::Eq) => true,
            HeapType::Abstract(AbstractHeap::I31 | AbstractHeap::None) => false,
        }
    }

    /// Whether a reference to `heap` may hold an i31 value.
    pub(crate) fn accepts_i31(heap: HeapType) -> bool {
        matches!(heap, HeapType::Abstract(AbstractHeap::Any | AbstractHeap::Eq | AbstractHeap::I31))
    }

    /// The offsets of the reference slots of one struct body or one array element, relative to
    /// it: exactly the slots the verifier checks.
    pub(crate) fn ref_offsets(&self, type_id: u16) -> impl Iterator<Item = u32> + '_ {
        let table = type_id
            .checked_sub(tables::FIRST_SCHEMA_TYPE_ID)
            .and_then(|slot| self.tables.types.get(slot as usize))
            .and_then(Option::as_ref);
        table.into_iter().flat_map(|t| &t.checks).filter_map(|check| match check {
            Check::Ref { offset, .. } => Some(*offset),
            _ => None,
        })
    }

    /// Body alignment and size (struct: declared size; array: stride) of a schema type id.
    pub(crate) fn layout(&self, type_id: u16) -> Option<(u32, u32)> {
        let index = *self.by_id.get(&type_id)?;
        let layout = self.schema.ty(index).layout;
        Some((layout.body_align, layout.size))
    }
}
