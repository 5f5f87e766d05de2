//! Store wrappers for fault and round-trip tests: [`FaultyStore`] fails or hangs on demand,
//! [`CountingStore`] counts calls.

use std::future::Future;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};

use jwtcraft::NumericDate;
use jwtcraft_session::{
    Cursor, FamilyId, FamilySnapshot, NewFamily, Revocation, RevocationPage, RotateOutcome,
    RotateRequest, Store, StoreError,
};

/// What a [`FaultyStore`] does with the next calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Fault {
    /// Pass through to the inner store.
    None,
    /// Fail at once with `StoreError::Unavailable`, without touching the inner store.
    Fail,
    /// Never answer (the manager's timeout must fire).
    Hang,
}

#[derive(Debug)]
pub struct FaultyStore<S> {
    pub inner: S,
    fault: AtomicU8,
}

impl<S> FaultyStore<S> {
    pub fn new(inner: S) -> Self {
        FaultyStore {
            inner,
            fault: AtomicU8::new(Fault::None as u8),
        }
    }

    pub fn set(&self, fault: Fault) {
        self.fault.store(fault as u8, Ordering::SeqCst);
    }

    fn fault(&self) -> Fault {
        match self.fault.load(Ordering::SeqCst) {
            0 => Fault::None,
            1 => Fault::Fail,
            _ => Fault::Hang,
        }
    }

    /// Runs `op` only when healthy: a failing or hung store must not have applied anything.
    fn guard<T: Send, F, O>(
        &self,
        op: O,
    ) -> impl Future<Output = Result<T, StoreError>> + Send + use<'_, T, F, O, S>
    where
        O: FnOnce() -> F,
        F: Future<Output = Result<T, StoreError>> + Send,
    {
        let fault = self.fault();
        let healthy = (fault == Fault::None).then(op);
        async move {
            match (healthy, fault) {
                (Some(op), _) => op.await,
                (None, Fault::Hang) => std::future::pending().await,
                (None, _) => Err(StoreError::Unavailable("injected fault".into())),
            }
        }
    }
}

impl<S: Store> Store for FaultyStore<S> {
    fn create_family(
        &self,
        family: NewFamily,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        self.guard(move || self.inner.create_family(family))
    }
    fn rotate(
        &self,
        request: RotateRequest,
    ) -> impl Future<Output = Result<RotateOutcome, StoreError>> + Send {
        self.guard(move || self.inner.rotate(request))
    }
    fn revoke_family(
        &self,
        family: &FamilyId,
        now: NumericDate,
    ) -> impl Future<Output = Result<Option<Revocation>, StoreError>> + Send {
        self.guard(move || self.inner.revoke_family(family, now))
    }
    fn revoke_subject(
        &self,
        subject: &str,
        now: NumericDate,
    ) -> impl Future<Output = Result<Vec<Revocation>, StoreError>> + Send {
        self.guard(move || self.inner.revoke_subject(subject, now))
    }
    fn revoke_access(
        &self,
        jti: &str,
        until: NumericDate,
        now: NumericDate,
    ) -> impl Future<Output = Result<Revocation, StoreError>> + Send {
        self.guard(move || self.inner.revoke_access(jti, until, now))
    }
    fn revocations_since(
        &self,
        cursor: Cursor,
        limit: usize,
        now: NumericDate,
    ) -> impl Future<Output = Result<RevocationPage, StoreError>> + Send {
        self.guard(move || self.inner.revocations_since(cursor, limit, now))
    }
    fn family(
        &self,
        family: &FamilyId,
    ) -> impl Future<Output = Result<Option<FamilySnapshot>, StoreError>> + Send {
        self.guard(move || self.inner.family(family))
    }
}

/// Counts every call, so tests can assert round trips per operation.
#[derive(Debug, Default)]
pub struct CountingStore<S> {
    pub inner: S,
    calls: AtomicUsize,
}

impl<S> CountingStore<S> {
    pub fn new(inner: S) -> Self {
        CountingStore {
            inner,
            calls: AtomicUsize::new(0),
        }
    }

    /// Calls so far; resets the count.
    pub fn take(&self) -> usize {
        self.calls.swap(0, Ordering::SeqCst)
    }

    fn count(&self) {
        self.calls.fetch_add(1, Ordering::SeqCst);
    }
}

impl<S: Store> Store for CountingStore<S> {
    fn create_family(
        &self,
        family: NewFamily,
    ) -> impl Future<Output = Result<(), StoreError>> + Send {
        self.count();
        self.inner.create_family(family)
    }
    fn rotate(
        &self,
        request: RotateRequest,
    ) -> impl Future<Output = Result<RotateOutcome, StoreError>> + Send {
        self.count();
        self.inner.rotate(request)
    }
    fn revoke_family(
        &self,
        family: &FamilyId,
        now: NumericDate,
    ) -> impl Future<Output = Result<Option<Revocation>, StoreError>> + Send {
        self.count();
        self.inner.revoke_family(family, now)
    }
    fn revoke_subject(
        &self,
        subject: &str,
        now: NumericDate,
    ) -> impl Future<Output = Result<Vec<Revocation>, StoreError>> + Send {
        self.count();
        self.inner.revoke_subject(subject, now)
    }
    fn revoke_access(
        &self,
        jti: &str,
        until: NumericDate,
        now: NumericDate,
    ) -> impl Future<Output = Result<Revocation, StoreError>> + Send {
        self.count();
        self.inner.revoke_access(jti, until, now)
    }
    fn revocations_since(
        &self,
        cursor: Cursor,
        limit: usize,
        now: NumericDate,
    ) -> impl Future<Output = Result<RevocationPage, StoreError>> + Send {
        self.count();
        self.inner.revocations_since(cursor, limit, now)
    }
    fn family(
        &self,
        family: &FamilyId,
    ) -> impl Future<Output = Result<Option<FamilySnapshot>, StoreError>> + Send {
        self.count();
        self.inner.family(family)
    }
}
