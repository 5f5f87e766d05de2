//! Error types.
//!
//! One top-level [`Error`] with a sub-enum per concern, in the style of rustls: a caller can
//! match on [`Error::Malformed`], [`Error::Claims`] or [`Error::Key`] without caring about the
//! detail, or go one level deeper when it matters. Every enum is `#[non_exhaustive]` so new
//! checks can be added without a breaking release.
//!
//! Messages are lower-case, carry no trailing period, and never contain key material. Text that
//! came from a token (an unknown `alg`, a `crit` name) is cut to [`MAX_ECHO`] characters so a
//! hostile token cannot flood a log.

use std::fmt;

use crate::algorithm::Algorithm;

/// The result type of every fallible function in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many characters of attacker-supplied text an error message may repeat.
pub const MAX_ECHO: usize = 64;

/// Everything that can go wrong while issuing, verifying or validating a token.
///
/// The variants are ordered roughly by the stage of [`decode`](crate::decode) that reports them:
/// the token's shape, its header, its signature, then its claims.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The token is not a well-formed JWS compact serialization (see [`MalformedError`]).
    #[error(transparent)]
    Malformed(#[from] MalformedError),

    /// The header names an algorithm this crate does not implement, including `none` in any
    /// casing. The name is cut to [`MAX_ECHO`] characters.
    #[error("unsupported algorithm {0:?}")]
    UnsupportedAlgorithm(String),

    /// The header's `alg` differs from the algorithm of the key it is verified with.
    ///
    /// This is the check that makes algorithm-confusion attacks fail: the key decides the
    /// algorithm, never the token.
    #[error("algorithm mismatch: the key is for {expected}, the token says {found}")]
    AlgorithmMismatch {
        /// The algorithm the verifying key is bound to.
        expected: Algorithm,
        /// The algorithm the token's header names.
        found: Algorithm,
    },

    /// The header lists a `crit` extension that this verifier was not told it understands
    /// (RFC 7515 §4.1.11). The name is cut to [`MAX_ECHO`] characters.
    #[error("unsupported critical header parameter {0:?}")]
    UnsupportedCritical(String),

    /// The header uses a parameter whose meaning this crate does not implement and which
    /// would change how the token must be processed (for example `"b64": false`, RFC 7797).
    #[error("unsupported header parameter {0:?}")]
    UnsupportedHeaderParameter(&'static str),

    /// A [`KeySet`](crate::KeySet) has no key with the token's `kid`. The id is cut to
    /// [`MAX_ECHO`] characters.
    #[error("no key with id {0:?}")]
    UnknownKeyId(String),

    /// The token has no `kid`, and the [`KeySet`](crate::KeySet) verifying it selects keys
    /// by id.
    #[error("token has no kid to select a key")]
    MissingKeyId,

    /// The signature does not verify. Deliberately carries no detail.
    #[error("invalid signature")]
    InvalidSignature,

    /// The signature verified but a claim check failed (see [`ClaimError`]).
    #[error(transparent)]
    Claims(#[from] ClaimError),

    /// A key could not be built or used (see [`KeyError`]).
    #[error(transparent)]
    Key(#[from] KeyError),

    /// A header given to [`encode`](crate::encode) is not valid to write.
    #[error("invalid header: {0}")]
    InvalidHeader(&'static str),

    /// The claims given to [`encode`](crate::encode) could not be serialized to JSON.
    #[error("claims could not be serialized to json")]
    Serialize(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// A user-supplied [`Signer`](crate::Signer) or [`Verifier`](crate::Verifier) (a KMS or
    /// HSM, say) failed for a reason of its own.
    #[error("signing backend failed")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Which part of a compact token an error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Segment {
    /// The first segment, the JOSE header.
    Header,
    /// The second segment, the claims.
    Payload,
    /// The third segment, the signature.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// The token is not a well-formed JWS compact serialization.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MalformedError {
    /// The token is longer than the configured maximum; nothing else was looked at.
    #[error("token is {len} bytes, more than the limit of {max}")]
    TooLong {
        /// Length of the token in bytes.
        len: usize,
        /// The configured limit.
        max: usize,
    },

    /// The encoded header is longer than the configured maximum.
    #[error("header is {len} bytes, more than the limit of {max}")]
    HeaderTooLong {
        /// Length of the encoded header in bytes.
        len: usize,
        /// The configured limit.
        max: usize,
    },

    /// The token does not have exactly three dot-separated segments.
    #[error("token must have exactly 3 segments separated by dots")]
    SegmentCount,

    /// A segment is empty where content is required.
    #[error("{0} segment is empty")]
    EmptySegment(Segment),

    /// A segment is not unpadded, canonical base64url (RFC 7515 §2): padding, `+`, `/`,
    /// whitespace and non-zero trailing bits are all refused.
    #[error("{0} segment is not valid unpadded base64url")]
    Base64(Segment),

    /// A segment is not a JSON object of the expected shape.
    #[error("{segment} is not valid json: {reason}")]
    Json {
        /// The segment that failed to parse.
        segment: Segment,
        /// What the parser said; it names a position, never the whole input.
        reason: String,
    },

    /// The header has no `alg`.
    #[error("header has no alg")]
    MissingAlgorithm,
}

/// A registered or required claim, named for error reporting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `iss`, the issuer.
    Issuer,
    /// `sub`, the subject.
    Subject,
    /// `aud`, the audience.
    Audience,
    /// `exp`, the expiration time.
    Expiration,
    /// `nbf`, the not-before time.
    NotBefore,
    /// `iat`, the issued-at time.
    IssuedAt,
    /// `jti`, the token id.
    JwtId,
    /// The header's `typ`.
    Type,
    /// Any other claim, by name.
    Other(String),
}

impl Claim {
    /// The claim's JSON name, as it appears in a token.
    ///
    /// ```
    /// assert_eq!(jwtcraft::Claim::Expiration.name(), "exp");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            Claim::Issuer => "iss",
            Claim::Subject => "sub",
            Claim::Audience => "aud",
            Claim::Expiration => "exp",
            Claim::NotBefore => "nbf",
            Claim::IssuedAt => "iat",
            Claim::JwtId => "jti",
            Claim::Type => "typ",
            Claim::Other(name) => name,
        }
    }

    /// The claim with this JSON name; unregistered names become [`Claim::Other`].
    ///
    /// ```
    /// use jwtcraft::Claim;
    /// assert_eq!(Claim::from_name("aud"), Claim::Audience);
    /// assert_eq!(Claim::from_name("role"), Claim::Other("role".into()));
    /// ```
    pub fn from_name(name: &str) -> Claim {
        match name {
            "iss" => Claim::Issuer,
            "sub" => Claim::Subject,
            "aud" => Claim::Audience,
            "exp" => Claim::Expiration,
            "nbf" => Claim::NotBefore,
            "iat" => Claim::IssuedAt,
            "jti" => Claim::JwtId,
            "typ" => Claim::Type,
            other => Claim::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A claim check failed. Only reported after the signature verified.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ClaimError {
    /// A required claim is absent.
    #[error("required claim {0} is missing")]
    Missing(Claim),

    /// A registered claim has the wrong JSON type (a string `exp`, a numeric `aud`…).
    /// Such a claim is never treated as absent.
    #[error("claim {0} has the wrong json type")]
    WrongType(Claim),

    /// A date claim is a number outside the range this crate represents (see
    /// [`NumericDate`](crate::NumericDate)).
    #[error("claim {0} is out of range")]
    OutOfRange(Claim),

    /// `exp` is in the past, beyond the leeway.
    #[error("token expired")]
    Expired,

    /// `nbf` is in the future, beyond the leeway.
    #[error("token is not valid yet")]
    NotYetValid,

    /// `iat` is in the future, beyond the leeway.
    #[error("token was issued in the future")]
    IssuedInFuture,

    /// `iat` is older than the configured maximum age.
    #[error("token is older than the maximum age")]
    TooOld,

    /// `iss` is not one of the accepted issuers.
    #[error("issuer is not accepted")]
    InvalidIssuer,

    /// None of the token's audiences is accepted, or the token carries an `aud` while the
    /// validation expects none.
    #[error("audience is not accepted")]
    InvalidAudience,

    /// `sub` is not the expected subject.
    #[error("subject is not accepted")]
    InvalidSubject,

    /// The header's `typ` is not the expected type.
    #[error("token type is not accepted")]
    InvalidType,

    /// The claims verified and validated, but the caller's claims type could not be built
    /// from them.
    #[error("claims do not match the expected type: {0}")]
    Deserialize(String),
}

/// A key could not be built, or does not suit the algorithm.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// An HMAC secret shorter than the hash output (RFC 7518 §3.2).
    #[error("hmac key is {len} bytes, the minimum is {min}")]
    HmacTooShort {
        /// Length of the given key.
        len: usize,
        /// The minimum for the algorithm.
        min: usize,
    },

    /// An HMAC secret that is a PEM document: almost certainly a public key passed by mistake.
    #[error("hmac key looks like a pem document; pass the raw secret bytes")]
    HmacLooksLikePem,

    /// An RSA modulus below 2048 bits (RFC 7518 §3.3) or above the supported maximum.
    #[error("rsa modulus is {bits} bits, allowed are {min} to {max}")]
    RsaModulusSize {
        /// The key's modulus size.
        bits: usize,
        /// Smallest accepted modulus.
        min: usize,
        /// Largest accepted modulus.
        max: usize,
    },

    /// The key bytes could not be parsed in the named format.
    #[error("key is not valid {format}")]
    Parse {
        /// The format that was expected, such as `"pkcs8 pem"`.
        format: &'static str,
    },

    /// The key parsed but its numbers are not a valid key (not on the curve, not an RSA key).
    #[error("key is invalid: {0}")]
    Invalid(&'static str),

    /// A JWK or JWK Set is not usable as this key type (RFC 7517, RFC 7518 §6).
    #[error("invalid jwk: {0}")]
    Jwk(&'static str),

    /// A JWK member contradicts the key type it is imported as: `kty`, `crv`, `alg`, `use`
    /// or `key_ops`. A JWK never becomes a key for an algorithm it does not name.
    #[error("jwk {member} must be {expected}")]
    JwkMismatch {
        /// The member that disagrees.
        member: &'static str,
        /// What this key type needs it to be.
        expected: &'static str,
    },

    /// A member the key type needs is absent or not base64url.
    #[error("jwk member {0} is missing or not base64url")]
    JwkMissingMember(&'static str),

    /// The key could not produce a signature.
    #[error("signing failed")]
    Signing,
}

impl Error {
    /// Builds [`Error::UnsupportedAlgorithm`] from attacker text, cut to [`MAX_ECHO`].
    #[cold]
    pub(crate) fn unsupported_algorithm(name: &str) -> Error {
        Error::UnsupportedAlgorithm(echo(name))
    }

    /// Builds [`Error::UnsupportedCritical`] from attacker text, cut to [`MAX_ECHO`].
    #[cold]
    pub(crate) fn unsupported_critical(name: &str) -> Error {
        Error::UnsupportedCritical(echo(name))
    }
}

/// Cuts attacker-supplied text to at most [`MAX_ECHO`] characters.
pub(crate) fn echo(text: &str) -> String {
    text.chars().take(MAX_ECHO).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_cuts_long_attacker_text() {
        let long = "x".repeat(10_000);
        let err = Error::unsupported_algorithm(&long);
        assert_eq!(
            err.to_string().len(),
            "unsupported algorithm \"\"".len() + MAX_ECHO
        );
    }

    #[test]
    fn messages_are_lower_case_without_period() {
        let samples: Vec<Error> = vec![
            MalformedError::SegmentCount.into(),
            ClaimError::Expired.into(),
            ClaimError::Missing(Claim::Expiration).into(),
            KeyError::HmacTooShort { len: 3, min: 32 }.into(),
            Error::InvalidSignature,
        ];
        for err in samples {
            let msg = err.to_string();
            assert!(!msg.ends_with('.'), "{msg}");
            assert!(msg.chars().next().unwrap().is_lowercase(), "{msg}");
        }
    }

    #[test]
    fn claim_names_round_trip() {
        for name in [
            "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "typ", "role",
        ] {
            assert_eq!(Claim::from_name(name).name(), name);
        }
    }
}
