//! `ArrayView` (any schema array) and `Vector<T>` (a typed wrapper for generated code).

use super::structs::is_ref_slot;
use super::{AnyRef, ObjectView, StructView};
use crate::raw::{cast_slice, Plain, Span};
use crate::scalar::Scalar;
use crate::schema::{Check, Heap, Kind, Schema, TypeInfo};
use core::marker::PhantomData;

/// An array object: `len()` elements of `stride()` bytes (LAYOUT.md section 4.3).
#[derive(Clone, Copy, Debug)]
pub struct ArrayView<'a> {
    pub(crate) body: Span<'a>,
    pub(crate) schema: &'a Schema,
    pub(crate) type_id: u16,
    pub(crate) count: u32,
    pub(crate) stride: u32,
    /// The elements are references the verifier checked (a reference check at element offset 0).
    refs: bool,
    /// When the elements are references to a struct type (`Heap::Type`), that type's id and
    /// table: the commonest target, decoded without a schema lookup.
    target: Option<(u16, &'a TypeInfo)>,
}

impl Default for ArrayView<'_> {
    /// An empty array.
    fn default() -> Self {
        ArrayView {
            body: Span::EMPTY,
            schema: &super::structs::EMPTY_SCHEMA,
            type_id: 0,
            count: 0,
            stride: 0,
            refs: false,
            target: None,
        }
    }
}

impl<'a> ArrayView<'a> {
    #[inline]
    pub(crate) fn new(body: Span<'a>, schema: &'a Schema, type_id: u16, count: u32, info: &TypeInfo) -> Self {
        let refs = is_ref_slot(schema, type_id, 0);
        let target = match info.checks.first() {
            Some(&Check::Ref { offset: 0, heap: Heap::Type(t), .. }) if refs => {
                schema.type_info(t).filter(|t| t.kind == Kind::Struct).map(|info| (t, info))
            }
            _ => None,
        };
        ArrayView { body, schema, type_id, count, stride: info.size, refs, target }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.count as usize
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The element size in bytes.
    #[inline]
    pub fn stride(&self) -> usize {
        self.stride as usize
    }

    /// The array's type id (0 for the default, empty view).
    #[inline]
    pub fn type_id(&self) -> u16 {
        self.type_id
    }

    /// `ref.test`: this array's type is `expected` or a subtype.
    #[inline]
    pub fn is(&self, expected: u16) -> bool {
        self.schema.is_subtype(self.type_id, expected)
    }

    /// The body: `len() * stride()` bytes.
    #[inline]
    pub fn bytes(&self) -> &'a [u8] {
        self.body.bytes()
    }

    /// Where element `index` starts inside the body, if `index < len()`.
    #[inline(always)]
    fn rel(&self, index: usize) -> Option<usize> {
        (index < self.len()).then(|| index * self.stride as usize)
    }

    /// Scalar element `index`.
    #[inline(always)]
    pub fn get<T: Scalar>(&self, index: usize) -> Option<T> {
        self.body.read(self.rel(index)?)
    }

    /// The elements as a typed slice, without copying: `None` unless `T` matches the stride,
    /// the target is little-endian and the body happens to be aligned for `T` in memory
    /// (always true for buffers held in 16-aligned storage, such as the builder's).
    #[inline]
    pub fn as_slice<T: Plain>(&self) -> Option<&'a [T]> {
        if core::mem::size_of::<T>() != self.stride as usize {
            return None;
        }
        cast_slice(self.body.bytes())
    }

    /// Element `index` of an array of value structs.
    #[inline]
    pub fn element(&self, index: usize) -> Option<StructView<'a>> {
        Some(StructView::element(self.body, self.schema, self.type_id, self.rel(index)?))
    }

    /// The raw reference of element `index`, if the elements are references.
    #[inline(always)]
    fn ref_slot(&self, index: usize) -> Option<u32> {
        if !self.refs {
            return None;
        }
        self.body.read::<u32>(self.rel(index)?)
    }

    /// The object element `index` refers to; `None` when null, an i31 value or out of range.
    #[inline(always)]
    pub fn get_ref(&self, index: usize) -> Option<ObjectView<'a>> {
        match self.ref_slot(index)? {
            v if v != 0 && v & 3 == 0 => match self.target {
                Some((id, info)) => ObjectView::at_expecting(self.body.buf(), self.schema, v, id, info),
                None => ObjectView::at(self.body.buf(), self.schema, v),
            },
            _ => None,
        }
    }

    /// Element `index` of an array of `anyref`/`eqref`/`i31ref`.
    pub fn get_any(&self, index: usize) -> AnyRef<'a> {
        match self.ref_slot(index) {
            Some(v) if v & 1 == 1 => AnyRef::I31(v >> 1),
            Some(v) if v != 0 && v & 3 == 0 => {
                ObjectView::at(self.body.buf(), self.schema, v).map_or(AnyRef::Null, AnyRef::Object)
            }
            _ => AnyRef::Null,
        }
    }

    #[inline]
    pub fn get_str(&self, index: usize) -> Option<&'a str> {
        self.get_ref(index)?.as_str()
    }

    #[inline]
    pub fn get_bytes(&self, index: usize) -> Option<&'a [u8]> {
        self.get_ref(index)?.as_bytes()
    }

    #[inline]
    pub fn get_struct(&self, index: usize) -> Option<StructView<'a>> {
        self.get_ref(index)?.as_struct()
    }

    #[inline]
    pub fn get_array(&self, index: usize) -> Option<ArrayView<'a>> {
        self.get_ref(index)?.as_array()
    }

    /// This array seen as a `Vector<T>`.
    #[inline]
    pub fn typed<T: Element<'a>>(self) -> Vector<'a, T> {
        Vector { array: self, _element: PhantomData }
    }
}

/// How a `Vector<T>` reads element `index`. Implemented here for scalars, strings, byte strings,
/// objects and `Option`s of reference types; generated code implements it for value structs
/// (via [`ArrayView::element`]) or [`FromObject`] for struct and array types.
pub trait Element<'a>: Sized {
    /// Element `index < array.len()`; a slot of the wrong kind reads as the type's empty value.
    fn read(array: &ArrayView<'a>, index: usize) -> Self;
}

/// A typed view of an object, for arrays of references: `Vector<Log>` (non-null; a null slot
/// reads as `Default`) or `Vector<Option<Log>>` (nullable).
pub trait FromObject<'a>: Sized {
    fn from_object(object: ObjectView<'a>) -> Option<Self>;
}

impl<'a, T: FromObject<'a> + Default> Element<'a> for T {
    #[inline(always)]
    fn read(array: &ArrayView<'a>, index: usize) -> Self {
        array.get_ref(index).and_then(T::from_object).unwrap_or_default()
    }
}

impl<'a, T: FromObject<'a>> Element<'a> for Option<T> {
    #[inline]
    fn read(array: &ArrayView<'a>, index: usize) -> Self {
        array.get_ref(index).and_then(T::from_object)
    }
}

impl<'a> FromObject<'a> for &'a str {
    fn from_object(object: ObjectView<'a>) -> Option<Self> {
        object.as_str()
    }
}

impl<'a> FromObject<'a> for &'a [u8] {
    fn from_object(object: ObjectView<'a>) -> Option<Self> {
        object.as_bytes()
    }
}

impl<'a> FromObject<'a> for StructView<'a> {
    fn from_object(object: ObjectView<'a>) -> Option<Self> {
        object.as_struct()
    }
}

impl<'a> FromObject<'a> for ArrayView<'a> {
    fn from_object(object: ObjectView<'a>) -> Option<Self> {
        object.as_array()
    }
}

impl<'a> Element<'a> for AnyRef<'a> {
    fn read(array: &ArrayView<'a>, index: usize) -> Self {
        array.get_any(index)
    }
}

macro_rules! scalar_elements {
    ($($t:ty),*) => {$(
        impl<'a> Element<'a> for $t {
            #[inline(always)]
            fn read(array: &ArrayView<'a>, index: usize) -> Self {
                array.get(index).unwrap_or_default()
            }
        }
    )*};
}
scalar_elements!(u8, i8, u16, i16, u32, i32, u64, i64, f32, f64, bool, u128, [u8; 16]);

/// An array read as elements of type `T`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Vector<'a, T> {
    array: ArrayView<'a>,
    _element: PhantomData<fn() -> T>,
}

impl<'a, T: Element<'a>> Vector<'a, T> {
    #[inline]
    pub fn len(&self) -> usize {
        self.array.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.array.is_empty()
    }

    /// Element `index`, or `None` past the end.
    #[inline]
    pub fn get(&self, index: usize) -> Option<T> {
        (index < self.len()).then(|| T::read(&self.array, index))
    }

    #[inline]
    pub fn iter(&self) -> Iter<'a, T> {
        Iter { array: self.array, next: 0, end: self.len(), _element: PhantomData }
    }

    /// The untyped view.
    #[inline]
    pub fn array(&self) -> ArrayView<'a> {
        self.array
    }
}

impl<'a, T: Element<'a>> IntoIterator for Vector<'a, T> {
    type Item = T;
    type IntoIter = Iter<'a, T>;
    fn into_iter(self) -> Iter<'a, T> {
        self.iter()
    }
}

/// The elements of a `Vector<T>`, front to back.
#[derive(Clone, Debug)]
pub struct Iter<'a, T> {
    array: ArrayView<'a>,
    next: usize,
    end: usize,
    _element: PhantomData<fn() -> T>,
}

impl<'a, T: Element<'a>> Iterator for Iter<'a, T> {
    type Item = T;

    #[inline]
    fn next(&mut self) -> Option<T> {
        if self.next == self.end {
            return None;
        }
        self.next += 1;
        Some(T::read(&self.array, self.next - 1))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.end - self.next, Some(self.end - self.next))
    }
}

impl<'a, T: Element<'a>> DoubleEndedIterator for Iter<'a, T> {
    fn next_back(&mut self) -> Option<T> {
        if self.next == self.end {
            return None;
        }
        self.end -= 1;
        Some(T::read(&self.array, self.end))
    }
}

impl<'a, T: Element<'a>> ExactSizeIterator for Iter<'a, T> {}
