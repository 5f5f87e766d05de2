//! [`RemoteJwks`]: a cached remote JWK Set with single-flight refetching.

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use jwtcraft::{Error, HeaderError, JwkSet, KeySet, SkippedKey, Token, Validation};
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use crate::builder::{Config, DefaultFetcher, RemoteJwksBuilder};
use crate::error::{FetchError, JwksError};
use crate::fetcher::{FetchedJwks, JwksFetcher};
use crate::state::{Loaded, Plan, State};

/// A remote JWK Set: fetched on first use, cached, refetched when it expires or when a
/// token names an unknown `kid`, at most once per cooldown, with every concurrent caller
/// sharing one fetch.
///
/// Cheap to clone (one `Arc`): give each handler or interceptor a clone. The type parameter
/// is the [`JwksFetcher`]; [`ReqwestFetcher`](crate::ReqwestFetcher) by default.
///
/// | event | what happens |
/// |---|---|
/// | first use | one fetch; every concurrent caller waits for it |
/// | set fresh (`Cache-Control: max-age`, else [`max_age`](RemoteJwksBuilder::max_age)) | served, no fetch |
/// | set expired | refetched if no fetch started within the cooldown, else served stale |
/// | unknown `kid` | refetched once if no fetch started within the cooldown, then the token is tried again; else [`JwksError::UnknownKey`] |
/// | fetch fails with a set loaded | the last good set keeps serving; [`last_error`](RemoteJwks::last_error) says why |
/// | fetch fails with no set yet | [`JwksError::Fetch`]; within the following cooldown, [`JwksError::NoKeySet`] without a fetch |
/// | entries of the set unusable | skipped, the rest loaded; [`skipped`](RemoteJwks::skipped) reports them |
/// | no usable entry at all | a failed fetch ([`FetchError::NoUsableKeys`]) |
///
/// Time is [`tokio::time::Instant`], so tests can run on paused time.
pub struct RemoteJwks<F = crate::DefaultRemoteFetcher> {
    inner: Arc<Inner<F>>,
}

struct Inner<F> {
    url: String,
    fetcher: F,
    config: Config,
    state: Mutex<State>,
    /// Held for the whole of a fetch: the single flight. Callers that find it taken wait,
    /// then see the generation moved and take that fetch's outcome instead of fetching.
    fetch_lock: tokio::sync::Mutex<()>,
}

/// A snapshot of a [`RemoteJwks`], for health checks and metrics.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct JwksStatus {
    /// Usable keys in the current set (0 before the first successful fetch).
    pub keys: usize,
    /// Entries of the current set that were skipped.
    pub skipped: usize,
    /// When the current set was fetched.
    pub fetched_at: Option<Instant>,
    /// When it stops being fresh.
    pub expires_at: Option<Instant>,
    /// Fetches completed, successful or not.
    pub fetches: u64,
    /// The last fetch's error, if the last fetch failed.
    pub last_error: Option<FetchError>,
}

impl<F> Clone for RemoteJwks<F> {
    fn clone(&self) -> Self {
        RemoteJwks {
            inner: Arc::clone(&self.inner),
        }
    }
}

impl<F> fmt::Debug for RemoteJwks<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemoteJwks")
            .field("url", &self.inner.url)
            .field("config", &self.inner.config)
            .field("state", &*self.inner.state())
            .finish_non_exhaustive()
    }
}

impl RemoteJwks<DefaultFetcher> {
    /// Settings for the set at `url` (an `https://` URL with the default fetcher).
    ///
    /// ```no_run
    /// # #[cfg(feature = "reqwest")]
    /// # async fn run() -> Result<(), jwtcraft_jwks::JwksError> {
    /// use std::time::Duration;
    /// use jwtcraft_jwks::RemoteJwks;
    /// let jwks = RemoteJwks::builder("https://auth.example.com/.well-known/jwks.json")
    ///     .cooldown(Duration::from_secs(60))
    ///     .build()?;
    /// jwks.refresh().await?; // fail fast at startup if the issuer is unreachable
    /// # Ok(()) }
    /// ```
    pub fn builder(url: impl Into<String>) -> RemoteJwksBuilder<DefaultFetcher> {
        RemoteJwksBuilder::new(url.into())
    }
}

impl<F> RemoteJwks<F> {
    /// The URL of the set.
    pub fn url(&self) -> &str {
        &self.inner.url
    }

    /// The fetcher.
    pub fn fetcher(&self) -> &F {
        &self.inner.fetcher
    }

    /// The entries of the current set that were left out, and why (unknown `kty`, a weak
    /// key, no `kid`, not a JWK at all...), as the core reports them. Empty before the
    /// first successful fetch.
    pub fn skipped(&self) -> Vec<SkippedKey> {
        self.inner
            .state()
            .loaded
            .as_ref()
            .map(|l| l.skipped.to_vec())
            .unwrap_or_default()
    }

    /// The last fetch's error, if the last fetch failed (the set in use is then the last
    /// good one, if any). `None` once a fetch succeeds again.
    pub fn last_error(&self) -> Option<FetchError> {
        self.inner.state().last_error.clone()
    }

    /// A snapshot of the cache.
    pub fn status(&self) -> JwksStatus {
        let state = self.inner.state();
        let loaded = state.loaded.as_ref();
        JwksStatus {
            keys: loaded.map_or(0, |l| l.keys.keys().len()),
            skipped: loaded.map_or(0, |l| l.skipped.len()),
            fetched_at: loaded.map(|l| l.fetched_at),
            expires_at: loaded.map(|l| l.expires_at),
            fetches: state.generation,
            last_error: state.last_error.clone(),
        }
    }
}

impl<F: JwksFetcher> RemoteJwks<F> {
    pub(crate) fn from_parts(url: String, fetcher: F, config: Config) -> Self {
        RemoteJwks {
            inner: Arc::new(Inner {
                url,
                fetcher,
                config,
                state: Mutex::new(State::default()),
                fetch_lock: tokio::sync::Mutex::new(()),
            }),
        }
    }

    /// The key set: the cached one while fresh, else fetched (one fetch for all concurrent
    /// callers). When a refetch fails, the last good set is returned and the error kept
    /// for [`last_error`](RemoteJwks::last_error).
    ///
    /// # Errors
    /// [`JwksError::Fetch`] when the fetch failed and no set was ever loaded;
    /// [`JwksError::NoKeySet`] when no set was ever loaded and the last fetch failed less
    /// than a cooldown ago (no fetch is tried).
    pub async fn key_set(&self) -> Result<Arc<KeySet>, JwksError> {
        self.key_set_and_generation().await.map(|(keys, _)| keys)
    }

    /// Fetches the set now, whatever its age and the cooldown (joining a fetch already in
    /// flight), for operators and for a check at startup.
    ///
    /// # Errors
    /// [`JwksError::Fetch`] when this fetch failed, even if an older set keeps serving.
    pub async fn refresh(&self) -> Result<Arc<KeySet>, JwksError> {
        let seen = self.inner.state().generation;
        Ok(self.fetch_once(seen).await?)
    }

    /// Verifies `token` with the key its `kid` names, then validates its claims.
    ///
    /// An unknown `kid` triggers one refetch (shared by every concurrent caller) if no fetch
    /// started within the cooldown, and the token is tried again with the new set. A token
    /// without `kid` is refused by the core unless the set was loaded with
    /// [`KeySetOptions::try_all_keys`](jwtcraft::KeySetOptions::try_all_keys).
    ///
    /// # Errors
    /// [`JwksError::UnknownKey`] when no key has the token's `kid`;
    /// [`JwksError::Rejected`] with the core's error for everything the core refuses;
    /// [`JwksError::Fetch`] / [`JwksError::NoKeySet`] as [`RemoteJwks::key_set`].
    pub async fn decode<C: DeserializeOwned>(
        &self,
        token: &str,
        validation: &Validation,
    ) -> Result<Token<C>, JwksError> {
        let (keys, generation) = self.key_set_and_generation().await?;
        match keys.decode(token, validation) {
            Err(Error::Header(HeaderError::UnknownKeyId(kid))) => {
                let Some(newer) = self.keys_for_unknown_kid(generation).await else {
                    return Err(JwksError::UnknownKey { kid });
                };
                newer.decode(token, validation).map_err(into_jwks_error)
            }
            other => other.map_err(into_jwks_error),
        }
    }

    /// The set and the generation it was current at.
    async fn key_set_and_generation(&self) -> Result<(Arc<KeySet>, u64), JwksError> {
        let now = Instant::now();
        let seen = {
            let state = self.inner.state();
            match state.plan(now, self.inner.config.cooldown) {
                Plan::Serve(keys) => return Ok((keys, state.generation)),
                Plan::Unavailable(error) => return Err(JwksError::NoKeySet(error)),
                Plan::Fetch(seen) => seen,
            }
        };
        let outcome = self.fetch_once(seen).await;
        // The set current now, with its generation: the fetched one, or (the issuer failed)
        // the last good one, the error being recorded.
        let state = self.inner.state();
        match state.keys().ok_or(outcome) {
            Ok(keys) | Err(Ok(keys)) => Ok((keys, state.generation)),
            Err(Err(e)) => Err(JwksError::Fetch(e)),
        }
    }

    /// A set that may know the kid the set of `generation` did not: the current one if a
    /// fetch completed since, else a new one if the cooldown allows. `None`: nothing newer.
    async fn keys_for_unknown_kid(&self, generation: u64) -> Option<Arc<KeySet>> {
        {
            let state = self.inner.state();
            if state.generation != generation {
                return state.keys();
            }
            if state.cooling_down(Instant::now(), self.inner.config.cooldown) {
                return None;
            }
        }
        self.fetch_once(generation).await.ok()
    }

    /// Fetches unless a fetch completed after generation `seen`, in which case that fetch's
    /// outcome is returned: the single flight. Cancel-safe: a caller dropped mid-fetch
    /// records nothing, and the next waiter fetches.
    async fn fetch_once(&self, seen: u64) -> Result<Arc<KeySet>, FetchError> {
        let _flight = self.inner.fetch_lock.lock().await;
        {
            let state = self.inner.state();
            if state.generation != seen {
                return state.last_outcome();
            }
        }
        let started = Instant::now();
        let outcome = match self.inner.fetcher.fetch(&self.inner.url).await {
            Ok(fetched) => self.load(&fetched, started),
            Err(e) => Err(e),
        };
        let result = outcome
            .as_ref()
            .map(|l| Arc::clone(&l.keys))
            .map_err(Clone::clone);
        self.inner.state().record(started, outcome);
        result
    }

    fn load(&self, fetched: &FetchedJwks, started: Instant) -> Result<Loaded, FetchError> {
        let config = &self.inner.config;
        let text = std::str::from_utf8(&fetched.body).map_err(|_| FetchError::NotUtf8)?;
        let set = JwkSet::from_json(text).map_err(FetchError::InvalidJwks)?;
        let (keys, skipped) = KeySet::from_jwk_set_with(&set, config.options);
        if keys.keys().is_empty() {
            return Err(FetchError::NoUsableKeys {
                skipped: skipped.len(),
            });
        }
        let ttl: Duration = config.ttl(fetched.max_age);
        Ok(Loaded {
            keys: Arc::new(keys),
            skipped: Arc::from(skipped),
            fetched_at: started,
            // A ttl past what `Instant` holds (a huge configured max age): far enough; if
            // even that overflows, expired at once (the cooldown still bounds refetches).
            expires_at: started
                .checked_add(ttl)
                .or_else(|| started.checked_add(FAR))
                .unwrap_or(started),
        })
    }
}

/// Where an expiry that overflows `Instant` is put instead: far enough to never come.
const FAR: Duration = Duration::from_secs(100 * 365 * 24 * 60 * 60);

impl<F> Inner<F> {
    /// The state; never held across an `.await`. A panic elsewhere while it was held
    /// cannot leave it half-updated (every update is one assignment), so poisoning is
    /// ignored.
    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

fn into_jwks_error(error: Error) -> JwksError {
    match error {
        Error::Header(HeaderError::UnknownKeyId(kid)) => JwksError::UnknownKey { kid },
        other => JwksError::Rejected(other),
    }
}
