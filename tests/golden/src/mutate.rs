//! Seeded mutations of valid buffers for the differential check. The operators aim at what
//! the verifier decides on: tag words, lengths, references (offsets of real objects, their
//! neighbours, i31 and misaligned values), bool and enum bytes, padding, and the length.

use crate::raw::{put_u32, u32_at};

/// SplitMix64: a small, well-mixed, reproducible generator (no dependency needed).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// `buf` changed by one to three random operations. `starts` are the offsets of the objects
/// of the original buffer (the values references are most interesting near).
pub fn mutate(rng: &mut Rng, buf: &[u8], starts: &[u32], max_type_id: u16) -> Vec<u8> {
    let mut out = buf.to_vec();
    for _ in 0..1 + rng.below(3) {
        mutate_once(rng, &mut out, starts, max_type_id);
    }
    out
}

fn mutate_once(rng: &mut Rng, buf: &mut Vec<u8>, starts: &[u32], max_type_id: u16) {
    if buf.len() < 20 {
        buf.extend_from_slice(&[0; 4]);
        return;
    }
    let words = buf.len() / 4;
    // Anywhere after the magic, so most mutants get past the header checks.
    let word_at = |rng: &mut Rng| (4 * (1 + rng.below(words - 1))) as u32;
    match rng.below(12) {
        0 => {
            let at = rng.below(buf.len());
            buf[at] ^= 1 << rng.below(8);
        }
        1 => {
            let at = rng.below(buf.len());
            buf[at] = rng.pick(&[0, 1, 2, 3, 0x7F, 0x80, 0xC0, 0xED, 0xFF]);
        }
        2 | 3 => {
            // A reference-like value: an object start, its neighbours, i31, null, misaligned.
            let at = word_at(rng);
            let start = if starts.is_empty() {
                16
            } else {
                rng.pick(starts)
            };
            let value = match rng.below(6) {
                0 => start,
                1 => start.wrapping_add(4),
                2 => start.wrapping_sub(4),
                3 => start | 2,
                4 => (rng.next_u64() as u32) | 1,
                _ => 0,
            };
            put_u32(buf, at, value);
        }
        4 | 5 => {
            // A tag word: a real or nearby type id, with a length near the current one.
            let at = word_at(rng);
            let old = u32_at(buf, at);
            let id = match rng.below(3) {
                0 => old & 0xFFFF,
                1 => rng.below(usize::from(max_type_id) + 3) as u32,
                _ => rng.pick(&[1, 2, 0xFFFF]),
            };
            let length = match rng.below(4) {
                0 => (old >> 16).wrapping_add(rng.pick(&[1, 4, 0xFFFF_FFFF])) & 0xFFFF,
                1 => 0xFFFF,
                2 => rng.below(64) as u32,
                _ => old >> 16,
            };
            put_u32(buf, at, id | length << 16);
        }
        6 => {
            let at = word_at(rng);
            put_u32(
                buf,
                at,
                rng.pick(&[0xFFFF, 0x1_0000, 0xFFFF_FFFF, 0x7FFF_FFFF, 0]),
            );
        }
        7 => {
            // Truncation, at a word boundary or not.
            let cut = 16 + rng.below(buf.len() - 15);
            buf.truncate(cut);
        }
        8 => {
            // Insert a zero word: shifts everything after it by 4.
            let at = word_at(rng) as usize;
            buf.splice(at..at, [0u8; 4]);
        }
        9 => {
            let at = word_at(rng) as usize;
            buf.drain(at..at + 4);
        }
        10 => {
            // Swap two words.
            let (a, b) = (word_at(rng), word_at(rng));
            let (x, y) = (u32_at(buf, a), u32_at(buf, b));
            put_u32(buf, a, y);
            put_u32(buf, b, x);
        }
        _ => {
            // The root reference.
            let start = if starts.is_empty() {
                16
            } else {
                rng.pick(starts)
            };
            put_u32(buf, 12, start);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generator_is_reproducible_and_spread() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        let first: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        assert_eq!(first, (0..8).map(|_| b.next_u64()).collect::<Vec<_>>());
        let mut counts = [0; 4];
        for _ in 0..4000 {
            counts[a.below(4)] += 1;
        }
        assert!(
            counts.iter().all(|&c| (900..1100).contains(&c)),
            "{counts:?}"
        );
    }

    #[test]
    fn mutants_differ_from_the_original() {
        let mut rng = Rng::new(1);
        let buf: Vec<u8> = (0..64).collect();
        let changed = (0..100)
            .filter(|_| mutate(&mut rng, &buf, &[16, 24], 20) != buf)
            .count();
        assert!(
            changed > 90,
            "only {changed} of 100 mutants changed anything"
        );
    }
}
