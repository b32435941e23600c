//! Layout computation: every offset, size and alignment, computed once (docs/LAYOUT.md §4).
//! Back ends print these numbers; they never recompute them.

use wxl_syntax::Span;

use crate::types::{BodyLayout, CompositeType, Field, Schema, StorageType, ValueIndex};

/// The smallest alignment of any object body: tag words are 4-aligned.
pub const MIN_BODY_ALIGN: u32 = 4;

/// Size and alignment of a storage type where it is stored (field or element).
pub fn storage_size_align(schema: &Schema, storage: StorageType) -> (u32, u32) {
    match storage {
        StorageType::Scalar(scalar) => (scalar.size(), scalar.size()),
        StorageType::Enum(index) => {
            let size = schema.enum_type(index).repr.size();
            (size, size)
        }
        StorageType::Value(index) => {
            let value = schema.value_struct(index);
            (value.size, value.align)
        }
        StorageType::Ref(_) => (4, 4),
    }
}

pub fn align_up(offset: u32, align: u32) -> u32 {
    offset.div_ceil(align) * align
}

/// Sizes at or above this are rejected, so that every offset and size fits in a u32 with
/// room for headers.
const MAX_SIZE: u64 = 1 << 31;

/// Places fields C-like in declaration order; returns (end of last field, largest alignment),
/// or `None` when the size reaches `MAX_SIZE`.
fn place_fields(schema: &Schema, fields: &mut [Field]) -> Option<(u32, u32)> {
    let mut end = 0u64;
    let mut max_align = 1u32;
    for field in fields.iter_mut() {
        let (size, align) = storage_size_align(schema, field.ty.storage);
        let offset = end.div_ceil(align as u64) * align as u64;
        end = offset + size as u64;
        if end >= MAX_SIZE {
            return None;
        }
        field.offset = offset as u32;
        max_align = max_align.max(align);
    }
    Some((end as u32, max_align))
}

/// Computes the layout of every value struct and type. Value structs must be acyclic (the
/// checks guarantee it); they are laid out in dependency order. Returns the names and spans of
/// definitions too large to lay out (nested value structs can grow exponentially).
pub fn compute(schema: &mut Schema) -> Result<(), Vec<(String, Span)>> {
    let mut too_large = Vec::new();
    let order = value_struct_order(schema);
    for index in order {
        let mut fields = std::mem::take(&mut schema.value_structs[index.0 as usize].fields);
        let placed = place_fields(schema, &mut fields);
        let value = &mut schema.value_structs[index.0 as usize];
        value.fields = fields;
        let Some((end, align)) = placed else {
            too_large.push((value.name.clone(), value.origin.span));
            value.size = MAX_SIZE as u32;
            continue;
        };
        value.align = align;
        value.size = align_up(end, align);
        if value.size as u64 >= MAX_SIZE {
            too_large.push((value.name.clone(), value.origin.span));
        }
    }
    for i in 0..schema.types.len() {
        let layout = match &schema.types[i].composite {
            CompositeType::Struct(st) => {
                let mut fields = st.fields.clone();
                let placed = place_fields(schema, &mut fields);
                if let CompositeType::Struct(st) = &mut schema.types[i].composite {
                    st.fields = fields;
                }
                let Some((end, align)) = placed else {
                    too_large.push((schema.types[i].name.clone(), schema.types[i].origin.span));
                    continue;
                };
                BodyLayout { body_align: align.max(MIN_BODY_ALIGN), size: end }
            }
            CompositeType::Array(array) => {
                let (size, align) = storage_size_align(schema, array.element.storage);
                BodyLayout { body_align: align.max(MIN_BODY_ALIGN), size }
            }
        };
        schema.types[i].layout = layout;
    }
    if too_large.is_empty() {
        Ok(())
    } else {
        Err(too_large)
    }
}

/// Value structs ordered so that each comes after the value structs it holds.
fn value_struct_order(schema: &Schema) -> Vec<ValueIndex> {
    let count = schema.value_structs.len();
    let mut state = vec![0u8; count]; // 0 new, 1 in progress, 2 done
    let mut order = Vec::with_capacity(count);
    for start in 0..count {
        visit(schema, ValueIndex(start as u32), &mut state, &mut order);
    }
    order
}

fn visit(schema: &Schema, index: ValueIndex, state: &mut [u8], order: &mut Vec<ValueIndex>) {
    if state[index.0 as usize] != 0 {
        return; // done, or a cycle (reported by the checks)
    }
    state[index.0 as usize] = 1;
    for field in &schema.value_struct(index).fields {
        if let StorageType::Value(inner) = field.ty.storage {
            visit(schema, inner, state, order);
        }
    }
    state[index.0 as usize] = 2;
    order.push(index);
}

/// One row of a pahole-style listing: a field or a padding hole.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct LayoutRow {
    /// The field's name, or `None` for padding.
    pub name: Option<String>,
    pub type_name: String,
    pub offset: u32,
    pub size: u32,
    pub align: u32,
}

/// Fields and the padding holes between them, in offset order.
pub fn rows(schema: &Schema, fields: &[Field], total_size: u32) -> Vec<LayoutRow> {
    let mut rows = Vec::new();
    let mut end = 0;
    for field in fields {
        if field.offset > end {
            rows.push(padding(end, field.offset - end));
        }
        let (size, align) = storage_size_align(schema, field.ty.storage);
        rows.push(LayoutRow {
            name: Some(field.name.clone()),
            type_name: crate::display::storage_name(schema, field.ty.storage),
            offset: field.offset,
            size,
            align,
        });
        end = field.offset + size;
    }
    if total_size > end {
        rows.push(padding(end, total_size - end));
    }
    rows
}

fn padding(offset: u32, size: u32) -> LayoutRow {
    LayoutRow { name: None, type_name: String::new(), offset, size, align: 1 }
}
