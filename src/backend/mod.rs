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
//! - a second backend (aws-lc-rs) can provide the same crate-private material types behind a
//!   feature, without any change to the public API. Nothing public names a type of the `rsa`,
//!   `p256`, `p384`, `p521`, `ed25519-dalek` or `hmac` crates. (The material types are
//!   plain structs, not traits: a second backend would provide same-named types under its
//!   own feature, and the bindings would not change.)
//!
//! Everything here is crate-private. The material types do not know key ids, JWK policy
//! (`alg`, `use`, `key_ops`) or algorithm names; they do enforce what holds for every
//! algorithm that can use them (an RSA modulus of 2048 to 8192 bits, an EC scalar in
//! `[1, n-1]`, an Ed25519 key not of small order, exact signature lengths before any
//! arithmetic).

use crate::error::KeyError;

mod rust_crypto;

#[cfg(any(
    feature = "rsa",
    feature = "ecdsa",
    feature = "es384",
    feature = "es512"
))]
pub(crate) use self::rust_crypto::pem::Format;
pub(crate) use self::rust_crypto::HmacSecret;
#[cfg(feature = "ecdsa")]
pub(crate) use self::rust_crypto::{EcP256Private, EcP256Public, P256_FIELD_LEN};
#[cfg(feature = "es384")]
pub(crate) use self::rust_crypto::{EcP384Private, EcP384Public, P384_FIELD_LEN};
#[cfg(feature = "es512")]
pub(crate) use self::rust_crypto::{EcP521Private, EcP521Public, P521_FIELD_LEN};
#[cfg(feature = "eddsa")]
pub(crate) use self::rust_crypto::{Ed25519Private, Ed25519Public};
#[cfg(feature = "rsa")]
pub(crate) use self::rust_crypto::{RsaPrivate, RsaPublic};

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
