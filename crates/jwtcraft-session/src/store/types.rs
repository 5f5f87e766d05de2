//! The data a [`Store`](super::Store) keeps, receives and returns.
//!
//! Request types ([`NewFamily`], [`RotateRequest`]) are built by the manager and only read
//! by stores, so they are `#[non_exhaustive]` with public fields. Result types
//! ([`RotateOutcome`], [`FamilyInfo`], [`Revocation`], [`RevocationPage`], [`FamilySnapshot`])
//! are built by stores, so they have public fields and constructors.

use std::fmt;
use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jwtcraft::NumericDate;

/// Length in bytes of a [`FamilyId`] before encoding (128 random bits).
pub(crate) const FAMILY_ID_BYTES: usize = 16;
/// Length of a [`FamilyId`] as text: unpadded base64url of 16 bytes.
pub const FAMILY_ID_LEN: usize = 22;

/// The id of a session family: every refresh token and access token minted from one login
/// carries it. 128 random bits as 22 characters of unpadded base64url (`[A-Za-z0-9_-]`), so
/// it is safe inside a Redis key (e.g. `jwtcraft:fam:{<id>}`) and a JSON string.
///
/// The id is **not** a secret: it is a claim (`fid`) of every access token. Knowing it lets
/// nobody refresh; presenting an unknown secret under a known id is refused as `invalid`
/// without touching the family.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FamilyId(String);

impl FamilyId {
    /// A fresh id from the OS RNG.
    pub(crate) fn generate() -> Result<Self, getrandom::Error> {
        let mut bytes = [0u8; FAMILY_ID_BYTES];
        getrandom::fill(&mut bytes)?;
        Ok(FamilyId(URL_SAFE_NO_PAD.encode(bytes)))
    }

    /// Reads an id back, e.g. from a store's key or log. `None` unless `text` is 22
    /// base64url characters.
    ///
    /// ```
    /// use jwtcraft_session::FamilyId;
    /// assert!(FamilyId::parse("AAAAAAAAAAAAAAAAAAAAAA").is_some());
    /// assert!(FamilyId::parse("not an id").is_none());
    /// ```
    pub fn parse(text: &str) -> Option<Self> {
        let ok = text.len() == FAMILY_ID_LEN
            && text
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        ok.then(|| FamilyId(text.to_owned()))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for FamilyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FamilyId({})", self.0)
    }
}

impl fmt::Display for FamilyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// SHA-256 of a refresh token's secret part (domain-separated and bound to the family, see
/// the crate docs). This is all a store ever learns of a refresh token: a leaked store dump
/// cannot be replayed.
///
/// Compare with [`TokenHash::ct_eq`]; `==` is also constant-time.
///
/// ```
/// use jwtcraft_session::TokenHash;
/// let a = TokenHash::from_bytes([1; 32]);
/// assert!(a.ct_eq(&TokenHash::from_bytes([1; 32])));
/// assert!(!a.ct_eq(&TokenHash::from_bytes([2; 32])));
/// assert_eq!(format!("{a:?}"), "TokenHash(01010101…)");
/// ```
#[derive(Clone, Copy, Eq)]
pub struct TokenHash([u8; 32]);

impl TokenHash {
    /// Wraps 32 bytes read back from storage.
    pub const fn from_bytes(bytes: [u8; 32]) -> Self {
        TokenHash(bytes)
    }

    /// The 32 bytes, to store.
    pub const fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// Compares in constant time: the time taken does not depend on where the hashes differ.
    pub fn ct_eq(&self, other: &TokenHash) -> bool {
        // Accumulate every byte difference before deciding, so there is no early exit.
        let diff = self
            .0
            .iter()
            .zip(other.0.iter())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b));
        std::hint::black_box(diff) == 0
    }
}

impl PartialEq for TokenHash {
    fn eq(&self, other: &Self) -> bool {
        self.ct_eq(other)
    }
}

impl fmt::Debug for TokenHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Enough to tell two hashes apart in a log, not enough to matter.
        write!(f, "TokenHash(")?;
        for b in &self.0[..4] {
            write!(f, "{b:02x}")?;
        }
        write!(f, "…)")
    }
}

/// What to do with a refresh presented while the access token minted alongside the
/// presented refresh token has not expired yet.
///
/// A well-behaved client refreshes shortly before or after its access token expires;
/// refreshing much earlier is odd but usually harmless (a page reload), so the default is
/// [`Allow`](EarlyRefresh::Allow).
///
/// ```
/// use jwtcraft_session::{EarlyRefresh, SessionConfig};
/// assert_eq!(EarlyRefresh::default(), EarlyRefresh::Allow);
/// let strict = SessionConfig::new().with_early_refresh(EarlyRefresh::TreatAsTheft);
/// # let _ = strict;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum EarlyRefresh {
    /// Rotate as usual (the default).
    #[default]
    Allow,
    /// Refuse with `access_still_valid`; nothing changes, the presented token stays current.
    Reject,
    /// Treat as theft: revoke the family (`reuse_detected`).
    TreatAsTheft,
}

/// A new family, written by [`Store::create_family`](super::Store::create_family) at login.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct NewFamily {
    /// The family's id (fresh, random).
    pub id: FamilyId,
    /// The subject (`sub`) the session belongs to; index families by it for
    /// [`Store::revoke_subject`](super::Store::revoke_subject).
    pub subject: String,
    /// The caller's extra access-token claims, as a JSON object's text (`None`: none). Stored
    /// as is and handed back by every rotation, so refreshed access tokens carry them too.
    pub extra_claims: Option<String>,
    /// Hash of the first refresh token: the family's *current* token.
    pub token: TokenHash,
    /// Login time.
    pub created_at: NumericDate,
    /// The first idle deadline: `min(created_at + idle_ttl, absolute_expires_at)`.
    pub idle_expires_at: NumericDate,
    /// The absolute cap: no refresh succeeds at or after it, however active the session.
    pub absolute_expires_at: NumericDate,
    /// Upper bound of the `exp` of the access token minted with the first refresh token.
    pub access_until: NumericDate,
    /// When the store may delete the record (and, in Redis, its key TTL). Later than
    /// `absolute_expires_at`, so a late refresh still gets `expired`/`revoked`, not `invalid`.
    pub evict_at: NumericDate,
}

/// One refresh, for [`Store::rotate`](super::Store::rotate). See that method for the exact
/// algorithm a store must run on these fields.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RotateRequest {
    /// The family named by the presented refresh token.
    pub family: FamilyId,
    /// Hash of the presented refresh token's secret.
    pub presented: TokenHash,
    /// Hash of the successor's secret, minted by the manager before the call.
    pub successor: TokenHash,
    /// The manager's clock.
    pub now: NumericDate,
    /// The grace window (0 to 60 s): how long after a token was rotated it may be presented
    /// again, once more, as the *immediately previous* token.
    pub grace: Duration,
    /// How far a successful refresh pushes the idle deadline (capped by the absolute one).
    pub idle_ttl: Duration,
    /// Upper bound of the `exp` of the access token that will be minted with the successor.
    pub access_until: NumericDate,
    /// The early-refresh policy.
    pub early_refresh: EarlyRefresh,
}

/// What a family looks like after a successful rotation: what the manager needs to mint
/// the next access token.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FamilyInfo {
    /// The family's subject.
    pub subject: String,
    /// The extra claims stored at login (JSON object text).
    pub extra_claims: Option<String>,
    /// The new idle deadline.
    pub idle_expires_at: NumericDate,
    /// The absolute cap (unchanged since login).
    pub absolute_expires_at: NumericDate,
}

impl FamilyInfo {
    /// For store implementations.
    pub fn new(
        subject: String,
        extra_claims: Option<String>,
        idle_expires_at: NumericDate,
        absolute_expires_at: NumericDate,
    ) -> Self {
        FamilyInfo {
            subject,
            extra_claims,
            idle_expires_at,
            absolute_expires_at,
        }
    }
}

/// The verdict of [`Store::rotate`](super::Store::rotate).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RotateOutcome {
    /// The successor is now the family's current token.
    Rotated {
        /// The family after the rotation.
        family: FamilyInfo,
        /// `true` when the presented token was the immediately previous one, re-presented
        /// inside the grace window (the successor it had minted is now dead).
        from_previous: bool,
    },
    /// The presented token had already been rotated (outside the grace window): the store
    /// revoked the family and appended this entry to the revocation log. Also returned when
    /// [`EarlyRefresh::TreatAsTheft`] fired.
    ReuseDetected(Revocation),
    /// The family was revoked earlier (logout, theft, revoke-subject). Nothing changed.
    Revoked,
    /// The family is past its idle or absolute deadline. Nothing changed.
    Expired,
    /// [`EarlyRefresh::Reject`] fired. Nothing changed.
    AccessStillValid,
    /// No such family, or the presented hash is none of the family's current, previous or
    /// remembered retired tokens. Nothing changed: an unknown secret is not evidence of
    /// theft (the family id is public), so it must not revoke anything.
    NotFound,
}

/// What a revocation-log entry revokes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RevocationTarget {
    /// Every access token whose `fid` claim is this family.
    Family(FamilyId),
    /// The one access token whose `jti` claim is this.
    Access(String),
}

/// One entry of the append-only revocation log that feeds the verification mirror.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Revocation {
    /// Position in the log: strictly increasing, starting at 1.
    pub seq: u64,
    /// What is revoked.
    pub target: RevocationTarget,
    /// Until when it matters: no access token it covers is valid at or after this time, so
    /// the entry may be dropped then (from the log and from mirrors).
    pub until: NumericDate,
}

impl Revocation {
    /// For store implementations.
    pub fn new(seq: u64, target: RevocationTarget, until: NumericDate) -> Self {
        Revocation { seq, target, until }
    }
}

/// A position in the revocation log: the `seq` of the last entry a mirror has seen.
/// `Cursor::START` (0) reads from the beginning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Cursor(pub u64);

impl Cursor {
    /// Before the first entry.
    pub const START: Cursor = Cursor(0);
}

/// One answer of [`Store::revocations_since`](super::Store::revocations_since).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct RevocationPage {
    /// Entries with `seq` greater than the cursor, in `seq` order, at most `limit` of them.
    pub entries: Vec<Revocation>,
    /// Where to continue: the `seq` of the last entry returned (or skipped as expired), or
    /// the cursor given if there was none.
    pub next: Cursor,
}

impl RevocationPage {
    /// For store implementations.
    pub fn new(entries: Vec<Revocation>, next: Cursor) -> Self {
        RevocationPage { entries, next }
    }
}

/// A read-only view of a family, from [`Store::family`](super::Store::family): for admin
/// screens ("your sessions"), metrics and tests.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FamilySnapshot {
    /// The subject.
    pub subject: String,
    /// Login time.
    pub created_at: NumericDate,
    /// The current idle deadline.
    pub idle_expires_at: NumericDate,
    /// The absolute cap.
    pub absolute_expires_at: NumericDate,
    /// Number of successful rotations since login (grace re-rotations included).
    pub generation: u64,
    /// Hash of the current (only live) refresh token.
    pub current: TokenHash,
    /// Whether the family is revoked.
    pub revoked: bool,
}

impl FamilySnapshot {
    /// For store implementations.
    pub fn new(
        subject: String,
        created_at: NumericDate,
        idle_expires_at: NumericDate,
        absolute_expires_at: NumericDate,
        generation: u64,
        current: TokenHash,
        revoked: bool,
    ) -> Self {
        FamilySnapshot {
            subject,
            created_at,
            idle_expires_at,
            absolute_expires_at,
            generation,
            current,
            revoked,
        }
    }
}

/// Why a store could not answer. The manager turns every one into
/// `SessionError::StoreUnavailable` and fails closed.
///
/// ```
/// use jwtcraft_session::{SessionError, StoreError};
/// let err = SessionError::from(StoreError::Timeout);
/// assert_eq!(err.code(), "store_unavailable");
/// assert_eq!(StoreError::Timeout.code(), "store.timeout");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The backend cannot be reached or refused the operation (connection refused, cluster
    /// down, script error, out of capacity). The text is for logs; never shown to clients.
    #[error("session store unavailable: {0}")]
    Unavailable(String),
    /// The operation did not complete in time. Its effect is unknown: it may or may not have
    /// been applied, which is why the manager never reports success after a timeout.
    #[error("session store timed out")]
    Timeout,
    /// [`Store::create_family`](super::Store::create_family) found the id already taken.
    #[error("session family id already exists")]
    Conflict,
}

impl StoreError {
    /// A stable code: `store.unavailable`, `store.timeout`, `store.conflict`.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::Unavailable(_) => "store.unavailable",
            StoreError::Timeout => "store.timeout",
            StoreError::Conflict => "store.conflict",
        }
    }
}
