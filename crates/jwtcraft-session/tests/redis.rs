//! The store-generic suite (tests/common) run against [`RedisStore`], plus Redis-only
//! tests: key layout and TTLs, script reload, a killed and a paused private server
//! (`redis/faults.rs`), two OS processes sharing one Redis (`redis/propagation.rs`), and
//! with feature `redis-cluster` a real 3-node Redis Cluster of its own (`redis/cluster.rs`).
//!
//! Needs `JWTCRAFT_REDIS_URL` (and, for the private servers, `JWTCRAFT_REDIS_SERVER`), as
//! `.ci/with-redis` exports. Without them every test prints a loud `SKIPPED` block to
//! stderr and passes, unless `JWTCRAFT_REQUIRE_REDIS=1` (set by `.ci/run`): then it fails.
//!
//! Each store gets a random key prefix, so tests running in parallel on one server never
//! see each other's keys.

#![cfg(feature = "redis")]

#[cfg(feature = "redis-cluster")]
#[path = "redis/cluster.rs"]
mod cluster;
#[macro_use]
mod common;
#[path = "redis/faults.rs"]
mod faults;
#[path = "redis/propagation.rs"]
mod propagation;
#[path = "redis/server.rs"]
mod server;

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher as _, Hasher as _};
use std::io::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use jwtcraft_session::store::{RedisStore, RedisStoreConfig};
use jwtcraft_session::{SessionConfig, StoreError};

session_suite!(store, ready = ready, real_io);

/// The shared server's URL, or `None` after a loud skip message (a failure with
/// `JWTCRAFT_REQUIRE_REDIS=1`).
#[track_caller]
fn env_or_skip(name: &str) -> Option<String> {
    if let Ok(value) = std::env::var(name) {
        return Some(value);
    }
    assert!(
        std::env::var("JWTCRAFT_REQUIRE_REDIS").as_deref() != Ok("1"),
        "JWTCRAFT_REQUIRE_REDIS=1 but {name} is unset; run through .ci/with-redis"
    );
    let test = std::thread::current().name().unwrap_or("redis").to_owned();
    // Straight to stderr, past the test harness's capture, so a skip is never silent.
    let _ = writeln!(
        std::io::stderr().lock(),
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !!! {test}: SKIPPED (no {name}; run through .ci/with-redis)\n\
         !!! (set JWTCRAFT_REQUIRE_REDIS=1 to make this a failure)\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
    );
    None
}

fn ready() -> bool {
    env_or_skip("JWTCRAFT_REDIS_URL").is_some()
}

/// A prefix no other store in this run (or an earlier run on the same server) uses.
fn fresh_prefix() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    // `RandomState` is seeded from the OS RNG: random enough for a test namespace.
    let random = RandomState::new().build_hasher().finish();
    format!(
        "jwtcraft-test-{random:016x}-{}",
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
}

fn config() -> RedisStoreConfig {
    RedisStoreConfig::new().with_prefix(fresh_prefix())
}

/// A fresh, isolated store on the shared server: the suite's factory.
fn store() -> RedisStore {
    let url = std::env::var("JWTCRAFT_REDIS_URL").expect("checked by ready()");
    RedisStore::open(&url, &config()).expect("open")
}

/// A plain connection to the shared server, to look at keys behind the store's back.
async fn raw() -> redis::aio::MultiplexedConnection {
    let url = std::env::var("JWTCRAFT_REDIS_URL").expect("checked by ready()");
    redis::Client::open(url)
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap()
}

#[tokio::test]
async fn keys_are_tagged_and_expire_at_eviction() {
    if !ready() {
        return;
    }
    let prefix = fresh_prefix();
    let url = std::env::var("JWTCRAFT_REDIS_URL").unwrap();
    let store = RedisStore::open(&url, &RedisStoreConfig::new().with_prefix(&prefix)).unwrap();
    let config = SessionConfig::new()
        .with_idle_ttl(Duration::from_secs(600))
        .with_absolute_ttl(Duration::from_secs(1000));
    let (m, _clock) = common::manager(store, config).await;
    let pair = m.login("alice").await.unwrap();
    m.logout(&pair.family).await.unwrap();
    let mut conn = raw().await;
    let ttl = |key: String| {
        let mut conn = conn.clone();
        async move {
            redis::cmd("TTL")
                .arg(key)
                .query_async::<i64>(&mut conn)
                .await
                .unwrap()
        }
    };
    // evict_at - now = absolute (1000 s) + one hour; a second may pass before TTL runs.
    let family = ttl(format!("{prefix}:fam:{{{}}}", pair.family)).await;
    assert!((4598..=4600).contains(&family), "family TTL {family}");
    let subject = ttl(format!("{prefix}:sub:{{alice}}")).await;
    assert!((4598..=4600).contains(&subject), "subject TTL {subject}");
    let entries: Vec<String> = redis::cmd("ZRANGE")
        .arg(format!("{prefix}:log:{{{prefix}}}"))
        .arg(0)
        .arg(-1)
        .query_async(&mut conn)
        .await
        .unwrap();
    assert_eq!(
        entries,
        [format!("1:{}:f:{}", common::T0 + 300, pair.family)]
    );
}

#[tokio::test]
async fn flushed_script_cache_is_reloaded() {
    if !ready() {
        return;
    }
    let (m, _clock) = common::manager(store(), SessionConfig::new()).await;
    let pair = m.login("alice").await.unwrap();
    // Every server-side script is gone: the next EVALSHA gets NOSCRIPT and loads it again.
    // (Other tests on this server reload theirs the same way.)
    let mut conn = raw().await;
    redis::cmd("SCRIPT")
        .arg("FLUSH")
        .query_async::<()>(&mut conn)
        .await
        .unwrap();
    m.refresh(pair.refresh_token.as_str()).await.unwrap();
}

#[test]
fn open_outside_a_runtime_or_with_braces_is_an_error() {
    let url = "redis://127.0.0.1:1/";
    let err = RedisStore::open(url, &RedisStoreConfig::new()).unwrap_err();
    assert_eq!(err.code(), "store.unavailable");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let braces = RedisStoreConfig::new().with_prefix("a{b}");
        assert!(matches!(
            RedisStore::open(url, &braces),
            Err(StoreError::Unavailable(_))
        ));
        // Nothing listens on port 1: a prompt `Unavailable`, not a hang.
        let store = RedisStore::open(url, &RedisStoreConfig::new()).unwrap();
        let err = store.ping().await.unwrap_err();
        assert!(matches!(
            err,
            StoreError::Unavailable(_) | StoreError::Timeout
        ));
    });
}

/// Login indexes the id before writing the family, so an index may hold ids without a
/// family (a crash between the two steps) or, with a broken RNG, an id of another subject's
/// family: `revoke_subject` must revoke neither.
#[tokio::test]
async fn dangling_and_foreign_index_entries_revoke_nothing() {
    if !ready() {
        return;
    }
    let prefix = fresh_prefix();
    let url = std::env::var("JWTCRAFT_REDIS_URL").unwrap();
    let store = RedisStore::open(&url, &RedisStoreConfig::new().with_prefix(&prefix)).unwrap();
    let (m, _clock) = common::manager(store, SessionConfig::new()).await;
    let alice = m.login("alice").await.unwrap();
    let mut conn = raw().await;
    let far = common::T0 + 1_000_000;
    redis::cmd("ZADD")
        .arg(format!("{prefix}:sub:{{mallory}}"))
        .arg(far)
        .arg(alice.family.as_str())
        .arg(far)
        .arg("AAAAAAAAAAAAAAAAAAAAAA")
        .query_async::<()>(&mut conn)
        .await
        .unwrap();
    assert_eq!(m.revoke_subject("mallory").await.unwrap(), 0);
    m.refresh(alice.refresh_token.as_str()).await.unwrap();
    assert_eq!(m.revoke_subject("alice").await.unwrap(), 1);
}

/// A family revoked whose log entry was lost (a crash between the two steps, simulated by
/// deleting the log) is repaired by revoking it again: a fresh entry reaches the mirrors.
#[tokio::test]
async fn revoking_again_re_appends_a_lost_log_entry() {
    if !ready() {
        return;
    }
    let prefix = fresh_prefix();
    let url = std::env::var("JWTCRAFT_REDIS_URL").unwrap();
    let store = RedisStore::open(&url, &RedisStoreConfig::new().with_prefix(&prefix)).unwrap();
    let (m, _clock) = common::manager(store, SessionConfig::new()).await;
    let pair = m.login("alice").await.unwrap();
    assert!(m.logout(&pair.family).await.unwrap());
    let mut conn = raw().await;
    redis::cmd("DEL")
        .arg(format!("{prefix}:log:{{{prefix}}}"))
        .arg(format!("{prefix}:log-until:{{{prefix}}}"))
        .query_async::<()>(&mut conn)
        .await
        .unwrap();
    // The refresh token is dead already: the family was revoked in its own step.
    assert_eq!(
        common::code(m.refresh(pair.refresh_token.as_str()).await),
        "revoked"
    );
    assert!(m.logout(&pair.family).await.unwrap());
    let entries: Vec<String> = redis::cmd("ZRANGE")
        .arg(format!("{prefix}:log:{{{prefix}}}"))
        .arg(0)
        .arg(-1)
        .query_async(&mut conn)
        .await
        .unwrap();
    assert_eq!(
        entries,
        [format!("2:{}:f:{}", common::T0 + 300, pair.family)]
    );
}
