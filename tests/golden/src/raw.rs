//! Byte-level helpers for making broken buffers: a scan of a well-formed buffer's objects, and
//! an assembler that writes headers and words by hand.

use wxl_ir::tables::SchemaTables;

pub fn u32_at(buf: &[u8], at: u32) -> u32 {
    let at = at as usize;
    u32::from_le_bytes(buf[at..at + 4].try_into().expect("4 bytes"))
}

pub fn put_u32(buf: &mut [u8], at: u32, value: u32) {
    let at = at as usize;
    buf[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

/// One object of a well-formed buffer.
#[derive(Clone, Copy, Debug)]
pub struct Object {
    /// The tag word's offset (what references hold).
    pub at: u32,
    pub type_id: u16,
    /// Stored size, element count or byte count.
    pub length: u32,
    pub body: u32,
    /// The body's size in bytes.
    pub size: u32,
}

/// The objects of a buffer that the verifier accepted, front to back.
pub fn objects(buf: &[u8], tables: &SchemaTables) -> Vec<Object> {
    let mut list = Vec::new();
    let mut pos = 16u32;
    while (pos as usize) < buf.len() {
        let tag = u32_at(buf, pos);
        if tag == 0 {
            pos += 4;
            continue;
        }
        let type_id = tag as u16;
        let (length, body) = match tag >> 16 {
            0xFFFF => (u32_at(buf, pos + 4), pos + 8),
            short => (short, pos + 4),
        };
        let stride = match type_id {
            1 | 2 => 1,
            id => {
                let table = tables.types[(id - 16) as usize]
                    .as_ref()
                    .expect("a schema type");
                if table.is_array {
                    table.size
                } else {
                    1
                }
            }
        };
        let size = length * stride;
        list.push(Object {
            at: pos,
            type_id,
            length,
            body,
            size,
        });
        pos = body + size.div_ceil(4) * 4;
    }
    list
}

/// A buffer written by hand: the 16-byte header, then whatever words the case needs.
pub struct Raw {
    pub bytes: Vec<u8>,
}

impl Raw {
    pub fn new(identifier: [u8; 4]) -> Raw {
        let mut bytes = b"WXL\0".to_vec();
        bytes.extend_from_slice(&1u16.to_le_bytes());
        bytes.extend_from_slice(&0u16.to_le_bytes());
        bytes.extend_from_slice(&identifier);
        bytes.extend_from_slice(&0u32.to_le_bytes());
        Raw { bytes }
    }

    /// The offset the next word is written at.
    pub fn here(&self) -> u32 {
        self.bytes.len() as u32
    }

    /// Appends a word; returns its offset.
    pub fn word(&mut self, value: u32) -> u32 {
        let at = self.here();
        self.bytes.extend_from_slice(&value.to_le_bytes());
        at
    }

    /// A tag word: `type_id` with a short length.
    pub fn tag(&mut self, type_id: u16, length: u32) -> u32 {
        self.word(u32::from(type_id) | length << 16)
    }

    /// Appends bytes and zero padding up to a multiple of 4; returns where they start.
    pub fn bytes(&mut self, data: &[u8]) -> u32 {
        let at = self.here();
        self.bytes.extend_from_slice(data);
        while !self.bytes.len().is_multiple_of(4) {
            self.bytes.push(0);
        }
        at
    }

    pub fn root(mut self, root: u32) -> Vec<u8> {
        put_u32(&mut self.bytes, 12, root);
        self.bytes
    }
}
