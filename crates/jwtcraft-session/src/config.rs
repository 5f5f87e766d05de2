//! [`SessionConfig`]: lifetimes, the grace window, the early-refresh policy and the
//! revocation mirror's staleness bound.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use jwtcraft::{Clock, SystemClock};

use crate::error::ConfigError;
use crate::store::EarlyRefresh;

/// The longest grace window accepted: 60 seconds.
pub const MAX_GRACE: Duration = Duration::from_secs(60);

/// How a [`SessionManager`](crate::SessionManager) issues, rotates and verifies.
///
/// | setting | default | meaning |
/// |---|---|---|
/// | `access_ttl` | 5 min | lifetime of an access JWT (capped by the absolute cap) |
/// | `idle_ttl` | 7 days | a session not refreshed for this long is over |
/// | `absolute_ttl` | 30 days | no refresh succeeds this long after login, however active |
/// | `grace` | 0 | re-presenting the immediately previous refresh token within this long after it was rotated rotates again instead of counting as theft; at most [`MAX_GRACE`] |
/// | `early_refresh` | [`EarlyRefresh::Allow`] | a refresh while the previous access token is still valid |
/// | `poll_interval` | 5 s | how often [`spawn_sync`](crate::SessionManager::spawn_sync) polls the store's revocation log: the staleness bound for revocations made by *other* processes |
/// | `max_staleness` | 30 s | if the mirror has not synced for longer, verification fails closed with `store_unavailable` |
/// | `store_timeout` | none | a store call slower than this fails with `store_unavailable` (needs Tokio's time driver) |
/// | clock | [`SystemClock`] | the time for issuing, expiry and staleness; inject one in tests |
///
/// All times are whole seconds.
///
/// ```
/// use jwtcraft_session::{EarlyRefresh, SessionConfig};
/// use std::time::Duration;
/// let config = SessionConfig::new()
///     .with_access_ttl(Duration::from_secs(600))
///     .with_grace(Duration::from_secs(10))
///     .with_early_refresh(EarlyRefresh::Reject);
/// assert!(config.validate().is_ok());
/// assert!(SessionConfig::new().with_grace(Duration::from_secs(61)).validate().is_err());
/// ```
#[derive(Clone)]
pub struct SessionConfig {
    pub(crate) access_ttl: Duration,
    pub(crate) idle_ttl: Duration,
    pub(crate) absolute_ttl: Duration,
    pub(crate) grace: Duration,
    pub(crate) early_refresh: EarlyRefresh,
    pub(crate) poll_interval: Duration,
    pub(crate) max_staleness: Duration,
    pub(crate) store_timeout: Option<Duration>,
    pub(crate) clock: Arc<dyn Clock>,
}

impl Default for SessionConfig {
    fn default() -> Self {
        SessionConfig::new()
    }
}

impl fmt::Debug for SessionConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SessionConfig")
            .field("access_ttl", &self.access_ttl)
            .field("idle_ttl", &self.idle_ttl)
            .field("absolute_ttl", &self.absolute_ttl)
            .field("grace", &self.grace)
            .field("early_refresh", &self.early_refresh)
            .field("poll_interval", &self.poll_interval)
            .field("max_staleness", &self.max_staleness)
            .field("store_timeout", &self.store_timeout)
            .field("clock", &self.clock)
            .finish()
    }
}

impl SessionConfig {
    /// The defaults in the table above.
    pub fn new() -> Self {
        SessionConfig {
            access_ttl: Duration::from_secs(5 * 60),
            idle_ttl: Duration::from_secs(7 * 24 * 3600),
            absolute_ttl: Duration::from_secs(30 * 24 * 3600),
            grace: Duration::ZERO,
            early_refresh: EarlyRefresh::Allow,
            poll_interval: Duration::from_secs(5),
            max_staleness: Duration::from_secs(30),
            store_timeout: None,
            clock: Arc::new(SystemClock),
        }
    }

    /// Lifetime of access tokens. Keep it short: it is how long a stolen access token works
    /// in a process whose mirror has not heard of a revocation.
    #[must_use]
    pub fn with_access_ttl(mut self, ttl: Duration) -> Self {
        self.access_ttl = ttl;
        self
    }

    /// Idle timeout: each refresh moves the session's deadline to now + `ttl` (never past
    /// the absolute cap).
    #[must_use]
    pub fn with_idle_ttl(mut self, ttl: Duration) -> Self {
        self.idle_ttl = ttl;
        self
    }

    /// Absolute cap on a session, counted from login.
    #[must_use]
    pub fn with_absolute_ttl(mut self, ttl: Duration) -> Self {
        self.absolute_ttl = ttl;
        self
    }

    /// Grace window for re-presenting the immediately previous refresh token (a client that
    /// lost the response to its refresh). 0 (the default) makes every reuse theft.
    #[must_use]
    pub fn with_grace(mut self, grace: Duration) -> Self {
        self.grace = grace;
        self
    }

    /// The early-refresh policy.
    #[must_use]
    pub fn with_early_refresh(mut self, policy: EarlyRefresh) -> Self {
        self.early_refresh = policy;
        self
    }

    /// How often [`spawn_sync`](crate::SessionManager::spawn_sync) polls for revocations.
    #[must_use]
    pub fn with_poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// How long the mirror may go without a successful sync before verification fails
    /// closed.
    #[must_use]
    pub fn with_max_staleness(mut self, max: Duration) -> Self {
        self.max_staleness = max;
        self
    }

    /// Bounds every store call. Requires a Tokio runtime with the time driver enabled
    /// (`#[tokio::main]` has it).
    #[must_use]
    pub fn with_store_timeout(mut self, timeout: Duration) -> Self {
        self.store_timeout = Some(timeout);
        self
    }

    /// The clock (shared: pass an `Arc` to keep a handle you can advance in tests).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Checks the settings; [`SessionManager::new`](crate::SessionManager::new) calls it.
    ///
    /// # Errors
    /// [`ConfigError`] for a grace window over 60 s, a zero lifetime or interval, or a
    /// staleness bound below the poll interval.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let second = Duration::from_secs(1);
        for (name, value) in [
            ("access_ttl", self.access_ttl),
            ("idle_ttl", self.idle_ttl),
            ("absolute_ttl", self.absolute_ttl),
            ("poll_interval", self.poll_interval),
            ("max_staleness", self.max_staleness),
        ] {
            if value < second {
                return Err(ConfigError::Zero(name));
            }
        }
        if self.grace > MAX_GRACE {
            return Err(ConfigError::GraceTooLong);
        }
        if self.max_staleness < self.poll_interval {
            return Err(ConfigError::StalenessBelowPoll);
        }
        Ok(())
    }

    /// Access-token lifetime.
    pub fn access_ttl(&self) -> Duration {
        self.access_ttl
    }

    /// The grace window.
    pub fn grace(&self) -> Duration {
        self.grace
    }

    /// The poll interval (the documented staleness bound).
    pub fn poll_interval(&self) -> Duration {
        self.poll_interval
    }
}
