//! The store-generic test suite. Every scenario is an `async fn` generic over `S: Store`;
//! [`session_suite!`] turns them into `#[tokio::test]`s for one store factory.
//!
//! Another store crate (e.g. Redis) runs the same suite with:
//!
//! ```ignore
//! #[path = "../../jwtcraft-session/tests/common/mod.rs"]
//! #[macro_use]
//! mod common;
//! session_suite!(|| my_redis_store_for_a_fresh_prefix());
//! ```
//!
//! The factory is called once per test (and once per race round): each call must give an
//! empty, isolated store.

#![allow(dead_code, unreachable_pub)]

pub mod fault_scenarios;
pub mod faulty;
pub mod scenarios;

use std::fmt::Debug;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use jwtcraft::{Clock, Hs256Key, NumericDate};
use jwtcraft_session::{SessionConfig, SessionError, SessionManager, Store};

/// The start of every scenario's time: an arbitrary fixed instant.
pub const T0: i64 = 1_800_000_000;

/// A clock the test moves by hand. No test reads the wall clock.
#[derive(Debug)]
pub struct ManualClock(AtomicI64);

impl ManualClock {
    pub fn new(at: i64) -> Arc<Self> {
        Arc::new(ManualClock(AtomicI64::new(at)))
    }

    pub fn advance(&self, seconds: i64) {
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }

    pub fn set(&self, at: i64) {
        self.0.store(at, Ordering::SeqCst);
    }

    pub fn at(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> NumericDate {
        NumericDate::from_unix_seconds(self.0.load(Ordering::SeqCst))
    }
}

pub fn key() -> Hs256Key {
    Hs256Key::new(b"jwtcraft-session test key 32 b!!").unwrap()
}

pub fn other_key() -> Hs256Key {
    Hs256Key::new(b"another key, another issuer!!!!!").unwrap()
}

/// A manager over `store` with `config`, a manual clock at [`T0`], synced once.
pub async fn manager<S: Store>(
    store: S,
    config: SessionConfig,
) -> (SessionManager<S>, Arc<ManualClock>) {
    let clock = ManualClock::new(T0);
    let manager = SessionManager::new(store, key(), key(), config.with_clock(clock.clone()))
        .expect("valid config");
    manager.sync().await.expect("first sync");
    (manager, clock)
}

/// The `ready` of a store that needs no server: every test runs.
pub fn always() -> bool {
    true
}

/// The error code of a result that must be an error.
#[track_caller]
pub fn code<T: Debug>(result: Result<T, SessionError>) -> &'static str {
    match result {
        Ok(value) => panic!("expected an error, got {value:?}"),
        Err(err) => err.code(),
    }
}

/// One `#[tokio::test]` per scenario in [`scenarios`], each with a fresh store from
/// `$factory` (an expression of type `Fn() -> S`).
///
/// `session_suite!(factory, ready = expr, real_io)` is the form for a store that does real
/// I/O: each test first calls `ready()` (a `fn() -> bool`; `false` skips the test, e.g. when
/// no server is configured), and the hung-store test runs on real time, because Tokio's
/// paused clock jumps ahead whenever the runtime waits on a socket and would time out every
/// network call at once.
macro_rules! session_suite {
    ($factory:expr) => {
        session_suite!(@all $factory, common::always, paused);
    };
    ($factory:expr, ready = $ready:expr, real_io) => {
        session_suite!(@all $factory, $ready, real);
    };
    (@all $factory:expr, $ready:expr, $time:ident) => {
        session_suite!(@single $factory, $ready;
            login_then_verify_carries_claims,
            rotation_issues_new_pair_and_kills_old,
            reuse_revokes_whole_family,
            grace_allows_only_previous_then_kills_its_successor,
            grace_second_to_last_is_theft,
            grace_previous_after_window_is_theft,
            same_second_double_rotation,
            idle_expiry_slides,
            absolute_cap_boundary,
            logout_revokes_family_only,
            revoke_subject_revokes_every_family_of_subject_only,
            revoke_access_by_jti_until_exp,
            tampered_and_foreign_tokens_are_invalid,
            wrong_kind_of_token_is_refused,
            early_refresh_policies,
            access_token_expiry,
            mirror_fails_closed_when_stale,
            other_manager_revocations_arrive_by_sync,
            mirror_is_pruned_after_expiry,
        );
        #[tokio::test]
        async fn store_failure_fails_closed_and_recovers() {
            if !$ready() {
                return;
            }
            common::fault_scenarios::store_failure_fails_closed_and_recovers(&$factory).await;
        }
        session_suite!(@hung $time, $factory, $ready);
        #[tokio::test]
        async fn round_trips_per_operation() {
            if !$ready() {
                return;
            }
            common::fault_scenarios::round_trips_per_operation(&$factory).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn race_grace_zero_one_winner_rest_is_theft() {
            if !$ready() {
                return;
            }
            common::scenarios::race_grace_zero(&$factory).await;
        }
        #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
        async fn race_with_grace_exactly_one_live_successor() {
            if !$ready() {
                return;
            }
            common::scenarios::race_with_grace(&$factory).await;
        }
    };
    // Paused time: the 2 s store timeout elapses without waiting (or reading) real time.
    (@hung paused, $factory:expr, $ready:expr) => {
        #[tokio::test(start_paused = true)]
        async fn hung_store_times_out() {
            common::fault_scenarios::hung_store_times_out(&$factory).await;
        }
    };
    // Real time: the test waits out the 2 s timeout three times.
    (@hung real, $factory:expr, $ready:expr) => {
        #[tokio::test]
        async fn hung_store_times_out() {
            if !$ready() {
                return;
            }
            common::fault_scenarios::hung_store_times_out(&$factory).await;
        }
    };
    (@single $factory:expr, $ready:expr; $($name:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                if !$ready() {
                    return;
                }
                common::scenarios::$name(&$factory).await;
            }
        )*
    };
}
