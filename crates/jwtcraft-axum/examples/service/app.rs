//! The service's two routers: the auth server (login page, login, me, refresh, logout, and
//! its JWK Set) and a resource server that knows only the auth server's JWK Set URL.
//! `main.rs` runs them; the tests build them the same way.

use std::sync::Arc;

use axum::extract::rejection::{FormRejection, JsonRejection};
use axum::extract::{FromRef, FromRequest, Request, State};
use axum::http::header::{CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{AppendHeaders, Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use jwtcraft::{Es256SigningKey, JwkSet, Validation};
use jwtcraft_axum::{AuthRejection, Claims, CookieConfig, CookieError};
use jwtcraft_axum::{CsrfPolicy, JwtAuth, TokenVerifier, VerifyError};
use jwtcraft_jwks::{JwksError, RemoteJwks, ReqwestFetcher};
use jwtcraft_session::{AccessClaims, SessionConfig, SessionError, SessionManager, Store};
use jwtcraft_session::{TokenPair, ACCESS_TOKEN_TYPE};
use serde::Deserialize;
use serde_json::json;

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Demo users: name, password, scope. A real service checks a password hash.
const USERS: [(&str, &str, &str); 2] = [("ada", "lovelace", "data:read"), ("alan", "turing", "")];

/// The access token travels in an HttpOnly cookie (or a Bearer header, for API clients), the
/// refresh token in another HttpOnly cookie that only /refresh receives.
fn cookies() -> [CookieConfig; 2] {
    let refresh = CookieConfig::new("refresh_token").with_path("/refresh");
    [CookieConfig::new("access_token"), refresh]
}

#[derive(Clone)]
struct AuthServer<S: Store> {
    sessions: Arc<SessionManager<S>>,
    auth: JwtAuth<AccessClaims>,
}

impl<S: Store> FromRef<AuthServer<S>> for JwtAuth<AccessClaims> {
    fn from_ref(server: &AuthServer<S>) -> Self {
        server.auth.clone()
    }
}

/// The auth server: sessions in `store`, access tokens signed with `key`. `origins` are where
/// its page is served from: a state-changing request with a cookie from any other origin is
/// refused (CSRF).
pub(crate) async fn auth_router<S: Store + Clone>(
    store: S,
    key: Es256SigningKey,
    config: SessionConfig,
    origins: &[String],
) -> Result<Router, BoxError> {
    let jwks = JwkSet::new().with_key(key.to_public_jwk()).to_public_json();
    let verifying_key = key.verifying_key();
    let sessions = Arc::new(SessionManager::new(store, key, verifying_key, config)?);
    sessions.sync().await?;
    sessions.spawn_sync(); // keeps the revocation mirror fresh
    let auth = JwtAuth::new(Arc::clone(&sessions))
        .with_cookie("access_token")
        .with_csrf(CsrfPolicy::origin_check(origins)?);
    let me = |Claims(claims): Claims<AccessClaims>| async { Json(claims) };
    let jwks = ([(CONTENT_TYPE, "application/jwk-set+json")], jwks);
    Ok(Router::new()
        .route("/", get(Html(include_str!("page.html"))))
        .route("/login", post(login::<S>))
        .route("/me", get(me))
        .route("/refresh", post(refresh::<S>))
        .route("/logout", post(logout::<S>))
        .route("/.well-known/jwks.json", get(jwks))
        .with_state(AuthServer { sessions, auth }))
}

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

/// A form post from the page (then a redirect back to it), or JSON from an API client.
async fn login<S: Store>(
    State(app): State<AuthServer<S>>,
    request: Request,
) -> Result<Response, Failure> {
    let page = is_form(request.headers());
    let Login { username, password } = if page {
        // Login CSRF: another site must not log this browser in (as the attacker).
        app.auth.check_csrf(request.method(), request.headers())?;
        Form::from_request(request, &()).await?.0
    } else {
        Json::from_request(request, &()).await?.0
    };
    let Some((_, _, scope)) = USERS
        .iter()
        .find(|u| (u.0, u.1) == (&*username, &*password))
    else {
        return Err(Failure::BadCredentials);
    };
    let pair = app
        .sessions
        .login_with_claims(&username, &json!({ "scope": scope }))
        .await?;
    issued(&pair, page.then(|| Redirect::to("/").into_response()))
}

#[derive(Deserialize)]
struct Refresh {
    refresh_token: String,
}

/// Rotation: the refresh token from the page's cookie, or `{"refresh_token"}` from JSON.
async fn refresh<S: Store>(
    State(app): State<AuthServer<S>>,
    request: Request,
) -> Result<Response, Failure> {
    if let Some(token) = cookies()[1].read(request.headers())? {
        app.auth.check_csrf(request.method(), request.headers())?;
        let pair = app.sessions.refresh(token).await?;
        return issued(&pair, Some(StatusCode::NO_CONTENT.into_response()));
    }
    let Json(Refresh { refresh_token }) = Json::from_request(request, &()).await?;
    issued(&app.sessions.refresh(&refresh_token).await?, None)
}

/// Sets both cookies. The page gets `page`, never the tokens (its scripts must not see
/// them); an API client gets the tokens as JSON.
fn issued(pair: &TokenPair, page: Option<Response>) -> Result<Response, Failure> {
    let [access, refresh] = cookies();
    let set_cookies = AppendHeaders([
        (SET_COOKIE, access.set(&pair.access_token)?),
        (SET_COOKIE, refresh.set(pair.refresh_token.as_str())?),
    ]);
    let body = page.unwrap_or_else(|| {
        let expires_at = pair.access_expires_at.as_unix_seconds();
        let (access_token, refresh_token) = (&pair.access_token, pair.refresh_token.as_str());
        Json(json!({ "access_token": access_token, "token_type": "Bearer", "expires_at": expires_at, "refresh_token": refresh_token }))
            .into_response()
    });
    Ok((set_cookies, body).into_response())
}

/// Ends the session: its refresh token and every access token of it are revoked.
async fn logout<S: Store>(
    State(app): State<AuthServer<S>>,
    Claims(claims): Claims<AccessClaims>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    app.sessions.logout(&claims.family).await?;
    let [access, refresh] = cookies();
    let cleared = AppendHeaders([
        (SET_COOKIE, access.clear()?),
        (SET_COOKIE, refresh.clear()?),
    ]);
    if is_form(&headers) {
        return Ok((cleared, Redirect::to("/")).into_response());
    }
    Ok((cleared, StatusCode::NO_CONTENT).into_response())
}

fn is_form(headers: &HeaderMap) -> bool {
    let form = b"application/x-www-form-urlencoded";
    headers
        .get(CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(form))
}

/// Why a request failed; each kind answers as `{"error": code}`.
enum Failure {
    BadCredentials,
    /// A refused refresh token (reused, revoked, expired, unknown) is 401; a store outage 503.
    Session(SessionError),
    Cookie(CookieError),
    /// Already a response: a CSRF or authentication rejection, or an unreadable body.
    Rejected(Response),
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let (status, code) = match self {
            Failure::Rejected(response) => return response,
            Failure::BadCredentials => (StatusCode::UNAUTHORIZED, "invalid_credentials"),
            Failure::Cookie(e) => (StatusCode::BAD_REQUEST, e.code()),
            Failure::Session(e) if e.http_status() == 400 => (StatusCode::UNAUTHORIZED, e.code()),
            Failure::Session(e) if e.http_status() == 503 => {
                (StatusCode::SERVICE_UNAVAILABLE, e.code())
            }
            Failure::Session(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.code()),
        };
        (status, Json(json!({ "error": code }))).into_response()
    }
}

impl From<SessionError> for Failure {
    fn from(e: SessionError) -> Self {
        Failure::Session(e)
    }
}

impl From<CookieError> for Failure {
    fn from(e: CookieError) -> Self {
        Failure::Cookie(e)
    }
}

macro_rules! rejected_by {
    ($($rejection:ty),*) => {$(
        impl From<$rejection> for Failure {
            fn from(e: $rejection) -> Self { Failure::Rejected(e.into_response()) }
        }
    )*};
}
rejected_by!(AuthRejection, JsonRejection, FormRejection);

/// The resource server: verifies access tokens with the keys published at `jwks_url`,
/// fetched and cached by `RemoteJwks` (and fetched again when a new `kid` shows up).
pub(crate) fn resource_router(jwks_url: &str) -> Result<Router, BoxError> {
    // Plain http is for this demo on 127.0.0.1 only: use https anywhere else.
    let fetcher = ReqwestFetcher::builder().allow_http().build()?;
    let jwks = RemoteJwks::builder(jwks_url).fetcher(fetcher).build()?;
    let validation = Validation::new().with_type(ACCESS_TOKEN_TYPE);
    let auth = JwtAuth::<AccessClaims>::new(Jwks(jwks, validation));
    let data = |Claims(claims): Claims<AccessClaims>| async move {
        Json(json!({ "data": [1, 2, 3], "subject": claims.subject }))
    };
    Ok(Router::new().route("/data", get(data)).with_state(auth))
}

/// `RemoteJwks` as the extractors' verifier: a refused token is 401, unreachable keys 503.
struct Jwks(RemoteJwks, Validation);

impl TokenVerifier<AccessClaims> for Jwks {
    async fn verify(&self, token: &str) -> Result<AccessClaims, VerifyError> {
        match self.0.decode(token, &self.1).await {
            Ok(verified) => Ok(verified.into_claims()),
            Err(JwksError::Rejected(e)) => Err(VerifyError::Token(e)),
            Err(e) if e.is_unavailable() => {
                let (code, source) = (e.code(), Some(e.into()));
                Err(VerifyError::Unavailable { code, source })
            }
            Err(e) => Err(VerifyError::Refused {
                code: e.code(),
                description: "no key has the token's kid",
            }),
        }
    }
}
