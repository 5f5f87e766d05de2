//! [`JwksError`] and [`FetchError`].

use std::error::Error as StdError;
use std::sync::Arc;

use jwtcraft::KeyError;

/// A shared, clonable error source (a transport error of whichever HTTP client fetched).
type Source = Arc<dyn StdError + Send + Sync>;

/// Why fetching or loading the JWK Set failed.
///
/// Clonable, so that every caller that joined one fetch receives its error, and
/// [`RemoteJwks::last_error`](crate::RemoteJwks::last_error) can keep it. Each variant has a
/// stable [`code`](FetchError::code). A [`JwksFetcher`](crate::JwksFetcher) of your own returns
/// the variant that fits, and [`FetchError::transport`] for anything else.
///
/// ```
/// use jwtcraft_jwks::FetchError;
/// let err = FetchError::HttpStatus(503);
/// assert_eq!(err.to_string(), "jwks endpoint answered with http status 503");
/// assert_eq!(err.code(), "jwks.http_status");
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The JWKS URL does not parse.
    #[error("jwks url is invalid: {reason}")]
    InvalidUrl {
        /// What is wrong with it.
        reason: String,
    },
    /// The URL (or a redirect) is not `https://`, and plain http was not allowed.
    #[error("jwks url must use https")]
    NotHttps,
    /// The request did not complete (connect, headers and body) within the timeout.
    #[error("jwks request timed out")]
    Timeout,
    /// The response is larger than the limit: said so by its `Content-Length`, or found out
    /// while streaming the body (nothing past the limit is read).
    #[error("jwks response is larger than {limit} bytes")]
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The endpoint answered with a status outside 2xx (a redirect that was not followed
    /// included).
    #[error("jwks endpoint answered with http status {0}")]
    HttpStatus(u16),
    /// Too many redirects, or a redirect to a URL that is refused.
    #[error("jwks request was redirected too often or to a refused url")]
    Redirect(#[source] Source),
    /// The endpoint could not be reached or the connection failed (refused, reset, closed
    /// early, TLS failure, DNS failure).
    #[error("could not reach the jwks endpoint")]
    Transport(#[source] Source),
    /// The body is not UTF-8, so it cannot be JSON.
    #[error("jwks response is not utf-8")]
    NotUtf8,
    /// The body is not a JWK Set document (`{"keys": [...]}`); the core says why.
    #[error("jwks response is not a jwk set")]
    InvalidJwks(#[source] KeyError),
    /// The document is a JWK Set but none of its entries is a usable key. Treated as a
    /// failed fetch, so a broken deployment at the issuer does not replace a working set
    /// with an empty one.
    #[error("jwks has no usable key ({skipped} entries skipped)")]
    NoUsableKeys {
        /// How many entries were skipped.
        skipped: usize,
    },
}

impl FetchError {
    /// [`FetchError::Transport`] from any error (for fetchers of your own).
    pub fn transport(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        FetchError::Transport(Arc::from(source.into()))
    }

    /// [`FetchError::Redirect`] from any error.
    pub fn redirect(source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        FetchError::Redirect(Arc::from(source.into()))
    }

    /// A stable, machine-readable code: `jwks.invalid_url`, `jwks.not_https`,
    /// `jwks.timeout`, `jwks.too_large`, `jwks.http_status`, `jwks.redirect`,
    /// `jwks.transport`, `jwks.not_utf8`, `jwks.invalid_jwks`, `jwks.no_usable_keys`.
    pub fn code(&self) -> &'static str {
        match self {
            FetchError::InvalidUrl { .. } => "jwks.invalid_url",
            FetchError::NotHttps => "jwks.not_https",
            FetchError::Timeout => "jwks.timeout",
            FetchError::TooLarge { .. } => "jwks.too_large",
            FetchError::HttpStatus(_) => "jwks.http_status",
            FetchError::Redirect(_) => "jwks.redirect",
            FetchError::Transport(_) => "jwks.transport",
            FetchError::NotUtf8 => "jwks.not_utf8",
            FetchError::InvalidJwks(_) => "jwks.invalid_jwks",
            FetchError::NoUsableKeys { .. } => "jwks.no_usable_keys",
        }
    }
}

/// Why [`RemoteJwks`](crate::RemoteJwks) could not verify a token or give a key set.
///
/// Two kinds, told apart by [`JwksError::is_unavailable`]: the token is bad
/// ([`UnknownKey`](JwksError::UnknownKey), [`Rejected`](JwksError::Rejected): answer 401),
/// or the keys are not available ([`Fetch`](JwksError::Fetch),
/// [`NoKeySet`](JwksError::NoKeySet): the issuer is down and there is no set yet, answer
/// 503). [`code`](JwksError::code) is stable; for a rejected token it is the core's code.
///
/// ```
/// use jwtcraft_jwks::{FetchError, JwksError};
/// let err = JwksError::UnknownKey { kid: "k9".into() };
/// assert_eq!(err.to_string(), "no key in the jwks has kid \"k9\"");
/// assert_eq!((err.code(), err.is_unavailable()), ("jwks.unknown_key", false));
/// let err = JwksError::Fetch(FetchError::Timeout);
/// assert_eq!((err.code(), err.is_unavailable()), ("jwks.timeout", true));
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JwksError {
    /// Fetching the set failed and there is no earlier good set to fall back on (or the
    /// caller asked for a [`refresh`](crate::RemoteJwks::refresh)).
    #[error(transparent)]
    Fetch(FetchError),
    /// No key of the set has the token's `kid`, even after a refetch (or a refetch was not
    /// allowed yet: the cooldown). The kid is cut and escaped by the core, safe to log.
    #[error("no key in the jwks has kid {kid:?}")]
    UnknownKey {
        /// The token's `kid`.
        kid: String,
    },
    /// No set was ever loaded, and the last fetch failed less than a cooldown ago, so no
    /// fetch is tried now. The source is that fetch's error.
    #[error("no jwks available yet")]
    NoKeySet(#[source] Option<FetchError>),
    /// The core refused the token (malformed, missing kid, wrong algorithm, bad signature,
    /// claims). The inner error keeps its own code.
    #[error(transparent)]
    Rejected(jwtcraft::Error),
}

impl JwksError {
    /// A stable, machine-readable code. This crate's own: `jwks.unknown_key`,
    /// `jwks.unavailable`, and [`FetchError::code`] for a fetch failure; for
    /// [`JwksError::Rejected`], the core's [`jwtcraft::Error::code`] (`claims.expired`,
    /// `signature.invalid`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            JwksError::Fetch(e) => e.code(),
            JwksError::UnknownKey { .. } => "jwks.unknown_key",
            JwksError::NoKeySet(_) => "jwks.unavailable",
            JwksError::Rejected(e) => e.code(),
        }
    }

    /// True when the keys could not be had (a 503 rather than a 401): [`JwksError::Fetch`]
    /// and [`JwksError::NoKeySet`].
    pub fn is_unavailable(&self) -> bool {
        matches!(self, JwksError::Fetch(_) | JwksError::NoKeySet(_))
    }

    /// The core's verdict, for [`JwksError::Rejected`].
    pub fn token_error(&self) -> Option<&jwtcraft::Error> {
        match self {
            JwksError::Rejected(e) => Some(e),
            _ => None,
        }
    }
}

impl From<FetchError> for JwksError {
    fn from(e: FetchError) -> Self {
        JwksError::Fetch(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rejected_token_keeps_the_core_code() {
        let core = jwtcraft::decode::<serde_json::Value>(
            "not-a-token",
            &jwtcraft::Hs256Key::new(&[1; 32]).unwrap(),
            &jwtcraft::Validation::new(),
        )
        .unwrap_err();
        let core_code = core.code();
        let err = JwksError::Rejected(core);
        assert_eq!(err.code(), core_code);
        assert!(!err.is_unavailable());
        assert!(err.token_error().is_some());
    }

    #[test]
    fn fetch_errors_are_clonable_with_their_source() {
        let err = FetchError::transport("connection refused");
        let copy = err.clone();
        assert_eq!(copy.code(), "jwks.transport");
        assert_eq!(
            StdError::source(&copy).map(ToString::to_string).as_deref(),
            Some("connection refused")
        );
    }
}
