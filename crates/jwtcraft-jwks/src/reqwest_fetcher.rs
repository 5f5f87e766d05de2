//! [`ReqwestFetcher`]: the default fetcher, HTTPS through `reqwest` and rustls.

use std::time::Duration;

use reqwest::header::{HeaderValue, ACCEPT, AGE, CACHE_CONTROL};
use reqwest::{redirect, Client, Response, Url};

use crate::cache_control::freshness;
use crate::error::FetchError;
use crate::fetcher::{FetchedJwks, JwksFetcher};

/// How long one fetch may take by default, connect to last body byte.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(5);
/// The largest response body read by default: 256 KiB, far above a real JWK Set (an RSA
/// 4096 JWK is under 1 KiB) and small enough that a hostile or broken endpoint cannot make
/// the verifier buffer much.
pub const DEFAULT_MAX_RESPONSE_SIZE: usize = 256 * 1024;
/// Redirects followed by default.
pub const DEFAULT_MAX_REDIRECTS: usize = 3;

/// Fetches a JWK Set over HTTPS with `reqwest` (rustls, the OS trust roots).
///
/// - Only `https://` URLs, redirects included, unless [`allow_http`](ReqwestFetcherBuilder::allow_http).
/// - A timeout for the whole request, body included (default [`DEFAULT_TIMEOUT`]).
/// - A size limit: a `Content-Length` above it is refused before the body is read, and a
///   body without one is refused as soon as it passes the limit while streaming (default
///   [`DEFAULT_MAX_RESPONSE_SIZE`]).
/// - At most [`DEFAULT_MAX_REDIRECTS`] redirects; a status outside 2xx is
///   [`FetchError::HttpStatus`].
/// - `Cache-Control` (`max-age`, `no-store`, `no-cache`) and `Age` give
///   [`FetchedJwks::max_age`].
/// - No cookies, no proxy from the environment, HTTP/1.1.
///
/// The client keeps its connections, so clone the fetcher (cheap) rather than building one
/// per set.
///
/// ```
/// use std::time::Duration;
/// use jwtcraft_jwks::ReqwestFetcher;
/// let fetcher = ReqwestFetcher::builder()
///     .timeout(Duration::from_secs(2))
///     .max_response_size(64 * 1024)
///     .build()?;
/// # let _ = fetcher;
/// # Ok::<(), jwtcraft_jwks::FetchError>(())
/// ```
#[derive(Debug, Clone)]
pub struct ReqwestFetcher {
    client: Client,
    max_response_size: usize,
    allow_http: bool,
}

/// Settings of a [`ReqwestFetcher`].
#[derive(Debug, Clone)]
pub struct ReqwestFetcherBuilder {
    timeout: Duration,
    max_response_size: usize,
    max_redirects: usize,
    allow_http: bool,
    user_agent: String,
}

impl Default for ReqwestFetcherBuilder {
    fn default() -> Self {
        ReqwestFetcherBuilder {
            timeout: DEFAULT_TIMEOUT,
            max_response_size: DEFAULT_MAX_RESPONSE_SIZE,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            allow_http: false,
            user_agent: concat!("jwtcraft-jwks/", env!("CARGO_PKG_VERSION")).to_owned(),
        }
    }
}

impl ReqwestFetcherBuilder {
    /// The time one fetch may take, from connecting to the last body byte (default
    /// [`DEFAULT_TIMEOUT`]).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// The largest body accepted, in bytes (default [`DEFAULT_MAX_RESPONSE_SIZE`]).
    #[must_use]
    pub fn max_response_size(mut self, bytes: usize) -> Self {
        self.max_response_size = bytes;
        self
    }

    /// Redirects followed (default [`DEFAULT_MAX_REDIRECTS`]); one more is
    /// [`FetchError::Redirect`]. With 0, any redirect is.
    #[must_use]
    pub fn max_redirects(mut self, redirects: usize) -> Self {
        self.max_redirects = redirects;
        self
    }

    /// The `User-Agent` header (default `jwtcraft-jwks/<version>`).
    #[must_use]
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Accepts plain `http://` URLs too. **For tests and local development only** (a server
    /// on 127.0.0.1): over plain http anyone on the path can replace the keys, and with them
    /// forge any token.
    #[must_use]
    pub fn allow_http(mut self) -> Self {
        self.allow_http = true;
        self
    }

    /// Builds the fetcher and its HTTP client.
    ///
    /// # Errors
    /// [`FetchError::Transport`] if the client cannot be built (the TLS backend failed to
    /// initialize).
    pub fn build(self) -> Result<ReqwestFetcher, FetchError> {
        let (max_redirects, allow_http) = (self.max_redirects, self.allow_http);
        // Checked on every hop, so a redirect cannot lead an https fetch to plain http.
        let policy = redirect::Policy::custom(move |attempt| {
            if !scheme_allowed(attempt.url(), allow_http) {
                attempt.error("redirect to a url that is not https")
            } else if attempt.previous().len() > max_redirects {
                attempt.error("too many redirects")
            } else {
                attempt.follow()
            }
        });
        let client = Client::builder()
            .timeout(self.timeout)
            .redirect(policy)
            .https_only(!allow_http)
            .user_agent(self.user_agent)
            .build()
            .map_err(FetchError::transport)?;
        Ok(ReqwestFetcher {
            client,
            max_response_size: self.max_response_size,
            allow_http,
        })
    }
}

impl ReqwestFetcher {
    /// A fetcher with the defaults.
    ///
    /// # Errors
    /// As [`ReqwestFetcherBuilder::build`].
    pub fn new() -> Result<Self, FetchError> {
        ReqwestFetcherBuilder::default().build()
    }

    /// Settings, starting from the defaults.
    pub fn builder() -> ReqwestFetcherBuilder {
        ReqwestFetcherBuilder::default()
    }

    async fn get(&self, url: &str) -> Result<FetchedJwks, FetchError> {
        let url = Url::parse(url).map_err(|e| FetchError::InvalidUrl {
            reason: e.to_string(),
        })?;
        if !scheme_allowed(&url, self.allow_http) {
            return Err(FetchError::NotHttps);
        }
        let response = self
            .client
            .get(url)
            .header(
                ACCEPT,
                HeaderValue::from_static("application/jwk-set+json, application/json"),
            )
            .send()
            .await
            .map_err(from_reqwest)?;
        let status = response.status();
        if !status.is_success() {
            return Err(FetchError::HttpStatus(status.as_u16()));
        }
        let max_age = freshness(
            response
                .headers()
                .get_all(CACHE_CONTROL)
                .iter()
                .filter_map(|v| v.to_str().ok()),
            response.headers().get(AGE).and_then(|v| v.to_str().ok()),
        );
        let body = read_limited(response, self.max_response_size).await?;
        Ok(FetchedJwks::new(body).with_max_age(max_age))
    }
}

impl JwksFetcher for ReqwestFetcher {
    async fn fetch(&self, url: &str) -> Result<FetchedJwks, FetchError> {
        self.get(url).await
    }
}

/// The body, refused as soon as it is known to pass `limit`: up front by its
/// `Content-Length`, or chunk by chunk, so no more than `limit` bytes are ever buffered.
async fn read_limited(mut response: Response, limit: usize) -> Result<Vec<u8>, FetchError> {
    let declared = response.content_length();
    if declared.is_some_and(|len| len > limit as u64) {
        return Err(FetchError::TooLarge { limit });
    }
    let capacity = declared.map_or(0, |len| usize::try_from(len).unwrap_or(limit));
    let mut body = Vec::with_capacity(capacity.min(limit));
    while let Some(chunk) = response.chunk().await.map_err(from_reqwest)? {
        if chunk.len() > limit - body.len() {
            return Err(FetchError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn scheme_allowed(url: &Url, allow_http: bool) -> bool {
    url.scheme() == "https" || (allow_http && url.scheme() == "http")
}

fn from_reqwest(err: reqwest::Error) -> FetchError {
    if err.is_timeout() {
        FetchError::Timeout
    } else if err.is_redirect() {
        FetchError::redirect(err)
    } else {
        FetchError::transport(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn plain_http_and_bad_urls_are_refused_before_any_request() {
        let fetcher = ReqwestFetcher::new().unwrap();
        // Port 9 (discard) on loopback: were a request made, it would fail as a transport
        // error instead.
        let err = fetcher.fetch("http://127.0.0.1:9/jwks").await.unwrap_err();
        assert!(matches!(err, FetchError::NotHttps), "{err:?}");
        let err = fetcher.fetch("not a url").await.unwrap_err();
        assert_eq!(err.code(), "jwks.invalid_url");
        let err = fetcher.fetch("ftp://example.com/jwks").await.unwrap_err();
        assert!(matches!(err, FetchError::NotHttps), "{err:?}");
    }
}
