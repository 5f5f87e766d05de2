//! Reading a token **without verifying it**.
//!
//! # Warning
//! Nothing here checks a signature or a claim. Anyone can write any header and any claims:
//! never use what these functions return to decide access, to identify a user, or to choose
//! which *algorithm* to verify with. Legitimate uses are routing before verification (which
//! tenant's key set to use, by `iss`), logging, and debugging. To verify, use
//! [`decode`](crate::decode) or [`UntrustedToken::verify`](crate::UntrustedToken::verify).
//!
//! The parsing is as strict as on the verified path: three canonical base64url segments,
//! duplicate JSON names refused, a known `alg`.

use serde::de::DeserializeOwned;

use crate::alg::Algorithm;
use crate::error::Result;
use crate::header::Header;
use crate::token::UntrustedToken;

/// The header and its algorithm, **unverified**.
///
/// ```
/// use jwtcraft::{dangerous, encode, Algorithm, Header, Hs256Key};
/// let key = Hs256Key::new(&[7u8; 32])?.with_key_id("k1");
/// let token = encode(&Header::new(), &serde_json::json!({"sub": "a"}), &key)?;
/// let (alg, header) = dangerous::decode_header(&token)?;
/// assert_eq!((alg, header.key_id()), (Algorithm::Hs256, Some("k1")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Malformed`](crate::Error::Malformed) or [`Error::Header`](crate::Error::Header).
pub fn decode_header(token: &str) -> Result<(Algorithm, Header)> {
    let untrusted = UntrustedToken::parse(token)?;
    Ok((untrusted.algorithm(), untrusted.header().clone()))
}

/// The claims, **unverified**: forged as easily as read.
///
/// ```
/// use jwtcraft::{dangerous, encode, Header, Hs256Key};
/// let token = encode(&Header::new(), &serde_json::json!({"iss": "tenant-7"}), &Hs256Key::new(&[7u8; 32])?)?;
/// let claims: serde_json::Value = dangerous::unverified_claims(&token)?;
/// assert_eq!(claims["iss"], "tenant-7"); // only to pick tenant-7's keys, then verify
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::Malformed`](crate::Error::Malformed) or [`Error::Header`](crate::Error::Header)
/// for a broken token; [`ClaimError::Deserialize`](crate::ClaimError::Deserialize) if the
/// claims do not fit `C`.
pub fn unverified_claims<C: DeserializeOwned>(token: &str) -> Result<C> {
    UntrustedToken::parse(token)?.unverified_claims()
}
