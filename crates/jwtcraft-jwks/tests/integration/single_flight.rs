//! Unknown kids: one refetch for any number of concurrent tokens, and a cooldown.

use std::time::Duration;

use jwtcraft_jwks::{JwksError, DEFAULT_COOLDOWN};
use tokio::task::JoinSet;

use crate::support::{advance, just_before, key, remote, serve_jwks, sub, token, Server};

const CALLERS: usize = 1_000;

/// Runs `CALLERS` concurrent decodes of `token` and returns their results.
async fn burst(jwks: &jwtcraft_jwks::RemoteJwks, token: &str) -> Vec<Result<String, JwksError>> {
    let mut tasks = JoinSet::new();
    for _ in 0..CALLERS {
        let (jwks, token) = (jwks.clone(), token.to_owned());
        tasks.spawn(async move { sub(&jwks, &token).await });
    }
    tasks.join_all().await
}

#[tokio::test(start_paused = true)]
async fn a_thousand_tokens_with_a_new_kid_cause_one_fetch() {
    let (old, new) = (key("old"), key("new"));
    let server = Server::start(serve_jwks(&[&old])).await;
    let jwks = remote(&server);
    assert_eq!(sub(&jwks, &token(&old)).await.unwrap(), "user-42");
    assert_eq!(server.requests(), 1);

    // The issuer rotates in a new key; the cooldown since the first fetch has passed.
    server.set(serve_jwks(&[&old, &new]));
    advance(DEFAULT_COOLDOWN).await;
    let results = burst(&jwks, &token(&new)).await;
    assert_eq!(server.requests(), 2, "one fetch beyond the initial one");
    assert_eq!(results.len(), CALLERS);
    for result in results {
        assert_eq!(result.unwrap(), "user-42");
    }
}

/// The same on worker threads, where callers really run in parallel. A zero cooldown leaves
/// the single flight alone to merge the burst (and no paused time is needed).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_worker_threads_too_a_new_kid_causes_one_fetch() {
    let (old, new) = (key("old"), key("new"));
    let server = Server::start(serve_jwks(&[&old])).await;
    let jwks = jwtcraft_jwks::RemoteJwks::builder(server.url())
        .fetcher(crate::support::fetcher())
        .cooldown(Duration::ZERO)
        .build()
        .unwrap();
    jwks.refresh().await.unwrap();
    server.set(serve_jwks(&[&old, &new]));
    let results = burst(&jwks, &token(&new)).await;
    assert_eq!(server.requests(), 2);
    assert!(results.iter().all(Result::is_ok));
}

#[tokio::test(start_paused = true)]
async fn a_thousand_tokens_with_a_first_use_cause_one_fetch() {
    let k = key("k");
    let server = Server::start(serve_jwks(&[&k])).await;
    let jwks = remote(&server);
    let results = burst(&jwks, &token(&k)).await;
    assert_eq!(server.requests(), 1);
    assert!(results.iter().all(Result::is_ok));
}

#[tokio::test(start_paused = true)]
async fn a_kid_that_is_nowhere_costs_one_fetch_per_cooldown() {
    let (known, stranger) = (key("known"), key("stranger"));
    let server = Server::start(serve_jwks(&[&known])).await;
    let jwks = remote(&server);
    jwks.refresh().await.unwrap();
    assert_eq!(server.requests(), 1);
    let forged = token(&stranger);

    // Outside the cooldown: one refetch for the whole burst, and every caller is refused.
    advance(DEFAULT_COOLDOWN).await;
    for result in burst(&jwks, &forged).await {
        let err = result.unwrap_err();
        assert!(
            matches!(&err, JwksError::UnknownKey { kid } if kid == "stranger"),
            "{err:?}"
        );
        assert_eq!(err.code(), "jwks.unknown_key");
        assert!(!err.is_unavailable());
    }
    assert_eq!(server.requests(), 2);

    // A second burst inside the cooldown: no fetch at all.
    advance(just_before(DEFAULT_COOLDOWN)).await;
    for result in burst(&jwks, &forged).await {
        assert!(matches!(result, Err(JwksError::UnknownKey { .. })));
    }
    assert_eq!(server.requests(), 2);

    // Once the cooldown has passed, the next unknown kid refetches once more.
    advance(Duration::from_secs(1)).await;
    assert!(matches!(
        sub(&jwks, &forged).await,
        Err(JwksError::UnknownKey { .. })
    ));
    assert_eq!(server.requests(), 3);
    // Known tokens never needed a fetch.
    assert_eq!(sub(&jwks, &token(&known)).await.unwrap(), "user-42");
    assert_eq!(server.requests(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_new_kid_inside_the_cooldown_waits_for_the_cooldown() {
    let (old, new) = (key("old"), key("new"));
    let server = Server::start(serve_jwks(&[&old])).await;
    let jwks = remote(&server);
    jwks.refresh().await.unwrap();
    server.set(serve_jwks(&[&old, &new]));
    // Too soon after the last fetch: refused without asking the issuer.
    assert!(matches!(
        sub(&jwks, &token(&new)).await,
        Err(JwksError::UnknownKey { .. })
    ));
    assert_eq!(server.requests(), 1);
    advance(DEFAULT_COOLDOWN).await;
    assert_eq!(sub(&jwks, &token(&new)).await.unwrap(), "user-42");
    assert_eq!(server.requests(), 2);
}

#[tokio::test(start_paused = true)]
async fn key_rotation_at_the_issuer() {
    let (a, b) = (key("a"), key("b"));
    let server = Server::start(serve_jwks(&[&a])).await;
    let jwks = remote(&server);
    let (token_a, token_b) = (token(&a), token(&b));
    assert!(sub(&jwks, &token_a).await.is_ok());

    // Step 1: B is published next to A; B's first token brings it in.
    server.set(serve_jwks(&[&a, &b]));
    advance(DEFAULT_COOLDOWN).await;
    assert!(sub(&jwks, &token_b).await.is_ok());
    assert!(sub(&jwks, &token_a).await.is_ok());
    assert_eq!(server.requests(), 2);

    // Step 2: A is retired. Until the cached set expires A still verifies (that is what
    // the max age means); after, the refetched set no longer knows A.
    server.set(serve_jwks(&[&b]));
    advance(Duration::from_secs(60)).await;
    assert!(sub(&jwks, &token_a).await.is_ok());
    assert_eq!(server.requests(), 2);
    advance(jwtcraft_jwks::DEFAULT_MAX_AGE).await;
    let err = sub(&jwks, &token_a).await.unwrap_err();
    assert!(
        matches!(err, JwksError::UnknownKey { ref kid } if kid == "a"),
        "{err:?}"
    );
    // One fetch for the expiry; the unknown kid right after it is inside the cooldown.
    assert_eq!(server.requests(), 3);
    assert!(sub(&jwks, &token_b).await.is_ok());
    assert_eq!(jwks.status().keys, 1);
}
