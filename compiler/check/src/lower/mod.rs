//! Lowering: syntax trees (in dependency order) to the IR, resolving names and checking every
//! rule that does not need type identity. Identity (rec-group canonicalization, type ids) and
//! subtyping are checked afterwards on the IR, in `canon` and `subtyping`.
//!
//! Struct and array types get a *temporary* index while lowering: `[T]` shorthands create array
//! types that must be placed before (or inside) the rec group that uses them, so final indices
//! are only known at the end (`finish`), where every index is remapped.

mod attrs;
mod declare;
mod funcs;
mod resolve;
mod values;

use std::collections::HashMap;

use codespan_reporting::diagnostic::Label;
use wxl_ir::{
    BodyLayout, CompositeType, EnumType, FieldType, HeapType, Origin, RefType, Schema,
    StorageType, SubType, TypeIndex, ValueStruct,
};
use wxl_syntax::ast::{self, Finality};
use wxl_syntax::{Diagnostic, Span};

use crate::driver::LoadedFile;

/// What a name can mean.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Symbol {
    /// A struct or array type, by temporary index.
    Type(u32),
    Value(u32),
    Enum(u32),
    /// A function type from a WebAssembly module, by index in `Lowerer::funcs`: checked by
    /// the GC rules, but not storable and not part of the IR.
    Func(u32),
}

/// A struct or array type being lowered.
pub(crate) struct PendingType {
    pub name: String,
    pub docs: Vec<String>,
    pub origin: Origin,
    pub finality: Finality,
    pub supertype: Option<TypeIndex>,
    pub composite: CompositeType,
    /// Index in `Lowerer::groups`.
    pub group: usize,
    pub declared: bool,
    pub deprecated: bool,
    pub explicit_id: Option<u16>,
}

/// A rec group being lowered: the `[T]` array types it needs that do not mention its own
/// types (`hoisted`, each placed before the group as a group of its own) and its members
/// (declared types first, then `[T]` arrays that do mention the group's types).
#[derive(Default)]
pub(crate) struct PendingGroup {
    pub hoisted: Vec<u32>,
    pub members: Vec<u32>,
}

pub(crate) struct Lowerer<'d> {
    pub diagnostics: &'d mut Vec<Diagnostic>,
    pub symbols: HashMap<(Option<String>, String), (Symbol, Span)>,
    pub types: Vec<PendingType>,
    pub groups: Vec<PendingGroup>,
    pub value_structs: Vec<ValueStruct>,
    pub enums: Vec<EnumType>,
    /// `[T]` array types made so far, by element, for reuse.
    pub anonymous_arrays: HashMap<FieldType, u32>,
    pub identifier: Option<[u8; 4]>,
    pub root: Option<TypeIndex>,
    pub funcs: Vec<funcs::PendingFunc>,
    /// Declaration position of every type and function, for "defined before" rules.
    pub order: HashMap<Symbol, usize>,
}

impl<'d> Lowerer<'d> {
    pub fn new(diagnostics: &'d mut Vec<Diagnostic>) -> Self {
        Lowerer {
            diagnostics,
            symbols: HashMap::new(),
            types: Vec::new(),
            groups: Vec::new(),
            value_structs: Vec::new(),
            enums: Vec::new(),
            anonymous_arrays: HashMap::new(),
            identifier: None,
            root: None,
            funcs: Vec::new(),
            order: HashMap::new(),
        }
    }

    pub fn error(&mut self, code: &str, message: String, span: Span) -> &mut Diagnostic {
        let diagnostic = Diagnostic::error()
            .with_code(code)
            .with_message(message)
            .with_labels(vec![Label::primary(span.file, span.range())]);
        self.diagnostics.push(diagnostic);
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Lowers the files (imports first, the root file last).
    pub fn lower(mut self, files: &[LoadedFile]) -> Schema {
        let definitions = self.declare_all(files);
        self.lower_enums(&definitions);
        self.lower_value_structs(&definitions);
        self.check_value_struct_cycles();
        self.lower_types(&definitions);
        self.check_funcs();
        if let Some(root_file) = files.last() {
            self.lower_root_items(root_file);
        }
        let docs = files.last().map(|f| f.tree.docs.clone()).unwrap_or_default();
        let package = files.last().and_then(|f| f.tree.package.as_ref()).map(|p| p.joined());
        self.finish(package, docs)
    }

    /// Orders the types (hoisted arrays before their group, then the group), remaps every
    /// temporary index, and builds the schema. Layout and ids are filled in later.
    fn finish(self, package: Option<String>, docs: Vec<String>) -> Schema {
        let mut order: Vec<u32> = Vec::with_capacity(self.types.len());
        let mut group_ranges: Vec<Vec<u32>> = Vec::new();
        for group in &self.groups {
            for &hoisted in &group.hoisted {
                group_ranges.push(vec![hoisted]);
                order.push(hoisted);
            }
            if !group.members.is_empty() {
                group_ranges.push(group.members.clone());
                order.extend(&group.members);
            }
        }
        let mut remap = vec![TypeIndex(0); self.types.len()];
        for (position, &temp) in order.iter().enumerate() {
            remap[temp as usize] = TypeIndex(position as u32);
        }
        let mut slots: Vec<Option<PendingType>> = self.types.into_iter().map(Some).collect();
        let mut types = Vec::with_capacity(order.len());
        for &temp in &order {
            let pending = slots[temp as usize].take().expect("each type placed once");
            types.push(finish_type(pending, &remap));
        }
        let mut value_structs = self.value_structs;
        for value in &mut value_structs {
            for field in &mut value.fields {
                field.ty.storage = remap_storage(field.ty.storage, &remap);
            }
        }
        let rec_groups = group_ranges
            .into_iter()
            .map(|g| wxl_ir::RecGroup { types: g.iter().map(|t| remap[*t as usize]).collect() })
            .collect();
        Schema {
            package,
            docs,
            identifier: self.identifier,
            root: self.root.map(|r| remap[r.0 as usize]),
            rec_groups,
            types,
            value_structs,
            enums: self.enums,
        }
    }
}

fn finish_type(pending: PendingType, remap: &[TypeIndex]) -> SubType {
    let mut composite = pending.composite;
    match &mut composite {
        CompositeType::Struct(st) => {
            for field in &mut st.fields {
                field.ty.storage = remap_storage(field.ty.storage, remap);
            }
        }
        CompositeType::Array(array) => {
            array.element.storage = remap_storage(array.element.storage, remap)
        }
    }
    SubType {
        name: pending.name,
        docs: pending.docs,
        origin: pending.origin,
        is_final: pending.finality == Finality::Final,
        supertype: pending.supertype.map(|s| remap[s.0 as usize]),
        composite,
        canonical: TypeIndex(0),
        type_id: 0,
        explicit_id: pending.explicit_id,
        declared: pending.declared,
        deprecated: pending.deprecated,
        layout: BodyLayout::default(),
    }
}

pub(crate) fn remap_storage(storage: StorageType, remap: &[TypeIndex]) -> StorageType {
    match storage {
        StorageType::Ref(RefType { nullable, heap: HeapType::Concrete(t) }) => {
            StorageType::Ref(RefType { nullable, heap: HeapType::Concrete(remap[t.0 as usize]) })
        }
        other => other,
    }
}

/// Definitions by kind, kept with the package they were written in, for the later passes.
pub(crate) struct Definitions<'f> {
    /// (temporary type index, package, definition)
    pub types: Vec<(u32, Option<String>, &'f ast::TypeDef)>,
    pub value_structs: Vec<(u32, Option<String>, &'f ast::TypeDef)>,
    pub enums: Vec<(u32, Option<String>, &'f ast::TypeDef)>,
}

