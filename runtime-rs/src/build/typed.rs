//! Typing help for generated builders: subtype upcasts of [`Ref`]s and the values an abstract
//! reference slot (`anyref`, `eqref`, `structref`, `arrayref`) can be given.
//!
//! Generated code marks `Ref<T>` with its view types (`Ref<Circle<'static>>`) and implements
//! [`Subtype`] for every pair the schema allows, so `circle.upcast::<Shape<'static>>()` compiles
//! exactly where the verifier would accept the reference.

use super::Ref;

/// `Self` may be stored where a reference to `S` is declared: `Self` is `S`, a subtype of it, or
/// an equivalent type. Generated code implements it; the runtime adds strings and byte strings
/// as arrays.
pub trait Subtype<S: ?Sized> {}

impl<T: ?Sized> Subtype<T> for T {}

/// The target of a `ref struct`: any struct object. Generated code implements
/// `Subtype<AnyStruct>` for every struct type.
pub enum AnyStruct {}

/// The target of a `ref array`: any array object, string or byte string.
pub enum AnyArray {}

impl Subtype<AnyArray> for str {}
impl Subtype<AnyArray> for [u8] {}

impl<T: ?Sized> Ref<T> {
    /// The same reference, typed as one to a supertype of `T`.
    #[inline]
    pub const fn upcast<S: ?Sized>(self) -> Ref<S>
    where
        T: Subtype<S>,
    {
        self.cast()
    }
}

/// A non-null value for an `anyref`/`eqref` slot: an i31 value or any object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AnyArg {
    /// An `i31ref`: the low 31 bits of the value are stored (as `ref.i31` does).
    I31(i32),
    /// An object written earlier.
    Object(Ref),
}

impl AnyArg {
    /// The u32 stored in the slot (LAYOUT.md section 5).
    #[inline]
    pub const fn to_raw(self) -> u32 {
        match self {
            AnyArg::I31(value) => (value as u32) << 1 | 1,
            AnyArg::Object(target) => target.offset(),
        }
    }
}

impl<T: ?Sized> From<Ref<T>> for AnyArg {
    #[inline]
    fn from(target: Ref<T>) -> AnyArg {
        AnyArg::Object(target.cast())
    }
}
