//! [`KeyError`]: a key could not be built.

/// A key could not be built from the bytes, numbers or JWK given, or does not suit the
/// algorithm it is built for.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    /// An HMAC secret shorter than the hash output (RFC 7518 §3.2).
    #[error("hmac key is {len} bytes, the minimum is {min}")]
    HmacTooShort {
        /// Length of the given key.
        len: usize,
        /// The minimum for the algorithm.
        min: usize,
    },

    /// An HMAC secret that is a PEM document: almost certainly a public key passed by mistake.
    #[error("hmac key looks like a pem document; pass the raw secret bytes")]
    HmacLooksLikePem,

    /// An RSA modulus below 2048 bits (RFC 7518 §3.3) or above the supported maximum.
    #[error("rsa modulus is {bits} bits, allowed are {min} to {max}")]
    RsaModulusSize {
        /// The key's modulus size.
        bits: usize,
        /// Smallest accepted modulus.
        min: usize,
        /// Largest accepted modulus.
        max: usize,
    },

    /// The input is not the kind of thing the constructor needs: a public key where a
    /// private key is needed or the reverse, a certificate, or an encrypted private key. Read
    /// from the PEM label or the key's ASN.1 structure, only after parsing failed.
    #[error("this is {found}, expected {expected}")]
    WrongKind {
        /// What the input is, such as `"a public key"`.
        found: &'static str,
        /// What the constructor needs, such as `"a private key"`.
        expected: &'static str,
    },

    /// The input is a key of another algorithm family or curve, such as an EC key on P-384
    /// given to a P-256 constructor, or an RSA key given to an EC one. Read from the PEM
    /// label, the SPKI / PKCS#8 algorithm identifier or the SEC1 curve, only after parsing
    /// failed. When both the type and the kind are wrong, the type is reported.
    #[error("this is {found}, expected {expected}")]
    WrongType {
        /// What the input is, such as `"an ec key on curve p-384"`.
        found: &'static str,
        /// What the constructor needs, such as `"an ec key on curve p-256"`.
        expected: &'static str,
    },

    /// The key bytes could not be parsed in the named format.
    #[error("key is not valid {format}")]
    Parse {
        /// The format that was expected, such as `"pkcs8 pem"`.
        format: &'static str,
    },

    /// The key parsed but its numbers are not a valid key (not on the curve, not an RSA key).
    #[error("key is invalid: {0}")]
    Invalid(&'static str),

    /// The operating system's random number generator failed while generating a key.
    #[error("random number generator failed")]
    Random,

    /// A JWK or JWK Set is not usable as this key type (RFC 7517, RFC 7518 §6).
    #[error("invalid jwk: {0}")]
    Jwk(&'static str),

    /// A JWK Set document is not JSON, not an object, or has no `keys` array (or two).
    /// The parser's message is cut and escaped. (A bad *entry* of a set is not an error: it
    /// is skipped and reported as a [`SkippedKey`](crate::SkippedKey).)
    #[error("jwk json is invalid: {0}")]
    JwkJson(String),

    /// A JWK member contradicts the key type it is imported as: `kty`, `crv`, `alg`, `use`
    /// or `key_ops`. A JWK never becomes a key for an algorithm it does not name.
    #[error("jwk {member} must be {expected}")]
    JwkMismatch {
        /// The member that disagrees.
        member: &'static str,
        /// What this key type needs it to be.
        expected: &'static str,
    },

    /// A member the key type needs is absent or not base64url.
    #[error("jwk member {0} is missing or not base64url")]
    JwkMissingMember(&'static str),
}

impl KeyError {
    /// A stable, machine-readable code, such as `"key.rsa_modulus_size"`.
    pub fn code(&self) -> &'static str {
        match self {
            KeyError::HmacTooShort { .. } => "key.hmac_too_short",
            KeyError::HmacLooksLikePem => "key.hmac_looks_like_pem",
            KeyError::RsaModulusSize { .. } => "key.rsa_modulus_size",
            KeyError::WrongKind { .. } => "key.wrong_kind",
            KeyError::WrongType { .. } => "key.wrong_type",
            KeyError::Parse { .. } => "key.parse",
            KeyError::Invalid(_) => "key.invalid",
            KeyError::Random => "key.random",
            KeyError::Jwk(_) => "key.jwk",
            KeyError::JwkJson(_) => "key.jwk_json",
            KeyError::JwkMismatch { .. } => "key.jwk_mismatch",
            KeyError::JwkMissingMember(_) => "key.jwk_missing_member",
        }
    }
}
