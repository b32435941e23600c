//! The builders: C statements that build a vector with the generated builders, in the
//! canonical order (children first, fields in declaration order, elements in index order).

use std::fmt::Write as _;

use wxl_codegen_c::ctype::{int_literal, ref_kind, Ctx, RefKind};
use wxl_ir::{CompositeType, HeapType, RefType, Scalar, StorageType, TypeIndex};

use super::w;
use crate::model::{root_ref, Val};

/// A C object written by the builder: the variable holding its reference, and what it is.
enum CObj {
    Null,
    I31(i32),
    /// `<type>_ref`, `wxl_string_ref` or `wxl_bytes_ref`: `.off` is the raw reference.
    Var {
        name: String,
        ty: Option<TypeIndex>,
    },
}

struct BuildCx<'a> {
    cx: Ctx<'a>,
    lines: Vec<String>,
    next: usize,
}

impl BuildCx<'_> {
    fn var(&mut self) -> String {
        self.next += 1;
        format!("o{}", self.next)
    }

    /// Writes the object and what it refers to; the statements go to `lines`.
    fn object(&mut self, val: &Val) -> CObj {
        let cx = self.cx;
        match val {
            Val::Null => CObj::Null,
            Val::I31(v) => CObj::I31(*v),
            Val::Str(text) => {
                let name = self.var();
                let data = self.bytes_literal(text.as_bytes());
                self.lines.push(format!(
                    "wxl_string_ref {name} = wxl_string_create(b, (const char *){data}, {});",
                    text.len()
                ));
                CObj::Var { name, ty: None }
            }
            Val::Bytes(bytes) => {
                let name = self.var();
                let data = self.bytes_literal(bytes);
                self.lines.push(format!(
                    "wxl_bytes_ref {name} = wxl_bytes_create(b, {data}, {});",
                    bytes.len()
                ));
                CObj::Var { name, ty: None }
            }
            Val::Struct(index, fields) => {
                let CompositeType::Struct(st) = &cx.schema.ty(*index).composite else {
                    unreachable!()
                };
                let exprs: Vec<String> = st
                    .fields
                    .iter()
                    .zip(fields)
                    .map(|(f, v)| self.stored(f.ty.storage, v))
                    .collect();
                let ty = cx.names.ty(*index);
                self.lines.push(format!("{ty}_begin(b);"));
                for (i, expr) in exprs.iter().enumerate() {
                    self.lines.push(format!(
                        "{ty}_add_{}(b, {expr});",
                        cx.names.field(*index, i)
                    ));
                }
                let name = self.var();
                self.lines.push(format!("{ty}_ref {name} = {ty}_end(b);"));
                CObj::Var {
                    name,
                    ty: Some(*index),
                }
            }
            Val::Array(index, items) => {
                let CompositeType::Array(array) = &cx.schema.ty(*index).composite else {
                    unreachable!()
                };
                let storage = array.element.storage;
                let exprs: Vec<String> = items.iter().map(|v| self.stored(storage, v)).collect();
                let ty = cx.names.ty(*index);
                let name = self.var();
                if let StorageType::Ref(_) = storage {
                    // References element by element: begin, add_at, end.
                    self.lines.push(format!("{ty}_begin(b, {});", exprs.len()));
                    for (i, expr) in exprs.iter().enumerate() {
                        self.lines.push(format!("{ty}_add_at(b, {i}, {expr});"));
                    }
                    self.lines.push(format!("{ty}_ref {name} = {ty}_end(b);"));
                } else if exprs.is_empty() {
                    self.lines
                        .push(format!("{ty}_ref {name} = {ty}_create(b, NULL, 0);"));
                } else {
                    // Scalars and value structs from a C array: create.
                    let element = cx.build_type(storage);
                    self.lines.push(format!(
                        "{element} {name}_items[{}] = {{{}}};",
                        exprs.len(),
                        exprs.join(", ")
                    ));
                    self.lines.push(format!(
                        "{ty}_ref {name} = {ty}_create(b, {name}_items, {});",
                        exprs.len()
                    ));
                }
                CObj::Var {
                    name,
                    ty: Some(*index),
                }
            }
            other => panic!("not an object: {other:?}"),
        }
    }

    /// A C expression for bytes: a string literal when short, else a static array (C99
    /// promises string literals of 4095 characters only, and -Wpedantic holds us to it).
    fn bytes_literal(&mut self, bytes: &[u8]) -> String {
        if bytes.len() <= 1000 {
            let text: String = bytes.iter().map(|b| format!("\\{b:03o}")).collect();
            return format!("(const uint8_t *)\"{text}\"");
        }
        let name = format!("{}_data", self.var());
        let numbers: Vec<String> = bytes.iter().map(|b| b.to_string()).collect();
        let rows: Vec<String> = numbers.chunks(32).map(|c| c.join(",")).collect();
        self.lines.push(format!(
            "static const uint8_t {name}[{}] = {{\n{}}};",
            bytes.len(),
            rows.join(",\n")
        ));
        name
    }

    /// A C expression of the builder's parameter type for a stored value; writes the objects
    /// it refers to first.
    fn stored(&mut self, storage: StorageType, val: &Val) -> String {
        let cx = self.cx;
        match (storage, val) {
            (StorageType::Scalar(Scalar::Bool), Val::Bool(b)) => b.to_string(),
            (StorageType::Scalar(Scalar::F32), Val::F32(bits)) => {
                format!("wxl_f32_from_bits(0x{bits:08x}u)")
            }
            (StorageType::Scalar(Scalar::F64), Val::F64(bits)) => {
                format!("wxl_f64_from_bits(UINT64_C(0x{bits:016x}))")
            }
            (StorageType::Scalar(Scalar::V128), Val::V128(bytes)) => {
                let list: Vec<String> = bytes.iter().map(|b| format!("0x{b:02x}")).collect();
                format!("(wxl_v128){{{{{}}}}}", list.join(", "))
            }
            (StorageType::Scalar(scalar), Val::Int(v)) => int_literal(scalar, *v),
            (StorageType::Enum(index), Val::Int(v)) => {
                format!(
                    "(({}){})",
                    cx.names.enum_type(index),
                    int_literal(cx.schema.enum_type(index).repr, *v)
                )
            }
            (StorageType::Value(index), Val::Value(fields)) => {
                let members: Vec<String> = cx
                    .schema
                    .value_struct(index)
                    .fields
                    .iter()
                    .zip(fields)
                    .enumerate()
                    .map(|(i, (f, v))| {
                        let value = match f.ty.storage {
                            // Value structs hold references raw.
                            StorageType::Ref(_) => {
                                let obj = self.object(v);
                                raw(&obj)
                            }
                            storage => self.stored(storage, v),
                        };
                        format!(".{} = {value}", cx.names.member(index, i))
                    })
                    .collect();
                format!("({}){{{}}}", cx.names.value(index), members.join(", "))
            }
            (StorageType::Ref(reference), val) => {
                let obj = self.object(val);
                self.slot(reference, &obj)
            }
            (storage, val) => panic!("cannot build {val:?} as {storage:?}"),
        }
    }

    /// `obj` as the builder parameter of a reference slot of type `reference`.
    fn slot(&self, reference: RefType, obj: &CObj) -> String {
        let cx = self.cx;
        match (ref_kind(reference), reference.heap) {
            (RefKind::Typed, HeapType::Concrete(target)) => {
                let target_name = cx.names.ty(target);
                match obj {
                    CObj::Null => format!("({target_name}_ref){{0}}"),
                    CObj::Var {
                        name,
                        ty: Some(dynamic),
                    } => {
                        let schema = cx.schema;
                        if schema.ty(*dynamic).type_id == schema.ty(target).type_id {
                            if cx.names.ty(*dynamic) == target_name {
                                name.clone()
                            } else {
                                format!("({target_name}_ref){{{name}.off}}")
                            }
                        } else {
                            // An upcast through the generated function.
                            format!(
                                "{}_ref_as_{}({name})",
                                cx.names.ty(*dynamic),
                                cx.names.short(target)
                            )
                        }
                    }
                    _ => panic!("a typed reference to a string, bytes or i31"),
                }
            }
            (RefKind::String, _) => match obj {
                CObj::Null => "(wxl_string_ref){0}".into(),
                CObj::Var { name, .. } => name.clone(),
                CObj::I31(_) => panic!("an i31 in a string slot"),
            },
            (RefKind::Bytes, _) => match obj {
                CObj::Null => "(wxl_bytes_ref){0}".into(),
                CObj::Var { name, .. } => name.clone(),
                CObj::I31(_) => panic!("an i31 in a bytes slot"),
            },
            _ => raw(obj),
        }
    }
}

/// The raw u32 of a reference.
fn raw(obj: &CObj) -> String {
    match obj {
        CObj::Null => "0u".into(),
        CObj::I31(v) => format!("wxl_i31_from_s({v})"),
        CObj::Var { name, .. } => format!("{name}.off"),
    }
}

pub(super) fn write_builder(out: &mut String, cx: Ctx, vector: &str, root: &Val) {
    let mut bx = BuildCx {
        cx,
        lines: Vec::new(),
        next: 0,
    };
    let obj = bx.object(root);
    let finish = match cx.schema.root {
        Some(_) => bx.slot(root_ref(cx.schema), &obj),
        None => raw(&obj),
    };
    w!(
        out,
        "static int build_{}(wxl_builder *b, const uint8_t **out, size_t *len) {{",
        c_word(vector)
    );
    for line in &bx.lines {
        w!(out, "    {line}");
    }
    w!(
        out,
        "    return {}(b, {finish}, out, len);",
        cx.names.schema_item("finish")
    );
    w!(out, "}}");
    w!(out, "");
}

/// A vector name as part of a C identifier.
pub fn c_word(vector: &str) -> String {
    vector
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}
