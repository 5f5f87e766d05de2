//! Registered claims (RFC 7519 §4.1) and `Audience`.
//!
//! Registered claims are strictly typed: `exp` must be a number, `aud` a string or an array
//! of strings, and so on. A claim of the wrong JSON type (including `null`) is an error, never
//! "absent" — the mistake behind CVE-2026-25537 in another crate.

use std::time::Duration;

use serde::{Deserialize, Deserializer, Serialize};

use crate::clock::Clock;
use crate::date::NumericDate;

/// The `aud` claim: one audience or several (RFC 7519 §4.1.3).
///
/// A single string serializes as a string, several as an array.
///
/// ```
/// use jwtcraft::Audience;
/// let one: Audience = serde_json::from_str(r#""api""#).unwrap();
/// let many: Audience = serde_json::from_str(r#"["api","web"]"#).unwrap();
/// assert!(one.contains("api") && many.contains("web") && !many.contains("ap"));
/// assert!(serde_json::from_str::<Audience>("42").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Audience {
    /// A single audience, written as a JSON string.
    One(String),
    /// Several audiences, written as a JSON array of strings.
    Many(Vec<String>),
}

impl Audience {
    /// Whether `audience` is among these, compared exactly.
    pub fn contains(&self, audience: &str) -> bool {
        self.iter().any(|a| a == audience)
    }

    /// The audiences, one by one.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let slice: &[String] = match self {
            Audience::One(one) => std::slice::from_ref(one),
            Audience::Many(many) => many,
        };
        slice.iter().map(String::as_str)
    }
}

impl From<&str> for Audience {
    fn from(value: &str) -> Self {
        Audience::One(value.to_owned())
    }
}

impl From<String> for Audience {
    fn from(value: String) -> Self {
        Audience::One(value)
    }
}

impl From<Vec<String>> for Audience {
    fn from(value: Vec<String>) -> Self {
        Audience::Many(value)
    }
}

/// The registered claims of RFC 7519 §4.1, all optional, strictly typed.
///
/// Flatten it into your own claims type, or use [`Claims`]. `null` is refused for every
/// field: a claim is either absent or of the right type.
///
/// ```
/// use jwtcraft::{NumericDate, RegisteredClaims};
/// use std::time::Duration;
/// let now = NumericDate::from_unix_seconds(1_700_000_000);
/// let claims = RegisteredClaims::new()
///     .with_issuer("https://issuer.example")
///     .with_subject("user-42")
///     .with_audience("api")
///     .issued_at(now)
///     .expires_at(now.saturating_add(Duration::from_secs(900)));
/// let json = serde_json::to_string(&claims).unwrap();
/// assert_eq!(json, r#"{"iss":"https://issuer.example","sub":"user-42","aud":"api","exp":1700000900,"iat":1700000000}"#);
/// assert!(serde_json::from_str::<RegisteredClaims>(r#"{"exp":null}"#).is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegisteredClaims {
    /// `iss`: who issued the token.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub iss: Option<String>,
    /// `sub`: whom the token is about.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub sub: Option<String>,
    /// `aud`: who the token is for.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub aud: Option<Audience>,
    /// `exp`: when the token stops being valid.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub exp: Option<NumericDate>,
    /// `nbf`: when the token starts being valid.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub nbf: Option<NumericDate>,
    /// `iat`: when the token was issued.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub iat: Option<NumericDate>,
    /// `jti`: a unique id for the token (for revocation lists and replay detection).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "present"
    )]
    pub jti: Option<String>,
}

/// Deserializes a present field; `null` is an error rather than `None`.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

impl RegisteredClaims {
    /// No claims set.
    pub fn new() -> Self {
        RegisteredClaims::default()
    }

    /// Sets `iss`.
    #[must_use]
    pub fn with_issuer(mut self, iss: impl Into<String>) -> Self {
        self.iss = Some(iss.into());
        self
    }

    /// Sets `sub`.
    #[must_use]
    pub fn with_subject(mut self, sub: impl Into<String>) -> Self {
        self.sub = Some(sub.into());
        self
    }

    /// Sets `aud`.
    #[must_use]
    pub fn with_audience(mut self, aud: impl Into<Audience>) -> Self {
        self.aud = Some(aud.into());
        self
    }

    /// Sets `jti`.
    #[must_use]
    pub fn with_jwt_id(mut self, jti: impl Into<String>) -> Self {
        self.jti = Some(jti.into());
        self
    }

    /// Sets `iat`.
    #[must_use]
    pub fn issued_at(mut self, iat: NumericDate) -> Self {
        self.iat = Some(iat);
        self
    }

    /// Sets `nbf`.
    #[must_use]
    pub fn not_before(mut self, nbf: NumericDate) -> Self {
        self.nbf = Some(nbf);
        self
    }

    /// Sets `exp`.
    #[must_use]
    pub fn expires_at(mut self, exp: NumericDate) -> Self {
        self.exp = Some(exp);
        self
    }

    /// Sets `iat` to the clock's now and `exp` to now plus `lifetime`, from one reading of
    /// `clock`: issue with the same clock you validate with, and tests can fix both.
    ///
    /// ```
    /// use std::time::Duration;
    /// use jwtcraft::{FixedClock, NumericDate, RegisteredClaims};
    /// let clock = FixedClock(NumericDate::from_unix_seconds(1_000));
    /// let claims = RegisteredClaims::new().valid_for(&clock, Duration::from_secs(300));
    /// assert_eq!(claims.iat, Some(NumericDate::from_unix_seconds(1_000)));
    /// assert_eq!(claims.exp, Some(NumericDate::from_unix_seconds(1_300)));
    /// ```
    #[must_use]
    pub fn valid_for(mut self, clock: &(impl Clock + ?Sized), lifetime: Duration) -> Self {
        let now = clock.now();
        self.iat = Some(now);
        self.exp = Some(now.saturating_add(lifetime));
        self
    }
}

/// Registered claims plus your own, flattened into one JSON object.
///
/// ```
/// use jwtcraft::{Claims, RegisteredClaims};
/// #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
/// struct Custom { admin: bool }
///
/// let claims = Claims::new(RegisteredClaims::new().with_subject("u1"), Custom { admin: true });
/// let json = serde_json::to_string(&claims).unwrap();
/// assert_eq!(json, r#"{"sub":"u1","admin":true}"#);
/// let back: Claims<Custom> = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, claims);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims<T> {
    /// The registered claims.
    #[serde(flatten)]
    pub registered: RegisteredClaims,
    /// Your claims.
    #[serde(flatten)]
    pub custom: T,
}

impl<T> Claims<T> {
    /// Combines registered and custom claims.
    pub fn new(registered: RegisteredClaims, custom: T) -> Self {
        Claims { registered, custom }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registered_claims_refuse_wrong_types() {
        for json in [
            r#"{"exp":"1"}"#,
            r#"{"exp":null}"#,
            r#"{"nbf":true}"#,
            r#"{"aud":1}"#,
            r#"{"aud":["a",1]}"#,
            r#"{"iss":["a"]}"#,
            r#"{"sub":null}"#,
            r#"{"exp":1,"exp":2}"#,
        ] {
            assert!(
                serde_json::from_str::<RegisteredClaims>(json).is_err(),
                "{json}"
            );
        }
    }
}
