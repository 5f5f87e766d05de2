#![doc = include_str!("../README.md")]
//!
//! # Design
//!
//! - **One atomic store call per state change.** Login is one `create_family`, a refresh one
//!   `rotate` (a compare-and-swap of the family's current token hash, never check-then-act),
//!   logout one `revoke_family`. Each touches one family's record, so a Redis store runs
//!   each as one Lua script on one Cluster slot. See [`store`].
//! - **Zero store calls per verify.** [`SessionManager::verify`] checks the signature and
//!   claims with the core, then looks the `fid` and `jti` up in the in-process mirror.
//! - **Fail closed.** A store error or timeout is `store_unavailable`, never a refresh or
//!   an "unrevoked" verdict; a mirror staler than `max_staleness` refuses to vouch.
//! - **Secrets stay secret.** Refresh tokens are zeroized on drop and redacted in `Debug`;
//!   the store sees only SHA-256 hashes, compared in constant time ([`TokenHash::ct_eq`]).
//! - **Time is injected.** Every deadline comes from the [`jwtcraft::Clock`] in the
//!   [`SessionConfig`]; stores never read their own clock.

#![forbid(unsafe_code)]

mod claims;
mod config;
mod error;
mod manager;
mod mirror;
mod refresh;
pub mod store;

pub use crate::claims::{AccessClaims, ACCESS_TOKEN_TYPE, RESERVED_CLAIMS};
pub use crate::config::{SessionConfig, MAX_GRACE};
pub use crate::error::{ConfigError, SessionError};
pub use crate::manager::{SessionManager, TokenPair};
pub use crate::refresh::{refresh_token_hash, RefreshToken};
pub use crate::store::{
    Cursor, EarlyRefresh, FamilyId, FamilyInfo, FamilySnapshot, MemoryStore, NewFamily, Revocation,
    RevocationPage, RevocationTarget, RotateOutcome, RotateRequest, Store, StoreError, TokenHash,
    DEFAULT_MAX_FAMILIES, FAMILY_ID_LEN, MEMORY_RETIRED_KEPT, MIN_RETIRED_KEPT,
};
#[cfg(feature = "redis")]
pub use crate::store::{RedisStore, RedisStoreConfig};
