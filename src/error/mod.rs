//! Error types, one enum per concern.
//!
//! Each entry point returns only what can happen there:
//!
//! | entry point | error |
//! |---|---|
//! | [`decode`](crate::decode), [`UntrustedToken`](crate::UntrustedToken), [`KeySet`](crate::KeySet) | [`Error`]: [`MalformedError`], [`HeaderError`], [`SignatureError`], [`ClaimError`] |
//! | [`encode`](crate::encode), [`Signer`](crate::Signer) | [`EncodeError`] |
//! | key constructors, [`Jwk`](crate::Jwk), [`JwkSet`](crate::JwkSet) | [`KeyError`] |
//!
//! Every enum is `#[non_exhaustive]`, so new checks can be added without a breaking release.
//! Every variant has a stable [`code()`](Error::code) string (`"claims.expired"`), and
//! [`Error`] has `is_*` predicates, so a server maps an error to an HTTP status without
//! matching variants:
//!
//! ```
//! # fn status(err: &jwtcraft::Error) -> u16 {
//! if err.is_backend() { 503 } else { 401 }
//! # }
//! ```
//!
//! Messages are lower-case, carry no trailing period and never contain key material. Text
//! that came from a token (an unknown `alg`, a `kid`, a parser message quoting the input) is
//! cut to [`MAX_ECHO`] characters and escaped to printable ASCII, so a message is safe to log
//! and to put in an HTTP header.

use std::fmt;

mod bearer;
mod claims;
mod encode;
mod header;
mod key;
mod malformed;
mod signature;

pub use self::bearer::BearerError;
pub use self::claims::{Claim, ClaimError};
pub use self::encode::EncodeError;
pub use self::header::HeaderError;
pub use self::key::KeyError;
pub use self::malformed::{MalformedError, Segment};
pub use self::signature::SignatureError;

/// The result type of the crate's fallible functions; the error defaults to [`Error`], the
/// error of verifying a token.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// How many characters of attacker-supplied text an error message may repeat.
pub const MAX_ECHO: usize = 64;

/// Why a token was not accepted: the error of [`decode`](crate::decode) and of every other
/// way of reading or verifying a token.
///
/// The variants follow the order of the checks: the token's shape, its header, its
/// signature, then its claims. A claim error is only ever reported after the signature
/// verified.
///
/// ```
/// use jwtcraft::{decode, Error, Hs256Key, Validation};
/// let key = Hs256Key::new(&[7u8; 32])?;
/// let err = decode::<serde_json::Value>("Bearer a.b.c", &key, &Validation::new()).unwrap_err();
/// assert!(err.is_malformed());
/// assert_eq!(err.code(), "malformed.bearer_prefix");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The token is not a well-formed JWS compact serialization.
    #[error(transparent)]
    Malformed(#[from] MalformedError),

    /// The header is well-formed JSON but not acceptable: unknown or mismatched `alg`,
    /// unsupported `crit`, no key for its `kid`.
    #[error(transparent)]
    Header(#[from] HeaderError),

    /// The signature did not verify, or the verifier could not run.
    #[error(transparent)]
    Signature(#[from] SignatureError),

    /// The signature verified but a claim check failed.
    #[error(transparent)]
    Claims(#[from] ClaimError),
}

impl Error {
    /// A stable, machine-readable code for this error, such as `"claims.expired"` or
    /// `"signature.invalid"`. Codes never change once released; messages may.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Malformed(e) => e.code(),
            Error::Header(e) => e.code(),
            Error::Signature(e) => e.code(),
            Error::Claims(e) => e.code(),
        }
    }

    /// The token is not a JWS compact serialization at all (including a token that still
    /// has its `Bearer ` prefix).
    pub fn is_malformed(&self) -> bool {
        matches!(self, Error::Malformed(_))
    }

    /// The header was refused (algorithm, `crit`, key selection).
    pub fn is_header(&self) -> bool {
        matches!(self, Error::Header(_))
    }

    /// The signature did not verify. Also true for [`is_backend`](Error::is_backend) errors.
    pub fn is_signature(&self) -> bool {
        matches!(self, Error::Signature(_))
    }

    /// A claim check failed after the signature verified.
    pub fn is_claims(&self) -> bool {
        matches!(self, Error::Claims(_))
    }

    /// The token expired (`exp` is in the past beyond the leeway): the one claim failure a
    /// client fixes by refreshing.
    pub fn is_expired(&self) -> bool {
        matches!(self, Error::Claims(ClaimError::Expired))
    }

    /// A user-supplied verifier (a KMS, an HSM) failed for a reason of its own: the token was
    /// not judged, so this is a server-side failure (HTTP 5xx), not the client's.
    pub fn is_backend(&self) -> bool {
        matches!(self, Error::Signature(SignatureError::Backend(_)))
    }
}

/// Escapes attacker-supplied text to printable ASCII (`"` and `\` escaped too, so it cannot
/// close the quotes a message puts around it) and cuts the result to at most [`MAX_ECHO`]
/// characters, so it is safe in a log line or an HTTP header and cannot flood either.
pub(crate) fn echo(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_ECHO));
    for c in text.chars() {
        if !push_printable(&mut out, c, true, MAX_ECHO) {
            break;
        }
    }
    out
}

/// Appends `c` as printable ASCII: itself, or its Rust escape (`\n`, `\u{7f}`). With
/// `quotes`, `"` and `\` are escaped as well. Appends nothing and returns `false` if that would
/// make `out` longer than `limit` bytes.
pub(crate) fn push_printable(out: &mut String, c: char, quotes: bool, limit: usize) -> bool {
    use fmt::Write as _;
    let plain = (' '..='~').contains(&c) && !(quotes && (c == '"' || c == '\\'));
    let len = if plain { 1 } else { c.escape_default().len() };
    if out.len() + len > limit {
        return false;
    }
    if plain {
        out.push(c);
    } else {
        let _ = write!(out, "{}", c.escape_default());
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<Error> {
        vec![
            MalformedError::SegmentCount.into(),
            MalformedError::BearerPrefix.into(),
            HeaderError::unsupported_algorithm("x").into(),
            SignatureError::Invalid.into(),
            ClaimError::Expired.into(),
            ClaimError::Missing(Claim::Expiration).into(),
            ClaimError::UnexpectedAudience.into(),
        ]
    }

    #[test]
    fn echo_cuts_and_escapes_attacker_text() {
        let long = "x".repeat(10_000);
        let err = HeaderError::unsupported_algorithm(&long);
        assert_eq!(
            err.to_string().len(),
            "unsupported algorithm \"\"".len() + MAX_ECHO
        );
        assert_eq!(echo("a\r\nb\"\u{e9}\\"), "a\\r\\nb\\\"\\u{e9}\\\\");
        // The cut counts the escaped output: 64 DEL characters are not 384 bytes of message.
        let controls = "\u{7f}".repeat(100);
        let echoed = echo(&controls);
        assert!(
            echoed.len() <= MAX_ECHO && echoed.starts_with("\\u{7f}"),
            "{echoed}"
        );
    }

    #[test]
    fn messages_are_lower_case_without_period_and_header_safe() {
        for err in samples() {
            let msg = err.to_string();
            assert!(!msg.ends_with('.'), "{msg}");
            assert!(msg.chars().next().unwrap().is_lowercase(), "{msg}");
            assert!(msg.bytes().all(|b| (b' '..=b'~').contains(&b)), "{msg}");
        }
    }

    #[test]
    fn codes_are_distinct_and_name_their_concern() {
        let codes: Vec<&str> = samples().iter().map(Error::code).collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "{codes:?}");
        for (err, code) in samples().iter().zip(&codes) {
            let concern = code.split('.').next().unwrap();
            let expected = if err.is_malformed() {
                "malformed"
            } else if err.is_header() {
                "header"
            } else if err.is_signature() {
                "signature"
            } else {
                assert!(err.is_claims());
                "claims"
            };
            assert_eq!(concern, expected, "{code}");
        }
    }

    #[test]
    fn predicates() {
        let expired: Error = ClaimError::Expired.into();
        assert!(expired.is_expired() && expired.is_claims() && !expired.is_signature());
        let backend: Error = SignatureError::Backend("hsm down".into()).into();
        assert!(backend.is_backend() && backend.is_signature());
        let invalid: Error = SignatureError::Invalid.into();
        assert!(invalid.is_signature() && !invalid.is_backend());
    }
}
