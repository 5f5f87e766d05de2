//! The crypto seam: parsed key material, kept apart from the algorithm bindings.
//!
//! A public key type such as [`Rs256VerifyingKey`](crate::Rs256VerifyingKey) is a *binding*:
//! one JWS algorithm, a `kid`, and the JOSE rules for that algorithm (which JWK members, which
//! hash). What it wraps is *material*: a key parsed and checked once, from PEM, DER, JWK
//! members or the OS RNG, that offers the primitive operations. The split exists so that
//!
//! - one parsed RSA key serves six RSA algorithms: RS256/384/512 and PS256/384/512 are thin
//!   bindings over the same `RsaPrivate` / `RsaPublic`, passing another [`Hash`] and
//!   padding, with no parsing code of their own; likewise one [`HmacSecret`] type serves
//!   HS256/384/512;
//! - a second backend (aws-lc-rs, feature `aws-lc`) provides the same crate-private material
//!   types, without any change to the public API. Nothing public names a type of the `rsa`,
//!   `p256`, `p384`, `p521`, `ed25519-dalek` or `hmac` crates. (The material types are
//!   plain structs, not traits: `aws_lc` provides same-named types, and the bindings do not
//!   change.)
//!
//! # Backend precedence
//! Fixed at compile time, never at run time: with the `aws-lc` feature, RSA, ECDSA and
//! Ed25519 material comes from `aws_lc` (which wraps the `rust_crypto` parsed key and adds
//! an aws-lc-rs key for the arithmetic); without it, from `rust_crypto`. HMAC is always
//! `rust_crypto`. Every feature combination builds and works: there is no "no backend" or
//! "two backends" state, no global provider, and nothing to panic about.
//!
//! Everything here is crate-private. The material types do not know key ids, JWK policy
//! (`alg`, `use`, `key_ops`) or algorithm names; they do enforce what holds for every
//! algorithm that can use them (an RSA modulus of 2048 to 8192 bits, an EC scalar in
//! `[1, n-1]`, an Ed25519 key not of small order, exact signature lengths before any
//! arithmetic).

use crate::error::KeyError;

// Which backend does the arithmetic is decided here, at compile time, and only here: the
// algorithm bindings name the material types below and never a backend. With `aws-lc` on,
// the `rust_crypto` module still parses and checks every key (the aws-lc types wrap its
// values), and still provides HMAC, which it does faster; only its signing and verifying
// functions for RSA, ECDSA and Ed25519 go unused.
#[cfg(feature = "aws-lc")]
mod aws_lc;
#[cfg_attr(feature = "aws-lc", allow(dead_code))]
mod rust_crypto;

/// The backend doing RSA, ECDSA and Ed25519 arithmetic in this build.
#[cfg(feature = "aws-lc")]
#[allow(dead_code)] // read by the tests that prove which backend a feature set selects
pub(crate) const NAME: &str = "aws-lc-rs";
/// The backend doing RSA, ECDSA and Ed25519 arithmetic in this build.
#[cfg(not(feature = "aws-lc"))]
#[allow(dead_code)] // read by the tests that prove which backend a feature set selects
pub(crate) const NAME: &str = "rust-crypto";

#[cfg(any(
    feature = "rsa",
    feature = "ecdsa",
    feature = "es384",
    feature = "es512"
))]
pub(crate) use self::rust_crypto::pem::Format;
// HMAC always comes from RustCrypto: measured faster than aws-lc's here.
pub(crate) use self::rust_crypto::HmacSecret;
#[cfg(feature = "ecdsa")]
pub(crate) use self::rust_crypto::P256_FIELD_LEN;
#[cfg(feature = "es384")]
pub(crate) use self::rust_crypto::P384_FIELD_LEN;
#[cfg(feature = "es512")]
pub(crate) use self::rust_crypto::P521_FIELD_LEN;

// The one place the backend is chosen. (Unused in an HS256-only build.)
#[cfg(feature = "aws-lc")]
#[allow(unused_imports)]
use self::aws_lc as arithmetic;
#[cfg(not(feature = "aws-lc"))]
#[allow(unused_imports)]
use self::rust_crypto as arithmetic;

#[cfg(feature = "ecdsa")]
pub(crate) use self::arithmetic::{EcP256Private, EcP256Public};
#[cfg(feature = "es384")]
pub(crate) use self::arithmetic::{EcP384Private, EcP384Public};
#[cfg(feature = "es512")]
pub(crate) use self::arithmetic::{EcP521Private, EcP521Public};
#[cfg(feature = "eddsa")]
pub(crate) use self::arithmetic::{Ed25519Private, Ed25519Public};
#[cfg(feature = "rsa")]
pub(crate) use self::arithmetic::{RsaPrivate, RsaPublic};

/// A hash function, named independently of any backend's types, so that a binding says
/// "PKCS#1 v1.5 with SHA-384" and each backend maps that to its own primitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hash {
    /// SHA-256 (HS256, RS256, PS256).
    Sha256,
    /// SHA-384 (HS384, RS384, PS384).
    Sha384,
    /// SHA-512 (HS512, RS512, PS512).
    Sha512,
}

impl Hash {
    /// The output length in bytes: the HMAC tag length and minimum key length
    /// (RFC 7518 §3.2), and the PSS salt length (RFC 7518 §3.5).
    pub(crate) const fn len(self) -> usize {
        match self {
            Hash::Sha256 => 32,
            Hash::Sha384 => 48,
            Hash::Sha512 => 64,
        }
    }
}

/// Fills `out` from the operating system's RNG.
///
/// # Errors
/// [`KeyError::Random`] if the OS cannot provide randomness (no `getrandom` syscall, no
/// `/dev/urandom`): a key must never come from a weaker source.
pub(crate) fn fill_random(out: &mut [u8]) -> Result<(), KeyError> {
    getrandom::fill(out).map_err(|_| KeyError::Random)
}

#[cfg(test)]
mod tests {
    #[test]
    #[cfg(feature = "aws-lc")]
    fn the_aws_lc_feature_selects_aws_lc() {
        assert_eq!(super::NAME, "aws-lc-rs");
    }

    #[test]
    #[cfg(not(feature = "aws-lc"))]
    fn without_aws_lc_rust_crypto_is_the_backend() {
        assert_eq!(super::NAME, "rust-crypto");
    }
}
