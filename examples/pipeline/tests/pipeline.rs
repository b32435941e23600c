//! The pipeline end to end, and the WASM reader on its own: in place, read-only, hostile-proof.

use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use rustix::fd::OwnedFd;
use wxl_channel::{Config, Consumer, Producer};
use wxl_pipeline::{data, tap::Reader};

#[test]
fn three_languages_agree_on_every_message() {
    let report = wxl_pipeline::run(env!("CARGO_BIN_EXE_wxl-pipeline").as_ref(), 3000).unwrap();
    assert_eq!(report.messages, 3000);
    assert!(report.agrees(), "{report:?}");
}

/// A producer with `count` messages committed, and a WASM reader over its data region.
fn setup(count: u64) -> (Producer, Consumer, Reader, Vec<u64>) {
    let (a, b) = UnixStream::pair().unwrap();
    let mut producer = Producer::new(Config { slots: 64, data_size: 1 << 20, ..Config::default() }).unwrap();
    producer.connect(a).unwrap();
    let consumer = Consumer::connect(b).unwrap();
    let fd: OwnedFd = consumer.data_fd().try_clone_to_owned().unwrap();
    let reader = Reader::new(&fd, consumer.data_size()).unwrap();
    let (pool, mut refs, mut digests) = (data::records(256), Vec::new(), Vec::new());
    for seq in 0..count {
        let records = data::batch(&pool, seq);
        let mut draft = producer.begin().unwrap();
        data::build(draft.builder(), records, &mut refs);
        draft.commit().unwrap();
        digests.push(data::digest(records));
    }
    (producer, consumer, reader, digests)
}

#[test]
fn the_wasm_module_reads_messages_in_place() {
    let (producer, mut consumer, mut reader, digests) = setup(40);
    for (seq, expected) in digests.iter().enumerate() {
        let message = consumer.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(message.seq(), seq as u64);
        let got = reader.digest(message.offset() as u32, message.len() as u32).unwrap();
        assert_eq!(got as u64, *expected, "message {seq}");
    }
    drop(producer);
}

#[test]
fn the_region_is_read_only_to_the_module() {
    let (_producer, mut consumer, mut reader, _) = setup(1);
    let message = consumer.recv().unwrap();
    let error = reader.scribble(message.offset() as u32).unwrap_err();
    assert_eq!(error.downcast_ref::<wasmtime::Trap>(), Some(&wasmtime::Trap::MemoryOutOfBounds), "{error:?}");
    // The memory is unchanged and the instance still usable.
    let offset = message.offset() as u32;
    let len = message.len() as u32;
    drop(message);
    assert!(reader.digest(offset, len).unwrap() > 0);
}

#[test]
fn a_producer_rewriting_a_message_while_the_module_reads_it_is_harmless() {
    let (mut producer, mut consumer, mut reader, _) = setup(1);
    let message = consumer.recv().unwrap();
    let (offset, len) = (message.offset(), message.len());
    std::mem::forget(message); // keep it unacknowledged: the producer's hostile writes target it
    let writer = std::thread::spawn(move || {
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        let stop = Instant::now() + Duration::from_millis(500);
        while Instant::now() < stop {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let at = offset + (x as usize % len) / 4 * 4;
            let value = match x >> 61 { 0 => u32::MAX, 1 => 0xFFFF_0011, 2 => (x >> 20) as u32 & !3, _ => (x >> 32) as u32 };
            producer.hostile_write(at, &value.to_le_bytes());
        }
        producer
    });
    let (mut ok, mut rejected, mut calls) = (0, 0, 0);
    while !writer.is_finished() {
        // Every access the module makes is bounds-checked by the engine: a verdict, a digest of
        // torn bytes, or a trap (an accessor meeting a reference the verifier never saw), never
        // an access outside the linear memory.
        match reader.digest(offset as u32, len as u32) {
            Ok(d) if d >= 0 => ok += 1,
            Ok(_) => rejected += 1,
            Err(_) => {}
        }
        calls += 1;
    }
    let _producer = writer.join().unwrap();
    assert!(calls > 0 && ok + rejected > 0, "{calls} calls, {ok} read, {rejected} rejected");
}
