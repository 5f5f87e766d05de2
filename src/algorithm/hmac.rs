//! HS256, HS384 and HS512: HMAC with SHA-2 (RFC 7518 §3.2).
//!
//! One macro writes the three key types, so that they cannot drift: each binds an
//! [`HmacSecret`] (built for its one hash) to its algorithm, with the RFC 7518 §3.2 minimum
//! key length (the hash output: 32, 48, 64 bytes).

use std::fmt;

use zeroize::Zeroizing;

use super::{Algorithm, Signer, Verifier};
use crate::backend::{Hash, HmacSecret};
use crate::codec;
use crate::error::{EncodeError, KeyError, SignatureError};
use crate::jwk::{thumbprint_oct, Jwk, KeyOp};

/// Checks a secret for an HMAC key of `hash` and builds the material.
fn secret(secret: &[u8], hash: Hash) -> Result<HmacSecret, KeyError> {
    if secret.len() < hash.len() {
        return Err(KeyError::HmacTooShort {
            len: secret.len(),
            min: hash.len(),
        });
    }
    if secret.trim_ascii_start().starts_with(b"-----BEGIN") {
        return Err(KeyError::HmacLooksLikePem);
    }
    HmacSecret::new(secret, hash)
}

/// Writes one HMAC key type. `$len` is the hash length as a literal, for the docs.
macro_rules! hmac_key {
    ($name:ident, $alg:ident, $alg_name:literal, $hash:ident, $sha:literal, $len:literal) => {
        #[doc = concat!("An ", $alg_name, " secret: signs and verifies (HMAC with ", $sha, ").")]
        ///
        /// The HMAC inner and outer hash states are computed once at construction, so each
        /// sign or verify starts from a copy of them instead of re-hashing the key. That state
        /// is wiped on drop (the `zeroize` features of `hmac` and `sha2`), `Debug` never prints
        /// it, and verification compares full-length tags in constant time.
        ///
        /// ```
        #[doc = concat!("use jwtcraft::", stringify!($name), ";")]
        #[doc = concat!("let key = ", stringify!($name), "::new(&[7u8; ", $len, "])?;")]
        #[doc = concat!("assert_eq!(format!(\"{key:?}\"), \"", stringify!($name), " { kid: None, secret: \\\"[redacted]\\\", .. }\");")]
        #[doc = concat!("assert!(", stringify!($name), "::new(&[7u8; ", $len, " - 1]).is_err());")]
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Clone)]
        pub struct $name {
            /// The secret and its precomputed HMAC state.
            secret: HmacSecret,
            kid: Option<String>,
        }

        impl $name {
            /// Builds a key from raw secret bytes.
            ///
            /// # Errors
            #[doc = concat!("[`KeyError::HmacTooShort`] for fewer than ", $len, " bytes (RFC 7518 §3.2: the key")]
            /// must be at least as long as the hash output); [`KeyError::HmacLooksLikePem`] if
            /// the bytes are a PEM document, which means a public or private key was passed
            /// where a secret belongs.
            pub fn new(secret: &[u8]) -> Result<Self, KeyError> {
                Ok($name {
                    secret: self::secret(secret, Hash::$hash)?,
                    kid: None,
                })
            }

            #[doc = concat!("A new key of ", $len, " bytes from the operating system's RNG: as long as the hash")]
            /// output, which is all the algorithm can use (RFC 7518 §3.2), and the way to get
            /// a secret that is actually random.
            ///
            /// # Errors
            /// [`KeyError::Random`] if the OS RNG fails.
            ///
            /// ```
            #[doc = concat!("use jwtcraft::", stringify!($name), ";")]
            #[doc = concat!("let key = ", stringify!($name), "::generate()?.with_thumbprint_key_id();")]
            /// assert_eq!(key.to_secret_jwk().thumbprint()?, key.to_secret_jwk().key_id().unwrap());
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn generate() -> Result<Self, KeyError> {
                Ok($name {
                    secret: HmacSecret::generate(Hash::$hash.len(), Hash::$hash)?,
                    kid: None,
                })
            }

            /// From an `oct` JWK (RFC 7518 §6.4), keeping its `kid`.
            ///
            /// # Errors
            /// [`KeyError::JwkMismatch`] if `kty` is not `oct`, `alg` is present and not
            #[doc = concat!("`", $alg_name, "`, `use` is not `sig`, or `key_ops` allows neither `sign` nor")]
            /// `verify`; [`KeyError::JwkMissingMember`] without `k`; then as `new`.
            pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
                jwk.check("oct", Algorithm::$alg, &[KeyOp::Sign, KeyOp::Verify])?;
                let secret = Zeroizing::new(jwk.member("k")?);
                let key = $name::new(&secret)?;
                Ok(match jwk.key_id() {
                    Some(kid) => key.with_key_id(kid),
                    None => key,
                })
            }

            /// This key as an `oct` JWK, **including the secret** `k`. Never publish it.
            pub fn to_secret_jwk(&self) -> Jwk {
                let mut jwk = Jwk::build("oct", self.kid.as_deref(), Algorithm::$alg);
                jwk.set("k", self.secret.as_bytes());
                jwk
            }

            /// Sets the key id to the RFC 7638 thumbprint of this key's `oct` JWK, the same
            /// value as [`Jwk::thumbprint`] of `to_secret_jwk`.
            ///
            /// # Security
            /// The thumbprint is a SHA-256 hash of the secret, and the `kid` travels in every
            /// token header: anyone holding a token can test guesses of the secret offline.
            /// Only use it with a secret that is random, such as one from `generate`, never
            /// with a password or passphrase.
            #[must_use]
            pub fn with_thumbprint_key_id(self) -> Self {
                let k = Zeroizing::new(codec::encode(self.secret.as_bytes()));
                let kid = thumbprint_oct(&k);
                self.with_key_id(kid)
            }

            /// Sets the key id, which [`encode`](crate::encode) stamps into the header's `kid`.
            #[must_use]
            pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
                self.kid = Some(kid.into());
                self
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("kid", &self.kid)
                    .field("secret", &"[redacted]")
                    .finish_non_exhaustive()
            }
        }

        impl Signer for $name {
            fn algorithm(&self) -> Algorithm {
                Algorithm::$alg
            }

            fn key_id(&self) -> Option<&str> {
                self.kid.as_deref()
            }

            fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
                Ok(self.secret.sign(signing_input))
            }

            fn append_signature(&self, token: &mut String) -> Result<(), EncodeError> {
                let tag = self.secret.sign_with(token.as_bytes(), |tag| {
                    let mut copy = [0u8; 64];
                    copy[..tag.len()].copy_from_slice(tag);
                    (copy, tag.len())
                });
                token.push('.');
                crate::codec::encode_into(&tag.0[..tag.1], token);
                Ok(())
            }
        }

        impl Verifier for $name {
            fn algorithm(&self) -> Algorithm {
                Algorithm::$alg
            }

            fn key_id(&self) -> Option<&str> {
                self.kid.as_deref()
            }

            fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
                // Checks the length and compares in constant time.
                if self.secret.verify(signing_input, signature) {
                    Ok(())
                } else {
                    Err(SignatureError::Invalid)
                }
            }
        }
    };
}

hmac_key!(Hs256Key, Hs256, "HS256", Sha256, "SHA-256", 32);
hmac_key!(Hs384Key, Hs384, "HS384", Sha384, "SHA-384", 48);
hmac_key!(Hs512Key, Hs512, "HS512", Sha512, "SHA-512", 64);

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// The same checks for each HMAC key type.
    macro_rules! hmac_tests {
        ($module:ident, $name:ident, $len:literal) => {
            mod $module {
                use super::*;

                #[test]
                fn sign_then_verify() {
                    let key = $name::new(&SECRET[..$len]).unwrap();
                    let tag = key.sign(b"input").unwrap();
                    assert_eq!(tag.len(), $len);
                    key.verify(b"input", &tag).unwrap();
                    assert!(key.verify(b"other", &tag).is_err());
                    assert!(key.verify(b"input", &tag[..$len - 1]).is_err());
                    // A truncated tag of another size never passes, nor one made longer.
                    assert!(key.verify(b"input", &tag[..32.min($len - 1)]).is_err());
                    let mut long = tag.clone();
                    long.push(0);
                    assert!(key.verify(b"input", &long).is_err());
                }

                #[test]
                fn short_and_pem_keys_are_refused() {
                    assert_eq!(
                        $name::new(&SECRET[..$len - 1]).err(),
                        Some(KeyError::HmacTooShort {
                            len: $len - 1,
                            min: $len
                        })
                    );
                    let mut pem = b"  -----BEGIN PUBLIC KEY-----\n".to_vec();
                    pem.resize(200, b'A');
                    assert_eq!($name::new(&pem).err(), Some(KeyError::HmacLooksLikePem));
                }

                #[test]
                fn generate_gives_distinct_full_length_keys() {
                    let a = $name::generate().unwrap();
                    let b = $name::generate().unwrap();
                    assert_eq!(a.secret.as_bytes().len(), $len);
                    assert_ne!(a.to_secret_jwk(), b.to_secret_jwk());
                    let tag = a.sign(b"input").unwrap();
                    a.verify(b"input", &tag).unwrap();
                    assert!(b.verify(b"input", &tag).is_err());
                }

                #[test]
                fn thumbprint_key_id_agrees_with_the_jwk() {
                    let key = $name::new(&SECRET[..$len])
                        .unwrap()
                        .with_key_id("old")
                        .with_thumbprint_key_id();
                    let jwk = key.to_secret_jwk();
                    assert_eq!(jwk.key_id(), Some(jwk.thumbprint().unwrap().as_str()));
                    assert_eq!(Signer::key_id(&key), jwk.key_id());
                }

                #[test]
                fn debug_is_redacted() {
                    let key = $name::new(SECRET).unwrap().with_key_id("k1");
                    let text = format!("{key:?}");
                    assert!(text.contains("[redacted]"));
                    assert!(!text.contains("0123456789"));
                }
            }
        };
    }

    hmac_tests!(hs256, Hs256Key, 32);
    hmac_tests!(hs384, Hs384Key, 48);
    hmac_tests!(hs512, Hs512Key, 64);

    #[test]
    fn one_secret_gives_different_tags_per_algorithm_and_no_cross_verification() {
        let keys: [&dyn Signer; 3] = [
            &Hs256Key::new(SECRET).unwrap(),
            &Hs384Key::new(SECRET).unwrap(),
            &Hs512Key::new(SECRET).unwrap(),
        ];
        let verifiers: [&dyn Verifier; 3] = [
            &Hs256Key::new(SECRET).unwrap(),
            &Hs384Key::new(SECRET).unwrap(),
            &Hs512Key::new(SECRET).unwrap(),
        ];
        for (i, signer) in keys.iter().enumerate() {
            let tag = signer.sign(b"input").unwrap();
            for (j, verifier) in verifiers.iter().enumerate() {
                assert_eq!(verifier.verify(b"input", &tag).is_ok(), i == j);
            }
        }
    }

    #[test]
    fn an_oct_jwk_becomes_only_the_algorithm_it_names() {
        let jwk = Hs384Key::new(SECRET).unwrap().to_secret_jwk();
        assert_eq!(jwk.algorithm(), Some("HS384"));
        Hs384Key::from_jwk(&jwk).unwrap();
        assert!(Hs256Key::from_jwk(&jwk).is_err());
        assert!(Hs512Key::from_jwk(&jwk).is_err());
    }
}
