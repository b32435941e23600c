//! Standard base64 (RFC 4648 alphabet, `=` padding), strict on input: one canonical spelling
//! per byte string, so decode then encode gives back the same text.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub fn encode(data: &[u8]) -> String {
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn sextet(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|i| i as u32)
}

/// The bytes, or the index of the first bad character and why.
pub fn decode(text: &str) -> Result<Vec<u8>, (usize, &'static str)> {
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return Err((bytes.len(), "base64 length must be a multiple of 4 (padded with '=')"));
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (c, chunk) in bytes.chunks(4).enumerate() {
        let last = (c + 1) * 4 == bytes.len();
        let pad = chunk.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            let at = c * 4 + chunk.iter().position(|&b| b == b'=').unwrap_or(0);
            return Err((at, "'=' is only allowed as padding at the end"));
        }
        let mut n = 0u32;
        for (i, &b) in chunk[..4 - pad].iter().enumerate() {
            let Some(v) = sextet(b) else {
                return Err((c * 4 + i, "not a base64 character"));
            };
            n |= v << (18 - 6 * i);
        }
        let got = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        // Bits below the last whole byte must be zero, or two spellings would mean the same.
        if (pad == 1 && got[2] != 0) || (pad == 2 && got[1] != 0) {
            return Err((c * 4 + 3 - pad, "non-canonical base64: unused bits must be zero"));
        }
        out.extend_from_slice(&got[..3 - pad]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors() {
        for (plain, coded) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn rejects_bad_text() {
        assert_eq!(decode("Zg=").unwrap_err().0, 3);
        assert_eq!(decode("Z!==").unwrap_err().0, 1);
        assert_eq!(decode("Zh==").unwrap_err().1, "non-canonical base64: unused bits must be zero");
        assert_eq!(decode("Zg==Zg==").unwrap_err().0, 2);
        assert_eq!(decode("Z===").unwrap_err().0, 1);
    }

    proptest::proptest! {
        #[test]
        fn round_trips(data: Vec<u8>) {
            proptest::prop_assert_eq!(decode(&encode(&data)).unwrap(), data);
        }
    }
}
