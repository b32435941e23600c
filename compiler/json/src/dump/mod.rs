//! `wxl dump`: every byte of a buffer labelled (header fields, padding words, tag words, each
//! field with its value, gaps, tail padding), then the verifier's verdict with the failing
//! byte marked. The walk follows the verifier's pass (LAYOUT.md §6) but never stops at a
//! broken rule: it labels what it can and stops only where sizes become unknowable (an unknown
//! type id, a body past the end).

mod render;

use std::collections::HashMap;
use std::fmt::Write;

use wxl_ir::layout::storage_size_align;
use wxl_ir::{CompositeType, Field, Scalar, StorageType, TypeIndex};
use wxl_runtime::Options;

use crate::context::{Context, ObjType};
use crate::reader::{body_size, header_at, u32_at};
use crate::scalars::read_int;

/// A labelled byte range.
struct Row {
    start: usize,
    len: usize,
    label: String,
}

/// The annotated dump of `buf` and the verifier's verdict (root type `root`, else the
/// schema's; the identifier is checked when the schema has one).
pub fn dump(cx: &Context, root: Option<TypeIndex>, buf: &[u8]) -> (String, Result<(), wxl_runtime::Error>) {
    let root = cx.root_type(root);
    let options = Options { identifier: cx.schema.identifier, root: root.map(|r| cx.schema.ty(r).type_id) };
    let verdict = wxl_runtime::verify(buf, cx.runtime, &options).map(|_| ());
    let mut walker = Walker { cx, buf, rows: Vec::new(), objects: HashMap::new() };
    walker.walk();
    (render::render(buf, &walker.rows, verdict.err()), verdict)
}

struct Walker<'c, 's, 'b> {
    cx: &'c Context<'s>,
    buf: &'b [u8],
    rows: Vec<Row>,
    /// Objects passed so far: offset to type id (references point backwards, so every valid
    /// target is known when the reference is labelled).
    objects: HashMap<u32, u16>,
}

impl Walker<'_, '_, '_> {
    fn row(&mut self, start: usize, len: usize, label: String) {
        if len > 0 {
            self.rows.push(Row { start, len, label });
        }
    }

    fn walk(&mut self) {
        let len = self.buf.len();
        if len < 16 {
            self.row(0, len, "too short for the 16-byte header".into());
            return;
        }
        let header_rows = self.rows.len();
        let mut pos = 16;
        while pos + 4 <= len {
            match self.object(pos) {
                Some(next) => pos = next,
                None => return self.header(header_rows),
            }
        }
        self.row(pos, len - pos, "trailing bytes: the length is not a multiple of 4".into());
        self.header(header_rows);
    }

    /// The header's rows, inserted first once the objects are known (the root is the last).
    fn header(&mut self, at: usize) {
        let buf = self.buf;
        let version = u16::from_le_bytes([buf[4], buf[5]]);
        let flags = u16::from_le_bytes([buf[6], buf[7]]);
        let identifier = if buf[8..12] == [0; 4] { "none".to_string() } else { quoted(&buf[8..12]) };
        let root = self.ref_label(u32_at(buf, 12).unwrap_or(0));
        let rows = [
            Row { start: 0, len: 4, label: format!("header: magic {}", quoted(&buf[0..4])) },
            Row { start: 4, len: 2, label: format!("header: version {version}") },
            Row { start: 6, len: 2, label: format!("header: flags {flags}") },
            Row { start: 8, len: 4, label: format!("header: identifier {identifier}") },
            Row { start: 12, len: 4, label: format!("header: root {root}") },
        ];
        self.rows.splice(at..at, rows);
    }

    /// Labels the item at `pos` (a padding word or an object); returns where the next one
    /// starts, or `None` when the rest of the buffer cannot be sized.
    fn object(&mut self, pos: usize) -> Option<usize> {
        let len = self.buf.len();
        if u32_at(self.buf, pos) == Some(0) {
            self.row(pos, 4, "padding word (aligns the next object's body)".into());
            return Some(pos + 4);
        }
        let Some(header) = header_at(self.buf, pos) else {
            self.row(pos, len - pos, "tag word announcing a long length past the end".into());
            return None;
        };
        let id = header.type_id;
        let Some(obj) = self.cx.obj_type(id) else {
            self.row(pos, 4, format!("@{pos} tag word: unknown type id {id}, length {}", header.length));
            self.row(pos + 4, len - pos - 4, "not labelled: an object of an unknown type cannot be sized".into());
            return None;
        };
        let name = self.cx.name(obj).to_string();
        let n = header.length;
        let plural = if n == 1 { "" } else { "s" };
        let what = match obj {
            ObjType::Str | ObjType::Bytes => format!("{n} byte{plural}"),
            _ if self.cx.is_array(obj) => format!("{n} element{plural}"),
            _ => format!("stored size {n}"),
        };
        self.row(pos, 4, format!("@{pos} {name}: tag word (type id {id}, {what})"));
        if header.long {
            self.row(pos + 4, 4, format!("  long length {}", header.length));
        }
        let size = body_size(self.cx, &header).unwrap_or(0);
        let end = header.body as u64 + size;
        let padded = end.div_ceil(4) * 4;
        if padded > len as u64 {
            let message = format!("  body: {size} bytes announced, {} left in the buffer", len - header.body);
            self.row(header.body, len - header.body, message);
            return None;
        }
        let end = end as usize;
        match obj {
            ObjType::Str => {
                let body = &self.buf[header.body..end];
                let label = match std::str::from_utf8(body) {
                    Ok(text) => format!("  {}", preview(text, 60)),
                    Err(_) => format!("  invalid UTF-8: {}", preview(&String::from_utf8_lossy(body), 60)),
                };
                self.row(header.body, end - header.body, label);
            }
            ObjType::Bytes => {
                let body = &self.buf[header.body..end];
                self.row(
                    header.body,
                    body.len(),
                    format!("  {} bytes (base64 {})", body.len(), crate::base64::encode(&body[..body.len().min(24)])),
                );
            }
            ObjType::Type(index) => self.body(index, header.body, end, header.length as usize),
        }
        self.row(end, padded as usize - end, "  tail padding".into());
        self.objects.insert(pos as u32, id);
        Some(padded as usize)
    }

    fn body(&mut self, index: TypeIndex, body: usize, end: usize, length: usize) {
        let schema = self.cx.schema;
        match &schema.ty(index).composite {
            CompositeType::Struct(st) => {
                let declared = schema.ty(index).layout.size as usize;
                let cursor = self.fields(&st.fields, body, end, body, "  .");
                if cursor < end {
                    let why = if cursor >= body + declared {
                        "extra bytes past the declared size (a newer schema's fields)"
                    } else {
                        "gap"
                    };
                    self.row(cursor, end - cursor, format!("  {why}"));
                }
            }
            CompositeType::Array(array) => {
                let stride = schema.ty(index).layout.size as usize;
                // Zero-size elements have no bytes to label (and may be billions).
                let length = if stride == 0 { 0 } else { length };
                for i in 0..length {
                    let at = body + i * stride;
                    let cursor = self.leaf(array.element.storage, at, at + stride, &format!("  [{i}]"));
                    if cursor < at + stride {
                        self.row(cursor, at + stride - cursor, "  gap".into());
                    }
                }
            }
        }
    }

    /// Rows for the fields starting at `base`, up to `end` (the stored body's end); returns
    /// the offset after the last byte labelled.
    fn fields(&mut self, fields: &[Field], base: usize, end: usize, mut cursor: usize, prefix: &str) -> usize {
        for field in fields {
            let at = base + field.offset as usize;
            if at >= end {
                break; // absent fields: not stored
            }
            if at > cursor {
                self.row(cursor, at - cursor, "  gap".into());
            }
            cursor = self.leaf(field.ty.storage, at, end, &format!("{prefix}{}", field.name));
        }
        cursor
    }

    /// Rows for one stored value at `at` called `name`; returns the offset after it.
    fn leaf(&mut self, storage: StorageType, at: usize, end: usize, name: &str) -> usize {
        let (size, _) = storage_size_align(self.cx.schema, storage);
        let size = size as usize;
        if let StorageType::Value(index) = storage {
            let fields = &self.cx.schema.value_struct(index).fields;
            let cursor = self.fields(fields, at, end.min(at + size), at, &format!("{name}."));
            return cursor.max(at);
        }
        if at + size > end {
            self.row(at, end - at, format!("{name}: cut by the end of the body (absent)"));
            return end;
        }
        let bytes = &self.buf[at..at + size];
        let value = match storage {
            StorageType::Scalar(scalar) => scalar_text(scalar, bytes),
            StorageType::Enum(index) => {
                let enum_type = self.cx.schema.enum_type(index);
                let value = read_int(bytes, enum_type.repr.is_signed());
                match enum_type.variants.iter().find(|v| v.value == value) {
                    Some(variant) => format!("{} ({value})", variant.name),
                    None if enum_type.open => format!("{value} (no variant of open {})", enum_type.name),
                    None => format!("{value} (invalid: not a variant of {})", enum_type.name),
                }
            }
            StorageType::Ref(_) => return self.ref_row(at, name),
            StorageType::Value(_) => String::new(),
        };
        self.row(at, size, format!("{name} = {value}"));
        at + size
    }

    fn ref_row(&mut self, at: usize, name: &str) -> usize {
        let raw = u32_at(self.buf, at).unwrap_or(0);
        let label = format!("{name} {}", self.ref_label(raw));
        self.row(at, 4, label);
        at + 4
    }

    /// `-> @16 string "-"`, `null`, `i31 5`, or what is wrong with the reference.
    fn ref_label(&self, raw: u32) -> String {
        if raw == 0 {
            return "= null".into();
        }
        if raw & 1 == 1 {
            return format!("= i31 {}", (raw as i32) >> 1);
        }
        let Some(&id) = self.objects.get(&raw) else {
            return format!("-> @{raw} (no object labelled there)");
        };
        let name = self.cx.obj_type(id).map_or("?", |t| self.cx.name(t));
        if id == wxl_ir::tables::TYPE_ID_STRING {
            let text = header_at(self.buf, raw as usize)
                .and_then(|h| self.buf.get(h.body..h.body + h.length as usize))
                .map(String::from_utf8_lossy)
                .unwrap_or_default();
            return format!("-> @{raw} {name} {}", preview(&text, 32));
        }
        format!("-> @{raw} {name}")
    }
}

/// A quoted, escaped text, cut at `max` characters.
fn preview(text: &str, max: usize) -> String {
    let mut out = String::new();
    let cut: String = text.chars().take(max).collect();
    crate::json::write_string(&mut out, &cut);
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// Bytes as a quoted string, non-printable ones escaped (`"WXL\0"`).
fn quoted(bytes: &[u8]) -> String {
    let mut out = String::from("\"");
    for &b in bytes {
        match b {
            0 => out.push_str("\\0"),
            b'"' | b'\\' => {
                out.push('\\');
                out.push(b as char);
            }
            0x20..=0x7e => out.push(b as char),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
    out
}

fn scalar_text(scalar: Scalar, bytes: &[u8]) -> String {
    match scalar {
        Scalar::Bool => match bytes[0] {
            0 => "false".into(),
            1 => "true".into(),
            other => format!("{other} (invalid bool)"),
        },
        Scalar::F32 | Scalar::F64 | Scalar::V128 => match crate::scalars::scalar_json(scalar, bytes).kind {
            crate::json::Kind::Number(text) | crate::json::Kind::String(text) => text,
            _ => String::new(),
        },
        _ => read_int(bytes, scalar.is_signed()).to_string(),
    }
}
