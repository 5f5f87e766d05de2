//! ES256: ECDSA over P-256 with SHA-256 (RFC 7518 §3.4), through the pure-Rust `p256` crate.
//!
//! The JWS signature is exactly 64 bytes, `r ‖ s` as fixed-width big-endian integers. A DER
//! signature, or any other length, is refused before any arithmetic, and `r` and `s` must lie
//! in `[1, n-1]`, which rules out the "psychic signature" `r = s = 0` (CVE-2022-21449).
//! Signing is deterministic (RFC 6979).

use std::fmt;

use p256::ecdsa::signature::{Signer as _, Verifier as _};
use p256::ecdsa::{Signature, SigningKey, VerifyingKey};
use p256::pkcs8::{DecodePrivateKey, DecodePublicKey};
use p256::SecretKey;
use zeroize::Zeroizing;

use super::{Algorithm, Signer, Verifier};
use crate::codec;
use crate::error::{EncodeError, KeyError, SignatureError};
use crate::jwk::{thumbprint_ec, Jwk, KeyOp};

/// Length of an ES256 signature: two 32-byte scalars.
const SIGNATURE_LEN: usize = 64;
/// Length of one P-256 coordinate or scalar.
const FIELD_LEN: usize = 32;

fn parse_err<E>(format: &'static str) -> impl Fn(E) -> KeyError {
    move |_| KeyError::Parse { format }
}

/// An ES256 private key: signs. Parsed once, at construction; wiped on drop by `p256`.
///
/// ```
/// # let pem = include_str!("../../tests/data/p256-private-pkcs8.pem");
/// use jwtcraft::Es256SigningKey;
/// let key = Es256SigningKey::from_pkcs8_pem(pem)?.with_key_id("ec-1");
/// let public = key.verifying_key();
/// assert!(format!("{key:?}").contains("[redacted]"));
/// # let _ = public;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Es256SigningKey {
    inner: SigningKey,
    public: Es256VerifyingKey,
}

impl Es256SigningKey {
    fn from_signing_key(inner: SigningKey) -> Self {
        let public = Es256VerifyingKey::from_key(*inner.verifying_key());
        Es256SigningKey { inner, public }
    }

    /// From a PKCS#8 PEM document (`-----BEGIN PRIVATE KEY-----`).
    ///
    /// # Errors
    /// [`KeyError::Parse`] if it is not a P-256 key in that format.
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self, KeyError> {
        let inner = SigningKey::from_pkcs8_pem(pem).map_err(parse_err("pkcs8 pem"))?;
        Ok(Self::from_signing_key(inner))
    }

    /// From PKCS#8 DER bytes.
    ///
    /// # Errors
    /// As [`Es256SigningKey::from_pkcs8_pem`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        let inner = SigningKey::from_pkcs8_der(der).map_err(parse_err("pkcs8 der"))?;
        Ok(Self::from_signing_key(inner))
    }

    /// From a SEC1 PEM document (`-----BEGIN EC PRIVATE KEY-----`).
    ///
    /// # Errors
    /// As [`Es256SigningKey::from_pkcs8_pem`].
    pub fn from_sec1_pem(pem: &str) -> Result<Self, KeyError> {
        let secret = SecretKey::from_sec1_pem(pem).map_err(parse_err("sec1 pem"))?;
        Ok(Self::from_signing_key(SigningKey::from(secret)))
    }

    /// From SEC1 DER bytes.
    ///
    /// # Errors
    /// As [`Es256SigningKey::from_pkcs8_pem`].
    pub fn from_sec1_der(der: &[u8]) -> Result<Self, KeyError> {
        let secret = SecretKey::from_sec1_der(der).map_err(parse_err("sec1 der"))?;
        Ok(Self::from_signing_key(SigningKey::from(secret)))
    }

    /// From a PEM document in either PKCS#8 or SEC1 form, chosen by its label.
    ///
    /// # Errors
    /// As [`Es256SigningKey::from_pkcs8_pem`].
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        if pem.contains("-----BEGIN EC PRIVATE KEY-----") {
            Self::from_sec1_pem(pem)
        } else {
            Self::from_pkcs8_pem(pem)
        }
    }

    /// From the 32-byte big-endian private scalar `d`, as in a JWK (RFC 7518 §6.2.2.1).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if `d` is not 32 bytes or not in `[1, n-1]`.
    pub fn from_scalar(d: &[u8]) -> Result<Self, KeyError> {
        if d.len() != FIELD_LEN {
            return Err(KeyError::Invalid("p-256 private scalar must be 32 bytes"));
        }
        let inner = SigningKey::from_slice(d)
            .map_err(|_| KeyError::Invalid("p-256 private scalar is out of range"))?;
        Ok(Self::from_signing_key(inner))
    }

    /// From an EC private JWK (RFC 7518 §6.2.2), keeping its `kid`. The public point `x`,
    /// `y` must match the private scalar `d`.
    ///
    /// # Errors
    /// [`KeyError::JwkMismatch`] if `kty` is not `EC`, `crv` is not `P-256`, `alg` is present
    /// and not `ES256`, `use` is not `sig`, or `key_ops` lacks `sign`;
    /// [`KeyError::JwkMissingMember`]; [`KeyError::Invalid`] for a bad or mismatched key.
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        jwk.check("EC", Algorithm::Es256, &[KeyOp::Sign])?;
        let public = Es256VerifyingKey::from_jwk_unchecked(jwk)?;
        let key = Self::from_scalar(&Zeroizing::new(jwk.member("d")?))?;
        if key.public.inner != public.inner {
            return Err(KeyError::Invalid("ec jwk d does not match x and y"));
        }
        Ok(match jwk.key_id() {
            Some(kid) => key.with_key_id(kid),
            None => key,
        })
    }

    /// The public half as a JWK, safe to publish.
    pub fn to_public_jwk(&self) -> Jwk {
        self.public.to_jwk()
    }

    /// This key as a JWK **including the private scalar** `d`. Never publish it.
    pub fn to_private_jwk(&self) -> Jwk {
        let mut jwk = self.public.to_jwk();
        let d = Zeroizing::new(self.inner.to_bytes());
        jwk.set("d", &d[..]);
        jwk
    }

    /// Sets the key id, which [`encode`](crate::encode) stamps into the header's `kid`.
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.public.kid = Some(kid.into());
        self
    }

    /// The matching public key, carrying the same key id.
    pub fn verifying_key(&self) -> Es256VerifyingKey {
        self.public.clone()
    }
}

impl fmt::Debug for Es256SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Es256SigningKey")
            .field("kid", &self.public.kid)
            .field("private_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl Signer for Es256SigningKey {
    fn algorithm(&self) -> Algorithm {
        Algorithm::Es256
    }

    fn key_id(&self) -> Option<&str> {
        self.public.kid.as_deref()
    }

    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
        let signature: Signature = self
            .inner
            .try_sign(signing_input)
            .map_err(|_| EncodeError::Signing)?;
        Ok(signature.to_bytes().to_vec())
    }
}

/// An ES256 public key: verifies. Parsed and checked (on the curve, not the identity) once.
///
/// ```
/// # let pem = include_str!("../../tests/data/p256-public-spki.pem");
/// use jwtcraft::Es256VerifyingKey;
/// let key = Es256VerifyingKey::from_public_key_pem(pem)?;
/// assert_eq!(key.to_coordinates().0.len(), 32);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Es256VerifyingKey {
    inner: VerifyingKey,
    kid: Option<String>,
}

impl Es256VerifyingKey {
    fn from_key(inner: VerifyingKey) -> Self {
        Es256VerifyingKey { inner, kid: None }
    }

    /// From an SPKI PEM document (`-----BEGIN PUBLIC KEY-----`).
    ///
    /// # Errors
    /// [`KeyError::Parse`] if it is not a P-256 public key in that format.
    pub fn from_public_key_pem(pem: &str) -> Result<Self, KeyError> {
        let inner = VerifyingKey::from_public_key_pem(pem).map_err(parse_err("spki pem"))?;
        Ok(Self::from_key(inner))
    }

    /// From SPKI DER bytes.
    ///
    /// # Errors
    /// As [`Es256VerifyingKey::from_public_key_pem`].
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, KeyError> {
        let inner = VerifyingKey::from_public_key_der(der).map_err(parse_err("spki der"))?;
        Ok(Self::from_key(inner))
    }

    /// From a SEC1 encoded point (`0x04 ‖ x ‖ y`, or compressed `0x02`/`0x03 ‖ x`).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the bytes are not a point on P-256.
    pub fn from_sec1_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        let inner = VerifyingKey::from_sec1_bytes(bytes)
            .map_err(|_| KeyError::Invalid("not a p-256 point"))?;
        Ok(Self::from_key(inner))
    }

    /// From the 32-byte big-endian affine coordinates `x` and `y`, as in a JWK
    /// (RFC 7518 §6.2.1).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if either is not 32 bytes or the point is not on P-256.
    pub fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, KeyError> {
        if x.len() != FIELD_LEN || y.len() != FIELD_LEN {
            return Err(KeyError::Invalid("p-256 coordinates must be 32 bytes each"));
        }
        let mut point = [0u8; 1 + 2 * FIELD_LEN];
        point[0] = 0x04;
        point[1..=FIELD_LEN].copy_from_slice(x);
        point[1 + FIELD_LEN..].copy_from_slice(y);
        Self::from_sec1_bytes(&point)
    }

    /// From an EC JWK (RFC 7518 §6.2.1), keeping its `kid`. A private `d`, if any, is
    /// ignored.
    ///
    /// # Errors
    /// [`KeyError::JwkMismatch`] if `kty` is not `EC`, `crv` is not `P-256`, `alg` is present
    /// and not `ES256`, `use` is not `sig`, or `key_ops` lacks `verify`;
    /// [`KeyError::JwkMissingMember`]; [`KeyError::Invalid`] for a point not on the curve.
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        jwk.check("EC", Algorithm::Es256, &[KeyOp::Verify])?;
        Self::from_jwk_unchecked(jwk)
    }

    /// `crv`, `x`, `y` and `kid`, without the `alg`/`use`/`key_ops` checks.
    fn from_jwk_unchecked(jwk: &Jwk) -> Result<Self, KeyError> {
        if jwk.curve() != Some("P-256") {
            return Err(KeyError::JwkMismatch {
                member: "crv",
                expected: "P-256",
            });
        }
        let key = Self::from_coordinates(&jwk.member("x")?, &jwk.member("y")?)?;
        Ok(match jwk.key_id() {
            Some(kid) => key.with_key_id(kid),
            None => key,
        })
    }

    /// This key as a JWK, with `crv` `P-256`, `alg` `ES256`, `use` `sig` and its `kid`.
    pub fn to_jwk(&self) -> Jwk {
        let (x, y) = self.to_coordinates();
        let mut jwk = Jwk::build("EC", self.kid.as_deref(), Algorithm::Es256);
        jwk.set_curve("P-256");
        jwk.set("x", &x);
        jwk.set("y", &y);
        jwk
    }

    /// The RFC 7638 thumbprint of this key.
    pub fn thumbprint(&self) -> String {
        let (x, y) = self.to_coordinates();
        thumbprint_ec("P-256", &codec::encode(&x), &codec::encode(&y))
    }

    /// The affine coordinates `(x, y)`, 32 bytes each, big-endian.
    pub fn to_coordinates(&self) -> ([u8; FIELD_LEN], [u8; FIELD_LEN]) {
        let point = self.inner.to_sec1_bytes();
        let mut x = [0u8; FIELD_LEN];
        let mut y = [0u8; FIELD_LEN];
        // Uncompressed SEC1: 0x04 ‖ x ‖ y.
        x.copy_from_slice(&point[1..=FIELD_LEN]);
        y.copy_from_slice(&point[1 + FIELD_LEN..]);
        (x, y)
    }

    /// Sets the key id reported by [`Verifier::key_id`].
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }
}

impl fmt::Debug for Es256VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Es256VerifyingKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl Verifier for Es256VerifyingKey {
    fn algorithm(&self) -> Algorithm {
        Algorithm::Es256
    }

    fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        // Exact length first: DER (70-72 bytes) and truncated forms never reach the maths.
        if signature.len() != SIGNATURE_LEN {
            return Err(SignatureError::Invalid);
        }
        // `from_slice` refuses r or s equal to zero or not below the group order n.
        let signature = Signature::from_slice(signature).map_err(|_| SignatureError::Invalid)?;
        self.inner
            .verify(signing_input, &signature)
            .map_err(|_| SignatureError::Invalid)
    }
}
