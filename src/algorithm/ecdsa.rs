//! ES256: ECDSA over P-256 with SHA-256 (RFC 7518 §3.4), through the pure-Rust `p256` crate.
//!
//! The JWS signature is exactly 64 bytes, `r ‖ s` as fixed-width big-endian integers. A DER
//! signature, or any other length, is refused before any arithmetic, and `r` and `s` must lie
//! in `[1, n-1]`, which rules out the "psychic signature" `r = s = 0` (CVE-2022-21449).
//! Signing is deterministic (RFC 6979). Those checks live in the P-256 material
//! ([`EcP256Private`] / [`EcP256Public`]); these types bind it to ES256 and JWK.

use std::fmt;

use zeroize::Zeroizing;

use super::{Algorithm, Signer, Verifier};
use crate::backend::{EcP256Private, EcP256Public, Format, P256_FIELD_LEN as FIELD_LEN};
use crate::codec;
use crate::error::{EncodeError, KeyError, SignatureError};
use crate::jwk::{thumbprint_ec, Jwk, KeyOp};

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
    private: EcP256Private,
    public: Es256VerifyingKey,
}

impl Es256SigningKey {
    fn from_material(private: EcP256Private) -> Self {
        let public = Es256VerifyingKey::from_material(private.public().clone());
        Es256SigningKey { private, public }
    }

    /// A new key from the operating system's RNG.
    ///
    /// # Errors
    /// [`KeyError::Random`] if the OS RNG fails.
    ///
    /// ```
    /// use jwtcraft::Es256SigningKey;
    /// let key = Es256SigningKey::generate()?.with_thumbprint_key_id();
    /// assert_eq!(key.to_public_jwk().key_id(), Some(key.verifying_key().thumbprint().as_str()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generate() -> Result<Self, KeyError> {
        EcP256Private::generate().map(Self::from_material)
    }

    /// From a PKCS#8 PEM document (`-----BEGIN PRIVATE KEY-----`).
    ///
    /// # Errors
    /// [`KeyError::WrongKind`] for a public key, a certificate or an encrypted key;
    /// [`KeyError::WrongType`] for an RSA key or a key on another curve; else
    /// [`KeyError::Parse`].
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self, KeyError> {
        EcP256Private::from_pem(pem, &[Format::Pkcs8]).map(Self::from_material)
    }

    /// From PKCS#8 DER bytes.
    ///
    /// # Errors
    /// As [`Es256SigningKey::from_pkcs8_pem`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        EcP256Private::from_der(der, Format::Pkcs8).map(Self::from_material)
    }

    /// From a SEC1 PEM document (`-----BEGIN EC PRIVATE KEY-----`), optionally after the
    /// `-----BEGIN EC PARAMETERS-----` block that `openssl ecparam -genkey` writes first
    /// (which must then name P-256).
    ///
    /// # Errors
    /// As [`Es256SigningKey::from_pkcs8_pem`].
    pub fn from_sec1_pem(pem: &str) -> Result<Self, KeyError> {
        EcP256Private::from_pem(pem, &[Format::Sec1]).map(Self::from_material)
    }

    /// From SEC1 DER bytes.
    ///
    /// # Errors
    /// As [`Es256SigningKey::from_pkcs8_pem`].
    pub fn from_sec1_der(der: &[u8]) -> Result<Self, KeyError> {
        EcP256Private::from_der(der, Format::Sec1).map(Self::from_material)
    }

    /// From a PEM document in either PKCS#8 or SEC1 form, chosen by its label; a SEC1 key
    /// may follow an `EC PARAMETERS` block, as in [`Es256SigningKey::from_sec1_pem`].
    ///
    /// # Errors
    /// As [`Es256SigningKey::from_pkcs8_pem`].
    ///
    /// ```
    /// # let p384 = include_str!("../../tests/data/p384-private-sec1.pem");
    /// use jwtcraft::Es256SigningKey;
    /// assert_eq!(
    ///     Es256SigningKey::from_pem(p384).unwrap_err().to_string(),
    ///     "this is an ec key on curve p-384, expected an ec key on curve p-256"
    /// );
    /// ```
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        EcP256Private::from_pem(pem, &[Format::Pkcs8, Format::Sec1]).map(Self::from_material)
    }

    /// From the 32-byte big-endian private scalar `d`, as in a JWK (RFC 7518 §6.2.2.1).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if `d` is not 32 bytes or not in `[1, n-1]`.
    pub fn from_scalar(d: &[u8]) -> Result<Self, KeyError> {
        EcP256Private::from_scalar(d).map(Self::from_material)
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
        if key.public.public != public.public {
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
        jwk.set("d", &self.private.scalar()[..]);
        jwk
    }

    /// Sets the key id, which [`encode`](crate::encode) stamps into the header's `kid`.
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.public.kid = Some(kid.into());
        self
    }

    /// Sets the key id to the RFC 7638 thumbprint of the public key, as
    /// [`Es256VerifyingKey::thumbprint`] and [`Jwk::thumbprint`] compute it.
    #[must_use]
    pub fn with_thumbprint_key_id(mut self) -> Self {
        self.public = self.public.with_thumbprint_key_id();
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
        Ok(self.private.sign_sha256(signing_input)?.to_vec())
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
    public: EcP256Public,
    kid: Option<String>,
}

impl Es256VerifyingKey {
    fn from_material(public: EcP256Public) -> Self {
        Es256VerifyingKey { public, kid: None }
    }

    /// From an SPKI PEM document (`-----BEGIN PUBLIC KEY-----`).
    ///
    /// # Errors
    /// [`KeyError::WrongKind`] for a private key or a certificate; [`KeyError::WrongType`]
    /// for an RSA key or a key on another curve; else [`KeyError::Parse`].
    pub fn from_public_key_pem(pem: &str) -> Result<Self, KeyError> {
        EcP256Public::from_spki_pem(pem).map(Self::from_material)
    }

    /// From SPKI DER bytes.
    ///
    /// # Errors
    /// As [`Es256VerifyingKey::from_public_key_pem`].
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, KeyError> {
        EcP256Public::from_spki_der(der).map(Self::from_material)
    }

    /// From a SEC1 encoded point (`0x04 ‖ x ‖ y`, or compressed `0x02`/`0x03 ‖ x`).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the bytes are not a point on P-256.
    pub fn from_sec1_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        EcP256Public::from_sec1_point(bytes).map(Self::from_material)
    }

    /// From the 32-byte big-endian affine coordinates `x` and `y`, as in a JWK
    /// (RFC 7518 §6.2.1).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if either is not 32 bytes or the point is not on P-256.
    pub fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, KeyError> {
        EcP256Public::from_coordinates(x, y).map(Self::from_material)
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
        self.public.coordinates()
    }

    /// Sets the key id reported by [`Verifier::key_id`].
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Sets the key id to [`Es256VerifyingKey::thumbprint`], which is also what
    /// [`Jwk::thumbprint`] gives for [`Es256VerifyingKey::to_jwk`].
    #[must_use]
    pub fn with_thumbprint_key_id(self) -> Self {
        let kid = self.thumbprint();
        self.with_key_id(kid)
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
        // The material checks the exact 64-byte length, then that r and s are in [1, n-1],
        // before any arithmetic.
        self.public.verify_sha256(signing_input, signature)
    }
}
