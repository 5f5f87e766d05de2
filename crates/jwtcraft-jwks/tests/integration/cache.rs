//! Freshness (max age, Cache-Control), outages, bad entries.

use std::time::Duration;

use jwtcraft_jwks::{FetchError, JwksError, RemoteJwks, DEFAULT_COOLDOWN, DEFAULT_MAX_AGE};

use crate::support::{
    advance, fetcher, just_before, jwks, key, remote, serve_jwks, sub, token, Reply, Server,
};

fn with_cache_control(body: String, value: &str) -> Reply {
    Reply::Jwks {
        body,
        cache_control: Some(value.to_owned()),
    }
}

#[tokio::test(start_paused = true)]
async fn the_configured_max_age_applies_without_cache_control() {
    let k = key("k");
    let server = Server::start(serve_jwks(&[&k])).await;
    let jwks = RemoteJwks::builder(server.url())
        .fetcher(fetcher())
        .max_age(Duration::from_secs(60))
        .build()
        .unwrap();
    jwks.key_set().await.unwrap();
    advance(Duration::from_secs(59)).await;
    jwks.key_set().await.unwrap();
    assert_eq!(server.requests(), 1);
    advance(Duration::from_secs(1)).await;
    jwks.key_set().await.unwrap();
    assert_eq!(server.requests(), 2);
}

#[tokio::test(start_paused = true)]
async fn the_default_max_age_is_ten_minutes() {
    let k = key("k");
    let server = Server::start(serve_jwks(&[&k])).await;
    let jwks = remote(&server);
    jwks.key_set().await.unwrap();
    advance(just_before(DEFAULT_MAX_AGE)).await;
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    assert_eq!(server.requests(), 1);
    advance(Duration::from_secs(1)).await;
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    assert_eq!(server.requests(), 2);
}

#[tokio::test(start_paused = true)]
async fn cache_control_max_age_overrides_the_default() {
    let k = key("k");
    let server = Server::start(with_cache_control(jwks(&[&k]), "public, max-age=120")).await;
    let jwks = remote(&server);
    jwks.key_set().await.unwrap();
    let status = jwks.status();
    assert_eq!(
        status.expires_at.unwrap() - status.fetched_at.unwrap(),
        Duration::from_secs(120)
    );
    advance(Duration::from_secs(119)).await;
    jwks.key_set().await.unwrap();
    assert_eq!(server.requests(), 1);
    advance(Duration::from_secs(1)).await;
    jwks.key_set().await.unwrap();
    assert_eq!(server.requests(), 2);
}

#[tokio::test(start_paused = true)]
async fn no_store_is_used_now_and_refetched_after_the_cooldown() {
    let k = key("k");
    let server = Server::start(with_cache_control(jwks(&[&k]), "no-store")).await;
    let jwks = remote(&server);
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    // Stale at once, but the cooldown bounds the refetches.
    advance(just_before(DEFAULT_COOLDOWN)).await;
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    assert_eq!(server.requests(), 1);
    advance(Duration::from_secs(1)).await;
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    assert_eq!(server.requests(), 2);
}

#[tokio::test(start_paused = true)]
async fn a_huge_max_age_is_capped_and_cache_control_can_be_ignored() {
    let k = key("k");
    let server = Server::start(with_cache_control(jwks(&[&k]), "max-age=31536000")).await;
    let capped = RemoteJwks::builder(server.url())
        .fetcher(fetcher())
        .max_age_limit(Duration::from_secs(3600))
        .build()
        .unwrap();
    capped.key_set().await.unwrap();
    let status = capped.status();
    assert_eq!(
        status.expires_at.unwrap() - status.fetched_at.unwrap(),
        Duration::from_secs(3600)
    );
    let ignoring = RemoteJwks::builder(server.url())
        .fetcher(fetcher())
        .ignore_cache_control()
        .build()
        .unwrap();
    ignoring.key_set().await.unwrap();
    let status = ignoring.status();
    assert_eq!(
        status.expires_at.unwrap() - status.fetched_at.unwrap(),
        DEFAULT_MAX_AGE
    );
}

#[tokio::test(start_paused = true)]
async fn an_issuer_answering_500_leaves_the_last_good_set_serving() {
    let k = key("k");
    let server = Server::start(serve_jwks(&[&k])).await;
    let jwks = remote(&server);
    assert!(sub(&jwks, &token(&k)).await.is_ok());

    server.set(Reply::Status(500));
    advance(DEFAULT_MAX_AGE).await;
    assert_eq!(sub(&jwks, &token(&k)).await.unwrap(), "user-42");
    assert_eq!(server.requests(), 2);
    let err = jwks.last_error().unwrap();
    assert!(matches!(err, FetchError::HttpStatus(500)), "{err:?}");
    assert_eq!(jwks.status().last_error.unwrap().code(), "jwks.http_status");
    // An operator's refresh says it failed, and the old set still serves.
    let err = jwks.refresh().await.unwrap_err();
    assert_eq!(err.code(), "jwks.http_status");
    assert!(err.is_unavailable());
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    assert_eq!(server.requests(), 3);

    // Between retries (one per cooldown) the stale set is served without a request.
    advance(just_before(DEFAULT_COOLDOWN)).await;
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    assert_eq!(server.requests(), 3);

    // The issuer recovers: the next retry succeeds and clears the error.
    server.set(serve_jwks(&[&k]));
    advance(Duration::from_secs(1)).await;
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    assert_eq!(server.requests(), 4);
    assert!(jwks.last_error().is_none());
}

#[tokio::test(start_paused = true)]
async fn an_issuer_refusing_connections_leaves_the_last_good_set_serving() {
    let k = key("k");
    let server = Server::start(serve_jwks(&[&k])).await;
    let jwks = remote(&server);
    jwks.key_set().await.unwrap();
    server.stop().await;
    advance(DEFAULT_MAX_AGE).await;
    assert_eq!(sub(&jwks, &token(&k)).await.unwrap(), "user-42");
    let err = jwks.last_error().unwrap();
    assert_eq!(err.code(), "jwks.transport", "{err:?}");
    assert_eq!(jwks.status().fetches, 2);
}

#[tokio::test(start_paused = true)]
async fn without_a_set_a_failure_is_an_error_then_unavailable_until_the_cooldown() {
    let k = key("k");
    let server = Server::start(Reply::Status(503)).await;
    let jwks = remote(&server);
    let err = sub(&jwks, &token(&k)).await.unwrap_err();
    assert!(
        matches!(err, JwksError::Fetch(FetchError::HttpStatus(503))),
        "{err:?}"
    );
    assert!(err.is_unavailable());

    let err = sub(&jwks, &token(&k)).await.unwrap_err();
    assert!(
        matches!(err, JwksError::NoKeySet(Some(FetchError::HttpStatus(503)))),
        "{err:?}"
    );
    assert_eq!(
        (err.code(), err.is_unavailable()),
        ("jwks.unavailable", true)
    );
    assert_eq!(server.requests(), 1);

    server.set(serve_jwks(&[&k]));
    advance(DEFAULT_COOLDOWN).await;
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    assert_eq!(server.requests(), 2);
}

#[tokio::test(start_paused = true)]
async fn bad_entries_are_skipped_and_reported_and_the_good_keys_work() {
    let good = key("good");
    let mut document: serde_json::Value = serde_json::from_str(&jwks(&[&good])).unwrap();
    let entries = document["keys"].as_array_mut().unwrap();
    // A key type the core does not know, and an entry that is not a JWK at all.
    entries.insert(0, serde_json::json!({"kty": "XYZ", "kid": "alien"}));
    entries.push(serde_json::json!({"kty": 42, "kid": "broken"}));
    let server = Server::start(Reply::Jwks {
        body: document.to_string(),
        cache_control: None,
    })
    .await;
    let jwks = remote(&server);
    assert!(sub(&jwks, &token(&good)).await.is_ok());
    let skipped = jwks.skipped();
    let mut reported: Vec<_> = skipped
        .iter()
        .map(|s| (s.index, s.kid.as_deref()))
        .collect();
    reported.sort_unstable();
    assert_eq!(reported, [(0, Some("alien")), (2, Some("broken"))]);
    assert!(skipped.iter().all(|s| !s.reason.is_empty()));
    assert_eq!((jwks.status().keys, jwks.status().skipped), (1, 2));
}

#[tokio::test(start_paused = true)]
async fn a_set_without_usable_keys_or_not_a_set_does_not_replace_the_good_one() {
    let k = key("k");
    let server = Server::start(serve_jwks(&[&k])).await;
    let jwks = remote(&server);
    jwks.key_set().await.unwrap();
    for (body, code) in [
        (
            r#"{"keys":[{"kty":"XYZ","kid":"x"}]}"#,
            "jwks.no_usable_keys",
        ),
        (r#"{"keys":{}}"#, "jwks.invalid_jwks"),
        ("<html>oops</html>", "jwks.invalid_jwks"),
    ] {
        server.set(Reply::Jwks {
            body: body.to_owned(),
            cache_control: None,
        });
        let err = jwks.refresh().await.unwrap_err();
        assert_eq!(err.code(), code, "{body}");
        assert!(sub(&jwks, &token(&k)).await.is_ok());
    }
}

#[tokio::test(start_paused = true)]
async fn a_caller_cancelled_mid_fetch_leaves_the_next_caller_to_fetch() {
    let k = key("k");
    let server = Server::start(Reply::Delay(
        Duration::from_secs(3),
        Box::new(serve_jwks(&[&k])),
    ))
    .await;
    let jwks = remote(&server);
    // The request handler gives up after 1 s (paused time: the server is still delaying).
    let gave_up = tokio::time::timeout(Duration::from_secs(1), jwks.key_set()).await;
    assert!(gave_up.is_err());
    assert_eq!(server.requests(), 1);
    assert_eq!(
        jwks.status().fetches,
        0,
        "a cancelled fetch records nothing"
    );
    assert!(jwks.last_error().is_none());
    // Nothing is stuck: the next caller fetches again and gets the set.
    server.set(serve_jwks(&[&k]));
    assert!(sub(&jwks, &token(&k)).await.is_ok());
    assert_eq!(server.requests(), 2);
}
