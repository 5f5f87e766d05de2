//! [`EncodeError`]: a token could not be issued.

use super::HeaderError;

/// Why [`encode`](crate::encode) could not issue a token. None of these can happen while
/// verifying, so they are not part of [`Error`](crate::Error).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// The header is not valid to write (a reserved extra name, a bad `crit` list, a `kid`
    /// that contradicts the signer's).
    #[error("invalid header: {0}")]
    Header(#[from] HeaderError),

    /// The claims could not be serialized to JSON.
    #[error("claims could not be serialized to json")]
    Serialize(#[source] Box<dyn std::error::Error + Send + Sync>),

    /// The claims serialized to JSON that is not an object (RFC 7519 §7.1).
    #[error("claims must serialize to a json object")]
    ClaimsNotObject,

    /// A key of this crate could not produce a signature (the primitive itself failed).
    #[error("signing failed")]
    Signing,

    /// A user-supplied [`Signer`](crate::Signer) (a KMS or HSM, say) failed for a reason of
    /// its own.
    #[error("signing backend failed")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl EncodeError {
    /// A stable, machine-readable code, such as `"encode.serialize"`.
    pub fn code(&self) -> &'static str {
        match self {
            EncodeError::Header(_) => "encode.header",
            EncodeError::Serialize(_) => "encode.serialize",
            EncodeError::ClaimsNotObject => "encode.claims_not_object",
            EncodeError::Signing => "encode.signing",
            EncodeError::Backend(_) => "encode.backend",
        }
    }
}
