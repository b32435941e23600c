//! Writing buffers by hand, word by word, following LAYOUT.md (no generated code involved):
//! each scenario places every tag word and field itself and asserts the offsets it expects.

pub struct Hand {
    pub bytes: Vec<u8>,
}

impl Hand {
    /// The 16-byte header (§3): magic, version 1, flags 0, identifier, root reference.
    pub fn header(identifier: &[u8; 4], root: u32) -> Hand {
        let mut hand = Hand { bytes: Vec::new() };
        hand.raw(b"WXL\0");
        hand.u16(1);
        hand.u16(0);
        hand.raw(identifier);
        hand.u32(root);
        hand
    }

    /// Asserts that the next byte is written at `offset`: the scenarios state every offset.
    pub fn at(&mut self, offset: usize) -> &mut Self {
        assert_eq!(self.bytes.len(), offset, "hand-written buffer: next offset");
        self
    }

    pub fn raw(&mut self, bytes: &[u8]) -> &mut Self {
        self.bytes.extend_from_slice(bytes);
        self
    }

    pub fn u8(&mut self, v: u8) -> &mut Self {
        self.raw(&[v])
    }

    pub fn u16(&mut self, v: u16) -> &mut Self {
        self.raw(&v.to_le_bytes())
    }

    pub fn u32(&mut self, v: u32) -> &mut Self {
        self.raw(&v.to_le_bytes())
    }

    pub fn i32(&mut self, v: i32) -> &mut Self {
        self.raw(&v.to_le_bytes())
    }

    pub fn u64(&mut self, v: u64) -> &mut Self {
        self.raw(&v.to_le_bytes())
    }

    pub fn f32(&mut self, v: f32) -> &mut Self {
        self.raw(&v.to_le_bytes())
    }

    pub fn f64(&mut self, v: f64) -> &mut Self {
        self.raw(&v.to_le_bytes())
    }

    /// `n` zero bytes (gaps between fields, tail padding, padding words).
    pub fn zeros(&mut self, n: usize) -> &mut Self {
        self.raw(&vec![0; n])
    }

    /// A short tag word (§4.1): type id in the low half, length in the high half.
    pub fn tag(&mut self, id: u16, len: u16) -> &mut Self {
        assert!(len < 0xFFFF);
        self.u32(u32::from(id) | u32::from(len) << 16)
    }

    /// A string or byte string object with its tail padding.
    pub fn blob(&mut self, id: u16, contents: &[u8]) -> &mut Self {
        self.tag(id, contents.len() as u16);
        self.raw(contents);
        let pad = (4 - contents.len() % 4) % 4;
        self.zeros(pad)
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn set_u8(&mut self, at: usize, v: u8) {
        self.bytes[at] = v;
    }

    pub fn set_u16(&mut self, at: usize, v: u16) {
        self.bytes[at..at + 2].copy_from_slice(&v.to_le_bytes());
    }

    pub fn set_u32(&mut self, at: usize, v: u32) {
        self.bytes[at..at + 4].copy_from_slice(&v.to_le_bytes());
    }
}

/// A copy of `bytes` with the u32 at `at` replaced.
pub fn with_u32(bytes: &[u8], at: usize, v: u32) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[at..at + 4].copy_from_slice(&v.to_le_bytes());
    out
}

/// A copy of `bytes` with the byte at `at` replaced.
pub fn with_u8(bytes: &[u8], at: usize, v: u8) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[at] = v;
    out
}

/// A copy of `bytes` with `patch` written at `at`.
pub fn with_bytes(bytes: &[u8], at: usize, patch: &[u8]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    out[at..at + patch.len()].copy_from_slice(patch);
    out
}
