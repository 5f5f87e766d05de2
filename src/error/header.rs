//! [`HeaderError`]: the header is JSON but not acceptable.

use std::str::FromStr;

use super::echo;
use crate::alg::Algorithm;

/// The header was refused: its algorithm, its `crit` list, or the key it asks for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum HeaderError {
    /// The header has no `alg`.
    #[error("header has no alg")]
    MissingAlgorithm,

    /// The header names an algorithm this crate does not implement, including `none` in any
    /// casing. The name is cut to [`MAX_ECHO`](crate::MAX_ECHO) characters and escaped.
    #[error("unsupported algorithm \"{0}\"")]
    UnsupportedAlgorithm(String),

    /// The header's `alg` differs from the algorithm of the key it is verified with.
    ///
    /// This is the check that makes algorithm-confusion attacks fail: the key decides the
    /// algorithm, never the token.
    #[error("algorithm mismatch: the key is for {expected}, the token says {found}")]
    AlgorithmMismatch {
        /// The algorithm the verifying key is bound to.
        expected: Algorithm,
        /// The algorithm the token's header names.
        found: Algorithm,
    },

    /// A `crit` list breaks RFC 7515 §4.1.11: it is empty, repeats a name, names a
    /// registered parameter, or names one absent from the header. The same error on
    /// [`encode`](crate::encode) and on decode.
    #[error(
        "crit must be a non-empty list of distinct extension parameters present in the header"
    )]
    InvalidCritical,

    /// The header lists a `crit` extension that this verifier was not told it understands
    /// (RFC 7515 §4.1.11). The name is cut and escaped.
    #[error("unsupported critical header parameter \"{0}\"")]
    UnsupportedCritical(String),

    /// The header uses a parameter whose meaning this crate does not implement and which
    /// would change how the token must be processed (for example `"b64": false`, RFC 7797).
    #[error("unsupported header parameter \"{0}\"")]
    UnsupportedParameter(&'static str),

    /// A header given to [`encode`](crate::encode) sets an extra parameter with a registered
    /// name (`alg`, `kid`…), which has a typed setter or is written by the signer.
    #[error("an extra header parameter uses a registered or unsupported name")]
    ReservedName,

    /// The header given to [`encode`](crate::encode) has a `kid` that differs from the
    /// signer's key id.
    #[error("kid differs from the signer's key id")]
    KeyIdConflict,

    /// A [`KeySet`](crate::KeySet) has no key with the token's `kid`. The id is cut and
    /// escaped.
    #[error("no key with id \"{0}\"")]
    UnknownKeyId(String),

    /// The token has no `kid`, and the [`KeySet`](crate::KeySet) verifying it selects keys
    /// by id.
    #[error("token has no kid to select a key")]
    MissingKeyId,

    /// The token has no `kid` and the [`KeySet`](crate::KeySet) would try every key, but it
    /// holds more keys of the token's algorithm than it may try for one token.
    #[error("{candidates} keys could verify a token without kid; at most {max} are tried")]
    TooManyCandidateKeys {
        /// Keys of the token's algorithm in the set.
        candidates: usize,
        /// [`KeySet::MAX_TRY_ALL`](crate::KeySet::MAX_TRY_ALL).
        max: usize,
    },
}

impl HeaderError {
    /// A stable, machine-readable code, such as `"header.algorithm_mismatch"`.
    pub fn code(&self) -> &'static str {
        match self {
            HeaderError::MissingAlgorithm => "header.missing_algorithm",
            HeaderError::UnsupportedAlgorithm(_) => "header.unsupported_algorithm",
            HeaderError::AlgorithmMismatch { .. } => "header.algorithm_mismatch",
            HeaderError::InvalidCritical => "header.invalid_critical",
            HeaderError::UnsupportedCritical(_) => "header.unsupported_critical",
            HeaderError::UnsupportedParameter(_) => "header.unsupported_parameter",
            HeaderError::ReservedName => "header.reserved_name",
            HeaderError::KeyIdConflict => "header.key_id_conflict",
            HeaderError::UnknownKeyId(_) => "header.unknown_key_id",
            HeaderError::MissingKeyId => "header.missing_key_id",
            HeaderError::TooManyCandidateKeys { .. } => "header.too_many_candidate_keys",
        }
    }

    /// [`HeaderError::UnsupportedAlgorithm`] from attacker text, cut and escaped.
    #[cold]
    pub(crate) fn unsupported_algorithm(name: &str) -> HeaderError {
        HeaderError::UnsupportedAlgorithm(echo(name))
    }

    /// [`HeaderError::UnsupportedCritical`] from attacker text, cut and escaped.
    #[cold]
    pub(crate) fn unsupported_critical(name: &str) -> HeaderError {
        HeaderError::UnsupportedCritical(echo(name))
    }

    /// [`HeaderError::UnknownKeyId`] from attacker text, cut and escaped.
    #[cold]
    pub(crate) fn unknown_key_id(kid: &str) -> HeaderError {
        HeaderError::UnknownKeyId(echo(kid))
    }
}

// Here rather than beside `Algorithm`, so that the algorithm names depend on nothing.
impl FromStr for Algorithm {
    type Err = HeaderError;

    fn from_str(name: &str) -> Result<Self, HeaderError> {
        Algorithm::from_name(name).ok_or_else(|| HeaderError::unsupported_algorithm(name))
    }
}
