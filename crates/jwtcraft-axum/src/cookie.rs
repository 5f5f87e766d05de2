//! Token cookies: [`CookieConfig`] writes `Set-Cookie` values with safe attributes,
//! [`read_cookie`] reads one cookie out of the `Cookie` headers, strictly.

use std::time::Duration;

use http::header::COOKIE;
use http::{HeaderMap, HeaderValue};

/// The `SameSite` attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SameSite {
    /// Sent only on same-site requests (the default): cross-site links arrive logged out.
    #[default]
    Strict,
    /// Also sent on top-level cross-site navigations (GET links); still not on cross-site
    /// POSTs, images or fetches.
    Lax,
    /// Sent on every request, cross-site included. Requires `Secure`.
    None,
}

impl SameSite {
    fn as_str(self) -> &'static str {
        match self {
            SameSite::Strict => "Strict",
            SameSite::Lax => "Lax",
            SameSite::None => "None",
        }
    }
}

/// Why a cookie could not be written or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CookieError {
    /// The name is empty or not an RFC 9110 token.
    #[error("cookie name is not a token")]
    InvalidName,
    /// The value has characters outside RFC 6265's cookie-octet set (space, `"`, `,`, `;`,
    /// `\`, controls, non-ASCII).
    #[error("cookie value has characters outside the cookie-octet set")]
    InvalidValue,
    /// The path does not start with `/` or has `;` or control characters.
    #[error("cookie path must start with '/' and hold no ';' or control characters")]
    InvalidPath,
    /// The domain is empty or has characters a host name cannot have.
    #[error("cookie domain is not a host name")]
    InvalidDomain,
    /// A `__Host-` cookie must be `Secure`, have `Path=/` and no `Domain`.
    #[error("a __Host- cookie must be secure, with path / and no domain")]
    HostPrefix,
    /// A `__Secure-` cookie must be `Secure`.
    #[error("a __Secure- cookie must be secure")]
    SecurePrefix,
    /// `SameSite=None` without `Secure` is refused by browsers.
    #[error("samesite=none requires secure")]
    SameSiteNoneInsecure,
    /// The request carries the cookie more than once (e.g. one per path or domain): which one
    /// is meant cannot be told, so none is used.
    #[error("cookie is present more than once")]
    Duplicate,
}

impl CookieError {
    /// A stable code such as `"cookie.duplicate"`.
    pub fn code(&self) -> &'static str {
        match self {
            CookieError::InvalidName => "cookie.invalid_name",
            CookieError::InvalidValue => "cookie.invalid_value",
            CookieError::InvalidPath => "cookie.invalid_path",
            CookieError::InvalidDomain => "cookie.invalid_domain",
            CookieError::HostPrefix => "cookie.host_prefix",
            CookieError::SecurePrefix => "cookie.secure_prefix",
            CookieError::SameSiteNoneInsecure => "cookie.same_site_none_insecure",
            CookieError::Duplicate => "cookie.duplicate",
        }
    }
}

/// How a cookie is set and cleared: name, `Path`, `Domain`, `Max-Age`, `SameSite`, `Secure`,
/// `HttpOnly`.
///
/// [`CookieConfig::new`] is for tokens: `HttpOnly` always (scripts cannot read it, so an XSS
/// cannot steal it), `Secure`, `SameSite=Strict`, `Path=/`, no `Max-Age` (a session
/// cookie) until you set one. [`CookieConfig::csrf`] is for the double-submit CSRF cookie,
/// which the page's script must read, so it is the one without `HttpOnly`.
///
/// Browsers store `Secure` cookies only from `https://` origins, except `localhost`
/// (Chrome and Firefox also treat `http://127.0.0.1` as secure; Safari does not). For
/// development over plain HTTP call `.with_secure(false)` explicitly, and never ship it.
///
/// ```
/// use std::time::Duration;
/// use jwtcraft_axum::{CookieConfig, SameSite};
///
/// let cookie = CookieConfig::new("__Host-access")
///     .with_same_site(SameSite::Lax)
///     .with_max_age(Duration::from_secs(900));
/// cookie.validate()?; // once, at startup: the __Host- rules hold
/// assert_eq!(
///     cookie.set("eyJ.eyJ.sig")?,
///     "__Host-access=eyJ.eyJ.sig; Path=/; Max-Age=900; Secure; HttpOnly; SameSite=Lax",
/// );
/// assert_eq!(
///     cookie.clear()?,
///     "__Host-access=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Lax",
/// );
/// # Ok::<(), jwtcraft_axum::CookieError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CookieConfig {
    name: String,
    path: String,
    domain: Option<String>,
    max_age: Option<Duration>,
    same_site: SameSite,
    secure: bool,
    http_only: bool,
}

impl CookieConfig {
    /// A token cookie: `HttpOnly`, `Secure`, `SameSite=Strict`, `Path=/`.
    pub fn new(name: impl Into<String>) -> Self {
        CookieConfig {
            name: name.into(),
            path: "/".to_owned(),
            domain: None,
            max_age: None,
            same_site: SameSite::Strict,
            secure: true,
            http_only: true,
        }
    }

    /// The double-submit CSRF cookie ([`CsrfPolicy::double_submit`](crate::CsrfPolicy::double_submit)):
    /// as [`new`](CookieConfig::new) but without `HttpOnly`, so the page's script can copy
    /// its value into the request header. It holds no credential: alone it proves nothing.
    pub fn csrf(name: impl Into<String>) -> Self {
        CookieConfig {
            http_only: false,
            ..CookieConfig::new(name)
        }
    }

    /// `Path` (default `/`).
    #[must_use]
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = path.into();
        self
    }

    /// `Domain`: the cookie is also sent to the subdomains of `domain`. None by default (the
    /// cookie stays on the exact host, the safer choice).
    #[must_use]
    pub fn with_domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// `Max-Age`, in whole seconds (rounded down); set it to the token's lifetime. None by default: the
    /// browser drops the cookie when it closes.
    #[must_use]
    pub fn with_max_age(mut self, max_age: Duration) -> Self {
        self.max_age = Some(max_age);
        self
    }

    /// `SameSite` (default `Strict`).
    #[must_use]
    pub fn with_same_site(mut self, same_site: SameSite) -> Self {
        self.same_site = same_site;
        self
    }

    /// `Secure` (default on). `with_secure(false)` is for local development over plain
    /// `http://` only.
    #[must_use]
    pub fn with_secure(mut self, secure: bool) -> Self {
        self.secure = secure;
        self
    }

    /// The cookie's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Whether the cookie is `HttpOnly` (always, except the [`csrf`](CookieConfig::csrf) cookie).
    pub fn is_http_only(&self) -> bool {
        self.http_only
    }

    /// Checks the configuration: name, path, domain, the `__Host-` / `__Secure-` prefix
    /// rules, and `SameSite=None` only with `Secure`. [`set`](CookieConfig::set) and
    /// [`clear`](CookieConfig::clear) check it too; call it at startup to fail early.
    ///
    /// # Errors
    /// The first rule broken, as a [`CookieError`].
    pub fn validate(&self) -> Result<(), CookieError> {
        if !is_token(&self.name) {
            return Err(CookieError::InvalidName);
        }
        if !self.path.starts_with('/') || !self.path.bytes().all(|b| is_attr_octet(b) && b != b';')
        {
            return Err(CookieError::InvalidPath);
        }
        if let Some(domain) = &self.domain {
            let host_char = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'.';
            if domain.is_empty() || !domain.bytes().all(host_char) {
                return Err(CookieError::InvalidDomain);
            }
        }
        // RFC 6265bis §4.1.3: the prefixes are matched case-insensitively by browsers.
        let lower = self.name.to_ascii_lowercase();
        if lower.starts_with("__host-")
            && (!self.secure || self.path != "/" || self.domain.is_some())
        {
            return Err(CookieError::HostPrefix);
        }
        if lower.starts_with("__secure-") && !self.secure {
            return Err(CookieError::SecurePrefix);
        }
        if self.same_site == SameSite::None && !self.secure {
            return Err(CookieError::SameSiteNoneInsecure);
        }
        Ok(())
    }

    /// A `Set-Cookie` value that stores `value` (a token) with this configuration's
    /// attributes, marked [sensitive](HeaderValue::set_sensitive).
    ///
    /// # Errors
    /// [`CookieError::InvalidValue`] when `value` is not cookie-octets (a JWT always is), and
    /// as [`validate`](CookieConfig::validate).
    pub fn set(&self, value: &str) -> Result<HeaderValue, CookieError> {
        if !value.bytes().all(is_cookie_octet) {
            return Err(CookieError::InvalidValue);
        }
        self.render(value, self.max_age.map(|d| d.as_secs()))
    }

    /// A `Set-Cookie` value that deletes the cookie: empty value, `Max-Age=0`, and the same
    /// `Path`/`Domain` (a browser deletes only the cookie those match).
    ///
    /// # Errors
    /// As [`validate`](CookieConfig::validate).
    pub fn clear(&self) -> Result<HeaderValue, CookieError> {
        self.render("", Some(0))
    }

    /// This cookie's value in a request: see [`read_cookie`].
    ///
    /// # Errors
    /// As [`read_cookie`].
    pub fn read<'h>(&self, headers: &'h HeaderMap) -> Result<Option<&'h str>, CookieError> {
        read_cookie(headers, &self.name)
    }

    fn render(&self, value: &str, max_age: Option<u64>) -> Result<HeaderValue, CookieError> {
        use std::fmt::Write as _;
        self.validate()?;
        let mut out = format!("{}={value}; Path={}", self.name, self.path);
        if let Some(domain) = &self.domain {
            let _ = write!(out, "; Domain={domain}");
        }
        if let Some(seconds) = max_age {
            let _ = write!(out, "; Max-Age={seconds}");
        }
        if self.secure {
            out.push_str("; Secure");
        }
        if self.http_only {
            out.push_str("; HttpOnly");
        }
        let _ = write!(out, "; SameSite={}", self.same_site.as_str());
        // Every part was checked to be visible ASCII above.
        let mut header = HeaderValue::from_str(&out).map_err(|_| CookieError::InvalidValue)?;
        // Holds a credential: `Debug` prints `Sensitive`, and HTTP/2 never indexes it (HPACK).
        header.set_sensitive(!value.is_empty());
        Ok(header)
    }
}

/// The value of cookie `name` in the request's `Cookie` headers (all of them: HTTP/2 may
/// split cookies over several), `Ok(None)` when it is absent or empty.
///
/// Strict where it matters, tolerant elsewhere: the named cookie must appear at most once and
/// hold only cookie-octets (one pair of surrounding double quotes is removed); other
/// cookies, even malformed ones set by other software on the same site, are skipped.
///
/// ```
/// use http::{header::COOKIE, HeaderMap, HeaderValue};
/// use jwtcraft_axum::{read_cookie, CookieError};
///
/// let mut headers = HeaderMap::new();
/// headers.insert(COOKIE, HeaderValue::from_static("theme=dark; access_token=abc.def.ghi"));
/// assert_eq!(read_cookie(&headers, "access_token"), Ok(Some("abc.def.ghi")));
/// assert_eq!(read_cookie(&headers, "refresh"), Ok(None));
///
/// headers.append(COOKIE, HeaderValue::from_static("access_token=other"));
/// assert_eq!(read_cookie(&headers, "access_token"), Err(CookieError::Duplicate));
/// ```
///
/// # Errors
/// [`CookieError::Duplicate`] when the cookie appears more than once,
/// [`CookieError::InvalidValue`] when its value is not cookie-octets.
pub fn read_cookie<'h>(headers: &'h HeaderMap, name: &str) -> Result<Option<&'h str>, CookieError> {
    let mut found: Option<&'h [u8]> = None;
    for header in headers.get_all(COOKIE) {
        for pair in header.as_bytes().split(|&b| b == b';') {
            let pair = pair.trim_ascii();
            let Some(eq) = pair.iter().position(|&b| b == b'=') else {
                continue;
            };
            if pair[..eq].trim_ascii() != name.as_bytes() {
                continue;
            }
            if found.is_some() {
                return Err(CookieError::Duplicate);
            }
            let mut value = pair[eq + 1..].trim_ascii();
            if value.len() >= 2 && value[0] == b'"' && value[value.len() - 1] == b'"' {
                value = &value[1..value.len() - 1];
            }
            if !value.iter().copied().all(is_cookie_octet) {
                return Err(CookieError::InvalidValue);
            }
            found = Some(value);
        }
    }
    Ok(found
        .filter(|v| !v.is_empty())
        // Cookie-octets are ASCII, so this never fails.
        .and_then(|v| std::str::from_utf8(v).ok()))
}

/// RFC 6265 §4.1.1 cookie-octet.
fn is_cookie_octet(b: u8) -> bool {
    matches!(b, 0x21 | 0x23..=0x2B | 0x2D..=0x3A | 0x3C..=0x5B | 0x5D..=0x7E)
}

/// Visible ASCII and space, as allowed in an attribute value.
fn is_attr_octet(b: u8) -> bool {
    (0x20..0x7F).contains(&b)
}

/// RFC 9110 §5.6.2 token.
pub(crate) fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(values: &[&'static str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for v in values {
            map.append(COOKIE, HeaderValue::from_static(v));
        }
        map
    }

    #[test]
    fn reads_the_named_cookie_among_others() {
        let h = headers(&["a=1; junk; b=\"2\"", "c=3"]);
        assert_eq!(read_cookie(&h, "a"), Ok(Some("1")));
        assert_eq!(read_cookie(&h, "b"), Ok(Some("2")));
        assert_eq!(read_cookie(&h, "c"), Ok(Some("3")));
        assert_eq!(read_cookie(&h, "d"), Ok(None));
        assert_eq!(read_cookie(&h, "junk"), Ok(None));
    }

    #[test]
    fn empty_is_absent_and_bad_values_are_refused() {
        assert_eq!(read_cookie(&headers(&["a="]), "a"), Ok(None));
        assert_eq!(
            read_cookie(&headers(&["a=x\\y"]), "a"),
            Err(CookieError::InvalidValue)
        );
        assert_eq!(
            read_cookie(&headers(&["a=x y"]), "a"),
            Err(CookieError::InvalidValue)
        );
        assert_eq!(
            read_cookie(&headers(&["a=1; a=2"]), "a"),
            Err(CookieError::Duplicate)
        );
        // Names are case-sensitive: `A` is another cookie.
        assert_eq!(read_cookie(&headers(&["a=1; A=2"]), "a"), Ok(Some("1")));
    }

    #[test]
    fn prefixes_and_same_site_rules() {
        assert_eq!(CookieConfig::new("__Host-t").validate(), Ok(()));
        assert_eq!(
            CookieConfig::new("__Host-t").with_path("/api").validate(),
            Err(CookieError::HostPrefix)
        );
        assert_eq!(
            CookieConfig::new("__host-t")
                .with_domain("example.com")
                .validate(),
            Err(CookieError::HostPrefix)
        );
        assert_eq!(
            CookieConfig::new("__Host-t").with_secure(false).validate(),
            Err(CookieError::HostPrefix)
        );
        assert_eq!(
            CookieConfig::new("__Secure-t")
                .with_secure(false)
                .validate(),
            Err(CookieError::SecurePrefix)
        );
        assert_eq!(
            CookieConfig::new("t")
                .with_same_site(SameSite::None)
                .with_secure(false)
                .validate(),
            Err(CookieError::SameSiteNoneInsecure)
        );
        assert_eq!(
            CookieConfig::new("t;x").validate(),
            Err(CookieError::InvalidName)
        );
        assert_eq!(
            CookieConfig::new("").validate(),
            Err(CookieError::InvalidName)
        );
        assert_eq!(
            CookieConfig::new("t").with_path("api").validate(),
            Err(CookieError::InvalidPath)
        );
        assert_eq!(
            CookieConfig::new("t").with_path("/a;b").validate(),
            Err(CookieError::InvalidPath)
        );
        assert_eq!(
            CookieConfig::new("t").with_domain("a b").validate(),
            Err(CookieError::InvalidDomain)
        );
    }

    #[test]
    fn set_and_clear_write_every_attribute() {
        let c = CookieConfig::csrf("csrf")
            .with_domain("example.com")
            .with_path("/app")
            .with_max_age(Duration::from_secs(60))
            .with_secure(false)
            .with_same_site(SameSite::Lax);
        assert_eq!(
            c.set("v").unwrap(),
            "csrf=v; Path=/app; Domain=example.com; Max-Age=60; SameSite=Lax"
        );
        assert_eq!(
            c.clear().unwrap(),
            "csrf=; Path=/app; Domain=example.com; Max-Age=0; SameSite=Lax"
        );
        assert_eq!(c.set("a;b"), Err(CookieError::InvalidValue));
        assert_eq!(
            CookieConfig::new("t").set("x").unwrap(),
            "t=x; Path=/; Secure; HttpOnly; SameSite=Strict"
        );
    }
}
