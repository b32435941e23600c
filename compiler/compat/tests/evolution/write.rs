//! Builds sample buffers of a schema with the runtime's builder, at the IR's offsets, and
//! records what it wrote. Integers get their top bit set (a sign change shows), enums cycle
//! through their variants, nullable references are null in sample 1; in sample 2 open enums
//! hold an undeclared value and references to a type with subtypes hold a subtype object
//! (both are what old writers may legally store).

use wxl_ir::{AbstractHeap, CompositeType, HeapType, RefType, Scalar, Schema, StorageType, TypeIndex};
use wxl_runtime::{Builder, Ref};

use crate::value::{Field, Val};

/// Deeper references are null (or the buffer is not built, for non-null ones).
const MAX_DEPTH: u32 = 3;

pub struct Writer<'s> {
    schema: &'s Schema,
    /// Types the writer may use (others are unknown to the reader, see `TYPE_ADDED`).
    usable: &'s dyn Fn(TypeIndex) -> bool,
    builder: Builder,
    /// Varies every value written.
    counter: u32,
    /// Which of the sample buffers this is.
    sample: u32,
}

impl<'s> Writer<'s> {
    /// A buffer whose root is an object of `root`, or `None` when the type cannot be built
    /// (a non-null reference to an abstract heap type, or non-null recursion).
    pub fn buffer(schema: &'s Schema, usable: &'s dyn Fn(TypeIndex) -> bool, root: TypeIndex, sample: u32) -> Option<(Vec<u8>, Val)> {
        let mut writer = Writer { schema, usable, builder: Builder::new(), counter: sample * 7, sample };
        let (offset, val) = writer.object(root, 0)?;
        let identifier = schema.identifier.unwrap_or([0; 4]);
        let bytes = writer.builder.finish(Ref::<()>::from_offset(offset), identifier).to_vec();
        Some((bytes, val))
    }

    fn next(&mut self) -> u32 {
        self.counter += 1;
        self.counter
    }

    fn object(&mut self, index: TypeIndex, depth: u32) -> Option<(u32, Val)> {
        let ty = self.schema.ty(index);
        let (type_id, align, size) = (ty.type_id, ty.layout.body_align, ty.layout.size as usize);
        match &ty.composite {
            CompositeType::Struct(st) => {
                let mut body = vec![0u8; size];
                let mut fields = Vec::new();
                for field in &st.fields {
                    let val = self.store(field.ty.storage, &mut body, field.offset as usize, depth)?;
                    fields.push(Field { name: field.name.clone(), val, default: None });
                }
                let at: Ref = self.builder.push_struct(type_id, align, &body);
                Some((at.offset(), Val::Object(fields)))
            }
            CompositeType::Array(array) => {
                let mut body = vec![0u8; size * 2];
                let mut items = Vec::new();
                for i in 0..2 {
                    items.push(self.store(array.element.storage, &mut body, i * size, depth)?);
                }
                let at: Ref = self.builder.value_array_bytes(type_id, align, size as u32, &body);
                Some((at.offset(), Val::Array(items)))
            }
        }
    }

    /// Writes one value at `at` in `body`, building the objects it refers to first.
    fn store(&mut self, storage: StorageType, body: &mut [u8], at: usize, depth: u32) -> Option<Val> {
        let (bytes, val) = match storage {
            StorageType::Scalar(scalar) => self.scalar(scalar),
            StorageType::Enum(index) => {
                let enum_type = self.schema.enum_type(index);
                let n = self.next() + self.sample;
                let declared = enum_type.variants.get(n as usize % enum_type.variants.len().max(1)).map_or(0, |v| v.value);
                let undeclared = enum_type.variants.iter().map(|v| v.value).max().unwrap_or(0) + 1;
                let fits = enum_type.repr.integer_range().is_some_and(|(_, max)| undeclared <= max);
                let value = if enum_type.open && self.sample == 2 && fits { undeclared } else { declared };
                (value.to_le_bytes()[..enum_type.repr.size() as usize].to_vec(), Val::Int(value))
            }
            StorageType::Value(index) => {
                let mut fields = Vec::new();
                for field in &self.schema.value_struct(index).fields {
                    let val = self.store(field.ty.storage, body, at + field.offset as usize, depth)?;
                    fields.push(Field { name: field.name.clone(), val, default: None });
                }
                return Some(Val::Object(fields));
            }
            StorageType::Ref(reference) => {
                let (raw, val) = self.reference(reference, depth)?;
                (raw.to_le_bytes().to_vec(), val)
            }
        };
        body[at..at + bytes.len()].copy_from_slice(&bytes);
        Some(val)
    }

    fn reference(&mut self, reference: RefType, depth: u32) -> Option<(u32, Val)> {
        let n = self.next();
        if reference.nullable && (self.sample == 1 || depth >= MAX_DEPTH) {
            return Some((0, Val::Null));
        }
        match reference.heap {
            HeapType::String => {
                let text = format!("s{n}");
                Some((self.builder.string(&text).offset(), Val::Str(text)))
            }
            HeapType::Bytes => {
                let data = vec![n as u8, 1, 2];
                Some((self.builder.bytes(&data).offset(), Val::Bytes(data)))
            }
            HeapType::Concrete(index) if depth < MAX_DEPTH => {
                let target = if self.sample == 2 { self.subtype(index) } else { index };
                self.object(target, depth + 1)
            }
            HeapType::Abstract(AbstractHeap::Any | AbstractHeap::Eq | AbstractHeap::I31) => Some((n << 1 | 1, Val::I31(n))),
            _ if reference.nullable => Some((0, Val::Null)),
            _ => None,
        }
    }

    /// A usable declared subtype of `index`, else `index`.
    fn subtype(&self, index: TypeIndex) -> TypeIndex {
        let canonical = self.schema.ty(index).canonical;
        (0..self.schema.types.len() as u32)
            .map(TypeIndex)
            .find(|&t| {
                let ty = self.schema.ty(t);
                ty.supertype.is_some_and(|s| self.schema.ty(s).canonical == canonical) && (self.usable)(t)
            })
            .unwrap_or(index)
    }

    fn scalar(&mut self, scalar: Scalar) -> (Vec<u8>, Val) {
        let n = self.next();
        match scalar {
            Scalar::Bool => {
                let value = (n + self.sample).is_multiple_of(2);
                (vec![value as u8], Val::Bool(value))
            }
            Scalar::F32 => {
                let value = 1.5 + n as f32;
                (value.to_le_bytes().to_vec(), Val::Float((value as f64).to_bits()))
            }
            Scalar::F64 => {
                let value = 2.25 + n as f64;
                (value.to_le_bytes().to_vec(), Val::Float(value.to_bits()))
            }
            Scalar::V128 => (vec![n as u8; 16], Val::Bytes(vec![n as u8; 16])),
            _ => {
                let bits = scalar.size() * 8;
                let value: i128 = if scalar.is_signed() { -(n as i128) - 2 } else { (1i128 << (bits - 1)) | (n as i128 % 100) };
                (value.to_le_bytes()[..scalar.size() as usize].to_vec(), Val::Int(value))
            }
        }
    }
}
