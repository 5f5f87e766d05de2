//! The service's two routers: the auth server (login page, login, me, refresh, logout, and
//! its JWK Set) and a resource server that knows only the auth server's JWK Set URL.
//! `main.rs` runs them; the tests build them the same way.

// axum's `response::Result` carries a whole response as its error, on purpose.
#![allow(clippy::result_large_err)]

use std::sync::Arc;

use axum::extract::{FromRequest, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Json, Router};
use jwtcraft::{Es256SigningKey, JwkSet, Validation};
use jwtcraft_axum::{require_scope, InsufficientScope, JwksVerifier, SessionCookies};
use jwtcraft_axum::{Claims, CsrfPolicy, JwtAuth, SessionRejection};
use jwtcraft_jwks::{RemoteJwks, ReqwestFetcher};
use jwtcraft_session::{AccessClaims, SessionConfig, SessionError, SessionManager, Store};
use jwtcraft_session::{TokenPair, ACCESS_TOKEN_TYPE};
use serde::Deserialize;
use serde_json::{json, Value};

pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// `Err` is any response: `?` works on every rejection.
type Answer = axum::response::Result<Response>;
type Sessions<S> = Extension<Arc<SessionManager<S>>>;
type Auth = State<JwtAuth<AccessClaims>>;
type User = Claims<AccessClaims>;

/// Demo users: name, password, scope. A real service checks a password hash.
const USERS: [(&str, &str, &str); 2] = [("ada", "lovelace", "data:read"), ("alan", "turing", "")];

/// The auth server: sessions in `store`, access tokens signed with `key`. `origins` are where
/// its page is served from: a state-changing request with a cookie from any other origin is
/// refused (CSRF).
pub(crate) async fn auth_router<S: Store>(
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
    let me = |Claims(claims): User| async { Json(claims) };
    let jwks = ([(CONTENT_TYPE, "application/jwk-set+json")], jwks);
    Ok(Router::new()
        .route("/", get(Html(include_str!("page.html"))))
        .route("/login", post(login::<S>))
        .route("/me", get(me))
        .route("/refresh", post(refresh::<S>))
        .route("/logout", post(logout::<S>))
        .route("/.well-known/jwks.json", get(jwks))
        .layer(Extension(sessions))
        .with_state(auth))
}

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

/// A form post from the page (answered with a redirect back to it), or JSON from an API
/// client (answered with the tokens).
async fn login<S: Store>(auth: Auth, sessions: Sessions<S>, req: Request) -> Answer {
    let page = is_form(req.headers());
    let Login { username, password } = if page {
        // Login CSRF: another site must not log this browser in (as the attacker).
        auth.check_csrf(req.method(), req.headers())?;
        Form::from_request(req, &()).await?.0
    } else {
        Json::from_request(req, &()).await?.0
    };
    let user = USERS.iter().find(|u| u.0 == username && u.1 == password);
    let (.., scope) = user.ok_or((StatusCode::UNAUTHORIZED, "wrong username or password"))?;
    let claims = json!({ "scope": scope }); // read by the resource server
    let pair = sessions.login_with_claims(&username, &claims).await;
    issued(pair, page.then(|| Redirect::to("/")))
}

#[derive(Deserialize)]
struct Refresh {
    refresh_token: String,
}

/// Rotation: the refresh token from the page's cookie (only /refresh receives it), or
/// `{"refresh_token"}` as JSON.
async fn refresh<S: Store>(auth: Auth, sessions: Sessions<S>, req: Request) -> Answer {
    if let Some(token) = SessionCookies::new().refresh_token(req.headers())? {
        // The cookie rides along whichever page sent the request: check which one did.
        auth.check_csrf(req.method(), req.headers())?;
        return issued(sessions.refresh(token).await, Some(StatusCode::NO_CONTENT));
    }
    let Json(Refresh { refresh_token }) = Json::from_request(req, &()).await?;
    issued(sessions.refresh(&refresh_token).await, None::<StatusCode>)
}

/// The new tokens go in the `HttpOnly` cookies, and to an API client as JSON; a page gets
/// `page` instead, never the tokens (its scripts must not see them).
fn issued(pair: Result<TokenPair, SessionError>, page: Option<impl IntoResponse>) -> Answer {
    let issued = SessionCookies::new().issue(&pair.map_err(SessionRejection)?)?;
    let Some(page) = page else {
        return Ok(issued.into_response());
    };
    Ok((issued.cookies(), page).into_response())
}

/// Ends the session: its refresh token and every access token of it are revoked.
async fn logout<S: Store>(sessions: Sessions<S>, user: User, headers: HeaderMap) -> Answer {
    let ended = sessions.logout(&user.family).await;
    ended.map_err(SessionRejection)?;
    let page = is_form(&headers).then(|| Redirect::to("/"));
    let cleared = SessionCookies::new().clear()?;
    Ok((cleared, page.ok_or(StatusCode::NO_CONTENT)).into_response())
}

fn is_form(headers: &HeaderMap) -> bool {
    let form = b"application/x-www-form-urlencoded";
    let content_type = headers.get(CONTENT_TYPE);
    content_type.is_some_and(|t| t.as_bytes().starts_with(form))
}

/// The resource server: verifies access tokens with the keys published at `jwks_url`,
/// fetched and cached by `RemoteJwks` (and fetched again when a new `kid` shows up), and
/// serves `/data` to tokens with the `data:read` scope.
pub(crate) fn resource_router(jwks_url: &str) -> Result<Router, BoxError> {
    // Plain http is for this demo on 127.0.0.1 only: use https anywhere else.
    let fetcher = ReqwestFetcher::builder().allow_http().build()?;
    let jwks = RemoteJwks::builder(jwks_url).fetcher(fetcher).build()?;
    let validation = Validation::new().with_type(ACCESS_TOKEN_TYPE);
    let auth = JwtAuth::<AccessClaims>::new(JwksVerifier::new(jwks, validation));
    let data = |Claims(claims): User| async move {
        let scope = claims.extra.get("scope").and_then(Value::as_str);
        require_scope(scope.unwrap_or_default(), "data:read")?; // else 403
        let body = json!({ "data": [1, 2, 3], "subject": claims.subject });
        Ok::<_, InsufficientScope>(Json(body))
    };
    Ok(Router::new().route("/data", get(data)).with_state(auth))
}
