//! [`TokenVerifier`]: how a token string becomes claims, and [`StaticKeys`], the verifier of a
//! rotatable key set.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, PoisonError, RwLock};

use jwtcraft::{KeySet, TypedVerifyingKey, Validation};
use serde::de::DeserializeOwned;

use crate::error::VerifyError;

/// Verifies a token string into claims `C`.
///
/// Implemented by [`StaticKeys`] (a [`KeySet`] you can swap at runtime), by
/// [`SessionManager`](jwtcraft_session::SessionManager) (revocation-aware, feature `session`),
/// and by `Arc<T>` of any verifier. Implement it for your own source of keys (a remote JWKS,
/// a KMS): return [`VerifyError::Token`] for the core's verdict on the token,
/// [`VerifyError::Unavailable`] when the verifier itself could not judge (HTTP 503).
///
/// ```
/// use jwtcraft::{Hs256Key, Validation};
/// use jwtcraft_axum::{TokenVerifier, VerifyError};
///
/// struct OneKey(Hs256Key, Validation);
///
/// impl<C: serde::de::DeserializeOwned + Send + 'static> TokenVerifier<C> for OneKey {
///     async fn verify(&self, token: &str) -> Result<C, VerifyError> {
///         Ok(jwtcraft::decode::<C>(token, &self.0, &self.1)?.into_claims())
///     }
/// }
/// ```
pub trait TokenVerifier<C>: Send + Sync + 'static {
    /// Verifies `token` (the bare compact JWS, without any `Bearer ` prefix).
    ///
    /// # Errors
    /// [`VerifyError`]: the token is refused, or the verifier could not judge it.
    fn verify(&self, token: &str) -> impl Future<Output = Result<C, VerifyError>> + Send;
}

impl<C, T: TokenVerifier<C>> TokenVerifier<C> for Arc<T> {
    fn verify(&self, token: &str) -> impl Future<Output = Result<C, VerifyError>> + Send {
        (**self).verify(token)
    }
}

pub(crate) type VerifyFuture<'a, C> =
    Pin<Box<dyn Future<Output = Result<C, VerifyError>> + Send + 'a>>;

/// [`TokenVerifier`] as a trait object, so that [`JwtAuth`](crate::JwtAuth) is generic over
/// the claims type only and the extractors can find it by that type alone.
pub(crate) trait DynVerifier<C>: Send + Sync {
    fn verify_dyn<'a>(&'a self, token: &'a str) -> VerifyFuture<'a, C>;
}

impl<C: 'static, T: TokenVerifier<C>> DynVerifier<C> for T {
    fn verify_dyn<'a>(&'a self, token: &'a str) -> VerifyFuture<'a, C> {
        Box::pin(self.verify(token))
    }
}

/// A [`KeySet`] and a [`Validation`]; the key set can be replaced at runtime
/// ([`swap_keys`](StaticKeys::swap_keys)) for key rotation, without restarting or rebuilding
/// the router.
///
/// Keep an `Arc<StaticKeys>` and give a clone to [`JwtAuth::new`](crate::JwtAuth::new):
///
/// ```
/// use std::sync::Arc;
/// use jwtcraft::{Hs256Key, KeySet, Validation};
/// use jwtcraft_axum::{JwtAuth, StaticKeys};
///
/// let old = Hs256Key::new(&[1; 32])?.with_key_id("k1");
/// let keys = Arc::new(StaticKeys::new(KeySet::new().with_key(old), Validation::new()));
/// let auth: JwtAuth<serde_json::Value> = JwtAuth::new(keys.clone());
///
/// // Later, from a rotation task: tokens signed by k1 are refused from now on.
/// let new = Hs256Key::new(&[2; 32])?.with_key_id("k2");
/// keys.swap_keys(KeySet::new().with_key(new));
/// # let _ = auth;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct StaticKeys {
    // A read lock is held only to clone the `Arc`: verification runs outside the lock, so a
    // swap never waits for a slow signature check and no check ever sees half a key set.
    keys: RwLock<Arc<KeySet>>,
    validation: Validation,
}

impl StaticKeys {
    /// Verifies with `keys` (the token's `kid` selects the key; see [`KeySet`]) and
    /// `validation`.
    pub fn new(keys: KeySet, validation: Validation) -> Self {
        StaticKeys {
            keys: RwLock::new(Arc::new(keys)),
            validation,
        }
    }

    /// Verifies with one key, whether or not the token has a `kid` (the set is built with
    /// [`KeySet::try_all_keys`]).
    pub fn single(key: impl Into<TypedVerifyingKey>, validation: Validation) -> Self {
        StaticKeys::new(KeySet::new().with_key(key).try_all_keys(), validation)
    }

    /// Replaces the key set; returns the previous one. Requests already verifying finish with
    /// the set they started with; every later one uses `keys`.
    pub fn swap_keys(&self, keys: KeySet) -> Arc<KeySet> {
        let mut guard = self.keys.write().unwrap_or_else(PoisonError::into_inner);
        std::mem::replace(&mut *guard, Arc::new(keys))
    }

    /// The key set in use.
    pub fn keys(&self) -> Arc<KeySet> {
        Arc::clone(&self.keys.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// The validation rules.
    pub fn validation(&self) -> &Validation {
        &self.validation
    }

    /// Verifies `token` now (the synchronous core of [`TokenVerifier::verify`]).
    ///
    /// # Errors
    /// The core's [`jwtcraft::Error`], as from [`KeySet::decode`].
    pub fn decode<C: DeserializeOwned>(&self, token: &str) -> Result<C, jwtcraft::Error> {
        let keys = self.keys();
        Ok(keys.decode::<C>(token, &self.validation)?.into_claims())
    }
}

impl<C: DeserializeOwned + Send + 'static> TokenVerifier<C> for StaticKeys {
    fn verify(&self, token: &str) -> impl Future<Output = Result<C, VerifyError>> + Send {
        // Verification is CPU work with no I/O: done here, the future only carries the result.
        std::future::ready(self.decode(token).map_err(VerifyError::Token))
    }
}

#[cfg(feature = "session")]
impl<S, C> TokenVerifier<jwtcraft_session::AccessClaims<C>> for jwtcraft_session::SessionManager<S>
where
    S: jwtcraft_session::Store,
    C: DeserializeOwned + Send + 'static,
{
    fn verify(
        &self,
        token: &str,
    ) -> impl Future<Output = Result<jwtcraft_session::AccessClaims<C>, VerifyError>> + Send {
        // `verify_as` checks the in-process revocation mirror: no store call per request.
        std::future::ready(self.verify_as::<C>(token).map_err(VerifyError::from))
    }
}
