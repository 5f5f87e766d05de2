//! The scenarios, generic over the store. Each takes a factory of fresh stores.

// Tokens of one chain are named a, b, c… in the order they were minted.
#![allow(clippy::many_single_char_names)]

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use jwtcraft::{encode, Header, NumericDate};
use jwtcraft_session::{
    refresh_token_hash, EarlyRefresh, SessionConfig, SessionManager, Store, TokenPair,
};
use serde_json::json;

use super::{code, key, manager, other_key, T0};

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// Short lifetimes that make boundaries easy to hit: access 60 s, idle 600 s, absolute
/// 1000 s. The mirror may go an hour without a sync: staleness has its own scenario.
fn short() -> SessionConfig {
    SessionConfig::new()
        .with_max_staleness(secs(3600))
        .with_access_ttl(secs(60))
        .with_idle_ttl(secs(600))
        .with_absolute_ttl(secs(1000))
}

fn at(t: i64) -> NumericDate {
    NumericDate::from_unix_seconds(t)
}

async fn refresh<S: Store>(m: &SessionManager<S>, pair: &TokenPair) -> TokenPair {
    m.refresh(pair.refresh_token.as_str())
        .await
        .expect("refresh should succeed")
}

pub async fn login_then_verify_carries_claims<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let pair = m
        .login_with_claims("alice", &json!({"scope": "orders:read"}))
        .await
        .unwrap();
    assert_eq!(pair.access_expires_at, at(T0 + 60));
    assert_eq!(pair.refresh_expires_at, at(T0 + 600));
    assert_eq!(pair.session_expires_at, at(T0 + 1000));
    let claims = m.verify(&pair.access_token).unwrap();
    assert_eq!(claims.subject, "alice");
    assert_eq!(claims.family, pair.family);
    assert_eq!(claims.jwt_id, pair.access_jti);
    assert_eq!(claims.issued_at, at(T0));
    assert_eq!(claims.extra["scope"], "orders:read");
    // The extra claims survive a refresh.
    clock.advance(10);
    let next = refresh(&m, &pair).await;
    let claims = m.verify(&next.access_token).unwrap();
    assert_eq!(claims.extra["scope"], "orders:read");
    assert_eq!(claims.family, pair.family);
    assert_ne!(claims.jwt_id, pair.access_jti);
    // Reserved names are refused at login.
    assert_eq!(
        code(
            m.login_with_claims("alice", &json!({"sub": "mallory"}))
                .await
        ),
        "invalid_claims"
    );
    assert_eq!(
        code(
            m.login_with_claims("alice", &json!(["not", "an object"]))
                .await
        ),
        "invalid_claims"
    );
}

pub async fn rotation_issues_new_pair_and_kills_old<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let first = m.login("alice").await.unwrap();
    clock.advance(30);
    let second = refresh(&m, &first).await;
    assert_ne!(second.refresh_token, first.refresh_token);
    assert_eq!(second.family, first.family);
    assert_eq!(second.refresh_expires_at, at(T0 + 30 + 600));
    let snapshot = m.store().family(&first.family).await.unwrap().unwrap();
    assert_eq!(snapshot.generation, 1);
    assert_eq!(
        Some(snapshot.current),
        refresh_token_hash(second.refresh_token.as_str())
    );
    assert!(m.verify(&second.access_token).is_ok());
    clock.advance(30);
    let third = refresh(&m, &second).await;
    assert!(m.verify(&third.access_token).is_ok());
}

pub async fn reuse_revokes_whole_family<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let first = m.login("alice").await.unwrap();
    let bystander = m.login("alice").await.unwrap();
    clock.advance(5);
    let second = refresh(&m, &first).await;
    clock.advance(5);
    // The attacker (or the victim) presents the rotated token: theft.
    assert_eq!(
        code(m.refresh(first.refresh_token.as_str()).await),
        "reuse_detected"
    );
    // Now the current token is dead too, and so are the family's access tokens.
    assert_eq!(
        code(m.refresh(second.refresh_token.as_str()).await),
        "revoked"
    );
    assert_eq!(code(m.verify(&first.access_token)), "revoked");
    assert_eq!(code(m.verify(&second.access_token)), "revoked");
    assert!(
        m.store()
            .family(&first.family)
            .await
            .unwrap()
            .unwrap()
            .revoked
    );
    // Another login of the same subject is untouched.
    assert!(m.verify(&bystander.access_token).is_ok());
    refresh(&m, &bystander).await;
}

fn with_grace(grace: u64) -> SessionConfig {
    short().with_grace(secs(grace))
}

pub async fn grace_allows_only_previous_then_kills_its_successor<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), with_grace(10)).await;
    let a = m.login("alice").await.unwrap();
    clock.advance(100);
    let b = refresh(&m, &a).await;
    clock.advance(9); // one second inside the window
    let b2 = refresh(&m, &a).await; // the client lost `b` and retries with `a`
    let snapshot = m.store().family(&a.family).await.unwrap().unwrap();
    assert_eq!(snapshot.generation, 2);
    assert_eq!(
        Some(snapshot.current),
        refresh_token_hash(b2.refresh_token.as_str())
    );
    // `b`, the successor `a` had minted, died when `a` rotated again: presenting it is theft.
    assert_eq!(
        code(m.refresh(b.refresh_token.as_str()).await),
        "reuse_detected"
    );
    assert_eq!(code(m.refresh(b2.refresh_token.as_str()).await), "revoked");
}

pub async fn grace_second_to_last_is_theft<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), with_grace(30)).await;
    let a = m.login("alice").await.unwrap();
    clock.advance(1);
    let b = refresh(&m, &a).await;
    clock.advance(1);
    let c = refresh(&m, &b).await;
    clock.advance(1);
    // `a` is second-to-last, well inside 30 s: still theft.
    assert_eq!(
        code(m.refresh(a.refresh_token.as_str()).await),
        "reuse_detected"
    );
    assert_eq!(code(m.refresh(c.refresh_token.as_str()).await), "revoked");
}

pub async fn grace_previous_after_window_is_theft<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), with_grace(10)).await;
    let a = m.login("alice").await.unwrap();
    let b = refresh(&m, &a).await;
    clock.advance(10); // exactly at the end of the window: outside
    assert_eq!(
        code(m.refresh(a.refresh_token.as_str()).await),
        "reuse_detected"
    );
    assert_eq!(code(m.refresh(b.refresh_token.as_str()).await), "revoked");
    // The window is measured from the first rotation of the previous token, not moved by
    // re-rotations: a, re-presented at +5 and again at +11, is theft the second time.
    let a = m.login("bob").await.unwrap();
    let _b = refresh(&m, &a).await;
    clock.advance(5);
    let _b2 = refresh(&m, &a).await;
    clock.advance(6);
    assert_eq!(
        code(m.refresh(a.refresh_token.as_str()).await),
        "reuse_detected"
    );
}

pub async fn same_second_double_rotation<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let a = m.login("alice").await.unwrap();
    let b = refresh(&m, &a).await;
    let c = refresh(&m, &b).await; // same second: hashes decide, not timestamps
    assert_eq!(
        m.store()
            .family(&a.family)
            .await
            .unwrap()
            .unwrap()
            .generation,
        2
    );
    clock.advance(1);
    let d = refresh(&m, &c).await;
    assert_eq!(
        code(m.refresh(b.refresh_token.as_str()).await),
        "reuse_detected"
    );
    assert_eq!(code(m.refresh(d.refresh_token.as_str()).await), "revoked");
}

pub async fn idle_expiry_slides<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let a = m.login("alice").await.unwrap();
    clock.advance(599); // one second before the idle deadline
    let b = refresh(&m, &a).await;
    assert_eq!(b.refresh_expires_at, at(T0 + 599 + 600).min(at(T0 + 1000)));
    // A second family left idle: at its deadline it is over.
    clock.set(T0);
    let idle = m.login("bob").await.unwrap();
    clock.advance(600);
    assert_eq!(
        code(m.refresh(idle.refresh_token.as_str()).await),
        "expired"
    );
    clock.advance(1);
    assert_eq!(
        code(m.refresh(idle.refresh_token.as_str()).await),
        "expired"
    );
}

pub async fn absolute_cap_boundary<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let a = m.login("alice").await.unwrap();
    // Stay active: refresh every 500 s, well inside the idle timeout.
    clock.advance(500);
    let b = refresh(&m, &a).await;
    assert_eq!(
        b.refresh_expires_at,
        at(T0 + 1000),
        "idle deadline capped by absolute"
    );
    clock.set(T0 + 999); // one second before the cap
    let c = refresh(&m, &b).await;
    assert_eq!(
        c.access_expires_at,
        at(T0 + 1000),
        "access token capped too"
    );
    assert!(m.verify(&c.access_token).is_ok());
    clock.set(T0 + 1000); // at the cap
    assert_eq!(code(m.refresh(c.refresh_token.as_str()).await), "expired");
    assert_eq!(code(m.verify(&c.access_token)), "expired");
    clock.set(T0 + 1001); // after it
    assert_eq!(code(m.refresh(c.refresh_token.as_str()).await), "expired");
}

pub async fn logout_revokes_family_only<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let laptop = m.login("alice").await.unwrap();
    let phone = m.login("alice").await.unwrap();
    clock.advance(1);
    let claims = m.verify(&laptop.access_token).unwrap();
    assert!(m.logout(&claims.family).await.unwrap());
    assert_eq!(code(m.verify(&laptop.access_token)), "revoked");
    assert_eq!(
        code(m.refresh(laptop.refresh_token.as_str()).await),
        "revoked"
    );
    assert!(m.verify(&phone.access_token).is_ok());
    refresh(&m, &phone).await;
    // Logging out twice is harmless.
    assert!(m.logout(&claims.family).await.unwrap());
}

pub async fn revoke_subject_revokes_every_family_of_subject_only<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let a1 = m.login("alice").await.unwrap();
    let a2 = m.login("alice").await.unwrap();
    let bob = m.login("bob").await.unwrap();
    clock.advance(1);
    assert_eq!(m.revoke_subject("alice").await.unwrap(), 2);
    for pair in [&a1, &a2] {
        assert_eq!(code(m.verify(&pair.access_token)), "revoked");
        assert_eq!(
            code(m.refresh(pair.refresh_token.as_str()).await),
            "revoked"
        );
    }
    assert!(m.verify(&bob.access_token).is_ok());
    refresh(&m, &bob).await;
    assert_eq!(m.revoke_subject("nobody").await.unwrap(), 0);
    // A login after the revocation is a new session.
    let again = m.login("alice").await.unwrap();
    assert!(m.verify(&again.access_token).is_ok());
}

pub async fn revoke_access_by_jti_until_exp<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let pair = m.login("alice").await.unwrap();
    let other = m.login("bob").await.unwrap();
    m.revoke_access(&pair.access_jti, pair.access_expires_at)
        .await
        .unwrap();
    assert_eq!(code(m.verify(&pair.access_token)), "revoked");
    assert!(m.verify(&other.access_token).is_ok());
    // Only that access token: the session goes on.
    clock.advance(1);
    let next = refresh(&m, &pair).await;
    assert!(m.verify(&next.access_token).is_ok());
}

pub async fn tampered_and_foreign_tokens_are_invalid<S: Store>(make: &impl Fn() -> S) {
    let (m, _clock) = manager(make(), short()).await;
    let pair = m.login("alice").await.unwrap();
    let victim = m.login("bob").await.unwrap();
    let token = pair.refresh_token.as_str();
    // Garbage and near-misses.
    for bad in [
        "",
        "garbage",
        "jrt1..",
        &token[..token.len() - 1],
        &format!("{token}x"),
    ] {
        assert_eq!(code(m.refresh(bad).await), "invalid", "{bad:?}");
    }
    // One secret character changed: a well-formed token the store does not know.
    let mut flipped = token.to_owned();
    let last = if flipped.ends_with('A') { "Q" } else { "A" };
    flipped.replace_range(flipped.len() - 1.., last);
    assert_eq!(code(m.refresh(&flipped).await), "invalid");
    // This secret under another family's id (ids are public): invalid, and the other
    // family is not harmed.
    let swapped = token.replace(pair.family.as_str(), victim.family.as_str());
    assert_eq!(code(m.refresh(&swapped).await), "invalid");
    refresh(&m, &victim).await;
    // A refresh token of another manager (its own store and key).
    let (other, _) = manager(make(), short()).await;
    let foreign = other.login("alice").await.unwrap();
    assert_eq!(
        code(m.refresh(foreign.refresh_token.as_str()).await),
        "invalid"
    );
    // An access token signed with another key, and a tampered one.
    let forged = SessionManager::new(make(), other_key(), other_key(), short()).unwrap();
    let forged = forged.login("alice").await.unwrap();
    assert_eq!(code(m.verify(&forged.access_token)), "invalid");
    let mut tampered = pair.access_token.clone();
    tampered.insert(tampered.find('.').unwrap() + 5, 'x');
    assert_eq!(code(m.verify(&tampered)), "invalid");
    // Nothing above revoked anything.
    refresh(&m, &pair).await;
}

pub async fn wrong_kind_of_token_is_refused<S: Store>(make: &impl Fn() -> S) {
    let (m, _clock) = manager(make(), short()).await;
    let pair = m.login("alice").await.unwrap();
    assert_eq!(code(m.verify(pair.refresh_token.as_str())), "invalid");
    assert_eq!(code(m.refresh(&pair.access_token).await), "invalid");
    // A JWT signed with the right key that is not an access token (no `typ: at+jwt`).
    let claims =
        json!({"sub": "alice", "iat": T0, "exp": T0 + 60, "jti": "x", "fid": pair.family.as_str()});
    let id_token = encode(&Header::new(), &claims, &key()).unwrap();
    assert_eq!(code(m.verify(&id_token)), "invalid");
    // With the right `typ` but no `fid`.
    let no_fid = json!({"sub": "alice", "iat": T0, "exp": T0 + 60, "jti": "x"});
    let no_fid = encode(&Header::new().with_type("at+jwt"), &no_fid, &key()).unwrap();
    assert_eq!(code(m.verify(&no_fid)), "invalid");
}

pub async fn early_refresh_policies<S: Store>(make: &impl Fn() -> S) {
    // Reject: refused while the access token lives, nothing changes, fine afterwards.
    let (m, clock) = manager(make(), short().with_early_refresh(EarlyRefresh::Reject)).await;
    let pair = m.login("alice").await.unwrap();
    clock.advance(59);
    assert_eq!(
        code(m.refresh(pair.refresh_token.as_str()).await),
        "access_still_valid"
    );
    clock.advance(1);
    let next = refresh(&m, &pair).await;
    assert_eq!(
        code(m.refresh(next.refresh_token.as_str()).await),
        "access_still_valid"
    );
    // TreatAsTheft: the family is revoked.
    let (m, clock) = manager(
        make(),
        short().with_early_refresh(EarlyRefresh::TreatAsTheft),
    )
    .await;
    let pair = m.login("alice").await.unwrap();
    clock.advance(30);
    assert_eq!(
        code(m.refresh(pair.refresh_token.as_str()).await),
        "reuse_detected"
    );
    assert_eq!(code(m.verify(&pair.access_token)), "revoked");
    let pair = m.login("alice").await.unwrap();
    clock.advance(60);
    refresh(&m, &pair).await;
    // Allow (the default) was exercised by every other scenario.
}

pub async fn access_token_expiry<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short().with_max_staleness(secs(3600))).await;
    let pair = m.login("alice").await.unwrap();
    clock.advance(59);
    assert!(m.verify(&pair.access_token).is_ok());
    clock.advance(1);
    let err = m.verify(&pair.access_token).unwrap_err();
    assert_eq!(
        (err.code(), err.oauth_error()),
        ("expired", "invalid_grant")
    );
}

pub async fn mirror_fails_closed_when_stale<S: Store>(make: &impl Fn() -> S) {
    let config = short()
        .with_poll_interval(secs(5))
        .with_max_staleness(secs(20));
    // Never synced: nothing can be vouched for.
    let unsynced = SessionManager::new(make(), key(), key(), config.clone()).unwrap();
    let pair = unsynced.login("alice").await.unwrap();
    assert_eq!(
        code(unsynced.verify(&pair.access_token)),
        "store_unavailable"
    );
    let (m, clock) = manager(make(), config).await;
    let pair = m.login("alice").await.unwrap();
    clock.advance(20); // exactly the bound: still fresh
    assert!(m.verify(&pair.access_token).is_ok());
    clock.advance(1);
    assert_eq!(code(m.verify(&pair.access_token)), "store_unavailable");
    m.sync().await.unwrap();
    assert!(m.verify(&pair.access_token).is_ok());
}

pub async fn other_manager_revocations_arrive_by_sync<S: Store>(make: &impl Fn() -> S) {
    let store = Arc::new(make());
    let (api, clock) = manager(store.clone(), short()).await;
    let auth = SessionManager::new(store, key(), key(), short().with_clock(clock.clone())).unwrap();
    auth.sync().await.unwrap();
    let pair = auth.login("alice").await.unwrap();
    let other = auth.login("bob").await.unwrap();
    assert!(api.verify(&pair.access_token).is_ok());
    auth.logout(&pair.family).await.unwrap();
    auth.revoke_access(&other.access_jti, other.access_expires_at)
        .await
        .unwrap();
    // Seen at once by the manager that revoked, by the other after its next poll: that gap
    // is the documented staleness bound.
    assert_eq!(code(auth.verify(&pair.access_token)), "revoked");
    assert!(api.verify(&pair.access_token).is_ok());
    assert_eq!(api.sync().await.unwrap(), 2);
    assert_eq!(code(api.verify(&pair.access_token)), "revoked");
    assert_eq!(code(api.verify(&other.access_token)), "revoked");
    // Theft detected by one manager reaches the other the same way.
    let victim = auth.login("carol").await.unwrap();
    refresh(&auth, &victim).await;
    assert_eq!(
        code(api.refresh(victim.refresh_token.as_str()).await),
        "reuse_detected"
    );
    assert_eq!(code(api.verify(&victim.access_token)), "revoked");
    auth.sync().await.unwrap();
    assert_eq!(code(auth.verify(&victim.access_token)), "revoked");
}

pub async fn mirror_is_pruned_after_expiry<S: Store>(make: &impl Fn() -> S) {
    let (m, clock) = manager(make(), short()).await;
    let a = m.login("alice").await.unwrap();
    let b = m.login("bob").await.unwrap();
    m.logout(&a.family).await.unwrap();
    m.revoke_access(&b.access_jti, b.access_expires_at)
        .await
        .unwrap();
    m.sync().await.unwrap();
    assert_eq!(m.mirrored_revocations(), 2);
    clock.advance(60); // every access token of both is now expired
    m.sync().await.unwrap();
    assert_eq!(m.mirrored_revocations(), 0);
    // The family itself stays revoked in the store.
    assert_eq!(code(m.refresh(a.refresh_token.as_str()).await), "revoked");
}

const RACERS: usize = 50;
const ROUNDS: usize = 20;

/// Grace 0: a duplicate refresh is indistinguishable from theft. Exactly one of the 50
/// concurrent refreshes wins the compare-and-swap; every other one presents the now-previous
/// token and is reuse (or, once the family is revoked, `revoked`), so the family ends up
/// revoked and the winner's successor with it. Never two successors.
pub async fn race_grace_zero<S: Store>(make: &impl Fn() -> S) {
    for _ in 0..ROUNDS {
        let (m, _clock) = manager(make(), short()).await;
        let m = Arc::new(m);
        let pair = m.login("alice").await.unwrap();
        let results = race(&m, &pair).await;
        let winners: Vec<&TokenPair> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(winners.len(), 1, "exactly one refresh succeeds");
        let codes: HashSet<&str> = results
            .iter()
            .filter_map(|r| r.as_ref().err().copied())
            .collect();
        assert!(codes.contains("reuse_detected"), "{codes:?}");
        assert!(
            codes.is_subset(&HashSet::from(["reuse_detected", "revoked"])),
            "{codes:?}"
        );
        let snapshot = m.store().family(&pair.family).await.unwrap().unwrap();
        assert_eq!(snapshot.generation, 1, "one compare-and-swap succeeded");
        assert!(snapshot.revoked);
        assert_eq!(
            Some(snapshot.current),
            refresh_token_hash(winners[0].refresh_token.as_str())
        );
        assert_eq!(
            code(m.refresh(winners[0].refresh_token.as_str()).await),
            "revoked"
        );
    }
}

/// With a grace window, every duplicate inside it re-rotates from the previous token and
/// kills the successor minted before: all 50 succeed, one after the other, and exactly one
/// successor — the last — is live.
pub async fn race_with_grace<S: Store>(make: &impl Fn() -> S) {
    for _ in 0..ROUNDS {
        let (m, _clock) = manager(make(), with_grace(5)).await;
        let m = Arc::new(m);
        let pair = m.login("alice").await.unwrap();
        let results = race(&m, &pair).await;
        let winners: Vec<&TokenPair> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(winners.len(), RACERS, "{results:?}");
        let snapshot = m.store().family(&pair.family).await.unwrap().unwrap();
        assert!(!snapshot.revoked);
        assert_eq!(snapshot.generation, RACERS as u64);
        let live: Vec<&&TokenPair> = winners
            .iter()
            .filter(|w| refresh_token_hash(w.refresh_token.as_str()) == Some(snapshot.current))
            .collect();
        assert_eq!(live.len(), 1, "exactly one live successor");
        refresh(&m, live[0]).await;
    }
}

async fn race<S: Store>(
    m: &Arc<SessionManager<S>>,
    pair: &TokenPair,
) -> Vec<Result<TokenPair, &'static str>> {
    let start = Arc::new(tokio::sync::Barrier::new(RACERS));
    let tasks: Vec<_> = (0..RACERS)
        .map(|_| {
            let (m, start) = (m.clone(), start.clone());
            let token = pair.refresh_token.clone();
            tokio::spawn(async move {
                start.wait().await;
                m.refresh(token.as_str()).await.map_err(|e| e.code())
            })
        })
        .collect();
    let mut results = Vec::with_capacity(RACERS);
    for task in tasks {
        results.push(task.await.expect("no panic"));
    }
    results
}
