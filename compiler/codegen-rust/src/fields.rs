//! What a field or array element holds, in the terms the Rust API cares about: the IR's storage
//! type with references split by what they point to.

use wxl_ir::{AbstractHeap, CompositeType, EnumIndex, HeapType, Scalar, Schema, StorageType, TypeIndex, ValueIndex};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Scalar(Scalar),
    Enum(EnumIndex),
    Value(ValueIndex),
    String { nullable: bool },
    Bytes { nullable: bool },
    /// A reference to a schema struct type.
    Struct { target: TypeIndex, nullable: bool },
    /// A reference to a schema array type.
    Array { target: TypeIndex, nullable: bool },
    /// A reference to an abstract heap type.
    Abstract { heap: AbstractHeap, nullable: bool },
}

impl Kind {
    pub(crate) fn of(schema: &Schema, storage: StorageType) -> Kind {
        match storage {
            StorageType::Scalar(scalar) => Kind::Scalar(scalar),
            StorageType::Enum(index) => Kind::Enum(index),
            StorageType::Value(index) => Kind::Value(index),
            StorageType::Ref(reference) => {
                let nullable = reference.nullable;
                match reference.heap {
                    HeapType::String => Kind::String { nullable },
                    HeapType::Bytes => Kind::Bytes { nullable },
                    HeapType::Concrete(target) => match schema.ty(target).composite {
                        CompositeType::Struct(_) => Kind::Struct { target, nullable },
                        CompositeType::Array(_) => Kind::Array { target, nullable },
                    },
                    HeapType::Abstract(heap) => Kind::Abstract { heap, nullable },
                }
            }
        }
    }

    pub(crate) fn nullable(self) -> bool {
        match self {
            Kind::String { nullable }
            | Kind::Bytes { nullable }
            | Kind::Struct { nullable, .. }
            | Kind::Array { nullable, .. }
            | Kind::Abstract { nullable, .. } => nullable,
            Kind::Scalar(_) | Kind::Enum(_) | Kind::Value(_) => false,
        }
    }

    /// A reference to a concrete schema type.
    pub(crate) fn target(self) -> Option<TypeIndex> {
        match self {
            Kind::Struct { target, .. } | Kind::Array { target, .. } => Some(target),
            _ => None,
        }
    }
}

/// The element storage of an array type.
pub(crate) fn element(schema: &Schema, index: TypeIndex) -> Option<StorageType> {
    match &schema.ty(index).composite {
        CompositeType::Array(array) => Some(array.element.storage),
        CompositeType::Struct(_) => None,
    }
}
