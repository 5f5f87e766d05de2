//! [`RemoteJwksBuilder`]: the settings of a [`RemoteJwks`].

use std::time::Duration;

use jwtcraft::KeySetOptions;

use crate::error::JwksError;
use crate::fetcher::JwksFetcher;
use crate::remote::RemoteJwks;

/// How long a set is used when the response does not say (`Cache-Control`): 10 minutes.
pub const DEFAULT_MAX_AGE: Duration = Duration::from_secs(10 * 60);
/// The least time between two fetches caused by an unknown `kid` or an expired set: 30 s.
pub const DEFAULT_COOLDOWN: Duration = Duration::from_secs(30);
/// The longest a `Cache-Control: max-age` is honoured: 1 day. A longer one is cut to this,
/// so a mistaken header at the issuer cannot pin a key set for months.
pub const DEFAULT_MAX_AGE_LIMIT: Duration = Duration::from_secs(24 * 60 * 60);

/// The placeholder fetcher of [`RemoteJwks::builder`]: until
/// [`fetcher`](RemoteJwksBuilder::fetcher) is called, [`build`](RemoteJwksBuilder::build)
/// makes a [`ReqwestFetcher`](crate::ReqwestFetcher) with its defaults (feature `reqwest`).
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct DefaultFetcher;

/// Settings of a [`RemoteJwks`], from [`RemoteJwks::builder`].
#[derive(Debug, Clone)]
pub struct RemoteJwksBuilder<F> {
    pub(crate) url: String,
    pub(crate) fetcher: F,
    pub(crate) config: Config,
}

/// The settings a [`RemoteJwks`] runs with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Config {
    pub(crate) max_age: Duration,
    pub(crate) max_age_limit: Duration,
    pub(crate) honor_cache_control: bool,
    pub(crate) cooldown: Duration,
    pub(crate) options: KeySetOptions,
}

impl Config {
    /// How long a fetched set stays fresh.
    pub(crate) fn ttl(&self, from_response: Option<Duration>) -> Duration {
        match from_response {
            Some(age) if self.honor_cache_control => age.min(self.max_age_limit),
            _ => self.max_age,
        }
    }
}

impl RemoteJwksBuilder<DefaultFetcher> {
    pub(crate) fn new(url: String) -> Self {
        RemoteJwksBuilder {
            url,
            fetcher: DefaultFetcher,
            config: Config {
                max_age: DEFAULT_MAX_AGE,
                max_age_limit: DEFAULT_MAX_AGE_LIMIT,
                honor_cache_control: true,
                cooldown: DEFAULT_COOLDOWN,
                options: KeySetOptions::new(),
            },
        }
    }

    /// Builds the set with a [`ReqwestFetcher`](crate::ReqwestFetcher) with its defaults.
    /// Nothing is fetched yet: the first [`key_set`](RemoteJwks::key_set) or
    /// [`decode`](RemoteJwks::decode) does (or call [`refresh`](RemoteJwks::refresh) at
    /// startup).
    ///
    /// # Errors
    /// [`JwksError::Fetch`] if the HTTP client cannot be built.
    #[cfg(feature = "reqwest")]
    pub fn build(self) -> Result<RemoteJwks<crate::ReqwestFetcher>, JwksError> {
        let fetcher = crate::ReqwestFetcher::new()?;
        self.fetcher(fetcher).build()
    }
}

impl<F> RemoteJwksBuilder<F> {
    /// Fetches with `fetcher` instead (a configured [`ReqwestFetcher`](crate::ReqwestFetcher),
    /// or a [`JwksFetcher`] of your own).
    #[must_use]
    pub fn fetcher<G: JwksFetcher>(self, fetcher: G) -> RemoteJwksBuilder<G> {
        RemoteJwksBuilder {
            url: self.url,
            fetcher,
            config: self.config,
        }
    }

    /// How long a set is used when the response gives no `Cache-Control` freshness (or
    /// [`ignore_cache_control`](RemoteJwksBuilder::ignore_cache_control) is set). Default
    /// [`DEFAULT_MAX_AGE`].
    #[must_use]
    pub fn max_age(mut self, max_age: Duration) -> Self {
        self.config.max_age = max_age;
        self
    }

    /// The longest `Cache-Control: max-age` honoured (default [`DEFAULT_MAX_AGE_LIMIT`]).
    /// There is no lower bound to set: a `max-age=0`, `no-store` or `no-cache` response is
    /// used now and refetched when next needed, and the [cooldown](RemoteJwksBuilder::cooldown)
    /// already keeps that to one fetch per cooldown.
    #[must_use]
    pub fn max_age_limit(mut self, limit: Duration) -> Self {
        self.config.max_age_limit = limit;
        self
    }

    /// Uses [`max_age`](RemoteJwksBuilder::max_age) whatever the response's `Cache-Control`
    /// says.
    #[must_use]
    pub fn ignore_cache_control(mut self) -> Self {
        self.config.honor_cache_control = false;
        self
    }

    /// The least time between the start of one fetch and the next caused by an unknown
    /// `kid` or an expired set (default [`DEFAULT_COOLDOWN`]). Tokens with made-up `kid`s
    /// therefore cost the issuer at most one request per cooldown (`PyJWT`'s CVE-2026-48524
    /// was the lack of this). [`RemoteJwks::refresh`] ignores it.
    #[must_use]
    pub fn cooldown(mut self, cooldown: Duration) -> Self {
        self.config.cooldown = cooldown;
        self
    }

    /// How the fetched set is loaded ([`jwtcraft::KeySet::from_jwk_set_with`]). The
    /// defaults refuse symmetric keys and skip keys without `kid`.
    #[must_use]
    pub fn options(mut self, options: KeySetOptions) -> Self {
        self.config.options = options;
        self
    }
}

impl<F: JwksFetcher> RemoteJwksBuilder<F> {
    /// Builds the set with the chosen fetcher. Nothing is fetched yet.
    ///
    /// # Errors
    /// None with a fetcher given; the `Result` matches the default fetcher's `build`.
    pub fn build(self) -> Result<RemoteJwks<F>, JwksError> {
        Ok(RemoteJwks::from_parts(self.url, self.fetcher, self.config))
    }
}
