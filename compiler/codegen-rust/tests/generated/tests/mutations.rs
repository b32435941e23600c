//! The fuzz target's invariant (`harness::check`) over a seeded round of mutations of valid
//! buffers: every mutant is either rejected by the verifier or read, repacked and updated
//! through the generated code without a panic.

use wxl_codegen_rust_tests::harness;
use wxl_codegen_rust_tests::random::Rng;
use wxl_codegen_rust_tests::seeds;

/// Values that hit the interesting cases of a word: null, i31, offsets near the start, the
/// long-length marker, misaligned references.
const WORDS: &[u32] = &[0, 1, 2, 3, 4, 16, 20, 24, 0xFFFF, 0x1_0010, 0xFFFF_0010, 0xFFFF_FFFF, 0x8000_0000];

fn mutate(rng: &mut Rng, buf: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(3) {
        let len = buf.len() as u64;
        match rng.below(6) {
            0 | 1 => {
                let at = rng.below(len) as usize;
                buf[at] ^= 1 << rng.below(8);
            }
            2 => {
                let at = rng.below(len) as usize;
                buf[at] = rng.next_u64() as u8;
            }
            3 => {
                let at = (rng.below(len / 4) * 4) as usize;
                let word = WORDS[rng.below(WORDS.len() as u64) as usize];
                buf[at..at + 4].copy_from_slice(&word.to_le_bytes());
            }
            4 => buf.truncate((rng.below(len / 4 + 1) * 4) as usize),
            _ => buf.extend_from_slice(&rng.next_u64().to_le_bytes()[..4]),
        }
        if buf.is_empty() {
            return;
        }
    }
}

#[test]
fn seeds_are_read_by_their_schema() {
    for (name, buf) in seeds::all() {
        assert!(harness::check(&buf) >= 1, "seed {name} verifies under its schema");
    }
}

#[test]
fn mutated_buffers_are_rejected_or_read() {
    let seeds = seeds::all();
    let mut rng = Rng::new(0x5eed);
    let (mut read, mut total) = (0, 0);
    for round in 0..10_000 {
        let (_, seed) = &seeds[round % seeds.len()];
        let mut buf = seed.clone();
        mutate(&mut rng, &mut buf);
        read += usize::from(harness::check(&buf) > 0);
        total += 1;
    }
    // Most single-byte changes land in scalars: a round that reads nothing tests nothing.
    assert!(read > total / 10, "only {read} of {total} mutants verified");
}

#[test]
fn the_fuzz_corpus_is_read() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/generated_readers");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("the corpus folder") {
        let buf = std::fs::read(entry.expect("entry").path()).expect("a corpus file");
        harness::check(&buf);
        count += 1;
    }
    assert!(count >= seeds::all().len(), "the corpus holds the seeds");
}
