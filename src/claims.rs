//! Registered claims (RFC 7519 §4.1), `NumericDate` and `Audience`.
//!
//! Registered claims are strictly typed: `exp` must be a number, `aud` a string or an array
//! of strings, and so on. A claim of the wrong JSON type (including `null`) is an error, never
//! "absent" — the mistake behind CVE-2026-25537 in another crate.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use time::OffsetDateTime;

use crate::clock::Clock;

/// A JWT `NumericDate`: whole seconds since 1970-01-01T00:00:00Z, UTC, ignoring leap seconds
/// (RFC 7519 §2).
///
/// Any `i64` is representable. When read from JSON, integers outside `i64` (such as
/// `u64::MAX`) and non-finite or huge floats (`1e300`) are refused; a fractional value is
/// rounded down to the whole second. Arithmetic saturates instead of overflowing.
///
/// ```
/// use jwtcraft::NumericDate;
/// use time::OffsetDateTime;
/// let noon = OffsetDateTime::from_unix_timestamp(1_795_442_400).unwrap();
/// let date = NumericDate::from(noon);
/// assert_eq!(date.as_unix_seconds(), 1_795_442_400);
/// assert_eq!(serde_json::to_string(&date).unwrap(), "1795442400");
/// let parsed: NumericDate = serde_json::from_str("1795442400.9").unwrap();
/// assert_eq!(parsed, date);
/// assert!(serde_json::from_str::<NumericDate>("1e300").is_err());
/// assert!(serde_json::from_str::<NumericDate>("\"1795442400\"").is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NumericDate(i64);

impl NumericDate {
    /// The date `seconds` after the Unix epoch (negative for earlier dates).
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        NumericDate(seconds)
    }

    /// Seconds since the Unix epoch.
    pub const fn as_unix_seconds(self) -> i64 {
        self.0
    }

    /// The current time from the system clock. For issuing tokens; validation takes its time
    /// from the [`Clock`](crate::Clock) in its [`Validation`](crate::Validation).
    pub fn now() -> Self {
        NumericDate(unix_now())
    }

    /// This date plus `duration`, saturating at the largest date.
    #[must_use]
    pub fn saturating_add(self, duration: Duration) -> Self {
        NumericDate(self.0.saturating_add(secs_i64(duration)))
    }

    /// This date minus `duration`, saturating at the smallest date.
    #[must_use]
    pub fn saturating_sub(self, duration: Duration) -> Self {
        NumericDate(self.0.saturating_sub(secs_i64(duration)))
    }

    /// Reads a JSON number: integers within `i64`, or finite floats rounded down.
    pub(crate) fn from_f64(value: f64) -> Option<Self> {
        // 2^63 as f64 is exact; anything at or above it does not fit.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        let floor = value.floor();
        if floor.is_finite() && (-LIMIT..LIMIT).contains(&floor) {
            #[allow(clippy::cast_possible_truncation)] // range checked just above
            Some(NumericDate(floor as i64))
        } else {
            None
        }
    }
}

/// Whole seconds of `duration` as `i64`, saturating.
pub(crate) fn secs_i64(duration: Duration) -> i64 {
    i64::try_from(duration.as_secs()).unwrap_or(i64::MAX)
}

/// The system clock in whole Unix seconds; before-epoch clocks read as negative.
pub(crate) fn unix_now() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(after) => secs_i64(after),
        Err(before) => secs_i64(before.duration()).saturating_neg(),
    }
}

impl From<OffsetDateTime> for NumericDate {
    fn from(value: OffsetDateTime) -> Self {
        NumericDate(value.unix_timestamp())
    }
}

impl TryFrom<NumericDate> for OffsetDateTime {
    type Error = time::error::ComponentRange;

    /// Fails for dates outside the `time` crate's range (years ±9999 by default).
    fn try_from(value: NumericDate) -> Result<Self, Self::Error> {
        OffsetDateTime::from_unix_timestamp(value.0)
    }
}

impl fmt::Display for NumericDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for NumericDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(self.0)
    }
}

impl<'de> Deserialize<'de> for NumericDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = NumericDate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a numeric date (seconds since the epoch)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<NumericDate, E> {
                Ok(NumericDate(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<NumericDate, E> {
                i64::try_from(v)
                    .map(NumericDate)
                    .map_err(|_| E::custom("numeric date is out of range"))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<NumericDate, E> {
                NumericDate::from_f64(v).ok_or_else(|| E::custom("numeric date is out of range"))
            }
        }
        deserializer.deserialize_any(V)
    }
}

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
    fn numeric_date_edges() {
        let parse = |s: &str| serde_json::from_str::<NumericDate>(s);
        assert_eq!(parse("-5").unwrap().as_unix_seconds(), -5);
        assert_eq!(parse("-0.5").unwrap().as_unix_seconds(), -1);
        assert_eq!(
            parse("9223372036854775807").unwrap().as_unix_seconds(),
            i64::MAX
        );
        assert!(parse("9223372036854775808").is_err());
        assert!(parse("18446744073709551615").is_err());
        assert!(parse("1e300").is_err());
        assert!(parse("-1e300").is_err());
        assert!(parse("9.3e18").is_err());
        for wrong in ["null", "true", "\"1\"", "[1]", "{}"] {
            assert!(parse(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn numeric_date_arithmetic_saturates() {
        let max = NumericDate::from_unix_seconds(i64::MAX);
        assert_eq!(max.saturating_add(Duration::from_secs(u64::MAX)), max);
        let min = NumericDate::from_unix_seconds(i64::MIN);
        assert_eq!(min.saturating_sub(Duration::from_secs(60)), min);
        assert!(OffsetDateTime::try_from(max).is_err());
    }

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
