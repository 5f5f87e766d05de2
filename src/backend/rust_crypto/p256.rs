//! P-256 material over the `p256` crate: parsed once; the public point is checked to be on
//! the curve and not the identity, the private scalar to be in `[1, n-1]`.

use getrandom::SysRng;
use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::elliptic_curve::Generate;
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey};
use p256::SecretKey;
use zeroize::Zeroizing;

use super::pem::{Format, Kind, Pem, Wanted, EC_P256};
use crate::error::{EncodeError, KeyError, SignatureError};

/// Length of one P-256 coordinate or scalar.
pub(crate) const FIELD_LEN: usize = 32;
/// Length of a P-256 signature in the JWS form: `r ‖ s`, fixed width (RFC 7518 §3.4).
const SIGNATURE_LEN: usize = 2 * FIELD_LEN;

const PUBLIC: Wanted = Wanted {
    kind: Kind::Public,
    key_type: EC_P256,
};
const PRIVATE: Wanted = Wanted {
    kind: Kind::Private,
    key_type: EC_P256,
};

/// A P-256 public key.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct EcP256Public {
    key: VerifyingKey,
}

impl EcP256Public {
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
            .map(|key| EcP256Public { key })
            .map_err(|_| PUBLIC.explain_der(der, name))
    }

    /// From a SEC1 encoded point (uncompressed or compressed).
    pub(crate) fn from_sec1_point(bytes: &[u8]) -> Result<Self, KeyError> {
        VerifyingKey::from_sec1_bytes(bytes)
            .map(|key| EcP256Public { key })
            .map_err(|_| KeyError::Invalid("not a p-256 point"))
    }

    /// From the 32-byte big-endian affine coordinates.
    pub(crate) fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, KeyError> {
        if x.len() != FIELD_LEN || y.len() != FIELD_LEN {
            return Err(KeyError::Invalid("p-256 coordinates must be 32 bytes each"));
        }
        let mut point = [0u8; 1 + 2 * FIELD_LEN];
        point[0] = 0x04;
        point[1..=FIELD_LEN].copy_from_slice(x);
        point[1 + FIELD_LEN..].copy_from_slice(y);
        Self::from_sec1_point(&point)
    }

    /// The affine coordinates `(x, y)`, 32 bytes each, big-endian.
    pub(crate) fn coordinates(&self) -> ([u8; FIELD_LEN], [u8; FIELD_LEN]) {
        let point = self.key.to_sec1_bytes();
        let mut x = [0u8; FIELD_LEN];
        let mut y = [0u8; FIELD_LEN];
        // Uncompressed SEC1: 0x04 ‖ x ‖ y.
        x.copy_from_slice(&point[1..=FIELD_LEN]);
        y.copy_from_slice(&point[1 + FIELD_LEN..]);
        (x, y)
    }

    /// Checks an ECDSA P-256 SHA-256 signature in the JWS form.
    pub(crate) fn verify_sha256(
        &self,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        // Exact length first: DER (70-72 bytes) and truncated forms never reach the maths.
        if signature.len() != SIGNATURE_LEN {
            return Err(SignatureError::Invalid);
        }
        // `from_slice` refuses r or s equal to zero or not below the group order n (the
        // "psychic signature" r = s = 0 of CVE-2022-21449).
        let signature = Signature::from_slice(signature).map_err(|_| SignatureError::Invalid)?;
        self.key
            .verify(message, &signature)
            .map_err(|_| SignatureError::Invalid)
    }
}

/// A P-256 private key; wiped on drop by `p256`.
#[derive(Clone)]
pub(crate) struct EcP256Private {
    key: SigningKey,
    public: EcP256Public,
}

impl EcP256Private {
    fn new(key: SigningKey) -> Self {
        let public = EcP256Public {
            key: *key.verifying_key(),
        };
        EcP256Private { key, public }
    }

    /// From DER in `format` (`Pkcs8` or `Sec1`).
    pub(crate) fn from_der(der: &[u8], format: Format) -> Result<Self, KeyError> {
        Self::from_der_named(der, format, format.der_name())
    }

    /// From PEM text in one of `formats`, chosen by its label. A SEC1 key may follow an
    /// `EC PARAMETERS` block naming P-256, as `openssl ecparam -genkey` writes.
    pub(crate) fn from_pem(text: &str, formats: &[Format]) -> Result<Self, KeyError> {
        let pem = Pem::parse(text, formats[0].pem_name())?;
        let format = pem.select(formats, PRIVATE)?;
        Self::from_der_named(pem.der(), format, format.pem_name())
    }

    // How many other formats `_` covers depends on the features.
    #[allow(clippy::match_wildcard_for_single_variants)]
    fn from_der_named(der: &[u8], format: Format, name: &'static str) -> Result<Self, KeyError> {
        let key = match format {
            Format::Pkcs8 => SigningKey::from_pkcs8_der(der).ok(),
            Format::Sec1 => SecretKey::from_sec1_der(der).ok().map(SigningKey::from),
            _ => None,
        };
        key.map(Self::new)
            .ok_or_else(|| PRIVATE.explain_der(der, name))
    }

    /// From the 32-byte big-endian scalar, which must be in `[1, n-1]`.
    pub(crate) fn from_scalar(d: &[u8]) -> Result<Self, KeyError> {
        if d.len() != FIELD_LEN {
            return Err(KeyError::Invalid("p-256 private scalar must be 32 bytes"));
        }
        SigningKey::from_slice(d)
            .map(Self::new)
            .map_err(|_| KeyError::Invalid("p-256 private scalar is out of range"))
    }

    /// A new key from the OS RNG.
    pub(crate) fn generate() -> Result<Self, KeyError> {
        SigningKey::try_generate_from_rng(&mut SysRng)
            .map(Self::new)
            .map_err(|_| KeyError::Random)
    }

    /// The public half.
    pub(crate) fn public(&self) -> &EcP256Public {
        &self.public
    }

    /// The private scalar, 32 bytes big-endian; wiped on drop.
    pub(crate) fn scalar(&self) -> Zeroizing<[u8; FIELD_LEN]> {
        Zeroizing::new(self.key.to_bytes().into())
    }

    /// An ECDSA P-256 SHA-256 signature in the JWS form `r ‖ s`, deterministic (RFC 6979).
    pub(crate) fn sign_sha256(&self, message: &[u8]) -> Result<[u8; SIGNATURE_LEN], EncodeError> {
        let signature: Signature = self
            .key
            .try_sign(message)
            .map_err(|_| EncodeError::Signing)?;
        Ok(signature.to_bytes().into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_keys_sign_and_verify() {
        let key = EcP256Private::generate().unwrap();
        let signature = key.sign_sha256(b"m").unwrap();
        key.public().verify_sha256(b"m", &signature).unwrap();
        assert!(key.public().verify_sha256(b"n", &signature).is_err());
        assert!(key.public().verify_sha256(b"m", &signature[..63]).is_err());
        // r = s = 0 is refused before any arithmetic.
        assert!(key.public().verify_sha256(b"m", &[0; 64]).is_err());
        let other = EcP256Private::generate().unwrap();
        assert!(other.scalar() != key.scalar());
        assert!(other.public() != key.public());
    }

    #[test]
    fn scalar_round_trip_and_range() {
        let key = EcP256Private::generate().unwrap();
        let back = EcP256Private::from_scalar(&key.scalar()[..]).unwrap();
        assert!(back.public() == key.public());
        assert!(EcP256Private::from_scalar(&[0; 32]).is_err());
        assert!(EcP256Private::from_scalar(&[0xff; 32]).is_err());
        assert!(EcP256Private::from_scalar(&[1; 31]).is_err());
    }
}
