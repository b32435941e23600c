//! Reading tag words and scalars straight from the bytes, with every access bounds-checked:
//! the decoder reads verified buffers, the dump reads anything.

use wxl_ir::tables::{TYPE_ID_BYTES, TYPE_ID_STRING};

use crate::context::Context;

/// The u32 at `at`, if it lies inside `buf`.
pub(crate) fn u32_at(buf: &[u8], at: usize) -> Option<u32> {
    let bytes = buf.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes(bytes.try_into().ok()?))
}

/// An object's tag word decoded (LAYOUT.md §4.1).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Header {
    pub type_id: u16,
    /// Struct: stored size; array: element count; string, bytes: byte count.
    pub length: u32,
    /// Whether a long-length word follows the tag word.
    pub long: bool,
    /// Where the body starts.
    pub body: usize,
}

/// The tag word at `at` (and the long length, if it lies inside `buf`).
pub(crate) fn header_at(buf: &[u8], at: usize) -> Option<Header> {
    let tag = u32_at(buf, at)?;
    let type_id = tag as u16;
    match tag >> 16 {
        0xFFFF => Some(Header { type_id, length: u32_at(buf, at + 4)?, long: true, body: at + 8 }),
        short => Some(Header { type_id, length: short, long: false, body: at + 4 }),
    }
}

/// The body size in bytes of an object (64-bit: a hostile count times a stride can exceed
/// any buffer), or `None` when the type id is unknown to the schema.
pub(crate) fn body_size(cx: &Context, header: &Header) -> Option<u64> {
    let length = u64::from(header.length);
    match header.type_id {
        TYPE_ID_STRING | TYPE_ID_BYTES => Some(length),
        id => {
            let (_, size) = cx.layout(id)?;
            let is_array = cx.obj_type(id).is_some_and(|t| cx.is_array(t));
            Some(if is_array { length * u64::from(size) } else { length })
        }
    }
}
