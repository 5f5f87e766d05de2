//! RS256: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3), through the pure-Rust `rsa` crate.
//!
//! # Security
//! The `rsa` crate is subject to RUSTSEC-2023-0071 (the "Marvin" timing side channel in
//! private-key operations). Verification uses only the public key and is not affected.
//! Signing uses the private key; this crate always signs with RSA blinding from the OS RNG,
//! which is the crate's mitigation, but a signing service exposed to attacker-timed requests
//! should prefer ES256 or an HSM/KMS [`Signer`].

use std::fmt;

use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs1v15;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer as _, Verifier as _};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BoxedUint, PrivateKey, PublicKey};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{Algorithm, Signer, Verifier};
use crate::codec;
use crate::error::{EncodeError, KeyError, SignatureError};
use crate::jwk::{minimal_be, thumbprint_rsa, Jwk, KeyOp};

/// Smallest accepted modulus (RFC 7518 §3.3: 2048 bits or larger).
const MIN_BITS: usize = 2048;
/// Largest accepted modulus; bounds the cost of a verify.
const MAX_BITS: usize = 8192;

fn check_modulus(key: &PublicKey) -> Result<(), KeyError> {
    check_modulus_size(key.n())
}

/// Refuses a modulus outside `MIN_BITS..=MAX_BITS`.
fn check_modulus_size(n: &BoxedUint) -> Result<(), KeyError> {
    let bits = n.bit_width_vartime() as usize;
    if !(MIN_BITS..=MAX_BITS).contains(&bits) {
        return Err(KeyError::RsaModulusSize {
            bits,
            min: MIN_BITS,
            max: MAX_BITS,
        });
    }
    Ok(())
}

fn parse_err(format: &'static str) -> impl Fn(rsa::pkcs1::Error) -> KeyError {
    move |_| KeyError::Parse { format }
}

fn parse_err8(format: &'static str) -> impl Fn(rsa::pkcs8::Error) -> KeyError {
    move |_| KeyError::Parse { format }
}

fn parse_err_spki(format: &'static str) -> impl Fn(rsa::pkcs8::spki::Error) -> KeyError {
    move |_| KeyError::Parse { format }
}

/// `n` and `e` of an RSA JWK, which RFC 7518 §6.3.1 requires in their shortest form: a
/// leading zero octet would give the same key a second thumbprint.
fn minimal_members(jwk: &Jwk) -> Result<(Vec<u8>, Vec<u8>), KeyError> {
    let (n, e) = (jwk.member("n")?, jwk.member("e")?);
    if n.first() == Some(&0) || e.first() == Some(&0) {
        return Err(KeyError::Jwk(
            "rsa n and e must not have leading zero octets",
        ));
    }
    Ok((n, e))
}

/// An RS256 private key: signs. Parsed and checked once, at construction.
///
/// ```
/// # let pem = include_str!("../../tests/data/rsa2048-private-pkcs8.pem");
/// use jwtcraft::{Rs256SigningKey, Verifier};
/// let key = Rs256SigningKey::from_pkcs8_pem(pem)?.with_key_id("rsa-1");
/// let public = key.verifying_key();
/// assert_eq!(public.modulus_bits(), 2048);
/// assert!(format!("{key:?}").contains("[redacted]"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Rs256SigningKey {
    inner: pkcs1v15::SigningKey<Sha256>,
    public: Rs256VerifyingKey,
}

impl Rs256SigningKey {
    fn from_private(key: PrivateKey) -> Result<Self, KeyError> {
        let public = Rs256VerifyingKey::from_public(key.to_public_key())?;
        Ok(Rs256SigningKey {
            inner: pkcs1v15::SigningKey::new(key),
            public,
        })
    }

    /// From a PKCS#8 PEM document (`-----BEGIN PRIVATE KEY-----`).
    ///
    /// # Errors
    /// [`KeyError::Parse`] if it is not one; [`KeyError::RsaModulusSize`] if the modulus is
    /// below 2048 or above 8192 bits.
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self, KeyError> {
        Self::from_private(PrivateKey::from_pkcs8_pem(pem).map_err(parse_err8("pkcs8 pem"))?)
    }

    /// From PKCS#8 DER bytes.
    ///
    /// # Errors
    /// As [`Rs256SigningKey::from_pkcs8_pem`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_private(PrivateKey::from_pkcs8_der(der).map_err(parse_err8("pkcs8 der"))?)
    }

    /// From a PKCS#1 PEM document (`-----BEGIN RSA PRIVATE KEY-----`).
    ///
    /// # Errors
    /// As [`Rs256SigningKey::from_pkcs8_pem`].
    pub fn from_pkcs1_pem(pem: &str) -> Result<Self, KeyError> {
        Self::from_private(PrivateKey::from_pkcs1_pem(pem).map_err(parse_err("pkcs1 pem"))?)
    }

    /// From PKCS#1 DER bytes.
    ///
    /// # Errors
    /// As [`Rs256SigningKey::from_pkcs8_pem`].
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_private(PrivateKey::from_pkcs1_der(der).map_err(parse_err("pkcs1 der"))?)
    }

    /// From a PEM document in either PKCS#8 or PKCS#1 form, chosen by its label.
    ///
    /// # Errors
    /// As [`Rs256SigningKey::from_pkcs8_pem`].
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        if pem.contains("-----BEGIN RSA PRIVATE KEY-----") {
            Self::from_pkcs1_pem(pem)
        } else {
            Self::from_pkcs8_pem(pem)
        }
    }

    /// From big-endian components, as in a JWK (`n`, `e`, `d`, `p`, `q`; RFC 7518 §6.3).
    /// The key is validated (the primes multiply to `n`, `d` inverts `e`).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if the numbers do not form an RSA key; [`KeyError::RsaModulusSize`]
    /// if the modulus is out of range.
    #[allow(clippy::many_single_char_names)] // the JWK member names
    pub fn from_components(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        p: &[u8],
        q: &[u8],
    ) -> Result<Self, KeyError> {
        let n = BoxedUint::from_be_slice_vartime(n);
        // Size first: validating a huge private key costs far more than refusing it.
        check_modulus_size(&n)?;
        let precision = n.bits_precision();
        let uint = |bytes: &[u8]| {
            BoxedUint::from_be_slice(bytes, precision)
                .map_err(|_| KeyError::Invalid("rsa component is larger than n"))
        };
        let (e, d, p, q) = (uint(e)?, uint(d)?, uint(p)?, uint(q)?);
        let key = PrivateKey::from_components(n, e, d, vec![p, q])
            .map_err(|_| KeyError::Invalid("rsa components do not form a valid key"))?;
        Self::from_private(key)
    }

    /// From an RSA private JWK (RFC 7518 §6.3.2), keeping its `kid`. `n`, `e`, `d`, `p` and
    /// `q` are required; `dp`, `dq` and `qi` are recomputed rather than trusted; multi-prime
    /// keys (`oth`) are refused.
    ///
    /// # Errors
    /// [`KeyError::JwkMismatch`] if `kty` is not `RSA`, `alg` is present and not `RS256`,
    /// `use` is not `sig`, or `key_ops` lacks `sign`; [`KeyError::JwkMissingMember`];
    /// then as [`Rs256SigningKey::from_components`].
    #[allow(clippy::many_single_char_names)] // the JWK member names
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        jwk.check("RSA", Algorithm::Rs256, &[KeyOp::Sign])?;
        let (n, e) = minimal_members(jwk)?;
        if jwk.has("oth") {
            return Err(KeyError::Jwk("multi-prime rsa keys are not supported"));
        }
        let secret = |name| jwk.member(name).map(Zeroizing::new);
        let (d, p, q) = (secret("d")?, secret("p")?, secret("q")?);
        let key = Self::from_components(&n, &e, &d, &p, &q)?;
        Ok(match jwk.key_id() {
            Some(kid) => key.with_key_id(kid),
            None => key,
        })
    }

    /// The public half as a JWK, safe to publish.
    pub fn to_public_jwk(&self) -> Jwk {
        self.public.to_jwk()
    }

    /// This key as a JWK **including the private members**. Never publish it.
    pub fn to_private_jwk(&self) -> Jwk {
        let mut jwk = self.public.to_jwk();
        let key: &PrivateKey = self.inner.as_ref();
        let be = |n: &BoxedUint| Zeroizing::new(n.to_be_bytes());
        jwk.set("d", minimal_be(&be(key.d())));
        if let [p, q] = key.primes() {
            jwk.set("p", minimal_be(&be(p.as_ref())));
            jwk.set("q", minimal_be(&be(q.as_ref())));
        }
        if let (Some(dp), Some(dq), Some(qi)) = (key.dp(), key.dq(), key.crt_coefficient()) {
            jwk.set("dp", minimal_be(&be(dp)));
            jwk.set("dq", minimal_be(&be(dq)));
            jwk.set("qi", minimal_be(&be(&qi)));
        }
        jwk
    }

    /// Sets the key id, which [`encode`](crate::encode) stamps into the header's `kid`.
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.public.kid = Some(kid.into());
        self
    }

    /// The matching public key, carrying the same key id.
    pub fn verifying_key(&self) -> Rs256VerifyingKey {
        self.public.clone()
    }
}

impl fmt::Debug for Rs256SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rs256SigningKey")
            .field("kid", &self.public.kid)
            .field("modulus_bits", &self.public.modulus_bits())
            .field("private_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl Signer for Rs256SigningKey {
    fn algorithm(&self) -> Algorithm {
        Algorithm::Rs256
    }

    fn key_id(&self) -> Option<&str> {
        self.public.kid.as_deref()
    }

    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
        // `Signer::try_sign` of `rsa` blinds with the OS RNG (its `getrandom` feature).
        let signature = self
            .inner
            .try_sign(signing_input)
            .map_err(|_| EncodeError::Signing)?;
        Ok(signature.to_vec())
    }
}

/// An RS256 public key: verifies. Parsed and checked once, at construction.
///
/// ```
/// # let pem = include_str!("../../tests/data/rsa2048-public-spki.pem");
/// use jwtcraft::Rs256VerifyingKey;
/// let key = Rs256VerifyingKey::from_public_key_pem(pem)?;
/// assert_eq!(key.modulus_bits(), 2048);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Rs256VerifyingKey {
    inner: pkcs1v15::VerifyingKey<Sha256>,
    /// Signature length in bytes, equal to the modulus length (RFC 8017 §8.2.2).
    len: usize,
    kid: Option<String>,
}

impl Rs256VerifyingKey {
    fn from_public(key: PublicKey) -> Result<Self, KeyError> {
        check_modulus(&key)?;
        Ok(Rs256VerifyingKey {
            len: key.size(),
            inner: pkcs1v15::VerifyingKey::new(key),
            kid: None,
        })
    }

    /// From an SPKI PEM document (`-----BEGIN PUBLIC KEY-----`), as OpenSSL writes.
    ///
    /// # Errors
    /// [`KeyError::Parse`] if it is not one; [`KeyError::RsaModulusSize`] if the modulus is
    /// below 2048 or above 8192 bits.
    pub fn from_public_key_pem(pem: &str) -> Result<Self, KeyError> {
        Self::from_public(PublicKey::from_public_key_pem(pem).map_err(parse_err_spki("spki pem"))?)
    }

    /// From SPKI DER bytes.
    ///
    /// # Errors
    /// As [`Rs256VerifyingKey::from_public_key_pem`].
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_public(PublicKey::from_public_key_der(der).map_err(parse_err_spki("spki der"))?)
    }

    /// From a PKCS#1 PEM document (`-----BEGIN RSA PUBLIC KEY-----`).
    ///
    /// # Errors
    /// As [`Rs256VerifyingKey::from_public_key_pem`].
    pub fn from_pkcs1_pem(pem: &str) -> Result<Self, KeyError> {
        Self::from_public(PublicKey::from_pkcs1_pem(pem).map_err(parse_err("pkcs1 pem"))?)
    }

    /// From PKCS#1 DER bytes.
    ///
    /// # Errors
    /// As [`Rs256VerifyingKey::from_public_key_pem`].
    pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
        Self::from_public(PublicKey::from_pkcs1_der(der).map_err(parse_err("pkcs1 der"))?)
    }

    /// From a PEM document in either SPKI or PKCS#1 form, chosen by its label.
    ///
    /// # Errors
    /// As [`Rs256VerifyingKey::from_public_key_pem`].
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        if pem.contains("-----BEGIN RSA PUBLIC KEY-----") {
            Self::from_pkcs1_pem(pem)
        } else {
            Self::from_public_key_pem(pem)
        }
    }

    /// From the big-endian modulus `n` and exponent `e`, as in a JWK (RFC 7518 §6.3.1).
    ///
    /// # Errors
    /// [`KeyError::Invalid`] for an even modulus or a bad exponent;
    /// [`KeyError::RsaModulusSize`] if the modulus is out of range.
    pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, KeyError> {
        let n = BoxedUint::from_be_slice_vartime(n);
        let e = BoxedUint::from_be_slice_vartime(e);
        check_modulus_size(&n)?;
        let key = PublicKey::new(n, e)
            .map_err(|_| KeyError::Invalid("rsa modulus or exponent is not valid"))?;
        Self::from_public(key)
    }

    /// From an RSA JWK (RFC 7518 §6.3.1), keeping its `kid`. Private members, if any, are
    /// ignored.
    ///
    /// # Errors
    /// [`KeyError::JwkMismatch`] if `kty` is not `RSA`, `alg` is present and not `RS256`,
    /// `use` is not `sig`, or `key_ops` lacks `verify`; [`KeyError::JwkMissingMember`];
    /// then as [`Rs256VerifyingKey::from_components`].
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        jwk.check("RSA", Algorithm::Rs256, &[KeyOp::Verify])?;
        let (n, e) = minimal_members(jwk)?;
        let key = Self::from_components(&n, &e)?;
        Ok(match jwk.key_id() {
            Some(kid) => key.with_key_id(kid),
            None => key,
        })
    }

    /// This key as a JWK, with `alg` `RS256`, `use` `sig` and its `kid`.
    pub fn to_jwk(&self) -> Jwk {
        let key: &PublicKey = self.inner.as_ref();
        let mut jwk = Jwk::build("RSA", self.kid.as_deref(), Algorithm::Rs256);
        jwk.set("n", minimal_be(&key.n().to_be_bytes()));
        jwk.set("e", minimal_be(&key.e().to_be_bytes()));
        jwk
    }

    /// The RFC 7638 thumbprint of this key.
    pub fn thumbprint(&self) -> String {
        let key: &PublicKey = self.inner.as_ref();
        thumbprint_rsa(
            &codec::encode(minimal_be(&key.n().to_be_bytes())),
            &codec::encode(minimal_be(&key.e().to_be_bytes())),
        )
    }

    /// Sets the key id reported by [`Verifier::key_id`].
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The modulus size in bits.
    pub fn modulus_bits(&self) -> usize {
        self.inner.as_ref().n().bit_width_vartime() as usize
    }
}

impl fmt::Debug for Rs256VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rs256VerifyingKey")
            .field("kid", &self.kid)
            .field("modulus_bits", &self.modulus_bits())
            .finish_non_exhaustive()
    }
}

impl Verifier for Rs256VerifyingKey {
    fn algorithm(&self) -> Algorithm {
        Algorithm::Rs256
    }

    fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        if signature.len() != self.len {
            return Err(SignatureError::Invalid);
        }
        let signature =
            pkcs1v15::Signature::try_from(signature).map_err(|_| SignatureError::Invalid)?;
        self.inner
            .verify(signing_input, &signature)
            .map_err(|_| SignatureError::Invalid)
    }
}
