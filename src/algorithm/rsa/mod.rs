//! The RSA algorithms (RFC 7518 §3.3, §3.5), through the pure-Rust `rsa` crate (or, with the
//! `aws-lc` feature, aws-lc-rs for signing and verifying; `rsa` then only parses keys):
//! RS256/RS384/RS512 (RSASSA-PKCS1-v1_5) and PS256/PS384/PS512 (RSASSA-PSS with MGF1 over
//! the same hash and a salt as long as the hash).
//!
//! Each key type binds RSA material ([`RsaPrivate`] / [`RsaPublic`], parsed once) to one
//! algorithm: the hash, the padding, the JWK `alg`. One macro writes all six pairs, so they
//! share every parsing path and check (a modulus of 2048 to 8192 bits for every one of them)
//! and cannot drift. PKCS#1 v1.5 signatures are deterministic; PSS signatures are randomized
//! (a fresh salt each time), so only their verification can be tested against fixed vectors.
//!
//! # Security
//! The `rsa` crate is subject to RUSTSEC-2023-0071 (the "Marvin" timing side channel in
//! private-key operations). Verification uses only the public key and is not affected.
//! Signing uses the private key; this crate always signs with RSA blinding from the OS RNG,
//! which is the crate's mitigation, but a signing service exposed to attacker-timed requests
//! should enable the `aws-lc` feature (constant-time RSA signing in aws-lc) or prefer ES256,
//! Ed25519 or an HSM/KMS [`Signer`].

use std::fmt;

use zeroize::Zeroizing;

use self::signing::rsa_signing_key;
use self::verifying::rsa_verifying_key;
use super::{Algorithm, Signer, Verifier};
use crate::backend::{Format, Hash, RsaPrivate, RsaPublic};
use crate::codec;
use crate::error::{EncodeError, KeyError, SignatureError};
use crate::jwk::{thumbprint_rsa, Jwk, KeyOp};

mod signing;
mod verifying;

/// The two RSA signature schemes of JWS.
#[derive(Debug, Clone, Copy)]
enum Padding {
    /// RSASSA-PKCS1-v1_5 (RS*).
    Pkcs1v15,
    /// RSASSA-PSS (PS*).
    Pss,
}

fn sign(
    key: &RsaPrivate,
    padding: Padding,
    hash: Hash,
    input: &[u8],
) -> Result<Vec<u8>, EncodeError> {
    match padding {
        Padding::Pkcs1v15 => key.sign_pkcs1v15(hash, input),
        Padding::Pss => key.sign_pss(hash, input),
    }
}

fn verify(
    key: &RsaPublic,
    padding: Padding,
    hash: Hash,
    input: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    match padding {
        Padding::Pkcs1v15 => key.verify_pkcs1v15(hash, input, signature),
        Padding::Pss => key.verify_pss(hash, input, signature),
    }
}

/// `n` and `e` of an RSA JWK, which RFC 7518 §6.3.1 requires in their shortest form: a
/// leading zero octet would give the same key a second thumbprint.
fn minimal_members(jwk: &Jwk) -> Result<(Vec<u8>, Vec<u8>), KeyError> {
    let (n, e) = (jwk.member("n")?, jwk.member("e")?);
    if n.first() == Some(&0) || e.first() == Some(&0) {
        return Err(KeyError::Jwk(
            "rsa n and e must not have leading zero octets",
        ));
    }
    Ok((n, e))
}

/// Writes one RSA signing/verifying key pair for `$alg`. The two halves are written by the
/// macros of `signing` and `verifying` and expanded here, in one module, so that each can
/// reach the other's private fields.
macro_rules! rsa_keys {
    ($signing:ident, $verifying:ident, $alg:ident, $alg_name:literal, $hash:ident, $padding:ident) => {
        rsa_signing_key!($signing, $verifying, $alg, $alg_name, $hash, $padding);
        rsa_verifying_key!($signing, $verifying, $alg, $alg_name, $hash, $padding);
    };
}

rsa_keys!(
    Rs256SigningKey,
    Rs256VerifyingKey,
    Rs256,
    "RS256",
    Sha256,
    Pkcs1v15
);
rsa_keys!(
    Rs384SigningKey,
    Rs384VerifyingKey,
    Rs384,
    "RS384",
    Sha384,
    Pkcs1v15
);
rsa_keys!(
    Rs512SigningKey,
    Rs512VerifyingKey,
    Rs512,
    "RS512",
    Sha512,
    Pkcs1v15
);
rsa_keys!(
    Ps256SigningKey,
    Ps256VerifyingKey,
    Ps256,
    "PS256",
    Sha256,
    Pss
);
rsa_keys!(
    Ps384SigningKey,
    Ps384VerifyingKey,
    Ps384,
    "PS384",
    Sha384,
    Pss
);
rsa_keys!(
    Ps512SigningKey,
    Ps512VerifyingKey,
    Ps512,
    "PS512",
    Sha512,
    Pss
);
