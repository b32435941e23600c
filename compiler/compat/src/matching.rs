//! Pairs the definitions of the two schemas: by qualified name (package + name) first, then
//! renames: an unmatched struct or array type with the same type id (what old buffers carry in
//! their tag words, so it is what new readers will take them for), an unmatched enum or value
//! struct with the same shape.

use std::collections::HashMap;

use wxl_ir::{CompositeType, EnumIndex, HeapType, Schema, TypeIndex, ValueIndex};

/// A named definition of a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Def {
    Type(TypeIndex),
    Value(ValueIndex),
    Enum(EnumIndex),
}

#[derive(Default)]
pub(crate) struct Matching {
    /// Old index to new index, and back.
    pub types: HashMap<TypeIndex, TypeIndex>,
    pub types_back: HashMap<TypeIndex, TypeIndex>,
    pub values: HashMap<ValueIndex, ValueIndex>,
    pub enums: HashMap<EnumIndex, EnumIndex>,
    /// Matched under another name (old, new).
    pub renamed: Vec<(Def, Def)>,
    /// Same qualified name, different kind of definition (old, new).
    pub kind_changed: Vec<(Def, Def)>,
    /// Old definitions with no partner, in declaration order.
    pub removed: Vec<Def>,
    /// New definitions with no partner, in declaration order.
    pub added: Vec<Def>,
}

/// (package, name, occurrence): the occurrence tells apart two anonymous array types that got
/// the same generated name in different rec groups.
type Key = (Option<String>, String, usize);

fn definitions(schema: &Schema) -> Vec<(Key, Def)> {
    let mut seen: HashMap<(Option<String>, String), usize> = HashMap::new();
    let mut list = Vec::new();
    let mut add = |package: &Option<String>, name: &str, def: Def| {
        let count = seen.entry((package.clone(), name.to_string())).or_insert(0);
        list.push(((package.clone(), name.to_string(), *count), def));
        *count += 1;
    };
    for (i, ty) in schema.types.iter().enumerate() {
        add(&ty.origin.package, &ty.name, Def::Type(TypeIndex(i as u32)));
    }
    for (i, value) in schema.value_structs.iter().enumerate() {
        add(&value.origin.package, &value.name, Def::Value(ValueIndex(i as u32)));
    }
    for (i, enum_type) in schema.enums.iter().enumerate() {
        add(&enum_type.origin.package, &enum_type.name, Def::Enum(EnumIndex(i as u32)));
    }
    list
}

impl Matching {
    pub fn build(old: &Schema, new: &Schema) -> Matching {
        let mut matching = Matching::default();
        let new_defs = definitions(new);
        let by_key: HashMap<&Key, Def> = new_defs.iter().map(|(k, d)| (k, *d)).collect();
        let mut taken: Vec<Def> = Vec::new();
        for (key, old_def) in definitions(old) {
            match by_key.get(&key) {
                Some(&new_def) if same_kind(old_def, new_def) => matching.pair(old_def, new_def),
                Some(&new_def) => matching.kind_changed.push((old_def, new_def)),
                None => {
                    matching.removed.push(old_def);
                    continue;
                }
            }
            taken.push(by_key[&key]);
        }
        matching.added = new_defs.iter().map(|(_, d)| *d).filter(|d| !taken.contains(d)).collect();
        matching.find_renames(old, new);
        matching
    }

    fn pair(&mut self, old: Def, new: Def) {
        match (old, new) {
            (Def::Type(a), Def::Type(b)) => {
                self.types.insert(a, b);
                self.types_back.insert(b, a);
            }
            (Def::Value(a), Def::Value(b)) => {
                self.values.insert(a, b);
            }
            (Def::Enum(a), Def::Enum(b)) => {
                self.enums.insert(a, b);
            }
            _ => unreachable!("pair() is only called with definitions of one kind"),
        }
    }

    fn find_renames(&mut self, old: &Schema, new: &Schema) {
        let removed = std::mem::take(&mut self.removed);
        for old_def in removed {
            let partner = self.added.iter().position(|&new_def| renamed(old, new, old_def, new_def, &self.added));
            match partner {
                Some(position) => {
                    let new_def = self.added.remove(position);
                    self.pair(old_def, new_def);
                    self.renamed.push((old_def, new_def));
                }
                None => self.removed.push(old_def),
            }
        }
    }

    /// The new schema's heap type for an old one; `None` when its type has no partner.
    pub fn heap_to_new(&self, heap: HeapType) -> Option<HeapType> {
        match heap {
            HeapType::Concrete(t) => self.types.get(&t).map(|&n| HeapType::Concrete(n)),
            other => Some(other),
        }
    }

    /// The old schema's heap type for a new one.
    pub fn heap_to_old(&self, heap: HeapType) -> Option<HeapType> {
        match heap {
            HeapType::Concrete(t) => self.types_back.get(&t).map(|&o| HeapType::Concrete(o)),
            other => Some(other),
        }
    }
}

fn same_kind(a: Def, b: Def) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}

/// Whether `new_def` is `old_def` renamed: same type id and composite kind for struct and array
/// types; for enums and value structs (which have no id) the same shape, and no other candidate
/// of that shape (an ambiguous rename is reported as removal plus addition).
fn renamed(old: &Schema, new: &Schema, old_def: Def, new_def: Def, candidates: &[Def]) -> bool {
    match (old_def, new_def) {
        (Def::Type(a), Def::Type(b)) => {
            let (a, b) = (old.ty(a), new.ty(b));
            a.type_id == b.type_id
                && matches!(
                    (&a.composite, &b.composite),
                    (CompositeType::Struct(_), CompositeType::Struct(_)) | (CompositeType::Array(_), CompositeType::Array(_))
                )
        }
        (Def::Value(_), Def::Value(_)) | (Def::Enum(_), Def::Enum(_)) => {
            let shape = shape(old, old_def);
            let same: Vec<&Def> = candidates.iter().filter(|&&d| same_kind(d, new_def) && self::shape(new, d) == shape).collect();
            same.len() == 1 && *same[0] == new_def
        }
        _ => false,
    }
}

/// A name-free description of an enum or value struct, for rename detection.
fn shape(schema: &Schema, def: Def) -> String {
    match def {
        Def::Enum(e) => {
            let e = schema.enum_type(e);
            let mut values: Vec<i128> = e.variants.iter().map(|v| v.value).collect();
            values.sort_unstable();
            format!("{} {} {values:?}", e.repr.name(), e.open)
        }
        Def::Value(v) => {
            let v = schema.value_struct(v);
            let fields: Vec<(u32, u32)> = v
                .fields
                .iter()
                .map(|f| (f.offset, wxl_ir::layout::storage_size_align(schema, f.ty.storage).0))
                .collect();
            format!("{} {} {fields:?}", v.size, v.align)
        }
        Def::Type(_) => String::new(),
    }
}
