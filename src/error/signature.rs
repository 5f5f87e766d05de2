//! [`SignatureError`]: the signature did not verify.

/// The signature did not verify, or the verifier could not run.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignatureError {
    /// The signature does not verify, including when it has the wrong length or encoding.
    /// Deliberately carries no detail.
    #[error("invalid signature")]
    Invalid,

    /// A user-supplied [`Verifier`](crate::Verifier) (a KMS or HSM, say) failed for a reason
    /// of its own: the token was not judged. A server-side failure, not the client's.
    #[error("verification backend failed")]
    Backend(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl SignatureError {
    /// A stable, machine-readable code: `"signature.invalid"` or `"signature.backend"`.
    pub fn code(&self) -> &'static str {
        match self {
            SignatureError::Invalid => "signature.invalid",
            SignatureError::Backend(_) => "signature.backend",
        }
    }
}
