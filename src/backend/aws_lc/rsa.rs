//! RSA over aws-lc-rs: RS256/384/512 and PS256/384/512 sign and verify here; parsing and the
//! 2048–8192-bit check stay in the shared `rust_crypto` material this wraps.
//!
//! # Security
//! aws-lc's RSA private-key operations are constant-time, so this backend is not exposed to
//! RUSTSEC-2023-0071 (Marvin), which affects the `rsa` crate's signing.

use std::sync::{Arc, OnceLock};

use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::rsa::{KeyPair, KeyPairComponents, PublicKeyComponents};
use aws_lc_rs::signature::{
    ParsedPublicKey, RsaEncoding, RsaParameters, RSA_PKCS1_2048_8192_SHA256,
    RSA_PKCS1_2048_8192_SHA384, RSA_PKCS1_2048_8192_SHA512, RSA_PKCS1_SHA256, RSA_PKCS1_SHA384,
    RSA_PKCS1_SHA512, RSA_PSS_2048_8192_SHA256, RSA_PSS_2048_8192_SHA384, RSA_PSS_2048_8192_SHA512,
    RSA_PSS_SHA256, RSA_PSS_SHA384, RSA_PSS_SHA512,
};

use crate::backend::rust_crypto::pem::Format;
use crate::backend::rust_crypto::{self as parsed, RsaPrivateParts};
use crate::backend::Hash;
use crate::error::{EncodeError, KeyError, SignatureError};

/// The two RSA signature schemes of JWS.
#[derive(Clone, Copy)]
enum Padding {
    Pkcs1v15,
    Pss,
}

/// Index into [`RsaPublic::verifiers`], and aws-lc's verification parameters (its own key
/// size bounds, 2048 to 8192 bits, match ours).
fn verification(padding: Padding, hash: Hash) -> (usize, &'static RsaParameters) {
    match (padding, hash) {
        (Padding::Pkcs1v15, Hash::Sha256) => (0, &RSA_PKCS1_2048_8192_SHA256),
        (Padding::Pkcs1v15, Hash::Sha384) => (1, &RSA_PKCS1_2048_8192_SHA384),
        (Padding::Pkcs1v15, Hash::Sha512) => (2, &RSA_PKCS1_2048_8192_SHA512),
        (Padding::Pss, Hash::Sha256) => (3, &RSA_PSS_2048_8192_SHA256),
        (Padding::Pss, Hash::Sha384) => (4, &RSA_PSS_2048_8192_SHA384),
        (Padding::Pss, Hash::Sha512) => (5, &RSA_PSS_2048_8192_SHA512),
    }
}

/// aws-lc's signing encoding; PSS uses MGF1 with the same hash and a salt as long as the hash
/// (RFC 7518 §3.5).
fn encoding(padding: Padding, hash: Hash) -> &'static dyn RsaEncoding {
    match (padding, hash) {
        (Padding::Pkcs1v15, Hash::Sha256) => &RSA_PKCS1_SHA256,
        (Padding::Pkcs1v15, Hash::Sha384) => &RSA_PKCS1_SHA384,
        (Padding::Pkcs1v15, Hash::Sha512) => &RSA_PKCS1_SHA512,
        (Padding::Pss, Hash::Sha256) => &RSA_PSS_SHA256,
        (Padding::Pss, Hash::Sha384) => &RSA_PSS_SHA384,
        (Padding::Pss, Hash::Sha512) => &RSA_PSS_SHA512,
    }
}

/// An RSA public key of 2048 to 8192 bits.
#[derive(Clone)]
pub(crate) struct RsaPublic {
    parsed: parsed::RsaPublic,
    /// Signature length in bytes, the modulus length (RFC 8017 §8.2.2).
    len: usize,
    /// `n` and `e`, big-endian without leading zeros, as aws-lc wants them.
    n: Vec<u8>,
    e: Vec<u8>,
    /// One aws-lc key per (padding, hash), each parsed on first use and kept: a key is
    /// usually bound to one algorithm, so one of the six is ever built.
    verifiers: [OnceLock<ParsedPublicKey>; 6],
}

impl PartialEq for RsaPublic {
    fn eq(&self, other: &Self) -> bool {
        self.parsed == other.parsed
    }
}

impl Eq for RsaPublic {}

impl RsaPublic {
    fn new(parsed: parsed::RsaPublic) -> Self {
        RsaPublic {
            len: parsed.modulus_bits().div_ceil(8),
            n: parsed.n(),
            e: parsed.e(),
            parsed,
            verifiers: Default::default(),
        }
    }

    /// From DER in `format` (`Spki` or `Pkcs1Public`).
    pub(crate) fn from_der(der: &[u8], format: Format) -> Result<Self, KeyError> {
        parsed::RsaPublic::from_der(der, format).map(Self::new)
    }

    /// From PEM text in one of `formats`, chosen by its label.
    pub(crate) fn from_pem(text: &str, formats: &[Format]) -> Result<Self, KeyError> {
        parsed::RsaPublic::from_pem(text, formats).map(Self::new)
    }

    /// From the big-endian modulus and exponent.
    pub(crate) fn from_components(n: &[u8], e: &[u8]) -> Result<Self, KeyError> {
        parsed::RsaPublic::from_components(n, e).map(Self::new)
    }

    /// The modulus size in bits.
    pub(crate) fn modulus_bits(&self) -> usize {
        self.parsed.modulus_bits()
    }

    /// The modulus `n`, big-endian, without leading zeros.
    pub(crate) fn n(&self) -> Vec<u8> {
        self.n.clone()
    }

    /// The public exponent `e`, big-endian, without leading zeros.
    pub(crate) fn e(&self) -> Vec<u8> {
        self.e.clone()
    }

    fn verify(
        &self,
        padding: Padding,
        hash: Hash,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        // Exact length first (RFC 8017 §8.2.2 step 1): nothing else reaches the maths.
        if signature.len() != self.len {
            return Err(SignatureError::Invalid);
        }
        let (index, params) = verification(padding, hash);
        let slot = &self.verifiers[index];
        let key = if let Some(key) = slot.get() {
            key
        } else {
            let components = PublicKeyComponents {
                n: &self.n[..],
                e: &self.e[..],
            };
            // Cannot fail for a key the shared code accepted; if it ever did, the signature
            // is refused, never a panic.
            let key = components
                .to_parsed_public_key(params)
                .map_err(|_| SignatureError::Invalid)?;
            slot.get_or_init(|| key)
        };
        key.verify_sig(message, signature)
            .map_err(|_| SignatureError::Invalid)
    }

    /// Checks an RSASSA-PKCS1-v1_5 signature over `message` hashed with `hash`.
    pub(crate) fn verify_pkcs1v15(
        &self,
        hash: Hash,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        self.verify(Padding::Pkcs1v15, hash, message, signature)
    }

    /// Checks an RSASSA-PSS signature over `message`: `hash` for the message and for MGF1,
    /// and a salt exactly as long as the hash output (RFC 7518 §3.5).
    pub(crate) fn verify_pss(
        &self,
        hash: Hash,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        self.verify(Padding::Pss, hash, message, signature)
    }
}

/// An RSA private key of 2048 to 8192 bits: the shared parsed key, and the same key loaded
/// into aws-lc (which validates it again, CRT values included).
#[derive(Clone)]
pub(crate) struct RsaPrivate {
    parsed: parsed::RsaPrivate,
    public: RsaPublic,
    /// Not `Clone` in aws-lc-rs; shared, immutable.
    pair: Arc<KeyPair>,
}

impl RsaPrivate {
    fn new(parsed: parsed::RsaPrivate) -> Result<Self, KeyError> {
        let public = RsaPublic::new(parsed.public().clone());
        let parts = parsed.parts();
        let (Some([p, q]), Some([dp, dq, qi])) = (&parts.primes, &parts.crt) else {
            return Err(KeyError::Invalid(
                "the aws-lc backend supports two-prime rsa keys only",
            ));
        };
        let components = KeyPairComponents {
            public_key: PublicKeyComponents {
                n: &public.n[..],
                e: &public.e[..],
            },
            d: &parts.d[..],
            p: &p[..],
            q: &q[..],
            dP: &dp[..],
            dQ: &dq[..],
            qInv: &qi[..],
        };
        let pair = KeyPair::from_components(&components)
            .map_err(|_| KeyError::Invalid("rsa components do not form a valid key"))?;
        Ok(RsaPrivate {
            parsed,
            public,
            pair: Arc::new(pair),
        })
    }

    /// From DER in `format` (`Pkcs8` or `Pkcs1Private`).
    pub(crate) fn from_der(der: &[u8], format: Format) -> Result<Self, KeyError> {
        parsed::RsaPrivate::from_der(der, format).and_then(Self::new)
    }

    /// From PEM text in one of `formats`, chosen by its label.
    pub(crate) fn from_pem(text: &str, formats: &[Format]) -> Result<Self, KeyError> {
        parsed::RsaPrivate::from_pem(text, formats).and_then(Self::new)
    }

    /// From big-endian `n`, `e`, `d`, `p` and `q`, validated by the shared code first.
    #[allow(clippy::many_single_char_names)] // the RFC 8017 names
    pub(crate) fn from_components(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        p: &[u8],
        q: &[u8],
    ) -> Result<Self, KeyError> {
        parsed::RsaPrivate::from_components(n, e, d, p, q).and_then(Self::new)
    }

    /// A new key of `bits` bits (2048 to 8192), with exponent 65537, from the OS RNG.
    pub(crate) fn generate(bits: usize) -> Result<Self, KeyError> {
        parsed::RsaPrivate::generate(bits).and_then(Self::new)
    }

    /// The public half.
    pub(crate) fn public(&self) -> &RsaPublic {
        &self.public
    }

    /// The private members, for JWK export.
    pub(crate) fn parts(&self) -> RsaPrivateParts {
        self.parsed.parts()
    }

    fn sign(&self, padding: Padding, hash: Hash, message: &[u8]) -> Result<Vec<u8>, EncodeError> {
        let mut signature = vec![0u8; self.pair.public_modulus_len()];
        self.pair
            .sign(
                encoding(padding, hash),
                &SystemRandom::new(),
                message,
                &mut signature,
            )
            .map_err(|_| EncodeError::Signing)?;
        Ok(signature)
    }

    /// An RSASSA-PKCS1-v1_5 signature over `message` hashed with `hash` (deterministic).
    pub(crate) fn sign_pkcs1v15(&self, hash: Hash, message: &[u8]) -> Result<Vec<u8>, EncodeError> {
        self.sign(Padding::Pkcs1v15, hash, message)
    }

    /// An RSASSA-PSS signature over `message` (`hash` for the message and MGF1, a salt of
    /// the hash length from the OS RNG): randomized.
    pub(crate) fn sign_pss(&self, hash: Hash, message: &[u8]) -> Result<Vec<u8>, EncodeError> {
        self.sign(Padding::Pss, hash, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PKCS8: &str = include_str!("../../../tests/data/rsa2048-private-pkcs8.pem");

    #[test]
    fn aws_lc_and_rust_crypto_agree_both_ways() {
        let ours = RsaPrivate::from_pem(PKCS8, &[Format::Pkcs8]).unwrap();
        let theirs = parsed::RsaPrivate::from_pem(PKCS8, &[Format::Pkcs8]).unwrap();
        for hash in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
            // PKCS#1 v1.5 is deterministic: byte-identical across backends.
            let signature = ours.sign_pkcs1v15(hash, b"m").unwrap();
            assert_eq!(signature, theirs.sign_pkcs1v15(hash, b"m").unwrap());
            let pss = ours.sign_pss(hash, b"m").unwrap();
            theirs.public().verify_pss(hash, b"m", &pss).unwrap();
            let pss = theirs.sign_pss(hash, b"m").unwrap();
            ours.public().verify_pss(hash, b"m", &pss).unwrap();
            assert!(ours.public().verify_pss(hash, b"n", &pss).is_err());
            assert!(ours.public().verify_pkcs1v15(hash, b"m", &pss).is_err());
            assert!(ours.public().verify_pss(hash, b"m", &pss[1..]).is_err());
        }
    }
}
