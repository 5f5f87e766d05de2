//! [`SessionError`] and [`ConfigError`].

use crate::store::StoreError;

/// Why a session operation failed.
///
/// Every variant has a stable [`code`](SessionError::code); messages are lower-case and
/// never contain token material. For a token endpoint, [`oauth_error`](SessionError::oauth_error)
/// and [`http_status`](SessionError::http_status) give the RFC 6749 §5.2 response.
///
/// ```
/// use jwtcraft_session::SessionError;
/// let err = SessionError::ReuseDetected;
/// assert_eq!(err.code(), "reuse_detected");
/// assert_eq!(err.oauth_error(), "invalid_grant");
/// assert_eq!(err.http_status(), 400);
/// assert_eq!(SessionError::StoreUnavailable(None).http_status(), 503);
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SessionError {
    /// The token is malformed, forged, of the wrong kind (an access token given as a refresh
    /// token or the reverse), of another issuer or key, or unknown to the store. The source,
    /// when there is one, is the core's verdict on an access token.
    #[error("invalid token")]
    Invalid(#[source] Option<jwtcraft::Error>),
    /// The access token, or the session (idle deadline or absolute cap), has expired.
    #[error("token expired")]
    Expired,
    /// A refresh token was presented after it had been rotated: the whole family (every
    /// refresh and access token of that login) is now revoked.
    #[error("refresh token reuse detected; the session is revoked")]
    ReuseDetected,
    /// The session or this access token was revoked (logout, revoke-subject,
    /// revoke-access, or an earlier reuse detection).
    #[error("token revoked")]
    Revoked,
    /// [`EarlyRefresh::Reject`](crate::EarlyRefresh::Reject): the access token minted with
    /// this refresh token is still valid. Nothing changed.
    #[error("access token still valid")]
    AccessStillValid,
    /// The store failed or timed out, or the revocation mirror is staler than allowed.
    /// Nothing was granted: the manager fails closed.
    #[error("session store unavailable")]
    StoreUnavailable(#[source] Option<StoreError>),
    /// The extra claims given at login are not a JSON object, or use a name the manager
    /// sets itself (`sub`, `iat`, `exp`, `jti`, `fid`).
    #[error("extra claims must be a json object without reserved names")]
    InvalidClaims,
    /// The signer failed to sign the access token.
    #[error("could not sign the access token")]
    Signing(#[source] jwtcraft::EncodeError),
    /// The OS random number generator failed.
    #[error("the os random number generator failed")]
    Random,
}

impl SessionError {
    /// A stable, machine-readable code: `invalid`, `expired`, `reuse_detected`, `revoked`,
    /// `access_still_valid`, `store_unavailable`, `invalid_claims`, `signing_failed`,
    /// `random_failed`. Codes never change once released; messages may.
    pub fn code(&self) -> &'static str {
        match self {
            SessionError::Invalid(_) => "invalid",
            SessionError::Expired => "expired",
            SessionError::ReuseDetected => "reuse_detected",
            SessionError::Revoked => "revoked",
            SessionError::AccessStillValid => "access_still_valid",
            SessionError::StoreUnavailable(_) => "store_unavailable",
            SessionError::InvalidClaims => "invalid_claims",
            SessionError::Signing(_) => "signing_failed",
            SessionError::Random => "random_failed",
        }
    }

    /// The OAuth 2.0 error code for a token-endpoint response (RFC 6749 §5.2):
    ///
    /// | variant | code |
    /// |---|---|
    /// | `Invalid`, `Expired`, `ReuseDetected`, `Revoked`, `AccessStillValid` | `invalid_grant` (the refresh token is invalid, expired or revoked) |
    /// | `StoreUnavailable` | `temporarily_unavailable` |
    /// | `InvalidClaims`, `Signing`, `Random` | `server_error` |
    ///
    /// §5.2 defines no server-side codes for the token endpoint; `temporarily_unavailable`
    /// and `server_error` are borrowed from §4.1.2.1, as is common practice, and go with an
    /// HTTP 503 / 500 ([`http_status`](SessionError::http_status)). For a failed access-token
    /// verification at a resource server, answer 401 with `invalid_token` (RFC 6750 §3.1)
    /// instead, except `StoreUnavailable` (503).
    pub fn oauth_error(&self) -> &'static str {
        match self {
            SessionError::StoreUnavailable(_) => "temporarily_unavailable",
            SessionError::InvalidClaims | SessionError::Signing(_) | SessionError::Random => {
                "server_error"
            }
            _ => "invalid_grant",
        }
    }

    /// The HTTP status that goes with [`oauth_error`](SessionError::oauth_error): 400, 503
    /// or 500.
    pub fn http_status(&self) -> u16 {
        match self.oauth_error() {
            "invalid_grant" => 400,
            "temporarily_unavailable" => 503,
            _ => 500,
        }
    }

    /// Whether the client's credential was refused (as opposed to a server-side failure).
    pub fn is_client_error(&self) -> bool {
        self.http_status() == 400
    }
}

impl From<StoreError> for SessionError {
    fn from(err: StoreError) -> Self {
        SessionError::StoreUnavailable(Some(err))
    }
}

/// A [`SessionConfig`](crate::SessionConfig) that cannot work.
///
/// ```
/// use jwtcraft_session::{ConfigError, SessionConfig};
/// use std::time::Duration;
/// let err = SessionConfig::new().with_grace(Duration::from_secs(61)).validate().unwrap_err();
/// assert_eq!(err, ConfigError::GraceTooLong);
/// assert_eq!(err.code(), "config.grace_too_long");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The grace window is longer than [`MAX_GRACE`](crate::MAX_GRACE) (60 s).
    #[error("grace window longer than 60 s")]
    GraceTooLong,
    /// A lifetime or interval is zero (or below one second).
    #[error("{0} must be at least one second")]
    Zero(&'static str),
    /// `max_staleness` is shorter than `poll_interval`: the mirror would fail closed between
    /// two healthy polls.
    #[error("max staleness shorter than the poll interval")]
    StalenessBelowPoll,
}

impl ConfigError {
    /// A stable code: `config.grace_too_long`, `config.zero`, `config.staleness_below_poll`.
    pub fn code(&self) -> &'static str {
        match self {
            ConfigError::GraceTooLong => "config.grace_too_long",
            ConfigError::Zero(_) => "config.zero",
            ConfigError::StalenessBelowPoll => "config.staleness_below_poll",
        }
    }
}
