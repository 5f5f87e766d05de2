//! [`Claim`] names and [`ClaimError`]: a claim check failed.

use std::fmt;

/// A registered or required claim, named for error reporting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Claim {
    /// `iss`, the issuer.
    Issuer,
    /// `sub`, the subject.
    Subject,
    /// `aud`, the audience.
    Audience,
    /// `exp`, the expiration time.
    Expiration,
    /// `nbf`, the not-before time.
    NotBefore,
    /// `iat`, the issued-at time.
    IssuedAt,
    /// `jti`, the token id.
    JwtId,
    /// The header's `typ`.
    Type,
    /// Any other claim, by name.
    Other(String),
}

impl Claim {
    /// The claim's JSON name, as it appears in a token.
    ///
    /// ```
    /// assert_eq!(jwtcraft::Claim::Expiration.name(), "exp");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            Claim::Issuer => "iss",
            Claim::Subject => "sub",
            Claim::Audience => "aud",
            Claim::Expiration => "exp",
            Claim::NotBefore => "nbf",
            Claim::IssuedAt => "iat",
            Claim::JwtId => "jti",
            Claim::Type => "typ",
            Claim::Other(name) => name,
        }
    }

    /// The claim with this JSON name; unregistered names become [`Claim::Other`].
    ///
    /// ```
    /// use jwtcraft::Claim;
    /// assert_eq!(Claim::from_name("aud"), Claim::Audience);
    /// assert_eq!(Claim::from_name("role"), Claim::Other("role".into()));
    /// ```
    pub fn from_name(name: &str) -> Claim {
        match name {
            "iss" => Claim::Issuer,
            "sub" => Claim::Subject,
            "aud" => Claim::Audience,
            "exp" => Claim::Expiration,
            "nbf" => Claim::NotBefore,
            "iat" => Claim::IssuedAt,
            "jti" => Claim::JwtId,
            "typ" => Claim::Type,
            other => Claim::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for Claim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A claim check failed. Only reported after the signature verified.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClaimError {
    /// A required claim is absent (or `null`).
    #[error("required claim {0} is missing")]
    Missing(Claim),

    /// A registered claim has the wrong JSON type (a string `exp`, a numeric `aud`…).
    /// Such a claim is never treated as absent.
    #[error("claim {0} has the wrong json type")]
    WrongType(Claim),

    /// A date claim is a number outside the range this crate represents (see
    /// [`NumericDate`](crate::NumericDate)).
    #[error("claim {0} is out of range")]
    OutOfRange(Claim),

    /// `exp` is in the past, beyond the leeway.
    #[error("token expired")]
    Expired,

    /// `nbf` is in the future, beyond the leeway.
    #[error("token is not valid yet")]
    NotYetValid,

    /// `iat` is in the future, beyond the leeway.
    #[error("token was issued in the future")]
    IssuedInFuture,

    /// `iat` is older than the configured maximum age.
    #[error("token is older than the maximum age")]
    TooOld,

    /// `iss` is not one of the accepted issuers.
    #[error("issuer is not accepted")]
    InvalidIssuer,

    /// None of the token's audiences is accepted.
    #[error("audience is not accepted")]
    InvalidAudience,

    /// The token has an `aud` but the [`Validation`](crate::Validation) configures no
    /// audience. RFC 7519 §4.1.3: a recipient that does not identify itself with a value in
    /// `aud` must reject the token. Configure the audiences this service answers to.
    #[error("token has an audience but no audience is configured")]
    UnexpectedAudience,

    /// `sub` is not the expected subject.
    #[error("subject is not accepted")]
    InvalidSubject,

    /// The header's `typ` is not the expected type.
    #[error("token type is not accepted")]
    InvalidType,

    /// The claims verified and validated, but the caller's claims type could not be built
    /// from them. The message is the parser's, cut and escaped.
    #[error("claims do not match the expected type: {0}")]
    Deserialize(String),
}

impl ClaimError {
    /// A stable, machine-readable code, such as `"claims.expired"`.
    pub fn code(&self) -> &'static str {
        match self {
            ClaimError::Missing(_) => "claims.missing",
            ClaimError::WrongType(_) => "claims.wrong_type",
            ClaimError::OutOfRange(_) => "claims.out_of_range",
            ClaimError::Expired => "claims.expired",
            ClaimError::NotYetValid => "claims.not_yet_valid",
            ClaimError::IssuedInFuture => "claims.issued_in_future",
            ClaimError::TooOld => "claims.too_old",
            ClaimError::InvalidIssuer => "claims.invalid_issuer",
            ClaimError::InvalidAudience => "claims.invalid_audience",
            ClaimError::UnexpectedAudience => "claims.unexpected_audience",
            ClaimError::InvalidSubject => "claims.invalid_subject",
            ClaimError::InvalidType => "claims.invalid_type",
            ClaimError::Deserialize(_) => "claims.deserialize",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_names_round_trip() {
        for name in [
            "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "typ", "role",
        ] {
            assert_eq!(Claim::from_name(name).name(), name);
        }
    }
}
