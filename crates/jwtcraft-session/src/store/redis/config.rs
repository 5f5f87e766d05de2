//! [`RedisStoreConfig`]: the key prefix and the timeouts of a [`RedisStore`](super::RedisStore).

use std::time::Duration;

/// Retired refresh-token hashes a [`RedisStore`](super::RedisStore) keeps per family (the most recent): 2 KiB
/// per family at most.
pub const REDIS_RETIRED_KEPT: usize = 64;
/// Default [`RedisStoreConfig::with_prefix`].
pub const DEFAULT_REDIS_PREFIX: &str = "jwtcraft";
/// Default [`RedisStoreConfig::with_command_timeout`]: 1 s.
pub const DEFAULT_COMMAND_TIMEOUT: Duration = Duration::from_secs(1);
/// Default [`RedisStoreConfig::with_connections`]: 4.
pub const DEFAULT_CONNECTIONS: usize = 4;
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
    pub(super) connections: usize,
}

impl Default for RedisStoreConfig {
    fn default() -> Self {
        RedisStoreConfig::new()
    }
}

impl RedisStoreConfig {
    /// Prefix [`DEFAULT_REDIS_PREFIX`], both timeouts 1 s, [`DEFAULT_CONNECTIONS`]
    /// connections.
    pub fn new() -> Self {
        RedisStoreConfig {
            prefix: DEFAULT_REDIS_PREFIX.to_owned(),
            command_timeout: DEFAULT_COMMAND_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            connections: DEFAULT_CONNECTIONS,
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

    /// Sets how many multiplexed connections calls are spread over, round-robin (at least
    /// 1). Each one pipelines any number of concurrent calls; more than one keeps many
    /// concurrent callers from moving in lock step with the server.
    #[must_use]
    pub fn with_connections(mut self, connections: usize) -> Self {
        self.connections = connections.max(1);
        self
    }
}
