//! How long a response stays fresh, from its `Cache-Control` and `Age` headers
//! (RFC 9111 §5.2 and §4.2.3), for fetchers that read HTTP headers.

use std::time::Duration;

/// The freshness lifetime the `Cache-Control` header values give, less the `Age` header.
///
/// - `no-store` or `no-cache` anywhere: zero (use the set now, refetch when next allowed).
/// - otherwise the smallest valid `max-age=N` (also `max-age="N"`); a value too large for a
///   `u64` counts as `u64::MAX` seconds;
/// - otherwise `None` (no usable directive: the configured default applies).
///
/// Directive names are case-insensitive; unknown directives and malformed values are
/// ignored, never an error. `s-maxage` is for shared caches and is ignored.
///
/// ```
/// use std::time::Duration;
/// use jwtcraft_jwks::freshness;
/// assert_eq!(freshness(["public, max-age=300"], None), Some(Duration::from_secs(300)));
/// assert_eq!(freshness(["max-age=300"], Some("100")), Some(Duration::from_secs(200)));
/// assert_eq!(freshness(["max-age=300, no-cache"], None), Some(Duration::ZERO));
/// assert_eq!(freshness(["private", "must-revalidate"], None), None);
/// ```
pub fn freshness<'a>(
    cache_control: impl IntoIterator<Item = &'a str>,
    age: Option<&str>,
) -> Option<Duration> {
    let mut max_age: Option<u64> = None;
    for value in cache_control {
        for directive in value.split(',') {
            let (name, argument) = match directive.split_once('=') {
                Some((name, argument)) => (name.trim(), Some(argument.trim())),
                None => (directive.trim(), None),
            };
            if name.eq_ignore_ascii_case("no-store") || name.eq_ignore_ascii_case("no-cache") {
                return Some(Duration::ZERO);
            }
            if name.eq_ignore_ascii_case("max-age") {
                if let Some(seconds) = argument.and_then(delta_seconds) {
                    max_age = Some(max_age.map_or(seconds, |m| m.min(seconds)));
                }
            }
        }
    }
    let age = age.and_then(|a| delta_seconds(a.trim())).unwrap_or(0);
    max_age.map(|m| Duration::from_secs(m.saturating_sub(age)))
}

/// RFC 9111 §1.2.2 delta-seconds (quoted or not); too large saturates.
fn delta_seconds(text: &str) -> Option<u64> {
    let digits = text
        .strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse().unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::unnecessary_wraps)] // compared with `freshness`'s result
    fn secs(s: u64) -> Option<Duration> {
        Some(Duration::from_secs(s))
    }

    #[test]
    fn max_age_forms() {
        assert_eq!(freshness(["max-age=60"], None), secs(60));
        assert_eq!(freshness(["MAX-AGE = 60"], None), secs(60));
        assert_eq!(freshness(["max-age=\"60\""], None), secs(60));
        assert_eq!(freshness(["max-age=60, max-age=30"], None), secs(30));
        assert_eq!(freshness(["public", "max-age=90"], None), secs(90));
        assert_eq!(
            freshness(["max-age=99999999999999999999999"], None),
            secs(u64::MAX)
        );
    }

    #[test]
    fn malformed_values_are_ignored() {
        for bad in [
            "max-age=",
            "max-age=-1",
            "max-age=1.5",
            "max-age=ten",
            "max-age",
            "",
        ] {
            assert_eq!(freshness([bad], None), None, "{bad}");
        }
        assert_eq!(freshness(["max-age=x, max-age=20"], None), secs(20));
    }

    #[test]
    fn no_store_and_no_cache_win() {
        assert_eq!(freshness(["No-Store"], None), secs(0));
        assert_eq!(freshness(["max-age=600", "no-cache"], None), secs(0));
        assert_eq!(freshness(["no-cache=\"set-cookie\""], None), secs(0));
    }

    #[test]
    fn age_is_subtracted_and_bad_age_ignored() {
        assert_eq!(freshness(["max-age=60"], Some("61")), secs(0));
        assert_eq!(freshness(["max-age=60"], Some("abc")), secs(60));
        assert_eq!(freshness(["private"], Some("10")), None);
    }
}
