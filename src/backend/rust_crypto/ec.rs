//! ECDSA material over the `RustCrypto` curve crates (`p256`, `p384`, `p521`): parsed once; the
//! public point is checked to be on the curve and not the identity, the private scalar to be
//! in `[1, n-1]`.
//!
//! The three crates share one API (`ecdsa` 0.17 / `elliptic-curve` 0.14), so one macro writes
//! the material for each curve rather than three copies that could drift. Each curve signs
//! with the hash JWS pairs with it (P-256/SHA-256, P-384/SHA-384, P-521/SHA-512), which is
//! also each crate's own default digest.

/// Writes `$public` / `$private` material for one curve crate, with its tests.
///
/// `$field` is the byte length of a coordinate or scalar; `$wanted` the `pem` constant that
/// names the curve in errors; `$name` the curve as messages say it.
macro_rules! ec_material {
    ($krate:ident, $public:ident, $private:ident, $field:literal, $wanted:ident, $name:literal) => {
        use ::$krate::ecdsa::signature::{Signer as _, Verifier as _};
        use ::$krate::ecdsa::{Signature, SigningKey, VerifyingKey};
        use ::$krate::elliptic_curve::Generate;
        use ::$krate::pkcs8::{DecodePrivateKey, DecodePublicKey};
        use ::$krate::SecretKey;
        use getrandom::SysRng;
        use zeroize::Zeroizing;

        use super::pem::{$wanted, Format, Kind, Pem, Wanted};
        use crate::error::{EncodeError, KeyError, SignatureError};

        #[doc = concat!("Length of one ", $name, " coordinate or scalar.")]
        pub(crate) const FIELD_LEN: usize = $field;
        /// Length of a signature in the JWS form: `r ‖ s`, fixed width (RFC 7518 §3.4).
        const SIGNATURE_LEN: usize = 2 * FIELD_LEN;

        const PUBLIC: Wanted = Wanted {
            kind: Kind::Public,
            key_type: $wanted,
        };
        const PRIVATE: Wanted = Wanted {
            kind: Kind::Private,
            key_type: $wanted,
        };

        #[doc = concat!("A ", $name, " public key.")]
        #[derive(Clone, PartialEq, Eq)]
        pub(crate) struct $public {
            key: VerifyingKey,
        }

        impl $public {
            /// From SPKI DER.
            pub(crate) fn from_spki_der(der: &[u8]) -> Result<Self, KeyError> {
                Self::from_spki_der_named(der, Format::Spki.der_name())
            }

            /// From SPKI PEM text.
            pub(crate) fn from_spki_pem(text: &str) -> Result<Self, KeyError> {
                let pem = Pem::parse(text, Format::Spki.pem_name())?;
                pem.select(&[Format::Spki], PUBLIC)?;
                Self::from_spki_der_named(pem.der(), Format::Spki.pem_name())
            }

            fn from_spki_der_named(der: &[u8], name: &'static str) -> Result<Self, KeyError> {
                VerifyingKey::from_public_key_der(der)
                    .map(|key| $public { key })
                    .map_err(|_| PUBLIC.explain_der(der, name))
            }

            /// From a SEC1 encoded point (uncompressed or compressed).
            pub(crate) fn from_sec1_point(bytes: &[u8]) -> Result<Self, KeyError> {
                VerifyingKey::from_sec1_bytes(bytes)
                    .map(|key| $public { key })
                    .map_err(|_| KeyError::Invalid(concat!("not a ", $name, " point")))
            }

            /// From the fixed-width big-endian affine coordinates.
            pub(crate) fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, KeyError> {
                if x.len() != FIELD_LEN || y.len() != FIELD_LEN {
                    return Err(KeyError::Invalid(concat!(
                        $name,
                        " coordinates must be ",
                        $field,
                        " bytes each"
                    )));
                }
                let mut point = [0u8; 1 + 2 * FIELD_LEN];
                point[0] = 0x04;
                point[1..=FIELD_LEN].copy_from_slice(x);
                point[1 + FIELD_LEN..].copy_from_slice(y);
                Self::from_sec1_point(&point)
            }

            /// The affine coordinates `(x, y)`, fixed width, big-endian.
            pub(crate) fn coordinates(&self) -> ([u8; FIELD_LEN], [u8; FIELD_LEN]) {
                let point = self.key.to_sec1_bytes();
                let mut x = [0u8; FIELD_LEN];
                let mut y = [0u8; FIELD_LEN];
                // Uncompressed SEC1: 0x04 ‖ x ‖ y.
                x.copy_from_slice(&point[1..=FIELD_LEN]);
                y.copy_from_slice(&point[1 + FIELD_LEN..]);
                (x, y)
            }

            /// The checks on a JWS ECDSA signature that come before any arithmetic, on every
            /// backend: the exact fixed length, then `r` and `s` in `[1, n-1]`.
            pub(crate) fn check_signature(signature: &[u8]) -> Result<Signature, SignatureError> {
                // Exact length first: DER and truncated forms never reach the maths.
                if signature.len() != SIGNATURE_LEN {
                    return Err(SignatureError::Invalid);
                }
                // `from_slice` refuses r or s equal to zero or not below the group order n
                // (the "psychic signature" r = s = 0 of CVE-2022-21449). A high s is valid
                // ECDSA and accepted, as every JOSE library does.
                Signature::from_slice(signature).map_err(|_| SignatureError::Invalid)
            }

            /// Checks an ECDSA signature in the JWS form, with the curve's JWS hash.
            pub(crate) fn verify(
                &self,
                message: &[u8],
                signature: &[u8],
            ) -> Result<(), SignatureError> {
                let signature = Self::check_signature(signature)?;
                self.key
                    .verify(message, &signature)
                    .map_err(|_| SignatureError::Invalid)
            }
        }

        #[doc = concat!("A ", $name, " private key; wiped on drop by the curve crate.")]
        #[derive(Clone)]
        pub(crate) struct $private {
            key: SigningKey,
            public: $public,
        }

        impl $private {
            fn new(key: SigningKey) -> Self {
                let public = $public {
                    key: *key.verifying_key(),
                };
                $private { key, public }
            }

            /// From DER in `format` (`Pkcs8` or `Sec1`).
            pub(crate) fn from_der(der: &[u8], format: Format) -> Result<Self, KeyError> {
                Self::from_der_named(der, format, format.der_name())
            }

            /// From PEM text in one of `formats`, chosen by its label. A SEC1 key may follow
            /// an `EC PARAMETERS` block naming this curve, as `openssl ecparam -genkey`
            /// writes.
            pub(crate) fn from_pem(text: &str, formats: &[Format]) -> Result<Self, KeyError> {
                let pem = Pem::parse(text, formats[0].pem_name())?;
                let format = pem.select(formats, PRIVATE)?;
                Self::from_der_named(pem.der(), format, format.pem_name())
            }

            // How many other formats `_` covers depends on the features.
            #[allow(clippy::match_wildcard_for_single_variants)]
            fn from_der_named(
                der: &[u8],
                format: Format,
                name: &'static str,
            ) -> Result<Self, KeyError> {
                let key = match format {
                    Format::Pkcs8 => SigningKey::from_pkcs8_der(der).ok(),
                    Format::Sec1 => SecretKey::from_sec1_der(der).ok().map(SigningKey::from),
                    _ => None,
                };
                key.map(Self::new)
                    .ok_or_else(|| PRIVATE.explain_der(der, name))
            }

            /// From the fixed-width big-endian scalar, which must be in `[1, n-1]`.
            pub(crate) fn from_scalar(d: &[u8]) -> Result<Self, KeyError> {
                if d.len() != FIELD_LEN {
                    return Err(KeyError::Invalid(concat!(
                        $name,
                        " private scalar must be ",
                        $field,
                        " bytes"
                    )));
                }
                SigningKey::from_slice(d).map(Self::new).map_err(|_| {
                    KeyError::Invalid(concat!($name, " private scalar is out of range"))
                })
            }

            /// A new key from the OS RNG.
            pub(crate) fn generate() -> Result<Self, KeyError> {
                SigningKey::try_generate_from_rng(&mut SysRng)
                    .map(Self::new)
                    .map_err(|_| KeyError::Random)
            }

            /// The public half.
            pub(crate) fn public(&self) -> &$public {
                &self.public
            }

            /// The private scalar, fixed width, big-endian; wiped on drop.
            pub(crate) fn scalar(&self) -> Zeroizing<[u8; FIELD_LEN]> {
                let bytes = Zeroizing::new(self.key.to_bytes());
                let mut scalar = Zeroizing::new([0u8; FIELD_LEN]);
                scalar.copy_from_slice(&bytes);
                scalar
            }

            /// An ECDSA signature in the JWS form `r ‖ s` with the curve's JWS hash,
            /// deterministic (RFC 6979).
            pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>, EncodeError> {
                let signature: Signature = self
                    .key
                    .try_sign(message)
                    .map_err(|_| EncodeError::Signing)?;
                Ok(signature.to_bytes().to_vec())
            }
        }

        #[cfg(test)]
        mod tests {
            use super::*;

            #[test]
            fn generated_keys_sign_and_verify() {
                let key = $private::generate().unwrap();
                let signature = key.sign(b"m").unwrap();
                assert_eq!(signature.len(), SIGNATURE_LEN);
                key.public().verify(b"m", &signature).unwrap();
                assert!(key.public().verify(b"n", &signature).is_err());
                assert!(key
                    .public()
                    .verify(b"m", &signature[..SIGNATURE_LEN - 1])
                    .is_err());
                // r = s = 0 is refused before any arithmetic.
                assert!(key.public().verify(b"m", &[0; SIGNATURE_LEN]).is_err());
                let other = $private::generate().unwrap();
                assert!(other.scalar() != key.scalar());
                assert!(other.public() != key.public());
            }

            #[test]
            fn high_s_and_low_s_twins_both_verify() {
                // ECDSA does not fix the sign of s; JOSE libraries produce and accept both.
                let key = $private::generate().unwrap();
                let signature = Signature::from_slice(&key.sign(b"m").unwrap()).unwrap();
                let low = signature.normalize_s();
                let (r, s) = low.split_scalars();
                let high = Signature::from_scalars(r, -s).unwrap();
                assert_ne!(high, low);
                for twin in [low, high] {
                    key.public().verify(b"m", &twin.to_bytes()).unwrap();
                }
            }

            #[test]
            fn scalar_round_trip_and_range() {
                let key = $private::generate().unwrap();
                let back = $private::from_scalar(&key.scalar()[..]).unwrap();
                assert!(back.public() == key.public());
                assert!($private::from_scalar(&[0; FIELD_LEN]).is_err());
                assert!($private::from_scalar(&[0xff; FIELD_LEN]).is_err());
                assert!($private::from_scalar(&[1; FIELD_LEN - 1]).is_err());
            }

            #[test]
            fn coordinates_round_trip() {
                let key = $private::generate().unwrap();
                let (x, y) = key.public().coordinates();
                let back = $public::from_coordinates(&x, &y).unwrap();
                assert!(&back == key.public());
                let mut bad_y = y;
                bad_y[FIELD_LEN - 1] ^= 1;
                assert!($public::from_coordinates(&x, &bad_y).is_err());
            }
        }
    };
}

pub(crate) use ec_material;
