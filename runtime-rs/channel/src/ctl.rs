//! The control block: a wxl buffer of `schemas/channel.wxl`, at offset 0 of the control memfd.
//!
//! The module `channel` is generated from the schema by `wxl-build` (build.rs): the producer
//! writes the block with its builders, and both sides verify a private copy of it with its
//! `root` and read the geometry through its getters. The `mut` fields are then used in shared
//! memory, atomically, at their offsets below (the Rust back end names no offsets;
//! `tests/schema.rs` checks these against the compiler's layout).

use wxl_runtime::Builder;

use crate::Error;

/// The generated module.
mod generated {
    wxl_runtime::include_schema!("channel");
}
pub use generated::channel;

use channel::{ChannelArgs, ChannelSlotArgs, LineArgs, Ring};

/// The protocol version this crate speaks.
pub const VERSION: u32 = 1;

/// Field offsets in a `Channel` body.
pub mod field {
    pub const HEAD: usize = 80;
    pub const PRODUCER_SLEEPING: usize = 88;
    pub const TAIL: usize = 160;
    pub const CONSUMER_SLEEPING: usize = 168;
}

// The producer's hot fields (head, producer_sleeping) and the consumer's (tail,
// consumer_sleeping) never share a cache line.
const _: () = assert!(field::TAIL - field::PRODUCER_SLEEPING >= 64);

/// Field offsets in a `Slot` (the ring's element).
pub mod slot {
    pub const SEQ: usize = 0;
    pub const OFFSET: usize = 8;
    pub const LEN: usize = 12;
}

/// Bytes per `Slot`.
pub const SLOT_STRIDE: usize = 16;

/// Limits a control block must respect (a hostile one could ask for anything).
pub const MAX_SLOTS: u32 = 1 << 20;
/// Offsets in descriptors are u32, so the data region is at most 4 GiB.
pub const MAX_DATA_SIZE: u64 = 1 << 32;

/// Where the live fields of a verified control block are (absolute offsets in the region),
/// and its geometry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// Length of the control buffer.
    pub len: usize,
    pub slots: u32,
    pub data_size: u64,
    pub head: usize,
    pub tail: usize,
    pub producer_sleeping: usize,
    pub consumer_sleeping: usize,
    /// The first slot.
    pub ring: usize,
}

impl Layout {
    /// Absolute offset of the slot for sequence number `seq`.
    pub fn slot(&self, seq: u64) -> usize {
        self.ring + (seq % u64::from(self.slots)) as usize * SLOT_STRIDE
    }
}

/// A fresh control block: head and tail 0, nobody sleeping, empty descriptors.
pub fn build(slots: u32, data_size: u64) -> Result<(Vec<u8>, Layout), Error> {
    if slots == 0 || slots > MAX_SLOTS || data_size == 0 || data_size > MAX_DATA_SIZE || !data_size.is_multiple_of(16) {
        return Err(Error::Config("slots must be 1..=2^20, data_size a nonzero multiple of 16 up to 4 GiB"));
    }
    let mut b = Builder::new();
    let ring = Ring::build(&mut b, &vec![ChannelSlotArgs::default(); slots as usize]);
    let root = ChannelArgs {
        version: VERSION,
        slot_count: slots,
        data_size,
        gap0: LineArgs::default(),
        head: 0,
        producer_sleeping: 0,
        gap1: LineArgs::default(),
        tail: 0,
        consumer_sleeping: 0,
        gap2: LineArgs::default(),
        ring,
    }
    .build(&mut b);
    let bytes = channel::finish(&mut b, root).to_vec();
    let layout = check(&bytes)?;
    Ok((bytes, layout))
}

/// Verify a (private copy of a) control block and find its live fields.
pub fn check(copy: &[u8]) -> Result<Layout, Error> {
    let root = channel::root(copy).map_err(Error::Control)?;
    if root.version() != VERSION {
        return Err(Error::Protocol("control block of another protocol version"));
    }
    let (slots, data_size, ring) = (root.slot_count(), root.data_size(), root.ring());
    if slots == 0 || slots > MAX_SLOTS || ring.len() != slots as usize {
        return Err(Error::Protocol("ring size does not match slot_count"));
    }
    if data_size == 0 || data_size > MAX_DATA_SIZE || !data_size.is_multiple_of(16) {
        return Err(Error::Protocol("bad data_size"));
    }
    // An older writer's shorter Channel would have no room for the live fields.
    if root.0.stored_size() < field::CONSUMER_SLEEPING + 4 {
        return Err(Error::Protocol("control block from an older schema"));
    }
    // Positions inside `copy` are positions in the region (the block starts at offset 0).
    let start = copy.as_ptr() as usize;
    let body = root.0.bytes().as_ptr() as usize - start;
    let ring = ring.0.array().bytes().as_ptr() as usize - start;
    Ok(Layout {
        len: copy.len(),
        slots,
        data_size,
        head: body + field::HEAD,
        tail: body + field::TAIL,
        producer_sleeping: body + field::PRODUCER_SLEEPING,
        consumer_sleeping: body + field::CONSUMER_SLEEPING,
        ring,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_blocks_verify_and_fields_are_aligned() {
        for slots in [1, 2, 255, 4096, 16383, 16384] {
            let (bytes, layout) = build(slots, 1 << 20).unwrap();
            assert_eq!(layout.len, bytes.len());
            assert_eq!(layout.slots, slots);
            for at in [layout.head, layout.tail, layout.ring] {
                assert_eq!(at % 8, 0);
            }
            // The two sides' hot fields are at least a cache line apart.
            assert!(layout.tail - layout.head >= 64);
            assert!(layout.ring + slots as usize * SLOT_STRIDE <= bytes.len());
        }
    }

    #[test]
    fn live_field_offsets_match_the_generated_builder() {
        let mut b = Builder::new();
        let ring = Ring::build(&mut b, &[ChannelSlotArgs { seq: 0x5E0, offset: 0x0FF, len: 0x1E4 }]);
        let args = ChannelArgs {
            version: VERSION,
            slot_count: 1,
            data_size: 16,
            gap0: LineArgs::default(),
            head: 0x4EAD,
            producer_sleeping: 0x9,
            gap1: LineArgs::default(),
            tail: 0x7A11,
            consumer_sleeping: 0xC,
            gap2: LineArgs::default(),
            ring,
        };
        let root = args.build(&mut b);
        let bytes = channel::finish(&mut b, root).to_vec();
        let layout = check(&bytes).unwrap();
        let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap());
        let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap());
        assert_eq!((u64_at(layout.head), u64_at(layout.tail)), (0x4EAD, 0x7A11));
        assert_eq!((u32_at(layout.producer_sleeping), u32_at(layout.consumer_sleeping)), (0x9, 0xC));
        let at = layout.slot(7);
        assert_eq!(u64_at(at + slot::SEQ), 0x5E0);
        assert_eq!((u32_at(at + slot::OFFSET), u32_at(at + slot::LEN)), (0x0FF, 0x1E4));
    }

    #[test]
    fn hostile_blocks_are_refused() {
        let (bytes, layout) = build(8, 4096).unwrap();
        let mut bad = bytes.clone();
        bad[8] = b'X';
        assert!(matches!(check(&bad), Err(Error::Control(_))));
        // slot_count no longer matching the ring.
        let mut bad = bytes.clone();
        bad[layout.head - field::HEAD + 4] = 9;
        assert!(matches!(check(&bad), Err(Error::Protocol(_))));
        // data_size not a multiple of 16.
        let mut bad = bytes;
        bad[layout.head - field::HEAD + 8] = 1;
        assert!(matches!(check(&bad), Err(Error::Protocol(_))));
        assert!(build(0, 4096).is_err() && build(8, 4008).is_err());
    }
}
