//! Refreshes per second and revocation-aware verifies per second on the memory store, next
//! to plain `jwtcraft::decode` of the same token, plus store round trips per operation.
//!
//! `cargo bench -p jwtcraft-session` (a plain harness: each figure is the median of
//! `SAMPLES` timed batches).

// Timings are reported as floats; a few ulps of precision do not matter here.
#![allow(missing_docs, clippy::cast_precision_loss)]

#[allow(dead_code, unreachable_pub)]
#[path = "../tests/common/faulty.rs"]
mod faulty;

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jwtcraft::{decode, Hs256Key, Validation};
use jwtcraft_session::{AccessClaims, MemoryStore, SessionConfig, SessionManager};

use faulty::CountingStore;

const SAMPLES: usize = 15;
const REFRESH_BATCH: usize = 500;
const VERIFY_BATCH: usize = 5_000;
/// Revoked families and access tokens in the mirror while verifying, so lookups are not
/// into an empty map.
const MIRRORED: usize = 1_000;

fn median_ns_per_op(mut batch: impl FnMut() -> Duration, ops: usize) -> f64 {
    let mut samples: Vec<f64> = (0..SAMPLES)
        .map(|_| batch().as_nanos() as f64 / ops as f64)
        .collect();
    samples.sort_by(f64::total_cmp);
    samples[SAMPLES / 2]
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let key = Hs256Key::new(b"jwtcraft-session bench key 32 b!").expect("key");
    let store = Arc::new(CountingStore::new(MemoryStore::new()));
    let config = SessionConfig::new().with_access_ttl(Duration::from_secs(3600));
    let manager =
        SessionManager::new(store.clone(), key.clone(), key.clone(), config).expect("config");

    runtime.block_on(async {
        manager.sync().await.expect("sync");
        for i in 0..MIRRORED / 2 {
            let pair = manager.login(&format!("user-{i}")).await.expect("login");
            manager.logout(&pair.family).await.expect("logout");
            manager
                .revoke_access(&format!("jti-{i}"), pair.access_expires_at)
                .await
                .expect("revoke");
        }
        manager.sync().await.expect("sync");
    });

    // Refresh: a chain of rotations, each one store call.
    let mut pair = runtime.block_on(manager.login("bench")).expect("login");
    store.take();
    let refresh_ns = median_ns_per_op(
        || {
            let start = Instant::now();
            for _ in 0..REFRESH_BATCH {
                pair = runtime
                    .block_on(manager.refresh(pair.refresh_token.as_str()))
                    .expect("refresh");
            }
            start.elapsed()
        },
        REFRESH_BATCH,
    );
    let refresh_calls = store.take() as f64 / (SAMPLES * REFRESH_BATCH) as f64;

    // Verify with the mirror, against plain decode of the same token with the same checks.
    let token = pair.access_token.clone();
    let verify_ns = median_ns_per_op(
        || {
            let start = Instant::now();
            for _ in 0..VERIFY_BATCH {
                black_box(manager.verify(black_box(&token)).expect("verify"));
            }
            start.elapsed()
        },
        VERIFY_BATCH,
    );
    let verify_calls = store.take();
    let validation = Validation::new()
        .with_leeway(Duration::ZERO)
        .with_type("at+jwt")
        .with_required_claims(["sub", "iat", "jti", "fid"]);
    let decode_ns = median_ns_per_op(
        || {
            let start = Instant::now();
            for _ in 0..VERIFY_BATCH {
                black_box(
                    decode::<AccessClaims>(black_box(&token), &key, &validation).expect("decode"),
                );
            }
            start.elapsed()
        },
        VERIFY_BATCH,
    );

    println!(
        "mirror entries while verifying: {}",
        manager.mirrored_revocations()
    );
    println!(
        "refresh (memory store):      {:>9.0} /s  (median {:.1} µs)  store calls per refresh: {refresh_calls}",
        1e9 / refresh_ns,
        refresh_ns / 1e3
    );
    println!(
        "verify (revocation-aware):   {:>9.0} /s  (median {:.2} µs)  store calls in all verifies: {verify_calls}",
        1e9 / verify_ns,
        verify_ns / 1e3
    );
    println!(
        "plain jwtcraft::decode:      {:>9.0} /s  (median {:.2} µs)",
        1e9 / decode_ns,
        decode_ns / 1e3
    );
    println!("verify / decode time ratio:  {:.3}", verify_ns / decode_ns);
}
