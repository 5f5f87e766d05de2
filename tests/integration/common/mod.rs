//! Helpers shared by the integration tests, defined once: the fixture keys in `tests/data/`
//! and the HS256 secrets, the fixed clock [`NOW`] and the [`validation`] judged at it,
//! hand-forged tokens, `assert_matches!`, (in [`alg`]) one description of each algorithm's
//! fixtures for the per-algorithm suites, (in [`der`]) a minimal DER reader, and (in
//! [`peer`]) the plumbing for the interop peers.
//!
//! Each topic module uses only a part of this, and some parts only under some features:
//! `dead_code` is allowed for that reason. Items that need RS256 or ES256 are gated by the
//! same cargo feature as the key type.

#![allow(dead_code)]

pub(crate) mod alg;
pub(crate) mod der;
pub(crate) mod peer;

use hmac::{Hmac, KeyInit, Mac};
use jwtcraft::{
    codec, decode, Algorithm, EncodeError, Error, FixedClock, Hs256Key, Jwk, NumericDate, Segment,
    Signer, Validation, Verifier, MAX_ECHO,
};
#[cfg(feature = "ecdsa")]
use jwtcraft::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "rsa")]
use jwtcraft::{Rs256SigningKey, Rs256VerifyingKey};
use serde_json::Value;
use sha2::Sha256;

// ---------------------------------------------------------------------------------------------
// Assertions
// ---------------------------------------------------------------------------------------------

/// `assert!(matches!(..))` that prints what it got.
#[allow(unused_macros)]
macro_rules! assert_matches {
    ($value:expr, $pattern:pat $(if $guard:expr)? $(,)?) => {
        match $value {
            $pattern $(if $guard)? => {}
            ref other => panic!(
                "expected {}, got {:?}",
                stringify!($pattern $(if $guard)?),
                other
            ),
        }
    };
}
#[allow(unused_imports)]
pub(crate) use assert_matches;

// ---------------------------------------------------------------------------------------------
// Fixture files and keys
// ---------------------------------------------------------------------------------------------

/// The 2048-bit RSA private key, PKCS#8 PEM.
pub(crate) const RSA_PRIVATE_PEM: &str = include_str!("../../data/rsa2048-private-pkcs8.pem");
/// The same key, PKCS#8 DER.
pub(crate) const RSA_PRIVATE_PKCS8_DER: &[u8] =
    include_bytes!("../../data/rsa2048-private-pkcs8.der");
/// The same key, PKCS#1 PEM.
pub(crate) const RSA_PRIVATE_PKCS1_PEM: &str = include_str!("../../data/rsa2048-private-pkcs1.pem");
/// The same key, PKCS#1 DER.
pub(crate) const RSA_PRIVATE_PKCS1_DER: &[u8] =
    include_bytes!("../../data/rsa2048-private-pkcs1.der");
/// Its public half, SPKI PEM.
pub(crate) const RSA_PUBLIC_PEM: &str = include_str!("../../data/rsa2048-public-spki.pem");
/// Its public half, SPKI DER.
pub(crate) const RSA_PUBLIC_DER: &[u8] = include_bytes!("../../data/rsa2048-public-spki.der");
/// Its public half, PKCS#1 PEM.
pub(crate) const RSA_PUBLIC_PKCS1_PEM: &str = include_str!("../../data/rsa2048-public-pkcs1.pem");
/// Its public half, PKCS#1 DER.
pub(crate) const RSA_PUBLIC_PKCS1_DER: &[u8] =
    include_bytes!("../../data/rsa2048-public-pkcs1.der");
/// Another 2048-bit RSA public key, SPKI PEM.
pub(crate) const RSA_OTHER_PUBLIC_PEM: &str =
    include_str!("../../data/rsa2048-other-public-spki.pem");
/// A 1024-bit RSA private key (too short to load), PKCS#8 PEM.
pub(crate) const RSA_SHORT_PRIVATE_PEM: &str = include_str!("../../data/rsa1024-private-pkcs8.pem");
/// The same key, PKCS#8 DER.
pub(crate) const RSA_SHORT_PRIVATE_PKCS8_DER: &[u8] =
    include_bytes!("../../data/rsa1024-private-pkcs8.der");
/// Its public half, SPKI PEM.
pub(crate) const RSA_SHORT_PUBLIC_PEM: &str = include_str!("../../data/rsa1024-public-spki.pem");
/// Its public half, SPKI DER.
pub(crate) const RSA_SHORT_PUBLIC_DER: &[u8] = include_bytes!("../../data/rsa1024-public-spki.der");

/// The P-256 private key, PKCS#8 PEM.
pub(crate) const EC_PRIVATE_PEM: &str = include_str!("../../data/p256-private-pkcs8.pem");
/// The same key, PKCS#8 DER.
pub(crate) const EC_PRIVATE_PKCS8_DER: &[u8] = include_bytes!("../../data/p256-private-pkcs8.der");
/// The same key, SEC1 PEM.
pub(crate) const EC_PRIVATE_SEC1_PEM: &str = include_str!("../../data/p256-private-sec1.pem");
/// The same key, SEC1 DER.
pub(crate) const EC_PRIVATE_SEC1_DER: &[u8] = include_bytes!("../../data/p256-private-sec1.der");
/// Its public half, SPKI PEM.
pub(crate) const EC_PUBLIC_PEM: &str = include_str!("../../data/p256-public-spki.pem");
/// Its public half, SPKI DER.
pub(crate) const EC_PUBLIC_DER: &[u8] = include_bytes!("../../data/p256-public-spki.der");
/// Another P-256 public key, SPKI PEM.
pub(crate) const EC_OTHER_PUBLIC_PEM: &str = include_str!("../../data/p256-other-public-spki.pem");

/// The fixture HS256 secret: 40 bytes, above HS256's 32-byte minimum.
pub(crate) const HS_SECRET: &[u8] = b"jwtcraft test fixture secret, 40 bytes!!";
/// Another HS256 secret, of the same length.
pub(crate) const HS_OTHER_SECRET: &[u8] = b"another fixture secret, also 40 bytes!!!";

/// The path of a file in `tests/data/`.
pub(crate) fn data_path(file: &str) -> String {
    format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"))
}

/// The text of a file in `tests/data/`.
#[track_caller]
pub(crate) fn read_data(file: &str) -> String {
    let path = data_path(file);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

/// The fixture HS256 key ([`HS_SECRET`]).
pub(crate) fn hs_key() -> Hs256Key {
    Hs256Key::new(HS_SECRET).unwrap()
}

/// An HS256 key with another secret ([`HS_OTHER_SECRET`]).
pub(crate) fn hs_other_key() -> Hs256Key {
    Hs256Key::new(HS_OTHER_SECRET).unwrap()
}

/// The fixture RS256 signing key ([`RSA_PRIVATE_PEM`]).
#[cfg(feature = "rsa")]
pub(crate) fn rs_signing() -> Rs256SigningKey {
    Rs256SigningKey::from_pkcs8_pem(RSA_PRIVATE_PEM).unwrap()
}

/// The fixture RS256 verifying key ([`RSA_PUBLIC_PEM`]).
#[cfg(feature = "rsa")]
pub(crate) fn rs_verifying() -> Rs256VerifyingKey {
    Rs256VerifyingKey::from_public_key_pem(RSA_PUBLIC_PEM).unwrap()
}

/// An RS256 verifying key of another key pair ([`RSA_OTHER_PUBLIC_PEM`]).
#[cfg(feature = "rsa")]
pub(crate) fn rs_other_verifying() -> Rs256VerifyingKey {
    Rs256VerifyingKey::from_public_key_pem(RSA_OTHER_PUBLIC_PEM).unwrap()
}

/// The fixture ES256 signing key ([`EC_PRIVATE_PEM`]).
#[cfg(feature = "ecdsa")]
pub(crate) fn es_signing() -> Es256SigningKey {
    Es256SigningKey::from_pkcs8_pem(EC_PRIVATE_PEM).unwrap()
}

/// The fixture ES256 verifying key ([`EC_PUBLIC_PEM`]).
#[cfg(feature = "ecdsa")]
pub(crate) fn es_verifying() -> Es256VerifyingKey {
    Es256VerifyingKey::from_public_key_pem(EC_PUBLIC_PEM).unwrap()
}

/// An ES256 verifying key of another key pair ([`EC_OTHER_PUBLIC_PEM`]).
#[cfg(feature = "ecdsa")]
pub(crate) fn es_other_verifying() -> Es256VerifyingKey {
    Es256VerifyingKey::from_public_key_pem(EC_OTHER_PUBLIC_PEM).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Validation, encodings
// ---------------------------------------------------------------------------------------------

/// The instant the tests' fixed clock reads: 2023-11-14T22:13:20Z.
pub(crate) const NOW: i64 = 1_700_000_000;

/// The default validation, judged at [`NOW`] on a [`FixedClock`].
pub(crate) fn validation() -> Validation {
    validation_at(NOW)
}

/// The default validation, judged at `now` (Unix seconds) on a [`FixedClock`].
pub(crate) fn validation_at(now: i64) -> Validation {
    Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(now)))
}

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    bytes.iter().fold(String::new(), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Unpadded base64url of text or bytes.
pub(crate) fn b64(bytes: &(impl AsRef<[u8]> + ?Sized)) -> String {
    codec::encode(bytes.as_ref())
}

// ---------------------------------------------------------------------------------------------
// Forged tokens
// ---------------------------------------------------------------------------------------------

/// A token `header.payload.signature` made of exactly these segment texts, with `signer`'s
/// signature over `header "." payload` as written.
pub(crate) fn sign_segments(
    header: &str,
    payload: &str,
    signer: &(impl Signer + ?Sized),
) -> String {
    let input = format!("{header}.{payload}");
    let signature = signer.sign(input.as_bytes()).unwrap();
    format!("{input}.{}", b64(&signature))
}

/// A compact token with exactly these header and payload bytes (JSON, usually written by
/// hand), signed by `signer`.
pub(crate) fn forge(
    header: &(impl AsRef<[u8]> + ?Sized),
    payload: &(impl AsRef<[u8]> + ?Sized),
    signer: &(impl Signer + ?Sized),
) -> String {
    sign_segments(&b64(header), &b64(payload), signer)
}

/// What an error message repeats of attacker-supplied text: at most [`MAX_ECHO`] bytes of
/// escaped output (never cut inside an escape), printable ASCII kept as is except `"` and `\`,
/// every other character written as Rust's `char::escape_default` writes it.
pub(crate) fn echoed(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let piece = if (' '..='~').contains(&c) && c != '"' && c != '\\' {
            c.to_string()
        } else {
            c.escape_default().to_string()
        };
        // Cut on the escaped output, never inside an escape.
        if out.len() + piece.len() > MAX_ECHO {
            break;
        }
        out.push_str(&piece);
    }
    out
}

/// Whether `text` is only printable ASCII: safe in a log line or an HTTP header.
pub(crate) fn is_printable_ascii(text: &str) -> bool {
    text.bytes().all(|b| (b' '..=b'~').contains(&b))
}

/// Splits a token into its three text segments.
#[track_caller]
pub(crate) fn segments(token: &str) -> (&str, &str, &str) {
    let mut it = token.split('.');
    let parts = (it.next().unwrap(), it.next().unwrap(), it.next().unwrap());
    assert!(it.next().is_none());
    parts
}

/// Decodes with `serde_json::Value` claims and returns the error, failing if it was accepted.
#[track_caller]
pub(crate) fn reject(
    token: &str,
    verifier: &(impl Verifier + ?Sized),
    validation: &Validation,
) -> Error {
    match decode::<Value>(token, verifier, validation) {
        Ok(token) => panic!("token was accepted: {:?}", token.claims()),
        Err(err) => err,
    }
}

/// An HMAC-SHA256 signer over arbitrary key bytes, with none of `Hs256Key::new`'s checks:
/// what an attacker runs on their own machine.
pub(crate) struct RawHmac(pub(crate) Vec<u8>);

impl Signer for RawHmac {
    fn algorithm(&self) -> Algorithm {
        Algorithm::Hs256
    }

    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.0).unwrap();
        mac.update(signing_input);
        Ok(mac.finalize().into_bytes().to_vec())
    }
}

/// A JWK's member, base64url-decoded.
#[track_caller]
pub(crate) fn jwk_member(jwk: &Jwk, name: &str) -> Vec<u8> {
    let value = serde_json::to_value(jwk).unwrap();
    codec::decode(value[name].as_str().unwrap(), Segment::Payload).unwrap()
}

/// Every error in `err`'s source chain after `err` itself, each as ` {inner} {inner:?}`: what
/// a caller printing the whole chain would show beyond `err`.
pub(crate) fn sources_text(err: &dyn std::error::Error) -> String {
    use std::fmt::Write as _;
    let mut text = String::new();
    let mut source = err.source();
    while let Some(inner) = source {
        let _ = write!(text, " {inner} {inner:?}");
        source = inner.source();
    }
    text
}
