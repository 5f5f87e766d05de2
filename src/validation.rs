//! What a token's claims must satisfy, and the clock they are judged by.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use crate::clock::{Clock, SystemClock};
use crate::codec::Limits;
use crate::date::secs_i64;
use crate::error::{Claim, ClaimError, Error, MalformedError, Result, Segment};
use crate::header::Header;
use crate::json::{self, RegisteredView};

/// Default [`Validation::with_leeway`]: 30 seconds of clock skew between issuer and verifier.
pub const DEFAULT_LEEWAY: Duration = Duration::from_secs(30);

/// The checks [`decode`](crate::decode) applies once the signature has verified.
///
/// Defaults, from [`Validation::new`]:
///
/// | check | default |
/// |---|---|
/// | `exp` | required, and must be after now − leeway |
/// | `nbf` | checked if present: must be before now + leeway |
/// | `iat` | checked if present: must not be after now + leeway |
/// | leeway | [`DEFAULT_LEEWAY`] (30 s) |
/// | `iss`, `sub`, `typ` | not checked until set |
/// | `aud` | a token that has an `aud` is **refused** until an audience is set |
/// | maximum age | none |
/// | clock | [`SystemClock`] |
/// | limits | [`Limits::default`] |
///
/// ```
/// use jwtcraft::{FixedClock, NumericDate, Validation};
/// use std::time::Duration;
/// let validation = Validation::new()
///     .with_issuer("https://issuer.example")
///     .with_audience("orders-api")
///     .with_leeway(Duration::from_secs(5))
///     .with_max_age(Duration::from_secs(3600))
///     .with_required_claims(["sub", "jti"])
///     .with_clock(FixedClock(NumericDate::from_unix_seconds(1_700_000_000)));
/// # let _ = validation;
/// ```
#[derive(Debug, Clone)]
pub struct Validation {
    leeway: i64,
    require_exp: bool,
    issuers: Vec<String>,
    audiences: Vec<String>,
    subject: Option<String>,
    typ: Option<String>,
    /// Claims that must be present, registered or not.
    required: Vec<Claim>,
    /// The `Claim::Other` names of `required`, for the payload reader.
    required_other: Vec<String>,
    max_age: Option<i64>,
    critical: Vec<String>,
    clock: Arc<dyn Clock>,
    limits: Limits,
}

impl Default for Validation {
    fn default() -> Self {
        Validation::new()
    }
}

impl Validation {
    /// The secure defaults listed above.
    pub fn new() -> Self {
        Validation {
            leeway: secs_i64(DEFAULT_LEEWAY),
            require_exp: true,
            issuers: Vec::new(),
            audiences: Vec::new(),
            subject: None,
            typ: None,
            required: Vec::new(),
            required_other: Vec::new(),
            max_age: None,
            critical: Vec::new(),
            clock: Arc::new(SystemClock),
            limits: Limits::default(),
        }
    }

    /// Accepts tokens without `exp`. A present `exp` is still checked.
    ///
    /// A token without `exp` is valid forever; prefer short-lived tokens.
    #[must_use]
    pub fn allow_missing_exp(mut self) -> Self {
        self.require_exp = false;
        self
    }

    /// Tolerance for clock skew in `exp`, `nbf`, `iat` and the maximum age. Whole seconds.
    #[must_use]
    pub fn with_leeway(mut self, leeway: Duration) -> Self {
        self.leeway = secs_i64(leeway);
        self
    }

    /// Requires `iss` to equal `issuer` (added to any issuers already accepted).
    #[must_use]
    pub fn with_issuer(mut self, issuer: impl Into<String>) -> Self {
        self.issuers.push(issuer.into());
        self
    }

    /// Requires `iss` to equal one of `issuers` (added to any already accepted).
    #[must_use]
    pub fn with_issuers<I, S>(mut self, issuers: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.issuers.extend(issuers.into_iter().map(Into::into));
        self
    }

    /// Requires `aud` to contain `audience` (any-of with other accepted audiences).
    #[must_use]
    pub fn with_audience(mut self, audience: impl Into<String>) -> Self {
        self.audiences.push(audience.into());
        self
    }

    /// Requires `aud` to contain one of `audiences` (added to any already accepted).
    #[must_use]
    pub fn with_audiences<I, S>(mut self, audiences: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.audiences.extend(audiences.into_iter().map(Into::into));
        self
    }

    /// Requires `sub` to equal `subject`.
    #[must_use]
    pub fn with_subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// Requires the header's `typ` to equal `typ`, compared as a media type: ASCII
    /// case-insensitively, with an optional `application/` prefix (RFC 7515 §4.1.9).
    #[must_use]
    pub fn with_type(mut self, typ: impl Into<String>) -> Self {
        self.typ = Some(typ.into());
        self
    }

    /// Requires these claims to be present (and not `null`), by JSON name.
    #[must_use]
    pub fn with_required_claims<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        for name in names {
            let claim = Claim::from_name(name.as_ref());
            if self.required.contains(&claim) {
                continue;
            }
            if let Claim::Other(other) = &claim {
                self.required_other.push(other.clone());
            }
            self.required.push(claim);
        }
        self
    }

    /// Refuses tokens whose `iat` is more than `max_age` (plus leeway) in the past, and makes
    /// `iat` required.
    #[must_use]
    pub fn with_max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(secs_i64(max_age));
        self
    }

    /// Declares a `crit` header extension that the caller handles itself, so tokens listing
    /// it are not refused (RFC 7515 §4.1.11).
    #[must_use]
    pub fn with_critical_extension(mut self, name: impl Into<String>) -> Self {
        self.critical.push(name.into());
        self
    }

    /// Sets the clock used for `exp`, `nbf`, `iat` and maximum age.
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Sets the size limits checked before decoding.
    #[must_use]
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The size limits checked before decoding.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    pub(crate) fn critical(&self) -> &[String] {
        &self.critical
    }

    pub(crate) fn required_other(&self) -> &[String] {
        &self.required_other
    }

    /// Applies every check to a verified token.
    pub(crate) fn check(
        &self,
        header: &Header,
        claims: &RegisteredView<'_>,
    ) -> Result<(), ClaimError> {
        self.check_times(claims)?;
        self.check_identity(claims)?;
        self.check_type(header)?;
        self.check_required(header, claims)
    }

    /// Applies every claim check to claims that did not come through [`decode`](crate::decode)
    /// (a token another library verified, an introspection response): the same checks,
    /// through the same strict reader, as for a token. `header` is the token's header if
    /// there is one; without it a configured `typ` check fails as missing.
    ///
    /// ```
    /// use jwtcraft::{ClaimError, Error, FixedClock, NumericDate, RegisteredClaims, Validation};
    /// let validation = Validation::new()
    ///     .with_audience("api")
    ///     .with_clock(FixedClock(NumericDate::from_unix_seconds(1_000)));
    /// let claims = RegisteredClaims::new()
    ///     .with_audience("api")
    ///     .expires_at(NumericDate::from_unix_seconds(2_000));
    /// assert!(validation.validate(&claims, None).is_ok());
    /// let late = Validation::new().with_audience("api")
    ///     .with_clock(FixedClock(NumericDate::from_unix_seconds(3_000)));
    /// assert!(matches!(late.validate(&claims, None), Err(Error::Claims(ClaimError::Expired))));
    /// ```
    ///
    /// # Errors
    /// [`Error::Claims`] for a failed check; [`Error::Malformed`] if `claims` does not
    /// serialize to a JSON object without duplicate names.
    pub fn validate<C: Serialize + ?Sized>(
        &self,
        claims: &C,
        header: Option<&Header>,
    ) -> Result<()> {
        let json = serde_json::to_vec(claims).map_err(|e| MalformedError::Json {
            segment: Segment::Payload,
            reason: json::reason(&e),
        })?;
        let view = json::scan_payload(&json, &self.required_other)?;
        let none = Header::empty();
        self.check(header.unwrap_or(&none), &view)
            .map_err(Error::from)
    }

    fn check_times(&self, claims: &RegisteredView<'_>) -> Result<(), ClaimError> {
        let now = self.clock.now().as_unix_seconds();
        let leeway = self.leeway;
        match claims.exp.get(Claim::Expiration)? {
            // Valid while now < exp; the leeway extends that.
            Some(exp) if now >= exp.as_unix_seconds().saturating_add(leeway) => {
                return Err(ClaimError::Expired)
            }
            None if self.require_exp => return Err(ClaimError::Missing(Claim::Expiration)),
            _ => {}
        }
        if let Some(nbf) = claims.nbf.get(Claim::NotBefore)? {
            if now.saturating_add(leeway) < nbf.as_unix_seconds() {
                return Err(ClaimError::NotYetValid);
            }
        }
        let iat = claims.iat.get(Claim::IssuedAt)?;
        if let Some(iat) = iat {
            if now.saturating_add(leeway) < iat.as_unix_seconds() {
                return Err(ClaimError::IssuedInFuture);
            }
        }
        if let Some(max_age) = self.max_age {
            let iat = iat.ok_or(ClaimError::Missing(Claim::IssuedAt))?;
            let oldest = now.saturating_sub(max_age).saturating_sub(leeway);
            if iat.as_unix_seconds() < oldest {
                return Err(ClaimError::TooOld);
            }
        }
        Ok(())
    }

    fn check_identity(&self, claims: &RegisteredView<'_>) -> Result<(), ClaimError> {
        let iss = claims.iss.get(Claim::Issuer)?;
        if !self.issuers.is_empty() {
            let iss = iss.ok_or(ClaimError::Missing(Claim::Issuer))?;
            if !self.issuers.iter().any(|accepted| accepted == iss) {
                return Err(ClaimError::InvalidIssuer);
            }
        }
        let aud = claims.aud.get(Claim::Audience)?;
        match (aud, self.audiences.is_empty()) {
            // RFC 7519 §4.1.3: a recipient that does not identify itself with a value in
            // `aud` must reject the token, so an audience nobody asked for is refused.
            (Some(_), true) => return Err(ClaimError::UnexpectedAudience),
            (None, false) => return Err(ClaimError::Missing(Claim::Audience)),
            (Some(aud), false) => {
                if !aud.any(|a| self.audiences.iter().any(|accepted| accepted == a)) {
                    return Err(ClaimError::InvalidAudience);
                }
            }
            (None, true) => {}
        }
        let sub = claims.sub.get(Claim::Subject)?;
        if let Some(expected) = &self.subject {
            let sub = sub.ok_or(ClaimError::Missing(Claim::Subject))?;
            if sub != expected {
                return Err(ClaimError::InvalidSubject);
            }
        }
        claims.jti.get(Claim::JwtId)?;
        Ok(())
    }

    fn check_type(&self, header: &Header) -> Result<(), ClaimError> {
        let Some(expected) = &self.typ else {
            return Ok(());
        };
        let typ = header
            .token_type()
            .ok_or(ClaimError::Missing(Claim::Type))?;
        if media_type_eq(typ, expected) {
            Ok(())
        } else {
            Err(ClaimError::InvalidType)
        }
    }

    fn check_required(
        &self,
        header: &Header,
        claims: &RegisteredView<'_>,
    ) -> Result<(), ClaimError> {
        let mut others = claims.found.iter();
        for claim in &self.required {
            let present = match claim {
                Claim::Issuer => claims.iss.is_present(),
                Claim::Subject => claims.sub.is_present(),
                Claim::Audience => claims.aud.is_present(),
                Claim::Expiration => claims.exp.is_present(),
                Claim::NotBefore => claims.nbf.is_present(),
                Claim::IssuedAt => claims.iat.is_present(),
                Claim::JwtId => claims.jti.is_present(),
                // `typ` lives in the header (RFC 7519 §5.1).
                Claim::Type => header.token_type().is_some(),
                Claim::Other(_) => others.next().copied().unwrap_or(false),
            };
            if !present {
                return Err(ClaimError::Missing(claim.clone()));
            }
        }
        Ok(())
    }
}

/// Media types compare case-insensitively, and `application/` may be omitted (RFC 7515 §4.1.9).
fn media_type_eq(a: &str, b: &str) -> bool {
    fn strip(t: &str) -> &str {
        match t.get(..12) {
            Some(prefix)
                if prefix.eq_ignore_ascii_case("application/") && !t[12..].contains('/') =>
            {
                &t[12..]
            }
            _ => t,
        }
    }
    strip(a).eq_ignore_ascii_case(strip(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::date::NumericDate;
    use crate::json::scan_payload;

    const NOW: i64 = 1_000_000;

    fn at(now: i64) -> Validation {
        Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(now)))
    }

    fn check(v: &Validation, json: &str) -> Result<(), ClaimError> {
        let view = scan_payload(json.as_bytes(), v.required_other()).unwrap();
        v.check(&Header::new(), &view)
    }

    #[test]
    fn exp_boundaries_with_leeway() {
        let v = at(NOW).with_leeway(Duration::from_secs(10));
        let exp = |e: i64| format!(r#"{{"exp":{e}}}"#);
        assert!(check(&v, &exp(NOW - 9)).is_ok());
        assert!(matches!(
            check(&v, &exp(NOW - 10)),
            Err(ClaimError::Expired)
        ));
        let strict = at(NOW).with_leeway(Duration::ZERO);
        assert!(check(&strict, &exp(NOW + 1)).is_ok());
        assert!(matches!(
            check(&strict, &exp(NOW)),
            Err(ClaimError::Expired)
        ));
    }

    #[test]
    fn exp_required_unless_relaxed() {
        assert!(matches!(
            check(&at(NOW), "{}"),
            Err(ClaimError::Missing(Claim::Expiration))
        ));
        assert!(check(&at(NOW).allow_missing_exp(), "{}").is_ok());
    }

    #[test]
    fn nbf_and_iat_boundaries() {
        let v = at(NOW).with_leeway(Duration::from_secs(10));
        let with = |k: &str, t: i64| format!(r#"{{"exp":{},"{k}":{t}}}"#, NOW + 100);
        assert!(check(&v, &with("nbf", NOW + 10)).is_ok());
        assert!(matches!(
            check(&v, &with("nbf", NOW + 11)),
            Err(ClaimError::NotYetValid)
        ));
        assert!(check(&v, &with("iat", NOW + 10)).is_ok());
        assert!(matches!(
            check(&v, &with("iat", NOW + 11)),
            Err(ClaimError::IssuedInFuture)
        ));
    }

    #[test]
    fn extreme_dates_never_overflow() {
        let v = at(i64::MAX).with_leeway(Duration::from_secs(u64::MAX));
        assert!(check(
            &v,
            r#"{"exp":9223372036854775807,"nbf":-9223372036854775808}"#
        )
        .is_err());
        let v = at(i64::MIN).with_max_age(Duration::from_secs(u64::MAX));
        assert!(check(&v, r#"{"exp":-9223372036854775808,"iat":0}"#).is_err());
        assert!(matches!(
            check(&at(NOW), r#"{"exp":1e300}"#),
            Err(ClaimError::OutOfRange(Claim::Expiration))
        ));
        assert!(matches!(
            check(&at(NOW), r#"{"exp":-5}"#),
            Err(ClaimError::Expired)
        ));
    }

    #[test]
    fn max_age() {
        let v = at(NOW)
            .with_leeway(Duration::ZERO)
            .with_max_age(Duration::from_secs(60));
        let iat = |t: i64| format!(r#"{{"exp":{},"iat":{t}}}"#, NOW + 100);
        assert!(check(&v, &iat(NOW - 60)).is_ok());
        assert!(matches!(check(&v, &iat(NOW - 61)), Err(ClaimError::TooOld)));
        let no_iat = format!(r#"{{"exp":{}}}"#, NOW + 100);
        assert!(matches!(
            check(&v, &no_iat),
            Err(ClaimError::Missing(Claim::IssuedAt))
        ));
    }

    #[test]
    fn issuer_audience_subject() {
        let exp = NOW + 100;
        let v = at(NOW)
            .with_issuers(["a", "b"])
            .with_audience("api")
            .with_subject("u");
        assert!(check(
            &v,
            &format!(r#"{{"exp":{exp},"iss":"b","aud":["x","api"],"sub":"u"}}"#)
        )
        .is_ok());
        for (json, want) in [
            (r#""iss":"c","aud":"api","sub":"u""#, "iss"),
            (r#""iss":"a ","aud":"api","sub":"u""#, "iss"),
            (r#""iss":"a","aud":"ap","sub":"u""#, "aud"),
            (r#""iss":"a","aud":[],"sub":"u""#, "aud"),
            (r#""iss":"a","aud":"api","sub":"v""#, "sub"),
            (r#""aud":"api","sub":"u""#, "missing iss"),
        ] {
            let err = check(&v, &format!(r#"{{"exp":{exp},{json}}}"#)).unwrap_err();
            assert!(
                err.to_string()
                    .contains(want.split(' ').next_back().unwrap())
                    || matches!(err, ClaimError::Missing(_)),
                "{json}: {err}"
            );
        }
    }

    #[test]
    fn unexpected_audience_is_refused() {
        let json = format!(r#"{{"exp":{},"aud":"api"}}"#, NOW + 100);
        assert!(matches!(
            check(&at(NOW), &json),
            Err(ClaimError::UnexpectedAudience)
        ));
    }

    #[test]
    fn required_claims_by_name() {
        let v = at(NOW)
            .allow_missing_exp()
            .with_required_claims(["jti", "role"]);
        assert!(check(&v, r#"{"jti":"1","role":"r"}"#).is_ok());
        assert!(matches!(
            check(&v, r#"{"role":"r"}"#),
            Err(ClaimError::Missing(Claim::JwtId))
        ));
        let err = check(&v, r#"{"jti":"1","role":null}"#).unwrap_err();
        assert_eq!(err.to_string(), "required claim role is missing");
        let twice = at(NOW)
            .allow_missing_exp()
            .with_required_claims(["role", "role"])
            .with_required_claims(["role"]);
        assert!(check(&twice, r#"{"role":"r"}"#).is_ok());
    }

    #[test]
    fn typ_is_a_media_type() {
        assert!(media_type_eq("JWT", "jwt"));
        assert!(media_type_eq("application/JWT", "JWT"));
        assert!(media_type_eq("at+jwt", "application/at+JWT"));
        assert!(!media_type_eq("JWS", "JWT"));
        assert!(!media_type_eq("application/x/JWT", "x/jwt"));
        let v = at(NOW).allow_missing_exp().with_type("at+jwt");
        let view = scan_payload(b"{}", &[]).unwrap();
        assert!(matches!(
            v.check(&Header::new(), &view),
            Err(ClaimError::InvalidType)
        ));
        assert!(v.check(&Header::new().with_type("AT+JWT"), &view).is_ok());
        assert!(matches!(
            v.check(&Header::empty(), &view),
            Err(ClaimError::Missing(Claim::Type))
        ));
    }

    #[test]
    fn requiring_typ_requires_a_typ_in_the_header() {
        // Was a no-op: `with_required_claims(["typ"])` accepted a token without `typ`.
        let v = at(NOW).allow_missing_exp().with_required_claims(["typ"]);
        let view = scan_payload(b"{}", &[]).unwrap();
        assert!(matches!(
            v.check(&Header::empty(), &view),
            Err(ClaimError::Missing(Claim::Type))
        ));
        assert!(v.check(&Header::new(), &view).is_ok());
    }

    #[test]
    fn an_unexpected_audience_is_told_apart_from_a_wrong_one() {
        let token_aud = r#"{"exp":2000000,"aud":"api"}"#;
        assert!(matches!(
            check(&at(NOW), token_aud),
            Err(ClaimError::UnexpectedAudience)
        ));
        assert!(matches!(
            check(&at(NOW).with_audience("web"), token_aud),
            Err(ClaimError::InvalidAudience)
        ));
        assert!(check(&at(NOW).with_audience("api"), token_aud).is_ok());
    }

    #[test]
    fn claims_validate_outside_decode() {
        use crate::claims::RegisteredClaims;
        let claims = RegisteredClaims::new()
            .with_issuer("i")
            .expires_at(NumericDate::from_unix_seconds(NOW + 10));
        assert!(at(NOW).with_issuer("i").validate(&claims, None).is_ok());
        assert!(matches!(
            at(NOW).with_issuer("j").validate(&claims, None),
            Err(Error::Claims(ClaimError::InvalidIssuer))
        ));
        assert!(matches!(
            at(NOW).with_type("JWT").validate(&claims, None),
            Err(Error::Claims(ClaimError::Missing(Claim::Type)))
        ));
        let typed = Header::new();
        assert!(at(NOW)
            .with_type("JWT")
            .validate(&claims, Some(&typed))
            .is_ok());
        let role = serde_json::json!({"exp": NOW + 10, "role": null});
        assert!(matches!(
            at(NOW).with_required_claims(["role"]).validate(&role, None),
            Err(Error::Claims(ClaimError::Missing(Claim::Other(_))))
        ));
        assert!(matches!(
            at(NOW).validate(&[1, 2], None),
            Err(Error::Malformed(MalformedError::Json { .. }))
        ));
    }
}
