//! Random secrets and their stored hashes.

use sha2::{Digest, Sha256};

/// `n` random bytes as lower-case hex.
pub fn random_hex(n: usize) -> String {
    let mut buf = vec![0u8; n];
    getrandom::fill(&mut buf).expect("operating system random source");
    hex::encode(buf)
}

/// What we store for a session id or token: its SHA-256. The secrets are
/// 256-bit random values, so a fast hash is enough (no guessing to slow down).
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compare two strings in time independent of where they differ.
pub fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}
