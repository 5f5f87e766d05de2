//! HS256: HMAC with SHA-256 (RFC 7518 §3.2).

use std::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::{Algorithm, Signer, Verifier};
use crate::error::{EncodeError, KeyError, SignatureError};
use crate::jwk::{Jwk, KeyOp};

/// Length of an HS256 tag, and the minimum key length (RFC 7518 §3.2).
const TAG_LEN: usize = 32;

/// An HS256 secret: signs and verifies.
///
/// The HMAC inner and outer hash states are computed once at construction, so each
/// sign or verify starts from a copy of them instead of re-hashing the key. That state is
/// wiped on drop (the `zeroize` features of `hmac` and `sha2`), `Debug` never prints it, and
/// verification compares tags in constant time.
///
/// ```
/// use jwtcraft::Hs256Key;
/// let key = Hs256Key::new(b"a secret of at least thirty-two bytes!!")?;
/// assert_eq!(format!("{key:?}"), "Hs256Key { kid: None, secret: \"[redacted]\", .. }");
/// assert!(Hs256Key::new(b"too short").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct Hs256Key {
    /// HMAC state after absorbing the padded key: equivalent to the secret, so treated as one.
    mac: Hmac<Sha256>,
    /// The raw secret, kept only for [`Hs256Key::to_secret_jwk`]; wiped on drop.
    secret: Zeroizing<Vec<u8>>,
    kid: Option<String>,
}

impl Hs256Key {
    /// Builds a key from raw secret bytes.
    ///
    /// # Errors
    /// [`KeyError::HmacTooShort`] for fewer than 32 bytes (RFC 7518 §3.2: the key must be at
    /// least as long as the hash output); [`KeyError::HmacLooksLikePem`] if the bytes are a
    /// PEM document, which means a public or private key was passed where a secret belongs.
    pub fn new(secret: &[u8]) -> Result<Self, KeyError> {
        if secret.len() < TAG_LEN {
            return Err(KeyError::HmacTooShort {
                len: secret.len(),
                min: TAG_LEN,
            });
        }
        if secret.trim_ascii_start().starts_with(b"-----BEGIN") {
            return Err(KeyError::HmacLooksLikePem);
        }
        let mac = Hmac::<Sha256>::new_from_slice(secret)
            .map_err(|_| KeyError::Invalid("hmac rejected the key length"))?;
        Ok(Hs256Key {
            mac,
            secret: Zeroizing::new(secret.to_vec()),
            kid: None,
        })
    }

    /// From an `oct` JWK (RFC 7518 §6.4), keeping its `kid`.
    ///
    /// # Errors
    /// [`KeyError::JwkMismatch`] if `kty` is not `oct`, `alg` is present and not `HS256`,
    /// `use` is not `sig`, or `key_ops` allows neither `sign` nor `verify`;
    /// [`KeyError::JwkMissingMember`] without `k`; then as [`Hs256Key::new`].
    ///
    /// ```
    /// use jwtcraft::{Hs256Key, Jwk};
    /// let key = Hs256Key::new(&[7u8; 32])?.with_key_id("s1");
    /// let jwk = key.to_secret_jwk();
    /// let back = Hs256Key::from_jwk(&jwk)?;
    /// assert_eq!(back.to_secret_jwk(), jwk);
    /// let rs: Jwk = serde_json::from_str(r#"{"kty":"oct","alg":"RS256","k":"BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc"}"#).unwrap();
    /// assert!(Hs256Key::from_jwk(&rs).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
        jwk.check("oct", Algorithm::Hs256, &[KeyOp::Sign, KeyOp::Verify])?;
        let secret = Zeroizing::new(jwk.member("k")?);
        let key = Hs256Key::new(&secret)?;
        Ok(match jwk.key_id() {
            Some(kid) => key.with_key_id(kid),
            None => key,
        })
    }

    /// This key as an `oct` JWK, **including the secret** `k`. Never publish it.
    pub fn to_secret_jwk(&self) -> Jwk {
        let mut jwk = Jwk::build("oct", self.kid.as_deref(), Algorithm::Hs256);
        jwk.set("k", &self.secret);
        jwk
    }

    /// Sets the key id, which [`encode`](crate::encode) stamps into the header's `kid`.
    #[must_use]
    pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
        self.kid = Some(kid.into());
        self
    }

    /// The 32-byte tag over `data`.
    fn tag(&self, data: &[u8]) -> [u8; TAG_LEN] {
        let mut mac = self.mac.clone();
        mac.update(data);
        mac.finalize().into_bytes().into()
    }
}

impl fmt::Debug for Hs256Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hs256Key")
            .field("kid", &self.kid)
            .field("secret", &"[redacted]")
            .finish_non_exhaustive()
    }
}

impl Signer for Hs256Key {
    fn algorithm(&self) -> Algorithm {
        Algorithm::Hs256
    }

    fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
        Ok(self.tag(signing_input).to_vec())
    }
}

impl Verifier for Hs256Key {
    fn algorithm(&self) -> Algorithm {
        Algorithm::Hs256
    }

    fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        let mut mac = self.mac.clone();
        mac.update(signing_input);
        // `verify_slice` checks the length and compares in constant time.
        mac.verify_slice(signature)
            .map_err(|_| SignatureError::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn sign_then_verify() {
        let key = Hs256Key::new(SECRET).unwrap();
        let tag = key.sign(b"input").unwrap();
        assert_eq!(tag.len(), 32);
        key.verify(b"input", &tag).unwrap();
        assert!(key.verify(b"other", &tag).is_err());
        assert!(key.verify(b"input", &tag[..31]).is_err());
        let mut long = tag.clone();
        long.push(0);
        assert!(key.verify(b"input", &long).is_err());
    }

    #[test]
    fn short_and_pem_keys_are_refused() {
        assert!(matches!(
            Hs256Key::new(&SECRET[..31]),
            Err(KeyError::HmacTooShort { len: 31, min: 32 })
        ));
        let pem = b"  -----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n";
        assert!(matches!(
            Hs256Key::new(pem),
            Err(KeyError::HmacLooksLikePem)
        ));
    }

    #[test]
    fn debug_is_redacted() {
        let key = Hs256Key::new(SECRET).unwrap().with_key_id("k1");
        let text = format!("{key:?}");
        assert!(text.contains("[redacted]"));
        assert!(!text.contains("0123456789"));
    }
}
