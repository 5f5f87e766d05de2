//! Token lifecycle for jwtcraft (work in progress).

#![forbid(unsafe_code)]

pub mod store;

pub use crate::store::{
    Cursor, EarlyRefresh, FamilyId, FamilyInfo, FamilySnapshot, MemoryStore, NewFamily, Revocation,
    RevocationPage, RevocationTarget, RotateOutcome, RotateRequest, Store, StoreError, TokenHash,
    DEFAULT_MAX_FAMILIES, FAMILY_ID_LEN, MEMORY_RETIRED_KEPT, MIN_RETIRED_KEPT,
};
