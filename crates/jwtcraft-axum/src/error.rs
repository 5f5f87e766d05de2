//! [`VerifyError`] (a verifier's verdict) and [`AuthError`] (why a request was not
//! authenticated).

use http::StatusCode;

use crate::cookie::CookieError;
use crate::csrf::CsrfError;

/// Why a [`TokenVerifier`](crate::TokenVerifier) did not return claims.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// The core refused the token (malformed, bad signature, expired, wrong `typ`…). Its
    /// [`code()`](jwtcraft::Error::code) is the rejection's code. A failure of a
    /// user-supplied verifier backend ([`jwtcraft::Error::is_backend`]) answers 503.
    #[error(transparent)]
    Token(#[from] jwtcraft::Error),
    /// The token is valid but was revoked (logout, revoked subject or token).
    #[error("token revoked")]
    Revoked,
    /// A custom verifier's own refusal; `code` and `description` are sent to the client as
    /// they are, so keep them static and free of secrets.
    #[error("{description}")]
    Refused {
        /// The stable code for the JSON body, e.g. `"tenant_disabled"`.
        code: &'static str,
        /// A lower-case sentence for `error_description`.
        description: &'static str,
    },
    /// The verifier could not judge the token: a session store down or too stale, a JWKS
    /// endpoint unreachable. Answered with 503, never 401: the client did nothing wrong.
    #[error("token verifier unavailable")]
    Unavailable {
        /// The stable code for the JSON body, e.g. `"store_unavailable"`.
        code: &'static str,
        /// The underlying failure, for logs; never sent to the client.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl VerifyError {
    /// A stable, machine-readable code: the core's code for [`VerifyError::Token`]
    /// (`claims.expired`, `signature.invalid`, …), `revoked`, or the code carried by
    /// [`Refused`](VerifyError::Refused) / [`Unavailable`](VerifyError::Unavailable).
    pub fn code(&self) -> &'static str {
        match self {
            VerifyError::Token(e) => e.code(),
            VerifyError::Revoked => "revoked",
            VerifyError::Refused { code, .. } | VerifyError::Unavailable { code, .. } => code,
        }
    }

    /// True when the failure is on the server's side (HTTP 503).
    pub fn is_unavailable(&self) -> bool {
        match self {
            VerifyError::Token(e) => e.is_backend(),
            VerifyError::Unavailable { .. } => true,
            _ => false,
        }
    }
}

#[cfg(feature = "session")]
impl From<jwtcraft_session::SessionError> for VerifyError {
    /// `invalid` carries the core's verdict; `expired` becomes the core's `claims.expired`,
    /// so a client sees one code for an expired token whichever verifier ran.
    fn from(err: jwtcraft_session::SessionError) -> Self {
        use jwtcraft_session::SessionError;
        match err {
            SessionError::Invalid(Some(core)) => VerifyError::Token(core),
            SessionError::Invalid(None) => VerifyError::Refused {
                code: "invalid",
                description: "invalid token",
            },
            SessionError::Expired => {
                VerifyError::Token(jwtcraft::Error::Claims(jwtcraft::ClaimError::Expired))
            }
            SessionError::Revoked | SessionError::ReuseDetected => VerifyError::Revoked,
            SessionError::StoreUnavailable(source) => VerifyError::Unavailable {
                code: "store_unavailable",
                source: source.map(|s| Box::new(s) as Box<dyn std::error::Error + Send + Sync>),
            },
            // Not produced by `verify`; refuse rather than accept anything a newer version
            // may add.
            other => VerifyError::Unavailable {
                code: other.code(),
                source: Some(Box::new(other)),
            },
        }
    }
}

/// The request's credentials could not be read: they are present but ambiguous or
/// malformed (RFC 6750 §3.1 `invalid_request`, HTTP 400).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CredentialError {
    /// A `Bearer` `Authorization` header whose token is empty or not one token68.
    #[error(transparent)]
    Bearer(#[from] jwtcraft::BearerError),
    /// More than one `Authorization` header.
    #[error("more than one authorization header")]
    DuplicateAuthorization,
    /// The `Authorization` header is not visible ASCII.
    #[error("authorization header is not visible ascii")]
    AuthorizationNotAscii,
    /// The token cookie is present twice, or its value is not a cookie value.
    #[error(transparent)]
    Cookie(#[from] CookieError),
}

impl CredentialError {
    /// A stable code: `bearer.empty`, `bearer.invalid_character`, `authorization.duplicate`,
    /// `authorization.not_ascii`, `cookie.duplicate`, `cookie.invalid_value`, ….
    pub fn code(&self) -> &'static str {
        match self {
            CredentialError::Bearer(e) => e.code(),
            CredentialError::DuplicateAuthorization => "authorization.duplicate",
            CredentialError::AuthorizationNotAscii => "authorization.not_ascii",
            CredentialError::Cookie(e) => e.code(),
        }
    }
}

/// Why a request was not authenticated: what an [`AuthRejection`](crate::AuthRejection)
/// carries.
///
/// | variant | status | `WWW-Authenticate` `error` | JSON `error` |
/// |---|---|---|---|
/// | `Missing` | 401 | none (RFC 6750 §3.1) | `unauthorized` |
/// | `Credentials` | 400 | `invalid_request` | `invalid_request` |
/// | `Verify` (token refused) | 401 | `invalid_token` | `invalid_token` |
/// | `Verify` (verifier unavailable) | 503 | no header | `temporarily_unavailable` |
/// | `Csrf` | 403 | no header | `csrf` |
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// No token in any configured source.
    #[error("no access token in the request")]
    Missing,
    /// A token source is present but ambiguous or malformed.
    #[error(transparent)]
    Credentials(#[from] CredentialError),
    /// The verifier refused the token or could not judge it.
    #[error(transparent)]
    Verify(#[from] VerifyError),
    /// A cookie-carried token on a state-changing request failed the CSRF check.
    #[error(transparent)]
    Csrf(#[from] CsrfError),
}

impl AuthError {
    /// The stable code of the JSON body: `missing_token`, or the inner error's code.
    pub fn code(&self) -> &'static str {
        match self {
            AuthError::Missing => "missing_token",
            AuthError::Credentials(e) => e.code(),
            AuthError::Verify(e) => e.code(),
            AuthError::Csrf(e) => e.code(),
        }
    }

    /// The HTTP status (see the table above).
    pub fn status(&self) -> StatusCode {
        match self {
            AuthError::Credentials(_) => StatusCode::BAD_REQUEST,
            AuthError::Verify(e) if e.is_unavailable() => StatusCode::SERVICE_UNAVAILABLE,
            AuthError::Missing | AuthError::Verify(_) => StatusCode::UNAUTHORIZED,
            AuthError::Csrf(_) => StatusCode::FORBIDDEN,
        }
    }

    /// The RFC 6750 §3.1 error code for `WWW-Authenticate`, when the response carries one.
    pub(crate) fn bearer_error(&self) -> Option<&'static str> {
        match self {
            AuthError::Credentials(_) => Some("invalid_request"),
            AuthError::Verify(e) if !e.is_unavailable() => Some("invalid_token"),
            _ => None,
        }
    }

    /// The `error` member of the JSON body.
    pub(crate) fn body_error(&self) -> &'static str {
        match self {
            AuthError::Missing => "unauthorized",
            AuthError::Credentials(_) => "invalid_request",
            AuthError::Verify(e) if e.is_unavailable() => "temporarily_unavailable",
            AuthError::Verify(_) => "invalid_token",
            AuthError::Csrf(_) => "csrf",
        }
    }

    /// Whether the response carries `WWW-Authenticate` (401 and 400; not 403 CSRF or 503).
    pub(crate) fn challenges(&self) -> bool {
        matches!(
            self.status(),
            StatusCode::UNAUTHORIZED | StatusCode::BAD_REQUEST
        )
    }
}
