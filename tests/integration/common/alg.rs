//! One description of each algorithm's fixtures, for the suites every algorithm goes through
//! (round trip, wrong key, every bit flip, `kid` handling, token accessors, key formats, JWK
//! round trips).
//!
//! A suite is written once, generic over [`AlgFixture`], as a `macro_rules!` that takes a
//! module name and a fixture type and writes a module of `#[test]`s. [`for_each_algorithm!`]
//! instantiates such a macro for every algorithm, under its feature gate. Adding an algorithm
//! is one `impl AlgFixture` here and one line in [`for_each_algorithm!`]; every suite then
//! covers it.

use jwtcraft::{Algorithm, Hs256Key, Jwk, KeyError, Signer, Verifier};
#[cfg(feature = "ecdsa")]
use jwtcraft::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "rsa")]
use jwtcraft::{Rs256SigningKey, Rs256VerifyingKey};

#[cfg(any(feature = "rsa", feature = "ecdsa"))]
use super::der::pem_to_der;
#[cfg(feature = "ecdsa")]
use super::der::{der_sequence, spki_key};
#[cfg(feature = "rsa")]
use super::der::{rsa_private_components, rsa_public_components};
use super::HS_SECRET;

/// Writes `$suite!(module, Fixture);` once per algorithm, each under its cargo feature.
///
/// `$suite` is a `macro_rules!` in scope where this is invoked; it receives a module name
/// (`hs256`, …) and the algorithm's [`AlgFixture`] type.
macro_rules! for_each_algorithm {
    ($suite:ident) => {
        $suite!(hs256, $crate::common::alg::Hs256);
        #[cfg(feature = "rsa")]
        $suite!(rs256, $crate::common::alg::Rs256);
        #[cfg(feature = "ecdsa")]
        $suite!(es256, $crate::common::alg::Es256);
    };
}
#[allow(unused_imports)]
pub(crate) use for_each_algorithm;

/// An algorithm's fixture keys and how its key types are built, exported and read back.
pub(crate) trait AlgFixture {
    /// The key that signs.
    type Signing: Signer + Clone;
    /// The key that verifies (for HS256, the same type as [`AlgFixture::Signing`]).
    type Verifying: Verifier + Clone;

    /// The algorithm both keys are bound to.
    const ALGORITHM: Algorithm;
    /// The length of a raw signature, in bytes.
    const SIGNATURE_LEN: usize;
    /// The JWK members that hold the private or secret key, all present in
    /// [`AlgFixture::private_jwk`].
    const PRIVATE_MEMBERS: &'static [&'static str];

    /// The fixture signing key, with no key id.
    fn signer() -> Self::Signing;
    /// The fixture verifying key: the public half of [`AlgFixture::signer`].
    fn verifier() -> Self::Verifying;
    /// A verifying key of the same algorithm and another key.
    fn other_verifier() -> Self::Verifying;

    /// `key` with this key id.
    fn with_key_id(key: Self::Signing, kid: &str) -> Self::Signing;
    /// The verifying key of a signing key (for HS256, a clone).
    fn verifying_key(key: &Self::Signing) -> Self::Verifying;

    /// The fixture signing key, loaded from every format it can be read from, each named.
    fn signers_by_format() -> Vec<(&'static str, Self::Signing)>;
    /// The fixture verifying key, loaded from every format it can be read from, each named.
    fn verifiers_by_format() -> Vec<(&'static str, Self::Verifying)>;

    /// The JWK with the private (or secret) members.
    fn private_jwk(key: &Self::Signing) -> Jwk;
    /// A signing key read from a private (or secret) JWK.
    fn signer_from_jwk(jwk: &Jwk) -> Result<Self::Signing, KeyError>;
    /// The public JWK a signing key publishes; `None` for a symmetric key, which has none.
    fn signer_public_jwk(key: &Self::Signing) -> Option<Jwk>;
    /// The public JWK of a verifying key; `None` for a symmetric key.
    fn public_jwk(key: &Self::Verifying) -> Option<Jwk>;
    /// A verifying key read from a JWK.
    fn verifier_from_jwk(jwk: &Jwk) -> Result<Self::Verifying, KeyError>;
    /// The RFC 7638 thumbprint of a verifying key.
    fn thumbprint(key: &Self::Verifying) -> String;
}

// ---------------------------------------------------------------------------------------------
// HS256
// ---------------------------------------------------------------------------------------------

/// HS256 over [`HS_SECRET`]; the other key is [`super::HS_OTHER_SECRET`].
#[derive(Debug)]
pub(crate) struct Hs256;

impl AlgFixture for Hs256 {
    type Signing = Hs256Key;
    type Verifying = Hs256Key;

    const ALGORITHM: Algorithm = Algorithm::Hs256;
    const SIGNATURE_LEN: usize = 32;
    const PRIVATE_MEMBERS: &'static [&'static str] = &["k"];

    fn signer() -> Hs256Key {
        super::hs_key()
    }

    fn verifier() -> Hs256Key {
        super::hs_key()
    }

    fn other_verifier() -> Hs256Key {
        super::hs_other_key()
    }

    fn with_key_id(key: Hs256Key, kid: &str) -> Hs256Key {
        key.with_key_id(kid)
    }

    fn verifying_key(key: &Hs256Key) -> Hs256Key {
        key.clone()
    }

    /// A secret is only read from its bytes or from a JWK (see [`Hs256::signer_from_jwk`]).
    fn signers_by_format() -> Vec<(&'static str, Hs256Key)> {
        vec![("bytes", Hs256Key::new(HS_SECRET).unwrap())]
    }

    fn verifiers_by_format() -> Vec<(&'static str, Hs256Key)> {
        Self::signers_by_format()
    }

    fn private_jwk(key: &Hs256Key) -> Jwk {
        key.to_secret_jwk()
    }

    fn signer_from_jwk(jwk: &Jwk) -> Result<Hs256Key, KeyError> {
        Hs256Key::from_jwk(jwk)
    }

    fn signer_public_jwk(_: &Hs256Key) -> Option<Jwk> {
        None
    }

    fn public_jwk(_: &Hs256Key) -> Option<Jwk> {
        None
    }

    fn verifier_from_jwk(jwk: &Jwk) -> Result<Hs256Key, KeyError> {
        Hs256Key::from_jwk(jwk)
    }

    fn thumbprint(key: &Hs256Key) -> String {
        key.to_secret_jwk().thumbprint().unwrap()
    }
}

// ---------------------------------------------------------------------------------------------
// RS256
// ---------------------------------------------------------------------------------------------

/// RS256 with the 2048-bit fixture key; the other key is [`super::RSA_OTHER_PUBLIC_PEM`].
#[cfg(feature = "rsa")]
#[derive(Debug)]
pub(crate) struct Rs256;

#[cfg(feature = "rsa")]
impl AlgFixture for Rs256 {
    type Signing = Rs256SigningKey;
    type Verifying = Rs256VerifyingKey;

    const ALGORITHM: Algorithm = Algorithm::Rs256;
    const SIGNATURE_LEN: usize = 256;
    const PRIVATE_MEMBERS: &'static [&'static str] = &["d", "p", "q", "dp", "dq", "qi"];

    fn signer() -> Rs256SigningKey {
        super::rs_signing()
    }

    fn verifier() -> Rs256VerifyingKey {
        super::rs_verifying()
    }

    fn other_verifier() -> Rs256VerifyingKey {
        super::rs_other_verifying()
    }

    fn with_key_id(key: Rs256SigningKey, kid: &str) -> Rs256SigningKey {
        key.with_key_id(kid)
    }

    fn verifying_key(key: &Rs256SigningKey) -> Rs256VerifyingKey {
        key.verifying_key()
    }

    #[allow(clippy::many_single_char_names)] // the JWK member names
    fn signers_by_format() -> Vec<(&'static str, Rs256SigningKey)> {
        use super::{RSA_PRIVATE_PEM as PKCS8_PEM, RSA_PRIVATE_PKCS1_DER, RSA_PRIVATE_PKCS1_PEM};
        let [n, e, d, p, q] = rsa_private_components(RSA_PRIVATE_PKCS1_DER);
        vec![
            (
                "pkcs8 pem",
                Rs256SigningKey::from_pkcs8_pem(PKCS8_PEM).unwrap(),
            ),
            (
                "pkcs8 der",
                Rs256SigningKey::from_pkcs8_der(&pem_to_der(PKCS8_PEM)).unwrap(),
            ),
            (
                "pkcs1 pem",
                Rs256SigningKey::from_pkcs1_pem(RSA_PRIVATE_PKCS1_PEM).unwrap(),
            ),
            (
                "pkcs1 der",
                Rs256SigningKey::from_pkcs1_der(RSA_PRIVATE_PKCS1_DER).unwrap(),
            ),
            (
                "from_pem(pkcs8)",
                Rs256SigningKey::from_pem(PKCS8_PEM).unwrap(),
            ),
            (
                "from_pem(pkcs1)",
                Rs256SigningKey::from_pem(RSA_PRIVATE_PKCS1_PEM).unwrap(),
            ),
            (
                "components",
                Rs256SigningKey::from_components(&n, &e, &d, &p, &q).unwrap(),
            ),
        ]
    }

    fn verifiers_by_format() -> Vec<(&'static str, Rs256VerifyingKey)> {
        use super::{RSA_PUBLIC_DER, RSA_PUBLIC_PEM, RSA_PUBLIC_PKCS1_DER, RSA_PUBLIC_PKCS1_PEM};
        let [n, e] = rsa_public_components(RSA_PUBLIC_PKCS1_DER);
        vec![
            (
                "spki pem",
                Rs256VerifyingKey::from_public_key_pem(RSA_PUBLIC_PEM).unwrap(),
            ),
            (
                "spki der",
                Rs256VerifyingKey::from_public_key_der(RSA_PUBLIC_DER).unwrap(),
            ),
            (
                "pkcs1 pem",
                Rs256VerifyingKey::from_pkcs1_pem(RSA_PUBLIC_PKCS1_PEM).unwrap(),
            ),
            (
                "pkcs1 der",
                Rs256VerifyingKey::from_pkcs1_der(RSA_PUBLIC_PKCS1_DER).unwrap(),
            ),
            (
                "from_pem(spki)",
                Rs256VerifyingKey::from_pem(RSA_PUBLIC_PEM).unwrap(),
            ),
            (
                "from_pem(pkcs1)",
                Rs256VerifyingKey::from_pem(RSA_PUBLIC_PKCS1_PEM).unwrap(),
            ),
            (
                "components",
                Rs256VerifyingKey::from_components(&n, &e).unwrap(),
            ),
            ("verifying_key()", super::rs_signing().verifying_key()),
        ]
    }

    fn private_jwk(key: &Rs256SigningKey) -> Jwk {
        key.to_private_jwk()
    }

    fn signer_from_jwk(jwk: &Jwk) -> Result<Rs256SigningKey, KeyError> {
        Rs256SigningKey::from_jwk(jwk)
    }

    fn signer_public_jwk(key: &Rs256SigningKey) -> Option<Jwk> {
        Some(key.to_public_jwk())
    }

    fn public_jwk(key: &Rs256VerifyingKey) -> Option<Jwk> {
        Some(key.to_jwk())
    }

    fn verifier_from_jwk(jwk: &Jwk) -> Result<Rs256VerifyingKey, KeyError> {
        Rs256VerifyingKey::from_jwk(jwk)
    }

    fn thumbprint(key: &Rs256VerifyingKey) -> String {
        key.thumbprint()
    }
}

// ---------------------------------------------------------------------------------------------
// ES256
// ---------------------------------------------------------------------------------------------

/// ES256 with the P-256 fixture key; the other key is [`super::EC_OTHER_PUBLIC_PEM`].
#[cfg(feature = "ecdsa")]
#[derive(Debug)]
pub(crate) struct Es256;

/// The private scalar `d` of the fixture P-256 key (from its SEC1 DER).
#[cfg(feature = "ecdsa")]
pub(crate) fn ec_scalar() -> Vec<u8> {
    let items = der_sequence(super::EC_PRIVATE_SEC1_DER);
    assert_eq!(items[1].0, 0x04, "privateKey OCTET STRING");
    items[1].1.to_vec()
}

/// The uncompressed SEC1 point `04 ‖ x ‖ y` of the fixture P-256 public key.
#[cfg(feature = "ecdsa")]
pub(crate) fn ec_point() -> Vec<u8> {
    let point = spki_key(super::EC_PUBLIC_DER).to_vec();
    assert_eq!((point.len(), point[0]), (65, 0x04));
    point
}

#[cfg(feature = "ecdsa")]
impl AlgFixture for Es256 {
    type Signing = Es256SigningKey;
    type Verifying = Es256VerifyingKey;

    const ALGORITHM: Algorithm = Algorithm::Es256;
    const SIGNATURE_LEN: usize = 64;
    const PRIVATE_MEMBERS: &'static [&'static str] = &["d"];

    fn signer() -> Es256SigningKey {
        super::es_signing()
    }

    fn verifier() -> Es256VerifyingKey {
        super::es_verifying()
    }

    fn other_verifier() -> Es256VerifyingKey {
        super::es_other_verifying()
    }

    fn with_key_id(key: Es256SigningKey, kid: &str) -> Es256SigningKey {
        key.with_key_id(kid)
    }

    fn verifying_key(key: &Es256SigningKey) -> Es256VerifyingKey {
        key.verifying_key()
    }

    fn signers_by_format() -> Vec<(&'static str, Es256SigningKey)> {
        use super::{EC_PRIVATE_PEM as PKCS8_PEM, EC_PRIVATE_SEC1_DER, EC_PRIVATE_SEC1_PEM};
        vec![
            (
                "pkcs8 pem",
                Es256SigningKey::from_pkcs8_pem(PKCS8_PEM).unwrap(),
            ),
            (
                "pkcs8 der",
                Es256SigningKey::from_pkcs8_der(&pem_to_der(PKCS8_PEM)).unwrap(),
            ),
            (
                "sec1 pem",
                Es256SigningKey::from_sec1_pem(EC_PRIVATE_SEC1_PEM).unwrap(),
            ),
            (
                "sec1 der",
                Es256SigningKey::from_sec1_der(EC_PRIVATE_SEC1_DER).unwrap(),
            ),
            (
                "from_pem(pkcs8)",
                Es256SigningKey::from_pem(PKCS8_PEM).unwrap(),
            ),
            (
                "from_pem(sec1)",
                Es256SigningKey::from_pem(EC_PRIVATE_SEC1_PEM).unwrap(),
            ),
            (
                "scalar",
                Es256SigningKey::from_scalar(&ec_scalar()).unwrap(),
            ),
        ]
    }

    fn verifiers_by_format() -> Vec<(&'static str, Es256VerifyingKey)> {
        use super::{EC_PUBLIC_DER, EC_PUBLIC_PEM};
        let point = ec_point();
        let (x, y) = (&point[1..33], &point[33..]);
        let mut compressed = vec![0x02 | (y[31] & 1)];
        compressed.extend_from_slice(x);
        vec![
            (
                "spki pem",
                Es256VerifyingKey::from_public_key_pem(EC_PUBLIC_PEM).unwrap(),
            ),
            (
                "spki der",
                Es256VerifyingKey::from_public_key_der(EC_PUBLIC_DER).unwrap(),
            ),
            (
                "coordinates",
                Es256VerifyingKey::from_coordinates(x, y).unwrap(),
            ),
            (
                "sec1 uncompressed",
                Es256VerifyingKey::from_sec1_bytes(&point).unwrap(),
            ),
            (
                "sec1 compressed",
                Es256VerifyingKey::from_sec1_bytes(&compressed).unwrap(),
            ),
            ("verifying_key()", super::es_signing().verifying_key()),
        ]
    }

    fn private_jwk(key: &Es256SigningKey) -> Jwk {
        key.to_private_jwk()
    }

    fn signer_from_jwk(jwk: &Jwk) -> Result<Es256SigningKey, KeyError> {
        Es256SigningKey::from_jwk(jwk)
    }

    fn signer_public_jwk(key: &Es256SigningKey) -> Option<Jwk> {
        Some(key.to_public_jwk())
    }

    fn public_jwk(key: &Es256VerifyingKey) -> Option<Jwk> {
        Some(key.to_jwk())
    }

    fn verifier_from_jwk(jwk: &Jwk) -> Result<Es256VerifyingKey, KeyError> {
        Es256VerifyingKey::from_jwk(jwk)
    }

    fn thumbprint(key: &Es256VerifyingKey) -> String {
        key.thumbprint()
    }
}
