//! Fault and round-trip scenarios: the store under test wrapped in [`FaultyStore`] or
//! [`CountingStore`].

use std::time::Duration;

use jwtcraft_session::{SessionConfig, SessionError, Store, StoreError};

use super::faulty::{CountingStore, Fault, FaultyStore};
use super::{code, manager};

fn config() -> SessionConfig {
    SessionConfig::new()
        .with_access_ttl(Duration::from_secs(600))
        .with_max_staleness(Duration::from_secs(120))
}

pub async fn store_failure_fails_closed_and_recovers<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(FaultyStore::new(make()), config()).await;
    let pair = m.login("alice").await.unwrap();
    m.store().set(Fault::Fail);
    let err = m.refresh(pair.refresh_token.as_str()).await.unwrap_err();
    assert!(
        matches!(
            err,
            SessionError::StoreUnavailable(Some(StoreError::Unavailable(_)))
        ),
        "{err:?}"
    );
    assert_eq!(
        (err.oauth_error(), err.http_status()),
        ("temporarily_unavailable", 503)
    );
    assert_eq!(code(m.login("bob").await), "store_unavailable");
    assert_eq!(code(m.logout(&pair.family).await), "store_unavailable");
    assert_eq!(code(m.revoke_subject("alice").await), "store_unavailable");
    assert_eq!(
        code(
            m.revoke_access(&pair.access_jti, pair.access_expires_at)
                .await
        ),
        "store_unavailable"
    );
    assert_eq!(code(m.sync().await), "store_unavailable");
    // The failed logout was not applied locally either: the manager only reports what the
    // store confirmed. Verification goes on from the mirror until it is too stale...
    assert!(m.verify(&pair.access_token).is_ok());
    clock.advance(121);
    assert_eq!(code(m.verify(&pair.access_token)), "store_unavailable");
    // ...and everything recovers with the store; the token was never rotated meanwhile.
    m.store().set(Fault::None);
    let next = m.refresh(pair.refresh_token.as_str()).await.unwrap();
    m.sync().await.unwrap();
    assert!(m.verify(&next.access_token).is_ok());
}

pub async fn hung_store_times_out<S: Store>(make: &impl Fn() -> S) {
    let (m, _clock) = manager(
        FaultyStore::new(make()),
        config().with_store_timeout(Duration::from_secs(2)),
    )
    .await;
    let pair = m.login("alice").await.unwrap();
    m.store().set(Fault::Hang);
    let err = m.refresh(pair.refresh_token.as_str()).await.unwrap_err();
    assert!(
        matches!(
            err,
            SessionError::StoreUnavailable(Some(StoreError::Timeout))
        ),
        "{err:?}"
    );
    assert_eq!(code(m.sync().await), "store_unavailable");
    assert_eq!(code(m.logout(&pair.family).await), "store_unavailable");
    m.store().set(Fault::None);
    m.refresh(pair.refresh_token.as_str()).await.unwrap();
}

/// One store call per login and refresh, none per verify.
pub async fn round_trips_per_operation<S: Store>(make: &impl Fn() -> S) {
    let (m, _clock) = manager(CountingStore::new(make()), config()).await;
    m.store().take();
    let pair = m.login("alice").await.unwrap();
    assert_eq!(m.store().take(), 1, "login");
    let next = m.refresh(pair.refresh_token.as_str()).await.unwrap();
    assert_eq!(m.store().take(), 1, "refresh");
    for _ in 0..100 {
        m.verify(&next.access_token).unwrap();
    }
    assert_eq!(m.store().take(), 0, "verify");
    m.sync().await.unwrap();
    assert_eq!(m.store().take(), 1, "sync");
    m.logout(&next.family).await.unwrap();
    assert_eq!(m.store().take(), 1, "logout");
    assert_eq!(code(m.verify(&next.access_token)), "revoked");
    assert_eq!(m.store().take(), 0, "verify of a revoked token");
}
