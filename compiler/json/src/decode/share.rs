//! Which objects are referenced more than once: those are printed once with `"$id"` and then
//! as `{"$ref": N}`, so a DAG prints in size linear in the buffer, whatever the sharing.

use crate::context::Context;
use crate::reader::{header_at, u32_at};

/// Reference counts per 4-byte word of `buf` (0, 1, or 2 for "two or more"), counting every
/// reference slot of every object reachable from `root` (the header's reference counts too).
/// Iterative, and each object's slots are read once: linear in the reachable slots.
pub(crate) fn count(cx: &Context, buf: &[u8], root: u32) -> Vec<u8> {
    let mut counts = vec![0u8; buf.len() / 4];
    let mut stack = Vec::new();
    bump(&mut counts, &mut stack, root);
    while let Some(at) = stack.pop() {
        let Some(header) = header_at(buf, at as usize) else { continue };
        let Some((_, size)) = cx.layout(header.type_id) else { continue }; // strings, bytes
        if cx.ref_offsets(header.type_id).next().is_none() {
            continue; // no references (this also skips arrays of zero-size elements at once)
        }
        let is_array = cx.obj_type(header.type_id).is_some_and(|t| cx.is_array(t));
        let (elements, stride, limit) = if is_array {
            (header.length as usize, size as usize, size as usize)
        } else {
            (1, 0, header.length as usize) // a struct's slots must lie in its stored size
        };
        for element in 0..elements {
            let base = header.body + element * stride;
            for offset in cx.ref_offsets(header.type_id) {
                if offset as usize + 4 > limit {
                    continue;
                }
                if let Some(raw) = u32_at(buf, base + offset as usize) {
                    bump(&mut counts, &mut stack, raw);
                }
            }
        }
    }
    counts
}

fn bump(counts: &mut [u8], stack: &mut Vec<u32>, raw: u32) {
    if raw == 0 || raw & 3 != 0 {
        return; // null or an i31 value
    }
    let Some(count) = counts.get_mut(raw as usize / 4) else { return };
    if *count == 0 {
        stack.push(raw);
    }
    *count = count.saturating_add(1).min(2);
}
