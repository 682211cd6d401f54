//! Fingerprints of bytes: how the manifest tells whether a document's data, the templates,
//! the fonts or a PDF on disk changed. Depends on nothing in the crate.

/// A stable 64-bit FNV-1a fingerprint, 16 hex digits: the same bytes give the same text on
/// every machine and Rust version (std's hasher promises neither).
pub(crate) fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_are_stable_and_distinguish_inputs() {
        assert_eq!(fingerprint(b""), "cbf29ce484222325");
        assert_eq!(fingerprint(b"a"), "af63dc4c8601ec8c");
        assert_ne!(fingerprint(b"ab"), fingerprint(b"ba"));
    }
}
