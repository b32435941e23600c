//! `Builder::from_external`: building into memory lent by the caller (a shared-memory slot).

mod common;

use common::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use wxl_runtime::build::ExternalWords;
use wxl_runtime::Builder;

/// Memory from a vector; `returned` turns true when the builder lets go of it.
struct Lent {
    _memory: Vec<u128>,
    returned: Arc<AtomicBool>,
}

impl Drop for Lent {
    fn drop(&mut self) {
        self.returned.store(true, Ordering::SeqCst);
    }
}

fn lend(words: usize) -> (ExternalWords, *const u128, Arc<AtomicBool>) {
    let mut memory = vec![0xAAAA_AAAA_AAAA_AAAA_AAAA_AAAA_AAAA_AAAAu128; words];
    let ptr = std::ptr::NonNull::new(memory.as_mut_ptr()).unwrap();
    let returned = Arc::new(AtomicBool::new(false));
    let owner = Box::new(Lent { _memory: memory, returned: returned.clone() });
    // SAFETY: the vector's heap buffer stays where it is when the vector moves into the owner,
    // lives as long as the owner, and nothing else touches it.
    let external = unsafe { ExternalWords::new(ptr, words, owner) };
    (external, ptr.as_ptr(), returned)
}

fn as_bytes(words: &[u128]) -> Vec<u8> {
    words.iter().flat_map(|w| w.to_le_bytes()).collect()
}

#[test]
fn fits_in_place_same_bytes() {
    let records = log_records(50);
    let expected = build_logs(&mut Builder::new(), &records);
    let (memory, ptr, returned) = lend(expected.len().div_ceil(16) + 4);
    let mut b = Builder::from_external(memory);
    let mut refs = Vec::new();
    let len = build_logs_into(&mut b, &mut refs, &records).len();
    assert!(b.is_external());
    assert_eq!(len, expected.len());
    assert_eq!(b.as_bytes(), &expected[..]);
    let memory = b.take_external().expect("still external");
    assert_eq!(memory.as_ptr(), ptr);
    assert_eq!(&as_bytes(memory.as_slice())[..len], &expected[..]);
    assert!(!b.is_external() && b.take_external().is_none());
    assert!(!returned.load(Ordering::SeqCst));
    drop(memory);
    assert!(returned.load(Ordering::SeqCst));
}

#[test]
fn outgrows_and_moves_once() {
    let records = log_records(50);
    let expected = build_logs(&mut Builder::new(), &records);
    let (memory, _, returned) = lend(8);
    let mut b = Builder::from_external(memory);
    let mut refs = Vec::new();
    let built = build_logs_into(&mut b, &mut refs, &records).to_vec();
    assert_eq!(built, expected);
    assert!(!b.is_external() && b.take_external().is_none());
    assert!(returned.load(Ordering::SeqCst), "the outgrown memory is given back");
}

#[test]
fn one_builder_reused_across_lent_memories() {
    let records = log_records(20);
    let expected = build_logs(&mut Builder::new(), &records);
    let mut b = Builder::new();
    let mut refs = Vec::new();
    for _ in 0..3 {
        let (memory, ptr, returned) = lend(expected.len().div_ceil(16) + 4);
        b.use_external(memory);
        assert_eq!(build_logs_into(&mut b, &mut refs, &records), &expected[..]);
        let memory = b.take_external().unwrap();
        assert_eq!(memory.as_ptr(), ptr);
        assert!(b.as_bytes().is_empty() && !returned.load(Ordering::SeqCst));
    }
    // A builder left without storage starts over in a vector.
    assert_eq!(build_logs_into(&mut b, &mut refs, &records), &expected[..]);
    assert!(!b.is_external());
}

#[test]
fn clone_and_clear_of_an_external_builder() {
    let records = log_records(3);
    let expected = build_logs(&mut Builder::new(), &records);
    let (memory, _, returned) = lend(256);
    let mut b = Builder::from_external(memory);
    let mut refs = Vec::new();
    build_logs_into(&mut b, &mut refs, &records);
    let copy = b.clone();
    assert!(!copy.is_external());
    assert_eq!(copy.as_bytes(), &expected[..]);
    // clear restarts in the same external memory.
    b.clear();
    assert!(b.is_external() && b.len() == 16);
    assert_eq!(build_logs_into(&mut b, &mut refs, &records), &expected[..]);
    drop(b);
    assert!(returned.load(Ordering::SeqCst));
}
