//! [`JwksFetcher`]: how a JWK Set document is fetched, and what comes back.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::error::FetchError;

/// Fetches a JWK Set document.
///
/// [`ReqwestFetcher`](crate::ReqwestFetcher) (feature `reqwest`, on by default) is the
/// implementation for HTTPS. Implement this trait to fetch another way: through your own
/// HTTP client, a service mesh sidecar, a file, or a fake in tests. An `async fn` works in
/// the implementation, as long as its future is `Send`.
///
/// The method returns `impl Future`, so the trait is not object-safe:
/// [`RemoteJwks`](crate::RemoteJwks) is generic over its fetcher instead (no boxing per
/// fetch). `Arc<F>` is a fetcher when `F` is.
///
/// ```
/// use jwtcraft_jwks::{FetchError, FetchedJwks, JwksFetcher};
///
/// /// Serves a fixed document (a test double).
/// struct Fixed(&'static str);
///
/// impl JwksFetcher for Fixed {
///     async fn fetch(&self, _url: &str) -> Result<FetchedJwks, FetchError> {
///         Ok(FetchedJwks::new(self.0.as_bytes().to_vec()))
///     }
/// }
/// # let _ = Fixed(r#"{"keys":[]}"#);
/// ```
pub trait JwksFetcher: Send + Sync + 'static {
    /// Fetches the document at `url`.
    ///
    /// # Errors
    /// The [`FetchError`] that says why not; [`FetchError::transport`] wraps any other.
    fn fetch(&self, url: &str) -> impl Future<Output = Result<FetchedJwks, FetchError>> + Send;
}

impl<F: JwksFetcher> JwksFetcher for Arc<F> {
    fn fetch(&self, url: &str) -> impl Future<Output = Result<FetchedJwks, FetchError>> + Send {
        (**self).fetch(url)
    }
}

/// A fetched JWK Set document and how long it may be cached.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FetchedJwks {
    /// The document, as received (parsed by [`RemoteJwks`](crate::RemoteJwks)).
    pub body: Vec<u8>,
    /// How long the document stays fresh, as the response said (`Cache-Control: max-age`,
    /// less its `Age`; zero for `no-store` / `no-cache`). `None`: the response did not say,
    /// and the configured [`max_age`](crate::RemoteJwksBuilder::max_age) applies.
    pub max_age: Option<Duration>,
}

impl FetchedJwks {
    /// A document with no caching information.
    pub fn new(body: impl Into<Vec<u8>>) -> Self {
        FetchedJwks {
            body: body.into(),
            max_age: None,
        }
    }

    /// Sets how long the document stays fresh (see [`FetchedJwks::max_age`]).
    #[must_use]
    pub fn with_max_age(mut self, max_age: Option<Duration>) -> Self {
        self.max_age = max_age;
        self
    }
}
