//! The crypto seam: parsed key material, kept apart from the algorithm bindings.
//!
//! A public key type such as [`Rs256VerifyingKey`](crate::Rs256VerifyingKey) is a *binding*:
//! one JWS algorithm, a `kid`, and the JOSE rules for that algorithm (which JWK members, which
//! hash). What it wraps is *material*: a key parsed and checked once, from PEM, DER, JWK
//! members or the OS RNG, that offers the primitive operations. The split exists so that
//!
//! - one parsed RSA key can serve several RSA algorithms: RS384 or PS256 will be a thin
//!   binding over the same [`RsaPrivate`] / [`RsaPublic`], passing another [`Hash`] or
//!   padding, with no new parsing code;
//! - a second backend (aws-lc-rs) can provide the same crate-private material types behind a
//!   feature, without any change to the public API. Nothing public names a type of the `rsa`,
//!   `p256` or `hmac` crates.
//!
//! Everything here is crate-private. The material types do not know key ids, JWK policy
//! (`alg`, `use`, `key_ops`) or algorithm names; they do enforce what holds for every
//! algorithm that can use them (an RSA modulus of 2048 to 8192 bits, a P-256 scalar in
//! `[1, n-1]`, exact signature lengths before any arithmetic).

use crate::error::KeyError;

mod rust_crypto;

#[cfg(any(feature = "rsa", feature = "ecdsa"))]
pub(crate) use self::rust_crypto::pem::Format;
pub(crate) use self::rust_crypto::HmacSecret;
#[cfg(feature = "ecdsa")]
pub(crate) use self::rust_crypto::{EcP256Private, EcP256Public, P256_FIELD_LEN};
#[cfg(feature = "rsa")]
pub(crate) use self::rust_crypto::{RsaPrivate, RsaPublic};

/// A hash function, named independently of any backend's types, so that a binding says
/// "PKCS#1 v1.5 with SHA-256" and each backend maps that to its own primitive.
#[cfg(feature = "rsa")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hash {
    /// SHA-256 (RS256; later PS256).
    Sha256,
}

/// Fills `out` from the operating system's RNG.
///
/// # Errors
/// [`KeyError::Random`] if the OS cannot provide randomness (no `getrandom` syscall, no
/// `/dev/urandom`): a key must never come from a weaker source.
pub(crate) fn fill_random(out: &mut [u8]) -> Result<(), KeyError> {
    getrandom::fill(out).map_err(|_| KeyError::Random)
}
