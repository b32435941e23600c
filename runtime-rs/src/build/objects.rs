//! Structs and arrays: the body is reserved zeroed at `begin_*`, fields are set by offset.

use super::{Builder, Ref};
use crate::scalar::Scalar;

/// A struct being written: its body is already in the buffer, zeroed; set fields, then `end`.
#[derive(Debug)]
pub struct StructBuilder<'b> {
    builder: &'b mut Builder,
    at: Ref,
    body: usize,
    size: usize,
}

impl StructBuilder<'_> {
    /// Write a scalar field at `offset`. Panics if it does not fit in the declared size.
    #[inline]
    pub fn set<T: Scalar>(&mut self, offset: u32, value: T) -> &mut Self {
        self.set_bytes(offset, value.to_raw().as_ref())
    }

    /// Write raw bytes at `offset` (an inline value struct, say).
    #[inline]
    pub fn set_bytes(&mut self, offset: u32, bytes: &[u8]) -> &mut Self {
        let offset = offset as usize;
        assert!(offset + bytes.len() <= self.size, "wxl field at {offset} outside the declared size");
        self.builder.slice_mut(self.body + offset, bytes.len()).copy_from_slice(bytes);
        self
    }

    /// Write a reference field (objects written before this struct).
    #[inline]
    pub fn set_ref<T: ?Sized>(&mut self, offset: u32, target: Ref<T>) -> &mut Self {
        self.set(offset, target.offset())
    }

    /// Write a nullable reference field: `None` is null (0).
    #[inline]
    pub fn set_ref_opt<T: ?Sized>(&mut self, offset: u32, target: Option<Ref<T>>) -> &mut Self {
        self.set(offset, target.map_or(0, Ref::offset))
    }

    /// Write an i31 value into a reference field (`i31ref`/`eqref`/`anyref`): the low 31 bits
    /// of `value`, as `ref.i31` does.
    #[inline]
    pub fn set_i31(&mut self, offset: u32, value: i32) -> &mut Self {
        self.set(offset, (value as u32) << 1 | 1)
    }

    /// The struct's reference.
    #[inline]
    pub fn end<T: ?Sized>(self) -> Ref<T> {
        self.at.cast()
    }
}

macro_rules! setters {
    ($($name:ident: $t:ty),*) => {
        impl StructBuilder<'_> {$(
            #[doc = concat!("Write a `", stringify!($t), "` field at `offset`.")]
            #[inline]
            pub fn $name(&mut self, offset: u32, value: $t) -> &mut Self {
                self.set(offset, value)
            }
        )*}
    };
}
setters!(set_u8: u8, set_i8: i8, set_u16: u16, set_i16: i16, set_u32: u32, set_i32: i32,
         set_u64: u64, set_i64: i64, set_f32: f32, set_f64: f64, set_bool: bool,
         set_u128: u128, set_v128: [u8; 16]);

/// An array being written: `count` zeroed elements of `stride` bytes; set them, then `end`.
#[derive(Debug)]
pub struct ArrayBuilder<'b> {
    builder: &'b mut Builder,
    at: Ref,
    body: usize,
    count: usize,
    stride: usize,
}

impl ArrayBuilder<'_> {
    /// The writable bytes of element `index`. Panics past the end.
    #[inline]
    pub fn element(&mut self, index: usize) -> &mut [u8] {
        assert!(index < self.count, "wxl element {index} past the end");
        self.builder.slice_mut(self.body + index * self.stride, self.stride)
    }

    /// Write a scalar at `offset` inside element `index` (`offset` 0 for arrays of scalars).
    #[inline]
    pub fn set<T: Scalar>(&mut self, index: usize, offset: u32, value: T) -> &mut Self {
        let raw = value.to_raw();
        let offset = offset as usize;
        self.element(index)[offset..offset + T::SIZE].copy_from_slice(raw.as_ref());
        self
    }

    /// Write a reference at `offset` inside element `index`.
    #[inline]
    pub fn set_ref<T: ?Sized>(&mut self, index: usize, offset: u32, target: Ref<T>) -> &mut Self {
        self.set(index, offset, target.offset())
    }

    /// The array's reference.
    #[inline]
    pub fn end<T: ?Sized>(self) -> Ref<T> {
        self.at.cast()
    }
}

impl Builder {
    /// Begin a struct of `type_id` with body alignment `align` and declared size `size`; the
    /// body is written zeroed now (the stored size is the declared size).
    #[inline]
    pub fn begin_struct(&mut self, type_id: u16, align: u32, size: u32) -> StructBuilder<'_> {
        if let Some((at, body)) = self.short_object(type_id, align, size as usize, true) {
            return StructBuilder { builder: self, at, body, size: size as usize };
        }
        let at = self.tag(type_id, align, size as usize, size as usize);
        let body = self.push_zeros(size as usize);
        self.pad();
        StructBuilder { builder: self, at, body, size: size as usize }
    }

    /// A struct from its whole body (`body.len()` is the stored size).
    #[inline]
    pub fn push_struct<T: ?Sized>(&mut self, type_id: u16, align: u32, body: &[u8]) -> Ref<T> {
        self.object(type_id, align, body).cast()
    }

    /// Begin an array of `count` zeroed elements of `stride` bytes.
    pub fn begin_array(&mut self, type_id: u16, align: u32, stride: u32, count: usize) -> ArrayBuilder<'_> {
        let size = count.checked_mul(stride as usize).expect("wxl array too long");
        let at = self.tag(type_id, align, count, size);
        let body = self.push_zeros(size);
        self.pad();
        ArrayBuilder { builder: self, at, body, count, stride: stride as usize }
    }

    /// An array of scalars; on little-endian targets the body is one copy of `items`' memory.
    pub fn scalar_array<T: Scalar, U: ?Sized>(&mut self, type_id: u16, items: &[T]) -> Ref<U> {
        let at = self.tag(type_id, T::ALIGN.max(4), items.len(), size_of_val(items));
        match T::slice_le_bytes(items) {
            Some(bytes) => self.push_bytes(bytes),
            None => {
                let body = self.push_zeros(items.len() * T::SIZE);
                let out = self.slice_mut(body, items.len() * T::SIZE);
                for (slot, item) in out.chunks_exact_mut(T::SIZE).zip(items) {
                    slot.copy_from_slice(item.to_raw().as_ref());
                }
            }
        }
        self.pad();
        at.cast()
    }

    /// An array of references (non-null elements).
    pub fn ref_array<T: ?Sized, U: ?Sized>(&mut self, type_id: u16, items: &[Ref<T>]) -> Ref<U> {
        let at = self.tag(type_id, 4, items.len(), items.len() * 4);
        let body = self.push_zeros(items.len() * 4);
        let out = self.slice_mut(body, items.len() * 4);
        for (slot, item) in out.chunks_exact_mut(4).zip(items) {
            slot.copy_from_slice(&item.offset().to_le_bytes());
        }
        at.cast()
    }

    /// An array of nullable references: `None` is null.
    pub fn ref_array_opt<T: ?Sized, U: ?Sized>(&mut self, type_id: u16, items: &[Option<Ref<T>>]) -> Ref<U> {
        let at = self.tag(type_id, 4, items.len(), items.len() * 4);
        let body = self.push_zeros(items.len() * 4);
        let out = self.slice_mut(body, items.len() * 4);
        for (slot, item) in out.chunks_exact_mut(4).zip(items) {
            slot.copy_from_slice(&item.map_or(0, Ref::offset).to_le_bytes());
        }
        at.cast()
    }

    /// An array of value structs: `write(item, element)` fills each zeroed `stride`-byte
    /// element from the corresponding item.
    pub fn value_array<I, U: ?Sized>(
        &mut self,
        type_id: u16,
        align: u32,
        stride: u32,
        items: &[I],
        mut write: impl FnMut(&I, &mut [u8]),
    ) -> Ref<U> {
        let array = self.begin_array(type_id, align, stride, items.len());
        if stride == 0 {
            return array.end();
        }
        let size = items.len() * stride as usize;
        let out = array.builder.slice_mut(array.body, size);
        for (slot, item) in out.chunks_exact_mut(stride as usize).zip(items) {
            write(item, slot);
        }
        array.end()
    }

    /// An array of value structs, each element the `N` bytes `to_bytes(item)` returns (the
    /// generated `*Args::to_bytes`): the body is written once, element after element, with
    /// fixed-size stores and no zeroing first. Panics unless `stride` is `N`.
    #[inline]
    pub fn value_array_of<const N: usize, I, U: ?Sized>(
        &mut self,
        type_id: u16,
        align: u32,
        stride: u32,
        items: &[I],
        to_bytes: impl Fn(&I) -> [u8; N],
    ) -> Ref<U> {
        assert!(stride as usize == N, "wxl value array stride {stride} is not the element size {N}");
        if N == 0 {
            return self.begin_array(type_id, align, stride, items.len()).end();
        }
        let size = items.len().checked_mul(N).expect("wxl array too long");
        // `tag` reserves room for the body and its tail padding.
        let at = self.tag(type_id, align, items.len(), size);
        let start = self.len;
        let (chunks, _) = self.slice_mut(start, size).as_chunks_mut::<N>();
        for (chunk, item) in chunks.iter_mut().zip(items) {
            *chunk = to_bytes(item);
        }
        self.len += size;
        self.pad();
        at.cast()
    }

    /// An array of value structs from their encoded bytes (`bytes.len() / stride` elements).
    /// Panics if `bytes.len()` is not a multiple of a nonzero `stride`.
    pub fn value_array_bytes<U: ?Sized>(&mut self, type_id: u16, align: u32, stride: u32, bytes: &[u8]) -> Ref<U> {
        assert!(stride != 0 && bytes.len().is_multiple_of(stride as usize), "wxl value array bytes not whole elements");
        let at = self.tag(type_id, align, bytes.len() / stride as usize, bytes.len());
        self.push_bytes(bytes);
        self.pad();
        at.cast()
    }
}
