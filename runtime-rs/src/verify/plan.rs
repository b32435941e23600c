//! Struct plans: a compact, precomputed form of a struct type's check list for the fast path.
//!
//! The check list is an interpreter's input: every check is matched, its heap type matched,
//! its presence tested. A plan regroups the checks of one type (built once per pass, on first
//! use) so that a struct whose stored size covers all of them is checked with a few straight
//! loops and no early exits: every reference must be the commonest valid case (a marked earlier
//! tag word of exactly the named type), every bool 0 or 1, every enum inside a contiguous range
//! of declared values. If any of that fails, the struct is checked again by the interpreter,
//! which finds the first broken rule in pass order, or accepts what the plan could not
//! (subtypes, nulls, i31 values). So a plan only ever decides "valid"; errors and their
//! offsets always come from the interpreter.

use super::pass::Checker;
use crate::schema::{Check, Heap, TypeInfo, TYPE_ID_BYTES, TYPE_ID_STRING};

const REFS: usize = 8;
const BOOLS: usize = 8;
const RANGES: usize = 4;

#[derive(Clone, Copy, Default)]
struct Range {
    offset: u32,
    width: u8,
    low: u64,
    span: u64,
}

/// The fast-path form of one struct type's checks.
#[derive(Clone, Copy, Default)]
pub(super) struct Plan {
    /// The type id planned, 0 for none.
    id: u16,
    /// False when the checks do not fit the plan (the interpreter then does all the work).
    usable: bool,
    /// The stored size that makes every check present.
    end: usize,
    refs: [(u32, u16); REFS],
    n_refs: usize,
    bools: [u32; BOOLS],
    n_bools: usize,
    ranges: [Range; RANGES],
    n_ranges: usize,
}

impl Plan {
    /// The plan of type `id`.
    fn build(id: u16, info: &TypeInfo) -> Plan {
        let mut plan = Plan { id, usable: true, ..Plan::default() };
        for check in info.checks {
            plan.end = plan.end.max(check.offset() as usize + check.size() as usize);
            plan.usable &= plan.add(check);
        }
        plan
    }

    /// Add one check; false if it does not fit a plan.
    fn add(&mut self, check: &Check) -> bool {
        match *check {
            Check::Ref { offset, heap, .. } => {
                let exact = match heap {
                    Heap::Type(t) => t,
                    Heap::String => TYPE_ID_STRING,
                    Heap::Bytes => TYPE_ID_BYTES,
                    _ => return false,
                };
                push(&mut self.refs, &mut self.n_refs, (offset, exact))
            }
            Check::Bool { offset } => push(&mut self.bools, &mut self.n_bools, offset),
            Check::Enum { offset, width, values } => {
                let (Some(&low), Some(&high)) = (values.first(), values.last()) else { return false };
                let contiguous = high - low + 1 == values.len() as u64;
                contiguous
                    && width <= 8
                    && push(&mut self.ranges, &mut self.n_ranges, Range { offset, width, low, span: high - low })
            }
        }
    }
}

fn push<T>(slots: &mut [T], n: &mut usize, item: T) -> bool {
    match slots.get_mut(*n) {
        Some(slot) => {
            *slot = item;
            *n += 1;
            true
        }
        None => false,
    }
}

/// A tiny direct-mapped cache of plans, indexed by type id.
pub(super) struct Plans {
    slots: [Plan; 4],
}

impl Plans {
    pub(super) fn new() -> Plans {
        Plans { slots: [Plan::default(); 4] }
    }

    /// The plan of struct type `id` (built now if not cached).
    #[inline(always)]
    pub(super) fn get(&mut self, id: u16, info: &TypeInfo) -> &Plan {
        let slot = &mut self.slots[usize::from(id) % 4];
        if slot.id != id {
            *slot = Plan::build(id, info);
        }
        slot
    }
}

impl Checker<'_> {
    /// Whether `plan` proves the struct body `fields` (stored size `fields.len()`), whose tag
    /// word is at `h`, valid. False means "ask the interpreter".
    #[inline(always)]
    pub(super) fn planned(&self, plan: &Plan, h: usize, fields: &[u8]) -> bool {
        if !plan.usable || fields.len() < plan.end {
            return false;
        }
        // One fully unrolled body per reference count: no loop bookkeeping per reference.
        let mut ok = match plan.n_refs {
            0 => true,
            1 => self.refs_ok::<1>(&plan.refs, h, fields),
            2 => self.refs_ok::<2>(&plan.refs, h, fields),
            3 => self.refs_ok::<3>(&plan.refs, h, fields),
            4 => self.refs_ok::<4>(&plan.refs, h, fields),
            5 => self.refs_ok::<5>(&plan.refs, h, fields),
            6 => self.refs_ok::<6>(&plan.refs, h, fields),
            7 => self.refs_ok::<7>(&plan.refs, h, fields),
            _ => self.refs_ok::<REFS>(&plan.refs, h, fields),
        };
        for &offset in &plan.bools[..plan.n_bools.min(BOOLS)] {
            ok &= fields.get(offset as usize).is_some_and(|&b| b <= 1);
        }
        for range in &plan.ranges[..plan.n_ranges.min(RANGES)] {
            ok &= read_le(fields, range.offset as usize, range.width).wrapping_sub(range.low) <= range.span;
        }
        ok
    }
}

impl Checker<'_> {
    /// The first `K` planned references, all of them tested (`&`, no early exit).
    #[inline(always)]
    fn refs_ok<const K: usize>(&self, refs: &[(u32, u16); REFS], h: usize, fields: &[u8]) -> bool {
        let mut ok = true;
        for &(offset, exact) in &refs[..K] {
            ok &= self.exact_ref(read_u32(fields, offset as usize), h, exact);
        }
        ok
    }

    /// Whether `v`, held by the object at `h`, is a 4-aligned offset in `1..h` of a marked tag
    /// word of type `exact`: the commonest valid reference.
    ///
    /// Without branches: an offset outside the accepted range probes offset 0 instead, whose
    /// bit is never set (objects start after the 16-byte header, and `run` clears word 0).
    #[inline(always)]
    pub(super) fn exact_ref(&self, v: u32, h: usize, exact: u16) -> bool {
        let target = v as usize;
        let in_range = (v & 3 == 0) & (target.wrapping_sub(1) < h - 1);
        let target = if in_range { target } else { 0 };
        self.marked(target) & (self.type_id_at(target) == exact)
    }
}

/// The u32 at `at`, or 0 (which no plan accepts) when it does not fit.
#[inline(always)]
fn read_u32(bytes: &[u8], at: usize) -> u32 {
    match bytes.get(at..at.wrapping_add(4)) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

/// The little-endian value of `width` (at most 8) bytes at `at`, or `u64::MAX` when they do
/// not fit.
#[inline(always)]
fn read_le(bytes: &[u8], at: usize, width: u8) -> u64 {
    let Some(raw) = bytes.get(at..).and_then(|rest| rest.get(..usize::from(width))) else { return u64::MAX };
    raw.iter().rev().fold(0, |v, &b| v << 8 | u64::from(b))
}
