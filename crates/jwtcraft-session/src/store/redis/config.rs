//! [`RedisStoreConfig`]: the key prefix and the timeouts of a [`RedisStore`](super::RedisStore).

use std::time::Duration;

/// Retired refresh-token hashes a [`RedisStore`](super::RedisStore) keeps per family (the most recent): 2 KiB
/// per family at most.
pub const REDIS_RETIRED_KEPT: usize = 64;
/// Default [`RedisStoreConfig::with_prefix`].
pub const DEFAULT_REDIS_PREFIX: &str = "jwtcraft";
/// Default [`RedisStoreConfig::with_command_timeout`]: 1 s.
pub const DEFAULT_COMMAND_TIMEOUT: Duration = Duration::from_secs(1);
/// Default [`RedisStoreConfig::with_connect_timeout`]: 1 s.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(1);

/// How a [`RedisStore`](super::RedisStore) names its keys and how long it waits.
///
/// ```
/// use jwtcraft_session::store::RedisStoreConfig;
/// use std::time::Duration;
/// let config = RedisStoreConfig::new()
///     .with_prefix("myapp")
///     .with_command_timeout(Duration::from_millis(250));
/// # let _ = config;
/// ```
#[derive(Debug, Clone)]
pub struct RedisStoreConfig {
    pub(super) prefix: String,
    pub(super) command_timeout: Duration,
    pub(super) connect_timeout: Duration,
}

impl Default for RedisStoreConfig {
    fn default() -> Self {
        RedisStoreConfig::new()
    }
}

impl RedisStoreConfig {
    /// Prefix [`DEFAULT_REDIS_PREFIX`], both timeouts 1 s.
    pub fn new() -> Self {
        RedisStoreConfig {
            prefix: DEFAULT_REDIS_PREFIX.to_owned(),
            command_timeout: DEFAULT_COMMAND_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
        }
    }

    /// Sets the key prefix: several applications (or test runs) can share one server under
    /// different prefixes. It must not contain `{` or `}` (it is part of the hash tags).
    #[must_use]
    pub fn with_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// Sets the most one store call may take, reconnect and script reload included, before
    /// it fails with [`StoreError::Timeout`](crate::StoreError::Timeout).
    #[must_use]
    pub fn with_command_timeout(mut self, timeout: Duration) -> Self {
        self.command_timeout = timeout;
        self
    }

    /// Sets the most one connection attempt may take.
    #[must_use]
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }
}
