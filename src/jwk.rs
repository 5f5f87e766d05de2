//! JSON Web Keys (RFC 7517, RFC 7518 §6) and thumbprints (RFC 7638).
//!
//! A [`Jwk`] is data. It becomes a usable key only through a typed constructor such as
//! [`Rs256VerifyingKey::from_jwk`](crate::Rs256VerifyingKey::from_jwk), which checks `kty`,
//! `crv`, `alg`, `use` and `key_ops` against the one algorithm that type serves. No JWK can
//! become an "any algorithm" key.

use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use zeroize::Zeroize;

use crate::algorithm::Algorithm;
use crate::codec;
use crate::error::{KeyError, Segment};

/// What a key is about to be used for, checked against `use` and `key_ops`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyOp {
    Sign,
    Verify,
}

impl KeyOp {
    fn name(self) -> &'static str {
        match self {
            KeyOp::Sign => "sign",
            KeyOp::Verify => "verify",
        }
    }
}

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
    /// Parses one JWK from JSON.
    ///
    /// # Errors
    /// [`KeyError::Jwk`] if the text is not a JSON object with a string `kty` and members of
    /// the right types.
    pub fn from_json(json: &str) -> Result<Self, KeyError> {
        serde_json::from_str(json).map_err(|_| jwk_err("not a valid jwk json object"))
    }

    /// `kty`: `"oct"`, `"RSA"`, `"EC"`, or something this crate does not support.
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
            "oct" => thumbprint_digest(&serde_json::json!({
                "k": need(self.k.as_deref(), "oct jwk needs k")?,
                "kty": "oct",
            })),
            _ => return Err(jwk_err("kty is not supported")),
        })
    }

    /// Checks the members shared by every typed import: `kty`, `alg`, `use` and `key_ops`.
    /// `ops` lists the operations the key will serve; `key_ops` must allow one of them.
    pub(crate) fn check(
        &self,
        kty: &'static str,
        alg: Algorithm,
        ops: &[KeyOp],
    ) -> Result<(), KeyError> {
        if self.kty != kty {
            return Err(KeyError::JwkMismatch {
                member: "kty",
                expected: kty,
            });
        }
        if let Some(found) = &self.alg {
            if found != alg.name() {
                return Err(KeyError::JwkMismatch {
                    member: "alg",
                    expected: alg.name(),
                });
            }
        }
        if let Some(use_) = &self.use_ {
            if use_ != "sig" {
                return Err(KeyError::JwkMismatch {
                    member: "use",
                    expected: "sig",
                });
            }
        }
        if let Some(ops_allowed) = &self.key_ops {
            let duplicated = ops_allowed
                .iter()
                .enumerate()
                .any(|(i, op)| ops_allowed[..i].contains(op));
            if duplicated {
                return Err(jwk_err("key_ops has duplicate values"));
            }
            if !ops_allowed
                .iter()
                .any(|o| ops.iter().any(|op| op.name() == o))
            {
                return Err(KeyError::JwkMismatch {
                    member: "key_ops",
                    expected: ops[0].name(),
                });
            }
        }
        Ok(())
    }

    /// A required base64url member, decoded.
    pub(crate) fn member(&self, name: &'static str) -> Result<Vec<u8>, KeyError> {
        let value = match name {
            "x" => &self.x,
            "y" => &self.y,
            "n" => &self.n,
            "e" => &self.e,
            "d" => &self.d,
            "p" => &self.p,
            "q" => &self.q,
            "k" => &self.k,
            _ => &None,
        };
        let value = value.as_deref().ok_or(KeyError::JwkMissingMember(name))?;
        codec::decode(value, Segment::Payload).map_err(|_| KeyError::JwkMissingMember(name))
    }

    /// Whether the JWK has this member.
    #[cfg(feature = "rsa")]
    pub(crate) fn has(&self, name: &str) -> bool {
        match name {
            "d" => self.d.is_some(),
            "oth" => self.other.contains_key("oth"),
            _ => false,
        }
    }

    /// A new JWK of this type with the given base64url members.
    pub(crate) fn build(kty: &str, kid: Option<&str>, alg: Algorithm) -> Jwk {
        let mut jwk = Jwk::default();
        kty.clone_into(&mut jwk.kty);
        jwk.kid = kid.map(str::to_owned);
        jwk.alg = Some(alg.name().to_owned());
        jwk.use_ = Some("sig".to_owned());
        jwk
    }

    /// Sets a base64url member from raw bytes.
    pub(crate) fn set(&mut self, name: &'static str, bytes: &[u8]) {
        let value = Some(codec::encode(bytes));
        match name {
            "x" => self.x = value,
            "y" => self.y = value,
            "n" => self.n = value,
            "e" => self.e = value,
            "d" => self.d = value,
            "p" => self.p = value,
            "q" => self.q = value,
            "dp" => self.dp = value,
            "dq" => self.dq = value,
            "qi" => self.qi = value,
            "k" => self.k = value,
            _ => {}
        }
    }

    /// Sets `crv`.
    #[cfg(feature = "ecdsa")]
    pub(crate) fn set_curve(&mut self, crv: &str) {
        self.crv = Some(crv.to_owned());
    }
}

/// RFC 7638 thumbprint of an RSA key from its base64url `n` and `e`.
pub(crate) fn thumbprint_rsa(n: &str, e: &str) -> String {
    thumbprint_digest(&serde_json::json!({ "e": e, "kty": "RSA", "n": n }))
}

/// RFC 7638 thumbprint of an EC key from its `crv` and base64url `x` and `y`.
pub(crate) fn thumbprint_ec(crv: &str, x: &str, y: &str) -> String {
    thumbprint_digest(&serde_json::json!({ "crv": crv, "kty": "EC", "x": x, "y": y }))
}

/// SHA-256 of the canonical JSON, base64url. The required members are written in
/// lexicographic order with no whitespace (RFC 7638 §3.2): `json!` builds a map sorted by key
/// (`serde_json`'s default `Map` is a `BTreeMap`), and base64url values need no escaping.
fn thumbprint_digest(canonical: &Value) -> String {
    codec::encode(&Sha256::digest(canonical.to_string().as_bytes()))
}

#[cold]
fn jwk_err(reason: &'static str) -> KeyError {
    KeyError::Jwk(reason)
}

/// Big-endian bytes without leading zeros, as RFC 7518 §6.3.1 asks for `n` and `e`.
#[cfg(feature = "rsa")]
pub(crate) fn minimal_be(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// A JWK Set (RFC 7517 §5): `{"keys": [...]}`.
///
/// Parsing is lenient per key and strict overall: the document must be an object with a
/// `keys` array, but an entry that is not a usable JWK is skipped and reported by
/// [`JwkSet::skipped`] instead of failing the whole set (RFC 7517 §5).
///
/// ```
/// use jwtcraft::JwkSet;
/// let set = JwkSet::from_json(r#"{"keys":[{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","kid":"1"},{"kty":42}]}"#)?;
/// assert_eq!(set.keys().len(), 1);
/// assert_eq!(set.skipped().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct JwkSet {
    keys: Vec<Jwk>,
    /// For each of `keys`, its position in the document's `keys` array.
    positions: Vec<usize>,
    skipped: Vec<SkippedKey>,
}

/// A key left out of a set, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SkippedKey {
    /// Position of the key in the set's `keys` array.
    pub index: usize,
    /// Its `kid`, if it had a readable one.
    pub kid: Option<String>,
    /// Why it was left out.
    pub reason: String,
}

impl JwkSet {
    /// An empty set.
    pub fn new() -> Self {
        JwkSet::default()
    }

    /// Parses a JWK Set document, skipping (and recording) entries that are not JWKs.
    ///
    /// # Errors
    /// [`KeyError::Jwk`] if the document is not a JSON object with a `keys` array.
    pub fn from_json(json: &str) -> Result<Self, KeyError> {
        #[derive(Deserialize)]
        struct Raw {
            keys: Vec<Value>,
        }
        let raw: Raw = serde_json::from_str(json)
            .map_err(|_| jwk_err("a jwk set must be a json object with a keys array"))?;
        let mut set = JwkSet::new();
        for (index, value) in raw.keys.into_iter().enumerate() {
            let kid = value
                .get("kid")
                .and_then(Value::as_str)
                .map(crate::error::echo);
            match serde_json::from_value::<Jwk>(value) {
                Ok(jwk) => {
                    set.keys.push(jwk);
                    set.positions.push(index);
                }
                Err(_) => set.skipped.push(SkippedKey {
                    index,
                    kid,
                    reason: "not a valid jwk".to_owned(),
                }),
            }
        }
        Ok(set)
    }

    /// Adds a key.
    #[must_use]
    pub fn with_key(mut self, jwk: Jwk) -> Self {
        self.positions.push(self.keys.len() + self.skipped.len());
        self.keys.push(jwk);
        self
    }

    /// The keys that parsed.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The keys that parsed, each with its position in the document's `keys` array.
    pub(crate) fn keys_with_positions(&self) -> impl Iterator<Item = (usize, &Jwk)> {
        self.positions.iter().copied().zip(&self.keys)
    }

    /// The entries that did not parse.
    pub fn skipped(&self) -> &[SkippedKey] {
        &self.skipped
    }

    /// The key with this `kid`, if any.
    pub fn find(&self, kid: &str) -> Option<&Jwk> {
        self.keys.iter().find(|k| k.key_id() == Some(kid))
    }

    /// The JSON document to publish: public members only, symmetric keys left out.
    pub fn to_public_json(&self) -> String {
        let keys: Vec<Jwk> = self.keys.iter().filter_map(Jwk::to_public).collect();
        serde_json::json!({ "keys": keys }).to_string()
    }
}
