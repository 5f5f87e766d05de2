//! [`RedisStore`]: families and the revocation log in Redis (feature `redis`). The
//! layout, atomicity, Cluster and failure notes are on the type.

mod config;
mod keys;
mod reply;

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use jwtcraft::NumericDate;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::{RedisError, Script, Value};

pub use self::config::{
    RedisStoreConfig, DEFAULT_COMMAND_TIMEOUT, DEFAULT_CONNECTIONS, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_REDIS_PREFIX, REDIS_RETIRED_KEPT,
};
use self::keys::{Keys, Scripts};

use super::types::{
    Cursor, EarlyRefresh, FamilyId, FamilySnapshot, NewFamily, Revocation, RevocationPage,
    RevocationTarget, RotateOutcome, RotateRequest, StoreError,
};
use super::Store;

/// A [`Store`] in Redis (single node): one Lua script per operation.
///
/// # Key layout
///
/// With the default prefix `jwtcraft` (see [`RedisStoreConfig::with_prefix`]):
///
/// | key | type | holds | TTL |
/// |---|---|---|---|
/// | `jwtcraft:fam:{<family id>}` | hash | the family record of the [store docs](crate::store) but `retired` | `evict_at - now` at login |
/// | `jwtcraft:ret:{<family id>}` | list | the last [`REDIS_RETIRED_KEPT`] retired hashes, oldest first | `evict_at - now` when first written |
/// | `jwtcraft:sub:{<subject>}` | set | the subject's family ids | the longest of its families' |
/// | `jwtcraft:log:{jwtcraft}` | sorted set | log entries `seq:until:kind:target`, scored by `seq` | none; entries are trimmed |
/// | `jwtcraft:log-until:{jwtcraft}` | sorted set | `seq` scored by `until`, to find expired entries | none |
/// | `jwtcraft:log-seq:{jwtcraft}` | string | the last `seq` (`INCR`) | none |
///
/// The TTL is set relative (`EXPIRE evict_at - now`, both from the request) rather than with
/// `EXPIREAT evict_at`, so a manager clock that disagrees with the server's (a test clock,
/// skew) never deletes a record early; the scripts also treat a record as gone once the
/// request's `now >= evict_at`, whatever the TTL says. Log entries are dropped once their
/// `until` has passed, up to 64 per append.
///
/// # Atomicity
///
/// Every state change is one `EVALSHA` of one Lua script (loaded again on `NOSCRIPT`); the
/// Rust side never reads a value to decide what to write. `rotate.lua` is the
/// [`Store::rotate`] pseudocode line for line, including the log append on theft, so two
/// concurrent refreshes of one token see exactly one compare-and-swap succeed.
/// `revoke_subject.lua` revokes every family of the subject and appends their entries in one
/// script. [`Store::family`] is one `HMGET`.
///
/// Hashes are compared in Lua with `==`, which is not constant-time; a store-side timing
/// difference is no oracle here, because the compared value is the SHA-256 of a 256-bit
/// secret: a caller cannot choose which bytes of it match.
///
/// # Redis Cluster
///
/// The `{…}` hash tags put each family's record in its own slot and the three log keys
/// together in one slot. [`RedisStore`] talks to one node (standalone, or the primary of a
/// replicated set), where a script may touch any key: `create_family` writes the family and
/// the subject index, and the revoking scripts (and `rotate` when it detects theft) write
/// the family and the log, each in one script. On a Cluster those pairs live in different slots and the scripts would fail with
/// `CROSSSLOT`; a Cluster mode would split them as the [store docs](crate::store) lay out
/// (family script, then log append; index first at login), at the cost of those pairs no
/// longer being atomic together. That mode is not implemented.
///
/// # Failure behaviour
///
/// Each call is bounded by the command timeout (default 1 s, including a reconnect or a
/// script reload): past it, the call fails with [`StoreError::Timeout`] (its effect is
/// unknown, as the store docs say). A refused connection or a server error is
/// [`StoreError::Unavailable`]. Connections are made lazily and remade by themselves when
/// the server comes back. Nothing panics; the manager turns both into `store_unavailable`.
///
/// Cloning is cheap and shares the connections.
///
/// ```no_run
/// use jwtcraft_session::store::{RedisStore, RedisStoreConfig};
/// # async fn run() -> Result<(), jwtcraft_session::StoreError> {
/// let store = RedisStore::open("redis://127.0.0.1:6379/", &RedisStoreConfig::new())?;
/// store.ping().await?; // optional: the connection is made on first use anyway
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct RedisStore {
    /// Round-robin: with one multiplexed connection, 64 concurrent callers fall into lock
    /// step (the server runs a batch while the client waits, then the reverse); a few
    /// connections let both sides work at once.
    conns: Arc<[ConnectionManager]>,
    next: Arc<AtomicUsize>,
    keys: Arc<Keys>,
    scripts: Arc<Scripts>,
    timeout: Duration,
}

/// How long the manager may keep reconnecting in the background; each store call is bounded
/// by the command timeout anyway.
const RECONNECT_RETRIES: usize = 2;

fn to_store_error(err: &RedisError) -> StoreError {
    if err.is_timeout() {
        StoreError::Timeout
    } else {
        StoreError::Unavailable(format!("redis: {err}"))
    }
}

fn seconds(date: NumericDate) -> i64 {
    date.as_unix_seconds()
}

impl RedisStore {
    /// A store for the server at `url` (`redis://host:port/db`, `rediss://` needs TLS
    /// features this crate does not enable). Connects lazily, on the first call.
    ///
    /// Call it inside the Tokio runtime that will use the store: the connection's background
    /// task is spawned there.
    ///
    /// # Errors
    /// [`StoreError::Unavailable`] for a malformed URL, a prefix containing `{` or `}`, or
    /// when called outside a Tokio runtime.
    pub fn open(url: &str, config: &RedisStoreConfig) -> Result<Self, StoreError> {
        if config.prefix.contains(['{', '}']) {
            return Err(StoreError::Unavailable(
                "redis key prefix must not contain braces".into(),
            ));
        }
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(StoreError::Unavailable(
                "redis store opened outside a tokio runtime".into(),
            ));
        }
        let client = redis::Client::open(url).map_err(|e| to_store_error(&e))?;
        let manager = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(config.connect_timeout))
            .set_response_timeout(Some(config.command_timeout))
            .set_number_of_retries(RECONNECT_RETRIES)
            .set_min_delay(Duration::from_millis(50))
            .set_max_delay(Duration::from_millis(500));
        let conns = (0..config.connections)
            .map(|_| ConnectionManager::new_lazy_with_config(client.clone(), manager.clone()))
            .collect::<Result<Arc<[_]>, _>>()
            .map_err(|e| to_store_error(&e))?;
        Ok(RedisStore {
            conns,
            next: Arc::new(AtomicUsize::new(0)),
            keys: Arc::new(Keys::new(&config.prefix)),
            scripts: Arc::new(Scripts::new()),
            timeout: config.command_timeout,
        })
    }

    /// One `PING`: connects if needed.
    ///
    /// # Errors
    /// As any store call fails.
    pub async fn ping(&self) -> Result<(), StoreError> {
        let mut conn = self.conn();
        self.bounded(async move { redis::cmd("PING").query_async::<()>(&mut conn).await })
            .await
    }

    fn conn(&self) -> ConnectionManager {
        let i = self.next.fetch_add(1, Ordering::Relaxed) % self.conns.len();
        self.conns[i].clone()
    }

    async fn bounded<T>(
        &self,
        call: impl Future<Output = Result<T, RedisError>>,
    ) -> Result<T, StoreError> {
        match tokio::time::timeout(self.timeout, call).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(err)) => Err(to_store_error(&err)),
            Err(_) => Err(StoreError::Timeout),
        }
    }

    /// `EVALSHA` of `script` (loading it on `NOSCRIPT`), bounded by the command timeout.
    /// `keys` start with the three log keys when `log` is set.
    async fn eval(
        &self,
        script: &Script,
        log: bool,
        keys: &[&str],
        args: &[&[u8]],
    ) -> Result<Value, StoreError> {
        let mut invocation = script.prepare_invoke();
        if log {
            for key in &self.keys.log {
                invocation.key(key);
            }
        }
        for key in keys {
            invocation.key(*key);
        }
        for arg in args {
            invocation.arg(*arg);
        }
        let mut conn = self.conn();
        self.bounded(async move { invocation.invoke_async::<Value>(&mut conn).await })
            .await
    }
}

impl Store for RedisStore {
    async fn create_family(&self, family: NewFamily) -> Result<(), StoreError> {
        let num = |date: NumericDate| seconds(date).to_string();
        let ttl = seconds(family.evict_at).saturating_sub(seconds(family.created_at));
        let extra = family.extra_claims.as_deref();
        let reply = self
            .eval(
                &self.scripts.create,
                false,
                &[
                    &self.keys.family(&family.id),
                    &self.keys.subject(&family.subject),
                ],
                &[
                    family.id.as_str().as_bytes(),
                    family.subject.as_bytes(),
                    if extra.is_some() { b"1" } else { b"0" },
                    extra.unwrap_or_default().as_bytes(),
                    family.token.as_bytes(),
                    num(family.created_at).as_bytes(),
                    num(family.idle_expires_at).as_bytes(),
                    num(family.absolute_expires_at).as_bytes(),
                    num(family.access_until).as_bytes(),
                    num(family.evict_at).as_bytes(),
                    ttl.to_string().as_bytes(),
                ],
            )
            .await?;
        reply::created(&reply)
    }

    async fn rotate(&self, r: RotateRequest) -> Result<RotateOutcome, StoreError> {
        let early: &[u8] = match r.early_refresh {
            EarlyRefresh::Allow => b"allow",
            EarlyRefresh::Reject => b"reject",
            EarlyRefresh::TreatAsTheft => b"theft",
        };
        // The same whole-second rounding as `NumericDate::saturating_add`.
        let grace = seconds(NumericDate::from_unix_seconds(0).saturating_add(r.grace));
        let reply = self
            .eval(
                &self.scripts.rotate,
                true,
                &[&self.keys.family(&r.family), &self.keys.retired(&r.family)],
                &[
                    r.presented.as_bytes(),
                    r.successor.as_bytes(),
                    seconds(r.now).to_string().as_bytes(),
                    if r.grace.is_zero() { b"0" } else { b"1" },
                    grace.to_string().as_bytes(),
                    seconds(r.now.saturating_add(r.idle_ttl))
                        .to_string()
                        .as_bytes(),
                    seconds(r.access_until).to_string().as_bytes(),
                    early,
                    REDIS_RETIRED_KEPT.to_string().as_bytes(),
                    r.family.as_str().as_bytes(),
                ],
            )
            .await?;
        reply::rotated(&reply, &r.family)
    }

    async fn revoke_family(
        &self,
        family: &FamilyId,
        now: NumericDate,
    ) -> Result<Option<Revocation>, StoreError> {
        let reply = self
            .eval(
                &self.scripts.revoke_family,
                true,
                &[&self.keys.family(family)],
                &[
                    seconds(now).to_string().as_bytes(),
                    family.as_str().as_bytes(),
                ],
            )
            .await?;
        reply::family_revoked(&reply, family)
    }

    async fn revoke_subject(
        &self,
        subject: &str,
        now: NumericDate,
    ) -> Result<Vec<Revocation>, StoreError> {
        let reply = self
            .eval(
                &self.scripts.revoke_subject,
                true,
                &[&self.keys.subject(subject)],
                &[
                    seconds(now).to_string().as_bytes(),
                    self.keys.family_open.as_bytes(),
                ],
            )
            .await?;
        reply::subject_revoked(&reply)
    }

    async fn revoke_access(
        &self,
        jti: &str,
        until: NumericDate,
        now: NumericDate,
    ) -> Result<Revocation, StoreError> {
        let reply = self
            .eval(
                &self.scripts.revoke_access,
                true,
                &[],
                &[
                    seconds(now).to_string().as_bytes(),
                    jti.as_bytes(),
                    seconds(until).to_string().as_bytes(),
                ],
            )
            .await?;
        reply::appended(&reply, RevocationTarget::Access(jti.to_owned()))
    }

    async fn revocations_since(
        &self,
        cursor: Cursor,
        limit: usize,
        now: NumericDate,
    ) -> Result<RevocationPage, StoreError> {
        let reply = self
            .eval(
                &self.scripts.since,
                true,
                &[],
                &[
                    cursor.0.to_string().as_bytes(),
                    limit.to_string().as_bytes(),
                    seconds(now).to_string().as_bytes(),
                ],
            )
            .await?;
        reply::page(&reply)
    }

    async fn family(&self, family: &FamilyId) -> Result<Option<FamilySnapshot>, StoreError> {
        let mut command = redis::cmd("HMGET");
        command
            .arg(self.keys.family(family))
            .arg(&reply::SNAPSHOT_FIELDS);
        let mut conn = self.conn();
        let reply = self
            .bounded(async move { command.query_async::<Value>(&mut conn).await })
            .await?;
        reply::snapshot(&reply)
    }
}
