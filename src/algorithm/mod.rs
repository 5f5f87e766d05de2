//! Signature algorithms: the [`Algorithm`] names and the [`Signer`] / [`Verifier`] traits.
//!
//! Every key type in this crate is bound to exactly one algorithm: an [`Hs256Key`] can only
//! do HS256, an `Rs256VerifyingKey` only RS256 (a `Ps256VerifyingKey` over the same RSA key
//! is another type), and an `Ed25519VerifyingKey` only the one of `EdDSA` / `Ed25519` it was
//! bound to. There is no "key bytes usable as anything"
//! type, so the classic attack of verifying an HS256 token with an RSA public key as the HMAC
//! secret cannot even be written. At decode time the token's `alg` must equal the key's
//! algorithm; the token never chooses.
//!
//! `none` does not exist here: there is no [`Algorithm`] variant for it and no way to build
//! an unsigned token.

pub use crate::alg::Algorithm;
use crate::error::{EncodeError, SignatureError};

/// The methods every signing key has through the public half it keeps in `self.public`: its
/// JWK, its key id, and its verifying key. `$verifying` is the type of that public half.
// The HS256-only build has no asymmetric key, hence no use of it.
#[allow(unused_macros)]
macro_rules! public_half_methods {
    ($verifying:ty) => {
        /// The public half as a JWK, safe to publish.
        pub fn to_public_jwk(&self) -> Jwk {
            self.public.to_jwk()
        }

        /// Sets the key id, which [`encode`](crate::encode) stamps into the header's `kid`.
        #[must_use]
        pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
            self.public.kid = Some(kid.into());
            self
        }

        /// Sets the key id to the RFC 7638 thumbprint of the public key, as
        #[doc = concat!(" [`", stringify!($verifying), "::thumbprint`] and [`Jwk::thumbprint`] compute it.")]
        #[must_use]
        pub fn with_thumbprint_key_id(mut self) -> Self {
            self.public = self.public.with_thumbprint_key_id();
            self
        }

        /// The matching public key, carrying the same key id (and algorithm name).
        pub fn verifying_key(&self) -> $verifying {
            self.public.clone()
        }
    };
}

#[cfg(any(feature = "ecdsa", feature = "es384", feature = "es512"))]
mod ecdsa;
#[cfg(feature = "eddsa")]
mod eddsa;
mod hmac;
#[cfg(feature = "rsa")]
mod rsa;

#[cfg(feature = "ecdsa")]
pub use self::ecdsa::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "es384")]
pub use self::ecdsa::{Es384SigningKey, Es384VerifyingKey};
#[cfg(feature = "es512")]
pub use self::ecdsa::{Es512SigningKey, Es512VerifyingKey};
#[cfg(feature = "eddsa")]
pub use self::eddsa::{Ed25519SigningKey, Ed25519VerifyingKey};
pub use self::hmac::{Hs256Key, Hs384Key, Hs512Key};
#[cfg(feature = "rsa")]
pub use self::rsa::{
    Ps256SigningKey, Ps256VerifyingKey, Ps384SigningKey, Ps384VerifyingKey, Ps512SigningKey,
    Ps512VerifyingKey, Rs256SigningKey, Rs256VerifyingKey, Rs384SigningKey, Rs384VerifyingKey,
    Rs512SigningKey, Rs512VerifyingKey,
};

/// Something that can sign a JWS signing input: a key of this crate, or your own KMS or HSM
/// client.
///
/// The signer names its algorithm; [`encode`](crate::encode) writes that name into the header,
/// so the caller can never claim one algorithm and sign with another.
///
/// # Implementing
/// ```
/// use jwtcraft::{Algorithm, EncodeError, Hs256Key, Signer};
///
/// /// Pretend this forwards to a remote signing service.
/// struct RemoteSigner { local: Hs256Key }
///
/// impl Signer for RemoteSigner {
///     fn algorithm(&self) -> Algorithm { Algorithm::Hs256 }
///     fn key_id(&self) -> Option<&str> { Some("remote-1") }
///     fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
///         self.local.sign(signing_input)
///     }
/// }
///
/// let signer = RemoteSigner { local: Hs256Key::new(&[7u8; 32])? };
/// let token = jwtcraft::encode(&jwtcraft::Header::new(), &serde_json::json!({"sub": "a"}), &signer)?;
/// assert!(jwtcraft::UntrustedToken::parse(&token)?.header().key_id() == Some("remote-1"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub trait Signer {
    /// The algorithm this signer implements; written as the header's `alg`.
    fn algorithm(&self) -> Algorithm;

    /// The key id to stamp into the header's `kid`, if the header does not set one.
    fn key_id(&self) -> Option<&str> {
        None
    }

    /// Signs the signing input (`base64url(header) "." base64url(payload)`).
    ///
    /// # Errors
    /// Built-in keys return [`EncodeError::Signing`] only if the primitive itself fails.
    /// Custom signers report their own failures as [`EncodeError::Backend`].
    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError>;

    /// Signs `token`, which holds the signing input, and appends `.` and the base64url
    /// signature: the last step of [`encode`](crate::encode()).
    ///
    /// The default calls [`Signer::sign`]. The built-in HMAC keys override it to keep the tag
    /// off the heap; a custom signer rarely needs to.
    ///
    /// # Errors
    /// As [`Signer::sign`]; `token` is unchanged on error.
    ///
    /// ```
    /// use jwtcraft::{Hs256Key, Signer};
    /// let key = Hs256Key::new(&[7u8; 32])?;
    /// let mut token = String::from("eyJhbGciOiJIUzI1NiJ9.e30");
    /// key.append_signature(&mut token)?;
    /// let signature = key.sign(b"eyJhbGciOiJIUzI1NiJ9.e30")?;
    /// assert_eq!(token, format!("eyJhbGciOiJIUzI1NiJ9.e30.{}", jwtcraft::codec::encode(&signature)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn append_signature(&self, token: &mut String) -> Result<(), EncodeError> {
        let signature = self.sign(token.as_bytes())?;
        token.push('.');
        crate::codec::encode_into(&signature, token);
        Ok(())
    }
}

/// Something that can check a JWS signature: a public key or secret of this crate, or your
/// own implementation.
///
/// [`decode`](crate::decode) first checks that the token's `alg` equals
/// [`Verifier::algorithm`], then calls [`Verifier::verify`].
pub trait Verifier {
    /// The one algorithm this verifier accepts.
    fn algorithm(&self) -> Algorithm;

    /// The key id of this verifier, if it has one (informational; [`decode`](crate::decode)
    /// does not require the token's `kid` to match).
    fn key_id(&self) -> Option<&str> {
        None
    }

    /// Checks `signature` over `signing_input`.
    ///
    /// # Errors
    /// [`SignatureError::Invalid`] when the signature does not verify, including when it has
    /// the wrong length or encoding. Implementations must not leak why.
    fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError>;
}

/// Forwards both traits through a pointer type, so `&key`, `Box<dyn Verifier>` and
/// `Arc<key>` work wherever a key does.
macro_rules! forward_through {
    ($($pointer:ty),*) => {$(
        impl<T: Signer + ?Sized> Signer for $pointer {
            fn algorithm(&self) -> Algorithm {
                (**self).algorithm()
            }
            fn key_id(&self) -> Option<&str> {
                (**self).key_id()
            }
            fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
                (**self).sign(signing_input)
            }
        }

        impl<T: Verifier + ?Sized> Verifier for $pointer {
            fn algorithm(&self) -> Algorithm {
                (**self).algorithm()
            }
            fn key_id(&self) -> Option<&str> {
                (**self).key_id()
            }
            fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
                (**self).verify(signing_input, signature)
            }
        }
    )*};
}

forward_through!(&T, Box<T>, std::sync::Arc<T>);
