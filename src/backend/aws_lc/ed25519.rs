//! Ed25519 over aws-lc-rs, as strict as `ed25519-dalek`'s `verify_strict`.
//!
//! aws-lc (like `BoringSSL`) refuses an `S` not below the group order and compares the
//! recomputed `R` byte for byte, so a non-canonical `R` encoding fails; it does not refuse a
//! small-order `R`. The checks `verify_strict` adds are therefore made here, before aws-lc:
//! `S < L`, and `R` not one of the eight small-order points. A small-order public key is
//! refused when the key is built, by the shared `rust_crypto` material this wraps.

use std::sync::Arc;

use aws_lc_rs::signature::{Ed25519KeyPair, ParsedPublicKey, ED25519};
use zeroize::Zeroizing;

use crate::backend::rust_crypto as parsed;
use crate::error::{EncodeError, KeyError, SignatureError};

/// Length of a public key, a private seed, and each half of a signature.
const KEY_LEN: usize = 32;

/// The group order `L = 2^252 + 27742317777372353535851937790883648493`, little-endian.
const ORDER: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
];

/// The canonical encodings of the eight points of small order (the torsion subgroup). Only
/// canonical encodings matter: any other encoding of `R` already fails the byte comparison.
const SMALL_ORDER: [[u8; 32]; 8] = {
    let mut table = [[0u8; 32]; 8];
    // The identity (0, 1).
    table[0][0] = 1;
    // (0, -1), order 2: y = p - 1.
    table[1] = [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ];
    // (±sqrt(-1), 0), order 4: y = 0, both signs of x.
    table[3][31] = 0x80;
    // Order 8, both signs of x, for each of the two y values.
    table[4] = [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ];
    table[5] = table[4];
    table[5][31] = 0xfa;
    table[6] = [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ];
    table[7] = table[6];
    table[7][31] = 0x85;
    table
};

/// `S < L`, comparing the little-endian integers from the most significant byte. Not secret.
fn is_canonical_scalar(s: &[u8]) -> bool {
    for (s, l) in s.iter().rev().zip(ORDER.iter().rev()) {
        if s != l {
            return s < l;
        }
    }
    false
}

/// An Ed25519 public key, not of small order.
#[derive(Clone)]
pub(crate) struct Ed25519Public {
    parsed: parsed::Ed25519Public,
    key: ParsedPublicKey,
}

impl PartialEq for Ed25519Public {
    fn eq(&self, other: &Self) -> bool {
        self.parsed == other.parsed
    }
}

impl Eq for Ed25519Public {}

impl Ed25519Public {
    fn new(parsed: parsed::Ed25519Public) -> Result<Self, KeyError> {
        let key = ParsedPublicKey::new(&ED25519, parsed.to_bytes())
            .map_err(|_| KeyError::Invalid("aws-lc refused the ed25519 public key"))?;
        Ok(Ed25519Public { parsed, key })
    }

    /// From SPKI DER.
    pub(crate) fn from_spki_der(der: &[u8]) -> Result<Self, KeyError> {
        parsed::Ed25519Public::from_spki_der(der).and_then(Self::new)
    }

    /// From SPKI PEM text.
    pub(crate) fn from_spki_pem(text: &str) -> Result<Self, KeyError> {
        parsed::Ed25519Public::from_spki_pem(text).and_then(Self::new)
    }

    /// From the 32-byte encoded point (RFC 8032 §5.1.2), as in a JWK's `x`.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        parsed::Ed25519Public::from_bytes(bytes).and_then(Self::new)
    }

    /// The 32-byte encoded point.
    pub(crate) fn to_bytes(&self) -> [u8; KEY_LEN] {
        self.parsed.to_bytes()
    }

    /// Checks an Ed25519 signature, strictly: exact length, `S < L`, `R` not of small order,
    /// then aws-lc.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        if signature.len() != 2 * KEY_LEN {
            return Err(SignatureError::Invalid);
        }
        let (r, s) = signature.split_at(KEY_LEN);
        if !is_canonical_scalar(s) || SMALL_ORDER.iter().any(|point| point[..] == *r) {
            return Err(SignatureError::Invalid);
        }
        self.key
            .verify_sig(message, signature)
            .map_err(|_| SignatureError::Invalid)
    }
}

/// An Ed25519 private key: the shared parsed seed and the aws-lc key pair.
#[derive(Clone)]
pub(crate) struct Ed25519Private {
    parsed: parsed::Ed25519Private,
    public: Ed25519Public,
    /// Not `Clone` in aws-lc-rs; shared, immutable.
    pair: Arc<Ed25519KeyPair>,
}

impl Ed25519Private {
    fn new(parsed: parsed::Ed25519Private) -> Result<Self, KeyError> {
        let public = Ed25519Public::new(parsed.public().clone())?;
        // aws-lc derives the public key from the seed and refuses a mismatch.
        let pair = Ed25519KeyPair::from_seed_and_public_key(&parsed.seed()[..], &public.to_bytes())
            .map_err(|_| KeyError::Invalid("aws-lc refused the ed25519 private key"))?;
        Ok(Ed25519Private {
            parsed,
            public,
            pair: Arc::new(pair),
        })
    }

    /// From PKCS#8 DER (RFC 8410).
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        parsed::Ed25519Private::from_pkcs8_der(der).and_then(Self::new)
    }

    /// From PKCS#8 PEM text.
    pub(crate) fn from_pkcs8_pem(text: &str) -> Result<Self, KeyError> {
        parsed::Ed25519Private::from_pkcs8_pem(text).and_then(Self::new)
    }

    /// From the 32-byte seed, as in a JWK's `d`.
    pub(crate) fn from_seed(seed: &[u8]) -> Result<Self, KeyError> {
        parsed::Ed25519Private::from_seed(seed).and_then(Self::new)
    }

    /// A new key: a 32-byte seed from the OS RNG.
    pub(crate) fn generate() -> Result<Self, KeyError> {
        parsed::Ed25519Private::generate().and_then(Self::new)
    }

    /// The public half.
    pub(crate) fn public(&self) -> &Ed25519Public {
        &self.public
    }

    /// The 32-byte seed; wiped on drop.
    pub(crate) fn seed(&self) -> Zeroizing<[u8; KEY_LEN]> {
        self.parsed.seed()
    }

    /// An Ed25519 signature (deterministic, RFC 8032).
    pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>, EncodeError> {
        let signature = self
            .pair
            .try_sign(message)
            .map_err(|_| EncodeError::Signing)?;
        Ok(signature.as_ref().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Adds `L` to the little-endian `s` (which stays below 2^256): the same scalar mod L,
    /// non-canonically encoded.
    fn plus_order(s: &[u8]) -> Vec<u8> {
        let mut carry = 0u16;
        let mut out = Vec::with_capacity(32);
        for (a, b) in s.iter().zip(ORDER.iter()) {
            let sum = u16::from(*a) + u16::from(*b) + carry;
            out.push(sum.to_le_bytes()[0]);
            carry = sum >> 8;
        }
        out
    }

    #[test]
    fn aws_lc_and_rust_crypto_agree_both_ways() {
        let ours = Ed25519Private::generate().unwrap();
        let theirs = parsed::Ed25519Private::from_seed(&ours.seed()[..]).unwrap();
        let signature = ours.sign(b"m").unwrap();
        assert_eq!(signature, theirs.sign(b"m").unwrap());
        ours.public().verify(b"m", &signature).unwrap();
        theirs.public().verify(b"m", &signature).unwrap();
        assert!(ours.public().verify(b"n", &signature).is_err());
    }

    #[test]
    fn a_non_canonical_s_is_refused_on_both_backends() {
        let ours = Ed25519Private::generate().unwrap();
        let theirs = parsed::Ed25519Private::from_seed(&ours.seed()[..]).unwrap();
        let signature = ours.sign(b"m").unwrap();
        let mut malleated = signature[..32].to_vec();
        malleated.extend(plus_order(&signature[32..]));
        assert!(ours.public().verify(b"m", &malleated).is_err());
        assert!(theirs.public().verify(b"m", &malleated).is_err());
        assert!(!is_canonical_scalar(&ORDER));
        assert!(is_canonical_scalar(&signature[32..]));
    }

    #[test]
    fn a_small_order_r_is_refused_before_aws_lc() {
        let ours = Ed25519Private::generate().unwrap();
        let signature = ours.sign(b"m").unwrap();
        for point in SMALL_ORDER {
            let mut forged = point.to_vec();
            forged.extend_from_slice(&signature[32..]);
            assert!(ours.public().verify(b"m", &forged).is_err());
        }
        assert!(ours.public().verify(b"m", &signature[..63]).is_err());
    }

    #[test]
    fn the_small_order_table_holds_small_order_points() {
        // Each entry is a valid point that the shared code refuses as a public key for its
        // small order.
        for point in SMALL_ORDER {
            assert_eq!(
                parsed::Ed25519Public::from_bytes(&point).err(),
                Some(KeyError::Invalid("ed25519 public key has small order")),
                "{point:02x?}"
            );
        }
    }
}
