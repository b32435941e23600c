//! A one-way channel of wxl messages between two processes on one Linux host, over shared
//! memory: no serialization, no copy on the way, no TCP stack. docs/CHANNEL.md is the guide;
//! docs/LAYOUT.md section 10 the memory model.
//!
//! - The producer creates two memfds (a control block and a data region), seals them, and
//!   hands them to the consumer over a Unix domain socket (SCM_RIGHTS).
//! - It builds each message in place in the data region with the ordinary `wxl_runtime::Builder`
//!   (generated builders included) and publishes a descriptor in a ring; `head` and `tail`
//!   are atomics in the control block, a wxl buffer of `schemas/channel.wxl` whose `mut`
//!   fields both sides update in place.
//! - A side that finds nothing to do spins briefly, then sets its `sleeping` flag and sleeps
//!   on the socket; the other side writes a byte only when it sees that flag. A full ring
//!   makes the producer wait (backpressure).
//! - The socket closing is how each side learns the other died. What was committed stays in
//!   the region; a consumer that restarts goes on from the last acknowledged message.
//! - The consumer treats the producer as hostile: it checks the region's seals and every
//!   descriptor, and reads a message by copying it out with atomic loads, then verifying the
//!   copy ([`Message::read`]): the producer can rewrite a message at any time.
//!
//! ```
//! use std::os::unix::net::UnixStream;
//! use wxl_channel::{Config, Consumer, Producer, Snapshot};
//! use wxl_runtime::{Options, Ref};
//! # use wxl_runtime::schema::{Schema, TypeInfo, Kind};
//! # static SCHEMA: Schema = Schema { identifier: *b"NOTE", root: None, types: &[] };
//!
//! let (a, b) = UnixStream::pair()?;
//! let mut producer = Producer::new(Config::default())?;
//! producer.connect(a)?;
//! let mut consumer = Consumer::connect(b)?;
//!
//! let mut draft = producer.begin()?;                  // room in the shared region
//! let b = draft.builder();                            // writes in place
//! let text: Ref<str> = b.string("hello from shared memory");
//! b.finish(text, *b"NOTE");
//! draft.commit()?;
//!
//! let mut snapshot = Snapshot::new();
//! let message = consumer.recv()?;
//! let verified = message.read(&mut snapshot, &SCHEMA, &Options::default())?;
//! assert_eq!(verified.root().as_str(), Some("hello from shared memory"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#[cfg(not(all(target_os = "linux", target_endian = "little", target_pointer_width = "64")))]
compile_error!("wxl-channel needs Linux on a 64-bit little-endian target (memfd, 8-byte atomics)");

mod backoff;
mod consumer;
pub mod ctl;
mod error;
mod link;
mod producer;
mod region;
mod sys;
#[cfg(feature = "wasm")]
pub mod wasm;

pub use consumer::{Consumer, Message, Snapshot};
pub use error::Error;
pub use producer::{Config, Draft, Producer, DEFAULT_HINT};
