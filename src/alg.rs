//! [`Algorithm`]: the names of the JWS signature algorithms this crate implements.
//!
//! A leaf module: it depends on nothing else in the crate, so the error types can name
//! algorithms without an import cycle. (`FromStr` lives beside [`HeaderError`], its error.)
//!
//! [`HeaderError`]: crate::HeaderError

use std::fmt;

/// A JWS signature algorithm supported by this crate (RFC 7518 §3.1).
///
/// Names are matched exactly and case-sensitively, as RFC 7515 §4.1.1 requires: `hs256` is
/// not `HS256`.
///
/// ```
/// use jwtcraft::Algorithm;
/// assert_eq!("ES256".parse::<Algorithm>().unwrap(), Algorithm::Es256);
/// assert!("none".parse::<Algorithm>().is_err());
/// assert!("hs256".parse::<Algorithm>().is_err());
/// assert_eq!(Algorithm::Rs256.to_string(), "RS256");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    Hs256,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// ECDSA with P-256 and SHA-256.
    Es256,
}

impl Algorithm {
    /// The name used in the JOSE header's `alg`.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Rs256 => "RS256",
            Algorithm::Es256 => "ES256",
        }
    }

    /// The algorithm with this exact `alg` name, if supported.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        match name {
            "HS256" => Some(Algorithm::Hs256),
            "RS256" => Some(Algorithm::Rs256),
            "ES256" => Some(Algorithm::Es256),
            _ => None,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
