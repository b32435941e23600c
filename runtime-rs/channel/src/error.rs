//! What can go wrong on a channel.

use std::fmt;
use std::io;

#[derive(Debug)]
pub enum Error {
    /// A system call failed.
    Io(io::Error),
    /// The peer closed its end of the socket or died. For a consumer: every message committed
    /// before that has been delivered.
    Closed,
    /// Nothing arrived (consumer) or no room was freed (producer) within the time asked for.
    Timeout,
    /// The peer broke the protocol: a bad handshake, unsealed memory, a descriptor pointing
    /// outside the data region, a counter moving backwards. The channel cannot be trusted any
    /// more; drop it.
    Protocol(&'static str),
    /// The control block does not verify.
    Control(wxl_runtime::Error),
    /// A message does not fit in the data region, or the configuration is impossible.
    Config(&'static str),
    /// A builder lent a slot was moved out of its draft and still holds the slot: the producer
    /// cannot reuse the region until that builder is dropped.
    LeaseHeld,
    /// `commit` of a draft whose builder did not `finish` the buffer (no header).
    NotFinished,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "channel I/O: {e}"),
            Error::Closed => f.write_str("channel closed by the peer"),
            Error::Timeout => f.write_str("channel timed out"),
            Error::Protocol(what) => write!(f, "channel protocol violation: {what}"),
            Error::Control(e) => write!(f, "channel control block invalid: {e}"),
            Error::Config(what) => write!(f, "channel configuration: {what}"),
            Error::LeaseHeld => f.write_str("a builder moved out of its draft still holds a slot"),
            Error::NotFinished => f.write_str("the draft's buffer was not finished"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Error {
        Error::Io(e)
    }
}

impl From<rustix::io::Errno> for Error {
    fn from(e: rustix::io::Errno) -> Error {
        Error::Io(e.into())
    }
}
