//! [`JwtAuth`]: the verifier, the token sources, the CSRF policy and the realm, shared by
//! every request.

use std::sync::Arc;

use http::request::Parts;
use http::{HeaderMap, Method};

use crate::csrf::CsrfPolicy;
use crate::error::{AuthError, VerifyError};
use crate::extract::Verified;
use crate::rejection::{AuthRejection, InsufficientScope};
use crate::source::{find_token, TokenSource};
use crate::verifier::{DynVerifier, TokenVerifier};

/// What the extractors need to authenticate a request with claims `C`: a
/// [`TokenVerifier`], where to look for the token ([`TokenSource`]s, in order), the
/// [`CsrfPolicy`] for cookie-carried tokens, and the realm of the `WWW-Authenticate`
/// challenge.
///
/// Cheap to clone (two `Arc`s). Put it in your router state and let the extractors find it
/// with [`FromRef`](axum_core::extract::FromRef); it is generic over the claims type only, so
/// `JwtAuth<MyClaims>` names it whatever verifier is inside.
///
/// Defaults: the `Authorization: Bearer` header only, no realm, and
/// [`CsrfPolicy::default`] (which refuses every state-changing cookie request until you
/// list your origins); add a cookie with [`with_cookie`](JwtAuth::with_cookie).
///
/// ```
/// use std::sync::Arc;
/// use jwtcraft::{Hs256Key, Validation};
/// use jwtcraft_axum::{CsrfPolicy, JwtAuth, StaticKeys, TokenSource};
///
/// let keys = Arc::new(StaticKeys::single(Hs256Key::new(&[7; 32])?, Validation::new()));
/// let auth: JwtAuth<serde_json::Value> = JwtAuth::new(keys)
///     .with_cookie("__Host-access")               // Bearer first, then this cookie
///     .with_csrf(CsrfPolicy::origin_check(["https://app.example.com"])?)
///     .with_realm("api")?;
/// assert_eq!(auth.sources(), [TokenSource::Bearer, TokenSource::cookie("__Host-access")]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct JwtAuth<C> {
    verifier: Arc<dyn DynVerifier<C>>,
    config: Arc<Config>,
}

#[derive(Debug, Clone)]
struct Config {
    sources: Vec<TokenSource>,
    csrf: CsrfPolicy,
    realm: Option<Arc<str>>,
}

impl<C> Clone for JwtAuth<C> {
    fn clone(&self) -> Self {
        JwtAuth {
            verifier: Arc::clone(&self.verifier),
            config: Arc::clone(&self.config),
        }
    }
}

impl<C> std::fmt::Debug for JwtAuth<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtAuth")
            .field("sources", &self.config.sources)
            .field("csrf", &self.config.csrf)
            .field("realm", &self.config.realm)
            .finish_non_exhaustive()
    }
}

/// A realm that cannot go in a quoted string.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RealmError {
    /// The realm has `"`, `\`, control or non-ASCII characters.
    #[error("realm must be printable ascii without '\"' or '\\'")]
    InvalidRealm,
}

impl<C: 'static> JwtAuth<C> {
    /// Authentication with `verifier`, from the `Authorization: Bearer` header.
    pub fn new(verifier: impl TokenVerifier<C>) -> Self {
        JwtAuth {
            verifier: Arc::new(verifier),
            config: Arc::new(Config {
                sources: vec![TokenSource::Bearer],
                csrf: CsrfPolicy::default(),
                realm: None,
            }),
        }
    }
}

impl<C> JwtAuth<C> {
    /// Replaces the token sources; the first that holds a token wins. An empty list finds
    /// no token in any request.
    #[must_use]
    pub fn with_sources(mut self, sources: impl IntoIterator<Item = TokenSource>) -> Self {
        Arc::make_mut(&mut self.config).sources = sources.into_iter().collect();
        self
    }

    /// Adds the cookie `name` as the last source.
    #[must_use]
    pub fn with_cookie(mut self, name: impl Into<std::borrow::Cow<'static, str>>) -> Self {
        Arc::make_mut(&mut self.config)
            .sources
            .push(TokenSource::cookie(name));
        self
    }

    /// The CSRF policy for cookie-carried tokens.
    #[must_use]
    pub fn with_csrf(mut self, policy: CsrfPolicy) -> Self {
        Arc::make_mut(&mut self.config).csrf = policy;
        self
    }

    /// The `realm` of the `WWW-Authenticate` challenge.
    ///
    /// # Errors
    /// [`RealmError::InvalidRealm`] when `realm` cannot be a quoted string.
    pub fn with_realm(mut self, realm: impl AsRef<str>) -> Result<Self, RealmError> {
        let realm = realm.as_ref();
        if !realm
            .bytes()
            .all(|b| (0x20..0x7F).contains(&b) && b != b'"' && b != b'\\')
        {
            return Err(RealmError::InvalidRealm);
        }
        Arc::make_mut(&mut self.config).realm = Some(realm.into());
        Ok(self)
    }

    /// The token sources, in order.
    pub fn sources(&self) -> &[TokenSource] {
        &self.config.sources
    }

    /// The CSRF policy.
    pub fn csrf(&self) -> &CsrfPolicy {
        &self.config.csrf
    }

    /// The realm, if set.
    pub fn realm(&self) -> Option<&str> {
        self.config.realm.as_deref()
    }

    /// An [`InsufficientScope`] response naming this realm.
    pub fn insufficient_scope(&self, scope: impl Into<String>) -> InsufficientScope {
        InsufficientScope::new(scope).with_shared_realm(self.config.realm.clone())
    }

    /// [`require_scope`](crate::require_scope), with this realm in the 403 challenge.
    ///
    /// # Errors
    /// [`InsufficientScope`] naming `required`.
    pub fn require_scope(&self, granted: &str, required: &str) -> Result<(), InsufficientScope> {
        crate::rejection::require_scope(granted, required)
            .map_err(|e| e.with_shared_realm(self.config.realm.clone()))
    }

    /// Wraps `error` in a rejection naming this realm.
    pub fn reject(&self, error: impl Into<AuthError>) -> AuthRejection {
        AuthRejection::with_realm(error.into(), self.config.realm.clone())
    }

    /// Verifies `token` with the verifier, outside of any request (e.g. a WebSocket's first
    /// message).
    ///
    /// # Errors
    /// The verifier's [`VerifyError`].
    pub async fn verify(&self, token: &str) -> Result<C, VerifyError> {
        self.verifier.verify_dyn(token).await
    }

    /// Runs the CSRF policy on a request as if its token came from a cookie: for handlers
    /// that act on a cookie without the extractors (a refresh endpoint reading a
    /// refresh-token cookie). Take `Method` and `HeaderMap` as extractors.
    ///
    /// # Errors
    /// A 403 [`AuthRejection`] with a [`CsrfError`](crate::CsrfError).
    pub fn check_csrf(&self, method: &Method, headers: &HeaderMap) -> Result<(), AuthRejection> {
        self.config
            .csrf
            .check(method, headers)
            .map_err(|e| self.reject(e))
    }

    /// What the extractors do: finds the token, runs the CSRF policy if it came from a
    /// cookie, and verifies it. `Ok(None)` when no source holds a token.
    ///
    /// # Errors
    /// [`AuthRejection`] for malformed or ambiguous credentials, a CSRF failure, or a
    /// refused token.
    pub async fn authenticate(&self, parts: &Parts) -> Result<Option<Verified<C>>, AuthRejection> {
        let found = find_token(&self.config.sources, &parts.headers).map_err(|e| self.reject(e))?;
        let Some((token, source)) = found else {
            return Ok(None);
        };
        if source.is_cookie() {
            self.check_csrf(&parts.method, &parts.headers)?;
        }
        let claims = self
            .verifier
            .verify_dyn(token)
            .await
            .map_err(|e| self.reject(e))?;
        Ok(Some(Verified::new(claims, source.clone())))
    }
}
