//! The one-line C expressions and statements that read, build and store one stored value
//! (a scalar, an enum, an inline value struct or a raw reference). Struct fields, value-struct
//! members and array elements are all made of these.

use wxl_ir::{Scalar, StorageType, Value};

use crate::ctype::{scalar_suffix, Ctx};

impl Ctx<'_> {
    /// Reads the value at `off` of the struct `view` (a `wxl_view`), presence-aware: the
    /// default when the struct's stored size does not hold it. Type: `stored_type`.
    pub fn get_stored(
        &self,
        storage: StorageType,
        default: Option<Value>,
        view: &str,
        off: &str,
    ) -> String {
        match storage {
            StorageType::Scalar(Scalar::V128) => format!("wxl_get_v128({view}, {off})"),
            StorageType::Scalar(scalar) => {
                format!(
                    "wxl_get_{}({view}, {off}, {})",
                    scalar_suffix(scalar),
                    self.default_expr(storage, default)
                )
            }
            StorageType::Enum(index) => format!(
                "({})wxl_get_{}({view}, {off}, {})",
                self.names.enum_type(index),
                scalar_suffix(self.schema.enum_type(index).repr),
                self.default_expr(storage, default)
            ),
            StorageType::Value(index) => format!("{}_get({view}, {off})", self.names.value(index)),
            StorageType::Ref(_) => format!("wxl_get_ref({view}, {off})"),
        }
    }

    /// Reads the value at address `ptr` (an array element or a member of one).
    pub fn load_stored(&self, storage: StorageType, ptr: &str) -> String {
        match storage {
            StorageType::Scalar(scalar) => format!("wxl_load_{}({ptr})", scalar_suffix(scalar)),
            StorageType::Enum(index) => format!(
                "({})wxl_load_{}({ptr})",
                self.names.enum_type(index),
                scalar_suffix(self.schema.enum_type(index).repr)
            ),
            StorageType::Value(index) => format!("{}_load({ptr})", self.names.value(index)),
            StorageType::Ref(_) => format!("wxl_load_u32({ptr})"),
        }
    }

    /// Sets the value at body offset `off` of the builder `b`'s open object. `value` is an
    /// lvalue of `stored_type` (value structs are passed by address).
    pub fn build_stored(&self, storage: StorageType, off: &str, value: &str) -> String {
        match storage {
            StorageType::Scalar(Scalar::V128) => {
                format!("wxl_builder_set_raw(b, {off}, {value}.bytes, 16);")
            }
            StorageType::Scalar(scalar) => format!(
                "wxl_builder_set_{}(b, {off}, {value});",
                scalar_suffix(scalar)
            ),
            StorageType::Enum(index) => {
                format!(
                    "wxl_builder_set_{}(b, {off}, {value});",
                    scalar_suffix(self.schema.enum_type(index).repr)
                )
            }
            StorageType::Value(index) => {
                format!("{}_build(b, {off}, &{value});", self.names.value(index))
            }
            StorageType::Ref(_) => format!("wxl_builder_set_ref(b, {off}, {value});"),
        }
    }

    /// Stores `value` at the writable address `ptr` (in-place setters).
    pub fn store_stored(&self, storage: StorageType, ptr: &str, value: &str) -> String {
        match storage {
            StorageType::Scalar(Scalar::V128) => format!("memcpy({ptr}, {value}.bytes, 16);"),
            StorageType::Scalar(scalar) => {
                format!("wxl_store_{}({ptr}, {value});", scalar_suffix(scalar))
            }
            StorageType::Enum(index) => {
                format!(
                    "wxl_store_{}({ptr}, {value});",
                    scalar_suffix(self.schema.enum_type(index).repr)
                )
            }
            StorageType::Value(index) => {
                format!("{}_store({ptr}, &{value});", self.names.value(index))
            }
            StorageType::Ref(_) => format!("wxl_store_u32({ptr}, {value});"),
        }
    }

    /// Conditions `value` (an lvalue of `stored_type`) must meet before an in-place store can
    /// keep the buffer valid: one per closed-enum leaf. Bools need none: C's `bool` is 0 or 1.
    pub fn closed_enum_conditions(&self, storage: StorageType, value: &str, out: &mut Vec<String>) {
        match storage {
            StorageType::Enum(index) if !self.schema.enum_type(index).open => out.push(format!(
                "{}_name({value}) != NULL",
                self.names.enum_type(index)
            )),
            StorageType::Value(index) => {
                for (i, field) in self.schema.value_struct(index).fields.iter().enumerate() {
                    let member = format!("{value}.{}", self.names.member(index, i));
                    self.closed_enum_conditions(field.ty.storage, &member, out);
                }
            }
            _ => {}
        }
    }

    /// Whether a stored value may be overwritten in place: scalars, enums, and value structs
    /// without references (a reference written in place could break the backward rule).
    pub fn settable_in_place(&self, storage: StorageType) -> bool {
        match storage {
            StorageType::Scalar(_) | StorageType::Enum(_) => true,
            StorageType::Value(index) => self
                .schema
                .value_struct(index)
                .fields
                .iter()
                .all(|f| self.settable_in_place(f.ty.storage)),
            StorageType::Ref(_) => false,
        }
    }

    /// Every default that is not stored as zero bytes, flattened through value structs: the
    /// `(offset, storage, default)` a builder writes when it opens a struct.
    pub fn nonzero_defaults(
        &self,
        storage: StorageType,
        default: Option<Value>,
        offset: u32,
        out: &mut Vec<(u32, StorageType, Option<Value>)>,
    ) {
        match storage {
            StorageType::Value(index) => {
                for field in &self.schema.value_struct(index).fields {
                    self.nonzero_defaults(
                        field.ty.storage,
                        field.default,
                        offset + field.offset,
                        out,
                    );
                }
            }
            StorageType::Scalar(_) | StorageType::Enum(_)
                if !self.default_is_zero(storage, default) =>
            {
                out.push((offset, storage, default))
            }
            _ => {}
        }
    }
}
