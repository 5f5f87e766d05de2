//! JSON Web Keys (RFC 7517, RFC 7518 §6) and thumbprints (RFC 7638).
//!
//! A [`Jwk`] is data. It becomes a usable key only through a typed constructor such as
//! `Rs256VerifyingKey::from_jwk`, which checks `kty`, `crv`, `alg`, `use` and `key_ops`
//! against the one algorithm that type serves. No JWK can become an "any algorithm" key.
//!
//! # A JWK without `alg`
//! `alg` is optional in a JWK (RFC 7517 §4.4), and some key types serve several algorithms:
//! an RSA key can be used for RS256/384/512 and PS256/384/512, an `oct` secret for
//! HS256/384/512, an Ed25519 key under the names `EdDSA` and `Ed25519`. The policy:
//!
//! - A JWK **with** `alg` becomes only a key of that algorithm: `Ps256VerifyingKey::from_jwk`
//!   refuses an RSA JWK whose `alg` is `RS256`.
//! - A JWK **without** `alg` becomes a key of whichever algorithm the caller's typed
//!   constructor is for: `Ps256VerifyingKey::from_jwk` and `Rs256VerifyingKey::from_jwk` both
//!   accept it, each binding it to its own algorithm. The choice is made in code by the
//!   caller, never by a token header.
//! - [`TypedVerifyingKey::from_jwk`](crate::TypedVerifyingKey::from_jwk) (and so
//!   [`KeySet::from_jwk_set`](crate::KeySet::from_jwk_set)) must pick a type by itself. For
//!   an alg-less JWK it uses the algorithm such a JWK has always meant: `RS256` for `RSA`
//!   (RFC 7518's recommended RSA algorithm, and what JWK Sets that omit `alg`, such as some
//!   identity providers', sign with), `HS256` for `oct`, `Ed25519` for OKP, and for `EC` the
//!   one algorithm its `crv` allows. A token of another algorithm is then refused as an
//!   algorithm mismatch; to verify PS256 with an alg-less RSA JWK, build a
//!   `Ps256VerifyingKey` from it and add that to the set.
//!
//! [`JwkSet`] (in `set`) parses a set entry by entry; the RFC 7638 thumbprints (in
//! `thumbprint`) are shared by [`Jwk::thumbprint`] and every key type.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use zeroize::Zeroize;

use crate::alg::Algorithm;
use crate::error::KeyError;
use crate::json::parse_value;

mod members;
mod set;
mod thumbprint;

pub(crate) use self::members::KeyOp;
pub use self::set::{JwkSet, SkippedKey};
pub(crate) use self::thumbprint::{thumbprint_ec, thumbprint_oct, thumbprint_okp, thumbprint_rsa};

/// A JSON Web Key: the members this crate understands, plus any others kept as data.
///
/// Private members (`d`, `p`, `q`, `dp`, `dq`, `qi`, `k`) are wiped on drop and redacted in
/// `Debug`. Serializing a `Jwk` writes exactly the members it holds; use [`Jwk::to_public`]
/// before publishing one.
///
/// ```
/// use jwtcraft::Jwk;
/// let jwk: Jwk = serde_json::from_str(r#"{"kty":"oct","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA","kid":"s1"}"#).unwrap();
/// assert_eq!(jwk.key_type(), "oct");
/// assert!(jwk.is_private());
/// assert!(!format!("{jwk:?}").contains("c2Vj"));
/// assert!(jwk.to_public().is_none()); // a symmetric key has no public form
/// ```
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Jwk {
    kty: String,
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    use_: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    key_ops: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    alg: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    crv: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    x: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    y: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    n: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    e: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    d: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    p: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    q: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    dq: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qi: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    k: Option<String>,
    /// Members this crate does not interpret (`x5c`, `oth`, …), kept so nothing is lost.
    #[serde(flatten)]
    other: Map<String, Value>,
}

impl Drop for Jwk {
    fn drop(&mut self) {
        for secret in [
            &mut self.d,
            &mut self.p,
            &mut self.q,
            &mut self.dp,
            &mut self.dq,
            &mut self.qi,
            &mut self.k,
        ] {
            secret.zeroize();
        }
        if let Some(oth) = self.other.get_mut("oth") {
            wipe(oth);
        }
    }
}

/// Zeroizes every string inside a JSON value (the `oth` member holds private primes).
fn wipe(value: &mut Value) {
    match value {
        Value::String(s) => s.zeroize(),
        Value::Array(items) => items.iter_mut().for_each(wipe),
        Value::Object(map) => map.values_mut().for_each(wipe),
        _ => {}
    }
}

impl fmt::Debug for Jwk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redact = |v: &Option<String>| v.as_ref().map(|_| "[redacted]");
        f.debug_struct("Jwk")
            .field("kty", &self.kty)
            .field("use", &self.use_)
            .field("key_ops", &self.key_ops)
            .field("alg", &self.alg)
            .field("kid", &self.kid)
            .field("crv", &self.crv)
            .field("x", &self.x)
            .field("y", &self.y)
            .field("n", &self.n)
            .field("e", &self.e)
            .field("d", &redact(&self.d))
            .field("p", &redact(&self.p))
            .field("q", &redact(&self.q))
            .field("dp", &redact(&self.dp))
            .field("dq", &redact(&self.dq))
            .field("qi", &redact(&self.qi))
            .field("k", &redact(&self.k))
            .field(
                "other",
                &self
                    .other
                    .iter()
                    .map(|(k, v)| {
                        let shown: &dyn fmt::Debug = if k == "oth" { &"[redacted]" } else { v };
                        (k, shown)
                    })
                    .collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl Jwk {
    /// Parses one JWK from JSON. Member names must be unique at every depth (RFC 7517 §4),
    /// including inside members this crate does not interpret.
    ///
    /// # Errors
    /// [`KeyError::Jwk`] if the text is not a JSON object with a string `kty` and members of
    /// the right types, or repeats a member name.
    pub fn from_json(json: &str) -> Result<Self, KeyError> {
        Self::parse_strict(json).map_err(|_| jwk_err("not a valid jwk json object"))
    }

    /// The one strict parse of a JWK, shared by [`Jwk::from_json`] and each entry of a
    /// [`JwkSet`]: first into a value that refuses duplicate names at any depth (`serde_json`
    /// alone keeps the last of two, and only the derive notices repeats of the fields it
    /// knows), then into the typed members.
    pub(crate) fn parse_strict(json: &str) -> Result<Self, serde_json::Error> {
        serde_json::from_value(parse_value(json)?)
    }

    /// `kty`: `"oct"`, `"RSA"`, `"EC"`, `"OKP"`, or something this crate does not support.
    pub fn key_type(&self) -> &str {
        &self.kty
    }

    /// `kid`, if present.
    pub fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// `alg`, if present.
    pub fn algorithm(&self) -> Option<&str> {
        self.alg.as_deref()
    }

    /// `use`, if present.
    pub fn public_key_use(&self) -> Option<&str> {
        self.use_.as_deref()
    }

    /// `key_ops`, if present.
    pub fn key_operations(&self) -> Option<&[String]> {
        self.key_ops.as_deref()
    }

    /// `crv`, if present.
    pub fn curve(&self) -> Option<&str> {
        self.crv.as_deref()
    }

    /// A member this crate does not interpret, by name.
    pub fn other(&self, name: &str) -> Option<&Value> {
        self.other.get(name)
    }

    /// Whether the JWK holds private or secret material.
    pub fn is_private(&self) -> bool {
        self.kty == "oct"
            || [
                &self.d, &self.p, &self.q, &self.dp, &self.dq, &self.qi, &self.k,
            ]
            .iter()
            .any(|m| m.is_some())
    }

    /// The same key without private members, ready to publish; `None` for a symmetric
    /// (`oct`) key, which has no public form.
    pub fn to_public(&self) -> Option<Jwk> {
        if self.kty == "oct" {
            return None;
        }
        let mut public = self.clone();
        for secret in [
            &mut public.d,
            &mut public.p,
            &mut public.q,
            &mut public.dp,
            &mut public.dq,
            &mut public.qi,
            &mut public.k,
        ] {
            secret.zeroize();
            *secret = None;
        }
        public.other.remove("oth");
        if let Some(ops) = &mut public.key_ops {
            ops.retain(|op| op == "verify");
        }
        Some(public)
    }

    /// Sets `kid`.
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// Sets `alg`.
    #[must_use]
    pub fn with_algorithm(mut self, alg: Algorithm) -> Self {
        self.alg = Some(alg.name().to_owned());
        self
    }

    /// Sets `use` to `"sig"`.
    #[must_use]
    pub fn for_signatures(mut self) -> Self {
        self.use_ = Some("sig".to_owned());
        self
    }

    /// Sets `kid` to the RFC 7638 thumbprint.
    ///
    /// # Errors
    /// As [`Jwk::thumbprint`].
    pub fn with_thumbprint_key_id(self) -> Result<Self, KeyError> {
        let kid = self.thumbprint()?;
        Ok(self.with_key_id(kid))
    }

    /// The RFC 7638 JWK thumbprint: SHA-256 over the required public members in
    /// lexicographic order, base64url-encoded. The same key always has the same thumbprint,
    /// whatever its optional members, which makes it a good `kid`.
    ///
    /// # Errors
    /// [`KeyError::Jwk`] if a required member is missing or `kty` is not supported.
    ///
    /// ```
    /// // RFC 7638 §3.1.
    /// let jwk = jwtcraft::Jwk::from_json(r#"{"kty":"RSA","n":"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw","e":"AQAB","alg":"RS256","kid":"2011-04-29"}"#)?;
    /// assert_eq!(jwk.thumbprint()?, "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn thumbprint(&self) -> Result<String, KeyError> {
        fn need<'m>(member: Option<&'m str>, reason: &'static str) -> Result<&'m str, KeyError> {
            member.ok_or_else(|| jwk_err(reason))
        }
        Ok(match self.kty.as_str() {
            "RSA" => thumbprint_rsa(
                need(self.n.as_deref(), "rsa jwk needs n")?,
                need(self.e.as_deref(), "rsa jwk needs e")?,
            ),
            "EC" => thumbprint_ec(
                need(self.crv.as_deref(), "ec jwk needs crv")?,
                need(self.x.as_deref(), "ec jwk needs x")?,
                need(self.y.as_deref(), "ec jwk needs y")?,
            ),
            "OKP" => thumbprint_okp(
                need(self.crv.as_deref(), "okp jwk needs crv")?,
                need(self.x.as_deref(), "okp jwk needs x")?,
            ),
            "oct" => thumbprint_oct(need(self.k.as_deref(), "oct jwk needs k")?),
            _ => return Err(jwk_err("kty is not supported")),
        })
    }
}

#[cold]
fn jwk_err(reason: &'static str) -> KeyError {
    KeyError::Jwk(reason)
}
