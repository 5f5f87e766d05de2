//! The in-process mirror of the store's revocation log, so that verifying an access token
//! needs no store round trip.
//!
//! It holds one entry per revoked-but-unexpired family and access token (entries are pruned
//! once their `until` passes, at every sync), a cursor into the log, and the time of the
//! last successful sync. Verification reads it under a read lock; a sync or a local
//! revocation takes the write lock for as long as it takes to apply a page.

use std::collections::HashMap;
use std::sync::{PoisonError, RwLock};

use jwtcraft::NumericDate;

use crate::store::{Cursor, FamilyId, Revocation, RevocationTarget};

#[derive(Debug, Default)]
pub(crate) struct Mirror {
    state: RwLock<State>,
    /// Serializes syncs, so two pollers never apply pages out of order.
    pub(crate) sync_lock: tokio::sync::Mutex<()>,
}

#[derive(Debug, Default)]
struct State {
    families: HashMap<FamilyId, NumericDate>,
    access: HashMap<String, NumericDate>,
    cursor: Cursor,
    synced_at: Option<NumericDate>,
}

/// What the mirror says about one access token.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    Clear,
    Revoked,
    /// The mirror has not synced within the staleness bound: it cannot vouch for "clear".
    Stale,
}

impl Mirror {
    // The state is only ever replaced by whole-entry inserts and retains, so a panic while
    // the lock was held cannot have left it half-written: recovering from poison is sound.
    fn read(&self) -> std::sync::RwLockReadGuard<'_, State> {
        self.state.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn cursor(&self) -> Cursor {
        self.read().cursor
    }

    /// Applies entries the manager itself just appended, so its own process sees them at
    /// once. Does not move the cursor: the poller will read them again, harmlessly.
    pub(crate) fn apply_local<'a>(&self, entries: impl IntoIterator<Item = &'a Revocation>) {
        let mut state = self.write();
        for entry in entries {
            state.insert(entry);
        }
    }

    /// Applies one page read from the store and moves the cursor.
    pub(crate) fn apply_page(&self, entries: &[Revocation], next: Cursor) {
        let mut state = self.write();
        for entry in entries {
            state.insert(entry);
        }
        state.cursor = next;
    }

    /// Marks a complete sync at `now` and drops entries that can no longer matter.
    pub(crate) fn synced(&self, now: NumericDate) {
        let mut state = self.write();
        state.families.retain(|_, until| now < *until);
        state.access.retain(|_, until| now < *until);
        state.synced_at = Some(now);
    }

    pub(crate) fn check(
        &self,
        family: &FamilyId,
        jti: &str,
        now: NumericDate,
        max_staleness: i64,
    ) -> Verdict {
        let state = self.read();
        let fresh = state.synced_at.is_some_and(|at| {
            now.as_unix_seconds().saturating_sub(at.as_unix_seconds()) <= max_staleness
        });
        if !fresh {
            return Verdict::Stale;
        }
        let revoked = |until: Option<&NumericDate>| until.is_some_and(|until| now < *until);
        if revoked(state.families.get(family)) || revoked(state.access.get(jti)) {
            Verdict::Revoked
        } else {
            Verdict::Clear
        }
    }

    /// Entries held: the mirror's size, bounded by revoked-but-unexpired tokens.
    pub(crate) fn len(&self) -> usize {
        let state = self.read();
        state.families.len() + state.access.len()
    }
}

impl State {
    fn insert(&mut self, entry: &Revocation) {
        let slot = match &entry.target {
            RevocationTarget::Family(id) => self.families.entry(id.clone()).or_insert(entry.until),
            RevocationTarget::Access(jti) => self.access.entry(jti.clone()).or_insert(entry.until),
        };
        // Keep the latest deadline if an id is revoked twice.
        *slot = (*slot).max(entry.until);
    }
}
