//! The [`Store`] trait: where session families and the revocation log live.
//!
//! # Model
//!
//! A **family** is everything minted from one login: a chain of refresh tokens, of which at
//! most one is *current* (live), and the short-lived access tokens minted alongside each.
//! A store keeps, per family, one record:
//!
//! | field | meaning |
//! |---|---|
//! | `subject` | the `sub` of the login; families are indexed by it |
//! | `extra_claims` | JSON object text, handed back on every rotation |
//! | `current` | hash of the one live refresh token |
//! | `previous`, `previous_rotated_at` | hash of the token `current` was rotated from, and when that rotation happened (absent before the first rotation) |
//! | `retired` | hashes of older rotated tokens (keep at least the last [`MIN_RETIRED_KEPT`]) |
//! | `created_at`, `idle_expires_at`, `absolute_expires_at`, `evict_at` | see [`NewFamily`] |
//! | `access_until` | the latest `access_until` ever given for the family (max over requests) |
//! | `current_access_until` | the `access_until` of the request that made `current` current |
//! | `generation` | number of successful rotations |
//! | `revoked` | set by any revocation; never cleared |
//!
//! and one **revocation log** for the whole store: an append-only sequence of
//! [`Revocation`]s, numbered 1, 2, 3… (`seq`), that every process's verification mirror
//! polls with [`Store::revocations_since`]. An entry may be dropped once its `until` is in
//! the past, never before.
//!
//! Only hashes ([`TokenHash`], SHA-256) of refresh-token secrets ever reach a store.
//!
//! # Rules for every implementation
//!
//! 1. **Each state-changing method is one atomic operation** on one family's record (plus
//!    the log append, see below): no other operation on that family may interleave. With
//!    Redis, each method's change to a family is one `EVALSHA` of one Lua script (the
//!    index and log writes are separate single-slot scripts, see below). Never split a
//!    family change into a read and a later write (check-then-act): two concurrent
//!    refreshes of one token must see exactly one compare-and-swap succeed.
//! 2. **Time comes from the request** (`now`), never from the store's own clock, so the
//!    manager's injected clock decides. Times are whole seconds ([`NumericDate`]); a
//!    deadline `d` has passed when `now >= d`.
//! 3. **Fail with [`StoreError`]**, never panic and never guess: on a timeout return
//!    [`StoreError::Timeout`] even if the write may have landed. The manager fails closed.
//! 4. **Evict** a family once `now >= evict_at` (Redis: `EXPIREAT` the family key at
//!    `evict_at`), and log entries once `now >= until`. Nothing else may be forgotten early,
//!    except retired hashes beyond the last [`MIN_RETIRED_KEPT`] of a family (a forgotten
//!    one is then refused as [`RotateOutcome::NotFound`], never accepted).
//! 5. **Futures are `Send`**, so a manager can be shared across a multi-threaded runtime.
//!
//! # Redis layout (a suggestion that satisfies the rules)
//!
//! `RedisStore` (feature `redis`; on a Cluster with feature `redis-cluster`) follows it,
//! keeping the retired hashes in the sibling list, the subject index as a sorted set scored
//! by `evict_at`, setting TTLs relative to the request's `now`, and splitting every method
//! into single-slot scripts as below, on a single node as on a Cluster; its docs list the
//! steps and what a crash between them means.
//!
//! - `jwtcraft:fam:{<family id>}`: a hash with the fields above (`retired` as a list or in a
//!   sibling key `jwtcraft:ret:{<family id>}` — same `{…}` tag, so same Cluster slot),
//!   `EXPIREAT evict_at`. `create_family`, `rotate`, `revoke_family` and `family` each touch
//!   only this slot: one script each.
//! - `jwtcraft:sub:{<subject>}`: a set of the subject's family ids, `EXPIREAT` the latest
//!   `evict_at`. `create_family` adds to it *before* writing the family (a dangling id is
//!   harmless: revoking an absent family is a no-op).
//! - `jwtcraft:revlog`: the log, e.g. a sorted set scored by `seq` with `seq` from `INCR
//!   jwtcraft:revseq`, trimmed with `ZREMRANGEBYSCORE` of entries whose `until` passed (keep
//!   `until` in the member, or a second sorted set scored by `until`).
//!
//! On a single Redis node, the log entry may be appended in the same script as the family
//! change. On Redis Cluster the log lives in another slot, so a revoking method runs the
//! family script first and then the append; if the append fails, return the error (the manager reports
//! `store_unavailable`, and calling the method again is safe: revoking is idempotent and
//! always appends a fresh entry). `revoke_subject` reads `jwtcraft:sub:{<subject>}` and runs
//! the family-revoke script for each id: each family revocation is atomic; a login that
//! completes after the call started may survive it, which is the same as logging in just
//! after it.

mod memory;
#[cfg(feature = "redis")]
mod redis;
mod types;

use std::future::Future;
use std::sync::Arc;

use jwtcraft::NumericDate;

pub use self::memory::{MemoryStore, DEFAULT_MAX_FAMILIES, MEMORY_RETIRED_KEPT};
#[cfg(feature = "redis")]
pub use self::redis::{
    RedisStore, RedisStoreConfig, DEFAULT_COMMAND_TIMEOUT, DEFAULT_CONNECTIONS,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_REDIS_PREFIX, REDIS_RETIRED_KEPT,
};
pub use self::types::{
    Cursor, EarlyRefresh, FamilyId, FamilyInfo, FamilySnapshot, NewFamily, Revocation,
    RevocationPage, RevocationTarget, RotateOutcome, RotateRequest, StoreError, TokenHash,
    FAMILY_ID_LEN,
};

/// The fewest retired refresh-token hashes a store must remember per family (the most
/// recent ones) for reuse detection. Storing all of them is allowed.
pub const MIN_RETIRED_KEPT: usize = 32;

/// Where families and the revocation log live. See the [module docs](self) for the data
/// model, the rules every implementation follows, and a Redis layout.
///
/// Every method takes `&self` and is one atomic operation. Implemented for `Arc<S>`, so one
/// store can back several managers.
///
/// Driving a store directly (what the manager does on a refresh):
///
/// ```
/// use jwtcraft::NumericDate;
/// use jwtcraft_session::store::{
///     Cursor, EarlyRefresh, FamilyId, MemoryStore, RotateOutcome, Store, TokenHash,
/// };
/// # use jwtcraft_session::{SessionConfig, SessionManager};
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// # let key = jwtcraft::Hs256Key::new(&[7; 32])?;
/// # let clock = jwtcraft::FixedClock(NumericDate::from_unix_seconds(1_000));
/// # let manager = SessionManager::new(MemoryStore::new(), key.clone(), key, SessionConfig::new().with_clock(clock))?;
/// // (a login through a manager, to get a family into the store)
/// let pair = manager.login("ada").await?;
/// let store = manager.store();
/// let snapshot = store.family(&pair.family).await?.expect("created");
/// assert_eq!((snapshot.subject.as_str(), snapshot.generation), ("ada", 0));
/// // The log is read with a cursor; a logout appends one entry.
/// manager.logout(&pair.family).await?;
/// let page = store.revocations_since(Cursor::START, 100, NumericDate::from_unix_seconds(1_000)).await?;
/// assert_eq!((page.entries.len(), page.next), (1, Cursor(1)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Store: Send + Sync + 'static {
    /// Writes a new family record from `family` with `current = family.token`, no previous,
    /// no retired hashes, `generation = 0`, not revoked, `access_until =
    /// current_access_until = family.access_until`; adds the id to the subject's index.
    ///
    /// # Errors
    /// [`StoreError::Conflict`] if the id exists (ids are 128 random bits, so this means a
    /// broken RNG); otherwise as the backend fails.
    fn create_family(
        &self,
        family: NewFamily,
    ) -> impl Future<Output = Result<(), StoreError>> + Send;

    /// The refresh: an atomic compare-and-swap of the family's current token. Runs exactly
    /// this, with `r` the request and `f` the family record:
    ///
    /// ```text
    /// f = record(r.family);            if absent (or evicted)        -> NotFound
    /// if f.revoked                                                    -> Revoked
    /// if r.now >= f.idle_expires_at or r.now >= f.absolute_expires_at -> Expired
    /// if r.presented == f.current:
    ///     if r.now < f.current_access_until:           # its access token is still valid
    ///         Reject       -> AccessStillValid          (no change)
    ///         TreatAsTheft -> revoke(f)                 -> ReuseDetected(entry)
    ///         Allow        -> go on
    ///     push f.previous (if any) onto f.retired
    ///     f.previous = f.current; f.previous_rotated_at = r.now
    ///     f.current = r.successor                       -> Rotated { from_previous: false }
    /// elif f.previous exists and r.presented == f.previous:
    ///     if r.grace > 0 and r.now < f.previous_rotated_at + r.grace:
    ///         push f.current onto f.retired             # the successor it had minted dies
    ///         f.current = r.successor                   # previous and its time unchanged
    ///                                                   -> Rotated { from_previous: true }
    ///     else: revoke(f)                               -> ReuseDetected(entry)
    /// elif r.presented is in f.retired: revoke(f)       -> ReuseDetected(entry)
    /// else                                              -> NotFound   (no change)
    ///
    /// on Rotated, also:
    ///     f.generation += 1
    ///     f.idle_expires_at = min(r.now + r.idle_ttl, f.absolute_expires_at)
    ///     f.current_access_until = r.access_until
    ///     f.access_until = max(f.access_until, r.access_until)
    ///     return FamilyInfo { subject, extra_claims, idle_expires_at, absolute_expires_at }
    ///
    /// revoke(f): f.revoked = true; append Family(f.id) with until = f.access_until
    /// ```
    ///
    /// `previous_rotated_at` is *not* moved by a grace re-rotation, so the previous token
    /// can be re-presented only within `grace` of its first rotation, and there is never more
    /// than one live successor. Compare hashes with [`TokenHash::ct_eq`] where the backend
    /// allows it.
    ///
    /// # Errors
    /// As the backend fails.
    fn rotate(
        &self,
        request: RotateRequest,
    ) -> impl Future<Output = Result<RotateOutcome, StoreError>> + Send;

    /// Revokes one family (logout, or a subject-wide revocation): sets `revoked` and appends
    /// `Family(id)` with `until = f.access_until` to the log, returning that entry. Appends
    /// even if the family was already revoked (idempotent for the family, and a retry after
    /// a lost append still reaches the mirrors). `Ok(None)` if the family is absent.
    ///
    /// # Errors
    /// As the backend fails.
    fn revoke_family(
        &self,
        family: &FamilyId,
        now: NumericDate,
    ) -> impl Future<Output = Result<Option<Revocation>, StoreError>> + Send;

    /// Revokes every family of `subject` as [`Store::revoke_family`] does, returning the
    /// appended entries (empty if the subject has no family).
    ///
    /// # Errors
    /// As the backend fails. Families revoked before the failure stay revoked.
    fn revoke_subject(
        &self,
        subject: &str,
        now: NumericDate,
    ) -> impl Future<Output = Result<Vec<Revocation>, StoreError>> + Send;

    /// Appends `Access(jti)` with `until` (the token's `exp`) to the log and returns it.
    /// Touches no family.
    ///
    /// # Errors
    /// As the backend fails.
    fn revoke_access(
        &self,
        jti: &str,
        until: NumericDate,
        now: NumericDate,
    ) -> impl Future<Output = Result<Revocation, StoreError>> + Send;

    /// Up to `limit` log entries with `seq > cursor`, in order, skipping (and may drop)
    /// entries with `until <= now`. Return fewer than `limit` only when no later entry
    /// remains: the manager stops paging at a short page (a premature one only delays the
    /// rest to the next poll). If `cursor` is beyond the log's last `seq` (the log was
    /// lost and restarted), return entries from the start: the mirror takes whatever `next`
    /// says.
    ///
    /// # Errors
    /// As the backend fails.
    fn revocations_since(
        &self,
        cursor: Cursor,
        limit: usize,
        now: NumericDate,
    ) -> impl Future<Output = Result<RevocationPage, StoreError>> + Send;

    /// A read-only snapshot of one family, `None` if absent. Not used on the refresh or
    /// verify path.
    ///
    /// # Errors
    /// As the backend fails.
    fn family(
        &self,
        family: &FamilyId,
    ) -> impl Future<Output = Result<Option<FamilySnapshot>, StoreError>> + Send;
}

impl<S: Store> Store for Arc<S> {
    fn create_family(
        &self,
        family: NewFamily,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        (**self).create_family(family)
    }

    fn rotate(
        &self,
        request: RotateRequest,
    ) -> impl Future<Output = Result<RotateOutcome, StoreError>> + Send {
        (**self).rotate(request)
    }

    fn revoke_family(
        &self,
        family: &FamilyId,
        now: NumericDate,
    ) -> impl Future<Output = Result<Option<Revocation>, StoreError>> + Send {
        (**self).revoke_family(family, now)
    }

    fn revoke_subject(
        &self,
        subject: &str,
        now: NumericDate,
    ) -> impl Future<Output = Result<Vec<Revocation>, StoreError>> + Send {
        (**self).revoke_subject(subject, now)
    }

    fn revoke_access(
        &self,
        jti: &str,
        until: NumericDate,
        now: NumericDate,
    ) -> impl Future<Output = Result<Revocation, StoreError>> + Send {
        (**self).revoke_access(jti, until, now)
    }

    fn revocations_since(
        &self,
        cursor: Cursor,
        limit: usize,
        now: NumericDate,
    ) -> impl Future<Output = Result<RevocationPage, StoreError>> + Send {
        (**self).revocations_since(cursor, limit, now)
    }

    fn family(
        &self,
        family: &FamilyId,
    ) -> impl Future<Output = Result<Option<FamilySnapshot>, StoreError>> + Send {
        (**self).family(family)
    }
}
