//! The RSA signing key types, written by `rsa_signing_key!` once per algorithm.

/// Writes `$signing`, the private key of `$alg`, whose public half is `$verifying` (written by
/// `rsa_verifying_key!` in the same module).
macro_rules! rsa_signing_key {
    ($signing:ident, $verifying:ident, $alg:ident, $alg_name:literal, $hash:ident, $padding:ident) => {
        #[doc = concat!("An ", $alg_name, " private key: signs. Parsed and checked once, at construction.")]
        ///
        /// ```
        /// # let pem = include_str!("../../../tests/data/rsa2048-private-pkcs8.pem");
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
            /// # let public = include_str!("../../../tests/data/rsa2048-public-spki.pem");
            /// # let ec = include_str!("../../../tests/data/p256-private-pkcs8.pem");
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

            public_half_methods!($verifying);

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
    };
}

pub(super) use rsa_signing_key;
