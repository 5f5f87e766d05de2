//! HMAC material: a secret and its precomputed SHA-256 HMAC state.

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use crate::backend::fill_random;
use crate::error::KeyError;

/// Length of an HMAC-SHA-256 tag.
pub(crate) const SHA256_TAG_LEN: usize = 32;

/// An HMAC secret, with the HMAC-SHA-256 state after absorbing the padded key.
///
/// The state is computed once; each operation starts from a copy of it instead of hashing the
/// key again (two compression calls saved per token). It is equivalent to the secret, so it is
/// treated as one: wiped on drop (the `zeroize` features of `hmac` and `sha2`) and never
/// printed. HS384/HS512 would add their own precomputed state beside this one.
#[derive(Clone)]
pub(crate) struct HmacSecret {
    sha256: Hmac<Sha256>,
    /// The raw secret, kept for JWK export and thumbprints; wiped on drop.
    secret: Zeroizing<Vec<u8>>,
}

impl HmacSecret {
    /// Takes any non-empty secret; length rules belong to the algorithm binding.
    pub(crate) fn new(secret: &[u8]) -> Result<Self, KeyError> {
        let sha256 = Hmac::<Sha256>::new_from_slice(secret)
            .map_err(|_| KeyError::Invalid("hmac rejected the key length"))?;
        Ok(HmacSecret {
            sha256,
            secret: Zeroizing::new(secret.to_vec()),
        })
    }

    /// `len` bytes from the OS RNG.
    pub(crate) fn generate(len: usize) -> Result<Self, KeyError> {
        let mut secret = Zeroizing::new(vec![0u8; len]);
        fill_random(&mut secret)?;
        Self::new(&secret)
    }

    /// The raw secret.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.secret
    }

    /// The HMAC-SHA-256 tag over `data`.
    pub(crate) fn sign_sha256(&self, data: &[u8]) -> [u8; SHA256_TAG_LEN] {
        let mut mac = self.sha256.clone();
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    /// Whether `tag` is the HMAC-SHA-256 tag over `data`. `verify_slice` checks the length
    /// and compares in constant time.
    pub(crate) fn verify_sha256(&self, data: &[u8], tag: &[u8]) -> bool {
        let mut mac = self.sha256.clone();
        mac.update(data);
        mac.verify_slice(tag).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_case_2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        let secret = HmacSecret::new(b"Jefe").unwrap();
        let tag = secret.sign_sha256(b"what do ya want for nothing?");
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";
        let hex = tag.iter().fold(String::new(), |mut hex, b| {
            use std::fmt::Write as _;
            let _ = write!(hex, "{b:02x}");
            hex
        });
        assert_eq!(hex, expected);
        assert!(secret.verify_sha256(b"what do ya want for nothing?", &tag));
        assert!(!secret.verify_sha256(b"what do ya want for nothing?", &tag[..31]));
        assert!(!secret.verify_sha256(b"what do ya want for nothing!", &tag));
    }

    #[test]
    fn generated_secrets_differ() {
        let a = HmacSecret::generate(32).unwrap();
        let b = HmacSecret::generate(32).unwrap();
        assert_eq!(a.as_bytes().len(), 32);
        assert_ne!(a.as_bytes(), b.as_bytes());
    }
}
