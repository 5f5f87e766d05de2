//! [`TypedVerifyingKey`]: one verifying key of any single algorithm, and which type a JWK
//! becomes when the caller has not chosen one.

#[cfg(feature = "eddsa")]
use crate::algorithm::Ed25519VerifyingKey;
#[cfg(feature = "ecdsa")]
use crate::algorithm::Es256VerifyingKey;
#[cfg(feature = "es384")]
use crate::algorithm::Es384VerifyingKey;
#[cfg(feature = "es512")]
use crate::algorithm::Es512VerifyingKey;
use crate::algorithm::{Algorithm, Hs256Key, Hs384Key, Hs512Key, Verifier};
#[cfg(feature = "rsa")]
use crate::algorithm::{
    Ps256VerifyingKey, Ps384VerifyingKey, Ps512VerifyingKey, Rs256VerifyingKey, Rs384VerifyingKey,
    Rs512VerifyingKey,
};
use crate::error::{KeyError, SignatureError};
use crate::jwk::Jwk;

/// Writes [`TypedVerifyingKey`], its `as_verifier` dispatch and a `From` impl per variant,
/// from one list, so that a new algorithm cannot be half added.
macro_rules! typed_verifying_key {
    ($($(#[cfg($cfg:meta)])? $variant:ident($key:ty) = $doc:literal,)*) => {
        /// One verifying key of some single algorithm, as held in a [`KeySet`](crate::KeySet).
        ///
        /// Each variant wraps a typed key that serves exactly one algorithm, so the enum never
        /// widens what a key accepts: a [`TypedVerifyingKey::Rs256`] verifies RS256 and
        /// nothing else, a `Ps256` variant over the same RSA key only PS256. The enum only
        /// lets keys of different algorithms sit in one set.
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub enum TypedVerifyingKey {
            $(
                #[doc = $doc]
                $(#[cfg($cfg)])?
                $variant($key),
            )*
        }

        impl TypedVerifyingKey {
            fn as_verifier(&self) -> &dyn Verifier {
                match self {
                    $(
                        $(#[cfg($cfg)])?
                        TypedVerifyingKey::$variant(k) => k,
                    )*
                }
            }
        }

        $(
            $(#[cfg($cfg)])?
            impl From<$key> for TypedVerifyingKey {
                fn from(key: $key) -> Self {
                    TypedVerifyingKey::$variant(key)
                }
            }
        )*
    };
}

typed_verifying_key! {
    Hs256(Hs256Key) = "An HS256 secret.",
    Hs384(Hs384Key) = "An HS384 secret.",
    Hs512(Hs512Key) = "An HS512 secret.",
    #[cfg(feature = "rsa")]
    Rs256(Rs256VerifyingKey) = "An RS256 public key.",
    #[cfg(feature = "rsa")]
    Rs384(Rs384VerifyingKey) = "An RS384 public key.",
    #[cfg(feature = "rsa")]
    Rs512(Rs512VerifyingKey) = "An RS512 public key.",
    #[cfg(feature = "rsa")]
    Ps256(Ps256VerifyingKey) = "A PS256 public key.",
    #[cfg(feature = "rsa")]
    Ps384(Ps384VerifyingKey) = "A PS384 public key.",
    #[cfg(feature = "rsa")]
    Ps512(Ps512VerifyingKey) = "A PS512 public key.",
    #[cfg(feature = "ecdsa")]
    Es256(Es256VerifyingKey) = "An ES256 public key.",
    #[cfg(feature = "es384")]
    Es384(Es384VerifyingKey) = "An ES384 public key.",
    #[cfg(feature = "es512")]
    Es512(Es512VerifyingKey) = "An ES512 public key.",
    #[cfg(feature = "eddsa")]
    Ed25519(Ed25519VerifyingKey) = "An Ed25519 public key, bound to the name `Ed25519` or `EdDSA`.",
}

impl TypedVerifyingKey {
    /// The verifying key a JWK describes, with every check of the typed `from_jwk`
    /// constructors. The type is chosen by `kty` and `alg` (and `crv` for `EC`).
    ///
    /// A JWK without `alg` whose `kty` serves several algorithms gets the one such a JWK has
    /// always meant: `RS256` for `RSA`, `HS256` for `oct`, `Ed25519` for `OKP` (see the
    /// [JWK policy](crate::Jwk#a-jwk-without-alg)). An `EC` JWK's algorithm follows from its
    /// `crv`. The token being verified plays no part.
    ///
    /// # Errors
    /// [`KeyError::Jwk`] for an unsupported `kty`, or an `alg` this build has no key type
    /// for (its feature is off); [`KeyError::JwkMismatch`] for an `alg` that does not suit
    /// the `kty`, or an unsupported `crv`; else as the typed constructor.
    ///
    /// ```
    /// use jwtcraft::{Algorithm, Hs384Key, Jwk, TypedVerifyingKey, Verifier};
    /// let jwk = Hs384Key::new(&[7; 48])?.to_secret_jwk(); // alg HS384
    /// assert_eq!(TypedVerifyingKey::from_jwk(&jwk)?.algorithm(), Algorithm::Hs384);
    /// // Without alg: HS256, whatever token comes later.
    /// let bare = Jwk::from_json(r#"{"kty":"oct","k":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcH"}"#)?;
    /// assert_eq!(TypedVerifyingKey::from_jwk(&bare)?.algorithm(), Algorithm::Hs256);
    /// // An alg that does not suit the kty is refused.
    /// assert!(TypedVerifyingKey::from_jwk(&bare.with_algorithm(Algorithm::Rs256)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        match jwk.key_type() {
            "oct" => Self::from_oct_jwk(jwk),
            "RSA" => Self::from_rsa_jwk(jwk),
            "EC" => Self::from_ec_jwk(jwk),
            "OKP" => Self::from_okp_jwk(jwk),
            _ => Err(KeyError::Jwk("kty is not supported")),
        }
    }

    /// `alg` names no algorithm this `kty` serves (or none at all).
    #[cold]
    fn alg_mismatch(expected: &'static str) -> KeyError {
        KeyError::JwkMismatch {
            member: "alg",
            expected,
        }
    }

    fn from_oct_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        match jwk.algorithm() {
            None | Some("HS256") => Hs256Key::from_jwk(jwk).map(Self::from),
            Some("HS384") => Hs384Key::from_jwk(jwk).map(Self::from),
            Some("HS512") => Hs512Key::from_jwk(jwk).map(Self::from),
            Some(_) => Err(Self::alg_mismatch("HS256, HS384 or HS512")),
        }
    }

    #[cfg_attr(not(feature = "rsa"), allow(clippy::unnecessary_wraps))]
    fn from_rsa_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        #[cfg(feature = "rsa")]
        {
            match jwk.algorithm() {
                None | Some("RS256") => Rs256VerifyingKey::from_jwk(jwk).map(Self::from),
                Some("RS384") => Rs384VerifyingKey::from_jwk(jwk).map(Self::from),
                Some("RS512") => Rs512VerifyingKey::from_jwk(jwk).map(Self::from),
                Some("PS256") => Ps256VerifyingKey::from_jwk(jwk).map(Self::from),
                Some("PS384") => Ps384VerifyingKey::from_jwk(jwk).map(Self::from),
                Some("PS512") => Ps512VerifyingKey::from_jwk(jwk).map(Self::from),
                Some(_) => Err(Self::alg_mismatch(
                    "RS256, RS384, RS512, PS256, PS384 or PS512",
                )),
            }
        }
        #[cfg(not(feature = "rsa"))]
        {
            let _ = jwk;
            Err(KeyError::Jwk("rsa keys are not built (feature rsa)"))
        }
    }

    /// The curve decides the algorithm; an `alg`, if present, must agree (checked by the
    /// typed constructor).
    fn from_ec_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        match jwk.curve() {
            #[cfg(feature = "ecdsa")]
            Some("P-256") => Es256VerifyingKey::from_jwk(jwk).map(Self::from),
            #[cfg(feature = "es384")]
            Some("P-384") => Es384VerifyingKey::from_jwk(jwk).map(Self::from),
            #[cfg(feature = "es512")]
            Some("P-521") => Es512VerifyingKey::from_jwk(jwk).map(Self::from),
            #[cfg(not(feature = "ecdsa"))]
            Some("P-256") => Err(KeyError::Jwk("p-256 keys are not built (feature ecdsa)")),
            #[cfg(not(feature = "es384"))]
            Some("P-384") => Err(KeyError::Jwk("p-384 keys are not built (feature es384)")),
            #[cfg(not(feature = "es512"))]
            Some("P-521") => Err(KeyError::Jwk("p-521 keys are not built (feature es512)")),
            _ => Err(KeyError::JwkMismatch {
                member: "crv",
                expected: "P-256, P-384 or P-521",
            }),
        }
    }

    #[cfg_attr(not(feature = "eddsa"), allow(clippy::unnecessary_wraps))]
    fn from_okp_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        #[cfg(feature = "eddsa")]
        {
            Ed25519VerifyingKey::from_jwk(jwk).map(Self::from)
        }
        #[cfg(not(feature = "eddsa"))]
        {
            let _ = jwk;
            Err(KeyError::Jwk("ed25519 keys are not built (feature eddsa)"))
        }
    }
}

impl Verifier for TypedVerifyingKey {
    fn algorithm(&self) -> Algorithm {
        self.as_verifier().algorithm()
    }

    fn key_id(&self) -> Option<&str> {
        self.as_verifier().key_id()
    }

    fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        self.as_verifier().verify(signing_input, signature)
    }
}
