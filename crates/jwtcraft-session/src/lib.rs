//! Token lifecycle for jwtcraft (docs to come).

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
