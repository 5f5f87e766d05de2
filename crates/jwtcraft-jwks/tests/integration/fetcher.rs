//! `ReqwestFetcher`: https only, timeout, size limit, redirects, dropped connections.

use std::time::Duration;

use jwtcraft_jwks::{FetchError, JwksError, JwksFetcher, RemoteJwks, ReqwestFetcher};

use crate::support::{jwks, key, serve_jwks, sub, token, Reply, Server};

#[tokio::test]
async fn plain_http_is_refused_by_default_without_a_request() {
    let k = key("k");
    let server = Server::start(serve_jwks(&[&k])).await;
    let jwks = RemoteJwks::builder(server.url()).build().unwrap();
    let err = sub(&jwks, &token(&k)).await.unwrap_err();
    assert!(
        matches!(err, JwksError::Fetch(FetchError::NotHttps)),
        "{err:?}"
    );
    assert_eq!(err.to_string(), "jwks url must use https");
    assert_eq!(server.requests(), 0);
}

#[tokio::test(start_paused = true)]
async fn a_slow_issuer_times_out() {
    let k = key("k");
    let server = Server::start(Reply::Delay(
        Duration::from_secs(60),
        Box::new(serve_jwks(&[&k])),
    ))
    .await;
    let fetcher = ReqwestFetcher::builder()
        .allow_http()
        .timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let started = tokio::time::Instant::now();
    let err = fetcher.fetch(&server.url()).await.unwrap_err();
    assert!(matches!(err, FetchError::Timeout), "{err:?}");
    assert_eq!(err.code(), "jwks.timeout");
    // Paused time: this is the timeout firing, not the server's delay ending.
    assert!(started.elapsed() < Duration::from_secs(60));
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn a_body_over_the_limit_with_content_length_is_refused() {
    let keys: Vec<_> = (0..8).map(|i| key(&format!("k{i}"))).collect();
    let body = jwks(&keys.iter().collect::<Vec<_>>());
    assert!(body.len() > 1024);
    let server = Server::start(Reply::Jwks {
        body,
        cache_control: None,
    })
    .await;
    let small = ReqwestFetcher::builder()
        .allow_http()
        .max_response_size(1024)
        .build()
        .unwrap();
    let err = small.fetch(&server.url()).await.unwrap_err();
    assert!(
        matches!(err, FetchError::TooLarge { limit: 1024 }),
        "{err:?}"
    );
    // The default limit (256 KiB) takes the same set.
    let fetched = crate::support::fetcher()
        .fetch(&server.url())
        .await
        .unwrap();
    assert!(fetched.body.len() > 1024);
}

#[tokio::test]
async fn a_streamed_body_over_the_limit_is_cut_off_while_streaming() {
    const TOTAL: usize = 64 * 1024 * 1024;
    let mut server = Server::start(Reply::Stream { len: TOTAL }).await;
    let fetcher = ReqwestFetcher::builder()
        .allow_http()
        .max_response_size(4096)
        .build()
        .unwrap();
    let err = fetcher.fetch(&server.url()).await.unwrap_err();
    assert!(
        matches!(err, FetchError::TooLarge { limit: 4096 }),
        "{err:?}"
    );
    drop(fetcher); // closes the pooled connection, if any
    let written = server.streamed().await;
    assert!(
        written < TOTAL,
        "the client stopped reading: the server could write only {written} of {TOTAL} bytes"
    );
}

#[tokio::test]
async fn non_2xx_statuses_and_dropped_connections_are_typed_errors() {
    let server = Server::start(Reply::Status(404)).await;
    let fetcher = crate::support::fetcher();
    let err = fetcher.fetch(&server.url()).await.unwrap_err();
    assert!(matches!(err, FetchError::HttpStatus(404)), "{err:?}");

    server.set(Reply::Close);
    let err = fetcher.fetch(&server.url()).await.unwrap_err();
    assert_eq!(err.code(), "jwks.transport", "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
}

#[tokio::test]
async fn redirects_are_limited() {
    let server = Server::start(Reply::Redirect("/jwks.json".to_owned())).await;
    let fetcher = ReqwestFetcher::builder()
        .allow_http()
        .max_redirects(2)
        .build()
        .unwrap();
    let err = fetcher.fetch(&server.url()).await.unwrap_err();
    assert_eq!(err.code(), "jwks.redirect", "{err:?}");
    // The first request and two redirects followed.
    assert_eq!(server.requests(), 3);

    let none = ReqwestFetcher::builder()
        .allow_http()
        .max_redirects(0)
        .build()
        .unwrap();
    let err = none.fetch(&server.url()).await.unwrap_err();
    assert_eq!(err.code(), "jwks.redirect", "{err:?}");
}

#[tokio::test]
async fn cache_control_and_age_reach_the_fetched_document() {
    let k = key("k");
    let server = Server::start(Reply::Jwks {
        body: jwks(&[&k]),
        cache_control: Some("max-age=300".to_owned()),
    })
    .await;
    let fetched = crate::support::fetcher()
        .fetch(&server.url())
        .await
        .unwrap();
    assert_eq!(fetched.max_age, Some(Duration::from_secs(300)));
}
