//! The shared-string table: text → offset of the first string object with that text.
//!
//! Open addressing over the offsets alone; the text is compared against the string object in the
//! buffer itself, so the table never copies a string and `clear` keeps its storage.

use alloc::vec::Vec;

#[derive(Clone, Debug, Default)]
pub(super) struct Table {
    /// Offsets of string objects, 0 for an empty slot; the length is 0 or a power of two.
    slots: Vec<u32>,
    used: usize,
}

/// FNV-1a: short strings dominate, and this needs no state and no dependency.
fn hash(text: &[u8]) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in text {
        h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    (h ^ (h >> 32)) as usize
}

/// The text of the string object at `at` (written by this builder, so it decodes).
fn text_at(buf: &[u8], at: u32) -> &[u8] {
    let at = at as usize;
    let tag = u32::from_le_bytes([buf[at], buf[at + 1], buf[at + 2], buf[at + 3]]);
    let (len, body) = match tag >> 16 {
        0xFFFF => (u32::from_le_bytes([buf[at + 4], buf[at + 5], buf[at + 6], buf[at + 7]]), at + 8),
        short => (short, at + 4),
    };
    &buf[body..body + len as usize]
}

impl Table {
    pub(super) fn clear(&mut self) {
        self.slots.fill(0);
        self.used = 0;
    }

    /// The offset of a string object in `buf` with this text, if one was inserted.
    pub(super) fn find(&self, buf: &[u8], text: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash(text.as_bytes()) & mask;
        loop {
            match self.slots[i] {
                0 => return None,
                at if text_at(buf, at) == text.as_bytes() => return Some(at),
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Remember the string object at `at` (not already present).
    pub(super) fn insert(&mut self, buf: &[u8], text: &str, at: u32) {
        if (self.used + 1) * 2 > self.slots.len() {
            self.grow(buf);
        }
        self.place(text.as_bytes(), at);
        self.used += 1;
    }

    fn place(&mut self, text: &[u8], at: u32) {
        let mask = self.slots.len() - 1;
        let mut i = hash(text) & mask;
        while self.slots[i] != 0 {
            i = (i + 1) & mask;
        }
        self.slots[i] = at;
    }

    fn grow(&mut self, buf: &[u8]) {
        let size = (self.slots.len() * 2).max(64);
        let old = core::mem::replace(&mut self.slots, alloc::vec![0; size]);
        for at in old.into_iter().filter(|&at| at != 0) {
            self.place(text_at(buf, at), at);
        }
    }
}
