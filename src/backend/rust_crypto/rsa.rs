//! RSA material over the `rsa` crate: parsed once, then shared by every RSA binding.
//!
//! # Security
//! `rsa` is subject to RUSTSEC-2023-0071 (the "Marvin" timing side channel in private-key
//! operations). Signing therefore always blinds with the OS RNG, passed explicitly rather
//! than left to a feature default. Verification uses only the public key.

use getrandom::SysRng;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey, RsaPrivateKeyRef, RsaPublicKeyRef};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey, PrivateKeyInfoRef, SubjectPublicKeyInfoRef};
use rsa::traits::{PrivateKeyParts, PublicKeyParts};
use rsa::{BoxedUint, PrivateKey, PublicKey};
use sha2::{Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use super::pem::{Format, Kind, Pem, Wanted, RSA};
use crate::backend::Hash;
use crate::error::{EncodeError, KeyError, SignatureError};

/// Smallest accepted modulus (RFC 7518 §3.3 and §3.5: 2048 bits or larger).
pub(crate) const MIN_BITS: usize = 2048;
/// Largest accepted modulus; bounds the cost of a verify (and is `rsa`'s own limit).
pub(crate) const MAX_BITS: usize = 8192;

const PUBLIC: Wanted = Wanted {
    kind: Kind::Public,
    key_type: RSA,
};
const PRIVATE: Wanted = Wanted {
    kind: Kind::Private,
    key_type: RSA,
};

/// Refuses a modulus outside `MIN_BITS..=MAX_BITS`.
fn check_bits(bits: usize) -> Result<(), KeyError> {
    if (MIN_BITS..=MAX_BITS).contains(&bits) {
        Ok(())
    } else {
        Err(KeyError::RsaModulusSize {
            bits,
            min: MIN_BITS,
            max: MAX_BITS,
        })
    }
}

fn bits_of(n: &BoxedUint) -> usize {
    n.bit_width_vartime() as usize
}

/// Big-endian bytes without leading zeros, as JWK members need them (RFC 7518 §6.3).
fn minimal_be(n: &BoxedUint) -> Zeroizing<Vec<u8>> {
    let bytes = Zeroizing::new(n.to_be_bytes());
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    Zeroizing::new(bytes[start..].to_vec())
}

/// Why `der` did not parse as `format_name`: another kind or type of key, a modulus out of
/// range (which `rsa` refuses before we can), or just not that format.
#[cold]
fn explain(der: &[u8], wanted: Wanted, format_name: &'static str) -> KeyError {
    let err = wanted.explain_der(der, format_name);
    if !matches!(err, KeyError::Parse { .. }) {
        return err;
    }
    modulus_bits(der)
        .and_then(|bits| check_bits(bits).err())
        .unwrap_or(err)
}

/// The modulus size of an RSA key in PKCS#1, PKCS#8 or SPKI form, read without building it.
fn modulus_bits(der: &[u8]) -> Option<usize> {
    let pkcs1 = |der: &[u8]| {
        let modulus = RsaPrivateKeyRef::try_from(der)
            .map(|k| k.modulus)
            .or_else(|_| RsaPublicKeyRef::try_from(der).map(|k| k.modulus))
            .ok()?;
        let bytes = modulus.as_bytes();
        let first = bytes.first()?;
        Some(bytes.len() * 8 - first.leading_zeros() as usize)
    };
    if let Ok(spki) = SubjectPublicKeyInfoRef::try_from(der) {
        return pkcs1(spki.subject_public_key.as_bytes()?);
    }
    if let Ok(info) = PrivateKeyInfoRef::try_from(der) {
        return pkcs1(info.private_key.as_bytes());
    }
    pkcs1(der)
}

/// An RSA public key of 2048 to 8192 bits.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct RsaPublic {
    key: PublicKey,
    /// Signature length in bytes, equal to the modulus length (RFC 8017 §8.2.2).
    len: usize,
}

impl RsaPublic {
    fn new(key: PublicKey) -> Result<Self, KeyError> {
        check_bits(bits_of(key.n()))?;
        Ok(RsaPublic {
            len: key.size(),
            key,
        })
    }

    /// From DER in `format` (`Spki` or `Pkcs1Public`).
    pub(crate) fn from_der(der: &[u8], format: Format) -> Result<Self, KeyError> {
        Self::from_der_named(der, format, format.der_name())
    }

    /// From PEM text in one of `formats`, chosen by its label.
    pub(crate) fn from_pem(text: &str, formats: &[Format]) -> Result<Self, KeyError> {
        let pem = Pem::parse(text, formats[0].pem_name())?;
        let format = pem.select(formats, PUBLIC)?;
        Self::from_der_named(pem.der(), format, format.pem_name())
    }

    fn from_der_named(der: &[u8], format: Format, name: &'static str) -> Result<Self, KeyError> {
        let key = match format {
            Format::Spki => PublicKey::from_public_key_der(der).ok(),
            Format::Pkcs1Public => PublicKey::from_pkcs1_der(der).ok(),
            _ => None,
        };
        key.map_or_else(|| Err(explain(der, PUBLIC, name)), Self::new)
    }

    /// From the big-endian modulus and exponent.
    pub(crate) fn from_components(n: &[u8], e: &[u8]) -> Result<Self, KeyError> {
        let n = BoxedUint::from_be_slice_vartime(n);
        let e = BoxedUint::from_be_slice_vartime(e);
        check_bits(bits_of(&n))?;
        let key = PublicKey::new(n, e)
            .map_err(|_| KeyError::Invalid("rsa modulus or exponent is not valid"))?;
        Self::new(key)
    }

    /// The modulus size in bits.
    pub(crate) fn modulus_bits(&self) -> usize {
        bits_of(self.key.n())
    }

    /// The modulus `n`, big-endian, without leading zeros.
    pub(crate) fn n(&self) -> Vec<u8> {
        minimal_be(self.key.n()).to_vec()
    }

    /// The public exponent `e`, big-endian, without leading zeros.
    pub(crate) fn e(&self) -> Vec<u8> {
        minimal_be(self.key.e()).to_vec()
    }

    /// Checks an RSASSA-PKCS1-v1_5 signature over `message` hashed with `hash`.
    pub(crate) fn verify_pkcs1v15(
        &self,
        hash: Hash,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        // Exact length first (RFC 8017 §8.2.2 step 1): nothing else reaches the maths.
        if signature.len() != self.len {
            return Err(SignatureError::Invalid);
        }
        let result = match hash {
            Hash::Sha256 => self.key.pkcs1v15_verify::<Sha256>(message, signature),
            Hash::Sha384 => self.key.pkcs1v15_verify::<Sha384>(message, signature),
            Hash::Sha512 => self.key.pkcs1v15_verify::<Sha512>(message, signature),
        };
        result.map_err(|_| SignatureError::Invalid)
    }

    /// Checks an RSASSA-PSS signature over `message`: `hash` for the message and for MGF1,
    /// and a salt exactly as long as the hash output (RFC 7518 §3.5). `rsa` refuses any other
    /// salt length rather than detecting it.
    pub(crate) fn verify_pss(
        &self,
        hash: Hash,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureError> {
        if signature.len() != self.len {
            return Err(SignatureError::Invalid);
        }
        let result = match hash {
            Hash::Sha256 => self.key.pss_verify::<Sha256>(message, signature),
            Hash::Sha384 => self.key.pss_verify::<Sha384>(message, signature),
            Hash::Sha512 => self.key.pss_verify::<Sha512>(message, signature),
        };
        result.map_err(|_| SignatureError::Invalid)
    }
}

/// The private members of an RSA key as JWK wants them, big-endian without leading zeros;
/// wiped on drop.
pub(crate) struct RsaPrivateParts {
    pub(crate) d: Zeroizing<Vec<u8>>,
    /// `p` and `q`, for a two-prime key.
    pub(crate) primes: Option<[Zeroizing<Vec<u8>>; 2]>,
    /// `dp`, `dq` and `qi`, when precomputed.
    pub(crate) crt: Option<[Zeroizing<Vec<u8>>; 3]>,
}

/// An RSA private key of 2048 to 8192 bits, validated and with its CRT values precomputed.
#[derive(Clone)]
pub(crate) struct RsaPrivate {
    key: PrivateKey,
    public: RsaPublic,
}

impl RsaPrivate {
    fn new(key: PrivateKey) -> Result<Self, KeyError> {
        let public = RsaPublic::new(key.to_public_key())?;
        Ok(RsaPrivate { key, public })
    }

    /// From DER in `format` (`Pkcs8` or `Pkcs1Private`).
    pub(crate) fn from_der(der: &[u8], format: Format) -> Result<Self, KeyError> {
        Self::from_der_named(der, format, format.der_name())
    }

    /// From PEM text in one of `formats`, chosen by its label.
    pub(crate) fn from_pem(text: &str, formats: &[Format]) -> Result<Self, KeyError> {
        let pem = Pem::parse(text, formats[0].pem_name())?;
        let format = pem.select(formats, PRIVATE)?;
        Self::from_der_named(pem.der(), format, format.pem_name())
    }

    fn from_der_named(der: &[u8], format: Format, name: &'static str) -> Result<Self, KeyError> {
        let key = match format {
            Format::Pkcs8 => PrivateKey::from_pkcs8_der(der).ok(),
            Format::Pkcs1Private => PrivateKey::from_pkcs1_der(der).ok(),
            _ => None,
        };
        key.map_or_else(|| Err(explain(der, PRIVATE, name)), Self::new)
    }

    /// From big-endian `n`, `e`, `d`, `p` and `q`; the key is validated (the primes multiply
    /// to `n`, `d` inverts `e`).
    #[allow(clippy::many_single_char_names)] // the RFC 8017 names
    pub(crate) fn from_components(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        p: &[u8],
        q: &[u8],
    ) -> Result<Self, KeyError> {
        let n = BoxedUint::from_be_slice_vartime(n);
        // Size first: validating a huge private key costs far more than refusing it.
        check_bits(bits_of(&n))?;
        let precision = n.bits_precision();
        let uint = |bytes: &[u8]| {
            BoxedUint::from_be_slice(bytes, precision)
                .map_err(|_| KeyError::Invalid("rsa component is larger than n"))
        };
        let (e, d, p, q) = (uint(e)?, uint(d)?, uint(p)?, uint(q)?);
        let key = PrivateKey::from_components(n, e, d, vec![p, q])
            .map_err(|_| KeyError::Invalid("rsa components do not form a valid key"))?;
        Self::new(key)
    }

    /// A new key of `bits` bits (2048 to 8192), with exponent 65537, from the OS RNG.
    pub(crate) fn generate(bits: usize) -> Result<Self, KeyError> {
        check_bits(bits)?;
        let key = PrivateKey::new(&mut SysRng, bits).map_err(|err| match err {
            rsa::Error::Rng => KeyError::Random,
            _ => KeyError::Invalid("rsa key generation failed"),
        })?;
        Self::new(key)
    }

    /// The public half.
    pub(crate) fn public(&self) -> &RsaPublic {
        &self.public
    }

    /// The private members, for JWK export.
    pub(crate) fn parts(&self) -> RsaPrivateParts {
        let key = &self.key;
        RsaPrivateParts {
            d: minimal_be(key.d()),
            primes: match key.primes() {
                [p, q] => Some([minimal_be(p.as_ref()), minimal_be(q.as_ref())]),
                _ => None,
            },
            crt: match (key.dp(), key.dq(), key.crt_coefficient()) {
                (Some(dp), Some(dq), Some(qi)) => {
                    let qi = Zeroizing::new(qi);
                    Some([minimal_be(dp), minimal_be(dq), minimal_be(&qi)])
                }
                _ => None,
            },
        }
    }

    /// An RSASSA-PKCS1-v1_5 signature over `message` hashed with `hash`, blinded with the OS
    /// RNG (deterministic all the same: blinding does not change the signature).
    pub(crate) fn sign_pkcs1v15(&self, hash: Hash, message: &[u8]) -> Result<Vec<u8>, EncodeError> {
        let (key, rng) = (&self.key, &mut SysRng);
        let result = match hash {
            Hash::Sha256 => key.pkcs1v15_sign_with_rng::<Sha256, _>(rng, message),
            Hash::Sha384 => key.pkcs1v15_sign_with_rng::<Sha384, _>(rng, message),
            Hash::Sha512 => key.pkcs1v15_sign_with_rng::<Sha512, _>(rng, message),
        };
        result.map_err(|_| EncodeError::Signing)
    }

    /// An RSASSA-PSS signature over `message` (`hash` for the message and MGF1, a salt of
    /// the hash length from the OS RNG, blinded): randomized, unlike PKCS#1 v1.5.
    pub(crate) fn sign_pss(&self, hash: Hash, message: &[u8]) -> Result<Vec<u8>, EncodeError> {
        let (key, rng) = (&self.key, &mut SysRng);
        let result = match hash {
            Hash::Sha256 => key.pss_sign_with_rng::<Sha256, _>(rng, message),
            Hash::Sha384 => key.pss_sign_with_rng::<Sha384, _>(rng, message),
            Hash::Sha512 => key.pss_sign_with_rng::<Sha512, _>(rng, message),
        };
        result.map_err(|_| EncodeError::Signing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PKCS8: &str = include_str!("../../../tests/data/rsa2048-private-pkcs8.pem");
    const SHORT_SPKI: &[u8] = include_bytes!("../../../tests/data/rsa1024-public-spki.der");

    #[test]
    fn one_key_serves_every_pkcs1v15_operation() {
        let key = RsaPrivate::from_pem(PKCS8, &[Format::Pkcs8]).unwrap();
        let signature = key.sign_pkcs1v15(Hash::Sha256, b"m").unwrap();
        assert_eq!(signature.len(), 256);
        let public = key.public();
        public
            .verify_pkcs1v15(Hash::Sha256, b"m", &signature)
            .unwrap();
        assert!(public
            .verify_pkcs1v15(Hash::Sha256, b"n", &signature)
            .is_err());
        assert!(public
            .verify_pkcs1v15(Hash::Sha256, b"m", &signature[1..])
            .is_err());
        // Deterministic despite blinding.
        assert_eq!(key.sign_pkcs1v15(Hash::Sha256, b"m").unwrap(), signature);
    }

    #[test]
    fn one_key_serves_every_hash_and_padding() {
        let key = RsaPrivate::from_pem(PKCS8, &[Format::Pkcs8]).unwrap();
        let public = key.public();
        for hash in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
            let pkcs1 = key.sign_pkcs1v15(hash, b"m").unwrap();
            public.verify_pkcs1v15(hash, b"m", &pkcs1).unwrap();
            let pss = key.sign_pss(hash, b"m").unwrap();
            assert_eq!(pss.len(), 256);
            public.verify_pss(hash, b"m", &pss).unwrap();
            // Randomized salt: two signatures differ, both verify.
            assert_ne!(key.sign_pss(hash, b"m").unwrap(), pss);
            assert!(public.verify_pss(hash, b"n", &pss).is_err());
            assert!(public.verify_pss(hash, b"m", &pss[1..]).is_err());
            // Neither padding nor hash is accepted for another.
            assert!(public.verify_pkcs1v15(hash, b"m", &pss).is_err());
            assert!(public.verify_pss(hash, b"m", &pkcs1).is_err());
            for other in [Hash::Sha256, Hash::Sha384, Hash::Sha512] {
                if other != hash {
                    assert!(public.verify_pkcs1v15(other, b"m", &pkcs1).is_err());
                    assert!(public.verify_pss(other, b"m", &pss).is_err());
                }
            }
        }
    }

    #[test]
    fn the_modulus_size_is_read_before_rsa_refuses_it() {
        assert_eq!(modulus_bits(SHORT_SPKI), Some(1024));
        assert_eq!(
            RsaPublic::from_der(SHORT_SPKI, Format::Spki).err(),
            Some(KeyError::RsaModulusSize {
                bits: 1024,
                min: MIN_BITS,
                max: MAX_BITS
            })
        );
    }

    #[test]
    fn generate_checks_the_size_before_any_work() {
        for bits in [0, 1024, 2047, 8193] {
            assert_eq!(
                RsaPrivate::generate(bits).err(),
                Some(KeyError::RsaModulusSize {
                    bits,
                    min: MIN_BITS,
                    max: MAX_BITS
                })
            );
        }
    }
}
