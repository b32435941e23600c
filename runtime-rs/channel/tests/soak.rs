//! A producer process streams for a few seconds, messages of 1 to 64 records (some larger than
//! the room a draft asks for); this process checks every field of every message.

mod common;
mod peer;

use std::time::{Duration, Instant};

use peer::{Peer, Rendezvous};
use wxl_channel::{Consumer, Error, Snapshot};
use wxl_runtime::Options;

#[test]
fn three_seconds_of_traffic_all_checked() {
    const MAX_RECORDS: usize = 64;
    let rendezvous = Rendezvous::new();
    let mut producer = Peer::spawn(&["produce", rendezvous.arg(), "0", "64", "3"]);
    let mut consumer = Consumer::connect(rendezvous.accept(Duration::from_secs(20))).unwrap();
    let mut snapshot = Snapshot::new();
    let started = Instant::now();
    let (mut next, mut bytes) = (0u64, 0usize);
    loop {
        let message = match consumer.recv_timeout(Duration::from_secs(20)) {
            Ok(message) => message,
            Err(Error::Closed) => break,
            Err(e) => panic!("after {next} messages: {e}"),
        };
        assert_eq!(message.seq(), next);
        bytes += message.len();
        let verified = message.read(&mut snapshot, &common::logs::SCHEMA, &Options::default()).unwrap();
        common::check(common::root(&verified), next, common::records_for(next, MAX_RECORDS)).unwrap();
        next += 1;
        assert!(started.elapsed() < Duration::from_secs(30), "the soak does not end");
    }
    assert_eq!(producer.wait(Duration::from_secs(10)).map(|s| s.success()), Some(true));
    assert_eq!(consumer.committed(), next, "every committed message was delivered");
    // A debug build on a shared machine still moves thousands of messages in 3 s.
    assert!(next > 1000, "only {next} messages ({bytes} bytes) in {:?}", started.elapsed());
    eprintln!("soak: {next} messages, {bytes} bytes in {:?}", started.elapsed());
}
