//! Every route of the example service and every way each one fails, through tower's
//! `oneshot` (no sockets): the example's own routers (`examples/service/app.rs`) on an
//! in-memory store and a clock the tests move.

mod common;

use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::header::{
    AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, COOKIE, LOCATION, ORIGIN, REFERER, WWW_AUTHENTICATE,
};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use common::{cookie_value, set_cookies, ManualClock, ACCESS_TTL};
use http_body_util::BodyExt;
use jwtcraft::{KeySet, UntrustedToken, Validation};
use serde_json::{json, Value};
use tower::ServiceExt;

/// Where the page is served from in these tests.
const ORIGIN_OK: &str = "http://127.0.0.1:3000";
const FORM: &str = "application/x-www-form-urlencoded";

struct Service {
    router: Router,
    clock: Arc<ManualClock>,
    key: jwtcraft::Es256SigningKey,
}

async fn service() -> Service {
    let clock = ManualClock::new();
    let key = common::key();
    let router = common::auth_router(key.clone(), &clock, &[ORIGIN_OK.to_owned()]).await;
    Service { router, clock, key }
}

#[derive(Debug)]
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    /// The `error` member of a JSON error body.
    fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or_default().to_owned()
    }

    /// The stable code of a rejection by the extractor (`{"error","code",...}`) or the
    /// service's own `{"error"}`.
    fn code(&self) -> String {
        let body = self.json();
        body["code"]
            .as_str()
            .or(body["error"].as_str())
            .unwrap_or_default()
            .to_owned()
    }

    fn cookie(&self, name: &str) -> String {
        set_cookies(&self.headers)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("no Set-Cookie {name}: {:?}", self.headers))
            .1
    }
}

/// One request; `headers` are (name, value) pairs.
async fn call(
    router: &Router,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    let mut request = Request::builder().method(method).uri(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::from(body.to_owned())).unwrap())
        .await
        .unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8(bytes.to_vec()).unwrap(),
    }
}

/// A refresh token refused as RFC 6749 §5.2 says: 400 `invalid_grant`, not cached, with the
/// session crate's code.
#[track_caller]
fn assert_grant_refused(reply: &Reply, code: &str) {
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{reply:?}");
    assert_eq!(reply.error(), "invalid_grant");
    assert_eq!(reply.code(), code);
    assert_eq!(reply.headers[CACHE_CONTROL], "no-store");
}

async fn login_json(router: &Router, user: &str, password: &str) -> Reply {
    let body = json!({"username": user, "password": password}).to_string();
    call(
        router,
        Method::POST,
        "/login",
        &[(CONTENT_TYPE.as_str(), "application/json")],
        &body,
    )
    .await
}

/// A successful JSON login of ada: (access token, refresh token).
async fn tokens(router: &Router) -> (String, String) {
    let reply = login_json(router, "ada", "lovelace").await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
    let body = reply.json();
    (
        body["access_token"].as_str().unwrap().to_owned(),
        body["refresh_token"].as_str().unwrap().to_owned(),
    )
}

async fn me_bearer(router: &Router, access: &str) -> Reply {
    let bearer = format!("Bearer {access}");
    call(
        router,
        Method::GET,
        "/me",
        &[(AUTHORIZATION.as_str(), &bearer)],
        "",
    )
    .await
}

async fn refresh_json(router: &Router, refresh: &str) -> Reply {
    let body = json!({"refresh_token": refresh}).to_string();
    call(
        router,
        Method::POST,
        "/refresh",
        &[(CONTENT_TYPE.as_str(), "application/json")],
        &body,
    )
    .await
}

#[tokio::test]
async fn json_login_returns_tokens_and_sets_http_only_cookies() {
    let s = service().await;
    let reply = login_json(&s.router, "ada", "lovelace").await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["token_type"], "Bearer");
    let access = body["access_token"].as_str().unwrap();
    let refresh = body["refresh_token"].as_str().unwrap();
    assert!(refresh.starts_with("jrt1."), "{refresh}");
    assert_eq!(body["expires_at"], common::START + 300);

    let access_cookie = reply.cookie("access_token");
    assert_eq!(cookie_value(&access_cookie), access);
    for attribute in ["Path=/", "HttpOnly", "Secure", "SameSite=Strict"] {
        assert!(
            access_cookie.split("; ").any(|a| a == attribute),
            "{access_cookie}"
        );
    }
    let refresh_cookie = reply.cookie("refresh_token");
    assert_eq!(cookie_value(&refresh_cookie), refresh);
    for attribute in ["Path=/refresh", "HttpOnly", "Secure", "SameSite=Strict"] {
        assert!(
            refresh_cookie.split("; ").any(|a| a == attribute),
            "{refresh_cookie}"
        );
    }
}

#[tokio::test]
async fn form_login_from_the_page_redirects_with_cookies_and_no_token_in_the_body() {
    let s = service().await;
    let headers = [(CONTENT_TYPE.as_str(), FORM), (ORIGIN.as_str(), ORIGIN_OK)];
    let reply = call(
        &s.router,
        Method::POST,
        "/login",
        &headers,
        "username=ada&password=lovelace",
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{reply:?}");
    assert_eq!(reply.headers[LOCATION], "/");
    let access = reply.cookie("access_token");
    assert!(!reply.body.contains(cookie_value(&access)));
    assert!(!reply
        .body
        .contains(cookie_value(&reply.cookie("refresh_token"))));
    // The cookie alone authenticates /me (a GET: no CSRF check needed).
    let cookie = format!("access_token={}", cookie_value(&access));
    let me = call(
        &s.router,
        Method::GET,
        "/me",
        &[(COOKIE.as_str(), &cookie)],
        "",
    )
    .await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["sub"], "ada");
}

#[tokio::test]
async fn bad_credentials_are_refused() {
    let s = service().await;
    for (user, password) in [
        ("ada", "wrong"),
        ("nobody", "lovelace"),
        ("ada", ""),
        ("alan", "lovelace"),
    ] {
        let reply = login_json(&s.router, user, password).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{user}/{password}");
        assert_eq!(reply.body, "wrong username or password");
        assert!(set_cookies(&reply.headers).is_empty());
    }
    let headers = [(CONTENT_TYPE.as_str(), FORM), (ORIGIN.as_str(), ORIGIN_OK)];
    let reply = call(
        &s.router,
        Method::POST,
        "/login",
        &headers,
        "username=ada&password=nope",
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn unreadable_login_bodies_are_refused() {
    let s = service().await;
    let json = [(CONTENT_TYPE.as_str(), "application/json")];
    let reply = call(&s.router, Method::POST, "/login", &json, "{not json").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = call(
        &s.router,
        Method::POST,
        "/login",
        &json,
        r#"{"username":"ada"}"#,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    let reply = call(
        &s.router,
        Method::POST,
        "/login",
        &[],
        r#"{"username":"ada","password":"lovelace"}"#,
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let form = [(CONTENT_TYPE.as_str(), FORM), (ORIGIN.as_str(), ORIGIN_OK)];
    let reply = call(&s.router, Method::POST, "/login", &form, "username=ada").await;
    assert!(reply.status.is_client_error(), "{reply:?}");
}

#[tokio::test]
async fn a_login_form_posted_from_another_site_is_refused() {
    let s = service().await;
    // Login CSRF: a page elsewhere would log the visitor in as the attacker.
    let body = "username=alan&password=turing";
    for (headers, code) in [
        (
            vec![(ORIGIN.as_str(), "http://localhost:3001")],
            "csrf.origin_mismatch",
        ),
        (
            vec![(ORIGIN.as_str(), "http://127.0.0.1:3001")],
            "csrf.origin_mismatch",
        ),
        (vec![(ORIGIN.as_str(), "null")], "csrf.origin_mismatch"),
        (
            vec![(REFERER.as_str(), "http://evil.test/page")],
            "csrf.origin_mismatch",
        ),
        (vec![], "csrf.missing_origin"),
    ] {
        let mut headers = headers;
        headers.push((CONTENT_TYPE.as_str(), FORM));
        let reply = call(&s.router, Method::POST, "/login", &headers, body).await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{headers:?}");
        assert_eq!(reply.code(), code);
        assert!(set_cookies(&reply.headers).is_empty());
    }
    // The page's own Referer (no Origin) passes.
    let headers = [
        (CONTENT_TYPE.as_str(), FORM),
        (REFERER.as_str(), "http://127.0.0.1:3000/"),
    ];
    let reply = call(&s.router, Method::POST, "/login", &headers, body).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn me_answers_with_the_claims_from_a_bearer_token_or_the_cookie() {
    let s = service().await;
    let (access, _) = tokens(&s.router).await;
    let reply = me_bearer(&s.router, &access).await;
    assert_eq!(reply.status, StatusCode::OK);
    let claims = reply.json();
    assert_eq!(
        (claims["sub"].as_str(), claims["scope"].as_str()),
        (Some("ada"), Some("data:read"))
    );
    assert_eq!(claims["exp"], common::START + 300);
    let cookie = format!("theme=dark; access_token={access}");
    let reply = call(
        &s.router,
        Method::GET,
        "/me",
        &[(COOKIE.as_str(), &cookie)],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn me_without_a_valid_token_is_401_with_a_challenge() {
    let s = service().await;
    let reply = call(&s.router, Method::GET, "/me", &[], "").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.headers[WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    assert_eq!(reply.code(), "missing_token");

    let reply = me_bearer(&s.router, "not.a.jwt").await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.headers[WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .contains("invalid_token"));

    // A token of another auth server (another key) is refused.
    let other = service().await;
    let (foreign, _) = tokens(&other.router).await;
    let reply = me_bearer(&s.router, &foreign).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED, "{reply:?}");

    // The refresh token is not an access token.
    let (_, refresh) = tokens(&s.router).await;
    assert_eq!(
        me_bearer(&s.router, &refresh).await.status,
        StatusCode::UNAUTHORIZED
    );

    // Ambiguous credentials: 400.
    let two = [
        (AUTHORIZATION.as_str(), "Bearer a.b.c"),
        (AUTHORIZATION.as_str(), "Bearer d.e.f"),
    ];
    let reply = call(&s.router, Method::GET, "/me", &two, "").await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn an_expired_access_token_is_refused_and_a_refresh_replaces_it() {
    let s = service().await;
    let (access, refresh) = tokens(&s.router).await;
    s.clock
        .advance(ACCESS_TTL.saturating_sub(Duration::from_secs(1)));
    assert_eq!(me_bearer(&s.router, &access).await.status, StatusCode::OK);
    s.clock.advance(Duration::from_secs(1));
    let reply = me_bearer(&s.router, &access).await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert_eq!(reply.code(), "claims.expired");

    let reply = refresh_json(&s.router, &refresh).await;
    assert_eq!(reply.status, StatusCode::OK, "{reply:?}");
    let fresh = reply.json()["access_token"].as_str().unwrap().to_owned();
    assert_eq!(reply.json()["expires_at"], common::START + 600);
    assert_eq!(me_bearer(&s.router, &fresh).await.status, StatusCode::OK);
}

#[tokio::test]
async fn refresh_rotates_and_a_reused_refresh_token_revokes_the_whole_session() {
    let s = service().await;
    let (access1, refresh1) = tokens(&s.router).await;
    let reply = refresh_json(&s.router, &refresh1).await;
    assert_eq!(reply.status, StatusCode::OK);
    let (access2, refresh2) = (
        reply.json()["access_token"].as_str().unwrap().to_owned(),
        reply.json()["refresh_token"].as_str().unwrap().to_owned(),
    );
    assert_ne!(refresh1, refresh2);
    assert_eq!(me_bearer(&s.router, &access2).await.status, StatusCode::OK);

    // The rotated token again: theft. Refused, and the family is revoked...
    let reply = refresh_json(&s.router, &refresh1).await;
    assert_grant_refused(&reply, "reuse_detected");
    // ...every access token of it...
    for access in [&access1, &access2] {
        let reply = me_bearer(&s.router, access).await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.code(), "revoked");
    }
    // ...and its newest refresh token.
    let reply = refresh_json(&s.router, &refresh2).await;
    assert_grant_refused(&reply, "revoked");
}

#[tokio::test]
async fn refresh_refuses_bad_tokens_and_missing_bodies() {
    let s = service().await;
    let reply = refresh_json(&s.router, "jrt1.garbage").await;
    assert_grant_refused(&reply, "invalid");
    let (access, _) = tokens(&s.router).await;
    let reply = refresh_json(&s.router, &access).await;
    assert_grant_refused(&reply, "invalid");
    // Neither a cookie nor a JSON body.
    let reply = call(&s.router, Method::POST, "/refresh", &[], "").await;
    assert!(reply.status.is_client_error(), "{reply:?}");
    // After the idle timeout (7 days by default) the session is over.
    let (_, refresh) = tokens(&s.router).await;
    s.clock.advance(Duration::from_secs(7 * 24 * 3600));
    let reply = refresh_json(&s.router, &refresh).await;
    assert_grant_refused(&reply, "expired");
}

#[tokio::test]
async fn refresh_through_the_cookie_answers_with_cookies_only_and_checks_the_origin() {
    let s = service().await;
    let (_, refresh) = tokens(&s.router).await;
    let cookie = format!("refresh_token={refresh}");

    // A page of another origin (even same-site 127.0.0.1, another port) posting with the
    // cookie: refused, and the token is not rotated.
    let foreign = [
        (COOKIE.as_str(), cookie.as_str()),
        (ORIGIN.as_str(), "http://127.0.0.1:3001"),
    ];
    let reply = call(&s.router, Method::POST, "/refresh", &foreign, "").await;
    assert_eq!(
        (reply.status, reply.code().as_str()),
        (StatusCode::FORBIDDEN, "csrf.origin_mismatch")
    );

    let own = [
        (COOKIE.as_str(), cookie.as_str()),
        (ORIGIN.as_str(), ORIGIN_OK),
    ];
    let reply = call(&s.router, Method::POST, "/refresh", &own, "").await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{reply:?}");
    assert!(
        reply.body.is_empty(),
        "tokens must not reach the page's scripts"
    );
    let next = reply.cookie("refresh_token");
    assert_ne!(cookie_value(&next), refresh);
    let access = reply.cookie("access_token");
    assert_eq!(
        me_bearer(&s.router, cookie_value(&access)).await.status,
        StatusCode::OK
    );

    // Two refresh cookies (one per path, say): ambiguous, refused.
    let two = format!(
        "refresh_token={refresh}; refresh_token={}",
        cookie_value(&next)
    );
    let reply = call(
        &s.router,
        Method::POST,
        "/refresh",
        &[(COOKIE.as_str(), &two), (ORIGIN.as_str(), ORIGIN_OK)],
        "",
    )
    .await;
    assert_eq!(
        (reply.status, reply.code().as_str()),
        (StatusCode::BAD_REQUEST, "cookie.duplicate")
    );
    assert_eq!(reply.json()["error"], "invalid_request");
}

#[tokio::test]
async fn logout_revokes_the_session_and_clears_the_cookies() {
    let s = service().await;
    let (access, refresh) = tokens(&s.router).await;
    let bearer = format!("Bearer {access}");
    let reply = call(
        &s.router,
        Method::POST,
        "/logout",
        &[(AUTHORIZATION.as_str(), &bearer)],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::NO_CONTENT, "{reply:?}");
    for name in ["access_token", "refresh_token"] {
        let cleared = reply.cookie(name);
        assert!(
            cleared.starts_with(&format!("{name}=;")) && cleared.contains("Max-Age=0"),
            "{cleared}"
        );
    }
    let reply = me_bearer(&s.router, &access).await;
    assert_eq!(
        (reply.status, reply.code().as_str()),
        (StatusCode::UNAUTHORIZED, "revoked")
    );
    let reply = refresh_json(&s.router, &refresh).await;
    assert_grant_refused(&reply, "revoked");
    // Logging out again with the revoked token: 401.
    let reply = call(
        &s.router,
        Method::POST,
        "/logout",
        &[(AUTHORIZATION.as_str(), &bearer)],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    // Without any token: 401.
    assert_eq!(
        call(&s.router, Method::POST, "/logout", &[], "")
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn a_cross_site_post_with_the_cookie_is_refused_and_the_page_logout_works() {
    let s = service().await;
    let (access, _) = tokens(&s.router).await;
    let cookie = format!("access_token={access}");
    for origin in [
        "http://localhost:3001",
        "http://127.0.0.1:3001",
        "https://127.0.0.1:3000",
    ] {
        let headers = [
            (COOKIE.as_str(), cookie.as_str()),
            (CONTENT_TYPE.as_str(), FORM),
            (ORIGIN.as_str(), origin),
        ];
        let reply = call(&s.router, Method::POST, "/logout", &headers, "").await;
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (StatusCode::FORBIDDEN, "csrf.origin_mismatch"),
            "{origin}"
        );
    }
    let headers = [
        (COOKIE.as_str(), cookie.as_str()),
        (CONTENT_TYPE.as_str(), FORM),
    ];
    let reply = call(&s.router, Method::POST, "/logout", &headers, "").await;
    assert_eq!(
        (reply.status, reply.code().as_str()),
        (StatusCode::FORBIDDEN, "csrf.missing_origin")
    );
    // The session survived every forged request.
    assert_eq!(me_bearer(&s.router, &access).await.status, StatusCode::OK);

    let headers = [
        (COOKIE.as_str(), cookie.as_str()),
        (CONTENT_TYPE.as_str(), FORM),
        (ORIGIN.as_str(), ORIGIN_OK),
    ];
    let reply = call(&s.router, Method::POST, "/logout", &headers, "").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.headers[LOCATION], "/");
    assert!(reply.cookie("access_token").contains("Max-Age=0"));
    assert_eq!(
        me_bearer(&s.router, &access).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_jwk_set_publishes_the_public_key_under_its_thumbprint() {
    let s = service().await;
    let reply = call(&s.router, Method::GET, "/.well-known/jwks.json", &[], "").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.headers[CONTENT_TYPE], "application/jwk-set+json");
    let set = reply.json();
    let keys = set["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 1);
    let jwk = &keys[0];
    assert_eq!(
        (jwk["kty"].as_str(), jwk["crv"].as_str()),
        (Some("EC"), Some("P-256"))
    );
    assert!(jwk.get("d").is_none(), "private scalar published: {jwk}");
    let thumbprint = s.key.verifying_key().thumbprint();
    assert_eq!(jwk["kid"].as_str(), Some(thumbprint.as_str()));

    // Access tokens name that kid, and the set alone verifies them.
    let (access, _) = tokens(&s.router).await;
    let untrusted = UntrustedToken::parse(&access).unwrap();
    assert_eq!(untrusted.header().key_id(), Some(thumbprint.as_str()));
    let (keys, skipped) = KeySet::from_jwks_json(&reply.body).unwrap();
    assert!(skipped.is_empty());
    let validation = Validation::new()
        .with_clock(Arc::clone(&s.clock))
        .with_type("at+jwt");
    let verified = keys.decode::<Value>(&access, &validation).unwrap();
    assert_eq!(verified.claims()["sub"], "ada");
}

#[tokio::test]
async fn the_page_is_a_login_form_without_scripts_that_touch_tokens() {
    let s = service().await;
    let reply = call(&s.router, Method::GET, "/", &[], "").await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.headers[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    for needle in [
        r#"action="/login""#,
        r#"action="/logout""#,
        r#"id="whoami""#,
    ] {
        assert!(reply.body.contains(needle), "{needle}");
    }
    assert!(!reply.body.contains("document.cookie") && !reply.body.contains("localStorage"));
}

#[tokio::test]
async fn unknown_routes_and_methods_are_refused() {
    let s = service().await;
    assert_eq!(
        call(&s.router, Method::GET, "/nope", &[], "").await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        call(&s.router, Method::GET, "/login", &[], "").await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    assert_eq!(
        call(&s.router, Method::GET, "/logout", &[], "")
            .await
            .status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[tokio::test]
async fn the_resource_server_refuses_requests_without_a_usable_token() {
    // Nothing listens at this URL: these requests are refused before any key is needed.
    let router = common::app::resource_router("http://127.0.0.1:9/.well-known/jwks.json").unwrap();
    let reply = call(&router, Method::GET, "/data", &[], "").await;
    assert_eq!(
        (reply.status, reply.code().as_str()),
        (StatusCode::UNAUTHORIZED, "missing_token")
    );
    let reply = call(
        &router,
        Method::GET,
        "/data",
        &[(AUTHORIZATION.as_str(), "Bearer ")],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    // A token it cannot check, with its JWK Set unreachable: 503, not 401.
    let s = service().await;
    let (access, _) = tokens(&s.router).await;
    let bearer = format!("Bearer {access}");
    let reply = call(
        &router,
        Method::GET,
        "/data",
        &[(AUTHORIZATION.as_str(), &bearer)],
        "",
    )
    .await;
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{reply:?}");
}
