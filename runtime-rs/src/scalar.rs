//! The scalar kinds of LAYOUT.md section 2 and their little-endian encodings.

/// A scalar that can sit in a field or an array element: fixed size, little-endian.
///
/// Implemented for `u8 i8 u16 i16 u32 i32 u64 i64 f32 f64 bool`, and for `u128` and `[u8; 16]`
/// (both `v128`: lane 0 is the lowest byte of the u128, the first byte of the array).
pub trait Scalar: Copy + Default + private::Sealed {
    /// Size in bytes, which is also the natural alignment (except `[u8; 16]`, see `ALIGN`).
    const SIZE: usize;
    /// Natural alignment in the layout (`v128` is 16-aligned whichever Rust type carries it).
    const ALIGN: u32;
    #[doc(hidden)]
    type Raw: Copy + Default + AsRef<[u8]> + AsMut<[u8]>;
    #[doc(hidden)]
    fn from_raw(raw: Self::Raw) -> Self;
    #[doc(hidden)]
    fn to_raw(self) -> Self::Raw;
    /// The little-endian bytes of a whole slice without copying, where memory order is already
    /// the layout's (little-endian targets, types without invalid bit patterns).
    #[doc(hidden)]
    fn slice_le_bytes(items: &[Self]) -> Option<&[u8]>;
}

mod private {
    pub trait Sealed {}
}

macro_rules! number {
    ($($t:ty => $n:expr),*) => {$(
        impl private::Sealed for $t {}
        impl Scalar for $t {
            const SIZE: usize = $n;
            const ALIGN: u32 = $n;
            type Raw = [u8; $n];
            #[inline(always)]
            fn from_raw(raw: [u8; $n]) -> Self {
                <$t>::from_le_bytes(raw)
            }
            #[inline(always)]
            fn to_raw(self) -> [u8; $n] {
                self.to_le_bytes()
            }
            #[inline(always)]
            fn slice_le_bytes(items: &[Self]) -> Option<&[u8]> {
                cfg!(target_endian = "little").then(|| crate::raw::as_bytes(items))
            }
        }
    )*};
}
number!(u8 => 1, i8 => 1, u16 => 2, i16 => 2, u32 => 4, i32 => 4, u64 => 8, i64 => 8,
        f32 => 4, f64 => 8, u128 => 16);

impl private::Sealed for bool {}
impl Scalar for bool {
    const SIZE: usize = 1;
    const ALIGN: u32 = 1;
    type Raw = [u8; 1];
    /// Any nonzero byte reads as true (a verified buffer only has 0 and 1).
    #[inline(always)]
    fn from_raw(raw: [u8; 1]) -> Self {
        raw[0] != 0
    }
    #[inline(always)]
    fn to_raw(self) -> [u8; 1] {
        [u8::from(self)]
    }
    fn slice_le_bytes(_: &[Self]) -> Option<&[u8]> {
        None
    }
}

impl private::Sealed for [u8; 16] {}
impl Scalar for [u8; 16] {
    const SIZE: usize = 16;
    const ALIGN: u32 = 16;
    type Raw = [u8; 16];
    #[inline(always)]
    fn from_raw(raw: [u8; 16]) -> Self {
        raw
    }
    #[inline(always)]
    fn to_raw(self) -> [u8; 16] {
        self
    }
    #[inline(always)]
    fn slice_le_bytes(items: &[Self]) -> Option<&[u8]> {
        Some(items.as_flattened())
    }
}
