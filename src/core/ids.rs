//! Record ids: UUID version 4 in text form, made from bytes the caller supplies
//! (the browser's `crypto.getRandomValues`, or a seeded generator for demo data).

/// Formats 16 random bytes as a version-4 UUID: `xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        out.push(char::from_digit((b & 0x0f) as u32, 16).unwrap_or('0'));
    }
    out
}

/// Whether `s` is a UUID in lower-case hyphenated form (any version).
pub fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    let hex = |part: &[u8]| part.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f'));
    b.len() == 36
        && [b[8], b[13], b[18], b[23]] == [b'-'; 4]
        && hex(&b[..8])
        && hex(&b[9..13])
        && hex(&b[14..18])
        && hex(&b[19..23])
        && hex(&b[24..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_version_and_variant_bits() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(is_uuid(&id));
        assert_eq!(uuid_v4([0; 16]), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn rejects_other_shapes() {
        assert!(!is_uuid("FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF"));
        assert!(!is_uuid("ffffffff-ffff-4fff-bfff-fffffffffff"));
        assert!(!is_uuid("ffffffffxffff-4fff-bfff-ffffffffffff"));
    }
}
