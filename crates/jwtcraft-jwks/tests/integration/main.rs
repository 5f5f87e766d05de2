//! Integration tests against a local HTTP server on 127.0.0.1 that counts requests.

mod cache;
mod fetcher;
mod single_flight;
mod support;

use jwtcraft_jwks::{FetchError, JwksError, JwksStatus, RemoteJwks, ReqwestFetcher};

/// Every public type can cross threads and be shared: a server keeps one `RemoteJwks` for
/// all its workers, and errors travel through `Box<dyn Error + Send + Sync>`.
#[test]
fn public_types_are_send_and_sync() {
    fn check<T: Send + Sync + 'static>() {}
    check::<RemoteJwks>();
    check::<ReqwestFetcher>();
    check::<JwksError>();
    check::<FetchError>();
    check::<JwksStatus>();
}
