//! [`Algorithm`]: the names of the JWS signature algorithms this crate implements.
//!
//! A leaf module: it depends on nothing else in the crate, so the error types can name
//! algorithms without an import cycle. (`FromStr` lives beside [`HeaderError`], its error.)
//!
//! [`HeaderError`]: crate::HeaderError

use std::fmt;

/// A JWS signature algorithm supported by this crate (RFC 7518 §3.1, RFC 8037, RFC 9864).
///
/// Names are matched exactly and case-sensitively, as RFC 7515 §4.1.1 requires: `hs256` is
/// not `HS256`. Every name exists whatever features are built; a key type exists only with
/// its feature (see the crate's feature table), so a token naming an algorithm whose keys are
/// not built simply finds no key.
///
/// `EdDSA` and `Ed25519` are two names for the same signature with an Ed25519 key: `EdDSA`
/// is the polymorphic name of RFC 8037, `Ed25519` the fully specified one of RFC 9864. An
/// Ed25519 key is bound to one of them (see `Ed25519VerifyingKey`); the token never picks.
///
/// ```
/// use jwtcraft::Algorithm;
/// assert_eq!("ES256".parse::<Algorithm>().unwrap(), Algorithm::Es256);
/// assert_eq!("PS384".parse::<Algorithm>().unwrap(), Algorithm::Ps384);
/// assert_eq!("EdDSA".parse::<Algorithm>().unwrap(), Algorithm::EdDsa);
/// assert!("none".parse::<Algorithm>().is_err());
/// assert!("hs256".parse::<Algorithm>().is_err());
/// assert!("ES256K".parse::<Algorithm>().is_err());
/// assert_eq!(Algorithm::Rs256.to_string(), "RS256");
/// assert_eq!(Algorithm::ALL.len(), 14);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Algorithm {
    /// HMAC with SHA-256.
    Hs256,
    /// HMAC with SHA-384.
    Hs384,
    /// HMAC with SHA-512.
    Hs512,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256, a 32-byte salt.
    Ps256,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384, a 48-byte salt.
    Ps384,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512, a 64-byte salt.
    Ps512,
    /// ECDSA with P-256 and SHA-256.
    Es256,
    /// ECDSA with P-384 and SHA-384.
    Es384,
    /// ECDSA with P-521 and SHA-512 (the name says 512, the curve is P-521).
    Es512,
    /// `EdDSA` (RFC 8037), the polymorphic name; this crate implements it for Ed25519 keys
    /// only.
    EdDsa,
    /// Ed25519 (RFC 9864), the fully specified name.
    Ed25519,
}

impl Algorithm {
    /// Every algorithm, in the order of the enum.
    pub const ALL: [Algorithm; 14] = [
        Algorithm::Hs256,
        Algorithm::Hs384,
        Algorithm::Hs512,
        Algorithm::Rs256,
        Algorithm::Rs384,
        Algorithm::Rs512,
        Algorithm::Ps256,
        Algorithm::Ps384,
        Algorithm::Ps512,
        Algorithm::Es256,
        Algorithm::Es384,
        Algorithm::Es512,
        Algorithm::EdDsa,
        Algorithm::Ed25519,
    ];

    /// The name used in the JOSE header's `alg`.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
            Algorithm::Rs256 => "RS256",
            Algorithm::Rs384 => "RS384",
            Algorithm::Rs512 => "RS512",
            Algorithm::Ps256 => "PS256",
            Algorithm::Ps384 => "PS384",
            Algorithm::Ps512 => "PS512",
            Algorithm::Es256 => "ES256",
            Algorithm::Es384 => "ES384",
            Algorithm::Es512 => "ES512",
            Algorithm::EdDsa => "EdDSA",
            Algorithm::Ed25519 => "Ed25519",
        }
    }

    /// The algorithm with this exact `alg` name, if supported.
    pub fn from_name(name: &str) -> Option<Algorithm> {
        // A match rather than a scan of `ALL`: this runs on every token whose header is not
        // one of the common encoded forms, and the compiler dispatches on the length first.
        // The test below keeps it in step with `name`.
        Some(match name {
            "HS256" => Algorithm::Hs256,
            "HS384" => Algorithm::Hs384,
            "HS512" => Algorithm::Hs512,
            "RS256" => Algorithm::Rs256,
            "RS384" => Algorithm::Rs384,
            "RS512" => Algorithm::Rs512,
            "PS256" => Algorithm::Ps256,
            "PS384" => Algorithm::Ps384,
            "PS512" => Algorithm::Ps512,
            "ES256" => Algorithm::Es256,
            "ES384" => Algorithm::Es384,
            "ES512" => Algorithm::Es512,
            "EdDSA" => Algorithm::EdDsa,
            "Ed25519" => Algorithm::Ed25519,
            _ => return None,
        })
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Algorithm;

    #[test]
    fn names_round_trip_and_are_distinct() {
        for (i, alg) in Algorithm::ALL.into_iter().enumerate() {
            assert_eq!(Algorithm::from_name(alg.name()), Some(alg));
            assert!(Algorithm::ALL[..i]
                .iter()
                .all(|other| other.name() != alg.name()));
        }
        for name in ["none", "ES256K", "Ed448", "EDDSA", "ed25519", "HS256 ", ""] {
            assert_eq!(Algorithm::from_name(name), None, "{name:?}");
        }
    }
}
