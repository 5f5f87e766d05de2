//! [`CsrfPolicy`]: cross-site request forgery defence for cookie-carried tokens.

use std::borrow::Cow;

use http::header::{ORIGIN, REFERER};
use http::{HeaderMap, Method};
use subtle::ConstantTimeEq;

use crate::cookie::{is_token, read_cookie, CookieError};

/// Why a state-changing request with a cookie-carried token was refused (HTTP 403).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CsrfError {
    /// Neither `Origin` nor `Referer` was sent, so the request's origin is unknown.
    #[error("request has neither origin nor referer")]
    MissingOrigin,
    /// The `Origin` (or, without it, the `Referer`'s origin) is not an allowed origin.
    #[error("request origin is not allowed")]
    OriginMismatch,
    /// The double-submit cookie or header is missing.
    #[error("csrf token missing")]
    MissingToken,
    /// The double-submit cookie and header differ.
    #[error("csrf token mismatch")]
    TokenMismatch,
    /// The double-submit cookie is duplicated or malformed.
    #[error("csrf cookie is ambiguous or malformed")]
    BadCookie,
}

impl CsrfError {
    /// A stable code such as `"csrf.origin_mismatch"`.
    pub fn code(&self) -> &'static str {
        match self {
            CsrfError::MissingOrigin => "csrf.missing_origin",
            CsrfError::OriginMismatch => "csrf.origin_mismatch",
            CsrfError::MissingToken => "csrf.missing_token",
            CsrfError::TokenMismatch => "csrf.token_mismatch",
            CsrfError::BadCookie => "csrf.bad_cookie",
        }
    }
}

/// A [`CsrfPolicy`] that could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CsrfConfigError {
    /// An allowed origin is not `http(s)://host[:port]` (no path, no trailing slash).
    #[error("allowed origin must be scheme://host[:port]")]
    InvalidOrigin,
    /// A cookie or header name is not an RFC 9110 token.
    #[error("csrf cookie or header name is not a token")]
    InvalidName,
}

/// How a request whose token came from a cookie proves it was not forged by another site.
///
/// An `HttpOnly` cookie is out of reach of scripts (XSS) but the browser attaches it to
/// cross-site requests too. The policy runs only when the token came from a cookie **and**
/// the method is not `GET`, `HEAD`, `OPTIONS` or `TRACE` (keep those free of side effects).
/// Bearer-header requests never need it: another site cannot set that header.
///
/// - [`origin_check`](CsrfPolicy::origin_check) (the default, with no origins, so every
///   state-changing cookie request is refused until you list yours): the `Origin` header
///   must be one of the allowed origins; without `Origin`, the origin of `Referer` must be;
///   with neither, the request is refused.
/// - [`double_submit`](CsrfPolicy::double_submit): a non-`HttpOnly` cookie holding a random
///   token ([`mint_csrf_token`], [`CookieConfig::csrf`](crate::CookieConfig::csrf)) must
///   equal a request header the page's script copies it into (compared in constant time).
///
/// ```
/// use jwtcraft_axum::CsrfPolicy;
/// let policy = CsrfPolicy::origin_check(["https://app.example.com", "http://localhost:3000"])?;
/// let double = CsrfPolicy::double_submit("csrf_token", "x-csrf-token")?;
/// # let _ = (policy, double);
/// # Ok::<(), jwtcraft_axum::CsrfConfigError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfPolicy {
    kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Origin(Vec<String>),
    DoubleSubmit {
        cookie: Cow<'static, str>,
        header: http::HeaderName,
    },
}

impl Default for CsrfPolicy {
    /// Origin check with no allowed origin: refuses every state-changing cookie request.
    fn default() -> Self {
        CsrfPolicy {
            kind: Kind::Origin(Vec::new()),
        }
    }
}

impl CsrfPolicy {
    /// Allows the listed origins (`https://app.example.com`, `http://localhost:3000`),
    /// compared case-insensitively.
    ///
    /// # Errors
    /// [`CsrfConfigError::InvalidOrigin`] for anything but `http(s)://host[:port]`.
    pub fn origin_check<I, S>(origins: I) -> Result<Self, CsrfConfigError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let allowed = origins
            .into_iter()
            .map(|o| {
                let o = o.as_ref();
                if origin_of(o) == Some(o)
                    && !o.contains('@')
                    && o.bytes().all(|b| b.is_ascii_graphic())
                {
                    Ok(o.to_ascii_lowercase())
                } else {
                    Err(CsrfConfigError::InvalidOrigin)
                }
            })
            .collect::<Result<_, _>>()?;
        Ok(CsrfPolicy {
            kind: Kind::Origin(allowed),
        })
    }

    /// Double-submit: the cookie `cookie` must be present and equal the header `header`.
    ///
    /// # Errors
    /// [`CsrfConfigError::InvalidName`] when a name is not a token.
    pub fn double_submit(
        cookie: impl Into<Cow<'static, str>>,
        header: &str,
    ) -> Result<Self, CsrfConfigError> {
        let cookie = cookie.into();
        if !is_token(&cookie) {
            return Err(CsrfConfigError::InvalidName);
        }
        let header =
            http::HeaderName::try_from(header).map_err(|_| CsrfConfigError::InvalidName)?;
        Ok(CsrfPolicy {
            kind: Kind::DoubleSubmit { cookie, header },
        })
    }

    /// Checks a request whose token came from a cookie. Safe methods always pass.
    ///
    /// # Errors
    /// [`CsrfError`].
    pub fn check(&self, method: &Method, headers: &HeaderMap) -> Result<(), CsrfError> {
        if is_safe(method) {
            return Ok(());
        }
        match &self.kind {
            Kind::Origin(allowed) => check_origin(allowed, headers),
            Kind::DoubleSubmit { cookie, header } => check_double_submit(cookie, header, headers),
        }
    }
}

fn is_safe(method: &Method) -> bool {
    [Method::GET, Method::HEAD, Method::OPTIONS, Method::TRACE].contains(method)
}

fn check_origin(allowed: &[String], headers: &HeaderMap) -> Result<(), CsrfError> {
    let single = |name| {
        let mut values = headers.get_all(name).iter();
        match (values.next(), values.next()) {
            (None, _) => Ok(None),
            // Two `Origin` headers is not something a browser sends.
            (Some(_), Some(_)) => Err(CsrfError::OriginMismatch),
            (Some(v), None) => v.to_str().map(Some).map_err(|_| CsrfError::OriginMismatch),
        }
    };
    let origin = match single(ORIGIN)? {
        // `Origin: null` (sandboxed frames, some redirects) matches nothing.
        Some(origin) => origin,
        None => match single(REFERER)? {
            Some(referer) => origin_of(referer).ok_or(CsrfError::OriginMismatch)?,
            None => return Err(CsrfError::MissingOrigin),
        },
    };
    if allowed.iter().any(|a| a.eq_ignore_ascii_case(origin)) {
        Ok(())
    } else {
        Err(CsrfError::OriginMismatch)
    }
}

fn check_double_submit(
    cookie: &str,
    header: &http::HeaderName,
    headers: &HeaderMap,
) -> Result<(), CsrfError> {
    let from_cookie = read_cookie(headers, cookie)
        .map_err(|_: CookieError| CsrfError::BadCookie)?
        .ok_or(CsrfError::MissingToken)?;
    let mut values = headers.get_all(header).iter();
    let from_header = match (values.next(), values.next()) {
        (Some(v), None) if !v.is_empty() => v.as_bytes(),
        (None, _) => return Err(CsrfError::MissingToken),
        _ => return Err(CsrfError::TokenMismatch),
    };
    if bool::from(from_cookie.as_bytes().ct_eq(from_header)) {
        Ok(())
    } else {
        Err(CsrfError::TokenMismatch)
    }
}

/// The `scheme://authority` prefix of an `http(s)` URL, or `None`.
fn origin_of(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| {
            // Schemes are case-insensitive.
            let lower = url.get(..8)?.to_ascii_lowercase();
            if lower.starts_with("https://") {
                url.get(8..)
            } else if lower.starts_with("http://") {
                url.get(7..)
            } else {
                None
            }
        })?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    if end == 0 || rest[..end].contains('@') {
        return None;
    }
    Some(&url[..url.len() - rest.len() + end])
}

/// The OS random number generator failed (see [`mint_csrf_token`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the os random number generator failed")]
#[non_exhaustive]
pub struct RandomError;

impl RandomError {
    /// The stable code, `"random_failed"` (as the session crate's).
    pub fn code(&self) -> &'static str {
        "random_failed"
    }
}

/// A fresh CSRF token for [`CsrfPolicy::double_submit`]: 256 bits from the OS RNG,
/// base64url without padding (43 characters, valid as a cookie and a header value).
///
/// # Errors
/// [`RandomError`] when the OS random number generator fails.
pub fn mint_csrf_token() -> Result<String, RandomError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| RandomError)?;
    Ok(jwtcraft::codec::encode(&bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_of_cuts_at_the_path() {
        assert_eq!(
            origin_of("https://a.example/x?y"),
            Some("https://a.example")
        );
        assert_eq!(
            origin_of("http://a.example:8080"),
            Some("http://a.example:8080")
        );
        assert_eq!(origin_of("HTTPS://A.example#f"), Some("HTTPS://A.example"));
        assert_eq!(origin_of("https://u@a.example/"), None);
        assert_eq!(origin_of("ftp://a.example/"), None);
        assert_eq!(origin_of("https:///x"), None);
    }

    #[test]
    fn allowed_origins_are_checked() {
        assert!(CsrfPolicy::origin_check(["https://a.example"]).is_ok());
        for bad in [
            "https://a.example/",
            "a.example",
            "https://a.example/x",
            "https://u@a",
        ] {
            assert_eq!(
                CsrfPolicy::origin_check([bad]),
                Err(CsrfConfigError::InvalidOrigin),
                "{bad}"
            );
        }
        assert_eq!(
            CsrfPolicy::double_submit("a b", "x-csrf"),
            Err(CsrfConfigError::InvalidName)
        );
        assert_eq!(
            CsrfPolicy::double_submit("csrf", "x csrf"),
            Err(CsrfConfigError::InvalidName)
        );
    }

    #[test]
    fn minted_tokens_are_distinct_and_cookie_safe() {
        let (a, b) = (mint_csrf_token().unwrap(), mint_csrf_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(crate::CookieConfig::csrf("c").set(&a).is_ok());
    }
}
