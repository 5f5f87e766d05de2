//! ECDSA over aws-lc-rs (ES256, ES384, ES512), always in the fixed-width `r ‖ s` form of
//! JWS (aws-lc's `*_FIXED` algorithms, never ASN.1/DER). Parsing, the point and scalar
//! checks, and the signature's length and `r`/`s` range checks stay in the shared
//! `rust_crypto` material; a high `s` is accepted, as on `RustCrypto`.

/// Writes the aws-lc `$public` / `$private` wrappers over the shared material of one curve.
macro_rules! ec_material {
    ($module:ident, $public:ident, $private:ident, $field:ident, $verify:ident, $sign:ident) => {
        mod $module {
            use std::sync::Arc;

            use aws_lc_rs::rand::SystemRandom;
            use aws_lc_rs::signature::{$sign, $verify, EcdsaKeyPair, ParsedPublicKey};
            use zeroize::Zeroizing;

            use crate::backend::rust_crypto::pem::Format;
            use crate::backend::rust_crypto::{self as parsed, $field as FIELD_LEN};
            use crate::error::{EncodeError, KeyError, SignatureError};

            /// The uncompressed SEC1 point `0x04 ‖ x ‖ y`.
            fn point(public: &parsed::$public) -> Vec<u8> {
                let (x, y) = public.coordinates();
                let mut point = Vec::with_capacity(1 + 2 * FIELD_LEN);
                point.push(0x04);
                point.extend_from_slice(&x);
                point.extend_from_slice(&y);
                point
            }

            /// A public key: the shared parsed point and the aws-lc verifier for it.
            #[derive(Clone)]
            pub(crate) struct $public {
                parsed: parsed::$public,
                key: ParsedPublicKey,
            }

            impl PartialEq for $public {
                fn eq(&self, other: &Self) -> bool {
                    self.parsed == other.parsed
                }
            }

            impl Eq for $public {}

            impl $public {
                fn new(parsed: parsed::$public) -> Result<Self, KeyError> {
                    let key = ParsedPublicKey::new(&$verify, point(&parsed))
                        .map_err(|_| KeyError::Invalid("aws-lc refused the ec public key"))?;
                    Ok($public { parsed, key })
                }

                /// From SPKI DER.
                pub(crate) fn from_spki_der(der: &[u8]) -> Result<Self, KeyError> {
                    parsed::$public::from_spki_der(der).and_then(Self::new)
                }

                /// From SPKI PEM text.
                pub(crate) fn from_spki_pem(text: &str) -> Result<Self, KeyError> {
                    parsed::$public::from_spki_pem(text).and_then(Self::new)
                }

                /// From a SEC1 encoded point (uncompressed or compressed).
                pub(crate) fn from_sec1_point(bytes: &[u8]) -> Result<Self, KeyError> {
                    parsed::$public::from_sec1_point(bytes).and_then(Self::new)
                }

                /// From the fixed-width big-endian affine coordinates.
                pub(crate) fn from_coordinates(x: &[u8], y: &[u8]) -> Result<Self, KeyError> {
                    parsed::$public::from_coordinates(x, y).and_then(Self::new)
                }

                /// The affine coordinates `(x, y)`, fixed width, big-endian.
                pub(crate) fn coordinates(&self) -> ([u8; FIELD_LEN], [u8; FIELD_LEN]) {
                    self.parsed.coordinates()
                }

                /// Checks an ECDSA signature in the JWS form, with the curve's JWS hash: the
                /// shared length and range checks, then aws-lc.
                pub(crate) fn verify(
                    &self,
                    message: &[u8],
                    signature: &[u8],
                ) -> Result<(), SignatureError> {
                    parsed::$public::check_signature(signature)?;
                    self.key
                        .verify_sig(message, signature)
                        .map_err(|_| SignatureError::Invalid)
                }
            }

            /// A private key: the shared parsed scalar and the aws-lc key pair.
            #[derive(Clone)]
            pub(crate) struct $private {
                parsed: parsed::$private,
                public: $public,
                /// Not `Clone` in aws-lc-rs; shared, immutable.
                pair: Arc<EcdsaKeyPair>,
            }

            impl $private {
                fn new(parsed: parsed::$private) -> Result<Self, KeyError> {
                    let public = $public::new(parsed.public().clone())?;
                    let scalar: Zeroizing<[u8; FIELD_LEN]> = parsed.scalar();
                    let pair = EcdsaKeyPair::from_private_key_and_public_key(
                        &$sign,
                        &scalar[..],
                        &point(&public.parsed),
                    )
                    .map_err(|_| KeyError::Invalid("aws-lc refused the ec private key"))?;
                    Ok($private {
                        parsed,
                        public,
                        pair: Arc::new(pair),
                    })
                }

                /// From DER in `format` (`Pkcs8` or `Sec1`).
                pub(crate) fn from_der(der: &[u8], format: Format) -> Result<Self, KeyError> {
                    parsed::$private::from_der(der, format).and_then(Self::new)
                }

                /// From PEM text in one of `formats`, chosen by its label.
                pub(crate) fn from_pem(text: &str, formats: &[Format]) -> Result<Self, KeyError> {
                    parsed::$private::from_pem(text, formats).and_then(Self::new)
                }

                /// From the fixed-width big-endian scalar, checked to be in `[1, n-1]`.
                pub(crate) fn from_scalar(d: &[u8]) -> Result<Self, KeyError> {
                    parsed::$private::from_scalar(d).and_then(Self::new)
                }

                /// A new key from the OS RNG.
                pub(crate) fn generate() -> Result<Self, KeyError> {
                    parsed::$private::generate().and_then(Self::new)
                }

                /// The public half.
                pub(crate) fn public(&self) -> &$public {
                    &self.public
                }

                /// The fixed-width big-endian scalar; wiped on drop.
                pub(crate) fn scalar(&self) -> Zeroizing<[u8; FIELD_LEN]> {
                    self.parsed.scalar()
                }

                /// An ECDSA signature in the JWS form `r ‖ s` with the curve's JWS hash;
                /// randomized (aws-lc draws the nonce).
                pub(crate) fn sign(&self, message: &[u8]) -> Result<Vec<u8>, EncodeError> {
                    let signature = self
                        .pair
                        .sign(&SystemRandom::new(), message)
                        .map_err(|_| EncodeError::Signing)?;
                    Ok(signature.as_ref().to_vec())
                }
            }

            #[cfg(test)]
            mod tests {
                use super::*;

                #[test]
                fn aws_lc_and_rust_crypto_agree_both_ways() {
                    let ours = $private::generate().unwrap();
                    let theirs = parsed::$private::from_scalar(&ours.scalar()[..]).unwrap();
                    let signature = ours.sign(b"m").unwrap();
                    assert_eq!(signature.len(), 2 * FIELD_LEN);
                    theirs.public().verify(b"m", &signature).unwrap();
                    let signature = theirs.sign(b"m").unwrap();
                    ours.public().verify(b"m", &signature).unwrap();
                    assert!(ours.public().verify(b"n", &signature).is_err());
                    assert!(ours.public().verify(b"m", &[0; 2 * FIELD_LEN]).is_err());
                    assert!(ours.public().verify(b"m", &signature[1..]).is_err());
                }
            }
        }

        pub(crate) use self::$module::{$private, $public};
    };
}

#[cfg(feature = "ecdsa")]
ec_material!(
    p256,
    EcP256Public,
    EcP256Private,
    P256_FIELD_LEN,
    ECDSA_P256_SHA256_FIXED,
    ECDSA_P256_SHA256_FIXED_SIGNING
);
#[cfg(feature = "es384")]
ec_material!(
    p384,
    EcP384Public,
    EcP384Private,
    P384_FIELD_LEN,
    ECDSA_P384_SHA384_FIXED,
    ECDSA_P384_SHA384_FIXED_SIGNING
);
#[cfg(feature = "es512")]
ec_material!(
    p521,
    EcP521Public,
    EcP521Private,
    P521_FIELD_LEN,
    ECDSA_P521_SHA512_FIXED,
    ECDSA_P521_SHA512_FIXED_SIGNING
);
