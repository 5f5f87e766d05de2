//! HMAC material: a secret and its precomputed HMAC state for one SHA-2 hash.

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use crate::backend::{fill_random, Hash};
use crate::error::KeyError;

/// The HMAC state after absorbing the padded key, for the hash the secret is used with.
#[derive(Clone)]
enum State {
    Sha256(Hmac<Sha256>),
    Sha384(Hmac<Sha384>),
    Sha512(Hmac<Sha512>),
}

/// An HMAC secret, with the HMAC state of its one hash after absorbing the padded key.
///
/// The state is computed once; each operation starts from a copy of it instead of hashing the
/// key again (two compression calls saved per token). It is equivalent to the secret, so it is
/// treated as one: wiped on drop (the `zeroize` features of `hmac` and `sha2`) and never
/// printed. Only the state of the hash chosen at construction exists: an HS256 secret cannot
/// produce an HS512 tag.
#[derive(Clone)]
pub(crate) struct HmacSecret {
    state: State,
    /// The raw secret, kept for JWK export and thumbprints; wiped on drop.
    secret: Zeroizing<Vec<u8>>,
}

impl HmacSecret {
    /// Takes any non-empty secret for `hash`; length rules belong to the algorithm binding.
    pub(crate) fn new(secret: &[u8], hash: Hash) -> Result<Self, KeyError> {
        let err = |_| KeyError::Invalid("hmac rejected the key length");
        let state = match hash {
            Hash::Sha256 => State::Sha256(Hmac::new_from_slice(secret).map_err(err)?),
            Hash::Sha384 => State::Sha384(Hmac::new_from_slice(secret).map_err(err)?),
            Hash::Sha512 => State::Sha512(Hmac::new_from_slice(secret).map_err(err)?),
        };
        Ok(HmacSecret {
            state,
            secret: Zeroizing::new(secret.to_vec()),
        })
    }

    /// `len` bytes from the OS RNG, for `hash`.
    pub(crate) fn generate(len: usize, hash: Hash) -> Result<Self, KeyError> {
        let mut secret = Zeroizing::new(vec![0u8; len]);
        fill_random(&mut secret)?;
        Self::new(&secret, hash)
    }

    /// The raw secret.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        &self.secret
    }

    /// The HMAC tag over `data`, as long as the hash output.
    pub(crate) fn sign(&self, data: &[u8]) -> Vec<u8> {
        self.sign_with(data, <[u8]>::to_vec)
    }

    /// Gives the HMAC tag over `data` to `use_tag` without putting it on the heap.
    pub(crate) fn sign_with<R>(&self, data: &[u8], use_tag: impl FnOnce(&[u8]) -> R) -> R {
        fn tag<M: Mac + Clone, R>(mac: &M, data: &[u8], use_tag: impl FnOnce(&[u8]) -> R) -> R {
            let mut mac = mac.clone();
            mac.update(data);
            use_tag(&mac.finalize().into_bytes())
        }
        match &self.state {
            State::Sha256(mac) => tag(mac, data, use_tag),
            State::Sha384(mac) => tag(mac, data, use_tag),
            State::Sha512(mac) => tag(mac, data, use_tag),
        }
    }

    /// Whether `tag` is the HMAC tag over `data`. `verify_slice` checks the length (the full
    /// hash output; truncated tags are refused) and compares in constant time.
    pub(crate) fn verify(&self, data: &[u8], tag: &[u8]) -> bool {
        fn check<M: Mac + Clone>(mac: &M, data: &[u8], tag: &[u8]) -> bool {
            let mut mac = mac.clone();
            mac.update(data);
            mac.verify_slice(tag).is_ok()
        }
        match &self.state {
            State::Sha256(mac) => check(mac, data, tag),
            State::Sha384(mac) => check(mac, data, tag),
            State::Sha512(mac) => check(mac, data, tag),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4231_case_2() {
        // RFC 4231 §4.3: key "Jefe", data "what do ya want for nothing?".
        // Every hash, so one secret type cannot mix up its states.
        for (hash, expected) in [
            (Hash::Sha256, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            (Hash::Sha384, "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"),
            (Hash::Sha512, "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
        ] {
            let secret = HmacSecret::new(b"Jefe", hash).unwrap();
            let tag = secret.sign(b"what do ya want for nothing?");
            let hex = tag.iter().fold(String::new(), |mut hex, b| {
                use std::fmt::Write as _;
                let _ = write!(hex, "{b:02x}");
                hex
            });
            assert_eq!(hex, expected, "{hash:?}");
            assert!(secret.verify(b"what do ya want for nothing?", &tag));
            assert!(!secret.verify(b"what do ya want for nothing?", &tag[..tag.len() - 1]));
            assert!(!secret.verify(b"what do ya want for nothing!", &tag));
        }
    }

    #[test]
    fn generated_secrets_differ() {
        let a = HmacSecret::generate(32, Hash::Sha256).unwrap();
        let b = HmacSecret::generate(32, Hash::Sha256).unwrap();
        assert_eq!(a.as_bytes().len(), 32);
        assert_ne!(a.as_bytes(), b.as_bytes());
    }
}
