//! Type expressions to storage types: built-in names, references, `[T]` arrays, and the
//! GC ordering rules (a type may only mention types defined earlier or in its own rec group).

use std::collections::HashSet;

use codespan_reporting::diagnostic::Label;
use wxl_ir::{
    AbstractHeap, ArrayType, CompositeType, Field, FieldType, HeapType, Origin, RefType, Scalar,
    StorageType, StructType, TypeIndex, ValueStruct,
};
use wxl_syntax::ast::{self, ElementDef, Finality, TypeDefKind, TypeExpr};
use wxl_syntax::Span;

use super::{Definitions, Lowerer, PendingType, Symbol};
use crate::codes;

/// Where a type expression is being resolved.
#[derive(Clone, Copy)]
pub(crate) struct Context<'p> {
    pub package: &'p Option<String>,
    /// The rec group of the type being lowered; `None` inside a value struct.
    pub group: Option<usize>,
}

pub(crate) fn scalar_named(name: &str) -> Option<Scalar> {
    Some(match name {
        "bool" => Scalar::Bool,
        "i8" | "s8" => Scalar::I8,
        "u8" => Scalar::U8,
        "i16" | "s16" => Scalar::I16,
        "u16" => Scalar::U16,
        "i32" | "s32" => Scalar::I32,
        "u32" => Scalar::U32,
        "i64" | "s64" => Scalar::I64,
        "u64" => Scalar::U64,
        "f32" => Scalar::F32,
        "f64" => Scalar::F64,
        "v128" => Scalar::V128,
        _ => return None,
    })
}

fn abstract_heap_named(name: &str) -> Option<HeapType> {
    Some(match name {
        "any" => HeapType::Abstract(AbstractHeap::Any),
        "eq" => HeapType::Abstract(AbstractHeap::Eq),
        "i31" => HeapType::Abstract(AbstractHeap::I31),
        "struct" => HeapType::Abstract(AbstractHeap::Struct),
        "array" => HeapType::Abstract(AbstractHeap::Array),
        "none" => HeapType::Abstract(AbstractHeap::None),
        "string" => HeapType::String,
        "bytes" => HeapType::Bytes,
        _ => return None,
    })
}

/// `anyref` and friends: nullable references to an abstract heap type.
fn ref_shorthand(name: &str) -> Option<HeapType> {
    let heap = name.strip_suffix("ref")?;
    match heap {
        "any" | "eq" | "i31" | "struct" | "array" => abstract_heap_named(heap),
        "null" => Some(HeapType::Abstract(AbstractHeap::None)),
        _ => None,
    }
}

const UNSTORABLE: &[&str] = &[
    "func", "nofunc", "extern", "noextern", "exn", "noexn", "funcref", "externref", "exnref",
    "nullfuncref", "nullexternref", "nullexnref",
];

impl Lowerer<'_> {
    pub(crate) fn lower_value_structs(&mut self, definitions: &Definitions<'_>) {
        for (_, package, def) in &definitions.value_structs {
            let TypeDefKind::ValueStruct { fields } = &def.kind else { continue };
            let context = Context { package, group: None };
            let fields = self.lower_fields(fields, context);
            self.value_structs.push(ValueStruct {
                name: def.name.name.clone(),
                docs: def.docs.clone(),
                origin: Origin { package: package.clone(), span: def.span },
                fields,
                size: 0,
                align: 1,
            });
        }
    }

    /// A value struct that holds itself (directly or through others) has no finite size.
    pub(crate) fn check_value_struct_cycles(&mut self) {
        for start in 0..self.value_structs.len() {
            if self.value_reaches(start, start, &mut HashSet::new()) {
                let value = &self.value_structs[start];
                let message = format!("value struct `{}` contains itself: it would have no finite size", value.name);
                let span = value.origin.span;
                self.error(codes::VALUE_STRUCT_CYCLE, message, span)
                    .notes
                    .push("use a reference (`ref null T`) to a struct type instead".into());
            }
        }
    }

    fn value_reaches(&self, from: usize, target: usize, seen: &mut HashSet<usize>) -> bool {
        if !seen.insert(from) {
            return false;
        }
        self.value_structs[from].fields.iter().any(|field| match field.ty.storage {
            StorageType::Value(inner) => {
                inner.0 as usize == target || self.value_reaches(inner.0 as usize, target, seen)
            }
            _ => false,
        })
    }

    pub(crate) fn lower_types(&mut self, definitions: &Definitions<'_>) {
        for (temp, package, def) in &definitions.types {
            let group = self.types[*temp as usize].group;
            let context = Context { package, group: Some(group) };
            let (composite, supertype) = match &def.kind {
                TypeDefKind::Struct { fields, supertype, .. } => {
                    let fields = self.lower_fields(fields, context);
                    (CompositeType::Struct(StructType { fields }), supertype)
                }
                TypeDefKind::Array { element, supertype, .. } => {
                    let storage = self.resolve_type(&element.ty, context);
                    let element = FieldType {
                        mutable: element.mutable,
                        storage: storage.unwrap_or(StorageType::Scalar(Scalar::U8)),
                    };
                    (CompositeType::Array(ArrayType { element }), supertype)
                }
                _ => continue,
            };
            let is_array = matches!(composite, CompositeType::Array(_));
            self.types[*temp as usize].composite = composite;
            if let Some(path) = supertype {
                let resolved = self.resolve_supertype(*temp, is_array, package, path);
                self.types[*temp as usize].supertype = resolved;
            }
        }
    }

    fn lower_fields(&mut self, fields: &[ast::FieldDef], context: Context<'_>) -> Vec<Field> {
        let mut out: Vec<Field> = Vec::new();
        for field in fields {
            if let Some(first) = out.iter().find(|f| f.name == field.name.name) {
                let message = format!("field `{}` is declared twice", field.name.name);
                let first_span = first.span;
                self.error(codes::DUPLICATE_MEMBER, message, field.name.span)
                    .labels
                    .push(Label::secondary(first_span.file, first_span.range()).with_message("first declared here"));
            }
            let deprecated = self.member_deprecated(&field.attrs);
            let storage = self.resolve_type(&field.ty, context);
            if let (Some(StorageType::Value(value)), Some(group)) = (storage, context.group) {
                self.check_value_refs_order(value.0 as usize, group, field.ty.span(), &mut HashSet::new());
            }
            let storage = storage.unwrap_or(StorageType::Scalar(Scalar::U8));
            let default = field.default.as_ref().and_then(|literal| self.default_value(storage, literal));
            out.push(Field {
                name: field.name.name.clone(),
                docs: field.docs.clone(),
                span: field.span,
                ty: FieldType { mutable: field.mutable, storage },
                default,
                deprecated,
                offset: 0,
            });
        }
        out
    }

    pub(crate) fn resolve_type(&mut self, expr: &TypeExpr, context: Context<'_>) -> Option<StorageType> {
        match expr {
            TypeExpr::Named(path) => self.resolve_named(path, context),
            TypeExpr::Ref { nullable, heap, .. } => {
                let heap = self.resolve_heap(heap, context)?;
                Some(StorageType::Ref(RefType { nullable: *nullable, heap }))
            }
            TypeExpr::Array { element, span } => {
                let temp = self.anonymous_array(element, context, *span)?;
                let heap = HeapType::Concrete(TypeIndex(temp));
                Some(StorageType::Ref(RefType { nullable: false, heap }))
            }
        }
    }

    fn resolve_named(&mut self, path: &ast::Path, context: Context<'_>) -> Option<StorageType> {
        if let [single] = path.segments.as_slice() {
            let name = single.name.as_str();
            if let Some(scalar) = scalar_named(name) {
                return Some(StorageType::Scalar(scalar));
            }
            if let Some(heap) = ref_shorthand(name) {
                return Some(StorageType::Ref(RefType { nullable: true, heap }));
            }
            if name == "string" || name == "bytes" {
                let heap = abstract_heap_named(name)?;
                return Some(StorageType::Ref(RefType { nullable: false, heap }));
            }
            if UNSTORABLE.contains(&name) || abstract_heap_named(name).is_some() {
                return self.bare_heap_name(path);
            }
        }
        match self.lookup(context.package, path)? {
            Symbol::Type(temp) => {
                self.check_order(temp, context, path.span);
                let heap = HeapType::Concrete(TypeIndex(temp));
                Some(StorageType::Ref(RefType { nullable: false, heap }))
            }
            Symbol::Value(index) => Some(StorageType::Value(wxl_ir::ValueIndex(index))),
            Symbol::Enum(index) => Some(StorageType::Enum(wxl_ir::EnumIndex(index))),
            Symbol::Func(_) => self.not_storable(path),
        }
    }

    /// `any` or `func` written where a storage type is expected.
    fn bare_heap_name(&mut self, path: &ast::Path) -> Option<StorageType> {
        let name = path.joined();
        if UNSTORABLE.contains(&name.as_str()) {
            return self.not_storable(path);
        }
        let message = format!("`{name}` is a heap type: write `ref {name}`, `ref null {name}` or `{name}ref`");
        self.error(codes::NOT_A_HEAP_TYPE, message, path.span);
        None
    }

    fn not_storable<T>(&mut self, path: &ast::Path) -> Option<T> {
        let message = format!("`{}` cannot be stored in a buffer", path.joined());
        self.error(codes::NOT_STORABLE, message, path.span).notes.push(
            "func, extern and exn references name things outside the buffer (functions, host objects, exceptions)".into(),
        );
        None
    }

    fn resolve_heap(&mut self, path: &ast::Path, context: Context<'_>) -> Option<HeapType> {
        if let [single] = path.segments.as_slice() {
            if let Some(heap) = abstract_heap_named(&single.name) {
                return Some(heap);
            }
            if UNSTORABLE.contains(&single.name.as_str()) {
                return self.not_storable(path);
            }
        }
        match self.lookup(context.package, path)? {
            Symbol::Type(temp) => {
                self.check_order(temp, context, path.span);
                Some(HeapType::Concrete(TypeIndex(temp)))
            }
            Symbol::Value(_) | Symbol::Enum(_) => {
                let message = format!("`{}` is stored inline, not in an object: it cannot be referenced", path.joined());
                self.error(codes::NOT_A_HEAP_TYPE, message, path.span)
                    .notes
                    .push("write the name alone to store it inline, or use a struct type".into());
                None
            }
            Symbol::Func(_) => self.not_storable(path),
        }
    }

    /// GC rule: a type may mention types of earlier rec groups and of its own group only.
    fn check_order(&mut self, target: u32, context: Context<'_>, span: Span) {
        let Some(group) = context.group else { return };
        if self.types[target as usize].group <= group {
            return;
        }
        let name = self.types[target as usize].name.clone();
        let target_span = self.types[target as usize].origin.span;
        let message = format!("`{name}` is defined later, outside this type's rec group");
        let diagnostic = self.error(codes::FORWARD_REFERENCE, message, span);
        diagnostic.labels.push(Label::secondary(target_span.file, target_span.range()).with_message("defined here"));
        diagnostic.notes.push("move it earlier, or put both types in one `rec { ... }` group".into());
    }

    /// A value struct used by a type in `group` must only reference types it may reference.
    fn check_value_refs_order(&mut self, value: usize, group: usize, span: Span, seen: &mut HashSet<usize>) {
        if !seen.insert(value) {
            return;
        }
        let storages: Vec<StorageType> = self.value_structs[value].fields.iter().map(|f| f.ty.storage).collect();
        for storage in storages {
            match storage {
                StorageType::Ref(RefType { heap: HeapType::Concrete(t), .. }) => {
                    let package = None;
                    self.check_order(t.0, Context { package: &package, group: Some(group) }, span)
                }
                StorageType::Value(inner) => self.check_value_refs_order(inner.0 as usize, group, span, seen),
                _ => {}
            }
        }
    }

    /// `[T]`: an array type made for the element, placed before the current rec group (or
    /// inside it, when the element mentions the group's own types), reused when the same
    /// element appears again.
    fn anonymous_array(&mut self, element: &ElementDef, context: Context<'_>, span: Span) -> Option<u32> {
        let Some(group) = context.group else {
            let message = "`[T]` cannot be used inside a value struct".to_string();
            self.error(codes::NOT_A_HEAP_TYPE, message, span)
                .notes
                .push("declare the array type (`array Name = T;`) and use its name".into());
            return None;
        };
        let storage = self.resolve_type(&element.ty, context)?;
        let field_type = FieldType { mutable: element.mutable, storage };
        let joins = self.mentions_group(storage, group, &mut HashSet::new());
        if let Some(&temp) = self.anonymous_arrays.get(&field_type) {
            let placed = self.types[temp as usize].group;
            if placed < group || (placed == group && !joins) || self.groups[group].members.contains(&temp) {
                return Some(temp);
            }
        }
        let temp = self.types.len() as u32;
        let name = self.anonymous_name(field_type, context.package);
        self.types.push(PendingType {
            name,
            docs: Vec::new(),
            origin: Origin { package: context.package.clone(), span },
            finality: Finality::Final,
            supertype: None,
            composite: CompositeType::Array(ArrayType { element: field_type }),
            group,
            declared: false,
            deprecated: false,
            explicit_id: None,
        });
        if joins {
            self.groups[group].members.push(temp);
        } else {
            self.groups[group].hoisted.push(temp);
        }
        self.anonymous_arrays.insert(field_type, temp);
        Some(temp)
    }

    fn mentions_group(&self, storage: StorageType, group: usize, seen: &mut HashSet<u32>) -> bool {
        match storage {
            StorageType::Ref(RefType { heap: HeapType::Concrete(t), .. }) => {
                self.groups[group].members.contains(&t.0)
            }
            StorageType::Value(v) => {
                seen.insert(v.0)
                    && self.value_structs[v.0 as usize]
                        .fields
                        .iter()
                        .any(|f| self.mentions_group(f.ty.storage, group, seen))
            }
            _ => false,
        }
    }

    /// `ArrayOfF32`, `ArrayOfMutString`, `ArrayOfNullableLog`, `ArrayOfArrayOfU8`.
    fn anonymous_name(&self, element: FieldType, package: &Option<String>) -> String {
        let base = format!("ArrayOf{}{}", if element.mutable { "Mut" } else { "" }, self.element_name(element.storage));
        let taken = |name: &str| {
            self.symbols.contains_key(&(package.clone(), name.to_string()))
                || self.types.iter().any(|t| t.name == name && &t.origin.package == package)
        };
        if !taken(&base) {
            return base;
        }
        (2..).map(|n| format!("{base}{n}")).find(|name| !taken(name)).unwrap_or(base)
    }

    fn element_name(&self, storage: StorageType) -> String {
        match storage {
            StorageType::Scalar(scalar) => capitalize(scalar.name()),
            StorageType::Enum(index) => self.enums[index.0 as usize].name.clone(),
            StorageType::Value(index) => self.value_structs[index.0 as usize].name.clone(),
            StorageType::Ref(RefType { nullable, heap }) => {
                let prefix = if nullable { "Nullable" } else { "" };
                let heap = match heap {
                    HeapType::Concrete(t) => self.types[t.0 as usize].name.clone(),
                    HeapType::String => "String".into(),
                    HeapType::Bytes => "Bytes".into(),
                    HeapType::Abstract(a) => format!("{}Ref", capitalize(a.name())),
                };
                format!("{prefix}{heap}")
            }
        }
    }

    fn resolve_supertype(&mut self, temp: u32, is_array: bool, package: &Option<String>, path: &ast::Path) -> Option<TypeIndex> {
        let found = self.lookup(package, path)?;
        let Symbol::Type(super_temp) = found else {
            let message = format!("the supertype `{}` must be a struct or array type", path.joined());
            self.error(codes::SUPERTYPE_KIND, message, path.span);
            return None;
        };
        let super_type = &self.types[super_temp as usize];
        let super_span = super_type.origin.span;
        let super_is_array = matches!(super_type.composite, CompositeType::Array(_));
        let super_final = super_type.finality == Finality::Final;
        if !self.defined_before(super_temp, temp) {
            let message = format!("the supertype `{}` must be defined before its subtype", path.joined());
            self.error(codes::SUPERTYPE_ORDER, message, path.span)
                .labels
                .push(Label::secondary(super_span.file, super_span.range()).with_message("defined here"));
            return None;
        }
        if super_is_array != is_array {
            let kinds = if is_array { ("an array", "a struct") } else { ("a struct", "an array") };
            let message = format!("{} type cannot be a subtype of {} type (`{}`)", kinds.0, kinds.1, path.joined());
            self.error(codes::SUPERTYPE_KIND, message, path.span);
            return None;
        }
        if super_final {
            let message = format!("`{}` is final: it cannot have subtypes", path.joined());
            self.error(codes::SUPERTYPE_FINAL, message, path.span)
                .labels
                .push(Label::secondary(super_span.file, super_span.range()).with_message("declared final here"));
            return None;
        }
        Some(TypeIndex(super_temp))
    }

    fn defined_before(&self, earlier: u32, later: u32) -> bool {
        self.symbol_before(Symbol::Type(earlier), Symbol::Type(later))
    }

    /// Declaration order of two declared types or functions.
    pub(crate) fn symbol_before(&self, earlier: Symbol, later: Symbol) -> bool {
        matches!((self.order.get(&earlier), self.order.get(&later)), (Some(x), Some(y)) if x < y)
    }
}

fn capitalize(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}
