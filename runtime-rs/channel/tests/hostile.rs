//! A hostile producer process rewrites tag words, lengths and references of messages while
//! this process reads them. The consumer copies each message out with atomic loads and verifies
//! the copy: it may reject a message or see stale values, never read out of bounds, panic, or
//! hand out a `&str` that is not UTF-8 (Miri-free: the hostile writes are in another process).

mod common;
mod peer;

use std::time::{Duration, Instant};

use peer::{Peer, Rendezvous};
use wxl_channel::{Consumer, Error, Snapshot};
use wxl_runtime::Options;

#[test]
fn rewrites_during_reads_are_rejected_or_read_safely() {
    let rendezvous = Rendezvous::new();
    let mut evil = Peer::spawn(&["evil", rendezvous.arg(), "1500"]);
    let mut consumer = Consumer::connect(rendezvous.accept(Duration::from_secs(20))).unwrap();
    let mut snapshot = Snapshot::new();
    let started = Instant::now();
    let (mut accepted, mut rejected, mut intact, mut checksum) = (0u64, 0u64, 0u64, 0u64);
    loop {
        let message = match consumer.recv_timeout(Duration::from_secs(20)) {
            Ok(message) => message,
            Err(Error::Closed) => break,
            Err(e) => panic!("{e}"),
        };
        let seq = message.seq();
        // Give the hostile writer time to work on this very message while we hold it.
        if seq % 4 == 0 {
            std::thread::sleep(Duration::from_micros(200));
        }
        match message.read(&mut snapshot, &common::logs::SCHEMA, &Options::default()) {
            Ok(verified) => {
                accepted += 1;
                let root = common::root(&verified);
                // Every accessor on every field: must not panic whatever was written.
                checksum = checksum.wrapping_add(common::walk(root));
                intact += u64::from(common::check(root, seq, common::records_for(seq, 6)).is_ok());
            }
            Err(_) => rejected += 1,
        }
        assert!(started.elapsed() < Duration::from_secs(30));
    }
    assert_eq!(evil.wait(Duration::from_secs(10)).map(|s| s.success()), Some(true));
    eprintln!("hostile: {accepted} accepted ({intact} intact), {rejected} rejected, checksum {checksum:x}");
    assert!(accepted + rejected > 100, "the hostile producer sent too little to mean anything");
    assert!(rejected > 0, "no rewrite was ever caught: the test does not test");
    assert!(accepted > intact, "no message was read with rewritten (stale or torn) values");
}
