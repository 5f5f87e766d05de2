//! Reading key files: PEM text into DER, and, when the input is not what a constructor
//! needs, what it is instead.
//!
//! A constructor first tries the format it was asked for; only when that fails does this
//! module look at the PEM label and the SPKI / PKCS#8 / SEC1 / PKCS#1 structure (through the
//! `pkcs8`, `spki`, `sec1` and `pkcs1` types, never by hand) to turn "not valid pkcs8 pem"
//! into "this is a public key, expected a private key" or "this is an ec key on curve p-384,
//! expected an ec key on curve p-256". The happy path pays nothing for it.

use zeroize::Zeroizing;

use crate::error::KeyError;
use pkcs8::der::asn1::ObjectIdentifier as Oid;
use pkcs8::der::{pem, Decode};
use pkcs8::{AlgorithmIdentifierRef, PrivateKeyInfoRef, SubjectPublicKeyInfoRef};

/// What a constructor needs: a public or a private key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Public,
    Private,
}

impl Kind {
    fn describe(self) -> &'static str {
        match self {
            Kind::Public => PUBLIC,
            Kind::Private => PRIVATE,
        }
    }
}

const PUBLIC: &str = "a public key";
const PRIVATE: &str = "a private key";
const ENCRYPTED: &str = "an encrypted private key";

/// The key type an RSA constructor needs, as `KeyError::WrongType` says it.
pub(crate) const RSA: &str = "an rsa key";
/// The key type a P-256 constructor needs, as `KeyError::WrongType` says it.
pub(crate) const EC_P256: &str = "an ec key on curve p-256";
/// The key type a P-384 constructor needs.
pub(crate) const EC_P384: &str = "an ec key on curve p-384";
/// The key type a P-521 constructor needs.
pub(crate) const EC_P521: &str = "an ec key on curve p-521";
/// The key type an Ed25519 constructor needs.
pub(crate) const ED25519_KEY: &str = "an ed25519 key";
/// An EC key whose curve the input does not say (a SEC1 key without parameters).
const EC_ANY: &str = "an ec key";

const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
const RSA_PSS: Oid = Oid::new_unwrap("1.2.840.113549.1.1.10");
const EC_PUBLIC_KEY: Oid = Oid::new_unwrap("1.2.840.10045.2.1");
const SECP256R1: Oid = Oid::new_unwrap("1.2.840.10045.3.1.7");
const SECP384R1: Oid = Oid::new_unwrap("1.3.132.0.34");
const SECP521R1: Oid = Oid::new_unwrap("1.3.132.0.35");
const SECP256K1: Oid = Oid::new_unwrap("1.3.132.0.10");
const X25519: Oid = Oid::new_unwrap("1.3.101.110");
const X448: Oid = Oid::new_unwrap("1.3.101.111");
const ED25519: Oid = Oid::new_unwrap("1.3.101.112");
const ED448: Oid = Oid::new_unwrap("1.3.101.113");
const DSA: Oid = Oid::new_unwrap("1.2.840.10040.4.1");

/// The key encodings of this crate's constructors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// `PRIVATE KEY` (RFC 5208 / RFC 5958).
    Pkcs8,
    /// `PUBLIC KEY` (RFC 5280 `SubjectPublicKeyInfo`).
    Spki,
    /// `RSA PRIVATE KEY` (RFC 8017 A.1.2).
    #[cfg(feature = "rsa")]
    Pkcs1Private,
    /// `RSA PUBLIC KEY` (RFC 8017 A.1.1).
    #[cfg(feature = "rsa")]
    Pkcs1Public,
    /// `EC PRIVATE KEY` (RFC 5915).
    #[cfg(any(feature = "ecdsa", feature = "es384", feature = "es512"))]
    Sec1,
}

impl Format {
    fn label(self) -> &'static str {
        match self {
            Format::Pkcs8 => "PRIVATE KEY",
            Format::Spki => "PUBLIC KEY",
            #[cfg(feature = "rsa")]
            Format::Pkcs1Private => "RSA PRIVATE KEY",
            #[cfg(feature = "rsa")]
            Format::Pkcs1Public => "RSA PUBLIC KEY",
            #[cfg(any(feature = "ecdsa", feature = "es384", feature = "es512"))]
            Format::Sec1 => "EC PRIVATE KEY",
        }
    }

    /// The name in `KeyError::Parse` for this format as PEM text.
    pub(crate) fn pem_name(self) -> &'static str {
        match self {
            Format::Pkcs8 => "pkcs8 pem",
            Format::Spki => "spki pem",
            #[cfg(feature = "rsa")]
            Format::Pkcs1Private | Format::Pkcs1Public => "pkcs1 pem",
            #[cfg(any(feature = "ecdsa", feature = "es384", feature = "es512"))]
            Format::Sec1 => "sec1 pem",
        }
    }

    /// The name in `KeyError::Parse` for this format as DER bytes.
    pub(crate) fn der_name(self) -> &'static str {
        match self {
            Format::Pkcs8 => "pkcs8 der",
            Format::Spki => "spki der",
            #[cfg(feature = "rsa")]
            Format::Pkcs1Private | Format::Pkcs1Public => "pkcs1 der",
            #[cfg(any(feature = "ecdsa", feature = "es384", feature = "es512"))]
            Format::Sec1 => "sec1 der",
        }
    }
}

/// What a constructor needs, in the words of `KeyError::WrongKind` / `WrongType`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Wanted {
    pub(crate) kind: Kind,
    pub(crate) key_type: &'static str,
}

impl Wanted {
    /// The error for input that did not parse as `format_name`: a wrong type or kind if the
    /// input says what it is, else a plain parse error.
    pub(crate) fn explain_der(self, der: &[u8], format_name: &'static str) -> KeyError {
        self.mismatch(identify_der(der)).unwrap_or(KeyError::Parse {
            format: format_name,
        })
    }

    fn mismatch(self, found: Found) -> Option<KeyError> {
        if let Some(found) = found.key_type {
            let same =
                found == self.key_type || (found == EC_ANY && self.key_type.starts_with(EC_ANY));
            if !same {
                return Some(KeyError::WrongType {
                    found,
                    expected: self.key_type,
                });
            }
        }
        let found = found.kind?;
        let expected = match (found, self.kind) {
            (ENCRYPTED, Kind::Private) => "an unencrypted private key",
            (found, wanted) if found == wanted.describe() => return None,
            (_, wanted) => wanted.describe(),
        };
        Some(KeyError::WrongKind { found, expected })
    }
}

/// What an input turned out to be, as far as it tells.
#[derive(Debug, Clone, Copy, Default)]
struct Found {
    kind: Option<&'static str>,
    key_type: Option<&'static str>,
}

/// A PEM document holding one key: the label and DER of its key block, and the curve named
/// by an `EC PARAMETERS` block before it (as `openssl ecparam -genkey` writes).
pub(crate) struct Pem {
    label: String,
    der: Zeroizing<Vec<u8>>,
    ec_parameters: Option<Oid>,
}

impl Pem {
    /// Parses PEM text: exactly one block, or an `EC PARAMETERS` block followed by an
    /// `EC PRIVATE KEY` block, with only whitespace around them.
    ///
    /// # Errors
    /// `KeyError::Parse { format: format_name }` for anything else.
    pub(crate) fn parse(text: &str, format_name: &'static str) -> Result<Pem, KeyError> {
        let err = || KeyError::Parse {
            format: format_name,
        };
        let blocks = split_blocks(text).ok_or_else(err)?;
        let decode = |block: &str| {
            pem::decode_vec(block.as_bytes())
                .map(|(label, der)| (label.to_owned(), Zeroizing::new(der)))
                .map_err(|_| err())
        };
        match blocks.as_slice() {
            [key] => {
                let (label, der) = decode(key)?;
                Ok(Pem {
                    label,
                    der,
                    ec_parameters: None,
                })
            }
            [parameters, key] => {
                let (parameters_label, parameters) = decode(parameters)?;
                let (label, der) = decode(key)?;
                if parameters_label != "EC PARAMETERS" || label != "EC PRIVATE KEY" {
                    return Err(err());
                }
                // Only a named curve: explicit curve parameters are not something to trust.
                let curve = Oid::from_der(&parameters).map_err(|_| err())?;
                Ok(Pem {
                    label,
                    der,
                    ec_parameters: Some(curve),
                })
            }
            _ => Err(err()),
        }
    }

    /// The DER of the key block.
    pub(crate) fn der(&self) -> &[u8] {
        &self.der
    }

    /// The one of `formats` whose label this document has.
    ///
    /// # Errors
    /// `KeyError::WrongType` when an `EC PARAMETERS` block or the key names another curve or
    /// algorithm, `KeyError::WrongKind` for a key of the other kind (or a certificate, or an
    /// encrypted key), else `KeyError::Parse` with the first format's name.
    pub(crate) fn select(&self, formats: &[Format], wanted: Wanted) -> Result<Format, KeyError> {
        let format_name = formats.first().map_or("pem", |f| f.pem_name());
        if let Some(curve) = self.ec_parameters {
            let found = Found {
                key_type: Some(curve_type(Some(curve))),
                kind: None,
            };
            if let Some(err) = wanted.mismatch(found) {
                return Err(err);
            }
        }
        if let Some(format) = formats.iter().find(|f| f.label() == self.label) {
            return Ok(*format);
        }
        Err(wanted.mismatch(self.identify()).unwrap_or(KeyError::Parse {
            format: format_name,
        }))
    }

    /// What the document is, from its label, refined by its DER where that is readable.
    fn identify(&self) -> Found {
        let by_label = match self.label.as_str() {
            "PUBLIC KEY" => (Some(PUBLIC), None),
            "PRIVATE KEY" => (Some(PRIVATE), None),
            "RSA PUBLIC KEY" => (Some(PUBLIC), Some(RSA)),
            "RSA PRIVATE KEY" => (Some(PRIVATE), Some(RSA)),
            "EC PRIVATE KEY" => (Some(PRIVATE), Some(curve_type(self.ec_parameters))),
            "ENCRYPTED PRIVATE KEY" => (Some(ENCRYPTED), None),
            "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE" => {
                (Some("a certificate"), None)
            }
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                (Some("a certificate request"), None)
            }
            _ => (None, None),
        };
        let by_der = identify_der(&self.der);
        Found {
            kind: by_label.0.or(by_der.kind),
            key_type: by_der.key_type.or(by_label.1),
        }
    }
}

/// The blocks of a PEM document, each from its `-----BEGIN` line to its `-----END` line.
/// `None` if there is text outside the blocks or more than two of them; each block's own
/// syntax is left to `pem_rfc7468`.
fn split_blocks(text: &str) -> Option<Vec<&str>> {
    const BEGIN: &str = "-----BEGIN ";
    let mut blocks = Vec::new();
    let mut rest = text.trim_start();
    while !rest.is_empty() {
        if blocks.len() == 2 {
            return None;
        }
        let after_begin = rest.strip_prefix(BEGIN)?;
        let label = &after_begin[..after_begin.find("-----")?];
        let end_line = format!("-----END {label}-----");
        let end = rest.find(&end_line)? + end_line.len();
        blocks.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    Some(blocks)
}

/// What DER bytes are, trying each structure a key may have.
fn identify_der(der: &[u8]) -> Found {
    if let Ok(spki) = SubjectPublicKeyInfoRef::try_from(der) {
        return Found {
            kind: Some(PUBLIC),
            key_type: Some(algorithm_type(&spki.algorithm)),
        };
    }
    if let Ok(info) = PrivateKeyInfoRef::try_from(der) {
        return Found {
            kind: Some(PRIVATE),
            key_type: Some(algorithm_type(&info.algorithm)),
        };
    }
    #[cfg(any(feature = "ecdsa", feature = "es384", feature = "es512"))]
    if let Ok(key) = sec1::EcPrivateKey::try_from(der) {
        let curve = key
            .parameters
            .map(|sec1::EcParameters::NamedCurve(oid)| oid);
        return Found {
            kind: Some(PRIVATE),
            key_type: Some(curve_type(curve)),
        };
    }
    #[cfg(feature = "rsa")]
    {
        use rsa::pkcs1::{RsaPrivateKeyRef, RsaPublicKeyRef};
        if RsaPrivateKeyRef::try_from(der).is_ok() {
            return Found {
                kind: Some(PRIVATE),
                key_type: Some(RSA),
            };
        }
        if RsaPublicKeyRef::try_from(der).is_ok() {
            return Found {
                kind: Some(PUBLIC),
                key_type: Some(RSA),
            };
        }
    }
    Found::default()
}

/// The key type an SPKI or PKCS#8 algorithm identifier names.
fn algorithm_type(algorithm: &AlgorithmIdentifierRef<'_>) -> &'static str {
    match algorithm.oid {
        RSA_ENCRYPTION => RSA,
        RSA_PSS => "an rsa-pss key",
        EC_PUBLIC_KEY => curve_type(algorithm.parameters_oid().ok()),
        ED25519 => ED25519_KEY,
        ED448 => "an ed448 key",
        X25519 => "an x25519 key",
        X448 => "an x448 key",
        DSA => "a dsa key",
        _ => "a key of an unsupported type",
    }
}

/// The key type of an EC key on the named curve.
fn curve_type(curve: Option<Oid>) -> &'static str {
    match curve {
        Some(SECP256R1) => EC_P256,
        Some(SECP384R1) => EC_P384,
        Some(SECP521R1) => EC_P521,
        Some(SECP256K1) => "an ec key on curve secp256k1",
        Some(_) => "an ec key on another curve",
        None => EC_ANY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----";

    #[test]
    fn blocks_are_split_and_stray_text_refused() {
        assert_eq!(split_blocks(&format!("\n {BLOCK}\n\n")), Some(vec![BLOCK]));
        assert_eq!(
            split_blocks(&format!("{BLOCK}\r\n{BLOCK}")),
            Some(vec![BLOCK, BLOCK])
        );
        assert_eq!(split_blocks(&format!("{BLOCK}\n{BLOCK}\n{BLOCK}")), None);
        assert_eq!(split_blocks(&format!("text\n{BLOCK}")), None);
        assert_eq!(split_blocks(&format!("{BLOCK}\ntext")), None);
        assert_eq!(split_blocks("-----BEGIN PUBLIC KEY-----\nAAAA\n"), None);
        assert_eq!(split_blocks("-----BEGIN PUBLIC KEY"), None);
        assert_eq!(split_blocks(""), Some(vec![]));
    }

    #[test]
    fn pem_needs_one_key_block() {
        let parse = |text: &str| Pem::parse(text, "x").err();
        let parse_err = Some(KeyError::Parse { format: "x" });
        assert_eq!(parse(""), parse_err);
        assert_eq!(parse(&format!("{BLOCK}\n{BLOCK}")), parse_err);
        // EC PARAMETERS only before an EC PRIVATE KEY.
        let params = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----";
        assert_eq!(parse(&format!("{params}\n{BLOCK}")), parse_err);
        assert_eq!(parse(&format!("{BLOCK}\n{params}")), parse_err);
    }

    #[test]
    fn mismatches_prefer_the_type_then_the_kind() {
        let wanted = Wanted {
            kind: Kind::Private,
            key_type: "an ec key on curve p-256",
        };
        let found = |kind, key_type| Found { kind, key_type };
        assert_eq!(
            wanted.mismatch(found(Some(PUBLIC), Some("an rsa key"))),
            Some(KeyError::WrongType {
                found: "an rsa key",
                expected: "an ec key on curve p-256"
            })
        );
        assert_eq!(
            wanted.mismatch(found(Some(PUBLIC), Some("an ec key on curve p-256"))),
            Some(KeyError::WrongKind {
                found: PUBLIC,
                expected: PRIVATE
            })
        );
        assert_eq!(
            wanted.mismatch(found(Some(ENCRYPTED), None)),
            Some(KeyError::WrongKind {
                found: ENCRYPTED,
                expected: "an unencrypted private key"
            })
        );
        // A SEC1 key that does not name its curve may still be P-256.
        assert_eq!(wanted.mismatch(found(Some(PRIVATE), Some(EC_ANY))), None);
        assert_eq!(wanted.mismatch(Found::default()), None);
    }

    #[test]
    fn curves_and_algorithms_are_named() {
        assert_eq!(curve_type(Some(SECP384R1)), "an ec key on curve p-384");
        assert_eq!(curve_type(Some(ED25519)), "an ec key on another curve");
        assert_eq!(curve_type(None), EC_ANY);
    }
}
