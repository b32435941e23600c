//! The consumer: takes descriptors off the ring, hands out messages, acknowledges them.
//!
//! A message lives in memory the producer can still write. The safe way to read it is
//! [`Message::read`]: copy it out with atomic loads into a [`Snapshot`] (private memory), verify
//! the copy, read the copy through the generated accessors. A producer that rewrites the
//! message meanwhile can make the copy fail verification or hold stale bytes, nothing worse.
//! [`Message::in_place`] skips the copy for a producer you trust (it is `unsafe`).

use std::os::unix::net::UnixStream;
use std::sync::atomic::{fence, Ordering};
use std::time::{Duration, Instant};

use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
use wxl_runtime::schema::Schema;
use wxl_runtime::{Options, Verified, Verifier};

use crate::ctl::{slot, Layout, VERSION};
use crate::link;
use crate::region;
use crate::sys::Mapping;
use crate::backoff::Backoff;
use crate::Error;

/// The receiving end of a channel.
pub struct Consumer {
    sock: UnixStream,
    data_fd: OwnedFd,
    ctl: Mapping,
    data: Mapping,
    layout: Layout,
    spin: Duration,
    /// The next sequence number to deliver (= acknowledged so far).
    next: u64,
    /// `head` as last read (validated: never moves backwards).
    head: u64,
    /// The socket reached end of stream: deliver what is committed, then report `Closed`.
    closed: bool,
}

impl std::fmt::Debug for Consumer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Consumer").field("next", &self.next).field("head", &self.head).finish_non_exhaustive()
    }
}

impl Consumer {
    /// Receive the region from a producer over `sock`, check and map it, and go on from the
    /// last message acknowledged on this channel (0 for a new one).
    pub fn connect(sock: UnixStream) -> Result<Consumer, Error> {
        Consumer::connect_with(sock, Duration::from_micros(50))
    }

    /// [`connect`](Self::connect) with the time to spin before sleeping.
    pub fn connect_with(sock: UnixStream, spin: Duration) -> Result<Consumer, Error> {
        let (hello, ctl_fd, data_fd) = link::recv_hello(&sock)?;
        if hello.version != VERSION {
            return Err(Error::Protocol("producer speaks another protocol version"));
        }
        let attached = region::attach(ctl_fd, data_fd, hello.ctl_len)?;
        let next = attached.ctl.u64_at(attached.layout.tail).load(Ordering::Acquire);
        let head = attached.ctl.u64_at(attached.layout.head).load(Ordering::Acquire);
        if next > head {
            return Err(Error::Protocol("tail past head"));
        }
        Ok(Consumer {
            sock,
            data_fd: attached.data_fd,
            ctl: attached.ctl,
            data: attached.data,
            layout: attached.layout,
            spin,
            next,
            head,
            closed: false,
        })
    }

    /// The sequence number of the next message (messages acknowledged so far).
    pub fn position(&self) -> u64 {
        self.next
    }

    /// Messages committed by the producer so far (read from shared memory now).
    pub fn committed(&self) -> u64 {
        self.ctl.u64_at(self.layout.head).load(Ordering::Acquire)
    }

    /// Bytes in the data region.
    pub fn data_size(&self) -> usize {
        self.layout.data_size as usize
    }

    /// The data memfd (for a WASM host that maps it into a linear memory).
    pub fn data_fd(&self) -> BorrowedFd<'_> {
        self.data_fd.as_fd()
    }

    /// The next message, waiting as long as it takes; `Err(Closed)` once the producer is gone
    /// and every message it committed has been delivered.
    pub fn recv(&mut self) -> Result<Message<'_>, Error> {
        self.recv_until(None)
    }

    /// The next message, waiting at most `timeout` (`Err(Timeout)`).
    pub fn recv_timeout(&mut self, timeout: Duration) -> Result<Message<'_>, Error> {
        self.recv_until(Some(Instant::now() + timeout))
    }

    /// The next message if one is committed, without waiting.
    pub fn try_recv(&mut self) -> Result<Option<Message<'_>>, Error> {
        if self.poll_head()? {
            return self.take().map(Some);
        }
        Ok(None)
    }

    fn recv_until(&mut self, deadline: Option<Instant>) -> Result<Message<'_>, Error> {
        // A message is usually there: look before reading the clock.
        if self.poll_head()? {
            return self.take();
        }
        let backoff = Backoff::new(self.spin);
        loop {
            if self.poll_head()? {
                return self.take();
            }
            if self.closed {
                return Err(Error::Closed);
            }
            let now = Instant::now();
            if deadline.is_some_and(|d| now >= d) {
                return Err(Error::Timeout);
            }
            if backoff.snooze(now) {
                continue;
            }
            let flag = self.layout.consumer_sleeping;
            self.ctl.u32_at(flag).store(1, Ordering::Relaxed);
            // Pairs with the producer's fence between its `head` store and its flag load.
            fence(Ordering::SeqCst);
            if self.poll_head()? {
                self.ctl.u32_at(flag).store(0, Ordering::Relaxed);
                return self.take();
            }
            let slept = link::sleep(&self.sock, deadline);
            self.ctl.u32_at(flag).store(0, Ordering::Relaxed);
            match slept {
                Ok(()) => {}
                // Whatever was committed before the producer died is still in the region:
                // the next rounds deliver it, then report Closed.
                Err(Error::Closed) => self.closed = true,
                Err(e) => return Err(e),
            }
        }
    }

    /// Read `head` (unless the last value read already has messages waiting: then the
    /// producer's cache line is left alone); true when a message is waiting.
    fn poll_head(&mut self) -> Result<bool, Error> {
        if self.head > self.next {
            return Ok(true);
        }
        let head = self.ctl.u64_at(self.layout.head).load(Ordering::Acquire);
        if head < self.head || head - self.next > u64::from(self.layout.slots) {
            return Err(Error::Protocol("head moved backwards or past the ring"));
        }
        self.head = head;
        Ok(head > self.next)
    }

    /// The descriptor of message `next` (published: `head > next`), checked.
    fn take(&mut self) -> Result<Message<'_>, Error> {
        let at = self.layout.slot(self.next);
        let seq = self.ctl.u64_at(at + slot::SEQ).load(Ordering::Relaxed);
        let offset = self.ctl.u32_at(at + slot::OFFSET).load(Ordering::Relaxed) as usize;
        let len = self.ctl.u32_at(at + slot::LEN).load(Ordering::Relaxed) as usize;
        if seq != self.next {
            return Err(Error::Protocol("descriptor of another message"));
        }
        if !offset.is_multiple_of(16) || len < 16 || offset + len > self.data.len() {
            return Err(Error::Protocol("descriptor outside the data region"));
        }
        Ok(Message { consumer: self, seq, offset, len })
    }

    /// Write any value to `tail`: what a hostile consumer does. For tests of producers only.
    #[doc(hidden)]
    pub fn hostile_tail(&mut self, tail: u64) {
        self.ctl.u64_at(self.layout.tail).store(tail, Ordering::Release);
    }

    /// Acknowledge message `seq`: the producer may reuse its memory; wake it if it waits.
    fn ack(&mut self, seq: u64) {
        self.next = seq + 1;
        self.ctl.u64_at(self.layout.tail).store(self.next, Ordering::Release);
        // Pairs with the producer's fence between its flag store and its `tail` load.
        fence(Ordering::SeqCst);
        let flag = self.ctl.u32_at(self.layout.producer_sleeping);
        if flag.load(Ordering::Relaxed) != 0 && flag.swap(0, Ordering::AcqRel) != 0 {
            // A dead producer is noticed by the next `recv`.
            let _ = link::wake(&self.sock);
        }
    }
}

/// A received message, acknowledged when dropped (a consumer that dies before that gets it
/// again after a restart: delivery is at least once).
pub struct Message<'c> {
    consumer: &'c mut Consumer,
    seq: u64,
    offset: usize,
    len: usize,
}

impl std::fmt::Debug for Message<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Message").field("seq", &self.seq).field("offset", &self.offset).field("len", &self.len).finish()
    }
}

impl Message<'_> {
    /// Its sequence number (0, 1, 2, ... since the channel was created).
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Its length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Never true: a message is a whole wxl buffer (at least 16 bytes).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Where it starts in the data region (for a WASM module that maps the region).
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Copy the message into `snapshot` (atomic loads: a producer writing meanwhile makes the
    /// copy stale or torn, not undefined); the bytes.
    pub fn copy_into<'s>(&self, snapshot: &'s mut Snapshot) -> &'s [u8] {
        self.consumer.data.copy_out(self.offset, self.len, &mut snapshot.words);
        snapshot.len = self.len;
        snapshot.bytes()
    }

    /// Copy, then verify the copy against `schema`: the view generated accessors wrap.
    pub fn read<'s>(
        &self,
        snapshot: &'s mut Snapshot,
        schema: &'s Schema,
        options: &Options,
    ) -> Result<Verified<'s>, wxl_runtime::Error> {
        self.consumer.data.copy_out(self.offset, self.len, &mut snapshot.words);
        snapshot.len = self.len;
        let Snapshot { words, len, verifier } = snapshot;
        let bytes = &words_as_bytes(words)[..*len];
        verifier.verify(bytes, schema, options)
    }

    /// The message where it lies, without a copy.
    ///
    /// # Safety
    /// The producer must not write these bytes while the slice lives. A `Producer` of this
    /// crate never does before the message is acknowledged, so this holds whenever the
    /// producing process runs this crate unmodified; a hostile one can break it, which is why
    /// [`read`](Self::read) copies.
    pub unsafe fn in_place(&self) -> &[u8] {
        // SAFETY: forwarded to the caller.
        unsafe { self.consumer.data.bytes(self.offset, self.len) }
    }

    /// Acknowledge now (dropping does the same).
    pub fn ack(self) {}
}

impl Drop for Message<'_> {
    fn drop(&mut self) {
        self.consumer.ack(self.seq);
    }
}

/// Private, 16-aligned memory a message is copied into (reuse it: no allocation once warm),
/// with the verifier's reusable bitmap.
#[derive(Default)]
pub struct Snapshot {
    words: Vec<u128>,
    len: usize,
    verifier: Verifier,
}

impl Snapshot {
    pub fn new() -> Snapshot {
        Snapshot::default()
    }

    /// The last message copied.
    pub fn bytes(&self) -> &[u8] {
        &words_as_bytes(&self.words)[..self.len]
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot").field("len", &self.len).finish_non_exhaustive()
    }
}

/// The bytes of 16-byte words, in memory order (little-endian: the layout's order).
fn words_as_bytes(words: &[u128]) -> &[u8] {
    // u128 → bytes without unsafe: a zero-copy cast needs `unsafe`, and this crate keeps all
    // of it in `sys`; there it is.
    crate::sys::u128_bytes(words)
}
