//! The responses: [`AuthRejection`] (401/400/403/503) and [`InsufficientScope`] (403).

use std::fmt::Write as _;
use std::sync::Arc;

use axum_core::response::{IntoResponse, Response};
use http::header::{CACHE_CONTROL, CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{HeaderValue, StatusCode};

use crate::error::AuthError;

/// The most characters of an `error_description`: the core already cuts attacker text to
/// [`jwtcraft::MAX_ECHO`]; this bounds the whole sentence.
const MAX_DESCRIPTION: usize = 200;

/// The rejection of [`Claims`](crate::Claims) and [`Verified`](crate::Verified): an
/// [`AuthError`] and the realm to name in the challenge.
///
/// As a response (RFC 6750 §3):
///
/// ```text
/// HTTP/1.1 401 Unauthorized
/// WWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="token has expired"
/// Cache-Control: no-store
/// Content-Type: application/json
///
/// {"error":"invalid_token","code":"claims.expired","description":"token has expired"}
/// ```
///
/// The status, header and `error` member follow the table on [`AuthError`]. `code` is the
/// stable code of the failure (the core's, for a refused token). `description` is the
/// error's message, which never holds key material; text that came from the token is
/// already cut and escaped by the core, and anything outside the characters RFC 6750
/// allows in a quoted `error_description` is replaced by `?`.
#[derive(Debug)]
pub struct AuthRejection {
    error: AuthError,
    realm: Option<Arc<str>>,
}

/// Shows the [`AuthError`]'s message; the source chain is the [`AuthError`]'s own, so the
/// message is not printed twice by error reporters.
impl std::fmt::Display for AuthRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.error, f)
    }
}

impl std::error::Error for AuthRejection {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&self.error)
    }
}

impl AuthRejection {
    /// A rejection for `error`, with no realm.
    pub fn new(error: impl Into<AuthError>) -> Self {
        AuthRejection {
            error: error.into(),
            realm: None,
        }
    }

    pub(crate) fn with_realm(error: AuthError, realm: Option<Arc<str>>) -> Self {
        AuthRejection { error, realm }
    }

    /// Why the request was rejected.
    pub fn error(&self) -> &AuthError {
        &self.error
    }

    /// Takes the error out (e.g. to log its source).
    pub fn into_error(self) -> AuthError {
        self.error
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> StatusCode {
        self.error.status()
    }

    /// The stable code of the JSON body.
    pub fn code(&self) -> &'static str {
        self.error.code()
    }
}

impl IntoResponse for AuthRejection {
    fn into_response(self) -> Response {
        let description = safe_description(&self.error.to_string());
        let challenge = self.error.challenges().then(|| {
            let mut params = Vec::new();
            if let Some(error) = self.error.bearer_error() {
                params.push(("error", error));
                params.push(("error_description", description.as_str()));
            }
            challenge(self.realm.as_deref(), &params)
        });
        respond(
            self.error.status(),
            challenge,
            self.error.body_error(),
            self.error.code(),
            &description,
        )
    }
}

/// 403 `insufficient_scope` (RFC 6750 §3.1): the token is valid but lacks a scope the
/// resource requires. Returned by [`require_scope`]; also usable on its own.
///
/// ```
/// use axum_core::response::IntoResponse;
/// use jwtcraft_axum::InsufficientScope;
///
/// let response = InsufficientScope::new("orders:write").with_realm("api").into_response();
/// assert_eq!(response.status(), 403);
/// assert_eq!(
///     response.headers()["www-authenticate"],
///     r#"Bearer realm="api", error="insufficient_scope", error_description="the token lacks the scope this resource requires", scope="orders:write""#,
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the token lacks the scope this resource requires")]
pub struct InsufficientScope {
    scope: String,
    realm: Option<Arc<str>>,
}

impl InsufficientScope {
    /// The scope (one or more space-separated RFC 6749 §3.3 scope tokens) the resource
    /// requires. The `scope` attribute is written only when it is such a list; it is the
    /// server's own text, never the client's.
    pub fn new(scope: impl Into<String>) -> Self {
        InsufficientScope {
            scope: scope.into(),
            realm: None,
        }
    }

    /// Names `realm` in the challenge (it should be the realm of
    /// [`JwtAuth::with_realm`](crate::JwtAuth::with_realm); use
    /// [`JwtAuth::insufficient_scope`](crate::JwtAuth::insufficient_scope) to get both
    /// from one place). Characters a quoted string cannot hold are replaced by `?`.
    #[must_use]
    pub fn with_realm(mut self, realm: impl AsRef<str>) -> Self {
        self.realm = Some(safe_description(realm.as_ref()).into());
        self
    }

    pub(crate) fn with_shared_realm(mut self, realm: Option<Arc<str>>) -> Self {
        self.realm = realm;
        self
    }

    /// The required scope.
    pub fn scope(&self) -> &str {
        &self.scope
    }
}

impl IntoResponse for InsufficientScope {
    fn into_response(self) -> Response {
        let description = self.to_string();
        let mut params = vec![
            ("error", "insufficient_scope"),
            ("error_description", description.as_str()),
        ];
        if is_scope_list(&self.scope) {
            params.push(("scope", self.scope.as_str()));
        }
        let challenge = challenge(self.realm.as_deref(), &params);
        respond(
            StatusCode::FORBIDDEN,
            Some(challenge),
            "insufficient_scope",
            "insufficient_scope",
            &description,
        )
    }
}

/// A token-endpoint failure of the session crate (login, refresh) as an RFC 6749 §5.2
/// response: the status of [`SessionError::http_status`](jwtcraft_session::SessionError::http_status)
/// (400 `invalid_grant`, 503 `temporarily_unavailable`, 500 `server_error`), `Cache-Control:
/// no-store`, and `{"error": <oauth error>, "code": <session code>, "description": <message>}`.
///
/// ```
/// use axum_core::response::IntoResponse;
/// use jwtcraft_axum::SessionRejection;
/// use jwtcraft_session::SessionError;
///
/// let response = SessionRejection::from(SessionError::ReuseDetected).into_response();
/// assert_eq!(response.status(), 400);
/// assert_eq!(response.headers()["cache-control"], "no-store");
/// ```
#[cfg(feature = "session")]
#[derive(Debug, thiserror::Error)]
#[error(transparent)]
pub struct SessionRejection(#[from] pub jwtcraft_session::SessionError);

#[cfg(feature = "session")]
impl IntoResponse for SessionRejection {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let description = safe_description(&self.0.to_string());
        respond(
            status,
            None,
            self.0.oauth_error(),
            self.0.code(),
            &description,
        )
    }
}

/// Checks that `granted` (a token's space-separated `scope` claim) holds every scope token
/// of `required` (one or more, space-separated).
///
/// ```
/// use jwtcraft_axum::require_scope;
/// assert!(require_scope("orders:read orders:write", "orders:write").is_ok());
/// assert!(require_scope("orders:read", "orders:read orders:write").is_err());
/// assert!(require_scope("orders:writer", "orders:write").is_err());
/// ```
///
/// # Errors
/// [`InsufficientScope`] naming `required`.
pub fn require_scope(granted: &str, required: &str) -> Result<(), InsufficientScope> {
    let granted_tokens = granted.split(' ').filter(|s| !s.is_empty());
    let mut wanted = required.split(' ').filter(|s| !s.is_empty()).peekable();
    if wanted.peek().is_none() {
        return Ok(());
    }
    if wanted.all(|w| granted_tokens.clone().any(|g| g == w)) {
        Ok(())
    } else {
        Err(InsufficientScope::new(required))
    }
}

/// RFC 6749 §3.3: `scope-token *( SP scope-token )`, scope-token = 1*( %x21 / %x23-5B / %x5D-7E ).
fn is_scope_list(scope: &str) -> bool {
    !scope.is_empty()
        && scope
            .split(' ')
            .all(|t| !t.is_empty() && t.bytes().all(|b| is_qtext(b) && b != b' '))
}

/// RFC 6750 §3: `error_description` and `scope` values are `%x20-21 / %x23-5B / %x5D-7E`.
fn is_qtext(b: u8) -> bool {
    matches!(b, 0x20..=0x21 | 0x23..=0x5B | 0x5D..=0x7E)
}

/// `text` with every character a quoted `error_description` may not hold replaced (`"` by
/// `'`, the rest by `?`), cut to [`MAX_DESCRIPTION`] characters.
fn safe_description(text: &str) -> String {
    text.chars()
        .take(MAX_DESCRIPTION)
        .map(|c| match c {
            '"' => '\'',
            c if c.is_ascii() && is_qtext(c as u8) => c,
            _ => '?',
        })
        .collect()
}

/// `Bearer realm="…", k="v", …`; every value is already qtext.
fn challenge(realm: Option<&str>, params: &[(&str, &str)]) -> HeaderValue {
    let mut out = String::from("Bearer");
    let realm = realm.map(|r| ("realm", r));
    for (i, (key, value)) in realm.iter().chain(params).enumerate() {
        let _ = write!(out, "{}{key}=\"{value}\"", if i == 0 { " " } else { ", " });
    }
    HeaderValue::from_str(&out).unwrap_or_else(|_| HeaderValue::from_static("Bearer"))
}

#[derive(serde::Serialize)]
struct Body<'a> {
    error: &'a str,
    code: &'a str,
    description: &'a str,
}

pub(crate) fn respond(
    status: StatusCode,
    challenge: Option<HeaderValue>,
    error: &str,
    code: &str,
    description: &str,
) -> Response {
    let body = serde_json::to_vec(&Body {
        error,
        code,
        description,
    })
    .unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Some(challenge) = challenge {
        headers.insert(WWW_AUTHENTICATE, challenge);
    }
    // RFC 6750 §5.3 / RFC 6749 §5.1: no cache keeps an authentication failure.
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_qtext_and_bounded() {
        assert_eq!(safe_description("kid \\\"x\\\" é\n"), "kid ?'x?' ??");
        assert_eq!(safe_description(&"a".repeat(500)).len(), MAX_DESCRIPTION);
    }

    #[test]
    fn scope_lists() {
        assert!(is_scope_list("a b:c"));
        for bad in ["", "a  b", " a", "a\"", "a\\b", "é"] {
            assert!(!is_scope_list(bad), "{bad:?}");
        }
        assert!(require_scope("a b", "").is_ok());
        assert!(require_scope("", "a").is_err());
    }

    #[test]
    fn challenge_without_params_is_the_bare_scheme() {
        assert_eq!(challenge(None, &[]), "Bearer");
        assert_eq!(challenge(Some("r"), &[]), "Bearer realm=\"r\"");
    }
}
