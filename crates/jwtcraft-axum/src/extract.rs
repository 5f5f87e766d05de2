//! The extractors: [`Claims`] and [`Verified`].

use std::ops::{Deref, DerefMut};

use axum_core::extract::{FromRef, FromRequestParts, OptionalFromRequestParts};
use http::request::Parts;

use crate::auth::JwtAuth;
use crate::error::AuthError;
use crate::rejection::AuthRejection;
use crate::source::TokenSource;

/// The verified claims of the request's token.
///
/// Extracted with the [`JwtAuth<C>`] that the router state provides through
/// [`FromRef`]. As `Option<Claims<C>>`, a request without any token gives `None`, but a
/// request *with* a token that is refused (malformed, forged, expired, revoked, CSRF) is
/// still rejected: a client that sent credentials must learn they failed, rather than be
/// served the anonymous page as if nothing was sent.
///
/// ```
/// use axum::{routing::get, Router};
/// use jwtcraft_axum::{Claims, JwtAuth};
///
/// #[derive(serde::Deserialize)]
/// struct User { sub: String }
///
/// async fn me(Claims(user): Claims<User>) -> String { user.sub }
/// async fn home(user: Option<Claims<User>>) -> String {
///     user.map_or("hello, stranger".into(), |u| format!("hello, {}", u.sub))
/// }
///
/// fn app(auth: JwtAuth<User>) -> Router {
///     Router::new().route("/me", get(me)).route("/", get(home)).with_state(auth)
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claims<C>(pub C);

impl<C> Deref for Claims<C> {
    type Target = C;
    fn deref(&self) -> &C {
        &self.0
    }
}

impl<C> DerefMut for Claims<C> {
    fn deref_mut(&mut self) -> &mut C {
        &mut self.0
    }
}

/// [`Claims`] and the [`TokenSource`] the token came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified<C> {
    claims: C,
    source: TokenSource,
}

impl<C> Verified<C> {
    pub(crate) fn new(claims: C, source: TokenSource) -> Self {
        Verified { claims, source }
    }

    /// The claims.
    pub fn claims(&self) -> &C {
        &self.claims
    }

    /// Where the token was found.
    pub fn source(&self) -> &TokenSource {
        &self.source
    }

    /// The claims, by value.
    pub fn into_claims(self) -> C {
        self.claims
    }
}

impl<C> Deref for Verified<C> {
    type Target = C;
    fn deref(&self) -> &C {
        &self.claims
    }
}

impl<S, C> FromRequestParts<S> for Verified<C>
where
    S: Send + Sync,
    C: Send + 'static,
    JwtAuth<C>: FromRef<S>,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let auth = JwtAuth::<C>::from_ref(state);
        auth.authenticate(parts)
            .await?
            .ok_or_else(|| auth.reject(AuthError::Missing))
    }
}

impl<S, C> OptionalFromRequestParts<S> for Verified<C>
where
    S: Send + Sync,
    C: Send + 'static,
    JwtAuth<C>: FromRef<S>,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        JwtAuth::<C>::from_ref(state).authenticate(parts).await
    }
}

impl<S, C> FromRequestParts<S> for Claims<C>
where
    S: Send + Sync,
    C: Send + 'static,
    JwtAuth<C>: FromRef<S>,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let verified =
            <Verified<C> as FromRequestParts<S>>::from_request_parts(parts, state).await?;
        Ok(Claims(verified.claims))
    }
}

impl<S, C> OptionalFromRequestParts<S> for Claims<C>
where
    S: Send + Sync,
    C: Send + 'static,
    JwtAuth<C>: FromRef<S>,
{
    type Rejection = AuthRejection;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &S,
    ) -> Result<Option<Self>, Self::Rejection> {
        let verified =
            <Verified<C> as OptionalFromRequestParts<S>>::from_request_parts(parts, state).await?;
        Ok(verified.map(|v| Claims(v.claims)))
    }
}
