//! Faults with a real server: a private redis-server is killed mid-run and restarted on
//! the same port, or paused. Every answer must come within a bound (never a hang), be
//! `store_unavailable` while the server is gone, and everything must recover with it.
//!
//! The bounds are `tokio::time::timeout`s around each call: a generous multiple of the
//! store's command timeout, so a slow CI machine does not fail them.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use jwtcraft_session::store::{RedisStore, RedisStoreConfig};
use jwtcraft_session::{SessionConfig, SessionError, SessionManager, Store as _, StoreError};

use crate::common::{self, code, ManualClock};
use crate::server::PrivateServer;
use crate::{env_or_skip, fresh_prefix};

const COMMAND_TIMEOUT: Duration = Duration::from_millis(300);
/// How long any one call may take before the test calls it a hang.
const BOUND: Duration = Duration::from_secs(3);

async fn within<T>(call: impl Future<Output = T>) -> T {
    tokio::time::timeout(BOUND, call)
        .await
        .expect("the store answered within the bound")
}

async fn manager_on(server: &PrivateServer) -> (SessionManager<RedisStore>, Arc<ManualClock>) {
    let config = RedisStoreConfig::new()
        .with_prefix(fresh_prefix())
        .with_command_timeout(COMMAND_TIMEOUT)
        .with_connect_timeout(COMMAND_TIMEOUT);
    let store = RedisStore::open(&server.url(), &config).unwrap();
    let session = SessionConfig::new()
        .with_access_ttl(Duration::from_secs(600))
        .with_poll_interval(Duration::from_secs(5))
        .with_max_staleness(Duration::from_secs(30));
    common::manager(store, session).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_server_fails_closed_then_recovers_on_restart() {
    let Some(binary) = env_or_skip("JWTCRAFT_REDIS_SERVER") else {
        return;
    };
    let mut server = PrivateServer::start(&binary);
    let (m, clock) = manager_on(&server).await;
    let m = Arc::new(m);
    let first = m.login("alice").await.unwrap();
    let pair = m.refresh(first.refresh_token.as_str()).await.unwrap();

    // Traffic in flight across the kill: each call answers, Ok or store_unavailable.
    let busy = {
        let m = m.clone();
        tokio::spawn(async move {
            let mut outcomes = Vec::new();
            for _ in 0..40 {
                let result = within(m.login("bystander")).await;
                outcomes.push(result.map(|_| ()).map_err(|e| e.code()));
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            outcomes
        })
    };
    tokio::time::sleep(Duration::from_millis(100)).await;
    server.kill();
    let outcomes = busy.await.expect("no panic");
    assert!(
        outcomes
            .iter()
            .all(|o| matches!(o, Ok(()) | Err("store_unavailable"))),
        "{outcomes:?}"
    );
    assert!(outcomes.contains(&Err("store_unavailable")), "{outcomes:?}");

    // Server gone: every store call fails closed, promptly.
    let err = within(m.refresh(pair.refresh_token.as_str()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            SessionError::StoreUnavailable(Some(StoreError::Unavailable(_) | StoreError::Timeout))
        ),
        "{err:?}"
    );
    assert_eq!(
        code(within(m.logout(&pair.family)).await),
        "store_unavailable"
    );
    assert_eq!(code(within(m.sync()).await), "store_unavailable");
    assert_eq!(code(within(m.login("bob")).await), "store_unavailable");
    assert_eq!(
        code(within(m.revoke_subject("alice")).await),
        "store_unavailable"
    );
    // Verification goes on from the mirror until it is older than max_staleness (30 s on
    // the injected clock), then fails closed.
    assert!(m.verify(&pair.access_token).is_ok());
    clock.advance(30);
    assert!(m.verify(&pair.access_token).is_ok());
    clock.advance(1);
    assert_eq!(code(m.verify(&pair.access_token)), "store_unavailable");

    // Back on the same port, with its data (append-only file): the connection is remade,
    // the mirror syncs, and the session that was never rotated meanwhile goes on.
    server.restart();
    let mut synced = false;
    for _ in 0..50 {
        if within(m.sync()).await.is_ok() {
            synced = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(synced, "the store recovered after the restart");
    assert!(m.verify(&pair.access_token).is_ok());
    let next = within(m.refresh(pair.refresh_token.as_str()))
        .await
        .unwrap();
    within(m.logout(&next.family)).await.unwrap();
    assert_eq!(code(m.verify(&next.access_token)), "revoked");
    within(m.login("carol")).await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paused_server_times_out() {
    let Some(binary) = env_or_skip("JWTCRAFT_REDIS_SERVER") else {
        return;
    };
    let server = PrivateServer::start(&binary);
    let (m, _clock) = manager_on(&server).await;
    let pair = m.login("alice").await.unwrap();
    // The server holds every client's commands for 1.5 s: a slow server, as seen from here.
    assert_eq!(
        server.command("CLIENT PAUSE 1500 ALL").as_deref(),
        Some("+OK")
    );
    let err = within(m.refresh(pair.refresh_token.as_str()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            SessionError::StoreUnavailable(Some(StoreError::Timeout))
        ),
        "{err:?}"
    );
    let err = within(m.sync()).await.unwrap_err();
    assert!(
        matches!(
            err,
            SessionError::StoreUnavailable(Some(StoreError::Timeout))
        ),
        "{err:?}"
    );
    // Once the pause ends the store answers again. The timed-out refresh was held, not
    // dropped, so it may have been applied after all: its effect is unknown, which is why
    // the manager never reported success for it.
    let mut snapshot = None;
    for _ in 0..50 {
        if let Ok(found) = within(m.store().family(&pair.family)).await {
            snapshot = found;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let snapshot = snapshot.expect("the store answers after the pause");
    assert!(snapshot.generation <= 1, "{snapshot:?}");
    within(m.sync()).await.unwrap();
    let other = within(m.login("bob")).await.unwrap();
    within(m.refresh(other.refresh_token.as_str()))
        .await
        .unwrap();
}
