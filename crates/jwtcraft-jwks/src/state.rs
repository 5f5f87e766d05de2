//! What the cache knows between fetches, and the decisions made from it. No I/O, no
//! locking: [`RemoteJwks`](crate::RemoteJwks) holds this behind a mutex.

use std::sync::Arc;
use std::time::Duration;

use jwtcraft::{KeySet, SkippedKey};
use tokio::time::Instant;

use crate::error::FetchError;

/// The last good set.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) keys: Arc<KeySet>,
    pub(crate) skipped: Arc<[SkippedKey]>,
    pub(crate) fetched_at: Instant,
    pub(crate) expires_at: Instant,
}

/// Cache state.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub(crate) loaded: Option<Loaded>,
    /// When the last fetch (successful or not) started: the cooldown runs from here.
    pub(crate) last_attempt: Option<Instant>,
    /// The last fetch's error; `None` once a fetch succeeds.
    pub(crate) last_error: Option<FetchError>,
    /// Completed fetches. A caller that saw generation `g` and finds `g + 1` after waiting
    /// for the fetch lock joined someone else's fetch, and must not start one of its own.
    pub(crate) generation: u64,
}

/// What [`State::plan`] says a caller should do.
#[derive(Debug)]
pub(crate) enum Plan {
    /// Serve this set: fresh, or stale while a refetch is not allowed yet.
    Serve(Arc<KeySet>),
    /// No set, and the last fetch failed less than a cooldown ago.
    Unavailable(Option<FetchError>),
    /// Fetch (or join the fetch in flight), having seen this generation.
    Fetch(u64),
}

impl State {
    /// True while a new fetch is not allowed: less than `cooldown` since the last one
    /// started.
    pub(crate) fn cooling_down(&self, now: Instant, cooldown: Duration) -> bool {
        self.last_attempt
            .is_some_and(|at| now < at.checked_add(cooldown).unwrap_or(at))
    }

    /// For a caller that needs a set: serve the cached one while it is fresh; once it has
    /// expired, refetch, but not more than once per cooldown (the stale set is served in
    /// between, which also covers an issuer that is down).
    pub(crate) fn plan(&self, now: Instant, cooldown: Duration) -> Plan {
        match &self.loaded {
            Some(l) if now < l.expires_at || self.cooling_down(now, cooldown) => {
                Plan::Serve(Arc::clone(&l.keys))
            }
            None if self.cooling_down(now, cooldown) => Plan::Unavailable(self.last_error.clone()),
            _ => Plan::Fetch(self.generation),
        }
    }

    /// The outcome of the last completed fetch, for a caller that joined it.
    pub(crate) fn last_outcome(&self) -> Result<Arc<KeySet>, FetchError> {
        match (&self.last_error, &self.loaded) {
            (Some(e), _) => Err(e.clone()),
            (None, Some(l)) => Ok(Arc::clone(&l.keys)),
            // Unreachable once a fetch completed; stated rather than assumed.
            (None, None) => Err(FetchError::NoUsableKeys { skipped: 0 }),
        }
    }

    /// The current set, fresh or stale.
    pub(crate) fn keys(&self) -> Option<Arc<KeySet>> {
        self.loaded.as_ref().map(|l| Arc::clone(&l.keys))
    }

    /// Records a completed fetch that started at `started`.
    pub(crate) fn record(&mut self, started: Instant, outcome: Result<Loaded, FetchError>) {
        self.generation += 1;
        self.last_attempt = Some(started);
        match outcome {
            Ok(loaded) => {
                self.loaded = Some(loaded);
                self.last_error = None;
            }
            Err(e) => self.last_error = Some(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COOLDOWN: Duration = Duration::from_secs(30);

    fn loaded(at: Instant, ttl: Duration) -> Loaded {
        Loaded {
            keys: Arc::new(KeySet::new()),
            skipped: Arc::from(Vec::new()),
            fetched_at: at,
            expires_at: at + ttl,
        }
    }

    #[test]
    fn an_empty_cache_fetches() {
        let state = State::default();
        assert!(matches!(
            state.plan(Instant::now(), COOLDOWN),
            Plan::Fetch(0)
        ));
    }

    #[test]
    fn fresh_serves_expired_refetches_but_not_inside_the_cooldown() {
        let t0 = Instant::now();
        let mut state = State::default();
        state.record(t0, Ok(loaded(t0, Duration::from_secs(5))));
        assert!(matches!(state.plan(t0, COOLDOWN), Plan::Serve(_)));
        // Expired at 5 s, but the last fetch was less than a cooldown ago.
        assert!(matches!(
            state.plan(t0 + Duration::from_secs(10), COOLDOWN),
            Plan::Serve(_)
        ));
        assert!(matches!(
            state.plan(t0 + COOLDOWN, COOLDOWN),
            Plan::Fetch(1)
        ));
    }

    #[test]
    fn a_failure_keeps_the_last_good_set_and_is_reported() {
        let t0 = Instant::now();
        let mut state = State::default();
        state.record(t0, Ok(loaded(t0, Duration::from_secs(60))));
        let t1 = t0 + Duration::from_secs(61);
        state.record(t1, Err(FetchError::HttpStatus(500)));
        assert!(matches!(state.plan(t1, COOLDOWN), Plan::Serve(_)));
        assert!(matches!(
            state.last_outcome(),
            Err(FetchError::HttpStatus(500))
        ));
        assert!(state.keys().is_some());
    }

    #[test]
    fn without_a_set_a_recent_failure_is_unavailable() {
        let t0 = Instant::now();
        let mut state = State::default();
        state.record(t0, Err(FetchError::Timeout));
        assert!(matches!(
            state.plan(t0, COOLDOWN),
            Plan::Unavailable(Some(FetchError::Timeout))
        ));
        assert!(matches!(
            state.plan(t0 + COOLDOWN, COOLDOWN),
            Plan::Fetch(1)
        ));
    }
}
