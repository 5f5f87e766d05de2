//! [`TokenSource`]: where a request's token is looked for.

use std::borrow::Cow;

use http::header::AUTHORIZATION;
use http::HeaderMap;

use crate::cookie::read_cookie;
use crate::error::CredentialError;

/// One place a token is looked for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenSource {
    /// `Authorization: Bearer <token>` (RFC 6750 §2.1).
    Bearer,
    /// The cookie of this name.
    Cookie(Cow<'static, str>),
}

impl TokenSource {
    /// [`TokenSource::Cookie`] of `name`.
    pub fn cookie(name: impl Into<Cow<'static, str>>) -> Self {
        TokenSource::Cookie(name.into())
    }

    /// Whether this is a cookie source (which the CSRF policy guards).
    pub fn is_cookie(&self) -> bool {
        matches!(self, TokenSource::Cookie(_))
    }

    /// The token in `headers` from this source, `Ok(None)` when this source has none.
    ///
    /// An `Authorization` header of another scheme (`Basic …`) is "no bearer token", so the
    /// next source is tried; a `Bearer` header that is empty or malformed, two
    /// `Authorization` headers, or a duplicated or malformed cookie is an error: the request
    /// is ambiguous, and guessing would be a silent accept.
    ///
    /// # Errors
    /// [`CredentialError`].
    pub fn find<'h>(&self, headers: &'h HeaderMap) -> Result<Option<&'h str>, CredentialError> {
        match self {
            TokenSource::Bearer => {
                let mut values = headers.get_all(AUTHORIZATION).iter();
                let Some(value) = values.next() else {
                    return Ok(None);
                };
                if values.next().is_some() {
                    return Err(CredentialError::DuplicateAuthorization);
                }
                let value = value
                    .to_str()
                    .map_err(|_| CredentialError::AuthorizationNotAscii)?;
                match jwtcraft::bearer_token(value) {
                    Ok(token) => Ok(Some(token)),
                    Err(jwtcraft::BearerError::NotBearer) => Ok(None),
                    Err(other) => Err(other.into()),
                }
            }
            TokenSource::Cookie(name) => Ok(read_cookie(headers, name)?),
        }
    }
}

/// Tries `sources` in order: the first that has a token wins; an error stops the search.
pub(crate) fn find_token<'s, 'h>(
    sources: &'s [TokenSource],
    headers: &'h HeaderMap,
) -> Result<Option<(&'h str, &'s TokenSource)>, CredentialError> {
    for source in sources {
        if let Some(token) = source.find(headers)? {
            return Ok(Some((token, source)));
        }
    }
    Ok(None)
}
