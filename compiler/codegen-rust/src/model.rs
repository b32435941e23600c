//! Everything the generators need to know about a schema beyond the IR, computed once: the Rust
//! names of every item and method, the subtype sets, and a few closure facts (which types can
//! be built at all, which need a mutable wrapper).

use std::collections::HashMap;

use proc_macro2::Ident;
use wxl_ir::tables::SchemaTables;
use wxl_ir::{CompositeType, EnumIndex, Field, HeapType, Schema, StorageType, TypeIndex, ValueIndex};

use crate::names::{self, ident, Scope};
use crate::Options;

/// The Rust names of one field.
pub(crate) struct FieldNames {
    /// The getter, and the field name in `Args` and owned structs.
    pub getter: Ident,
    /// `set_x` on the mutable wrapper.
    pub setter: Ident,
    /// `x_mut`: navigation to the mutable wrapper of what the field refers to.
    pub nav: Ident,
}

/// The Rust names of a struct or array type.
pub(crate) struct TypeNames {
    pub view: Ident,
    pub args: Ident,
    pub owned: Ident,
    pub mutable: Ident,
    /// The enum over the concrete subtypes (types with subtypes only).
    pub kind: Ident,
    pub kind_owned: Ident,
    /// The view's method returning `kind`.
    pub kind_method: Ident,
    /// Snake case of the view name, for helper methods (`unpack_log`).
    pub snake: String,
    pub fields: Vec<FieldNames>,
    /// Per strict subtype: the view's cast method and the mutable wrapper's.
    pub casts: Vec<(TypeIndex, Ident, Ident)>,
}

pub(crate) struct ValueNames {
    pub view: Ident,
    pub args: Ident,
    pub owned: Ident,
    pub snake: String,
    pub fields: Vec<FieldNames>,
}

pub(crate) struct EnumNames {
    pub name: Ident,
    /// Closed enums: variant names. Open enums: associated constant names.
    pub variants: Vec<Ident>,
}

pub(crate) struct Model<'s> {
    pub schema: &'s Schema,
    pub options: &'s Options,
    pub tables: SchemaTables,
    pub types: Vec<TypeNames>,
    pub values: Vec<ValueNames>,
    pub enums: Vec<EnumNames>,
    /// Per type: its strict subtypes (canonical types only), in type id order.
    pub subtypes: Vec<Vec<TypeIndex>>,
    /// Per type: every other type it may be stored as (its ancestors and the types equivalent
    /// to it or to them), in declaration order.
    pub supertypes: Vec<Vec<TypeIndex>>,
    /// The inverse of `supertypes`: every other type that may be stored as this one.
    pub all_subtypes: Vec<Vec<TypeIndex>>,
    /// Per type: whether a valid buffer can hold an object of it (non-null references that form
    /// a cycle, or a non-null `ref none`, make a type uninhabited).
    pub inhabited: Vec<bool>,
    pub value_inhabited: Vec<bool>,
    /// Per type: whether it gets a mutable wrapper (it has `mut` scalar fields, or leads to one).
    pub needs_mut: Vec<bool>,
    /// Per array type: whether its elements lead back to it through arrays alone
    /// (`array Tree = ref null Tree`). Its owned form is then a newtype (`TreeT`), since
    /// `Rc<[Option<Rc<[...]>>]>` would be an infinite type.
    pub array_cycle: Vec<bool>,
}

impl<'s> Model<'s> {
    pub(crate) fn new(schema: &'s Schema, options: &'s Options) -> Model<'s> {
        let supertypes = supertypes(schema);
        let all_subtypes = invert(&supertypes);
        let subtypes = strict_subtypes(schema, &supertypes);
        let (inhabited, value_inhabited) = inhabitation(schema, &subtypes);
        let mut model = Model {
            schema,
            options,
            tables: wxl_ir::tables::compute(schema),
            types: Vec::new(),
            values: Vec::new(),
            enums: Vec::new(),
            subtypes,
            supertypes,
            all_subtypes,
            inhabited,
            value_inhabited,
            needs_mut: Vec::new(),
            array_cycle: Vec::new(),
        };
        model.array_cycle = (0..schema.types.len()).map(|i| array_cycle(&model, TypeIndex(i as u32))).collect();
        model.needs_mut = needs_mut(&model);
        assign_names(&mut model);
        model
    }

    pub(crate) fn ty(&self, index: TypeIndex) -> &TypeNames {
        &self.types[index.0 as usize]
    }

    pub(crate) fn value(&self, index: ValueIndex) -> &ValueNames {
        &self.values[index.0 as usize]
    }

    pub(crate) fn enum_names(&self, index: EnumIndex) -> &EnumNames {
        &self.enums[index.0 as usize]
    }

    pub(crate) fn has_subtypes(&self, index: TypeIndex) -> bool {
        !self.subtypes[index.0 as usize].is_empty()
    }

    pub(crate) fn is_inhabited(&self, index: TypeIndex) -> bool {
        self.inhabited[index.0 as usize]
    }

    /// See `array_cycle`.
    pub(crate) fn is_array_newtype(&self, index: TypeIndex) -> bool {
        self.array_cycle[index.0 as usize]
    }

    pub(crate) fn needs_mut(&self, index: TypeIndex) -> bool {
        self.needs_mut[index.0 as usize]
    }

    /// Every type index, in declaration order.
    pub(crate) fn type_indices(&self) -> impl Iterator<Item = TypeIndex> {
        (0..self.schema.types.len() as u32).map(TypeIndex)
    }

    /// Whether a field or element of the schema is an abstract reference (`anyref`, ...).
    pub(crate) fn uses_abstract_refs(&self) -> bool {
        let abstract_ref = |storage: StorageType| matches!(storage, StorageType::Ref(r) if matches!(r.heap, HeapType::Abstract(_)));
        let in_fields = |fields: &[Field]| fields.iter().any(|f| abstract_ref(f.ty.storage));
        self.schema.value_structs.iter().any(|v| in_fields(&v.fields))
            || self.schema.types.iter().any(|t| match &t.composite {
                CompositeType::Struct(st) => in_fields(&st.fields),
                CompositeType::Array(array) => abstract_ref(array.element.storage),
            })
    }
}

/// Per type, the other types it may be stored as: every member of every class on its supertype
/// chain (its own class included). Linear in the number of types times the chain depth.
fn supertypes(schema: &Schema) -> Vec<Vec<TypeIndex>> {
    let mut classes: HashMap<TypeIndex, Vec<TypeIndex>> = HashMap::new();
    for (i, ty) in schema.types.iter().enumerate() {
        classes.entry(ty.canonical).or_default().push(TypeIndex(i as u32));
    }
    (0..schema.types.len())
        .map(|i| {
            let me = TypeIndex(i as u32);
            let mut out = Vec::new();
            let mut current = Some(me);
            while let Some(t) = current {
                out.extend(classes[&schema.ty(t).canonical].iter().copied().filter(|&m| m != me));
                current = schema.ty(t).supertype;
            }
            out.sort();
            out.dedup();
            out
        })
        .collect()
}

fn invert(relation: &[Vec<TypeIndex>]) -> Vec<Vec<TypeIndex>> {
    let mut inverse = vec![Vec::new(); relation.len()];
    for (a, targets) in relation.iter().enumerate() {
        for b in targets {
            inverse[b.0 as usize].push(TypeIndex(a as u32));
        }
    }
    inverse
}

/// Per type, the canonical types below its class (equivalents excluded), in type id order.
fn strict_subtypes(schema: &Schema, supertypes: &[Vec<TypeIndex>]) -> Vec<Vec<TypeIndex>> {
    let mut below: HashMap<TypeIndex, Vec<TypeIndex>> = HashMap::new();
    for (candidate, ty) in schema.canonical_types() {
        for &above in &supertypes[candidate.0 as usize] {
            let class = schema.ty(above).canonical;
            if class != ty.canonical && above == class {
                below.entry(class).or_default().push(candidate);
            }
        }
    }
    schema
        .types
        .iter()
        .map(|ty| {
            let mut list = below.get(&ty.canonical).cloned().unwrap_or_default();
            list.sort_by_key(|t| schema.ty(*t).type_id);
            list
        })
        .collect()
}

/// Least fixed point: a struct is inhabited when every non-null reference it holds (directly or
/// in value structs) can point at an inhabited object. Arrays always are (the empty array).
fn inhabitation(schema: &Schema, subtypes: &[Vec<TypeIndex>]) -> (Vec<bool>, Vec<bool>) {
    let mut types = vec![false; schema.types.len()];
    let mut values = vec![false; schema.value_structs.len()];
    loop {
        let mut changed = false;
        for (i, value) in schema.value_structs.iter().enumerate() {
            if !values[i] && value.fields.iter().all(|f| storage_inhabited(schema, subtypes, f.ty.storage, &types, &values)) {
                values[i] = true;
                changed = true;
            }
        }
        for (i, ty) in schema.types.iter().enumerate() {
            let ok = match &ty.composite {
                CompositeType::Array(_) => true,
                CompositeType::Struct(st) => st.fields.iter().all(|f| storage_inhabited(schema, subtypes, f.ty.storage, &types, &values)),
            };
            if ok && !types[i] {
                types[i] = true;
                changed = true;
            }
        }
        if !changed {
            return (types, values);
        }
    }
}

fn storage_inhabited(schema: &Schema, subtypes: &[Vec<TypeIndex>], storage: StorageType, types: &[bool], values: &[bool]) -> bool {
    match storage {
        StorageType::Scalar(_) | StorageType::Enum(_) => true,
        StorageType::Value(index) => values[index.0 as usize],
        StorageType::Ref(reference) if reference.nullable => true,
        StorageType::Ref(reference) => match reference.heap {
            // Equivalent types have the same fields, so the canonical one decides for its class.
            HeapType::Concrete(target) => {
                types[schema.ty(target).canonical.0 as usize] || subtypes[target.0 as usize].iter().any(|s| types[s.0 as usize])
            }
            HeapType::Abstract(wxl_ir::AbstractHeap::None) => false,
            _ => true,
        },
    }
}

/// Whether following `index`'s elements through arrays whose owned form is inline (no subtypes,
/// so no kind enum) comes back to `index`.
fn array_cycle(model: &Model, index: TypeIndex) -> bool {
    let schema = model.schema;
    let mut current = index;
    for _ in 0..schema.types.len() {
        let Some(element) = crate::fields::element(schema, current) else { return false };
        match crate::fields::Kind::of(schema, element) {
            crate::fields::Kind::Array { target, .. } if model.subtypes[target.0 as usize].is_empty() => {
                if target == index {
                    return true;
                }
                current = target;
            }
            _ => return false,
        }
    }
    false
}

/// Greatest-needed closure: a type needs a mutable wrapper when it has a settable field, refers
/// to a type that needs one, or has a subtype that needs one (reached through a cast).
fn needs_mut(model: &Model) -> Vec<bool> {
    let schema = model.schema;
    let mut needs: Vec<bool> = schema.types.iter().map(|t| crate::mutate::has_settable(schema, t)).collect();
    loop {
        let mut changed = false;
        for i in 0..schema.types.len() {
            if needs[i] {
                continue;
            }
            let index = TypeIndex(i as u32);
            let via_ref = crate::mutate::navigable_targets(schema, index).iter().any(|t| needs[t.0 as usize]);
            let via_sub = model.subtypes[i].iter().any(|s| needs[s.0 as usize]);
            if via_ref || via_sub {
                needs[i] = true;
                changed = true;
            }
        }
        if !changed {
            return needs;
        }
    }
}

/// Names every item: base names first (local package, then imports), derived names after, so a
/// schema name always keeps its spelling when it can.
fn assign_names(model: &mut Model) {
    let schema = model.schema;
    let mut scope = Scope::with_reserved(names::RESERVED_TYPE_NAMES);
    let local = |origin: &wxl_ir::Origin| origin.package == schema.package;
    let mut enum_names = vec![String::new(); schema.enums.len()];
    let mut value_names = vec![String::new(); schema.value_structs.len()];
    let mut type_names = vec![String::new(); schema.types.len()];
    for pass_local in [true, false] {
        for (i, e) in schema.enums.iter().enumerate().filter(|(_, e)| local(&e.origin) == pass_local) {
            enum_names[i] = claim_type(&mut scope, &e.name, &e.origin);
        }
        for (i, v) in schema.value_structs.iter().enumerate().filter(|(_, v)| local(&v.origin) == pass_local) {
            value_names[i] = claim_type(&mut scope, &v.name, &v.origin);
        }
        for (i, t) in schema.types.iter().enumerate().filter(|(_, t)| local(&t.origin) == pass_local) {
            type_names[i] = claim_type(&mut scope, &t.name, &t.origin);
        }
    }
    model.enums = schema.enums.iter().zip(&enum_names).map(|(e, name)| enum_names_of(e, name)).collect();
    model.values = schema
        .value_structs
        .iter()
        .zip(&value_names)
        .map(|(v, name)| ValueNames {
            view: ident(name),
            args: ident(&scope.claim(&format!("{name}Args"))),
            owned: ident(&scope.claim(&format!("{name}T"))),
            snake: names::snake_case(name),
            fields: field_names(&v.fields, &mut Scope::default()),
        })
        .collect();
    model.types = (0..schema.types.len()).map(|i| type_names_of(model, &mut scope, &type_names, i)).collect();
}

/// A base type name; an imported name that is taken tries its package as a prefix first.
fn claim_type(scope: &mut Scope, name: &str, origin: &wxl_ir::Origin) -> String {
    let wanted = names::type_case(name);
    if scope.contains(&wanted) {
        if let Some(package) = &origin.package {
            let prefixed = format!("{}{wanted}", names::type_case(package));
            if !scope.contains(&prefixed) {
                return scope.claim(&prefixed);
            }
        }
    }
    scope.claim(&wanted)
}

fn enum_names_of(e: &wxl_ir::EnumType, name: &str) -> EnumNames {
    let mut scope = Scope::with_reserved(&["Self"]);
    let variants = e
        .variants
        .iter()
        .map(|v| {
            let wanted = if e.open { names::shouty_case(&v.name) } else { names::type_case(&v.name) };
            ident(&scope.claim(&wanted))
        })
        .collect();
    EnumNames { name: ident(name), variants }
}

fn type_names_of(model: &Model, scope: &mut Scope, base: &[String], i: usize) -> TypeNames {
    let schema = model.schema;
    let name = &base[i];
    let mut methods = Scope::default();
    let fields = match &schema.types[i].composite {
        CompositeType::Struct(st) => field_names(&st.fields, &mut methods),
        CompositeType::Array(_) => Vec::new(),
    };
    let casts = model.subtypes[i]
        .iter()
        .map(|&sub| {
            let sub_snake = names::snake_case(&base[sub.0 as usize]);
            let cast = methods.claim(&format!("as_{sub_snake}"));
            (sub, ident(&cast), ident(&format!("into_{sub_snake}")))
        })
        .collect();
    let kind_method = ident(&methods.claim("kind"));
    TypeNames {
        view: ident(name),
        args: ident(&scope.claim(&format!("{name}Args"))),
        owned: ident(&scope.claim(&format!("{name}T"))),
        mutable: ident(&scope.claim(&format!("{name}Mut"))),
        kind: ident(&scope.claim(&format!("{name}Kind"))),
        kind_owned: ident(&scope.claim(&format!("{name}KindT"))),
        kind_method,
        snake: names::snake_case(name),
        fields,
        casts,
    }
}

/// Getter, setter and navigation names of each field, unique within the view and within the
/// mutable wrapper.
fn field_names(fields: &[Field], getters: &mut Scope) -> Vec<FieldNames> {
    let mut mutators = Scope::with_reserved(&["view"]);
    fields
        .iter()
        .map(|field| {
            let getter = getters.claim(&names::getter_case(&field.name));
            let plain = getter.trim_end_matches('_');
            FieldNames {
                setter: ident(&mutators.claim(&format!("set_{plain}"))),
                nav: ident(&mutators.claim(&format!("{plain}_mut"))),
                getter: ident(&getter),
            }
        })
        .collect()
}
