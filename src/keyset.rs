//! A set of verifying keys that picks the key by the token's `kid` and `alg`.
//!
//! This is what a resource server holds: the issuer's published JWK Set, possibly with an
//! old and a new key during a rotation. Selection is strict: the token's `kid` must name a
//! key, and that key's algorithm must be the token's `alg`. A token without `kid` is refused
//! unless [`KeySet::try_all_keys`] was asked for.

use serde::de::{Deserialize, DeserializeOwned};

#[cfg(feature = "ecdsa")]
use crate::algorithm::Es256VerifyingKey;
#[cfg(feature = "rsa")]
use crate::algorithm::Rs256VerifyingKey;
use crate::algorithm::{Algorithm, Hs256Key, Verifier};
use crate::error::{Error, HeaderError, KeyError, Result, SignatureError};
use crate::jwk::{Jwk, JwkSet, SkippedKey};
use crate::token::{Token, UntrustedToken};
use crate::validation::Validation;

/// One verifying key of any supported algorithm, as held in a [`KeySet`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum VerifyingKey {
    /// An HS256 secret.
    Hs256(Hs256Key),
    /// An RS256 public key.
    #[cfg(feature = "rsa")]
    Rs256(Rs256VerifyingKey),
    /// An ES256 public key.
    #[cfg(feature = "ecdsa")]
    Es256(Es256VerifyingKey),
}

impl VerifyingKey {
    fn as_verifier(&self) -> &dyn Verifier {
        match self {
            VerifyingKey::Hs256(k) => k,
            #[cfg(feature = "rsa")]
            VerifyingKey::Rs256(k) => k,
            #[cfg(feature = "ecdsa")]
            VerifyingKey::Es256(k) => k,
        }
    }

    /// The verifying key a JWK describes, by its `kty` (and `crv`), with every check of the
    /// typed `from_jwk` constructors.
    ///
    /// # Errors
    /// [`KeyError::Jwk`](crate::KeyError::Jwk) for an unsupported `kty`, else as the typed
    /// constructor.
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        match jwk.key_type() {
            "oct" => Hs256Key::from_jwk(jwk).map(VerifyingKey::Hs256),
            #[cfg(feature = "rsa")]
            "RSA" => Rs256VerifyingKey::from_jwk(jwk).map(VerifyingKey::Rs256),
            #[cfg(feature = "ecdsa")]
            "EC" => Es256VerifyingKey::from_jwk(jwk).map(VerifyingKey::Es256),
            _ => Err(KeyError::Jwk("kty is not supported")),
        }
    }
}

impl Verifier for VerifyingKey {
    fn algorithm(&self) -> Algorithm {
        self.as_verifier().algorithm()
    }

    fn key_id(&self) -> Option<&str> {
        self.as_verifier().key_id()
    }

    fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        self.as_verifier().verify(signing_input, signature)
    }
}

impl From<Hs256Key> for VerifyingKey {
    fn from(key: Hs256Key) -> Self {
        VerifyingKey::Hs256(key)
    }
}

#[cfg(feature = "rsa")]
impl From<Rs256VerifyingKey> for VerifyingKey {
    fn from(key: Rs256VerifyingKey) -> Self {
        VerifyingKey::Rs256(key)
    }
}

#[cfg(feature = "ecdsa")]
impl From<Es256VerifyingKey> for VerifyingKey {
    fn from(key: Es256VerifyingKey) -> Self {
        VerifyingKey::Es256(key)
    }
}

/// Verifying keys selected by `kid` and `alg`.
///
/// ```
/// use jwtcraft::{encode, FixedClock, Header, Hs256Key, KeySet, NumericDate, Validation};
/// let old = Hs256Key::new(&[1u8; 32])?.with_key_id("2026-10");
/// let new = Hs256Key::new(&[2u8; 32])?.with_key_id("2026-11");
/// // During the overlap both keys verify; new tokens are signed with the new one.
/// let keys = KeySet::new().with_key(old.clone()).with_key(new.clone());
/// let validation = Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(1_900_000_000)));
/// for signer in [&old, &new] {
///     let token = encode(&Header::new(), &serde_json::json!({"exp": 2_000_000_000}), signer)?;
///     keys.decode::<serde_json::Value>(&token, &validation)?;
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct KeySet {
    keys: Vec<VerifyingKey>,
    try_all: bool,
}

/// How [`KeySet::from_jwk_set`] treats a set.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct KeySetOptions {
    /// Accept `oct` (HMAC) keys. Off by default: a symmetric key in a set fetched from
    /// elsewhere means that anyone who can read the set can forge tokens.
    pub allow_symmetric: bool,
}

impl KeySetOptions {
    /// The defaults: symmetric keys refused.
    pub fn new() -> Self {
        KeySetOptions::default()
    }

    /// Accepts `oct` keys (for a set you wrote yourself, never one fetched from elsewhere).
    #[must_use]
    pub fn allow_symmetric(mut self) -> Self {
        self.allow_symmetric = true;
        self
    }
}

impl KeySet {
    /// The most keys [`KeySet::try_all_keys`] tries for one token without `kid`: enough for
    /// a key and its rotation successor or two, far below what could be abused.
    pub const MAX_TRY_ALL: usize = 8;

    /// An empty set.
    pub fn new() -> Self {
        KeySet::default()
    }

    /// Adds a key. Keys without a key id can only be used after [`KeySet::try_all_keys`].
    #[must_use]
    pub fn with_key(mut self, key: impl Into<VerifyingKey>) -> Self {
        self.keys.push(key.into());
        self
    }

    /// Opts in to tokens without `kid`: each key of the token's algorithm is tried in turn.
    /// Costs one signature check per key, so at most [`KeySet::MAX_TRY_ALL`] keys of one
    /// algorithm are tried; with more, such a token is refused with
    /// [`HeaderError::TooManyCandidateKeys`] before any signature check (an unauthenticated
    /// token must not buy thousands of ECDSA verifications).
    #[must_use]
    pub fn try_all_keys(mut self) -> Self {
        self.try_all = true;
        self
    }

    /// The keys a JWK Set describes, with the default [`KeySetOptions`]. Keys that are not
    /// usable (unknown `kty` or `alg`, wrong `use`, a symmetric key, a weak RSA modulus…)
    /// are left out and reported, together with the entries [`JwkSet`] could not parse.
    pub fn from_jwk_set(set: &JwkSet) -> (KeySet, Vec<SkippedKey>) {
        Self::from_jwk_set_with(set, KeySetOptions::default())
    }

    /// As [`KeySet::from_jwk_set`], with options.
    pub fn from_jwk_set_with(set: &JwkSet, options: KeySetOptions) -> (KeySet, Vec<SkippedKey>) {
        let mut keys = KeySet::new();
        let mut skipped = set.skipped().to_vec();
        for (index, jwk) in set.keys_with_positions() {
            let result = if jwk.key_type() == "oct" && !options.allow_symmetric {
                Err("symmetric keys are refused in a key set unless allowed".to_owned())
            } else {
                VerifyingKey::from_jwk(jwk).map_err(|e| e.to_string())
            };
            match result {
                Ok(key) => keys.keys.push(key),
                Err(reason) => skipped.push(SkippedKey {
                    index,
                    kid: jwk.key_id().map(crate::error::echo),
                    reason,
                }),
            }
        }
        (keys, skipped)
    }

    /// Parses a JWK Set document into keys, with the default [`KeySetOptions`].
    ///
    /// # Errors
    /// As [`JwkSet::from_json`]; individual unusable keys are skipped and reported.
    pub fn from_jwks_json(json: &str) -> Result<(KeySet, Vec<SkippedKey>), KeyError> {
        Ok(Self::from_jwk_set(&JwkSet::from_json(json)?))
    }

    /// The keys.
    pub fn keys(&self) -> &[VerifyingKey] {
        &self.keys
    }

    /// The key for this token: the one whose key id is the token's `kid`, which must be
    /// for the token's `alg`.
    ///
    /// # Errors
    /// [`HeaderError::UnknownKeyId`] when no key has the token's `kid`;
    /// [`HeaderError::MissingKeyId`] when the token has none (and [`KeySet::try_all_keys`] is
    /// off); [`HeaderError::AlgorithmMismatch`] when the key with that id is for another
    /// algorithm.
    pub fn select(&self, token: &UntrustedToken<'_>) -> Result<&VerifyingKey> {
        let kid = token.header().key_id().ok_or(HeaderError::MissingKeyId)?;
        let mut named = self
            .keys
            .iter()
            .filter(|k| k.key_id() == Some(kid))
            .peekable();
        let first = named
            .peek()
            .copied()
            .ok_or_else(|| HeaderError::unknown_key_id(kid))?;
        // Two keys may share an id across algorithms; the token's alg picks between them,
        // and a kid that only exists for another algorithm is a mismatch, not a fallback.
        named.find(|k| k.algorithm() == token.algorithm()).ok_or(
            HeaderError::AlgorithmMismatch {
                expected: first.algorithm(),
                found: token.algorithm(),
            }
            .into(),
        )
    }

    /// Parses `token`, selects its key ([`KeySet::select`]), verifies and validates it.
    ///
    /// # Errors
    /// As [`KeySet::select`] and [`decode`](crate::decode).
    pub fn decode<C: DeserializeOwned>(
        &self,
        token: &str,
        validation: &Validation,
    ) -> Result<Token<C>> {
        let untrusted = UntrustedToken::parse_with_limits(token, validation.limits())?;
        if self.try_all && untrusted.header().key_id().is_none() {
            return self.decode_trying_all(&untrusted, validation);
        }
        let key = self.select(&untrusted)?;
        untrusted.verify(key, validation)
    }

    fn decode_trying_all<C>(
        &self,
        untrusted: &UntrustedToken<'_>,
        validation: &Validation,
    ) -> Result<Token<C>>
    where
        C: for<'de> Deserialize<'de>,
    {
        let candidates = self
            .keys
            .iter()
            .filter(|k| k.algorithm() == untrusted.algorithm())
            .count();
        if candidates > Self::MAX_TRY_ALL {
            return Err(HeaderError::TooManyCandidateKeys {
                candidates,
                max: Self::MAX_TRY_ALL,
            }
            .into());
        }
        let mut last = Error::Header(HeaderError::MissingKeyId);
        for key in self
            .keys
            .iter()
            .filter(|k| k.algorithm() == untrusted.algorithm())
        {
            match untrusted.clone().verify(key, validation) {
                Err(Error::Signature(SignatureError::Invalid)) => {
                    last = SignatureError::Invalid.into();
                }
                other => return other,
            }
        }
        Err(last)
    }
}
