//! Verification against a remote JWK Set (feature `jwks`): a resource server that knows only
//! its issuer's JWKS URL.

use std::fmt;
use std::future::Future;

use jwtcraft::Validation;
use jwtcraft_jwks::{JwksError, JwksFetcher, RemoteJwks};
use serde::de::DeserializeOwned;

use crate::error::VerifyError;
use crate::verifier::TokenVerifier;

/// A [`TokenVerifier`] over a [`RemoteJwks`]: picks the key by the token's `kid` from the
/// issuer's cached JWK Set (refetched on an unknown `kid`, outside the cooldown, one fetch
/// for any number of concurrent requests) and checks the claims with `validation`.
///
/// Failures map as a client expects:
///
/// - a token the core refuses: 401 with the core's code (`claims.expired`, …);
/// - no key with the token's `kid`, even after a refetch: 401 `jwks.unknown_key`;
/// - no key set to judge with (the issuer unreachable and nothing cached yet): 503 with the
///   fetch's code (`jwks.timeout`, …), never a 401 that would log the user out.
///
/// ```no_run
/// # async fn run() -> Result<(), Box<dyn std::error::Error>> {
/// use jwtcraft::Validation;
/// use jwtcraft_axum::{JwksVerifier, JwtAuth};
/// use jwtcraft_jwks::RemoteJwks;
///
/// #[derive(serde::Deserialize)]
/// struct User {
///     sub: String,
/// }
///
/// let jwks = RemoteJwks::builder("https://auth.example.com/.well-known/jwks.json").build()?;
/// let validation = Validation::new().with_issuer("https://auth.example.com");
/// let auth: JwtAuth<User> = JwtAuth::new(JwksVerifier::new(jwks, validation));
/// # let _ = auth;
/// # Ok(())
/// # }
/// ```
pub struct JwksVerifier<F = jwtcraft_jwks::DefaultRemoteFetcher> {
    jwks: RemoteJwks<F>,
    validation: Validation,
}

impl<F> JwksVerifier<F> {
    /// Verifies with the keys of `jwks` and the claim checks of `validation`.
    pub fn new(jwks: RemoteJwks<F>, validation: Validation) -> Self {
        JwksVerifier { jwks, validation }
    }

    /// The remote key set, for its status, skipped entries and manual refreshes.
    pub fn jwks(&self) -> &RemoteJwks<F> {
        &self.jwks
    }

    /// The claim checks.
    pub fn validation(&self) -> &Validation {
        &self.validation
    }
}

impl<F> fmt::Debug for JwksVerifier<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwksVerifier")
            .field("jwks", &self.jwks)
            .field("validation", &self.validation)
            .finish()
    }
}

impl<C, F> TokenVerifier<C> for JwksVerifier<F>
where
    C: DeserializeOwned + Send + 'static,
    F: JwksFetcher,
{
    fn verify(&self, token: &str) -> impl Future<Output = Result<C, VerifyError>> + Send {
        let decoding = self.jwks.decode::<C>(token, &self.validation);
        async move {
            decoding
                .await
                .map(jwtcraft::Token::into_claims)
                .map_err(verify_error)
        }
    }
}

/// The [`VerifyError`] of a [`JwksError`]: 503 when the keys could not be had, the core's own
/// error when it refused the token, 401 `jwks.unknown_key` for a `kid` the issuer lacks.
fn verify_error(error: JwksError) -> VerifyError {
    if error.is_unavailable() {
        return VerifyError::Unavailable {
            code: error.code(),
            source: Some(Box::new(error)),
        };
    }
    match error {
        JwksError::Rejected(core) => VerifyError::Token(core),
        other => VerifyError::Refused {
            code: other.code(),
            description: "no key of the issuer matches the token's key id",
        },
    }
}
