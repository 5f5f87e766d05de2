#![doc = include_str!("../README.md")]
//!
//! # Design
//!
//! - **Keys are typed by algorithm.** [`Hs256Key`], `Rs256SigningKey`/`Rs256VerifyingKey`,
//!   `Ps256SigningKey`, `Es384VerifyingKey`, `Ed25519VerifyingKey` and the rest each serve
//!   exactly one algorithm (an Ed25519 key: the one of the names `Ed25519` and `EdDSA` the
//!   caller bound it to). The token's `alg` must equal the key's; it never selects the key or
//!   the algorithm. There is no `none`.
//! - **Trust is in the types.** [`UntrustedToken`] exposes just enough to pick a key.
//!   [`Token`] can only be built by [`decode`] or [`UntrustedToken::verify`], after the
//!   signature *and* the [`Validation`] passed. The signature is checked before your
//!   `Deserialize` sees the payload.
//! - **Strict parsing.** Exactly three segments; canonical unpadded base64url; size limits
//!   checked before decoding; duplicate JSON members refused; registered claims of the wrong
//!   type are errors, not "absent"; unknown `crit` extensions refused. The duplicate and
//!   registered-claim checks run in the same pass that builds your claims type, in linear
//!   time, whatever that type is.
//! - **Open where it should be.** [`Signer`] and [`Verifier`] are plain traits: put a KMS or
//!   an HSM behind them.
//! - **Keys are parsed once.** Constructors parse and check keys; signing and verifying
//!   never re-parse. HMAC keys even keep their precomputed inner and outer hash states. The
//!   parsed material sits behind a crate-private backend seam, apart from the algorithm
//!   bindings, so no `rsa`, `p256`, `p384`, `p521` or `ed25519-dalek` type is part of this
//!   crate's API.
//! - **Errors are an API.** One error per entry point ([`Error`] for decoding,
//!   [`EncodeError`], [`KeyError`]), a sub-enum per concern, every one `#[non_exhaustive]`,
//!   with a stable [`code()`](Error::code) per variant. Messages are lower-case, never contain
//!   key material, and escape whatever came from a token; [`SignatureError::Invalid`] says
//!   nothing more.

#![forbid(unsafe_code)]

mod alg;
mod algorithm;
mod backend;
mod bearer;
mod claims;
mod clock;
pub mod codec;
pub mod dangerous;
mod date;
mod encode;
mod error;
mod header;
mod json;
mod jwk;
mod keyset;
mod token;
mod validation;
mod verified;

pub use crate::algorithm::{Algorithm, Hs256Key, Hs384Key, Hs512Key, Signer, Verifier};
#[cfg(feature = "eddsa")]
pub use crate::algorithm::{Ed25519SigningKey, Ed25519VerifyingKey};
#[cfg(feature = "ecdsa")]
pub use crate::algorithm::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "es384")]
pub use crate::algorithm::{Es384SigningKey, Es384VerifyingKey};
#[cfg(feature = "es512")]
pub use crate::algorithm::{Es512SigningKey, Es512VerifyingKey};
#[cfg(feature = "rsa")]
pub use crate::algorithm::{
    Ps256SigningKey, Ps256VerifyingKey, Ps384SigningKey, Ps384VerifyingKey, Ps512SigningKey,
    Ps512VerifyingKey, Rs256SigningKey, Rs256VerifyingKey, Rs384SigningKey, Rs384VerifyingKey,
    Rs512SigningKey, Rs512VerifyingKey,
};
pub use crate::bearer::bearer_token;
pub use crate::claims::{Audience, Claims, RegisteredClaims};
pub use crate::clock::{Clock, FixedClock, SystemClock};
pub use crate::codec::{Limits, DEFAULT_MAX_HEADER_LEN, DEFAULT_MAX_TOKEN_LEN};
pub use crate::date::NumericDate;
pub use crate::encode::encode;
pub use crate::error::{
    BearerError, Claim, ClaimError, EncodeError, Error, HeaderError, KeyError, MalformedError,
    Result, Segment, SignatureError, MAX_ECHO,
};
pub use crate::header::Header;
pub use crate::jwk::{Jwk, JwkSet, SkippedKey};
pub use crate::keyset::{KeySet, KeySetOptions, TypedVerifyingKey};
pub use crate::token::{decode, decode_borrowed, Token, UntrustedToken};
pub use crate::validation::{Validation, DEFAULT_LEEWAY};
pub use crate::verified::VerifiedClaims;
