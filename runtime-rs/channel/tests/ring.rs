//! The ring in one process (two threads, or one): ordering, wrap-around, backpressure, the
//! in-place and copy paths, misuse of drafts, a misbehaving consumer, end of stream.

mod common;

use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use wxl_channel::{Config, Consumer, Error, Producer, Snapshot};
use wxl_runtime::{Builder, Options};

fn pair(config: Config) -> (Producer, Consumer) {
    let (a, b) = UnixStream::pair().unwrap();
    let mut producer = Producer::new(config).unwrap();
    producer.connect(a).unwrap();
    (producer, Consumer::connect(b).unwrap())
}

fn small(slots: u32, data_size: usize) -> Config {
    Config { slots, data_size, ..Config::default() }
}

fn send(producer: &mut Producer, seq: u64, records: usize) -> u64 {
    let mut draft = producer.begin().unwrap();
    common::build(draft.builder(), seq, records);
    draft.commit().unwrap()
}

/// Receive message `seq`, verify it, check every field.
fn expect(consumer: &mut Consumer, snapshot: &mut Snapshot, seq: u64, records: usize) {
    let message = consumer.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(message.seq(), seq);
    let verified = message.read(snapshot, &common::logs::SCHEMA, &Options::default()).unwrap();
    common::check(common::root(&verified), seq, records).unwrap();
}

#[test]
fn many_messages_in_order_across_wrap_arounds() {
    // A small region (64 KiB, 8 slots) so the ring wraps hundreds of times.
    let (mut producer, mut consumer) = pair(small(8, 64 << 10));
    const N: u64 = 5000;
    let sender = std::thread::spawn(move || {
        for seq in 0..N {
            let records = common::records_for(seq, 40);
            assert_eq!(send(&mut producer, seq, records), seq);
        }
        producer
    });
    let mut snapshot = Snapshot::new();
    for seq in 0..N {
        expect(&mut consumer, &mut snapshot, seq, common::records_for(seq, 40));
    }
    let producer = sender.join().unwrap();
    assert_eq!(producer.committed(), N);
    drop(producer);
    assert!(matches!(consumer.recv_timeout(Duration::from_secs(5)), Err(Error::Closed)));
}

#[test]
fn a_full_ring_makes_the_producer_wait() {
    let (mut producer, mut consumer) = pair(small(4, 64 << 10));
    for seq in 0..4 {
        send(&mut producer, seq, 1);
    }
    let t = Instant::now();
    let blocked = matches!(producer.begin_sized(64, Some(Duration::from_millis(30))), Err(Error::Timeout));
    assert!(blocked);
    assert!(t.elapsed() >= Duration::from_millis(30));
    // One acknowledgement makes room for exactly one more.
    let mut snapshot = Snapshot::new();
    expect(&mut consumer, &mut snapshot, 0, 1);
    send(&mut producer, 4, 1);
    assert!(matches!(producer.begin_sized(64, Some(Duration::ZERO)), Err(Error::Timeout)));
}

#[test]
fn a_full_data_region_makes_the_producer_wait() {
    // 8 KiB of data: a few 2 KiB messages fill it before the 64 slots do.
    let (mut producer, mut consumer) = pair(small(64, 8 << 10));
    let mut sent = 0;
    while let Ok(mut draft) = producer.begin_sized(2048, Some(Duration::from_millis(20))) {
        common::build(draft.builder(), sent, 12);
        draft.commit().unwrap();
        sent += 1;
        assert!(sent < 64, "the data region never filled");
    }
    assert!(sent >= 2);
    let mut snapshot = Snapshot::new();
    for seq in 0..sent {
        expect(&mut consumer, &mut snapshot, seq, 12);
    }
    // Everything acknowledged: the region is free again.
    assert_eq!(producer.acknowledged().unwrap(), sent);
    let mut draft = producer.begin_sized(2048, Some(Duration::ZERO)).unwrap();
    common::build(draft.builder(), sent, 12);
    draft.commit().unwrap();
    expect(&mut consumer, &mut snapshot, sent, 12);
}

#[test]
fn waiting_producer_is_woken_by_the_consumer() {
    let (mut producer, mut consumer) = pair(Config { slots: 2, data_size: 64 << 10, spin: Duration::ZERO });
    send(&mut producer, 0, 1);
    send(&mut producer, 1, 1);
    let reader = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(20));
        let mut snapshot = Snapshot::new();
        expect(&mut consumer, &mut snapshot, 0, 1);
        consumer
    });
    let t = Instant::now();
    send(&mut producer, 2, 1); // sleeps until the reader acknowledges message 0
    assert!(t.elapsed() >= Duration::from_millis(10));
    assert!(t.elapsed() < Duration::from_secs(5));
    let mut consumer = reader.join().unwrap();
    let mut snapshot = Snapshot::new();
    expect(&mut consumer, &mut snapshot, 1, 1);
    expect(&mut consumer, &mut snapshot, 2, 1);
}

#[test]
fn sleeping_consumer_is_woken_by_the_producer() {
    let (mut producer, mut consumer) = pair(Config { spin: Duration::ZERO, ..small(8, 64 << 10) });
    let writer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(30));
        send(&mut producer, 0, 3);
        producer
    });
    let t = Instant::now();
    let mut snapshot = Snapshot::new();
    expect(&mut consumer, &mut snapshot, 0, 3);
    assert!(t.elapsed() >= Duration::from_millis(20));
    let _producer = writer.join().unwrap();
    assert!(matches!(consumer.recv_timeout(Duration::from_millis(10)), Err(Error::Timeout)));
}

#[test]
fn messages_larger_than_the_room_given_are_moved_once() {
    // A draft gets the whole free run up to the end of the region: make that run small.
    let (mut producer, mut consumer) = pair(small(8, 128 << 10));
    send(&mut producer, 0, 500); // ~58 KiB
    send(&mut producer, 1, 500); // ~58 KiB more: ~12 KiB left before the end
    let mut snapshot = Snapshot::new();
    expect(&mut consumer, &mut snapshot, 0, 500); // frees the start
    let mut draft = producer.begin_sized(64, None).unwrap();
    common::build(draft.builder(), 2, 400); // ~46 KiB: outgrows the lent run
    assert!(!draft.builder().is_external());
    draft.commit().unwrap(); // copied to the start of the region
    expect(&mut consumer, &mut snapshot, 1, 500);
    expect(&mut consumer, &mut snapshot, 2, 400);
    // A message larger than the whole region is refused.
    let mut draft = producer.begin().unwrap();
    common::build(draft.builder(), 3, 2000);
    assert!(matches!(draft.commit(), Err(Error::Config(_))));
}

#[test]
fn copied_messages_arrive_too() {
    let (mut producer, mut consumer) = pair(small(8, 64 << 10));
    let mut b = Builder::new();
    common::build(&mut b, 0, 5);
    assert_eq!(producer.send(b.as_bytes()).unwrap(), 0);
    let mut snapshot = Snapshot::new();
    expect(&mut consumer, &mut snapshot, 0, 5);
}

#[test]
fn in_place_reads_see_the_same_bytes() {
    let (mut producer, mut consumer) = pair(small(8, 64 << 10));
    send(&mut producer, 0, 7);
    let mut snapshot = Snapshot::new();
    let message = consumer.recv().unwrap();
    let copied = message.copy_into(&mut snapshot).to_vec();
    // SAFETY: the producer is this crate's, in this test: it never rewrites an unacknowledged
    // message.
    let in_place = unsafe { message.in_place() };
    assert_eq!(in_place, &copied[..]);
    let verified = common::logs::root(in_place).unwrap();
    common::check(verified, 0, 7).unwrap();
}

#[test]
fn drafts_that_are_dropped_or_unfinished_publish_nothing() {
    let (mut producer, mut consumer) = pair(small(8, 64 << 10));
    let mut draft = producer.begin().unwrap();
    common::build(draft.builder(), 0, 3);
    drop(draft);
    let mut draft = producer.begin().unwrap();
    draft.builder().string("no header");
    assert!(matches!(draft.commit(), Err(Error::NotFinished)));
    assert_eq!(producer.committed(), 0);
    assert!(matches!(consumer.try_recv(), Ok(None)));
    send(&mut producer, 0, 2);
    let mut snapshot = Snapshot::new();
    expect(&mut consumer, &mut snapshot, 0, 2);
}

#[test]
fn a_builder_moved_out_of_its_draft_keeps_its_room_until_dropped() {
    let (mut producer, mut consumer) = pair(small(8, 64 << 10));
    let mut escaped = Builder::new();
    let mut draft = producer.begin().unwrap();
    std::mem::swap(draft.builder(), &mut escaped);
    assert!(escaped.is_external());
    common::build(draft.builder(), 0, 2); // into the swapped-in builder's own memory
    assert!(matches!(draft.commit(), Err(Error::LeaseHeld)));
    assert!(matches!(producer.begin(), Err(Error::LeaseHeld)));
    assert!(matches!(producer.send(&[0; 16]), Err(Error::LeaseHeld)));
    drop(escaped);
    send(&mut producer, 0, 2);
    let mut snapshot = Snapshot::new();
    expect(&mut consumer, &mut snapshot, 0, 2);
}

#[test]
fn a_replaced_builder_is_sent_by_copy() {
    let (mut producer, mut consumer) = pair(small(8, 64 << 10));
    let mut draft = producer.begin().unwrap();
    *draft.builder() = Builder::new(); // drops the lent room: it is returned
    common::build(draft.builder(), 0, 4);
    assert_eq!(draft.commit().unwrap(), 0);
    let mut snapshot = Snapshot::new();
    expect(&mut consumer, &mut snapshot, 0, 4);
}

#[test]
fn end_of_stream_after_the_last_message() {
    let (mut producer, mut consumer) = pair(small(8, 64 << 10));
    for seq in 0..3 {
        send(&mut producer, seq, 1);
    }
    drop(producer);
    let mut snapshot = Snapshot::new();
    for seq in 0..3 {
        expect(&mut consumer, &mut snapshot, seq, 1);
    }
    assert!(matches!(consumer.recv_timeout(Duration::from_secs(5)), Err(Error::Closed)));
    assert!(matches!(consumer.recv(), Err(Error::Closed)));
}

#[test]
fn nothing_to_read_times_out() {
    let (_producer, mut consumer) = pair(small(8, 64 << 10));
    let t = Instant::now();
    assert!(matches!(consumer.recv_timeout(Duration::from_millis(30)), Err(Error::Timeout)));
    assert!(t.elapsed() >= Duration::from_millis(30) && t.elapsed() < Duration::from_secs(5));
    assert!(matches!(consumer.try_recv(), Ok(None)));
}

#[test]
fn a_dead_consumer_is_noticed_by_a_waiting_producer() {
    let (mut producer, consumer) = pair(small(2, 64 << 10));
    send(&mut producer, 0, 1);
    send(&mut producer, 1, 1);
    assert!(producer.peer_alive());
    drop(consumer);
    assert!(!producer.peer_alive());
    let t = Instant::now();
    assert!(matches!(producer.begin(), Err(Error::Closed)));
    assert!(t.elapsed() < Duration::from_secs(5));
}

#[test]
fn a_restarted_consumer_goes_on_from_the_last_acknowledgement() {
    let (a, b) = UnixStream::pair().unwrap();
    let mut producer = Producer::new(small(16, 64 << 10)).unwrap();
    producer.connect(a).unwrap();
    let mut first = Consumer::connect(b).unwrap();
    for seq in 0..10 {
        send(&mut producer, seq, 2);
    }
    let mut snapshot = Snapshot::new();
    for seq in 0..4 {
        expect(&mut first, &mut snapshot, seq, 2);
    }
    // Received but not acknowledged: delivered again to the next consumer.
    let unacked = first.recv().unwrap();
    assert_eq!(unacked.seq(), 4);
    std::mem::forget(unacked);
    drop(first);
    let (a, b) = UnixStream::pair().unwrap();
    producer.connect(a).unwrap();
    let mut second = Consumer::connect(b).unwrap();
    assert_eq!(second.position(), 4);
    for seq in 4..10 {
        expect(&mut second, &mut snapshot, seq, 2);
    }
}

#[test]
fn a_consumer_that_moves_tail_past_head_is_refused() {
    // One slot: the next draft needs room, so the producer reads `tail`.
    let (mut producer, mut consumer) = pair(small(1, 64 << 10));
    send(&mut producer, 0, 1);
    consumer.hostile_tail(5);
    assert!(matches!(producer.begin(), Err(Error::Protocol(_))));
}

#[test]
fn descriptors_outside_the_region_are_refused() {
    let (mut producer, mut consumer) = pair(small(8, 64 << 10));
    send(&mut producer, 0, 1);
    producer.hostile_descriptor(0, 64 << 10, 16);
    assert!(matches!(consumer.recv(), Err(Error::Protocol(_))));
    producer.hostile_descriptor(0, 8, 16);
    assert!(matches!(consumer.recv(), Err(Error::Protocol(_))));
    producer.hostile_descriptor(0, 0, u32::MAX);
    assert!(matches!(consumer.recv(), Err(Error::Protocol(_))));
}
