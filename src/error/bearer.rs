//! [`BearerError`]: an `Authorization` header value that is not a Bearer token.

/// Why [`bearer_token`](crate::bearer_token) found no token in an `Authorization` header
/// value (RFC 6750 §2.1). Each maps to an HTTP 401 with `WWW-Authenticate: Bearer`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BearerError {
    /// The header uses another scheme (`Basic …`), or no scheme at all.
    #[error("authorization scheme is not bearer")]
    NotBearer,

    /// `Bearer` with nothing after it.
    #[error("bearer token is empty")]
    Empty,

    /// The token has characters outside RFC 6750's token68 set, or more than one token.
    #[error("bearer token has characters outside the token68 set")]
    InvalidCharacter,
}

impl BearerError {
    /// A stable, machine-readable code, such as `"bearer.not_bearer"`.
    pub fn code(&self) -> &'static str {
        match self {
            BearerError::NotBearer => "bearer.not_bearer",
            BearerError::Empty => "bearer.empty",
            BearerError::InvalidCharacter => "bearer.invalid_character",
        }
    }
}
