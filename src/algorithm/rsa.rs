//! The RSA algorithms (RFC 7518 §3.3, §3.5), through the pure-Rust `rsa` crate:
//! RS256/RS384/RS512 (RSASSA-PKCS1-v1_5) and PS256/PS384/PS512 (RSASSA-PSS with MGF1 over
//! the same hash and a salt as long as the hash).
//!
//! Each key type binds RSA material ([`RsaPrivate`] / [`RsaPublic`], parsed once) to one
//! algorithm: the hash, the padding, the JWK `alg`. One macro writes all six pairs, so they
//! share every parsing path and check (a modulus of 2048 to 8192 bits for every one of them)
//! and cannot drift. PKCS#1 v1.5 signatures are deterministic; PSS signatures are randomized
//! (a fresh salt each time), so only their verification can be tested against fixed vectors.
//!
//! # Security
//! The `rsa` crate is subject to RUSTSEC-2023-0071 (the "Marvin" timing side channel in
//! private-key operations). Verification uses only the public key and is not affected.
//! Signing uses the private key; this crate always signs with RSA blinding from the OS RNG,
//! which is the crate's mitigation, but a signing service exposed to attacker-timed requests
//! should prefer ES256, Ed25519 or an HSM/KMS [`Signer`].

use std::fmt;

use zeroize::Zeroizing;

use super::{Algorithm, Signer, Verifier};
use crate::backend::{Format, Hash, RsaPrivate, RsaPublic};
use crate::codec;
use crate::error::{EncodeError, KeyError, SignatureError};
use crate::jwk::{thumbprint_rsa, Jwk, KeyOp};

/// The two RSA signature schemes of JWS.
#[derive(Debug, Clone, Copy)]
enum Padding {
    /// RSASSA-PKCS1-v1_5 (RS*).
    Pkcs1v15,
    /// RSASSA-PSS (PS*).
    Pss,
}

fn sign(
    key: &RsaPrivate,
    padding: Padding,
    hash: Hash,
    input: &[u8],
) -> Result<Vec<u8>, EncodeError> {
    match padding {
        Padding::Pkcs1v15 => key.sign_pkcs1v15(hash, input),
        Padding::Pss => key.sign_pss(hash, input),
    }
}

fn verify(
    key: &RsaPublic,
    padding: Padding,
    hash: Hash,
    input: &[u8],
    signature: &[u8],
) -> Result<(), SignatureError> {
    match padding {
        Padding::Pkcs1v15 => key.verify_pkcs1v15(hash, input, signature),
        Padding::Pss => key.verify_pss(hash, input, signature),
    }
}

/// `n` and `e` of an RSA JWK, which RFC 7518 §6.3.1 requires in their shortest form: a
/// leading zero octet would give the same key a second thumbprint.
fn minimal_members(jwk: &Jwk) -> Result<(Vec<u8>, Vec<u8>), KeyError> {
    let (n, e) = (jwk.member("n")?, jwk.member("e")?);
    if n.first() == Some(&0) || e.first() == Some(&0) {
        return Err(KeyError::Jwk(
            "rsa n and e must not have leading zero octets",
        ));
    }
    Ok((n, e))
}

/// Writes one RSA signing/verifying key pair for `$alg`.
macro_rules! rsa_keys {
    ($signing:ident, $verifying:ident, $alg:ident, $alg_name:literal, $hash:ident, $padding:ident) => {
        #[doc = concat!("An ", $alg_name, " private key: signs. Parsed and checked once, at construction.")]
        ///
        /// ```
        /// # let pem = include_str!("../../tests/data/rsa2048-private-pkcs8.pem");
        #[doc = concat!(" ", "use jwtcraft::{", stringify!($signing), ", Verifier};")]
        #[doc = concat!(" ", "let key = ", stringify!($signing), "::from_pkcs8_pem(pem)?.with_key_id(\"rsa-1\");")]
        /// let public = key.verifying_key();
        /// assert_eq!(public.modulus_bits(), 2048);
        /// assert!(format!("{key:?}").contains("[redacted]"));
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Clone)]
        pub struct $signing {
            private: RsaPrivate,
            public: $verifying,
        }

        impl $signing {
            fn from_material(private: RsaPrivate) -> Self {
                let public = $verifying {
                    public: private.public().clone(),
                    kid: None,
                };
                $signing { private, public }
            }

            /// A new key with a modulus of `bits` bits and exponent 65537, from the operating
            /// system's RNG. 2048 bits is the usual choice; generating takes a moment (seconds for
            /// 4096 bits, more in debug builds).
            ///
            /// # Errors
            /// [`KeyError::RsaModulusSize`] unless `bits` is 2048 to 8192 (checked before any work);
            /// [`KeyError::Random`] if the OS RNG fails.
            pub fn generate(bits: usize) -> Result<Self, KeyError> {
                RsaPrivate::generate(bits).map(Self::from_material)
            }

            /// From a PKCS#8 PEM document (`-----BEGIN PRIVATE KEY-----`).
            ///
            /// # Errors
            /// [`KeyError::WrongKind`] for a public key, a certificate or an encrypted key;
            /// [`KeyError::WrongType`] for a key that is not RSA; [`KeyError::RsaModulusSize`] if the
            /// modulus is below 2048 or above 8192 bits; else [`KeyError::Parse`].
            pub fn from_pkcs8_pem(pem: &str) -> Result<Self, KeyError> {
                RsaPrivate::from_pem(pem, &[Format::Pkcs8]).map(Self::from_material)
            }

            /// From PKCS#8 DER bytes.
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($signing), "::from_pkcs8_pem`].")]
            pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
                RsaPrivate::from_der(der, Format::Pkcs8).map(Self::from_material)
            }

            /// From a PKCS#1 PEM document (`-----BEGIN RSA PRIVATE KEY-----`).
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($signing), "::from_pkcs8_pem`].")]
            pub fn from_pkcs1_pem(pem: &str) -> Result<Self, KeyError> {
                RsaPrivate::from_pem(pem, &[Format::Pkcs1Private]).map(Self::from_material)
            }

            /// From PKCS#1 DER bytes.
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($signing), "::from_pkcs8_pem`].")]
            pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
                RsaPrivate::from_der(der, Format::Pkcs1Private).map(Self::from_material)
            }

            /// From a PEM document in either PKCS#8 or PKCS#1 form, chosen by its label.
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($signing), "::from_pkcs8_pem`].")]
            ///
            /// ```
            /// # let public = include_str!("../../tests/data/rsa2048-public-spki.pem");
            /// # let ec = include_str!("../../tests/data/p256-private-pkcs8.pem");
            #[doc = concat!(" ", "use jwtcraft::{KeyError, ", stringify!($signing), "};")]
            /// assert_eq!(
            #[doc = concat!(" ", "    ", stringify!($signing), "::from_pem(public).unwrap_err().to_string(),")]
            ///     "this is a public key, expected a private key"
            /// );
            /// assert_eq!(
            #[doc = concat!(" ", "    ", stringify!($signing), "::from_pem(ec).unwrap_err().to_string(),")]
            ///     "this is an ec key on curve p-256, expected an rsa key"
            /// );
            /// ```
            pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
                RsaPrivate::from_pem(pem, &[Format::Pkcs8, Format::Pkcs1Private]).map(Self::from_material)
            }

            /// From big-endian components, as in a JWK (`n`, `e`, `d`, `p`, `q`; RFC 7518 §6.3).
            /// The key is validated (the primes multiply to `n`, `d` inverts `e`).
            ///
            /// # Errors
            /// [`KeyError::Invalid`] if the numbers do not form an RSA key; [`KeyError::RsaModulusSize`]
            /// if the modulus is out of range.
            #[allow(clippy::many_single_char_names)] // the JWK member names
            pub fn from_components(
                n: &[u8],
                e: &[u8],
                d: &[u8],
                p: &[u8],
                q: &[u8],
            ) -> Result<Self, KeyError> {
                RsaPrivate::from_components(n, e, d, p, q).map(Self::from_material)
            }

            /// From an RSA private JWK (RFC 7518 §6.3.2), keeping its `kid`. `n`, `e`, `d`, `p` and
            /// `q` are required; `dp`, `dq` and `qi` are recomputed rather than trusted; multi-prime
            /// keys (`oth`) are refused. A JWK without `alg` is accepted: this constructor, chosen by
            /// the caller, decides the algorithm (see the crate's JWK policy).
            ///
            /// # Errors
            /// [`KeyError::JwkMismatch`] if `kty` is not `RSA`, `alg` is present and not
            #[doc = concat!("`", $alg_name, "`, `use` is not `sig`, or `key_ops` lacks `sign`; [`KeyError::JwkMissingMember`];")]
            #[doc = concat!(" ", "then as [`", stringify!($signing), "::from_components`].")]
            #[allow(clippy::many_single_char_names)] // the JWK member names
            pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
                jwk.check("RSA", Algorithm::$alg, &[KeyOp::Sign])?;
                let (n, e) = minimal_members(jwk)?;
                if jwk.has("oth") {
                    return Err(KeyError::Jwk("multi-prime rsa keys are not supported"));
                }
                let secret = |name| jwk.member(name).map(Zeroizing::new);
                let (d, p, q) = (secret("d")?, secret("p")?, secret("q")?);
                let key = Self::from_components(&n, &e, &d, &p, &q)?;
                Ok(match jwk.key_id() {
                    Some(kid) => key.with_key_id(kid),
                    None => key,
                })
            }

            /// The public half as a JWK, safe to publish.
            pub fn to_public_jwk(&self) -> Jwk {
                self.public.to_jwk()
            }

            /// This key as a JWK **including the private members**. Never publish it.
            pub fn to_private_jwk(&self) -> Jwk {
                let mut jwk = self.public.to_jwk();
                let parts = self.private.parts();
                jwk.set("d", &parts.d);
                if let Some([p, q]) = &parts.primes {
                    jwk.set("p", p);
                    jwk.set("q", q);
                }
                if let Some([dp, dq, qi]) = &parts.crt {
                    jwk.set("dp", dp);
                    jwk.set("dq", dq);
                    jwk.set("qi", qi);
                }
                jwk
            }

            /// Sets the key id, which [`encode`](crate::encode) stamps into the header's `kid`.
            #[must_use]
            pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
                self.public.kid = Some(kid.into());
                self
            }

            /// Sets the key id to the RFC 7638 thumbprint of the public key, as
            #[doc = concat!(" ", "[`", stringify!($verifying), "::thumbprint`] and [`Jwk::thumbprint`] compute it.")]
            #[must_use]
            pub fn with_thumbprint_key_id(mut self) -> Self {
                self.public = self.public.with_thumbprint_key_id();
                self
            }

            /// The matching public key, carrying the same key id.
            pub fn verifying_key(&self) -> $verifying {
                self.public.clone()
            }
        }

        impl fmt::Debug for $signing {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($signing))
                    .field("kid", &self.public.kid)
                    .field("modulus_bits", &self.public.modulus_bits())
                    .field("private_key", &"[redacted]")
                    .finish_non_exhaustive()
            }
        }

        impl Signer for $signing {
            fn algorithm(&self) -> Algorithm {
                Algorithm::$alg
            }

            fn key_id(&self) -> Option<&str> {
                self.public.kid.as_deref()
            }

            fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
                sign(&self.private, Padding::$padding, Hash::$hash, signing_input)
            }
        }

        #[doc = concat!("An ", $alg_name, " public key: verifies. Parsed and checked once, at construction.")]
        ///
        /// ```
        /// # let pem = include_str!("../../tests/data/rsa2048-public-spki.pem");
        #[doc = concat!(" ", "use jwtcraft::", stringify!($verifying), ";")]
        #[doc = concat!(" ", "let key = ", stringify!($verifying), "::from_public_key_pem(pem)?;")]
        /// assert_eq!(key.modulus_bits(), 2048);
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Clone)]
        pub struct $verifying {
            public: RsaPublic,
            kid: Option<String>,
        }

        impl $verifying {
            fn from_material(public: RsaPublic) -> Self {
                $verifying { public, kid: None }
            }

            /// From an SPKI PEM document (`-----BEGIN PUBLIC KEY-----`), as OpenSSL writes.
            ///
            /// # Errors
            /// [`KeyError::WrongKind`] for a private key or a certificate; [`KeyError::WrongType`]
            /// for a key that is not RSA; [`KeyError::RsaModulusSize`] if the modulus is below 2048
            /// or above 8192 bits; else [`KeyError::Parse`].
            pub fn from_public_key_pem(pem: &str) -> Result<Self, KeyError> {
                RsaPublic::from_pem(pem, &[Format::Spki]).map(Self::from_material)
            }

            /// From SPKI DER bytes.
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($verifying), "::from_public_key_pem`].")]
            pub fn from_public_key_der(der: &[u8]) -> Result<Self, KeyError> {
                RsaPublic::from_der(der, Format::Spki).map(Self::from_material)
            }

            /// From a PKCS#1 PEM document (`-----BEGIN RSA PUBLIC KEY-----`).
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($verifying), "::from_public_key_pem`].")]
            pub fn from_pkcs1_pem(pem: &str) -> Result<Self, KeyError> {
                RsaPublic::from_pem(pem, &[Format::Pkcs1Public]).map(Self::from_material)
            }

            /// From PKCS#1 DER bytes.
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($verifying), "::from_public_key_pem`].")]
            pub fn from_pkcs1_der(der: &[u8]) -> Result<Self, KeyError> {
                RsaPublic::from_der(der, Format::Pkcs1Public).map(Self::from_material)
            }

            /// From a PEM document in either SPKI or PKCS#1 form, chosen by its label.
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($verifying), "::from_public_key_pem`].")]
            pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
                RsaPublic::from_pem(pem, &[Format::Spki, Format::Pkcs1Public]).map(Self::from_material)
            }

            /// From the big-endian modulus `n` and exponent `e`, as in a JWK (RFC 7518 §6.3.1).
            ///
            /// # Errors
            /// [`KeyError::Invalid`] for an even modulus or a bad exponent;
            /// [`KeyError::RsaModulusSize`] if the modulus is out of range.
            pub fn from_components(n: &[u8], e: &[u8]) -> Result<Self, KeyError> {
                RsaPublic::from_components(n, e).map(Self::from_material)
            }

            /// From an RSA JWK (RFC 7518 §6.3.1), keeping its `kid`. Private members, if any, are
            /// ignored. A JWK without `alg` is accepted: this constructor, chosen by the caller,
            /// decides the algorithm (see the crate's JWK policy).
            ///
            /// # Errors
            /// [`KeyError::JwkMismatch`] if `kty` is not `RSA`, `alg` is present and not
            #[doc = concat!("`", $alg_name, "`, `use` is not `sig`, or `key_ops` lacks `verify`; [`KeyError::JwkMissingMember`];")]
            #[doc = concat!(" ", "then as [`", stringify!($verifying), "::from_components`].")]
            pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
                jwk.check("RSA", Algorithm::$alg, &[KeyOp::Verify])?;
                let (n, e) = minimal_members(jwk)?;
                let key = Self::from_components(&n, &e)?;
                Ok(match jwk.key_id() {
                    Some(kid) => key.with_key_id(kid),
                    None => key,
                })
            }

            #[doc = concat!("This key as a JWK, with `alg` `", $alg_name, "`, `use` `sig` and its `kid`.")]
            pub fn to_jwk(&self) -> Jwk {
                let mut jwk = Jwk::build("RSA", self.kid.as_deref(), Algorithm::$alg);
                jwk.set("n", &self.public.n());
                jwk.set("e", &self.public.e());
                jwk
            }

            /// The RFC 7638 thumbprint of this key.
            pub fn thumbprint(&self) -> String {
                thumbprint_rsa(
                    &codec::encode(&self.public.n()),
                    &codec::encode(&self.public.e()),
                )
            }

            /// Sets the key id reported by [`Verifier::key_id`].
            #[must_use]
            pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
                self.kid = Some(kid.into());
                self
            }

            #[doc = concat!(" ", "Sets the key id to [`", stringify!($verifying), "::thumbprint`], which is also what")]
            #[doc = concat!(" ", "[`Jwk::thumbprint`] gives for [`", stringify!($verifying), "::to_jwk`].")]
            ///
            /// ```
            /// # let pem = include_str!("../../tests/data/rsa2048-public-spki.pem");
            #[doc = concat!(" ", "let key = jwtcraft::", stringify!($verifying), "::from_pem(pem)?.with_thumbprint_key_id();")]
            /// assert_eq!(key.to_jwk().key_id(), Some(key.to_jwk().thumbprint()?.as_str()));
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            #[must_use]
            pub fn with_thumbprint_key_id(self) -> Self {
                let kid = self.thumbprint();
                self.with_key_id(kid)
            }

            /// The modulus size in bits.
            pub fn modulus_bits(&self) -> usize {
                self.public.modulus_bits()
            }
        }

        impl fmt::Debug for $verifying {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($verifying))
                    .field("kid", &self.kid)
                    .field("modulus_bits", &self.modulus_bits())
                    .finish_non_exhaustive()
            }
        }

        impl Verifier for $verifying {
            fn algorithm(&self) -> Algorithm {
                Algorithm::$alg
            }

            fn key_id(&self) -> Option<&str> {
                self.kid.as_deref()
            }

            fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
                // The material checks the exact length before any arithmetic.
                verify(&self.public, Padding::$padding, Hash::$hash, signing_input, signature)
            }
        }
    };
}

rsa_keys!(
    Rs256SigningKey,
    Rs256VerifyingKey,
    Rs256,
    "RS256",
    Sha256,
    Pkcs1v15
);
rsa_keys!(
    Rs384SigningKey,
    Rs384VerifyingKey,
    Rs384,
    "RS384",
    Sha384,
    Pkcs1v15
);
rsa_keys!(
    Rs512SigningKey,
    Rs512VerifyingKey,
    Rs512,
    "RS512",
    Sha512,
    Pkcs1v15
);
rsa_keys!(
    Ps256SigningKey,
    Ps256VerifyingKey,
    Ps256,
    "PS256",
    Sha256,
    Pss
);
rsa_keys!(
    Ps384SigningKey,
    Ps384VerifyingKey,
    Ps384,
    "PS384",
    Sha384,
    Pss
);
rsa_keys!(
    Ps512SigningKey,
    Ps512VerifyingKey,
    Ps512,
    "PS512",
    Sha512,
    Pss
);
