#![doc = include_str!("../README.md")]
//!
//! # Design
//!
//! - **One state value.** [`JwtAuth<C>`] holds the verifier, the ordered token sources,
//!   the CSRF policy and the realm; the extractors find it through `FromRef`, so one router
//!   state serves any number of handlers.
//! - **The verifier is a trait.** [`StaticKeys`] (a key set swappable at runtime), the
//!   session crate's `SessionManager` (revocation-aware, feature `session`), a remote JWK
//!   Set (`JwksVerifier`, feature `jwks`), or yours ([`TokenVerifier`]).
//! - **Ambiguity is refused.** Two `Authorization` headers, a duplicated token cookie, a
//!   malformed `Bearer` header: 400 `invalid_request`, never a guess.
//! - **Cookies are CSRF-checked.** A token that came from a cookie on a state-changing
//!   request must pass the [`CsrfPolicy`]; a Bearer header never needs to.
//! - **Failures say what, not how.** 401 with an RFC 6750 challenge and the core's stable
//!   error code; 503 when the verifier could not judge (a session store down), never a 401
//!   that would log the user out.

#![forbid(unsafe_code)]

mod auth;
mod cookie;
mod csrf;
mod error;
mod extract;
#[cfg(feature = "jwks")]
mod jwks;
mod rejection;
#[cfg(feature = "session")]
mod session_cookies;
mod source;
mod verifier;

pub use crate::auth::{JwtAuth, RealmError};
pub use crate::cookie::{read_cookie, CookieConfig, CookieError, SameSite};
pub use crate::csrf::{mint_csrf_token, CsrfConfigError, CsrfError, CsrfPolicy, RandomError};
pub use crate::error::{AuthError, CredentialError, VerifyError};
pub use crate::extract::{Claims, Verified};
#[cfg(feature = "jwks")]
pub use crate::jwks::JwksVerifier;
#[cfg(feature = "session")]
pub use crate::rejection::SessionRejection;
pub use crate::rejection::{require_scope, AuthRejection, InsufficientScope};
#[cfg(feature = "session")]
pub use crate::session_cookies::{Issued, SessionCookies, SetCookies};
pub use crate::source::TokenSource;
pub use crate::verifier::{StaticKeys, TokenVerifier};
