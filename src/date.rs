//! [`NumericDate`]: the JWT time type, and the conversions every time check needs.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use time::OffsetDateTime;

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
}
