//! [`MemoryStore`]: the in-process [`Store`], the default.

use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::sync::{Mutex, MutexGuard};

use jwtcraft::NumericDate;

use super::types::{
    Cursor, EarlyRefresh, FamilyId, FamilyInfo, FamilySnapshot, NewFamily, Revocation,
    RevocationPage, RevocationTarget, RotateOutcome, RotateRequest, StoreError, TokenHash,
};
use super::Store;

/// Default [`MemoryStore::with_max_families`]: 100 000 live families.
pub const DEFAULT_MAX_FAMILIES: usize = 100_000;
/// Retired refresh-token hashes a [`MemoryStore`] remembers per family (the most recent).
pub const MEMORY_RETIRED_KEPT: usize = 64;
/// Expired families and log entries are swept at most this often (store time, seconds), so
/// a sweep's O(n) cost is paid once a minute, not per operation.
const SWEEP_EVERY: i64 = 60;

/// A [`Store`] in process memory: one `std::sync::Mutex`, held only inside one operation
/// (never across an `.await`), so every method is atomic.
///
/// # Memory bound
/// At most `max_families` records (default [`DEFAULT_MAX_FAMILIES`]); each holds its subject,
/// its extra claims, and at most 2 + [`MEMORY_RETIRED_KEPT`] hashes of 32 bytes (≈ 2.3 KiB
/// plus the two strings). Records are evicted at their `evict_at`, and revocation-log
/// entries once their `until` passes, by a sweep that runs at most once a minute of store
/// time (and before refusing a login for lack of room). A login past the bound fails with
/// [`StoreError::Unavailable`] (the manager reports `store_unavailable`) rather than growing.
/// The log holds one entry per revoked-but-unexpired family or access token.
///
/// Revocations are visible immediately to the manager that made them; other managers
/// sharing the store (through `Arc<MemoryStore>`) see them at their next sync.
///
/// ```
/// use jwtcraft_session::MemoryStore;
/// let store = MemoryStore::new().with_max_families(10_000);
/// # let _ = store;
/// ```
#[derive(Debug)]
pub struct MemoryStore {
    inner: Mutex<Inner>,
    max_families: usize,
}

#[derive(Debug, Default)]
struct Inner {
    families: HashMap<FamilyId, Record>,
    subjects: HashMap<String, HashSet<FamilyId>>,
    log: VecDeque<Revocation>,
    last_seq: u64,
    next_sweep: i64,
}

#[derive(Debug)]
struct Record {
    subject: String,
    extra_claims: Option<String>,
    current: TokenHash,
    previous: Option<(TokenHash, NumericDate)>,
    retired: VecDeque<TokenHash>,
    created_at: NumericDate,
    idle_expires_at: NumericDate,
    absolute_expires_at: NumericDate,
    evict_at: NumericDate,
    access_until: NumericDate,
    current_access_until: NumericDate,
    generation: u64,
    revoked: bool,
}

impl Default for MemoryStore {
    fn default() -> Self {
        MemoryStore::new()
    }
}

impl MemoryStore {
    /// An empty store bounded by [`DEFAULT_MAX_FAMILIES`].
    pub fn new() -> Self {
        MemoryStore {
            inner: Mutex::new(Inner::default()),
            max_families: DEFAULT_MAX_FAMILIES,
        }
    }

    /// Sets the most live families kept (at least 1).
    #[must_use]
    pub fn with_max_families(mut self, max_families: usize) -> Self {
        self.max_families = max_families.max(1);
        self
    }

    /// Number of family records held (live, expired-but-not-yet-swept, or revoked).
    pub fn len(&self) -> usize {
        self.lock().map_or(0, |inner| inner.families.len())
    }

    /// Whether no family record is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> Result<MutexGuard<'_, Inner>, StoreError> {
        // A poisoned lock means an operation panicked half-way: its state cannot be vouched
        // for, so fail closed instead of serving it.
        self.inner
            .lock()
            .map_err(|_| StoreError::Unavailable("memory store poisoned".into()))
    }

    /// Runs `op` under the lock, after a sweep if one is due.
    fn with<T>(
        &self,
        now: NumericDate,
        op: impl FnOnce(&mut Inner) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut inner = self.lock()?;
        if now.as_unix_seconds() >= inner.next_sweep {
            inner.sweep(now);
        }
        op(&mut inner)
    }
}

impl Inner {
    fn sweep(&mut self, now: NumericDate) {
        let Inner {
            families, subjects, ..
        } = self;
        families.retain(|id, record| {
            let keep = now < record.evict_at;
            if !keep {
                if let Some(ids) = subjects.get_mut(&record.subject) {
                    ids.remove(id);
                    if ids.is_empty() {
                        subjects.remove(&record.subject);
                    }
                }
            }
            keep
        });
        self.log.retain(|entry| now < entry.until);
        self.next_sweep = now.as_unix_seconds().saturating_add(SWEEP_EVERY);
    }

    fn append(&mut self, target: RevocationTarget, until: NumericDate) -> Revocation {
        self.last_seq += 1;
        let entry = Revocation::new(self.last_seq, target, until);
        self.log.push_back(entry.clone());
        entry
    }

    fn revoke(&mut self, id: &FamilyId) -> Option<Revocation> {
        let record = self.families.get_mut(id)?;
        record.revoked = true;
        let until = record.access_until;
        Some(self.append(RevocationTarget::Family(id.clone()), until))
    }

    /// The live record of `id`: present and not due for eviction.
    fn live(&mut self, id: &FamilyId, now: NumericDate) -> Option<&mut Record> {
        self.families.get_mut(id).filter(|r| now < r.evict_at)
    }

    fn rotate(&mut self, r: &RotateRequest) -> RotateOutcome {
        let Some(f) = self.live(&r.family, r.now) else {
            return RotateOutcome::NotFound;
        };
        if f.revoked {
            return RotateOutcome::Revoked;
        }
        if r.now >= f.idle_expires_at || r.now >= f.absolute_expires_at {
            return RotateOutcome::Expired;
        }
        let from_previous = if f.current.ct_eq(&r.presented) {
            if r.now < f.current_access_until {
                match r.early_refresh {
                    EarlyRefresh::Reject => return RotateOutcome::AccessStillValid,
                    EarlyRefresh::TreatAsTheft => return self.theft(&r.family),
                    _ => {}
                }
            }
            if let Some((previous, _)) = f.previous.take() {
                f.retire(previous);
            }
            f.previous = Some((f.current, r.now));
            false
        } else if let Some((previous, rotated_at)) = f.previous {
            if !previous.ct_eq(&r.presented) {
                return if f.is_retired(&r.presented) {
                    self.theft(&r.family)
                } else {
                    RotateOutcome::NotFound
                };
            }
            let in_grace = !r.grace.is_zero() && r.now < rotated_at.saturating_add(r.grace);
            if !in_grace {
                return self.theft(&r.family);
            }
            let dead = f.current;
            f.retire(dead);
            true
        } else {
            // No rotation yet, so nothing was retired: an unknown secret.
            return RotateOutcome::NotFound;
        };
        f.current = r.successor;
        f.generation += 1;
        f.idle_expires_at = r.now.saturating_add(r.idle_ttl).min(f.absolute_expires_at);
        f.current_access_until = r.access_until;
        f.access_until = f.access_until.max(r.access_until);
        RotateOutcome::Rotated {
            family: FamilyInfo::new(
                f.subject.clone(),
                f.extra_claims.clone(),
                f.idle_expires_at,
                f.absolute_expires_at,
            ),
            from_previous,
        }
    }

    fn theft(&mut self, id: &FamilyId) -> RotateOutcome {
        match self.revoke(id) {
            Some(entry) => RotateOutcome::ReuseDetected(entry),
            None => RotateOutcome::NotFound,
        }
    }
}

impl Record {
    fn retire(&mut self, hash: TokenHash) {
        if self.retired.len() == MEMORY_RETIRED_KEPT {
            self.retired.pop_front();
        }
        self.retired.push_back(hash);
    }

    fn is_retired(&self, hash: &TokenHash) -> bool {
        // Check every entry (no early exit), like `ct_eq` within each comparison.
        self.retired
            .iter()
            .fold(false, |found, retired| found | retired.ct_eq(hash))
    }
}

impl Store for MemoryStore {
    fn create_family(
        &self,
        family: NewFamily,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        let result = self.with(family.created_at, |inner| {
            if inner.families.len() >= self.max_families {
                inner.sweep(family.created_at);
                if inner.families.len() >= self.max_families {
                    return Err(StoreError::Unavailable("memory store full".into()));
                }
            }
            if inner.families.contains_key(&family.id) {
                return Err(StoreError::Conflict);
            }
            inner
                .subjects
                .entry(family.subject.clone())
                .or_default()
                .insert(family.id.clone());
            let record = Record {
                subject: family.subject,
                extra_claims: family.extra_claims,
                current: family.token,
                previous: None,
                retired: VecDeque::new(),
                created_at: family.created_at,
                idle_expires_at: family.idle_expires_at,
                absolute_expires_at: family.absolute_expires_at,
                evict_at: family.evict_at,
                access_until: family.access_until,
                current_access_until: family.access_until,
                generation: 0,
                revoked: false,
            };
            inner.families.insert(family.id, record);
            Ok(())
        });
        std::future::ready(result)
    }

    fn rotate(
        &self,
        request: RotateRequest,
    ) -> impl Future<Output = Result<RotateOutcome, StoreError>> + Send {
        std::future::ready(self.with(request.now, |inner| Ok(inner.rotate(&request))))
    }

    fn revoke_family(
        &self,
        family: &FamilyId,
        now: NumericDate,
    ) -> impl Future<Output = Result<Option<Revocation>, StoreError>> + Send {
        std::future::ready(self.with(now, |inner| Ok(inner.revoke(family))))
    }

    fn revoke_subject(
        &self,
        subject: &str,
        now: NumericDate,
    ) -> impl Future<Output = Result<Vec<Revocation>, StoreError>> + Send {
        std::future::ready(self.with(now, |inner| {
            let mut ids: Vec<FamilyId> = inner
                .subjects
                .get(subject)
                .map(|ids| ids.iter().cloned().collect())
                .unwrap_or_default();
            // A stable order keeps the log deterministic for tests.
            ids.sort();
            Ok(ids.iter().filter_map(|id| inner.revoke(id)).collect())
        }))
    }

    fn revoke_access(
        &self,
        jti: &str,
        until: NumericDate,
        now: NumericDate,
    ) -> impl Future<Output = Result<Revocation, StoreError>> + Send {
        std::future::ready(self.with(now, |inner| {
            Ok(inner.append(RevocationTarget::Access(jti.to_owned()), until))
        }))
    }

    fn revocations_since(
        &self,
        cursor: Cursor,
        limit: usize,
        now: NumericDate,
    ) -> impl Future<Output = Result<RevocationPage, StoreError>> + Send {
        std::future::ready(self.with(now, |inner| {
            let from = if cursor.0 > inner.last_seq {
                Cursor::START
            } else {
                cursor
            };
            // Entries are in `seq` order, so skip the seen prefix by binary search.
            let start = inner.log.partition_point(|e| e.seq <= from.0);
            let mut entries = Vec::new();
            let mut next = from;
            for entry in inner.log.iter().skip(start) {
                if entries.len() == limit {
                    break;
                }
                // Step over expired entries too, so they are not read again.
                next = Cursor(entry.seq);
                if now < entry.until {
                    entries.push(entry.clone());
                }
            }
            Ok(RevocationPage::new(entries, next))
        }))
    }

    fn family(
        &self,
        family: &FamilyId,
    ) -> impl Future<Output = Result<Option<FamilySnapshot>, StoreError>> + Send {
        let result = self.lock().map(|inner| {
            inner.families.get(family).map(|f| {
                FamilySnapshot::new(
                    f.subject.clone(),
                    f.created_at,
                    f.idle_expires_at,
                    f.absolute_expires_at,
                    f.generation,
                    f.current,
                    f.revoked,
                )
            })
        });
        std::future::ready(result)
    }
}
