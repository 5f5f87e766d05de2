//! `JwksVerifier` behind the extractor: a resource server that knows only its issuer's JWK
//! Set, through a `Router` driven by `oneshot`. The set comes from an in-memory fetcher that
//! counts its calls, so what the client sees (200, 401, 503) is checked next to how often the
//! issuer was asked; `jwtcraft-jwks`'s own tests cover the HTTP fetcher.
#![cfg(all(feature = "jwks", feature = "ecdsa"))]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::routing::get;
use axum::Router;
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use jwtcraft::{encode, Es256SigningKey, FixedClock, Header, JwkSet, NumericDate, Validation};
use jwtcraft_axum::{Claims, JwksVerifier, JwtAuth};
use jwtcraft_jwks::{FetchError, FetchedJwks, JwksFetcher, RemoteJwks};
use serde_json::Value;
use tower::ServiceExt;

const NOW: i64 = 1_800_000_000;

#[derive(Debug, serde::Deserialize)]
struct User {
    sub: String,
}

/// The issuer's current JWK Set, or `None` while it is down; counts fetches.
#[derive(Default)]
struct Issuer {
    document: Mutex<Option<String>>,
    fetches: AtomicUsize,
}

impl Issuer {
    fn publish(&self, keys: &[&Es256SigningKey]) {
        let set = keys
            .iter()
            .fold(JwkSet::new(), |set, k| set.with_key(k.to_public_jwk()));
        *self.document.lock().unwrap() = Some(set.to_public_json());
    }

    fn go_down(&self) {
        *self.document.lock().unwrap() = None;
    }
}

impl JwksFetcher for Issuer {
    async fn fetch(&self, _url: &str) -> Result<FetchedJwks, FetchError> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        let document = self.document.lock().unwrap().clone();
        document
            .map(FetchedJwks::new)
            .ok_or(FetchError::HttpStatus(503))
    }
}

fn key(kid: &str) -> Es256SigningKey {
    Es256SigningKey::generate().unwrap().with_key_id(kid)
}

fn token(key: &Es256SigningKey, exp: i64) -> String {
    let claims = serde_json::json!({"sub": "user-7", "exp": exp});
    encode(&Header::new(), &claims, key).unwrap()
}

fn app(issuer: &Arc<Issuer>) -> Router {
    let jwks = RemoteJwks::builder("https://issuer.example/.well-known/jwks.json")
        .fetcher(Arc::clone(issuer))
        .build()
        .unwrap();
    let validation = Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(NOW)));
    let auth: JwtAuth<User> = JwtAuth::new(JwksVerifier::new(jwks, validation));
    Router::new()
        .route(
            "/data",
            get(|Claims(user): Claims<User>| async move { user.sub }),
        )
        .with_state(auth)
}

async fn call(app: &Router, token: &str) -> (StatusCode, String, Option<String>) {
    let request = Request::get("/data")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let challenge = response
        .headers()
        .get(header::WWW_AUTHENTICATE)
        .map(|v| v.to_str().unwrap().to_owned());
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let text = String::from_utf8(body.to_vec()).unwrap();
    (status, text, challenge)
}

fn code(body: &str) -> String {
    let json: Value = serde_json::from_str(body).unwrap();
    json["code"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_token_signed_by_a_published_key_is_accepted() {
    let issuer = Arc::new(Issuer::default());
    let signer = key("k1");
    issuer.publish(&[&signer]);
    let app = app(&issuer);
    let (status, body, _) = call(&app, &token(&signer, NOW + 60)).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "user-7"));
    let (status, _, _) = call(&app, &token(&signer, NOW + 60)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        issuer.fetches.load(Ordering::SeqCst),
        1,
        "the set is cached"
    );
}

// Paused time: the refetch cooldown (30 s since the last fetch) is passed by advancing the
// clock, not by waiting.
#[tokio::test(start_paused = true)]
async fn a_rotated_in_key_is_found_by_one_refetch_after_the_cooldown() {
    let issuer = Arc::new(Issuer::default());
    let (old, new) = (key("old"), key("new"));
    issuer.publish(&[&old]);
    let app = app(&issuer);
    assert_eq!(call(&app, &token(&old, NOW + 60)).await.0, StatusCode::OK);
    issuer.publish(&[&old, &new]);
    // Inside the cooldown the issuer is not asked again: the new kid is unknown for now.
    assert_eq!(
        call(&app, &token(&new, NOW + 60)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(issuer.fetches.load(Ordering::SeqCst), 1);
    tokio::time::advance(Duration::from_secs(31)).await;
    let (status, body, _) = call(&app, &token(&new, NOW + 60)).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "user-7"));
    assert_eq!(issuer.fetches.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_unknown_kid_is_401_jwks_unknown_key() {
    let issuer = Arc::new(Issuer::default());
    issuer.publish(&[&key("k1")]);
    let app = app(&issuer);
    let (status, body, challenge) = call(&app, &token(&key("stranger"), NOW + 60)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&body), "jwks.unknown_key");
    assert!(challenge.unwrap().contains(r#"error="invalid_token""#));
}

#[tokio::test]
async fn the_cores_verdict_keeps_its_code() {
    let issuer = Arc::new(Issuer::default());
    let signer = key("k1");
    issuer.publish(&[&signer]);
    let app = app(&issuer);
    let (status, body, _) = call(&app, &token(&signer, NOW - 600)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(code(&body), "claims.expired");
}

#[tokio::test]
async fn an_issuer_down_before_any_set_is_503_not_401() {
    let issuer = Arc::new(Issuer::default());
    issuer.go_down();
    let app = app(&issuer);
    let (status, body, challenge) = call(&app, &token(&key("k1"), NOW + 60)).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(code(&body).starts_with("jwks."), "{body}");
    assert_eq!(challenge, None, "a 503 does not challenge the client");
}

#[tokio::test]
async fn an_issuer_down_after_a_good_set_keeps_serving_it() {
    let issuer = Arc::new(Issuer::default());
    let signer = key("k1");
    issuer.publish(&[&signer]);
    let app = app(&issuer);
    assert_eq!(
        call(&app, &token(&signer, NOW + 60)).await.0,
        StatusCode::OK
    );
    issuer.go_down();
    // An unknown kid asks the (down) issuer once; the known key keeps working.
    assert_eq!(
        call(&app, &token(&key("k2"), NOW + 60)).await.0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(&app, &token(&signer, NOW + 60)).await.0,
        StatusCode::OK
    );
}
