//! A set of verifying keys that picks the key by the token's `kid` and `alg`.
//!
//! This is what a resource server holds: the issuer's published JWK Set, possibly with an
//! old and a new key during a rotation. Selection is strict: the token's `kid` must name a
//! key, and that key's algorithm must be the token's `alg`. A token without `kid` is refused
//! unless [`KeySet::try_all_keys`] was asked for, and then at most [`KeySet::MAX_TRY_ALL`]
//! keys are tried.

use serde::de::{Deserialize, DeserializeOwned};

use crate::algorithm::Verifier;
use crate::error::{Error, HeaderError, KeyError, Result, SignatureError};
use crate::jwk::{JwkSet, SkippedKey};
use crate::token::{Token, UntrustedToken};
use crate::validation::Validation;

mod typed;

pub use self::typed::TypedVerifyingKey;

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
    keys: Vec<TypedVerifyingKey>,
    try_all: bool,
}

/// How [`KeySet::from_jwk_set`] treats a set.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct KeySetOptions {
    /// Accept `oct` (HMAC) keys. Off by default: a symmetric key in a set fetched from
    /// elsewhere means that anyone who can read the set can forge tokens.
    pub allow_symmetric: bool,
    /// Keep keys without `kid` and turn on [`KeySet::try_all_keys`] for the loaded set. Off
    /// by default: without it no token can select a key that has no `kid`, so such keys
    /// are reported as skipped rather than loaded for nothing.
    pub try_all_keys: bool,
}

impl KeySetOptions {
    /// The defaults: symmetric keys refused, keys without `kid` skipped.
    pub fn new() -> Self {
        KeySetOptions::default()
    }

    /// Accepts `oct` keys (for a set you wrote yourself, never one fetched from elsewhere).
    #[must_use]
    pub fn allow_symmetric(mut self) -> Self {
        self.allow_symmetric = true;
        self
    }

    /// Keeps keys without `kid`, and loads the set with [`KeySet::try_all_keys`] on, so that
    /// tokens without `kid` are tried against every key of their algorithm (at most
    /// [`KeySet::MAX_TRY_ALL`]).
    #[must_use]
    pub fn try_all_keys(mut self) -> Self {
        self.try_all_keys = true;
        self
    }
}

/// Why a usable key without `kid` is left out of a set loaded without
/// [`KeySetOptions::try_all_keys`].
const NO_KID: &str = "key has no kid, so no token can select it \
                      (load the set with KeySetOptions::try_all_keys to try it on tokens without kid)";

impl KeySet {
    /// The most keys that are tried for one token without `kid` (with
    /// [`KeySet::try_all_keys`]). Each try is a signature check, which an attacker can make
    /// the verifier pay for with any kid-less token, so a set holding more keys of the
    /// token's algorithm refuses the token with [`HeaderError::TooManyCandidateKeys`] instead
    /// of trying them. Give keys ids when there are more.
    pub const MAX_TRY_ALL: usize = 8;

    /// An empty set.
    pub fn new() -> Self {
        KeySet::default()
    }

    /// Adds a key. Keys without a key id can only be used after [`KeySet::try_all_keys`].
    #[must_use]
    pub fn with_key(mut self, key: impl Into<TypedVerifyingKey>) -> Self {
        self.keys.push(key.into());
        self
    }

    /// Opts in to tokens without `kid`: each key of the token's algorithm is tried in turn.
    /// Costs one signature check per key, so such a set may hold at most
    /// [`KeySet::MAX_TRY_ALL`] keys of any one algorithm; with more, a token without `kid` is
    /// refused. Tokens with a `kid` are selected by it as always.
    #[must_use]
    pub fn try_all_keys(mut self) -> Self {
        self.try_all = true;
        self
    }

    /// The keys a JWK Set describes, with the default [`KeySetOptions`]. Keys that are not
    /// usable (unknown `kty` or `alg`, wrong `use`, a symmetric key, a weak RSA modulus, no
    /// `kid`…) are left out and reported, together with the entries [`JwkSet`] could not
    /// parse.
    ///
    /// ```
    /// use jwtcraft::{Hs256Key, JwkSet, KeySet, KeySetOptions};
    /// let set = JwkSet::new()
    ///     .with_key(Hs256Key::new(&[1; 32])?.to_secret_jwk())
    ///     .with_key(Hs256Key::new(&[2; 32])?.with_key_id("k2").to_secret_jwk());
    /// let options = KeySetOptions::new().allow_symmetric(); // a set we wrote ourselves
    /// let (keys, skipped) = KeySet::from_jwk_set_with(&set, options);
    /// assert_eq!(keys.keys().len(), 1);
    /// assert!(skipped[0].reason.starts_with("key has no kid"));
    /// // Opting in to trying every key makes the kid-less key usable.
    /// let (keys, skipped) = KeySet::from_jwk_set_with(&set, options.try_all_keys());
    /// assert_eq!((keys.keys().len(), skipped.len()), (2, 0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_jwk_set(set: &JwkSet) -> (KeySet, Vec<SkippedKey>) {
        Self::from_jwk_set_with(set, KeySetOptions::default())
    }

    /// As [`KeySet::from_jwk_set`], with options.
    pub fn from_jwk_set_with(set: &JwkSet, options: KeySetOptions) -> (KeySet, Vec<SkippedKey>) {
        let mut keys = KeySet::new();
        keys.try_all = options.try_all_keys;
        let mut skipped = set.skipped().to_vec();
        for (index, jwk) in set.keys_with_positions() {
            let result = if jwk.key_type() == "oct" && !options.allow_symmetric {
                Err("symmetric keys are refused in a key set unless allowed".to_owned())
            } else {
                TypedVerifyingKey::from_jwk(jwk).map_err(|e| e.to_string())
            };
            // Judged last, so that a key that is unusable anyway is reported for that.
            let result = result.and_then(|key| match key.key_id() {
                None if !options.try_all_keys => Err(NO_KID.to_owned()),
                _ => Ok(key),
            });
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
    pub fn keys(&self) -> &[TypedVerifyingKey] {
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
    pub fn select(&self, token: &UntrustedToken<'_>) -> Result<&TypedVerifyingKey> {
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

    /// Parses `token`, selects its key ([`KeySet::select`]), verifies and validates it. A
    /// token without `kid` in a set with [`KeySet::try_all_keys`] is tried against each key
    /// of its algorithm instead.
    ///
    /// # Errors
    /// As [`KeySet::select`] and [`decode`](crate::decode); for a kid-less token with
    /// [`KeySet::try_all_keys`], [`HeaderError::TooManyCandidateKeys`] when the set holds
    /// more than [`KeySet::MAX_TRY_ALL`] keys of the token's algorithm, and
    /// [`SignatureError::Invalid`] when none of them verifies.
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
        let candidates = || {
            self.keys
                .iter()
                .filter(|k| k.algorithm() == untrusted.algorithm())
        };
        // Counted before any work: the cost of a kid-less token must stay bounded.
        let count = candidates().count();
        if count > Self::MAX_TRY_ALL {
            return Err(HeaderError::TooManyCandidateKeys {
                candidates: count,
                max: Self::MAX_TRY_ALL,
            }
            .into());
        }
        let mut last = Error::Header(HeaderError::MissingKeyId);
        for key in candidates() {
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

#[cfg(test)]
mod tests {
    use serde_json::{json, Value};

    use super::*;
    use crate::{encode, FixedClock, Header, Hs256Key, NumericDate, Signer};

    fn validation() -> Validation {
        Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(1_900_000_000)))
    }

    fn kidless_token(signer: &impl Signer) -> String {
        encode(&Header::new(), &json!({"exp": 2_000_000_000}), signer).unwrap()
    }

    /// `count` HS256 keys without kid; the last one is `Hs256Key::new(&[count; 32])`.
    fn hs256_keys(count: u8) -> Vec<Hs256Key> {
        (1..=count)
            .map(|i| Hs256Key::new(&[i; 32]).unwrap())
            .collect()
    }

    fn set_of(keys: impl IntoIterator<Item = Hs256Key>) -> KeySet {
        keys.into_iter()
            .fold(KeySet::new(), KeySet::with_key)
            .try_all_keys()
    }

    #[test]
    fn try_all_keys_is_bounded_before_any_signature_check() {
        let max = u8::try_from(KeySet::MAX_TRY_ALL).unwrap();
        // Exactly the bound: every key may be tried, and the last one verifies.
        let keys = hs256_keys(max);
        let token = kidless_token(keys.last().unwrap());
        set_of(keys).decode::<Value>(&token, &validation()).unwrap();
        // One more: refused as a whole, whichever key signed (before: tried all of them).
        let keys = hs256_keys(max + 1);
        let token = kidless_token(&keys[0]);
        let err = set_of(keys)
            .decode::<Value>(&token, &validation())
            .unwrap_err();
        assert!(
            matches!(
                err,
                Error::Header(HeaderError::TooManyCandidateKeys { candidates, max: m })
                    if candidates == KeySet::MAX_TRY_ALL + 1 && m == KeySet::MAX_TRY_ALL
            ),
            "{err:?}"
        );
        assert_eq!(err.code(), "header.too_many_candidate_keys");
    }

    #[test]
    fn the_bound_counts_only_keys_of_the_tokens_algorithm_and_only_without_kid() {
        let many = hs256_keys(20);
        let named = Hs256Key::new(&[99; 32]).unwrap().with_key_id("named");
        let set = set_of(many).with_key(named.clone());
        // A token with a kid is selected by it, however many keys there are.
        let token = encode(&Header::new(), &json!({"exp": 2_000_000_000}), &named).unwrap();
        set.decode::<Value>(&token, &validation()).unwrap();
        #[cfg(feature = "ecdsa")]
        {
            let pem = include_str!("../../tests/data/p256-private-pkcs8.pem");
            let es = crate::Es256SigningKey::from_pem(pem).unwrap();
            let set = set.with_key(es.verifying_key());
            set.decode::<Value>(&kidless_token(&es), &validation())
                .unwrap();
        }
    }

    #[test]
    fn a_kidless_jwk_is_reported_unless_the_set_tries_all_keys() {
        let anonymous = Hs256Key::new(&[7; 32]).unwrap();
        let named = Hs256Key::new(&[8; 32]).unwrap().with_key_id("n");
        let set = JwkSet::new()
            .with_key(anonymous.to_secret_jwk())
            .with_key(named.to_secret_jwk());
        let options = KeySetOptions::new().allow_symmetric();

        // Before: loaded silently, and no token could ever select it.
        let (keys, skipped) = KeySet::from_jwk_set_with(&set, options);
        assert_eq!(keys.keys().len(), 1);
        assert_eq!(keys.keys()[0].key_id(), Some("n"));
        assert_eq!(skipped.len(), 1);
        assert_eq!((skipped[0].index, skipped[0].kid.as_deref()), (0, None));
        assert_eq!(skipped[0].reason, NO_KID);

        // Opting in keeps it and makes the set try it on kid-less tokens.
        let (keys, skipped) = KeySet::from_jwk_set_with(&set, options.try_all_keys());
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(keys.keys().len(), 2);
        keys.decode::<Value>(&kidless_token(&anonymous), &validation())
            .unwrap();
    }

    #[test]
    fn a_kidless_key_that_is_unusable_anyway_is_reported_for_that() {
        let set = JwkSet::new().with_key(Hs256Key::new(&[7; 32]).unwrap().to_secret_jwk());
        let (_, skipped) = KeySet::from_jwk_set(&set);
        assert!(skipped[0].reason.contains("symmetric"), "{skipped:?}");
    }
}
