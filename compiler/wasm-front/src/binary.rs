//! `.wasm` input, through `wasmparser`'s decoder (no validation: the checks do that).

use std::ops::Range;

use wasmparser::{
    AbstractHeapType, BinaryReader, CompositeInnerType, Encoding, FieldType, HeapType, KnownCustom,
    Name, Parser, Payload, RefType, StorageType, SubType, UnpackedIndex, ValType, WasmFeatures,
};
use wxl_syntax::ast::{FileId, Finality};
use wxl_syntax::{Diagnostic, Span};

use crate::raw::{self, FieldNames, Heap, RawField, RawItem, RawKind, RawType, Storage, TypeRef};
use crate::{codes, error, warning, Parse};

pub(crate) fn parse(file: FileId, bytes: &[u8]) -> Parse {
    let mut reader = Reader {
        file,
        bytes,
        items: Vec::new(),
        next_index: 0,
        type_names: Vec::new(),
        field_names: FieldNames::new(),
        diagnostics: Vec::new(),
    };
    reader.read();
    let Reader {
        items,
        type_names,
        field_names,
        mut diagnostics,
        ..
    } = reader;
    let items = apply_type_names(items, &type_names);
    let tree = raw::lower(items, &field_names);
    diagnostics.sort_by_key(|d| d.labels.first().map(|l| l.range.start));
    Parse { tree, diagnostics }
}

/// Gives the types the names of the name section (`type{i}` stays for the others).
fn apply_type_names(mut items: Vec<RawItem>, names: &[(u32, String)]) -> Vec<RawItem> {
    if names.is_empty() {
        return items;
    }
    let by_index: std::collections::HashMap<u32, &String> =
        names.iter().map(|(i, n)| (*i, n)).collect();
    for item in &mut items {
        let types = match item {
            RawItem::Type(ty) => std::slice::from_mut(&mut **ty),
            RawItem::Rec { types, .. } => types.as_mut_slice(),
        };
        for ty in types {
            if let Some(name) = by_index.get(&ty.index) {
                ty.name = Some(((*name).clone(), ty.anchor));
            }
        }
    }
    items
}

struct Reader<'a> {
    file: FileId,
    bytes: &'a [u8],
    items: Vec<RawItem>,
    /// Index of the next type in the module's type index space.
    next_index: u32,
    type_names: Vec<(u32, String)>,
    field_names: FieldNames,
    diagnostics: Vec<Diagnostic>,
}

impl Reader<'_> {
    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range.start, range.end)
    }

    /// One byte at `offset`, clamped to the input.
    fn at(&self, offset: usize) -> Span {
        let len = self.bytes.len();
        let start = offset.min(len);
        self.span(start..(start + 1).min(len))
    }

    fn decode_error(&mut self, e: &wasmparser::BinaryReaderError) {
        let span = self.at(e.offset() as usize);
        self.diagnostics.push(error(
            codes::MALFORMED_BINARY,
            e.message(),
            span,
            e.message(),
        ));
    }

    fn read(&mut self) {
        let mut parser = Parser::new(0);
        parser.set_features(WasmFeatures::all());
        let bytes = self.bytes;
        for payload in parser.parse_all(bytes) {
            let payload = match payload {
                Ok(payload) => payload,
                Err(e) => {
                    self.decode_error(&e);
                    return;
                }
            };
            match payload {
                Payload::Version {
                    encoding: Encoding::Component,
                    range,
                    ..
                } => {
                    let span = self.span(range.start as usize..range.end as usize);
                    self.diagnostics.push(error(
                        codes::NOT_A_MODULE,
                        "a component is not a core WebAssembly module",
                        span,
                        "components are not supported",
                    ));
                    return;
                }
                Payload::TypeSection(section) => {
                    let end = section.range().end as usize;
                    let mut groups = Vec::new();
                    for group in section.into_iter_with_offsets() {
                        match group {
                            Ok((offset, group)) => groups.push((offset as usize, group)),
                            Err(e) => {
                                self.decode_error(&e);
                                break;
                            }
                        }
                    }
                    let ends: Vec<usize> = groups
                        .iter()
                        .skip(1)
                        .map(|(o, _)| *o)
                        .chain([end])
                        .collect();
                    for ((start, group), end) in groups.into_iter().zip(ends) {
                        self.read_group(start..end, group);
                    }
                }
                Payload::CustomSection(custom) => {
                    if let KnownCustom::Name(names) = custom.as_known() {
                        self.read_names(names);
                    }
                }
                _ => {}
            }
        }
    }

    fn read_group(&mut self, range: Range<usize>, group: wasmparser::RecGroup) {
        let group_start = self.next_index;
        let types: Vec<(usize, SubType)> = group
            .into_types_and_offsets()
            .map(|(o, t)| (o as usize, t))
            .collect();
        let ends: Vec<usize> = types
            .iter()
            .skip(1)
            .map(|(o, _)| *o)
            .chain([range.end])
            .collect();
        let mut raw_types = Vec::new();
        for ((start, ty), end) in types.into_iter().zip(ends) {
            let index = self.next_index;
            self.next_index = self.next_index.saturating_add(1);
            raw_types.push(self.read_type(index, group_start, start..end, ty));
        }
        let item = if raw_types.len() == 1 {
            RawItem::Type(Box::new(raw_types.remove(0)))
        } else {
            RawItem::Rec {
                span: self.span(range),
                types: raw_types,
            }
        };
        self.items.push(item);
    }

    fn unsupported(&mut self, what: &str, span: Span) {
        self.diagnostics.push(error(
            codes::UNSUPPORTED_FEATURE,
            format!("{what} is not supported"),
            span,
            "wxl reads WebAssembly GC types only; this part is ignored",
        ));
    }

    fn type_ref(&self, index: UnpackedIndex, group_start: u32) -> TypeRef {
        match index {
            UnpackedIndex::Module(i) => TypeRef::Index(i),
            UnpackedIndex::RecGroup(i) => TypeRef::Index(group_start.saturating_add(i)),
            // Only the validator produces canonical ids; keep the tree total anyway.
            #[allow(unreachable_patterns)]
            _ => TypeRef::Unresolved("<canonical type>".to_string()),
        }
    }

    fn read_type(
        &mut self,
        index: u32,
        group_start: u32,
        range: Range<usize>,
        ty: SubType,
    ) -> RawType {
        let span = self.span(range.clone());
        let finality = if ty.is_final {
            Finality::Final
        } else {
            Finality::NonFinal
        };
        if ty.supertype_idxs.len() > 1 {
            self.diagnostics.push(error(
                codes::MULTIPLE_SUPERTYPES,
                "a type may declare at most one supertype",
                span,
                "only the first supertype is kept",
            ));
        }
        let supertype = ty
            .supertype_idxs
            .first()
            .map(|i| (self.type_ref(i.unpack(), group_start), span));
        let composite = &ty.composite_type;
        if composite.shared {
            self.unsupported("a shared type (shared-everything threads)", span);
        }
        if composite.descriptor_idx.is_some() || composite.describes_idx.is_some() {
            self.unsupported("a descriptor clause (custom descriptors)", span);
        }
        let layout = field_layout(self.bytes, range);
        let kind = match &composite.inner {
            CompositeInnerType::Func(func) => {
                let as_field = |ty: &wasmparser::ValType| FieldType {
                    element_type: StorageType::Val(*ty),
                    mutable: false,
                };
                let params: Vec<FieldType> = func.params().iter().map(as_field).collect();
                let results: Vec<FieldType> = func.results().iter().map(as_field).collect();
                let params = params.iter().map(|f| self.field(f, None, span, group_start)).collect();
                let results = results.iter().map(|f| self.field(f, None, span, group_start)).collect();
                Some(RawKind::Func { params, results })
            }
            CompositeInnerType::Struct(st) => {
                let layout = layout.filter(|l| l.len() == st.fields.len());
                let fields = st
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(i, f)| {
                        let spans = layout.as_ref().and_then(|l| l.get(i).cloned());
                        self.field(f, spans, span, group_start)
                    })
                    .collect();
                Some(RawKind::Struct(fields))
            }
            CompositeInnerType::Array(at) => {
                let spans = layout.and_then(|l| l.first().cloned());
                Some(RawKind::Array(self.field(&at.0, spans, span, group_start)))
            }
            CompositeInnerType::Cont(_) => {
                self.diagnostics.push(error(
                    codes::UNSUPPORTED_TYPE,
                    "continuation types are not supported",
                    span,
                    "wxl reads struct, array and function types; this type is skipped",
                ));
                None
            }
        };
        RawType {
            index,
            name: None,
            anchor: span,
            span,
            finality,
            supertype,
            kind,
        }
    }

    fn field(
        &mut self,
        f: &FieldType,
        spans: Option<FieldBytes>,
        type_span: Span,
        group_start: u32,
    ) -> RawField {
        let (whole, ty_span) = match spans {
            Some(s) => (self.span(s.whole), self.span(s.storage)),
            None => (type_span, type_span),
        };
        let storage = match f.element_type {
            StorageType::I8 => Storage::Scalar("i8"),
            StorageType::I16 => Storage::Scalar("i16"),
            StorageType::Val(ValType::I32) => Storage::Scalar("i32"),
            StorageType::Val(ValType::I64) => Storage::Scalar("i64"),
            StorageType::Val(ValType::F32) => Storage::Scalar("f32"),
            StorageType::Val(ValType::F64) => Storage::Scalar("f64"),
            StorageType::Val(ValType::V128) => Storage::Scalar("v128"),
            StorageType::Val(ValType::Ref(r)) => self.ref_type(r, ty_span, group_start),
        };
        RawField {
            name: None,
            mutable: f.mutable,
            storage,
            span: whole,
            ty_span,
            heap_span: ty_span,
        }
    }

    fn ref_type(&mut self, r: RefType, span: Span, group_start: u32) -> Storage {
        let heap = match r.heap_type() {
            HeapType::Abstract { shared, ty } => {
                if shared {
                    self.unsupported("a shared heap type (shared-everything threads)", span);
                }
                Heap::Abstract(self.abstract_heap(ty, span))
            }
            HeapType::Concrete(i) => Heap::Concrete(self.type_ref(i, group_start)),
            HeapType::Exact(i) => {
                self.unsupported("an exact reference type (custom descriptors)", span);
                Heap::Concrete(self.type_ref(i, group_start))
            }
        };
        Storage::Ref {
            nullable: r.is_nullable(),
            heap,
        }
    }

    fn abstract_heap(&mut self, ty: AbstractHeapType, span: Span) -> &'static str {
        match ty {
            AbstractHeapType::Func => "func",
            AbstractHeapType::Extern => "extern",
            AbstractHeapType::Exn => "exn",
            AbstractHeapType::Any => "any",
            AbstractHeapType::Eq => "eq",
            AbstractHeapType::Struct => "struct",
            AbstractHeapType::Array => "array",
            AbstractHeapType::I31 => "i31",
            AbstractHeapType::NoFunc => "nofunc",
            AbstractHeapType::NoExtern => "noextern",
            AbstractHeapType::None => "none",
            AbstractHeapType::NoExn => "noexn",
            AbstractHeapType::Cont => {
                self.unsupported("the `cont` heap type (stack switching)", span);
                "cont"
            }
            AbstractHeapType::NoCont => {
                self.unsupported("the `nocont` heap type (stack switching)", span);
                "nocont"
            }
        }
    }

    fn read_names(&mut self, names: wasmparser::NameSectionReader) {
        let bad = |this: &mut Self, e: wasmparser::BinaryReaderError| {
            let span = this.at(e.offset() as usize);
            this.diagnostics.push(warning(
                codes::MALFORMED_NAMES,
                format!("malformed name section: {}", e.message()),
                span,
                "the remaining names are ignored",
            ));
        };
        for subsection in names {
            let subsection = match subsection {
                Ok(s) => s,
                Err(e) => return bad(self, e),
            };
            match subsection {
                Name::Type(map) => {
                    for naming in map {
                        match naming {
                            Ok(n) => self.type_names.push((n.index, n.name.to_string())),
                            Err(e) => return bad(self, e),
                        }
                    }
                }
                Name::Field(map) => {
                    for indirect in map {
                        let indirect = match indirect {
                            Ok(i) => i,
                            Err(e) => return bad(self, e),
                        };
                        for naming in indirect.names {
                            match naming {
                                Ok(n) => {
                                    self.field_names
                                        .entry(indirect.index)
                                        .or_default()
                                        .insert(n.index, n.name.to_string());
                                }
                                Err(e) => return bad(self, e),
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// Where one struct field (or the array element) is in the binary.
#[derive(Clone, Debug)]
struct FieldBytes {
    /// Storage type and mutability byte.
    whole: Range<usize>,
    storage: Range<usize>,
}

/// Re-reads the bytes of one sub type to find its fields; `None` if they are not a struct or
/// array type laid out as expected (the spans then fall back to the whole type).
fn field_layout(bytes: &[u8], range: Range<usize>) -> Option<Vec<FieldBytes>> {
    let data = bytes.get(range.clone())?;
    let mut r = BinaryReader::new(data, range.start as u64);
    let pos = |r: &BinaryReader| r.original_position() as usize;
    let mut op = r.read_u8().ok()?;
    if op == 0x4f || op == 0x50 {
        let supers = r.read_var_u32().ok()?;
        for _ in 0..supers {
            r.read_var_u32().ok()?;
        }
        op = r.read_u8().ok()?;
    }
    if op == 0x65 {
        op = r.read_u8().ok()?;
    }
    if op == 0x4c {
        r.read_var_u32().ok()?;
        op = r.read_u8().ok()?;
    }
    if op == 0x4d {
        r.read_var_u32().ok()?;
        op = r.read_u8().ok()?;
    }
    let count = match op {
        0x5f => r.read_var_u32().ok()?,
        0x5e => 1,
        _ => return None,
    };
    let mut fields = Vec::new();
    for _ in 0..count {
        let start = pos(&r);
        r.read::<StorageType>().ok()?;
        let storage_end = pos(&r);
        r.read_u8().ok()?;
        fields.push(FieldBytes {
            whole: start..pos(&r),
            storage: start..storage_end,
        });
    }
    Some(fields)
}
