//! [`SessionManager`]: login, refresh, logout, revocation and revocation-aware verification.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use jwtcraft::{decode, ClaimError, Error, NumericDate, Signer, Validation, Verifier};
use serde::de::DeserializeOwned;
use serde::Serialize;

use crate::claims::{self, AccessClaims, Mint, ACCESS_TOKEN_TYPE};
use crate::config::SessionConfig;
use crate::error::{ConfigError, SessionError};
use crate::mirror::{Mirror, Verdict};
use crate::refresh::{self, RefreshToken};
use crate::store::{
    FamilyId, NewFamily, Revocation, RotateOutcome, RotateRequest, Store, StoreError,
};

/// How long a family record outlives its absolute cap, so a late refresh is told
/// `expired` or `revoked` rather than `invalid`.
const EVICT_AFTER: Duration = Duration::from_secs(3600);
/// Log entries fetched per `revocations_since` call.
const SYNC_PAGE: usize = 1000;

/// What a login or a refresh hands to the client.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct TokenPair {
    /// The access JWT (`typ: at+jwt`).
    pub access_token: String,
    /// When the access token expires.
    pub access_expires_at: NumericDate,
    /// The refresh token: opaque, single use.
    pub refresh_token: RefreshToken,
    /// The session's idle deadline: refresh before it.
    pub refresh_expires_at: NumericDate,
    /// The absolute cap: no refresh after it.
    pub session_expires_at: NumericDate,
    /// The session family (also the access token's `fid` claim).
    pub family: FamilyId,
    /// The access token's `jti`.
    pub access_jti: String,
}

type DynSigner = dyn Signer + Send + Sync;
type DynVerifier = dyn Verifier + Send + Sync;

/// Issues, rotates, revokes and verifies session tokens over a [`Store`].
///
/// Cheap to share: put it in an `Arc` and call [`spawn_sync`](SessionManager::spawn_sync)
/// once. See the [crate docs](crate) for a walk-through.
///
/// ```
/// use std::sync::Arc;
/// use jwtcraft::Hs256Key;
/// use jwtcraft_session::{MemoryStore, SessionConfig, SessionManager};
///
/// #[derive(serde::Deserialize)]
/// struct Scope { scope: String }
///
/// # tokio::runtime::Builder::new_current_thread().enable_all().build()?.block_on(async {
/// let key = Hs256Key::generate()?;
/// let sessions = Arc::new(SessionManager::new(MemoryStore::new(), key.clone(), key, SessionConfig::new())?);
/// let poller = sessions.spawn_sync(); // polls the revocation log every `poll_interval`
/// sessions.sync().await?;             // (or sync once by hand)
///
/// let pair = sessions.login_with_claims("ada", &serde_json::json!({"scope": "admin"})).await?;
/// let claims = sessions.verify_as::<Scope>(&pair.access_token)?;
/// assert_eq!(claims.extra.scope, "admin");
///
/// // Revoke just this access token (say, it leaked into a log)...
/// sessions.revoke_access(&claims.jwt_id, claims.expires_at).await?;
/// assert_eq!(sessions.verify(&pair.access_token).unwrap_err().code(), "revoked");
/// // ...or every session of the user (say, after a password change).
/// assert_eq!(sessions.revoke_subject("ada").await?, 1);
/// assert_eq!(sessions.refresh(pair.refresh_token.as_str()).await.unwrap_err().code(), "revoked");
/// poller.abort();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// # })?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct SessionManager<S> {
    store: S,
    signer: Box<DynSigner>,
    verifier: Box<DynVerifier>,
    config: SessionConfig,
    validation: Validation,
    mirror: Mirror,
}

impl<S> std::fmt::Debug for SessionManager<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SessionManager")
            .field("config", &self.config)
            .field("mirror_entries", &self.mirror.len())
            .finish_non_exhaustive()
    }
}

impl<S: Store> SessionManager<S> {
    /// A manager that signs access tokens with `signer` and verifies them with `verifier`
    /// (for HS256, the same [`Hs256Key`](jwtcraft::Hs256Key) twice, e.g. cloned).
    ///
    /// Verification fails closed (`store_unavailable`) until the first successful
    /// [`sync`](SessionManager::sync).
    ///
    /// # Errors
    /// [`ConfigError`] if `config` does not [`validate`](SessionConfig::validate).
    pub fn new(
        store: S,
        signer: impl Signer + Send + Sync + 'static,
        verifier: impl Verifier + Send + Sync + 'static,
        config: SessionConfig,
    ) -> Result<Self, ConfigError> {
        config.validate()?;
        // Leeway 0: this manager's clock both issues and judges, so there is no skew to
        // forgive, and the mirror may forget a revocation exactly at the token's `exp`.
        let validation = Validation::new()
            .with_leeway(Duration::ZERO)
            .with_type(ACCESS_TOKEN_TYPE)
            .with_required_claims(["sub", "iat", "jti", "fid"])
            .with_clock(config.clock.clone());
        Ok(SessionManager {
            store,
            signer: Box::new(signer),
            verifier: Box::new(verifier),
            config,
            validation,
            mirror: Mirror::default(),
        })
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    /// The configuration.
    pub fn config(&self) -> &SessionConfig {
        &self.config
    }

    /// Number of revocations the mirror holds (revoked families and access tokens that have
    /// not expired yet).
    pub fn mirrored_revocations(&self) -> usize {
        self.mirror.len()
    }

    fn now(&self) -> NumericDate {
        self.config.clock.now()
    }

    /// Runs one store call under the configured timeout.
    async fn call<T>(
        &self,
        op: impl Future<Output = Result<T, StoreError>> + Send,
    ) -> Result<T, SessionError> {
        let result = match self.config.store_timeout {
            Some(limit) => tokio::time::timeout(limit, op)
                .await
                .unwrap_or(Err(StoreError::Timeout)),
            None => op.await,
        };
        result.map_err(SessionError::from)
    }

    /// Starts a session for `subject`: a new family, its first refresh token, and an access
    /// token. One store call.
    ///
    /// # Errors
    /// `store_unavailable`, `signing_failed`, `random_failed`.
    pub async fn login(&self, subject: &str) -> Result<TokenPair, SessionError> {
        self.login_with_claims(subject, &()).await
    }

    /// As [`login`](SessionManager::login), with extra claims (a JSON object, without `sub`,
    /// `iat`, `exp`, `jti` or `fid`) copied into this and every refreshed access token.
    ///
    /// # Errors
    /// `invalid_claims`, and as [`login`](SessionManager::login).
    pub async fn login_with_claims(
        &self,
        subject: &str,
        extra: &(impl Serialize + ?Sized),
    ) -> Result<TokenPair, SessionError> {
        let extra = claims::extra_to_text(&extra)?;
        let now = self.now();
        let family = FamilyId::generate().map_err(|_| SessionError::Random)?;
        let (refresh_token, token) =
            RefreshToken::generate(&family).map_err(|_| SessionError::Random)?;
        let absolute = now.saturating_add(self.config.absolute_ttl);
        let idle = now.saturating_add(self.config.idle_ttl).min(absolute);
        let access_until = now.saturating_add(self.config.access_ttl);
        // Sign before writing, so a signer failure leaves no orphan family behind.
        let mint = Mint {
            subject,
            extra: extra.as_deref(),
            family: &family,
            now,
            expires_at: access_until.min(absolute),
        };
        let (access_token, access_jti) = claims::mint(&*self.signer, &mint)?;
        let access_expires_at = mint.expires_at;
        let new = NewFamily {
            id: family.clone(),
            subject: subject.to_owned(),
            extra_claims: extra,
            token,
            created_at: now,
            idle_expires_at: idle,
            absolute_expires_at: absolute,
            access_until,
            evict_at: absolute.saturating_add(EVICT_AFTER),
        };
        self.call(self.store.create_family(new)).await?;
        Ok(TokenPair {
            access_token,
            access_expires_at,
            refresh_token,
            refresh_expires_at: idle,
            session_expires_at: absolute,
            family,
            access_jti,
        })
    }

    /// Rotates `refresh_token`: returns a new pair, and the presented token is dead. One
    /// store call (an atomic compare-and-swap; see [`Store::rotate`]).
    ///
    /// # Errors
    /// `invalid` (malformed, unknown, or an access token), `expired` (idle deadline or
    /// absolute cap), `revoked`, `reuse_detected` (the family is now revoked),
    /// `access_still_valid` (with [`EarlyRefresh::Reject`](crate::EarlyRefresh::Reject)),
    /// `store_unavailable` (nothing granted; the token may or may not have been rotated if
    /// the store timed out), `signing_failed`, `random_failed`.
    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenPair, SessionError> {
        let (family, presented) =
            refresh::parse(refresh_token).ok_or(SessionError::Invalid(None))?;
        let now = self.now();
        let (successor_token, successor) =
            RefreshToken::generate(&family).map_err(|_| SessionError::Random)?;
        let access_until = now.saturating_add(self.config.access_ttl);
        let request = RotateRequest {
            family: family.clone(),
            presented,
            successor,
            now,
            grace: self.config.grace,
            idle_ttl: self.config.idle_ttl,
            access_until,
            early_refresh: self.config.early_refresh,
        };
        let info = match self.call(self.store.rotate(request)).await? {
            RotateOutcome::Rotated { family, .. } => family,
            RotateOutcome::ReuseDetected(entry) => {
                self.mirror.apply_local([&entry]);
                return Err(SessionError::ReuseDetected);
            }
            RotateOutcome::Revoked => return Err(SessionError::Revoked),
            RotateOutcome::Expired => return Err(SessionError::Expired),
            RotateOutcome::AccessStillValid => return Err(SessionError::AccessStillValid),
            // `NotFound`, and any outcome a newer store may add: refuse.
            _ => return Err(SessionError::Invalid(None)),
        };
        let mint = Mint {
            subject: &info.subject,
            extra: info.extra_claims.as_deref(),
            family: &family,
            now,
            expires_at: access_until.min(info.absolute_expires_at),
        };
        let (access_token, access_jti) = claims::mint(&*self.signer, &mint)?;
        Ok(TokenPair {
            access_token,
            access_expires_at: mint.expires_at,
            refresh_token: successor_token,
            refresh_expires_at: info.idle_expires_at,
            session_expires_at: info.absolute_expires_at,
            family,
            access_jti,
        })
    }

    /// Ends the session `family` (from [`AccessClaims::family`] or [`TokenPair::family`]):
    /// its refresh token and every access token minted in it are revoked. Returns whether
    /// the family existed. Authenticate the caller first: family ids are not secret.
    ///
    /// # Errors
    /// `store_unavailable`.
    pub async fn logout(&self, family: &FamilyId) -> Result<bool, SessionError> {
        let entry = self
            .call(self.store.revoke_family(family, self.now()))
            .await?;
        self.mirror.apply_local(entry.iter());
        Ok(entry.is_some())
    }

    /// Revokes every session of `subject` (e.g. after a password change). Returns the number
    /// of families revoked.
    ///
    /// # Errors
    /// `store_unavailable` (families revoked before the failure stay revoked; retry).
    pub async fn revoke_subject(&self, subject: &str) -> Result<usize, SessionError> {
        let entries = self
            .call(self.store.revoke_subject(subject, self.now()))
            .await?;
        self.mirror.apply_local(entries.iter());
        Ok(entries.len())
    }

    /// Revokes one access token by its `jti` until its `exp` (after which it is refused
    /// anyway, so the revocation is forgotten then).
    ///
    /// # Errors
    /// `store_unavailable`.
    pub async fn revoke_access(&self, jti: &str, exp: NumericDate) -> Result<(), SessionError> {
        let entry: Revocation = self
            .call(self.store.revoke_access(jti, exp, self.now()))
            .await?;
        self.mirror.apply_local([&entry]);
        Ok(())
    }

    /// Verifies an access token — signature, `typ`, expiry, required claims — and checks it
    /// against the revocation mirror. No store call.
    ///
    /// # Errors
    /// `invalid` (including a refresh token given here), `expired`, `revoked`,
    /// `store_unavailable` when the mirror has not synced within `max_staleness`.
    pub fn verify(&self, access_token: &str) -> Result<AccessClaims, SessionError> {
        self.verify_as(access_token)
    }

    /// As [`verify`](SessionManager::verify), with the extra claims read as `C`.
    ///
    /// # Errors
    /// As [`verify`](SessionManager::verify).
    pub fn verify_as<C: DeserializeOwned>(
        &self,
        access_token: &str,
    ) -> Result<AccessClaims<C>, SessionError> {
        let claims = decode::<AccessClaims<C>>(access_token, &*self.verifier, &self.validation)
            .map_err(|err| match err {
                Error::Claims(ClaimError::Expired) => SessionError::Expired,
                other => SessionError::Invalid(Some(other)),
            })?
            .into_claims();
        let max_staleness = i64::try_from(self.config.max_staleness.as_secs()).unwrap_or(i64::MAX);
        match self
            .mirror
            .check(&claims.family, &claims.jwt_id, self.now(), max_staleness)
        {
            Verdict::Clear => Ok(claims),
            Verdict::Revoked => Err(SessionError::Revoked),
            Verdict::Stale => Err(SessionError::StoreUnavailable(None)),
        }
    }

    /// Pulls new revocations from the store into the mirror (one call per 1000 entries;
    /// usually one) and prunes expired ones. Returns the number of entries read.
    ///
    /// # Errors
    /// `store_unavailable`; the mirror keeps what it had, and verification fails closed
    /// once `max_staleness` has passed since the last success.
    pub async fn sync(&self) -> Result<usize, SessionError> {
        let _one_at_a_time = self.mirror.sync_lock.lock().await;
        let now = self.now();
        let mut cursor = self.mirror.cursor();
        let mut read = 0;
        loop {
            let page = self
                .call(self.store.revocations_since(cursor, SYNC_PAGE, now))
                .await?;
            read += page.entries.len();
            self.mirror.apply_page(&page.entries, page.next);
            if page.entries.len() < SYNC_PAGE {
                break;
            }
            cursor = page.next;
        }
        self.mirror.synced(now);
        Ok(read)
    }

    /// Spawns a Tokio task that calls [`sync`](SessionManager::sync) every `poll_interval`
    /// (the first time at once) until the manager is dropped. `poll_interval` is then the
    /// staleness bound: a revocation made by another process is honoured here at most that
    /// long (plus one store round trip) later. Failed syncs are retried at the next tick;
    /// after `max_staleness` without success, verification fails closed.
    ///
    /// # Panics
    /// Outside a Tokio runtime with the time driver enabled.
    pub fn spawn_sync(self: &Arc<Self>) -> tokio::task::JoinHandle<()> {
        let manager = Arc::downgrade(self);
        let mut tick = tokio::time::interval(self.config.poll_interval);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tokio::spawn(async move {
            loop {
                tick.tick().await;
                let Some(manager) = manager.upgrade() else {
                    break;
                };
                // A failure is reported by `verify` once it matters (staleness); retry.
                let _ = manager.sync().await;
            }
        })
    }
}
