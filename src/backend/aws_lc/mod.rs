//! The aws-lc-rs backend (feature `aws-lc`): the arithmetic of RSA, ECDSA and Ed25519.
//!
//! Each material type here has the name and crate-private API of its `rust_crypto`
//! counterpart and *wraps* it: the `rust_crypto` value is the parsed, checked key (PEM, DER
//! and JWK parsing, the RSA modulus range, the EC scalar and point checks, the Ed25519
//! small-order refusal, JWK export), and beside it sits an aws-lc-rs key loaded once from the
//! already-validated components. Signing and verifying go to aws-lc-rs only. So every key
//! this crate accepts on one backend it accepts on the other, with the same errors.
//!
//! Conversions into aws-lc-rs:
//! - RSA private: `n`, `e`, `d`, `p`, `q`, `dP`, `dQ`, `qInv` through
//!   `KeyPair::from_components` (any PKCS#1/PKCS#8 variant we accept therefore loads; a key
//!   aws-lc cannot represent, a multi-prime one, is refused with [`KeyError::Invalid`]);
//!   RSA public: `n` and `e`, one pre-parsed aws-lc key per padding and hash, built on first
//!   use.
//! - EC private: the scalar and the uncompressed point (`from_private_key_and_public_key`),
//!   signing with the fixed-width `r ‖ s` algorithms (`ECDSA_*_FIXED_SIGNING`), never ASN.1.
//!   aws-lc's ECDSA nonces are random, so ES256/384/512 signatures are randomized on this
//!   backend (RFC 6979 deterministic on `RustCrypto`); both are valid ECDSA.
//! - Ed25519: the seed and the public key (`from_seed_and_public_key`).
//!
//! Signature checks that do not depend on the arithmetic (exact lengths, ECDSA `r` and `s`
//! in `[1, n-1]`, Ed25519 `S` below the group order and `R` not of small order) run in this
//! crate before aws-lc sees the signature.

#[cfg(any(feature = "ecdsa", feature = "es384", feature = "es512"))]
mod ec;
#[cfg(feature = "eddsa")]
mod ed25519;
#[cfg(feature = "rsa")]
mod rsa;

#[cfg(feature = "ecdsa")]
pub(crate) use self::ec::{EcP256Private, EcP256Public};
#[cfg(feature = "es384")]
pub(crate) use self::ec::{EcP384Private, EcP384Public};
#[cfg(feature = "es512")]
pub(crate) use self::ec::{EcP521Private, EcP521Public};
#[cfg(feature = "eddsa")]
pub(crate) use self::ed25519::{Ed25519Private, Ed25519Public};
#[cfg(feature = "rsa")]
pub(crate) use self::rsa::{RsaPrivate, RsaPublic};
