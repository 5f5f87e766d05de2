//! Ed25519 material over `ed25519-dalek`: parsed once; verification is strict.
//!
//! "Strict" is `verify_strict` (RFC 8032 §5.1.7 plus the checks RFC 8032 leaves optional): a
//! non-canonical `S` (not below the group order) and a small-order `R` or public key are
//! refused, so a signature cannot be malleated and a degenerate key cannot "verify" chosen
//! messages. A small-order public key is already refused when the key is built.

use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey};
use ed25519_dalek::{Signature, Signer as _, SigningKey, VerifyingKey};
use zeroize::Zeroizing;

use super::pem::{Format, Kind, Pem, Wanted, ED25519_KEY};
use crate::backend::fill_random;
use crate::error::{EncodeError, KeyError, SignatureError};

/// Length of a public key, a private seed, and each half of a signature.
pub(crate) const KEY_LEN: usize = 32;
/// Length of an Ed25519 signature, `R ‖ S` (RFC 8032 §5.1.6).
const SIGNATURE_LEN: usize = 64;

const PUBLIC: Wanted = Wanted {
    kind: Kind::Public,
    key_type: ED25519_KEY,
};
const PRIVATE: Wanted = Wanted {
    kind: Kind::Private,
    key_type: ED25519_KEY,
};

/// An Ed25519 public key, not of small order.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Ed25519Public {
    key: VerifyingKey,
}

impl Ed25519Public {
    fn new(key: VerifyingKey) -> Result<Self, KeyError> {
        // Refused here rather than only at verify time, so a bad JWK fails when it is loaded.
        if key.is_weak() {
            return Err(KeyError::Invalid("ed25519 public key has small order"));
        }
        Ok(Ed25519Public { key })
    }

    /// From SPKI DER.
    pub(crate) fn from_spki_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_spki_der_named(der, Format::Spki.der_name())
    }

    /// From SPKI PEM text.
    pub(crate) fn from_spki_pem(text: &str) -> Result<Self, KeyError> {
        let pem = Pem::parse(text, Format::Spki.pem_name())?;
        pem.select(&[Format::Spki], PUBLIC)?;
        Self::from_spki_der_named(pem.der(), Format::Spki.pem_name())
    }

    fn from_spki_der_named(der: &[u8], name: &'static str) -> Result<Self, KeyError> {
        VerifyingKey::from_public_key_der(der)
            .map_err(|_| PUBLIC.explain_der(der, name))
            .and_then(Self::new)
    }

    /// From the 32-byte encoded point (RFC 8032 §5.1.2), as in a JWK's `x`.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        let bytes: &[u8; KEY_LEN] = bytes
            .try_into()
            .map_err(|_| KeyError::Invalid("ed25519 public key must be 32 bytes"))?;
        VerifyingKey::from_bytes(bytes)
            .map_err(|_| KeyError::Invalid("not an ed25519 point"))
            .and_then(Self::new)
    }

    /// The 32-byte encoded point.
    pub(crate) fn to_bytes(&self) -> [u8; KEY_LEN] {
        self.key.to_bytes()
    }

    /// Checks an Ed25519 signature, strictly.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        let signature: &[u8; SIGNATURE_LEN] =
            signature.try_into().map_err(|_| SignatureError::Invalid)?;
        self.key
            .verify_strict(message, &Signature::from_bytes(signature))
            .map_err(|_| SignatureError::Invalid)
    }
}

/// An Ed25519 private key (the 32-byte seed of RFC 8032 §5.1.5); wiped on drop by
/// `ed25519-dalek`.
#[derive(Clone)]
pub(crate) struct Ed25519Private {
    key: SigningKey,
    public: Ed25519Public,
}

impl Ed25519Private {
    fn new(key: SigningKey) -> Result<Self, KeyError> {
        let public = Ed25519Public::new(key.verifying_key())?;
        Ok(Ed25519Private { key, public })
    }

    /// From PKCS#8 DER (RFC 8410).
    pub(crate) fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_pkcs8_der_named(der, Format::Pkcs8.der_name())
    }

    /// From PKCS#8 PEM text.
    pub(crate) fn from_pkcs8_pem(text: &str) -> Result<Self, KeyError> {
        let pem = Pem::parse(text, Format::Pkcs8.pem_name())?;
        pem.select(&[Format::Pkcs8], PRIVATE)?;
        Self::from_pkcs8_der_named(pem.der(), Format::Pkcs8.pem_name())
    }

    fn from_pkcs8_der_named(der: &[u8], name: &'static str) -> Result<Self, KeyError> {
        SigningKey::from_pkcs8_der(der)
            .map_err(|_| PRIVATE.explain_der(der, name))
            .and_then(Self::new)
    }

    /// From the 32-byte seed, as in a JWK's `d`.
    pub(crate) fn from_seed(seed: &[u8]) -> Result<Self, KeyError> {
        let seed: &[u8; KEY_LEN] = seed
            .try_into()
            .map_err(|_| KeyError::Invalid("ed25519 private key must be 32 bytes"))?;
        Self::new(SigningKey::from_bytes(seed))
    }

    /// A new key: a 32-byte seed from the OS RNG.
    pub(crate) fn generate() -> Result<Self, KeyError> {
        let mut seed = Zeroizing::new([0u8; KEY_LEN]);
        fill_random(&mut seed[..])?;
        Self::from_seed(&seed[..])
    }

    /// The public half.
    pub(crate) fn public(&self) -> &Ed25519Public {
        &self.public
    }

    /// The 32-byte seed; wiped on drop.
    pub(crate) fn seed(&self) -> Zeroizing<[u8; KEY_LEN]> {
        Zeroizing::new(self.key.to_bytes())
    }

    /// An Ed25519 signature (deterministic, RFC 8032).
    pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>, EncodeError> {
        let signature: Signature = self
            .key
            .try_sign(message)
            .map_err(|_| EncodeError::Signing)?;
        Ok(signature.to_bytes().to_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 8032 §7.1 test 1: empty message.
    const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    const PUBLIC_KEY: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    const SIGNATURE: &str = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    fn unhex(hex: &str) -> Vec<u8> {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn rfc8032_test_1() {
        let key = Ed25519Private::from_seed(&unhex(SEED)).unwrap();
        assert_eq!(key.public().to_bytes().to_vec(), unhex(PUBLIC_KEY));
        let signature = key.sign(b"").unwrap();
        assert_eq!(signature, unhex(SIGNATURE));
        key.public().verify(b"", &signature).unwrap();
        assert!(key.public().verify(b"x", &signature).is_err());
        assert!(key.public().verify(b"", &signature[..63]).is_err());
    }

    #[test]
    fn non_canonical_s_is_refused() {
        // S + L (the group order) is the same scalar mod L; lax verifiers accept it.
        const L: [u8; 32] = [
            0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9,
            0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
        ];
        let key = Ed25519Private::from_seed(&unhex(SEED)).unwrap();
        let mut signature = key.sign(b"").unwrap();
        let mut carry = 0u16;
        for (s, l) in signature[32..].iter_mut().zip(L) {
            let sum = u16::from(*s) + u16::from(l) + carry;
            *s = sum.to_le_bytes()[0];
            carry = sum >> 8;
        }
        assert_eq!(carry, 0, "S + L still fits in 32 bytes");
        assert!(key.public().verify(b"", &signature).is_err());
    }

    #[test]
    fn small_order_public_keys_are_refused() {
        // The identity point (y = 1) and a point of order 2 (y = -1).
        let mut identity = [0u8; 32];
        identity[0] = 1;
        let mut order_two = [0xffu8; 32];
        order_two[0] = 0xec;
        order_two[31] = 0x7f;
        for point in [identity, order_two] {
            assert_eq!(
                Ed25519Public::from_bytes(&point).err(),
                Some(KeyError::Invalid("ed25519 public key has small order"))
            );
        }
        assert!(Ed25519Public::from_bytes(&[1; 31]).is_err());
    }

    #[test]
    fn generated_keys_differ_and_round_trip() {
        let a = Ed25519Private::generate().unwrap();
        let b = Ed25519Private::generate().unwrap();
        assert!(a.public() != b.public());
        let back = Ed25519Private::from_seed(&a.seed()[..]).unwrap();
        assert!(back.public() == a.public());
    }
}
