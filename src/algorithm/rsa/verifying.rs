//! The RSA verifying key types, written by `rsa_verifying_key!` once per algorithm.

/// Writes `$verifying`, the public key of `$alg`.
macro_rules! rsa_verifying_key {
    ($signing:ident, $verifying:ident, $alg:ident, $alg_name:literal, $hash:ident, $padding:ident) => {
        #[doc = concat!("An ", $alg_name, " public key: verifies. Parsed and checked once, at construction.")]
        ///
        /// ```
        /// # let pem = include_str!("../../../tests/data/rsa2048-public-spki.pem");
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
            /// # let pem = include_str!("../../../tests/data/rsa2048-public-spki.pem");
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

pub(super) use rsa_verifying_key;
