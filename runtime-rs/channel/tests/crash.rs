//! Peers in other processes, killed with SIGKILL mid-stream: nothing committed is lost,
//! nothing hangs (every wait here is bounded), a restarted consumer goes on where the dead one
//! stopped acknowledging.

mod common;
mod peer;

use std::time::{Duration, Instant};

use peer::{Peer, Rendezvous};
use wxl_channel::{Config, Consumer, Error, Producer, Snapshot};
use wxl_runtime::Options;

const MAX_RECORDS: usize = 8;
const BOUND: Duration = Duration::from_secs(20);

/// Receive, verify and check message `expected`; the message's sequence number.
fn receive(consumer: &mut Consumer, snapshot: &mut Snapshot, expected: u64) -> Result<u64, Error> {
    let message = consumer.recv_timeout(BOUND)?;
    assert_eq!(message.seq(), expected, "messages arrive in order, none skipped");
    let verified = message.read(snapshot, &common::logs::SCHEMA, &Options::default()).expect("verifies");
    common::check(common::root(&verified), expected, common::records_for(expected, MAX_RECORDS)).unwrap();
    Ok(expected)
}

#[test]
fn producer_killed_mid_stream_loses_nothing_committed() {
    let rendezvous = Rendezvous::new();
    let mut producer = Peer::spawn(&["produce", rendezvous.arg(), "0", "8"]);
    let mut consumer = Consumer::connect(rendezvous.accept(BOUND)).unwrap();
    let mut snapshot = Snapshot::new();
    let mut next = 0;
    while next < 2000 {
        next = receive(&mut consumer, &mut snapshot, next).unwrap() + 1;
    }
    // Stop reading so that the ring fills up, then kill the producer while it waits.
    let t = Instant::now();
    while consumer.committed() - next < 64 && t.elapsed() < BOUND {
        std::thread::sleep(Duration::from_millis(1));
    }
    producer.kill();
    let committed = consumer.committed();
    let before = next;
    let t = Instant::now();
    loop {
        match receive(&mut consumer, &mut snapshot, next) {
            Ok(seq) => next = seq + 1,
            Err(Error::Closed) => break,
            Err(e) => panic!("after the kill: {e}"),
        }
    }
    assert!(t.elapsed() < BOUND, "draining after the kill took {:?}", t.elapsed());
    assert_eq!(next, committed, "every committed message was delivered");
    assert!(next - before >= 64, "the full ring was drained after the producer died");
    assert_eq!(consumer.committed(), committed);
}

#[test]
fn an_idle_consumer_notices_a_dead_producer() {
    let rendezvous = Rendezvous::new();
    // 10 messages, then the producer waits (up to 10 s) for acknowledgements that come at once,
    // then lingers only as long as the consumer is alive: kill it while it is idle.
    let mut producer = Peer::spawn(&["produce", rendezvous.arg(), "10", "8"]);
    let mut consumer = Consumer::connect(rendezvous.accept(BOUND)).unwrap();
    let mut snapshot = Snapshot::new();
    for seq in 0..10 {
        receive(&mut consumer, &mut snapshot, seq).unwrap();
    }
    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        producer.kill();
    });
    let t = Instant::now();
    // The consumer is asleep on the socket when the producer dies.
    assert!(matches!(consumer.recv_timeout(BOUND), Err(Error::Closed)));
    assert!(t.elapsed() < Duration::from_secs(5));
    killer.join().unwrap();
}

fn oks(lines: &[String]) -> Vec<u64> {
    lines.iter().filter_map(|l| l.strip_prefix("ok ")).map(|n| n.parse().unwrap()).collect()
}

#[test]
fn consumer_killed_then_restarted_goes_on_from_its_last_acknowledgement() {
    let rendezvous = Rendezvous::new();
    let mut producer = Producer::new(Config { slots: 32, data_size: 128 << 10, ..Config::default() }).unwrap();
    let mut first = Peer::spawn(&["consume", rendezvous.arg(), "8"]);
    producer.connect(rendezvous.accept(BOUND)).unwrap();
    assert_eq!(first.line(BOUND).as_deref(), Some("start 0"));

    // Send until the first consumer has acknowledged 500 messages, then kill it.
    let mut seq = 0;
    let mut first_acks = Vec::new();
    while first_acks.len() < 500 {
        let mut draft = producer.begin_sized(4096, Some(BOUND)).unwrap();
        common::build(draft.builder(), seq, common::records_for(seq, MAX_RECORDS));
        draft.commit().unwrap();
        seq += 1;
        while let Some(line) = first.line(Duration::ZERO) {
            first_acks.extend(oks(&[line]));
        }
    }
    first.kill();
    first_acks.extend(oks(&first.rest(Duration::from_millis(100))));

    // The producer notices: it runs into the full ring, waits, and sees the socket close.
    let t = Instant::now();
    let noticed = loop {
        match producer.begin_sized(4096, Some(BOUND)) {
            Ok(mut draft) => {
                common::build(draft.builder(), seq, common::records_for(seq, MAX_RECORDS));
                draft.commit().unwrap();
                seq += 1;
            }
            Err(e) => break e,
        }
    };
    assert!(matches!(noticed, Error::Closed), "{noticed}");
    assert!(t.elapsed() < BOUND);
    assert!(!producer.peer_alive());

    // A new consumer picks up at the last acknowledgement.
    let acked = producer.acknowledged().unwrap();
    let mut second = Peer::spawn(&["consume", rendezvous.arg(), "8"]);
    producer.connect(rendezvous.accept(BOUND)).unwrap();
    assert_eq!(second.line(BOUND), Some(format!("start {acked}")));
    const TOTAL: u64 = 1500;
    while seq < TOTAL {
        let mut draft = producer.begin_sized(4096, Some(BOUND)).unwrap();
        common::build(draft.builder(), seq, common::records_for(seq, MAX_RECORDS));
        draft.commit().unwrap();
        seq += 1;
    }
    // Wait until everything is acknowledged, then close: the consumer ends cleanly.
    let t = Instant::now();
    while producer.acknowledged().unwrap() < TOTAL && t.elapsed() < BOUND {
        std::thread::sleep(Duration::from_millis(1));
    }
    drop(producer);
    let lines = second.rest(BOUND);
    assert_eq!(second.wait(BOUND).map(|s| s.code()), Some(Some(0)), "{lines:?}");
    assert_eq!(lines.last().map(String::as_str), Some("closed 1500"));
    let second_acks = oks(&lines);

    // The first consumer acknowledged a prefix; the second delivered everything after the last
    // acknowledgement it found: together, every message.
    assert_eq!(first_acks, (0..first_acks.len() as u64).collect::<Vec<_>>());
    assert!(acked >= first_acks.len() as u64 && acked <= first_acks.len() as u64 + 1);
    assert_eq!(second_acks, (acked..TOTAL).collect::<Vec<_>>());
}

#[test]
fn a_producer_blocked_on_a_dead_consumer_is_released() {
    let rendezvous = Rendezvous::new();
    let mut producer = Producer::new(Config { slots: 8, data_size: 64 << 10, ..Config::default() }).unwrap();
    let mut consumer = Peer::spawn(&["consume", rendezvous.arg(), "8", "hang"]);
    producer.connect(rendezvous.accept(BOUND)).unwrap();
    assert_eq!(consumer.line(BOUND).as_deref(), Some("start 0"));
    for seq in 0..8 {
        let mut draft = producer.begin().unwrap();
        common::build(draft.builder(), seq, 1);
        draft.commit().unwrap();
    }
    let killer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        consumer.kill();
    });
    let t = Instant::now();
    // Full ring: this waits until the consumer dies, then fails instead of hanging.
    assert!(matches!(producer.begin(), Err(Error::Closed)));
    assert!(t.elapsed() >= Duration::from_millis(40) && t.elapsed() < Duration::from_secs(5));
    killer.join().unwrap();
}
