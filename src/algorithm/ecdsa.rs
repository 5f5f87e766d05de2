//! ECDSA (RFC 7518 §3.4): ES256 over P-256 (`ecdsa` feature), ES384 over P-384 (`es384`)
//! and ES512 over P-521 (`es512`), through the pure-Rust `RustCrypto` curve crates, or
//! aws-lc-rs with the `aws-lc` feature.
//!
//! The JWS signature is exactly `2 × field` bytes (64, 96, 132), `r ‖ s` as fixed-width
//! big-endian integers. A DER signature, or any other length, is refused before any
//! arithmetic, and `r` and `s` must lie in `[1, n-1]`, which rules out the "psychic
//! signature" `r = s = 0` (CVE-2022-21449). A high `s` is accepted, as ECDSA allows. Signing
//! is deterministic (RFC 6979) on the `RustCrypto` backend and randomized (a random nonce) on
//! aws-lc. Those checks live in the curve material (`EcP256Private` and friends); one macro
//! writes the three key pairs that bind it to an algorithm and to JWK.

use std::fmt;

use zeroize::Zeroizing;

use super::{Algorithm, Signer, Verifier};
use crate::backend::Format;
#[cfg(feature = "ecdsa")]
use crate::backend::{EcP256Private, EcP256Public, P256_FIELD_LEN};
#[cfg(feature = "es384")]
use crate::backend::{EcP384Private, EcP384Public, P384_FIELD_LEN};
#[cfg(feature = "es512")]
use crate::backend::{EcP521Private, EcP521Public, P521_FIELD_LEN};
use crate::codec;
use crate::error::{EncodeError, KeyError, SignatureError};
use crate::jwk::{thumbprint_ec, Jwk, KeyOp};

/// Writes one ECDSA signing/verifying key pair.
///
/// `$crv` is the JWK curve name, `$curve` the curve as error messages say it, `$field` the
/// coordinate length as a literal (for docs), `$fixture` the prefix of the test key files the
/// doc examples load, `$krate` the curve crate.
macro_rules! ecdsa_keys {
    (
        $signing:ident, $verifying:ident, $alg:ident, $alg_name:literal,
        $private:ident, $public:ident, $field_len:ident, $field:literal,
        $crv:literal, $curve:literal, $fixture:literal, $krate:literal
    ) => {
        #[doc = concat!("An ", $alg_name, " private key: signs. Parsed once, at construction; wiped on drop by `", $krate, "`.")]
        ///
        /// ```
        #[doc = concat!("# let pem = include_str!(\"../../tests/data/", $fixture, "-private-pkcs8.pem\");")]
        #[doc = concat!(" ", "use jwtcraft::", stringify!($signing), ";")]
        #[doc = concat!(" ", "let key = ", stringify!($signing), "::from_pkcs8_pem(pem)?.with_key_id(\"ec-1\");")]
        /// let public = key.verifying_key();
        /// assert!(format!("{key:?}").contains("[redacted]"));
        /// # let _ = public;
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Clone)]
        pub struct $signing {
            private: $private,
            public: $verifying,
        }

        impl $signing {
            fn from_material(private: $private) -> Self {
                let public = $verifying::from_material(private.public().clone());
                $signing { private, public }
            }

            /// A new key from the operating system's RNG.
            ///
            /// # Errors
            /// [`KeyError::Random`] if the OS RNG fails.
            ///
            /// ```
            #[doc = concat!(" ", "use jwtcraft::", stringify!($signing), ";")]
            #[doc = concat!(" ", "let key = ", stringify!($signing), "::generate()?.with_thumbprint_key_id();")]
            /// assert_eq!(key.to_public_jwk().key_id(), Some(key.verifying_key().thumbprint().as_str()));
            /// # Ok::<(), Box<dyn std::error::Error>>(())
            /// ```
            pub fn generate() -> Result<Self, KeyError> {
                $private::generate().map(Self::from_material)
            }

            /// From a PKCS#8 PEM document (`-----BEGIN PRIVATE KEY-----`).
            ///
            /// # Errors
            /// [`KeyError::WrongKind`] for a public key, a certificate or an encrypted key;
            /// [`KeyError::WrongType`] for an RSA key or a key on another curve; else
            /// [`KeyError::Parse`].
            pub fn from_pkcs8_pem(pem: &str) -> Result<Self, KeyError> {
                $private::from_pem(pem, &[Format::Pkcs8]).map(Self::from_material)
            }

            /// From PKCS#8 DER bytes.
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($signing), "::from_pkcs8_pem`].")]
            pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, KeyError> {
                $private::from_der(der, Format::Pkcs8).map(Self::from_material)
            }

            /// From a SEC1 PEM document (`-----BEGIN EC PRIVATE KEY-----`), optionally after the
            /// `-----BEGIN EC PARAMETERS-----` block that `openssl ecparam -genkey` writes first
            #[doc = concat!("(which must then name ", $crv, ").")]
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($signing), "::from_pkcs8_pem`].")]
            pub fn from_sec1_pem(pem: &str) -> Result<Self, KeyError> {
                $private::from_pem(pem, &[Format::Sec1]).map(Self::from_material)
            }

            /// From SEC1 DER bytes.
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($signing), "::from_pkcs8_pem`].")]
            pub fn from_sec1_der(der: &[u8]) -> Result<Self, KeyError> {
                $private::from_der(der, Format::Sec1).map(Self::from_material)
            }

            /// From a PEM document in either PKCS#8 or SEC1 form, chosen by its label; a SEC1 key
            #[doc = concat!(" ", "may follow an `EC PARAMETERS` block, as in [`", stringify!($signing), "::from_sec1_pem`].")]
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($signing), "::from_pkcs8_pem`].")]
            ///
            /// ```
            /// # let rsa = include_str!("../../tests/data/rsa2048-private-pkcs8.pem");
            /// # let ed25519 = include_str!("../../tests/data/ed25519-private-pkcs8.pem");
            #[doc = concat!(" ", "use jwtcraft::", stringify!($signing), ";")]
            /// assert_eq!(
            #[doc = concat!(" ", "    ", stringify!($signing), "::from_pem(rsa).unwrap_err().to_string(),")]
            #[doc = concat!(" ", "    \"this is an rsa key, expected an ec key on curve ", $curve, "\"")]
            /// );
            /// assert_eq!(
            #[doc = concat!(" ", "    ", stringify!($signing), "::from_pem(ed25519).unwrap_err().to_string(),")]
            #[doc = concat!(" ", "    \"this is an ed25519 key, expected an ec key on curve ", $curve, "\"")]
            /// );
            /// ```
            pub fn from_pem(pem: &str) -> Result<Self, KeyError> {
                $private::from_pem(pem, &[Format::Pkcs8, Format::Sec1]).map(Self::from_material)
            }

            #[doc = concat!("From the ", $field, "-byte big-endian private scalar `d`, as in a JWK (RFC 7518 §6.2.2.1).")]
            ///
            /// # Errors
            #[doc = concat!("[`KeyError::Invalid`] if `d` is not ", $field, " bytes or not in `[1, n-1]`.")]
            pub fn from_scalar(d: &[u8]) -> Result<Self, KeyError> {
                $private::from_scalar(d).map(Self::from_material)
            }

            /// From an EC private JWK (RFC 7518 §6.2.2), keeping its `kid`. The public point `x`,
            /// `y` must match the private scalar `d`.
            ///
            /// # Errors
            #[doc = concat!("[`KeyError::JwkMismatch`] if `kty` is not `EC`, `crv` is not `", $crv, "`, `alg` is present")]
            #[doc = concat!("and not `", $alg_name, "`, `use` is not `sig`, or `key_ops` lacks `sign`;")]
            /// [`KeyError::JwkMissingMember`]; [`KeyError::Invalid`] for a bad or mismatched key.
            pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
                jwk.check("EC", Algorithm::$alg, &[KeyOp::Sign])?;
                let public = $verifying::from_jwk_unchecked(jwk)?;
                let key = Self::from_scalar(&Zeroizing::new(jwk.member("d")?))?;
                if key.public.public != public.public {
                    return Err(KeyError::Invalid("ec jwk d does not match x and y"));
                }
                Ok(match jwk.key_id() {
                    Some(kid) => key.with_key_id(kid),
                    None => key,
                })
            }

            public_half_methods!($verifying);

            /// This key as a JWK **including the private scalar** `d`. Never publish it.
            pub fn to_private_jwk(&self) -> Jwk {
                let mut jwk = self.public.to_jwk();
                jwk.set("d", &self.private.scalar()[..]);
                jwk
            }
        }

        impl fmt::Debug for $signing {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($signing))
                    .field("kid", &self.public.kid)
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
                self.private.sign(signing_input)
            }
        }

        #[doc = concat!("An ", $alg_name, " public key: verifies. Parsed and checked (on the curve, not the identity) once.")]
        ///
        /// ```
        #[doc = concat!("# let pem = include_str!(\"../../tests/data/", $fixture, "-public-spki.pem\");")]
        #[doc = concat!(" ", "use jwtcraft::", stringify!($verifying), ";")]
        #[doc = concat!(" ", "let key = ", stringify!($verifying), "::from_public_key_pem(pem)?;")]
        #[doc = concat!(" ", "assert_eq!(key.to_coordinates().0.len(), ", $field, ");")]
        /// # Ok::<(), Box<dyn std::error::Error>>(())
        /// ```
        #[derive(Clone)]
        pub struct $verifying {
            public: $public,
            kid: Option<String>,
        }

        impl $verifying {
            fn from_material(public: $public) -> Self {
                $verifying { public, kid: None }
            }

            /// From an SPKI PEM document (`-----BEGIN PUBLIC KEY-----`).
            ///
            /// # Errors
            /// [`KeyError::WrongKind`] for a private key or a certificate; [`KeyError::WrongType`]
            /// for an RSA key or a key on another curve; else [`KeyError::Parse`].
            pub fn from_public_key_pem(pem: &str) -> Result<Self, KeyError> {
                $public::from_spki_pem(pem).map(Self::from_material)
            }

            /// From SPKI DER bytes.
            ///
            /// # Errors
            #[doc = concat!(" ", "As [`", stringify!($verifying), "::from_public_key_pem`].")]
            pub fn from_public_key_der(der: &[u8]) -> Result<Self, KeyError> {
                $public::from_spki_der(der).map(Self::from_material)
            }

            /// From a SEC1 encoded point (`0x04 ‖ x ‖ y`, or compressed `0x02`/`0x03 ‖ x`).
            ///
            /// # Errors
            #[doc = concat!("[`KeyError::Invalid`] if the bytes are not a point on ", $crv, ".")]
            pub fn from_sec1_bytes(bytes: &[u8]) -> Result<Self, KeyError> {
                $public::from_sec1_point(bytes).map(Self::from_material)
            }

            #[doc = concat!("From the ", $field, "-byte big-endian affine coordinates `x` and `y`, as in a JWK")]
            /// (RFC 7518 §6.2.1).
            ///
            /// # Errors
            #[doc = concat!("[`KeyError::Invalid`] if either is not ", $field, " bytes or the point is not on ", $crv, ".")]
            pub fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, KeyError> {
                $public::from_coordinates(x, y).map(Self::from_material)
            }

            /// From an EC JWK (RFC 7518 §6.2.1), keeping its `kid`. A private `d`, if any, is
            /// ignored.
            ///
            /// # Errors
            #[doc = concat!("[`KeyError::JwkMismatch`] if `kty` is not `EC`, `crv` is not `", $crv, "`, `alg` is present")]
            #[doc = concat!("and not `", $alg_name, "`, `use` is not `sig`, or `key_ops` lacks `verify`;")]
            /// [`KeyError::JwkMissingMember`]; [`KeyError::Invalid`] for a point not on the curve.
            pub fn from_jwk(jwk: &Jwk) -> Result<Self, KeyError> {
                jwk.check("EC", Algorithm::$alg, &[KeyOp::Verify])?;
                Self::from_jwk_unchecked(jwk)
            }

            /// `crv`, `x`, `y` and `kid`, without the `alg`/`use`/`key_ops` checks.
            fn from_jwk_unchecked(jwk: &Jwk) -> Result<Self, KeyError> {
                if jwk.curve() != Some($crv) {
                    return Err(KeyError::JwkMismatch {
                        member: "crv",
                        expected: $crv,
                    });
                }
                let key = Self::from_coordinates(&jwk.member("x")?, &jwk.member("y")?)?;
                Ok(match jwk.key_id() {
                    Some(kid) => key.with_key_id(kid),
                    None => key,
                })
            }

            #[doc = concat!("This key as a JWK, with `crv` `", $crv, "`, `alg` `", $alg_name, "`, `use` `sig` and its `kid`.")]
            pub fn to_jwk(&self) -> Jwk {
                let (x, y) = self.to_coordinates();
                let mut jwk = Jwk::build("EC", self.kid.as_deref(), Algorithm::$alg);
                jwk.set_curve($crv);
                jwk.set("x", &x);
                jwk.set("y", &y);
                jwk
            }

            /// The RFC 7638 thumbprint of this key.
            pub fn thumbprint(&self) -> String {
                let (x, y) = self.to_coordinates();
                thumbprint_ec($crv, &codec::encode(&x), &codec::encode(&y))
            }

            #[doc = concat!("The affine coordinates `(x, y)`, ", $field, " bytes each, big-endian.")]
            pub fn to_coordinates(&self) -> ([u8; $field_len], [u8; $field_len]) {
                self.public.coordinates()
            }

            /// Sets the key id reported by [`Verifier::key_id`].
            #[must_use]
            pub fn with_key_id(mut self, kid: impl Into<String>) -> Self {
                self.kid = Some(kid.into());
                self
            }

            #[doc = concat!(" ", "Sets the key id to [`", stringify!($verifying), "::thumbprint`], which is also what")]
            #[doc = concat!(" ", "[`Jwk::thumbprint`] gives for [`", stringify!($verifying), "::to_jwk`].")]
            #[must_use]
            pub fn with_thumbprint_key_id(self) -> Self {
                let kid = self.thumbprint();
                self.with_key_id(kid)
            }
        }

        impl fmt::Debug for $verifying {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($verifying))
                    .field("kid", &self.kid)
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
                // The material checks the exact length, then that r and s are in [1, n-1], before
                // any arithmetic.
                self.public.verify(signing_input, signature)
            }
        }
    };
}

#[cfg(feature = "ecdsa")]
ecdsa_keys!(
    Es256SigningKey,
    Es256VerifyingKey,
    Es256,
    "ES256",
    EcP256Private,
    EcP256Public,
    P256_FIELD_LEN,
    32,
    "P-256",
    "p-256",
    "p256",
    "p256"
);
#[cfg(feature = "es384")]
ecdsa_keys!(
    Es384SigningKey,
    Es384VerifyingKey,
    Es384,
    "ES384",
    EcP384Private,
    EcP384Public,
    P384_FIELD_LEN,
    48,
    "P-384",
    "p-384",
    "p384",
    "p384"
);
#[cfg(feature = "es512")]
ecdsa_keys!(
    Es512SigningKey,
    Es512VerifyingKey,
    Es512,
    "ES512",
    EcP521Private,
    EcP521Public,
    P521_FIELD_LEN,
    66,
    "P-521",
    "p-521",
    "p521",
    "p521"
);
