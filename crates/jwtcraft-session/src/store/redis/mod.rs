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
use self::reply::Rotated;

use super::types::{
    Cursor, EarlyRefresh, FamilyId, FamilySnapshot, NewFamily, Revocation, RevocationPage,
    RevocationTarget, RotateOutcome, RotateRequest, StoreError,
};
use super::Store;

/// A [`Store`] in Redis, on a single node ([`RedisStore::open`]) or a Redis Cluster
/// (`RedisStore::open_cluster`, feature `redis-cluster`): one Lua script per single-slot
/// step, the same scripts and keys in both modes.
///
/// # Key layout
///
/// With the default prefix `jwtcraft` (see [`RedisStoreConfig::with_prefix`]):
///
/// | key | type | holds | TTL | slot |
/// |---|---|---|---|---|
/// | `jwtcraft:fam:{<family id>}` | hash | the family record of the [store docs](crate::store) but `retired` | `evict_at - now` at login | the family's |
/// | `jwtcraft:ret:{<family id>}` | list | the last [`REDIS_RETIRED_KEPT`] retired hashes, oldest first | `evict_at - now` when first written | the family's |
/// | `jwtcraft:sub:{<subject>}` | sorted set | the subject's family ids, scored by `evict_at` | the longest of its families' | the subject's |
/// | `jwtcraft:log:{jwtcraft}` | sorted set | log entries `seq:until:kind:target`, scored by `seq` | none; entries are trimmed | the log's |
/// | `jwtcraft:log-until:{jwtcraft}` | sorted set | `seq` scored by `until`, to find expired entries | none | the log's |
/// | `jwtcraft:log-seq:{jwtcraft}` | string | the last `seq` (`INCR`) | none | the log's |
///
/// The TTL is set relative (`EXPIRE evict_at - now`, both from the request) rather than with
/// `EXPIREAT evict_at`, so a manager clock that disagrees with the server's (a test clock,
/// skew) never deletes a record early; the scripts also treat a record as gone once the
/// request's `now >= evict_at`, whatever the TTL says. Log entries are dropped once their
/// `until` has passed, up to 64 per append; index entries once their `evict_at` has passed,
/// at the subject's next login.
///
/// # Atomicity
///
/// Every script call touches the keys of exactly one hash slot (its keys share one `{…}`
/// tag; debug builds assert it before each call), so the same scripts run on a single node
/// and on a Cluster. Each script is atomic; the Rust side never reads a value to decide
/// what to write to the same slot.
///
/// | method | steps (one script or command each) |
/// |---|---|
/// | [`Store::create_family`] | `index.lua` (subject slot), then `create.lua` (family slot) |
/// | [`Store::rotate`] | `rotate.lua` (family slot); on theft, then `append.lua` (log slot) |
/// | [`Store::revoke_family`] | `revoke_family.lua` (family slot), then `append.lua` (log slot) |
/// | [`Store::revoke_subject`] | `ZRANGEBYSCORE` of the index, `revoke_family.lua` per family, one `append.lua` for all |
/// | [`Store::revoke_access`] | `append.lua` (log slot) |
/// | [`Store::revocations_since`] | `since.lua` (log slot) |
/// | [`Store::family`] | `HMGET` (family slot) |
///
/// What stays atomic: everything about one family. `rotate.lua` is the [`Store::rotate`]
/// pseudocode line for line (the compare-and-swap, retiring, revoking on theft), so two
/// concurrent refreshes of one token see exactly one succeed, and theft revokes the family
/// in the same step that detects it.
///
/// What is no longer atomic (on a single node too, since the scripts are the same):
///
/// - **Login**: the index entry is written before the family. A crash (or a
///   [`StoreError::Conflict`]) between the two leaves an id in the index whose family does
///   not exist: harmless, because `revoke_family.lua` checks the family's subject and
///   revokes nothing for an absent or foreign family, and the entry is dropped once its
///   `evict_at` passes. A `revoke_subject` that runs between the two steps does not see
///   the new family: the same as a login just after it.
/// - **Revocation and theft → log**: the family is revoked (its refresh tokens are dead at
///   once, everywhere) and *then* its log entry is appended. The append is tried twice; if
///   it still fails the method returns the error (the manager reports `store_unavailable`).
///   If the process dies, or both attempts fail, between the two steps, the family stays
///   revoked but has no log entry: other processes' verification mirrors keep accepting
///   its access tokens until they expire (at most the access-token TTL). Repair: call
///   [`Store::revoke_family`] (a logout) again; it appends a fresh entry even for a family
///   already revoked. For `revoke_subject`, families revoked before a failure are still
///   appended before the error is returned.
///
/// Hashes are compared in Lua with `==`, which is not constant-time; a store-side timing
/// difference is no oracle here, because the compared value is the SHA-256 of a 256-bit
/// secret: a caller cannot choose which bytes of it match.
///
/// # Redis Cluster
///
/// Feature `redis-cluster` adds `RedisStore::open_cluster`, the `redis` crate's async
/// cluster client behind the same API: each script call is routed to the primary owning
/// its slot (following `MOVED`/`ASK`), and a script missing on a node (`NOSCRIPT`) is loaded
/// again. Each family lives in its own slot, so families spread over the cluster; each
/// subject's index in its own; the whole log in one slot (one primary): every revocation
/// and every mirror poll go to that node. The guarantees are those above, unchanged.
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
    conns: Conns,
    keys: Arc<Keys>,
    scripts: Arc<Scripts>,
    timeout: Duration,
}

/// Where commands go: a single node, or a Cluster (feature `redis-cluster`).
#[derive(Clone)]
enum Conns {
    /// Round-robin: with one multiplexed connection, 64 concurrent callers fall into lock
    /// step (the server runs a batch while the client waits, then the reverse); a few
    /// connections let both sides work at once.
    Single {
        conns: Arc<[ConnectionManager]>,
        next: Arc<AtomicUsize>,
    },
    /// One cluster connection (itself a multiplexed connection per node, following the
    /// slot map), made on first use.
    #[cfg(feature = "redis-cluster")]
    Cluster {
        client: Arc<redis::cluster::ClusterClient>,
        conn: Arc<tokio::sync::OnceCell<redis::cluster_async::ClusterConnection>>,
    },
}

impl std::fmt::Debug for Conns {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Conns::Single { conns, .. } => write!(f, "Single({} connections)", conns.len()),
            #[cfg(feature = "redis-cluster")]
            Conns::Cluster { client, .. } => f.debug_tuple("Cluster").field(client).finish(),
        }
    }
}

/// One connection of a [`Conns`], for one command.
enum Conn {
    Single(ConnectionManager),
    #[cfg(feature = "redis-cluster")]
    Cluster(redis::cluster_async::ClusterConnection),
}

impl redis::aio::ConnectionLike for Conn {
    fn req_packed_command<'a>(&'a mut self, cmd: &'a redis::Cmd) -> redis::RedisFuture<'a, Value> {
        match self {
            Conn::Single(conn) => conn.req_packed_command(cmd),
            #[cfg(feature = "redis-cluster")]
            Conn::Cluster(conn) => conn.req_packed_command(cmd),
        }
    }

    fn req_packed_commands<'a>(
        &'a mut self,
        cmd: &'a redis::Pipeline,
        offset: usize,
        count: usize,
    ) -> redis::RedisFuture<'a, Vec<Value>> {
        match self {
            Conn::Single(conn) => conn.req_packed_commands(cmd, offset, count),
            #[cfg(feature = "redis-cluster")]
            Conn::Cluster(conn) => conn.req_packed_commands(cmd, offset, count),
        }
    }

    fn get_db(&self) -> i64 {
        match self {
            Conn::Single(conn) => conn.get_db(),
            #[cfg(feature = "redis-cluster")]
            Conn::Cluster(conn) => conn.get_db(),
        }
    }
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

fn check_open(config: &RedisStoreConfig) -> Result<(), StoreError> {
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
    Ok(())
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
        check_open(config)?;
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
        Ok(Self::with_conns(
            Conns::Single {
                conns,
                next: Arc::new(AtomicUsize::new(0)),
            },
            config,
        ))
    }

    /// A store on a Redis Cluster (feature `redis-cluster`), reached through any of
    /// `urls` (`redis://host:port/`, one or more primaries or replicas; the rest of the
    /// cluster is discovered). Connects on the first call; until then nothing is checked but
    /// the URLs' syntax. The key layout, scripts and guarantees are those of
    /// [`RedisStore::open`]: see "Redis Cluster" on [`RedisStore`].
    /// [`RedisStoreConfig::with_connections`] does not apply: the cluster client keeps one
    /// multiplexed connection per node.
    ///
    /// # Errors
    /// As [`RedisStore::open`].
    #[cfg(feature = "redis-cluster")]
    pub fn open_cluster<I, U>(urls: I, config: &RedisStoreConfig) -> Result<Self, StoreError>
    where
        I: IntoIterator<Item = U>,
        U: AsRef<str>,
    {
        check_open(config)?;
        let urls: Vec<String> = urls.into_iter().map(|u| u.as_ref().to_owned()).collect();
        let client = redis::cluster::ClusterClient::builder(urls)
            .connection_timeout(config.connect_timeout)
            .response_timeout(config.command_timeout)
            .build()
            .map_err(|e| to_store_error(&e))?;
        Ok(Self::with_conns(
            Conns::Cluster {
                client: Arc::new(client),
                conn: Arc::new(tokio::sync::OnceCell::new()),
            },
            config,
        ))
    }

    fn with_conns(conns: Conns, config: &RedisStoreConfig) -> Self {
        RedisStore {
            conns,
            keys: Arc::new(Keys::new(&config.prefix)),
            scripts: Arc::new(Scripts::new()),
            timeout: config.command_timeout,
        }
    }

    /// One `PING` (to every primary on a Cluster): connects if needed.
    ///
    /// # Errors
    /// As any store call fails.
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.bounded(
            |mut conn| async move { redis::cmd("PING").query_async::<()>(&mut conn).await },
        )
        .await
    }

    // Only a Cluster connection is awaited (made on first use).
    #[cfg_attr(not(feature = "redis-cluster"), allow(clippy::unused_async))]
    async fn conn(&self) -> Result<Conn, RedisError> {
        match &self.conns {
            Conns::Single { conns, next } => {
                let i = next.fetch_add(1, Ordering::Relaxed) % conns.len();
                Ok(Conn::Single(conns[i].clone()))
            }
            #[cfg(feature = "redis-cluster")]
            Conns::Cluster { client, conn } => conn
                .get_or_try_init(|| client.get_async_connection())
                .await
                .map(|conn| Conn::Cluster(conn.clone())),
        }
    }

    /// Runs `call` on a connection, all of it (connecting included) bounded by the command
    /// timeout.
    async fn bounded<T, F>(&self, call: impl FnOnce(Conn) -> F) -> Result<T, StoreError>
    where
        F: Future<Output = Result<T, RedisError>>,
    {
        let run = async move { call(self.conn().await?).await };
        match tokio::time::timeout(self.timeout, run).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(err)) => Err(to_store_error(&err)),
            Err(_) => Err(StoreError::Timeout),
        }
    }

    /// `EVALSHA` of `script` (loading it on `NOSCRIPT`), bounded by the command timeout.
    /// All `keys` must be in one Cluster slot (checked in debug builds).
    async fn eval(
        &self,
        script: &Script,
        keys: &[&str],
        args: &[&[u8]],
    ) -> Result<Value, StoreError> {
        debug_assert!(
            keys::one_slot(keys),
            "keys of one script in several slots: {keys:?}"
        );
        let mut invocation = script.prepare_invoke();
        for key in keys {
            invocation.key(*key);
        }
        for arg in args {
            invocation.arg(*arg);
        }
        self.bounded(|mut conn| async move { invocation.invoke_async::<Value>(&mut conn).await })
            .await
    }

    /// Appends `entries` (target, until) to the log in one `append.lua` (the log's slot).
    /// Tried twice: the family change before it has already happened, and a duplicate
    /// entry (when a failed first attempt had in fact landed) is harmless to the mirrors.
    async fn append(
        &self,
        entries: Vec<(RevocationTarget, NumericDate)>,
        now: NumericDate,
    ) -> Result<Vec<Revocation>, StoreError> {
        let mut args: Vec<Vec<u8>> = vec![seconds(now).to_string().into_bytes()];
        for (target, until) in &entries {
            let (kind, name) = match target {
                RevocationTarget::Family(id) => ("f", id.as_str()),
                RevocationTarget::Access(jti) => ("a", jti.as_str()),
            };
            args.push(kind.into());
            args.push(name.into());
            args.push(seconds(*until).to_string().into_bytes());
        }
        let args: Vec<&[u8]> = args.iter().map(Vec::as_slice).collect();
        let keys: Vec<&str> = self.keys.log.iter().map(String::as_str).collect();
        let reply = match self.eval(&self.scripts.append, &keys, &args).await {
            Ok(reply) => reply,
            Err(_) => self.eval(&self.scripts.append, &keys, &args).await?,
        };
        reply::appended(
            &reply,
            entries.into_iter().map(|(target, _)| target).collect(),
        )
    }

    /// `revoke_family.lua` (the family's slot): `Some(access_until)` if it revoked it.
    async fn revoke_one(
        &self,
        family: &FamilyId,
        subject: &str,
        now: NumericDate,
    ) -> Result<Option<NumericDate>, StoreError> {
        let reply = self
            .eval(
                &self.scripts.revoke_family,
                &[&self.keys.family(family)],
                &[seconds(now).to_string().as_bytes(), subject.as_bytes()],
            )
            .await?;
        reply::family_revoked(&reply)
    }
}

impl Store for RedisStore {
    async fn create_family(&self, family: NewFamily) -> Result<(), StoreError> {
        let num = |date: NumericDate| seconds(date).to_string();
        let ttl = seconds(family.evict_at).saturating_sub(seconds(family.created_at));
        if ttl <= 0 {
            // Already due for eviction by the request's clock: a record written now would be
            // gone at once, so write nothing (and never shorten the index's TTL).
            return Ok(());
        }
        // Step 1, the subject's slot: index the id before the family exists.
        let reply = self
            .eval(
                &self.scripts.index,
                &[&self.keys.subject(&family.subject)],
                &[
                    family.id.as_str().as_bytes(),
                    num(family.evict_at).as_bytes(),
                    num(family.created_at).as_bytes(),
                    ttl.to_string().as_bytes(),
                ],
            )
            .await?;
        reply::created(&reply)?;
        // Step 2, the family's slot.
        let extra = family.extra_claims.as_deref();
        let reply = self
            .eval(
                &self.scripts.create,
                &[&self.keys.family(&family.id)],
                &[
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
                ],
            )
            .await?;
        match reply::rotated(&reply)? {
            Rotated::Done(outcome) => Ok(outcome),
            // The family is revoked already; its log entry goes to the log's slot.
            Rotated::Theft(until) => {
                let target = RevocationTarget::Family(r.family.clone());
                let mut entries = self.append(vec![(target, until)], r.now).await?;
                let entry = entries.pop().ok_or_else(|| unexpected("append"))?;
                Ok(RotateOutcome::ReuseDetected(entry))
            }
        }
    }

    async fn revoke_family(
        &self,
        family: &FamilyId,
        now: NumericDate,
    ) -> Result<Option<Revocation>, StoreError> {
        let Some(until) = self.revoke_one(family, "", now).await? else {
            return Ok(None);
        };
        let target = RevocationTarget::Family(family.clone());
        let mut entries = self.append(vec![(target, until)], now).await?;
        entries.pop().ok_or_else(|| unexpected("append")).map(Some)
    }

    async fn revoke_subject(
        &self,
        subject: &str,
        now: NumericDate,
    ) -> Result<Vec<Revocation>, StoreError> {
        // The index, in its own slot: ids of families not yet due for eviction.
        let key = self.keys.subject(subject);
        let mut command = redis::cmd("ZRANGEBYSCORE");
        command
            .arg(&key)
            .arg(format!("({}", seconds(now)))
            .arg("+inf");
        let reply = self
            .bounded(|mut conn| async move { command.query_async::<Value>(&mut conn).await })
            .await?;
        let mut ids = reply::family_ids(&reply)?;
        ids.sort();
        // Each family in its own slot, then one append for all of them. If a family fails,
        // the ones already revoked are still logged before the error is returned.
        let mut entries = Vec::with_capacity(ids.len());
        let mut failure = None;
        for id in ids {
            match self.revoke_one(&id, subject, now).await {
                Ok(Some(until)) => entries.push((RevocationTarget::Family(id), until)),
                Ok(None) => {}
                Err(err) => {
                    failure = Some(err);
                    break;
                }
            }
        }
        let appended = if entries.is_empty() {
            Vec::new()
        } else {
            self.append(entries, now).await?
        };
        match failure {
            Some(err) => Err(err),
            None => Ok(appended),
        }
    }

    async fn revoke_access(
        &self,
        jti: &str,
        until: NumericDate,
        now: NumericDate,
    ) -> Result<Revocation, StoreError> {
        let target = RevocationTarget::Access(jti.to_owned());
        let mut entries = self.append(vec![(target, until)], now).await?;
        entries.pop().ok_or_else(|| unexpected("append"))
    }

    async fn revocations_since(
        &self,
        cursor: Cursor,
        limit: usize,
        now: NumericDate,
    ) -> Result<RevocationPage, StoreError> {
        let keys: Vec<&str> = self.keys.log.iter().map(String::as_str).collect();
        let reply = self
            .eval(
                &self.scripts.since,
                &keys,
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
        let reply = self
            .bounded(|mut conn| async move { command.query_async::<Value>(&mut conn).await })
            .await?;
        reply::snapshot(&reply)
    }
}

fn unexpected(what: &str) -> StoreError {
    StoreError::Unavailable(format!("unexpected redis reply ({what})"))
}
