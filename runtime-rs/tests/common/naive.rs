//! A deliberately naive verifier, written straight from LAYOUT.md section 6, to check the fast
//! one against: same verdict, same first error kind, same offset.

use wxl_runtime::schema::{Check, Heap, Kind, Schema};
use wxl_runtime::ErrorKind::{self, *};

type R = Result<(), (ErrorKind, usize)>;

fn u32_at(buf: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(buf[at..at + 4].try_into().unwrap())
}

pub fn naive_verify(buf: &[u8], schema: &Schema, identifier: Option<[u8; 4]>, root: Option<u16>) -> R {
    let len = buf.len();
    if len < 16 {
        return Err((BufferTooShort, 0));
    }
    if len > 0xFFFF_FFFC {
        return Err((BufferTooLong, 0));
    }
    if !len.is_multiple_of(4) {
        return Err((LengthNotMultipleOf4, 0));
    }
    if buf[0..4] != *b"WXL\0" {
        return Err((BadMagic, 0));
    }
    if buf[4..6] != [1, 0] {
        return Err((BadVersion, 4));
    }
    if buf[6..8] != [0, 0] {
        return Err((BadFlags, 6));
    }
    if let Some(id) = identifier {
        if buf[8..12] != id {
            return Err((WrongIdentifier, 8));
        }
    }
    let mut marked = vec![false; len / 4];
    let mut pos = 16;
    let mut zeros = 0;
    while pos < len {
        let tag = u32_at(buf, pos);
        if tag == 0 {
            zeros += 1;
            if zeros > 3 {
                return Err((BadPadding, pos));
            }
            pos += 4;
            continue;
        }
        zeros = 0;
        let next = object(buf, schema, &marked, pos, tag)?;
        marked[pos / 4] = true;
        pos = next;
    }
    if zeros > 0 {
        return Err((BadPadding, len - 4));
    }
    let r = u32_at(buf, 12) as usize;
    let ok = r != 0 && r.is_multiple_of(4) && r < len && marked[r / 4] && {
        let id = u32_at(buf, r) as u16;
        root.or(schema.root).is_none_or(|t| schema.is_subtype(id, t))
    };
    if ok { Ok(()) } else { Err((RootInvalid, 12)) }
}

fn object(buf: &[u8], schema: &Schema, marked: &[bool], pos: usize, tag: u32) -> Result<usize, (ErrorKind, usize)> {
    let len = buf.len();
    let id = tag as u16;
    let (align, unit, info) = match id {
        1 | 2 => (4u64, 1u64, None),
        _ => match schema.type_info(id) {
            Some(info) => {
                let unit = if info.kind == Kind::Array { info.size } else { 1 };
                (u64::from(info.body_align.max(4)), u64::from(unit), Some(info))
            }
            None => return Err((UnknownType, pos)),
        },
    };
    let short = tag >> 16;
    let (count, body) = if short == 0xFFFF {
        if pos + 8 > len {
            if !(pos as u64 + 8).is_multiple_of(align) {
                return Err((MisalignedBody, pos));
            }
            return Err((ObjectOutOfBounds, pos));
        }
        let long = u32_at(buf, pos + 4);
        if long < 0xFFFF {
            return Err((NonCanonicalLength, pos + 4));
        }
        (u64::from(long), pos as u64 + 8)
    } else {
        (u64::from(short), pos as u64 + 4)
    };
    if body % align != 0 {
        return Err((MisalignedBody, pos));
    }
    let size = count * unit;
    let end = body + size;
    let padded = end.div_ceil(4) * 4;
    if padded > len as u64 {
        return Err((ObjectOutOfBounds, pos));
    }
    let (body, end, padded) = (body as usize, end as usize, padded as usize);
    if let Some(at) = (end..padded).find(|&at| buf[at] != 0) {
        return Err((BadPadding, at));
    }
    match (id, info) {
        (1, _) => {
            if std::str::from_utf8(&buf[body..end]).is_err() {
                return Err((InvalidUtf8, body));
            }
        }
        (2, _) => {}
        (_, Some(info)) if info.kind == Kind::Struct => {
            checks(buf, schema, marked, pos, body, end, info.checks)?;
        }
        (_, Some(info)) => {
            let stride = info.size as usize;
            if stride == 0 {
                checks(buf, schema, marked, pos, body, end, info.checks)?;
            } else {
                for i in 0..count as usize {
                    checks(buf, schema, marked, pos, body + i * stride, end, info.checks)?;
                }
            }
        }
        _ => unreachable!(),
    }
    Ok(padded)
}

/// The checks of a struct (or one element) starting at `start`; presence is decided against
/// `end`, the end of the object's body.
fn checks(buf: &[u8], schema: &Schema, marked: &[bool], h: usize, start: usize, end: usize, list: &[Check]) -> R {
    for check in list {
        let at = start + check.offset() as usize;
        let present = at + check.size() as usize <= end;
        match *check {
            Check::Ref { nullable: false, .. } if !present => return Err((RequiredFieldAbsent, h)),
            _ if !present => {}
            Check::Bool { .. } => {
                if buf[at] > 1 {
                    return Err((InvalidBool, at));
                }
            }
            Check::Enum { width, values, .. } => {
                let mut raw = [0u8; 8];
                let n = usize::from(width).min(8);
                raw[..n].copy_from_slice(&buf[at..at + n]);
                if !values.contains(&u64::from_le_bytes(raw)) {
                    return Err((InvalidEnum, at));
                }
            }
            Check::Ref { nullable, heap, .. } => reference(buf, schema, marked, h, at, nullable, heap)?,
        }
    }
    Ok(())
}

fn reference(buf: &[u8], schema: &Schema, marked: &[bool], h: usize, at: usize, nullable: bool, heap: Heap) -> R {
    let v = u32_at(buf, at);
    if v == 0 {
        return if nullable { Ok(()) } else { Err((NullRef, at)) };
    }
    if v & 1 == 1 {
        return if matches!(heap, Heap::Any | Heap::I31) { Ok(()) } else { Err((RefTypeMismatch, at)) };
    }
    if v & 3 == 2 {
        return Err((RefNotObjectStart, at));
    }
    let v = v as usize;
    if v >= h {
        return Err((RefNotBackward, at));
    }
    if !marked[v / 4] {
        return Err((RefNotObjectStart, at));
    }
    let id = u32_at(buf, v) as u16;
    let kind = schema.type_info(id).map(|i| i.kind);
    let ok = match heap {
        Heap::Type(t) => schema.is_subtype(id, t),
        Heap::String => id == 1,
        Heap::Bytes => id == 2,
        Heap::Struct => kind == Some(Kind::Struct),
        Heap::Array => id == 1 || id == 2 || kind == Some(Kind::Array),
        Heap::Any => true,
        Heap::I31 | Heap::None => false,
    };
    if ok { Ok(()) } else { Err((RefTypeMismatch, at)) }
}
