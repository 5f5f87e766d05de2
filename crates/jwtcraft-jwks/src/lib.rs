#![doc = include_str!("../README.md")]
//!
//! # Design
//!
//! - **The core stays sync.** Parsing, key selection and verification are
//!   [`jwtcraft::KeySet`]'s; this crate adds fetching, caching and the async single flight.
//! - **One fetch per event.** Every caller that needs a fetch while one is in flight waits
//!   for that one (a `tokio::sync::Mutex` and a generation counter), so 1,000 concurrent
//!   tokens with a new `kid` cost the issuer one request.
//! - **Bounded cost of made-up kids.** A refetch for an unknown `kid` or an expired set
//!   happens at most once per cooldown; in between, the stale set serves and unknown kids
//!   are refused at once.
//! - **Fail soft on the issuer, hard on tokens.** A failed refetch keeps the last good set;
//!   a set with no usable key counts as a failure; a token the set cannot verify is always
//!   an error.
//! - **Time is tokio's.** Every deadline is a [`tokio::time::Instant`], so tests run on
//!   paused time.

#![forbid(unsafe_code)]

mod builder;
mod cache_control;
mod error;
mod fetcher;
mod remote;
#[cfg(feature = "reqwest")]
mod reqwest_fetcher;
mod state;

pub use crate::builder::{
    DefaultFetcher, RemoteJwksBuilder, DEFAULT_COOLDOWN, DEFAULT_MAX_AGE, DEFAULT_MAX_AGE_LIMIT,
};
pub use crate::cache_control::freshness;
pub use crate::error::{FetchError, JwksError};
pub use crate::fetcher::{FetchedJwks, JwksFetcher};
pub use crate::remote::{JwksStatus, RemoteJwks};
#[cfg(feature = "reqwest")]
pub use crate::reqwest_fetcher::{
    ReqwestFetcher, ReqwestFetcherBuilder, DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_RESPONSE_SIZE,
    DEFAULT_TIMEOUT,
};

/// The fetcher a plain `RemoteJwks` (no type parameter) uses: [`ReqwestFetcher`] with the
/// `reqwest` feature, else the [`DefaultFetcher`] placeholder (name your fetcher then).
#[cfg(feature = "reqwest")]
pub type DefaultRemoteFetcher = ReqwestFetcher;
/// The fetcher a plain `RemoteJwks` (no type parameter) uses: [`ReqwestFetcher`] with the
/// `reqwest` feature, else the [`DefaultFetcher`] placeholder (name your fetcher then).
#[cfg(not(feature = "reqwest"))]
pub type DefaultRemoteFetcher = DefaultFetcher;
