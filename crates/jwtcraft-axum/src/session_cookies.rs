//! The two cookies of a browser session (feature `session`): the access token for every
//! path, the refresh token only for the refresh route, and the token response that sets
//! both.

use axum_core::response::{IntoResponse, IntoResponseParts, Response, ResponseParts};
use http::header::{CACHE_CONTROL, CONTENT_TYPE, SET_COOKIE};
use http::{HeaderMap, HeaderValue, StatusCode};
use jwtcraft_session::TokenPair;

use crate::cookie::{CookieConfig, CookieError};
use crate::rejection::respond;

/// The access-token and refresh-token cookies of a browser session.
///
/// Both are `HttpOnly` (page scripts cannot read them), `Secure` and `SameSite=Strict` by
/// default. The access token goes to every path (`access_token`, `Path=/`); the refresh
/// token only to the refresh route (`refresh_token`, `Path=/refresh`), so it rides on no
/// other request. [`issue`](SessionCookies::issue) sets both from a login or refresh,
/// [`clear`](SessionCookies::clear) deletes both at logout.
///
/// ```
/// use jwtcraft_axum::SessionCookies;
///
/// // Plain http on 127.0.0.1 during development; keep `Secure` everywhere else.
/// let cookies = SessionCookies::new().with_secure(false);
/// assert_eq!(cookies.access().name(), "access_token");
/// let cleared = cookies.clear().unwrap();
/// # let _ = cleared;
/// ```
#[derive(Debug, Clone)]
pub struct SessionCookies {
    access: CookieConfig,
    refresh: CookieConfig,
}

impl Default for SessionCookies {
    fn default() -> Self {
        SessionCookies::new()
    }
}

impl SessionCookies {
    /// `access_token` at `Path=/` and `refresh_token` at `Path=/refresh`.
    pub fn new() -> Self {
        SessionCookies {
            access: CookieConfig::new("access_token"),
            refresh: CookieConfig::new("refresh_token").with_path("/refresh"),
        }
    }

    /// Replaces the access-token cookie (its name is what the extractor must read:
    /// [`JwtAuth::with_cookie`](crate::JwtAuth::with_cookie)).
    #[must_use]
    pub fn with_access(mut self, access: CookieConfig) -> Self {
        self.access = access;
        self
    }

    /// Replaces the refresh-token cookie (give it the path of your refresh route).
    #[must_use]
    pub fn with_refresh(mut self, refresh: CookieConfig) -> Self {
        self.refresh = refresh;
        self
    }

    /// Sets `Secure` on both cookies. `false` only for plain http during development.
    #[must_use]
    pub fn with_secure(mut self, secure: bool) -> Self {
        self.access = self.access.with_secure(secure);
        self.refresh = self.refresh.with_secure(secure);
        self
    }

    /// The access-token cookie.
    pub fn access(&self) -> &CookieConfig {
        &self.access
    }

    /// The refresh-token cookie.
    pub fn refresh(&self) -> &CookieConfig {
        &self.refresh
    }

    /// The refresh token a browser sent in its cookie, if any.
    ///
    /// # Errors
    /// [`CookieError`] for a duplicated or malformed refresh cookie (never a guess).
    pub fn refresh_token<'h>(
        &self,
        headers: &'h HeaderMap,
    ) -> Result<Option<&'h str>, CookieError> {
        self.refresh.read(headers)
    }

    /// The response to a login or refresh: both cookies set, and the tokens as an OAuth 2.0
    /// token response (RFC 6749 §5.1) for API clients. For a page, answer with
    /// [`Issued::cookies`] and a body of your own, so scripts never see the tokens.
    ///
    /// # Errors
    /// [`CookieError`] if a cookie's settings are invalid (see [`CookieConfig::validate`]).
    pub fn issue(&self, pair: &TokenPair) -> Result<Issued, CookieError> {
        let cookies = SetCookies([
            self.access.set(&pair.access_token)?,
            self.refresh.set(pair.refresh_token.as_str())?,
        ]);
        let body = serde_json::json!({
            "access_token": pair.access_token,
            "token_type": "Bearer",
            "expires_at": pair.access_expires_at,
            "refresh_token": pair.refresh_token.as_str(),
            "refresh_expires_at": pair.refresh_expires_at,
        });
        Ok(Issued { cookies, body })
    }

    /// Both cookies deleted (`Max-Age=0`, same name, path and domain), for logout.
    ///
    /// # Errors
    /// [`CookieError`] if a cookie's settings are invalid.
    pub fn clear(&self) -> Result<SetCookies, CookieError> {
        Ok(SetCookies([self.access.clear()?, self.refresh.clear()?]))
    }
}

/// Two `Set-Cookie` headers (and `Cache-Control: no-store`), as response parts:
/// `(cookies, body)` is a response.
#[derive(Debug)]
pub struct SetCookies([HeaderValue; 2]);

impl IntoResponseParts for SetCookies {
    type Error = std::convert::Infallible;

    fn into_response_parts(self, mut parts: ResponseParts) -> Result<ResponseParts, Self::Error> {
        let headers = parts.headers_mut();
        for cookie in self.0 {
            headers.append(SET_COOKIE, cookie);
        }
        // RFC 6749 §5.1: a response that carries tokens is never cached.
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        Ok(parts)
    }
}

/// A login or refresh response: both cookies and the JSON token response
/// (`access_token`, `token_type`, `expires_at`, `refresh_token`, `refresh_expires_at`; the
/// times in seconds since the epoch). Its `Debug` hides the tokens.
pub struct Issued {
    cookies: SetCookies,
    body: serde_json::Value,
}

impl Issued {
    /// Only the cookies, for a page: pair them with a body that holds no token.
    pub fn cookies(self) -> SetCookies {
        self.cookies
    }
}

impl std::fmt::Debug for Issued {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Issued").finish_non_exhaustive()
    }
}

impl IntoResponse for Issued {
    fn into_response(self) -> Response {
        let body = serde_json::to_vec(&self.body).unwrap_or_default();
        let json = [(CONTENT_TYPE, HeaderValue::from_static("application/json"))];
        (self.cookies, json, body).into_response()
    }
}

/// A request that carries a cookie twice is the client's fault: 400 `invalid_request`.
/// Any other cookie error is the server's misconfiguration (a cookie that cannot be
/// written): 500 `server_error`. Either way the body has the cookie error's code, so `?`
/// works on [`SessionCookies`] in a handler.
impl IntoResponse for CookieError {
    fn into_response(self) -> Response {
        let description = self.to_string();
        let (status, error) = if self == CookieError::Duplicate {
            (StatusCode::BAD_REQUEST, "invalid_request")
        } else {
            (StatusCode::INTERNAL_SERVER_ERROR, "server_error")
        };
        respond(status, None, error, self.code(), &description)
    }
}
