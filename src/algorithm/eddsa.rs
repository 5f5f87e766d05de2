//! Ed25519 signatures (RFC 8037, RFC 9864), under the name `Ed25519` or `EdDSA`, through
//! `ed25519-dalek` (or aws-lc-rs with the `aws-lc` feature), with strict verification on both.
//!
//! # One key type, two names
//! `EdDSA` (RFC 8037) names "`EdDSA` with whatever curve the key has"; RFC 9864 deprecates it
//! for the fully specified `Ed25519`. Both mean the same signature with an Ed25519 key, and
//! both are in use: `PyJWT` 2.6 and most JWK Sets write `EdDSA`, newer issuers `Ed25519`.
//!
//! Each [`Ed25519SigningKey`] / [`Ed25519VerifyingKey`] is bound to exactly one of the two
//! names, chosen by the caller and never by the token:
//! - by default, `Ed25519` (the RFC 9864 name);
//! - `with_eddsa_name()` binds the key to `EdDSA` instead, to interoperate with peers that use
//!   the older name;
//! - `from_jwk` takes the name from the JWK's `alg` (`EdDSA` or `Ed25519`), and uses the
//!   default `Ed25519` when the JWK has no `alg`.
//!
//! A verifier bound to `Ed25519` refuses a token whose `alg` is `EdDSA` with the usual
//! algorithm mismatch, and the reverse. To accept both names during a migration, put the
//! same key into a [`KeySet`](crate::KeySet) twice, once under each name.
//!
//! Verification is strict (`verify_strict`): a non-canonical `S` and a small-order `R` or
//! public key are refused; a small-order public key is refused already when it is built.

use std::fmt;

use zeroize::Zeroizing;

use super::{Algorithm, Signer, Verifier};
use crate::backend::{Ed25519Private, Ed25519Public};
use crate::codec;
use crate::error::{EncodeError, KeyError, SignatureError};
use crate::jwk::{thumbprint_okp, Jwk, KeyOp};

/// The JWK `crv` of an Ed25519 key (RFC 8037 §2).
const CRV: &str = "Ed25519";

/// The name a JWK binds its key to: its `alg` if that is one of the two Ed25519 names (any
/// other `alg` is refused by `Jwk::check`), else the default.
fn name_from_jwk(jwk: &Jwk) -> Algorithm {
    match jwk.algorithm() {
        Some("EdDSA") => Algorithm::EdDsa,
        _ => Algorithm::Ed25519,
    }
}

/// An Ed25519 private key: signs, under the name `Ed25519` (default) or `EdDSA`. Wiped on
/// drop by `ed25519-dalek`.
///
/// ```
/// # let pem = include_str!("../../tests/data/ed25519-private-pkcs8.pem");
/// use jwtcraft::{Algorithm, Ed25519SigningKey, Signer};
/// let key = Ed25519SigningKey::from_pkcs8_pem(pem)?.with_key_id("ed-1");
/// assert_eq!(key.algorithm(), Algorithm::Ed25519);
/// let legacy = key.clone().with_eddsa_name();
/// assert_eq!(legacy.algorithm(), Algorithm::EdDsa);
/// assert!(format!("{key:?}").contains("[redacted]"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Ed25519SigningKey {
    private: Ed25519Private,
    public: Ed25519VerifyingKey,
}

impl Ed25519SigningKey {
    fn from_material(private: Ed25519Private) -> Self {
        let public = Ed25519VerifyingKey::from_material(private.public().clone());
        Ed25519SigningKey { private, public }
    }

    /// A new key from the operating system's RNG.
    ///
    /// # Errors
    /// [`KeyError::Random`] if the OS RNG fails.
    ///
    /// ```
    /// use jwtcraft::Ed25519SigningKey;
    /// let key = Ed25519SigningKey::generate()?.with_thumbprint_key_id();
    /// assert_eq!(key.to_public_jwk().key_id(), Some(key.verifying_key().thumbprint().as_str()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn generate() -> Result<Self, KeyError> {
        Ed25519Private::generate().map(Self::from_material)
    }

    /// From a PKCS#8 PEM document (`-----BEGIN PRIVATE KEY-----`, RFC 8410), as
    /// `openssl genpkey -algorithm ed25519` writes.
    ///
    /// # Errors
    /// [`KeyError::WrongKind`] for a public key, a certificate or an encrypted key;
    /// [`KeyError::WrongType`] for a key that is not Ed25519; else [`KeyError::Parse`].
    ///
    /// ```
    /// # let p256 = include_str!("../../tests/data/p256-private-pkcs8.pem");
    /// assert_eq!(
    ///     jwtcraft::Ed25519SigningKey::from_pkcs8_pem(p256).unwrap_err().to_string(),
    ///     "this is an ec key on curve p-256, expected an ed25519 key"
    /// );
    /// ```
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self, KeyError> {
        Ed25519Private::from_pkcs8_pem(pem).map(Self::from_material)
    }

    /// From PKCS#8 DER bytes.
    ///
    /// # Errors
    /// As [`Ed25519SigningKey::from_pkcs8_pem`].
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
        Ed25519Private::from_pkcs8_der(der).map(Self::from_material)
    }

    /// Same as [`Ed25519SigningKey::from_pkcs8_pem`]: PKCS#8 is the only PEM form of an
    /// Ed25519 private key.
    ///
    /// # Errors
    /// As [`Ed25519SigningKey::from_pkcs8_pem`].
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        Self::from_pkcs8_pem(pem)
    }

    /// From the 32-byte private key (the seed of RFC 8032 §5.1.5), as in a JWK's `d`.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if `seed` is not 32 bytes.
    pub fn from_seed(seed: &[u8]) -> Result<Self, KeyError> {
        Ed25519Private::from_seed(seed).map(Self::from_material)
    }

    /// From an OKP private JWK (RFC 8037 §2), keeping its `kid` and binding the key to the
    /// name in its `alg` (`Ed25519` when absent). `x` must match `d`.
    ///
    /// # Errors
    /// [`KeyError::JwkMismatch`] if `kty` is not `OKP`, `crv` is not `Ed25519`, `alg` is
    /// present and neither `EdDSA` nor `Ed25519`, `use` is not `sig`, or `key_ops` lacks
    /// `sign`; [`KeyError::JwkMissingMember`]; [`KeyError::Invalid`] for a bad or
    /// mismatched key.
    ///
    /// ```
    /// use jwtcraft::{Algorithm, Ed25519SigningKey, Jwk, Signer};
    /// // RFC 8037 Appendix A.1.
    /// let jwk = Jwk::from_json(r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#)?;
    /// let key = Ed25519SigningKey::from_jwk(&jwk)?;
    /// assert_eq!(key.algorithm(), Algorithm::Ed25519);
    /// let legacy = Ed25519SigningKey::from_jwk(&jwk.with_algorithm(Algorithm::EdDsa))?;
    /// assert_eq!(legacy.algorithm(), Algorithm::EdDsa);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        let name = name_from_jwk(jwk);
        jwk.check("OKP", name, &[KeyOp::Sign])?;
        let public = Ed25519VerifyingKey::from_jwk_unchecked(jwk, name)?;
        let key = Self::from_seed(&Zeroizing::new(jwk.member("d")?))?;
        if key.public.public != public.public {
            return Err(KeyError::Invalid("okp jwk d does not match x"));
        }
        Ok(Ed25519SigningKey {
            private: key.private,
            public,
        })
    }

    /// Binds this key to the name `EdDSA` (RFC 8037) instead of `Ed25519`, for peers that
    /// only know the older name. The signatures are the same.
    #[must_use]
    pub fn with_eddsa_name(mut self) -> Self {
        self.public = self.public.with_eddsa_name();
        self
    }

    /// Binds this key to the name `Ed25519` (RFC 9864), the default.
    #[must_use]
    pub fn with_ed25519_name(mut self) -> Self {
        self.public = self.public.with_ed25519_name();
        self
    }

    public_half_methods!(Ed25519VerifyingKey);

    /// This key as a JWK **including the private key** `d`. Never publish it.
    pub fn to_private_jwk(&self) -> Jwk {
        let mut jwk = self.public.to_jwk();
        jwk.set("d", &self.private.seed()[..]);
        jwk
    }
}

impl fmt::Debug for Ed25519SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519SigningKey")
            .field("kid", &self.public.kid)
            .field("alg", &self.public.alg)
            .field("private_key", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl Signer for Ed25519SigningKey {
    fn algorithm(&self) -> Algorithm {
        self.public.alg
    }

    fn key_id(&self) -> Option<&str> {
        self.public.kid.as_deref()
    }

    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
        self.private.sign(signing_input)
    }
}

/// An Ed25519 public key: verifies, strictly, under the name `Ed25519` (default) or `EdDSA`.
///
/// ```
/// # let pem = include_str!("../../tests/data/ed25519-public-spki.pem");
/// use jwtcraft::{Algorithm, Ed25519VerifyingKey, Verifier};
/// let key = Ed25519VerifyingKey::from_public_key_pem(pem)?;
/// assert_eq!(key.to_bytes().len(), 32);
/// assert_eq!(key.algorithm(), Algorithm::Ed25519);
/// assert_eq!(key.with_eddsa_name().algorithm(), Algorithm::EdDsa);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Ed25519VerifyingKey {
    public: Ed25519Public,
    kid: Option<String>,
    /// `Algorithm::Ed25519` or `Algorithm::EdDsa`, never anything else.
    alg: Algorithm,
}

impl Ed25519VerifyingKey {
    fn from_material(public: Ed25519Public) -> Self {
        Ed25519VerifyingKey {
            public,
            kid: None,
            alg: Algorithm::Ed25519,
        }
    }

    /// From an SPKI PEM document (`-----BEGIN PUBLIC KEY-----`).
    ///
    /// # Errors
    /// [`KeyError::WrongKind`] for a private key or a certificate; [`KeyError::WrongType`]
    /// for a key that is not Ed25519; [`KeyError::Invalid`] for a small-order key; else
    /// [`KeyError::Parse`].
    pub fn from_public_key_pem(pem: &str) -> Result<Self, KeyError> {
        Ed25519Public::from_spki_pem(pem).map(Self::from_material)
    }

    /// From SPKI DER bytes.
    ///
    /// # Errors
    /// As [`Ed25519VerifyingKey::from_public_key_pem`].
    pub fn from_public_key_der(der: &[u8]) -> Result<Self, KeyError> {
        Ed25519Public::from_spki_der(der).map(Self::from_material)
    }

    /// Same as [`Ed25519VerifyingKey::from_public_key_pem`]: SPKI is the only PEM form of an
    /// Ed25519 public key.
    ///
    /// # Errors
    /// As [`Ed25519VerifyingKey::from_public_key_pem`].
    pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
        Self::from_public_key_pem(pem)
    }

    /// From the 32-byte public key (RFC 8032 §5.1.2), as in a JWK's `x`.
    ///
    /// # Errors
    /// [`KeyError::Invalid`] if it is not 32 bytes, not a point, or a point of small order.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
        Ed25519Public::from_bytes(bytes).map(Self::from_material)
    }

    /// From an OKP JWK (RFC 8037 §2), keeping its `kid` and binding the key to the name in
    /// its `alg` (`Ed25519` when absent). A private `d`, if any, is ignored.
    ///
    /// # Errors
    /// [`KeyError::JwkMismatch`] if `kty` is not `OKP`, `crv` is not `Ed25519`, `alg` is
    /// present and neither `EdDSA` nor `Ed25519`, `use` is not `sig`, or `key_ops` lacks
    /// `verify`; [`KeyError::JwkMissingMember`]; [`KeyError::Invalid`] for a bad key.
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        let name = name_from_jwk(jwk);
        jwk.check("OKP", name, &[KeyOp::Verify])?;
        Self::from_jwk_unchecked(jwk, name)
    }

    /// `crv`, `x` and `kid`, without the `alg`/`use`/`key_ops` checks.
    fn from_jwk_unchecked(jwk: &Jwk, name: Algorithm) -> Result<Self, KeyError> {
        if jwk.curve() != Some(CRV) {
            return Err(KeyError::JwkMismatch {
                member: "crv",
                expected: CRV,
            });
        }
        let mut key = Self::from_bytes(&jwk.member("x")?)?;
        key.alg = name;
        Ok(match jwk.key_id() {
            Some(kid) => key.with_key_id(kid),
            None => key,
        })
    }

    /// Binds this key to the name `EdDSA` (RFC 8037) instead of `Ed25519`: it then verifies
    /// tokens whose `alg` is `EdDSA`, and only those.
    #[must_use]
    pub fn with_eddsa_name(mut self) -> Self {
        self.alg = Algorithm::EdDsa;
        self
    }

    /// Binds this key to the name `Ed25519` (RFC 9864), the default.
    #[must_use]
    pub fn with_ed25519_name(mut self) -> Self {
        self.alg = Algorithm::Ed25519;
        self
    }

    /// This key as a JWK, with `crv` `Ed25519`, `alg` its name, `use` `sig` and its `kid`.
    pub fn to_jwk(&self) -> Jwk {
        let mut jwk = Jwk::build("OKP", self.kid.as_deref(), self.alg);
        jwk.set_curve(CRV);
        jwk.set("x", &self.public.to_bytes());
        jwk
    }

    /// The RFC 7638 thumbprint of this key (members `crv`, `kty`, `x`; RFC 8037 §2). The
    /// same for both names.
    pub fn thumbprint(&self) -> String {
        thumbprint_okp(CRV, &codec::encode(&self.public.to_bytes()))
    }

    /// The 32-byte public key.
    pub fn to_bytes(&self) -> [u8; 32] {
        self.public.to_bytes()
    }

    /// Sets the key id reported by [`Verifier::key_id`].
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Sets the key id to [`Ed25519VerifyingKey::thumbprint`], which is also what
    /// [`Jwk::thumbprint`] gives for [`Ed25519VerifyingKey::to_jwk`].
    #[must_use]
    pub fn with_thumbprint_key_id(self) -> Self {
        let kid = self.thumbprint();
        self.with_key_id(kid)
    }
}

impl fmt::Debug for Ed25519VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519VerifyingKey")
            .field("kid", &self.kid)
            .field("alg", &self.alg)
            .finish_non_exhaustive()
    }
}

impl Verifier for Ed25519VerifyingKey {
    fn algorithm(&self) -> Algorithm {
        self.alg
    }

    fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        // The material checks the 64-byte length, then verifies strictly.
        self.public.verify(signing_input, signature)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_is_the_callers_and_survives_every_conversion() {
        let key = Ed25519SigningKey::generate().unwrap().with_eddsa_name();
        assert_eq!(Signer::algorithm(&key), Algorithm::EdDsa);
        assert_eq!(key.verifying_key().algorithm(), Algorithm::EdDsa);
        assert_eq!(key.to_public_jwk().algorithm(), Some("EdDSA"));
        let back = Ed25519SigningKey::from_jwk(&key.to_private_jwk()).unwrap();
        assert_eq!(Signer::algorithm(&back), Algorithm::EdDsa);
        let key = key.with_ed25519_name();
        assert_eq!(key.to_public_jwk().algorithm(), Some("Ed25519"));
        // The thumbprint does not depend on the name.
        assert_eq!(
            key.verifying_key().thumbprint(),
            key.clone().with_eddsa_name().verifying_key().thumbprint()
        );
    }

    #[test]
    fn jwk_alg_and_crv_are_checked() {
        let key = Ed25519SigningKey::generate().unwrap();
        let jwk = key.to_public_jwk();
        for alg in [Algorithm::Es256, Algorithm::Hs256] {
            let wrong = jwk.clone().with_algorithm(alg);
            assert!(matches!(
                Ed25519VerifyingKey::from_jwk(&wrong),
                Err(KeyError::JwkMismatch { member: "alg", .. })
            ));
        }
        let x25519 = Jwk::from_json(
            &serde_json::to_string(&jwk)
                .unwrap()
                .replace(r#""crv":"Ed25519""#, r#""crv":"X25519""#),
        )
        .unwrap();
        assert_eq!(x25519.curve(), Some("X25519"));
        assert!(matches!(
            Ed25519VerifyingKey::from_jwk(&x25519),
            Err(KeyError::JwkMismatch { member: "crv", .. })
        ));
    }

    #[test]
    fn a_private_jwk_whose_x_is_not_its_d_is_refused() {
        let a = Ed25519SigningKey::generate().unwrap().to_private_jwk();
        let b = Ed25519SigningKey::generate().unwrap().to_public_jwk();
        let mixed = serde_json::json!({
            "kty": "OKP", "crv": "Ed25519",
            "d": serde_json::to_value(&a).unwrap()["d"],
            "x": serde_json::to_value(&b).unwrap()["x"],
        });
        let mixed = Jwk::from_json(&mixed.to_string()).unwrap();
        assert_eq!(
            Ed25519SigningKey::from_jwk(&mixed).err(),
            Some(KeyError::Invalid("okp jwk d does not match x"))
        );
    }
}
