//! Every rejection path and every accept path of the extractors, through a real axum
//! `Router` driven by `tower::ServiceExt::oneshot` (no socket).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::routing::get;
use axum::Router;
use http::{header, HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use jwtcraft::{encode, FixedClock, Header, Hs256Key, KeySet, NumericDate, Validation};
use jwtcraft_axum::{
    Claims, CsrfPolicy, InsufficientScope, JwtAuth, StaticKeys, TokenSource, Verified,
};
use serde_json::{json, Value};
use tower::ServiceExt;

const NOW: i64 = 1_800_000_000;
const ORIGIN: &str = "https://app.example.com";

#[derive(Debug, Clone, serde::Deserialize)]
struct User {
    sub: String,
    #[serde(default)]
    scope: String,
}

fn clock() -> FixedClock {
    FixedClock(NumericDate::from_unix_seconds(NOW))
}

fn key(id: &str, byte: u8) -> Hs256Key {
    Hs256Key::new(&[byte; 32]).unwrap().with_key_id(id)
}

fn token_for(key: &Hs256Key, sub: &str, exp: i64) -> String {
    let claims = json!({"sub": sub, "exp": exp, "scope": "read"});
    encode(&Header::new(), &claims, key).unwrap()
}

fn token(sub: &str) -> String {
    token_for(&key("k1", 1), sub, NOW + 600)
}

fn keys() -> Arc<StaticKeys> {
    let validation = Validation::new().with_clock(clock());
    Arc::new(StaticKeys::new(
        KeySet::new().with_key(key("k1", 1)),
        validation,
    ))
}

fn auth_with(keys: Arc<StaticKeys>) -> JwtAuth<User> {
    JwtAuth::new(keys)
        .with_cookie("access_token")
        .with_csrf(CsrfPolicy::origin_check([ORIGIN]).unwrap())
        .with_realm("api")
        .unwrap()
}

fn auth() -> JwtAuth<User> {
    auth_with(keys())
}

async fn me(Claims(user): Claims<User>) -> String {
    user.sub
}

async fn maybe(user: Option<Claims<User>>) -> String {
    user.map_or_else(|| "anonymous".to_owned(), |u| u.0.sub)
}

async fn maybe_source(verified: Option<Verified<User>>) -> String {
    verified.map_or_else(|| "none".to_owned(), |v| format!("{:?}", v.source()))
}

async fn source(verified: Verified<User>) -> String {
    match verified.source() {
        TokenSource::Bearer => format!("bearer:{}", verified.sub),
        TokenSource::Cookie(name) => format!("cookie {name}:{}", verified.sub),
        _ => "other".to_owned(),
    }
}

async fn write(
    State(auth): State<JwtAuth<User>>,
    Claims(user): Claims<User>,
) -> Result<&'static str, InsufficientScope> {
    auth.require_scope(&user.scope, "write")?;
    Ok("written")
}

fn app(auth: JwtAuth<User>) -> Router {
    Router::new()
        .route("/me", get(me).post(me))
        .route("/maybe", get(maybe))
        .route("/source", get(source))
        .route("/maybe_source", get(maybe_source))
        .route("/write", get(write))
        .with_state(auth)
}

struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }

    fn challenge(&self) -> Option<&str> {
        self.headers
            .get(header::WWW_AUTHENTICATE)
            .map(|v| v.to_str().unwrap())
    }

    /// The rejection contract: status, challenge, `no-store`, JSON body, exactly.
    #[track_caller]
    #[allow(clippy::needless_pass_by_value)] // callers build the expected body inline
    fn assert_rejected(&self, status: u16, challenge: Option<&str>, body: Value) {
        assert_eq!(self.status.as_u16(), status, "{}", self.body);
        assert_eq!(self.challenge(), challenge);
        assert_eq!(self.headers[header::CACHE_CONTROL], "no-store");
        assert_eq!(self.headers[header::CONTENT_TYPE], "application/json");
        assert_eq!(self.json(), body);
    }

    #[track_caller]
    fn assert_ok(&self, body: &str) {
        assert_eq!(self.status, StatusCode::OK, "{}", self.body);
        assert_eq!(self.body, body);
    }
}

async fn send_to(app: Router, method: &str, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .oneshot(request.body(axum::body::Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

async fn send(method: &str, uri: &str, headers: &[(&str, &str)]) -> Reply {
    send_to(app(auth()), method, uri, headers).await
}

fn invalid_token(code: &str, description: &str) -> (Option<String>, Value) {
    (
        Some(format!(
            r#"Bearer realm="api", error="invalid_token", error_description="{description}""#
        )),
        json!({"error": "invalid_token", "code": code, "description": description}),
    )
}

fn invalid_request(code: &str, description: &str) -> (Option<String>, Value) {
    (
        Some(format!(
            r#"Bearer realm="api", error="invalid_request", error_description="{description}""#
        )),
        json!({"error": "invalid_request", "code": code, "description": description}),
    )
}

mod bearer {
    use super::*;

    #[tokio::test]
    async fn a_valid_token_is_accepted() {
        let auth = format!("Bearer {}", token("ada"));
        send("GET", "/me", &[("authorization", &auth)])
            .await
            .assert_ok("ada");
        let lower = format!("bearer   {}", token("ada"));
        send("GET", "/me", &[("authorization", &lower)])
            .await
            .assert_ok("ada");
    }

    #[tokio::test]
    async fn no_token_is_401_without_an_error_attribute() {
        let body = json!({"error": "unauthorized", "code": "missing_token", "description": "no access token in the request"});
        let reply = send("GET", "/me", &[]).await;
        reply.assert_rejected(401, Some(r#"Bearer realm="api""#), body.clone());
        // Another scheme is not a bearer token: still "missing".
        let reply = send("GET", "/me", &[("authorization", "Basic dXNlcjpwYXNz")]).await;
        reply.assert_rejected(401, Some(r#"Bearer realm="api""#), body.clone());
        // A tab after the scheme makes it another scheme (RFC 9110: one or more spaces).
        let tab = format!("Bearer\t{}", token("ada"));
        let reply = send("GET", "/me", &[("authorization", &tab)]).await;
        reply.assert_rejected(401, Some(r#"Bearer realm="api""#), body);
    }

    #[tokio::test]
    async fn a_malformed_bearer_header_is_400_invalid_request() {
        for (value, code, description) in [
            ("Bearer ", "bearer.empty", "bearer token is empty"),
            (
                "Bearer a b",
                "bearer.invalid_character",
                "bearer token has characters outside the token68 set",
            ),
            (
                "Bearer a.b.c,x",
                "bearer.invalid_character",
                "bearer token has characters outside the token68 set",
            ),
        ] {
            let (challenge, body) = invalid_request(code, description);
            let reply = send("GET", "/me", &[("authorization", value)]).await;
            reply.assert_rejected(400, challenge.as_deref(), body);
        }
    }

    #[tokio::test]
    async fn two_authorization_headers_are_refused() {
        let auth = format!("Bearer {}", token("ada"));
        let (challenge, body) = invalid_request(
            "authorization.duplicate",
            "more than one authorization header",
        );
        let reply = send(
            "GET",
            "/me",
            &[("authorization", &auth), ("authorization", &auth)],
        )
        .await;
        reply.assert_rejected(400, challenge.as_deref(), body);
    }

    #[tokio::test]
    async fn a_non_ascii_authorization_header_is_refused() {
        let request = Request::get("/me")
            .header(
                "authorization",
                http::HeaderValue::from_bytes(b"Bearer a\xff").unwrap(),
            )
            .body(axum::body::Body::empty())
            .unwrap();
        let response = app(auth()).oneshot(request).await.unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST);
        assert_eq!(
            response.headers()[header::WWW_AUTHENTICATE],
            r#"Bearer realm="api", error="invalid_request", error_description="authorization header is not visible ascii""#
        );
    }

    #[tokio::test]
    async fn a_malformed_token_is_401_invalid_token() {
        let (challenge, body) = invalid_token(
            "malformed.segment_count",
            "token must have exactly 3 segments separated by dots",
        );
        let reply = send("GET", "/me", &[("authorization", "Bearer abc")]).await;
        reply.assert_rejected(401, challenge.as_deref(), body);
    }

    #[tokio::test]
    async fn a_bad_signature_is_401() {
        let forged = token_for(&key("k1", 2), "ada", NOW + 600);
        let (challenge, body) = invalid_token("signature.invalid", "invalid signature");
        let reply = send(
            "GET",
            "/me",
            &[("authorization", &format!("Bearer {forged}"))],
        )
        .await;
        reply.assert_rejected(401, challenge.as_deref(), body);
    }

    #[tokio::test]
    async fn an_expired_token_is_401_with_the_core_code() {
        // Expired beyond the default 30 s leeway, judged by the fixed clock.
        let old = token_for(&key("k1", 1), "ada", NOW - 31);
        let (challenge, body) = invalid_token("claims.expired", "token expired");
        let reply = send("GET", "/me", &[("authorization", &format!("Bearer {old}"))]).await;
        reply.assert_rejected(401, challenge.as_deref(), body);
    }

    #[tokio::test]
    async fn a_token_of_the_wrong_type_is_401() {
        let validation = Validation::new().with_clock(clock()).with_type("at+jwt");
        let keys = Arc::new(StaticKeys::new(
            KeySet::new().with_key(key("k1", 1)),
            validation,
        ));
        let reply = send_to(
            app(auth_with(keys)),
            "GET",
            "/me",
            &[("authorization", &format!("Bearer {}", token("ada")))],
        )
        .await;
        let (challenge, body) = invalid_token("claims.invalid_type", "token type is not accepted");
        reply.assert_rejected(401, challenge.as_deref(), body);
    }

    #[tokio::test]
    async fn attacker_text_in_the_description_is_cut_and_quoted_safely() {
        // A kid with quotes and a backslash: the core escapes it, the challenge replaces
        // what a quoted string cannot hold.
        let evil = key("k\"1\\", 1);
        let t = encode(&Header::new(), &json!({"sub": "x", "exp": NOW + 60}), &evil).unwrap();
        let reply = send("GET", "/me", &[("authorization", &format!("Bearer {t}"))]).await;
        let description = "no key with id 'k?'1??'";
        assert!(!description.contains('"'));
        let (challenge, body) = invalid_token("header.unknown_key_id", description);
        reply.assert_rejected(401, challenge.as_deref(), body);
    }
}

mod cookie {
    use super::*;

    #[tokio::test]
    async fn a_cookie_carried_token_is_accepted() {
        let cookie = format!("theme=dark; access_token={}", token("ada"));
        send("GET", "/source", &[("cookie", &cookie)])
            .await
            .assert_ok("cookie access_token:ada");
        let auth = format!("Bearer {}", token("ada"));
        send("GET", "/source", &[("authorization", &auth)])
            .await
            .assert_ok("bearer:ada");
    }

    #[tokio::test]
    async fn sources_are_tried_in_the_configured_order() {
        let bearer = format!("Bearer {}", token("from-header"));
        let cookie = format!("access_token={}", token("from-cookie"));
        let both = [
            ("authorization", bearer.as_str()),
            ("cookie", cookie.as_str()),
        ];
        send("GET", "/me", &both).await.assert_ok("from-header");

        let cookie_first =
            auth().with_sources([TokenSource::cookie("access_token"), TokenSource::Bearer]);
        send_to(app(cookie_first.clone()), "GET", "/me", &both)
            .await
            .assert_ok("from-cookie");
        // Without the cookie, the next source is used.
        send_to(app(cookie_first), "GET", "/me", &both[..1])
            .await
            .assert_ok("from-header");
        // A non-Bearer Authorization header falls through to the cookie.
        send("GET", "/me", &[("authorization", "Basic eDp5"), both[1]])
            .await
            .assert_ok("from-cookie");
    }

    #[tokio::test]
    async fn a_duplicated_token_cookie_is_refused() {
        let a = format!("access_token={}", token("a"));
        let b = format!("access_token={}", token("b"));
        let (challenge, body) =
            invalid_request("cookie.duplicate", "cookie is present more than once");
        let joined = format!("{a}; {b}");
        let reply = send("GET", "/me", &[("cookie", &joined)]).await;
        reply.assert_rejected(400, challenge.as_deref(), body.clone());
        // The same across two Cookie headers (HTTP/2 splits them).
        let reply = send("GET", "/me", &[("cookie", &a), ("cookie", &b)]).await;
        reply.assert_rejected(400, challenge.as_deref(), body);
    }

    #[tokio::test]
    async fn a_malformed_cookie_value_is_refused() {
        let (challenge, body) = invalid_request(
            "cookie.invalid_value",
            "cookie value has characters outside the cookie-octet set",
        );
        let reply = send("GET", "/me", &[("cookie", "access_token=a\\b")]).await;
        reply.assert_rejected(400, challenge.as_deref(), body);
    }
}

mod csrf {
    use super::*;

    fn cookie() -> String {
        format!("access_token={}", token("ada"))
    }

    fn csrf_body(code: &str, description: &str) -> Value {
        json!({"error": "csrf", "code": code, "description": description})
    }

    #[tokio::test]
    async fn an_allowed_origin_passes() {
        let c = cookie();
        send("POST", "/me", &[("cookie", &c), ("origin", ORIGIN)])
            .await
            .assert_ok("ada");
        // Origins compare case-insensitively.
        send(
            "POST",
            "/me",
            &[("cookie", &c), ("origin", "HTTPS://APP.example.com")],
        )
        .await
        .assert_ok("ada");
    }

    #[tokio::test]
    async fn another_origin_is_403() {
        let c = cookie();
        let body = csrf_body("csrf.origin_mismatch", "request origin is not allowed");
        for origin in [
            "https://evil.example",
            "null",
            "https://app.example.com.evil.example",
        ] {
            let reply = send("POST", "/me", &[("cookie", &c), ("origin", origin)]).await;
            reply.assert_rejected(403, None, body.clone());
        }
    }

    #[tokio::test]
    async fn the_referer_stands_in_for_a_missing_origin() {
        let c = cookie();
        send(
            "POST",
            "/me",
            &[
                ("cookie", &c),
                ("referer", "https://app.example.com/page?q=1"),
            ],
        )
        .await
        .assert_ok("ada");
        let reply = send(
            "POST",
            "/me",
            &[("cookie", &c), ("referer", "https://evil.example/")],
        )
        .await;
        reply.assert_rejected(
            403,
            None,
            csrf_body("csrf.origin_mismatch", "request origin is not allowed"),
        );
        // Origin wins over Referer.
        let reply = send(
            "POST",
            "/me",
            &[
                ("cookie", &c),
                ("origin", "https://evil.example"),
                ("referer", "https://app.example.com/"),
            ],
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
    }

    #[tokio::test]
    async fn neither_origin_nor_referer_is_403() {
        let reply = send("POST", "/me", &[("cookie", &cookie())]).await;
        reply.assert_rejected(
            403,
            None,
            csrf_body(
                "csrf.missing_origin",
                "request has neither origin nor referer",
            ),
        );
    }

    #[tokio::test]
    async fn safe_methods_and_bearer_tokens_skip_the_check() {
        send("GET", "/me", &[("cookie", &cookie())])
            .await
            .assert_ok("ada");
        let auth = format!("Bearer {}", token("ada"));
        send(
            "POST",
            "/me",
            &[("authorization", &auth), ("origin", "https://evil.example")],
        )
        .await
        .assert_ok("ada");
    }

    #[tokio::test]
    async fn the_default_policy_refuses_every_unsafe_cookie_request() {
        let auth = JwtAuth::new(keys()).with_cookie("access_token");
        let reply = send_to(
            app(auth),
            "POST",
            "/me",
            &[("cookie", &cookie()), ("origin", ORIGIN)],
        )
        .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert_eq!(reply.json()["code"], "csrf.origin_mismatch");
    }

    #[tokio::test]
    async fn double_submit() {
        let auth = auth().with_csrf(CsrfPolicy::double_submit("csrf", "x-csrf-token").unwrap());
        let csrf = jwtcraft_axum::mint_csrf_token().unwrap();
        let both = format!("{}; csrf={csrf}", cookie());
        send_to(
            app(auth.clone()),
            "POST",
            "/me",
            &[("cookie", &both), ("x-csrf-token", &csrf)],
        )
        .await
        .assert_ok("ada");

        let other = jwtcraft_axum::mint_csrf_token().unwrap();
        let reply = send_to(
            app(auth.clone()),
            "POST",
            "/me",
            &[("cookie", &both), ("x-csrf-token", &other)],
        )
        .await;
        reply.assert_rejected(
            403,
            None,
            csrf_body("csrf.token_mismatch", "csrf token mismatch"),
        );

        let reply = send_to(app(auth.clone()), "POST", "/me", &[("cookie", &both)]).await;
        reply.assert_rejected(
            403,
            None,
            csrf_body("csrf.missing_token", "csrf token missing"),
        );

        let reply = send_to(
            app(auth.clone()),
            "POST",
            "/me",
            &[("cookie", &cookie()), ("x-csrf-token", &csrf)],
        )
        .await;
        reply.assert_rejected(
            403,
            None,
            csrf_body("csrf.missing_token", "csrf token missing"),
        );

        let twice = format!("{both}; csrf={csrf}");
        let reply = send_to(
            app(auth),
            "POST",
            "/me",
            &[("cookie", &twice), ("x-csrf-token", &csrf)],
        )
        .await;
        reply.assert_rejected(
            403,
            None,
            csrf_body("csrf.bad_cookie", "csrf cookie is ambiguous or malformed"),
        );
    }
}

mod optional {
    use super::*;

    #[tokio::test]
    async fn absent_is_none_present_is_some_bad_is_still_rejected() {
        send("GET", "/maybe", &[]).await.assert_ok("anonymous");
        send("GET", "/maybe", &[("authorization", "Basic eDp5")])
            .await
            .assert_ok("anonymous");
        let auth = format!("Bearer {}", token("ada"));
        send("GET", "/maybe", &[("authorization", &auth)])
            .await
            .assert_ok("ada");

        send("GET", "/maybe_source", &[]).await.assert_ok("none");
        let cookie = format!("access_token={}", token("ada"));
        send("GET", "/maybe_source", &[("cookie", &cookie)])
            .await
            .assert_ok(r#"Cookie("access_token")"#);

        let forged = format!("Bearer {}", token_for(&key("k1", 9), "ada", NOW + 60));
        let (challenge, body) = invalid_token("signature.invalid", "invalid signature");
        let reply = send("GET", "/maybe", &[("authorization", &forged)]).await;
        reply.assert_rejected(401, challenge.as_deref(), body);
    }
}

mod scope {
    use super::*;

    #[tokio::test]
    async fn insufficient_scope_is_403_with_the_scope() {
        let auth = format!("Bearer {}", token("ada"));
        let reply = send("GET", "/write", &[("authorization", &auth)]).await;
        reply.assert_rejected(
            403,
            Some(r#"Bearer realm="api", error="insufficient_scope", error_description="the token lacks the scope this resource requires", scope="write""#),
            json!({"error": "insufficient_scope", "code": "insufficient_scope", "description": "the token lacks the scope this resource requires"}),
        );
    }
}

mod rotation {
    use super::*;

    #[tokio::test]
    async fn swapped_keys_take_effect_at_once() {
        let keys = keys();
        let app = app(auth_with(keys.clone()));
        let old = format!("Bearer {}", token_for(&key("k1", 1), "ada", NOW + 60));
        let new = format!("Bearer {}", token_for(&key("k2", 2), "ada", NOW + 60));
        send_to(app.clone(), "GET", "/me", &[("authorization", &old)])
            .await
            .assert_ok("ada");
        assert_eq!(
            send_to(app.clone(), "GET", "/me", &[("authorization", &new)])
                .await
                .status,
            401
        );

        let previous = keys.swap_keys(KeySet::new().with_key(key("k2", 2)));
        assert_eq!(previous.keys().len(), 1);

        let (challenge, body) = invalid_token("header.unknown_key_id", "no key with id 'k1'");
        send_to(app.clone(), "GET", "/me", &[("authorization", &old)])
            .await
            .assert_rejected(401, challenge.as_deref(), body);
        send_to(app, "GET", "/me", &[("authorization", &new)])
            .await
            .assert_ok("ada");
    }
}

#[cfg(feature = "session")]
mod session {
    use super::*;
    use jwtcraft_session::{AccessClaims, MemoryStore, SessionConfig, SessionManager};

    #[derive(Debug, Clone, serde::Deserialize)]
    struct Extra {
        role: String,
    }

    async fn whoami(Claims(c): Claims<AccessClaims<Extra>>) -> String {
        format!("{}:{}", c.subject, c.extra.role)
    }

    fn manager() -> Arc<SessionManager<MemoryStore>> {
        let key = Hs256Key::new(&[5; 32]).unwrap();
        let config = SessionConfig::new()
            .with_access_ttl(Duration::from_secs(300))
            .with_clock(clock());
        Arc::new(SessionManager::new(MemoryStore::new(), key.clone(), key, config).unwrap())
    }

    fn session_app(sessions: &Arc<SessionManager<MemoryStore>>) -> Router {
        let auth: JwtAuth<AccessClaims<Extra>> =
            JwtAuth::new(sessions.clone()).with_realm("api").unwrap();
        Router::new().route("/whoami", get(whoami)).with_state(auth)
    }

    #[tokio::test]
    async fn a_logged_out_session_is_refused() {
        let sessions = manager();
        sessions.sync().await.unwrap();
        let pair = sessions
            .login_with_claims("ada", &json!({"role": "admin"}))
            .await
            .unwrap();
        let bearer = format!("Bearer {}", pair.access_token);
        send_to(
            session_app(&sessions),
            "GET",
            "/whoami",
            &[("authorization", &bearer)],
        )
        .await
        .assert_ok("ada:admin");

        assert!(sessions.logout(&pair.family).await.unwrap());
        let (challenge, body) = invalid_token("revoked", "token revoked");
        send_to(
            session_app(&sessions),
            "GET",
            "/whoami",
            &[("authorization", &bearer)],
        )
        .await
        .assert_rejected(401, challenge.as_deref(), body);
    }

    #[tokio::test]
    async fn a_refresh_token_is_not_an_access_token() {
        let sessions = manager();
        sessions.sync().await.unwrap();
        let pair = sessions
            .login_with_claims("ada", &json!({"role": "admin"}))
            .await
            .unwrap();
        let bearer = format!("Bearer {}", pair.refresh_token.as_str());
        let reply = send_to(
            session_app(&sessions),
            "GET",
            "/whoami",
            &[("authorization", &bearer)],
        )
        .await;
        assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
        assert_eq!(reply.json()["error"], "invalid_token");
    }

    #[tokio::test]
    async fn an_unsynced_mirror_is_503_not_401() {
        // Never synced: the manager cannot vouch that the token is not revoked.
        let sessions = manager();
        let pair = sessions
            .login_with_claims("ada", &json!({"role": "admin"}))
            .await
            .unwrap();
        let bearer = format!("Bearer {}", pair.access_token);
        let reply = send_to(
            session_app(&sessions),
            "GET",
            "/whoami",
            &[("authorization", &bearer)],
        )
        .await;
        reply.assert_rejected(
            503,
            None,
            json!({"error": "temporarily_unavailable", "code": "store_unavailable", "description": "token verifier unavailable"}),
        );
    }
}

mod custom_verifier {
    use super::*;
    use jwtcraft_axum::{TokenVerifier, VerifyError};

    /// Refuses one subject with its own code, and is "down" for another.
    struct Picky;

    impl TokenVerifier<User> for Picky {
        async fn verify(&self, token: &str) -> Result<User, VerifyError> {
            match token {
                "down.x.y" => Err(VerifyError::Unavailable {
                    code: "jwks_unavailable",
                    source: Some("connection refused".into()),
                }),
                "tenant.x.y" => Err(VerifyError::Refused {
                    code: "tenant_disabled",
                    description: "tenant is disabled",
                }),
                _ => Ok(User {
                    sub: token.to_owned(),
                    scope: String::new(),
                }),
            }
        }
    }

    fn picky_app() -> Router {
        // No realm: the challenge has no realm attribute.
        app(JwtAuth::new(Picky))
    }

    #[tokio::test]
    async fn unavailable_is_503_refused_is_401_with_its_code() {
        send_to(
            picky_app(),
            "GET",
            "/me",
            &[("authorization", "Bearer a.b.c")],
        )
        .await
        .assert_ok("a.b.c");
        send_to(picky_app(), "GET", "/me", &[("authorization", "Bearer down.x.y")])
            .await
            .assert_rejected(
                503,
                None,
                json!({"error": "temporarily_unavailable", "code": "jwks_unavailable", "description": "token verifier unavailable"}),
            );
        send_to(picky_app(), "GET", "/me", &[("authorization", "Bearer tenant.x.y")])
            .await
            .assert_rejected(
                401,
                Some(r#"Bearer error="invalid_token", error_description="tenant is disabled""#),
                json!({"error": "invalid_token", "code": "tenant_disabled", "description": "tenant is disabled"}),
            );
        send_to(picky_app(), "GET", "/me", &[])
            .await
            .assert_rejected(
                401,
                Some("Bearer"),
                json!({"error": "unauthorized", "code": "missing_token", "description": "no access token in the request"}),
            );
    }

    #[tokio::test]
    async fn verify_outside_a_request() {
        let auth = JwtAuth::new(Picky);
        assert_eq!(auth.verify("q.r.s").await.unwrap().sub, "q.r.s");
        assert_eq!(
            auth.verify("down.x.y").await.unwrap_err().code(),
            "jwks_unavailable"
        );
    }

    #[test]
    fn a_realm_must_fit_a_quoted_string() {
        assert!(JwtAuth::new(Picky).with_realm("my api").is_ok());
        for bad in ["a\"b", "a\\b", "a\nb", "é"] {
            assert_eq!(
                JwtAuth::new(Picky).with_realm(bad).unwrap_err(),
                jwtcraft_axum::RealmError::InvalidRealm
            );
        }
    }
}

mod cookie_flow {
    use super::*;
    use axum::http::Method;
    use axum::routing::post;
    use jwtcraft_axum::CookieConfig;

    fn cookie() -> CookieConfig {
        CookieConfig::new("access_token").with_max_age(Duration::from_secs(600))
    }

    async fn login() -> [(header::HeaderName, http::HeaderValue); 1] {
        [(header::SET_COOKIE, cookie().set(&token("ada")).unwrap())]
    }

    /// A handler that acts on a cookie without the extractor (as a refresh endpoint does).
    async fn refresh(
        State(auth): State<JwtAuth<User>>,
        method: Method,
        headers: HeaderMap,
    ) -> Result<String, jwtcraft_axum::AuthRejection> {
        auth.check_csrf(&method, &headers)?;
        Ok(cookie()
            .read(&headers)
            .unwrap()
            .unwrap_or("none")
            .len()
            .to_string())
    }

    async fn logout() -> [(header::HeaderName, http::HeaderValue); 1] {
        [(header::SET_COOKIE, cookie().clear().unwrap())]
    }

    fn flow_app() -> Router {
        app(auth()).merge(
            Router::new()
                .route("/login", post(login))
                .route("/refresh", post(refresh))
                .route("/logout", post(logout))
                .with_state(auth()),
        )
    }

    #[tokio::test]
    async fn the_set_cookie_value_authenticates_the_next_request() {
        let reply = send_to(flow_app(), "POST", "/login", &[]).await;
        let set = reply.headers[header::SET_COOKIE]
            .to_str()
            .unwrap()
            .to_owned();
        assert!(
            set.ends_with("; Path=/; Max-Age=600; Secure; HttpOnly; SameSite=Strict"),
            "{set}"
        );
        // What a browser sends back: the name=value pair.
        let pair = set.split(';').next().unwrap();
        send_to(flow_app(), "GET", "/me", &[("cookie", pair)])
            .await
            .assert_ok("ada");

        let reply = send_to(flow_app(), "POST", "/logout", &[]).await;
        assert_eq!(
            reply.headers[header::SET_COOKIE],
            "access_token=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict"
        );
    }

    #[tokio::test]
    async fn check_csrf_guards_handlers_without_the_extractor() {
        let c = format!("access_token={}", token("ada"));
        let ok = send_to(
            flow_app(),
            "POST",
            "/refresh",
            &[("cookie", &c), ("origin", ORIGIN)],
        )
        .await;
        ok.assert_ok(&token("ada").len().to_string());
        send_to(flow_app(), "POST", "/refresh", &[("cookie", &c), ("origin", "https://evil.example")])
            .await
            .assert_rejected(
                403,
                None,
                json!({"error": "csrf", "code": "csrf.origin_mismatch", "description": "request origin is not allowed"}),
            );
    }
}

#[cfg(feature = "session")]
mod session_rejection {
    use super::*;
    use axum::routing::post;
    use jwtcraft_axum::SessionRejection;
    use jwtcraft_session::{MemoryStore, SessionConfig, SessionManager};

    #[tokio::test]
    async fn a_failed_refresh_is_an_rfc6749_error() {
        let key = Hs256Key::new(&[5; 32]).unwrap();
        let sessions = Arc::new(
            SessionManager::new(
                MemoryStore::new(),
                key.clone(),
                key,
                SessionConfig::new().with_clock(clock()),
            )
            .unwrap(),
        );
        let refresh = move |body: String| {
            let sessions = sessions.clone();
            async move {
                sessions
                    .refresh(&body)
                    .await
                    .map(|pair| pair.access_token)
                    .map_err(SessionRejection::from)
            }
        };
        let app = Router::new().route("/refresh", post(refresh));
        let request = Request::post("/refresh")
            .body(axum::body::Body::from("nonsense"))
            .unwrap();
        let response = app.oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        assert_eq!(parts.status, StatusCode::BAD_REQUEST);
        assert_eq!(parts.headers[header::CACHE_CONTROL], "no-store");
        assert!(parts.headers.get(header::WWW_AUTHENTICATE).is_none());
        let body: Value =
            serde_json::from_slice(&body.collect().await.unwrap().to_bytes()).unwrap();
        assert_eq!(
            body,
            json!({"error": "invalid_grant", "code": "invalid", "description": "invalid token"})
        );
    }
}
