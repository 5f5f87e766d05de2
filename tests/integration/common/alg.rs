//! One description of each algorithm's fixtures, for the suites every algorithm goes through
//! (round trip, wrong key, every bit flip, `kid` handling, token accessors, key formats, JWK
//! round trips).
//!
//! A suite is written once, generic over [`AlgFixture`], as a `macro_rules!` that takes a
//! module name and a fixture type and writes a module of `#[test]`s. [`for_each_algorithm!`]
//! instantiates such a macro for every algorithm, under its feature gate. Adding an algorithm
//! is one `impl AlgFixture` here and one line in [`for_each_algorithm!`]; every suite then
//! covers it.

use jwtcraft::{Algorithm, Hs256Key, Hs384Key, Hs512Key, Jwk, KeyError, Signer, Verifier};
#[cfg(feature = "ecdsa")]
use jwtcraft::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "rsa")]
use jwtcraft::{Rs256SigningKey, Rs256VerifyingKey};

#[cfg(feature = "ecdsa")]
use super::der::der_sequence;
#[cfg(any(
    feature = "rsa",
    feature = "ecdsa",
    feature = "es384",
    feature = "es512",
    feature = "eddsa"
))]
use super::der::pem_to_der;
#[cfg(any(
    feature = "ecdsa",
    feature = "es384",
    feature = "es512",
    feature = "eddsa"
))]
use super::der::spki_key;
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
        $suite!(hs384, $crate::common::alg::Hs384);
        $suite!(hs512, $crate::common::alg::Hs512);
        #[cfg(feature = "rsa")]
        $suite!(rs256, $crate::common::alg::Rs256);
        #[cfg(feature = "rsa")]
        $suite!(rs384, $crate::common::alg::Rs384);
        #[cfg(feature = "rsa")]
        $suite!(rs512, $crate::common::alg::Rs512);
        #[cfg(feature = "rsa")]
        $suite!(ps256, $crate::common::alg::Ps256);
        #[cfg(feature = "rsa")]
        $suite!(ps384, $crate::common::alg::Ps384);
        #[cfg(feature = "rsa")]
        $suite!(ps512, $crate::common::alg::Ps512);
        #[cfg(feature = "ecdsa")]
        $suite!(es256, $crate::common::alg::Es256);
        #[cfg(feature = "es384")]
        $suite!(es384, $crate::common::alg::Es384);
        #[cfg(feature = "es512")]
        $suite!(es512, $crate::common::alg::Es512);
        #[cfg(feature = "eddsa")]
        $suite!(ed25519, $crate::common::alg::Ed25519);
        #[cfg(feature = "eddsa")]
        $suite!(eddsa, $crate::common::alg::EdDsa);
    };
}
#[allow(unused_imports)]
pub(crate) use for_each_algorithm;

/// An algorithm's fixture keys and how its key types are built, exported and read back.
/// Whether ECDSA signing is deterministic in this build: RFC 6979 on the `RustCrypto`
/// backend, a random nonce on aws-lc (both valid ECDSA).
#[cfg(any(feature = "ecdsa", feature = "es384", feature = "es512"))]
const ECDSA_DETERMINISTIC: bool = !cfg!(feature = "aws-lc");

pub(crate) trait AlgFixture {
    /// The key that signs.
    type Signing: Signer + Clone;
    /// The key that verifies (for HS256, the same type as [`AlgFixture::Signing`]).
    type Verifying: Verifier + Clone;

    /// The algorithm both keys are bound to.
    const ALGORITHM: Algorithm;
    /// The length of a raw signature, in bytes.
    const SIGNATURE_LEN: usize;
    /// Whether signing the same input twice gives the same signature (all but RSASSA-PSS,
    /// whose salt is random, and ECDSA on the aws-lc backend, whose nonce is random; ECDSA is
    /// RFC 6979 deterministic on `RustCrypto`). Where it does, every encoding of a key must sign
    /// identically.
    const DETERMINISTIC: bool = true;
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
    const DETERMINISTIC: bool = ECDSA_DETERMINISTIC;
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

// ---------------------------------------------------------------------------------------------
// HS384, HS512
// ---------------------------------------------------------------------------------------------

/// A 64-byte secret; HS384 uses its first 48 bytes.
pub(crate) const HS_LONG_SECRET: &[u8; 64] =
    b"jwtcraft fixture secret for HS384 and HS512, 64 bytes long!!!!!!";
/// Another 64-byte secret, for "a different key of the same algorithm".
pub(crate) const HS_LONG_OTHER_SECRET: &[u8; 64] =
    b"another fixture secret for HS384 and HS512, also 64 bytes long!!";

/// An HMAC fixture over the first `$len` bytes of [`HS_LONG_SECRET`].
macro_rules! hmac_fixture {
    ($fixture:ident, $key:ident, $alg:ident, $len:literal) => {
        #[doc = concat!("`", stringify!($alg), "` over the first ", $len, " bytes of [`HS_LONG_SECRET`].")]
        #[derive(Debug)]
        pub(crate) struct $fixture;

        impl AlgFixture for $fixture {
            type Signing = $key;
            type Verifying = $key;

            const ALGORITHM: Algorithm = Algorithm::$alg;
            const SIGNATURE_LEN: usize = $len;
            const PRIVATE_MEMBERS: &'static [&'static str] = &["k"];

            fn signer() -> $key {
                $key::new(&HS_LONG_SECRET[..$len]).unwrap()
            }
            fn verifier() -> $key {
                Self::signer()
            }
            fn other_verifier() -> $key {
                $key::new(&HS_LONG_OTHER_SECRET[..$len]).unwrap()
            }
            fn with_key_id(key: $key, kid: &str) -> $key {
                key.with_key_id(kid)
            }
            fn verifying_key(key: &$key) -> $key {
                key.clone()
            }
            fn signers_by_format() -> Vec<(&'static str, $key)> {
                vec![("bytes", Self::signer())]
            }
            fn verifiers_by_format() -> Vec<(&'static str, $key)> {
                Self::signers_by_format()
            }
            fn private_jwk(key: &$key) -> Jwk {
                key.to_secret_jwk()
            }
            fn signer_from_jwk(jwk: &Jwk) -> Result<$key, KeyError> {
                $key::from_jwk(jwk)
            }
            fn signer_public_jwk(_: &$key) -> Option<Jwk> {
                None
            }
            fn public_jwk(_: &$key) -> Option<Jwk> {
                None
            }
            fn verifier_from_jwk(jwk: &Jwk) -> Result<$key, KeyError> {
                $key::from_jwk(jwk)
            }
            fn thumbprint(key: &$key) -> String {
                key.to_secret_jwk().thumbprint().unwrap()
            }
        }
    };
}

hmac_fixture!(Hs384, Hs384Key, Hs384, 48);
hmac_fixture!(Hs512, Hs512Key, Hs512, 64);

// ---------------------------------------------------------------------------------------------
// RS384, RS512, PS256, PS384, PS512: the same RSA fixture key, bound to another algorithm
// ---------------------------------------------------------------------------------------------

/// An RSA fixture over the 2048-bit fixture key, like [`Rs256`], for another RSA algorithm.
#[cfg(feature = "rsa")]
macro_rules! rsa_fixture {
    ($fixture:ident, $signing:ident, $verifying:ident, $alg:ident, $deterministic:literal) => {
        #[doc = concat!("`", stringify!($alg), "` with the 2048-bit RSA fixture key.")]
        #[derive(Debug)]
        pub(crate) struct $fixture;

        impl AlgFixture for $fixture {
            type Signing = jwtcraft::$signing;
            type Verifying = jwtcraft::$verifying;

            const ALGORITHM: Algorithm = Algorithm::$alg;
            const SIGNATURE_LEN: usize = 256;
            const DETERMINISTIC: bool = $deterministic;
            const PRIVATE_MEMBERS: &'static [&'static str] = &["d", "p", "q", "dp", "dq", "qi"];

            fn signer() -> Self::Signing {
                jwtcraft::$signing::from_pkcs8_pem(super::RSA_PRIVATE_PEM).unwrap()
            }
            fn verifier() -> Self::Verifying {
                jwtcraft::$verifying::from_public_key_pem(super::RSA_PUBLIC_PEM).unwrap()
            }
            fn other_verifier() -> Self::Verifying {
                jwtcraft::$verifying::from_public_key_pem(super::RSA_OTHER_PUBLIC_PEM).unwrap()
            }
            fn with_key_id(key: Self::Signing, kid: &str) -> Self::Signing {
                key.with_key_id(kid)
            }
            fn verifying_key(key: &Self::Signing) -> Self::Verifying {
                key.verifying_key()
            }
            #[allow(clippy::many_single_char_names)] // the JWK member names
            fn signers_by_format() -> Vec<(&'static str, Self::Signing)> {
                use super::{
                    RSA_PRIVATE_PEM as PKCS8, RSA_PRIVATE_PKCS1_DER, RSA_PRIVATE_PKCS1_PEM,
                };
                use jwtcraft::$signing as K;
                let [n, e, d, p, q] = rsa_private_components(RSA_PRIVATE_PKCS1_DER);
                vec![
                    ("pkcs8 pem", K::from_pkcs8_pem(PKCS8).unwrap()),
                    ("pkcs8 der", K::from_pkcs8_der(&pem_to_der(PKCS8)).unwrap()),
                    (
                        "pkcs1 pem",
                        K::from_pkcs1_pem(RSA_PRIVATE_PKCS1_PEM).unwrap(),
                    ),
                    (
                        "pkcs1 der",
                        K::from_pkcs1_der(RSA_PRIVATE_PKCS1_DER).unwrap(),
                    ),
                    ("from_pem(pkcs8)", K::from_pem(PKCS8).unwrap()),
                    (
                        "components",
                        K::from_components(&n, &e, &d, &p, &q).unwrap(),
                    ),
                ]
            }
            fn verifiers_by_format() -> Vec<(&'static str, Self::Verifying)> {
                use super::{
                    RSA_PUBLIC_DER, RSA_PUBLIC_PEM, RSA_PUBLIC_PKCS1_DER, RSA_PUBLIC_PKCS1_PEM,
                };
                use jwtcraft::$verifying as K;
                let [n, e] = rsa_public_components(RSA_PUBLIC_PKCS1_DER);
                vec![
                    ("spki pem", K::from_public_key_pem(RSA_PUBLIC_PEM).unwrap()),
                    ("spki der", K::from_public_key_der(RSA_PUBLIC_DER).unwrap()),
                    (
                        "pkcs1 pem",
                        K::from_pkcs1_pem(RSA_PUBLIC_PKCS1_PEM).unwrap(),
                    ),
                    (
                        "pkcs1 der",
                        K::from_pkcs1_der(RSA_PUBLIC_PKCS1_DER).unwrap(),
                    ),
                    ("components", K::from_components(&n, &e).unwrap()),
                    ("verifying_key()", Self::signer().verifying_key()),
                ]
            }
            fn private_jwk(key: &Self::Signing) -> Jwk {
                key.to_private_jwk()
            }
            fn signer_from_jwk(jwk: &Jwk) -> Result<Self::Signing, KeyError> {
                jwtcraft::$signing::from_jwk(jwk)
            }
            fn signer_public_jwk(key: &Self::Signing) -> Option<Jwk> {
                Some(key.to_public_jwk())
            }
            fn public_jwk(key: &Self::Verifying) -> Option<Jwk> {
                Some(key.to_jwk())
            }
            fn verifier_from_jwk(jwk: &Jwk) -> Result<Self::Verifying, KeyError> {
                jwtcraft::$verifying::from_jwk(jwk)
            }
            fn thumbprint(key: &Self::Verifying) -> String {
                key.thumbprint()
            }
        }
    };
}

#[cfg(feature = "rsa")]
rsa_fixture!(Rs384, Rs384SigningKey, Rs384VerifyingKey, Rs384, true);
#[cfg(feature = "rsa")]
rsa_fixture!(Rs512, Rs512SigningKey, Rs512VerifyingKey, Rs512, true);
#[cfg(feature = "rsa")]
rsa_fixture!(Ps256, Ps256SigningKey, Ps256VerifyingKey, Ps256, false);
#[cfg(feature = "rsa")]
rsa_fixture!(Ps384, Ps384SigningKey, Ps384VerifyingKey, Ps384, false);
#[cfg(feature = "rsa")]
rsa_fixture!(Ps512, Ps512SigningKey, Ps512VerifyingKey, Ps512, false);

// ---------------------------------------------------------------------------------------------
// ES384, ES512
// ---------------------------------------------------------------------------------------------

/// An ECDSA fixture over `tests/data/{$file}-*.pem`, like [`Es256`] for another curve.
#[cfg(any(feature = "es384", feature = "es512"))]
macro_rules! ec_fixture {
    ($fixture:ident, $signing:ident, $verifying:ident, $alg:ident, $file:literal, $field:literal) => {
        #[doc = concat!("`", stringify!($alg), "` with the `", $file, "` fixture key.")]
        #[derive(Debug)]
        pub(crate) struct $fixture;

        impl $fixture {
            const PRIVATE_PKCS8: &'static str =
                include_str!(concat!("../../data/", $file, "-private-pkcs8.pem"));
            const PRIVATE_SEC1: &'static str =
                include_str!(concat!("../../data/", $file, "-private-sec1.pem"));
            const PUBLIC: &'static str =
                include_str!(concat!("../../data/", $file, "-public-spki.pem"));
            const OTHER_PUBLIC: &'static str =
                include_str!(concat!("../../data/", $file, "-other-public-spki.pem"));
        }

        impl AlgFixture for $fixture {
            type Signing = jwtcraft::$signing;
            type Verifying = jwtcraft::$verifying;

            const ALGORITHM: Algorithm = Algorithm::$alg;
            const SIGNATURE_LEN: usize = 2 * $field;
            const DETERMINISTIC: bool = ECDSA_DETERMINISTIC;
            const PRIVATE_MEMBERS: &'static [&'static str] = &["d"];

            fn signer() -> Self::Signing {
                jwtcraft::$signing::from_pkcs8_pem(Self::PRIVATE_PKCS8).unwrap()
            }
            fn verifier() -> Self::Verifying {
                jwtcraft::$verifying::from_public_key_pem(Self::PUBLIC).unwrap()
            }
            fn other_verifier() -> Self::Verifying {
                jwtcraft::$verifying::from_public_key_pem(Self::OTHER_PUBLIC).unwrap()
            }
            fn with_key_id(key: Self::Signing, kid: &str) -> Self::Signing {
                key.with_key_id(kid)
            }
            fn verifying_key(key: &Self::Signing) -> Self::Verifying {
                key.verifying_key()
            }
            fn signers_by_format() -> Vec<(&'static str, Self::Signing)> {
                use jwtcraft::$signing as K;
                let scalar = Self::signer().to_private_jwk();
                let d = super::jwk_member(&scalar, "d");
                assert_eq!(d.len(), $field);
                vec![
                    ("pkcs8 pem", K::from_pkcs8_pem(Self::PRIVATE_PKCS8).unwrap()),
                    (
                        "pkcs8 der",
                        K::from_pkcs8_der(&pem_to_der(Self::PRIVATE_PKCS8)).unwrap(),
                    ),
                    ("sec1 pem", K::from_sec1_pem(Self::PRIVATE_SEC1).unwrap()),
                    (
                        "sec1 der",
                        K::from_sec1_der(&pem_to_der(Self::PRIVATE_SEC1)).unwrap(),
                    ),
                    ("from_pem(pkcs8)", K::from_pem(Self::PRIVATE_PKCS8).unwrap()),
                    ("from_pem(sec1)", K::from_pem(Self::PRIVATE_SEC1).unwrap()),
                    ("scalar", K::from_scalar(&d).unwrap()),
                ]
            }
            fn verifiers_by_format() -> Vec<(&'static str, Self::Verifying)> {
                use jwtcraft::$verifying as K;
                let der = pem_to_der(Self::PUBLIC);
                let point = spki_key(&der).to_vec();
                assert_eq!((point.len(), point[0]), (1 + 2 * $field, 0x04));
                let (x, y) = (&point[1..=$field], &point[1 + $field..]);
                let mut compressed = vec![0x02 | (y[$field - 1] & 1)];
                compressed.extend_from_slice(x);
                vec![
                    ("spki pem", K::from_public_key_pem(Self::PUBLIC).unwrap()),
                    ("spki der", K::from_public_key_der(&der).unwrap()),
                    ("coordinates", K::from_coordinates(x, y).unwrap()),
                    ("sec1 uncompressed", K::from_sec1_bytes(&point).unwrap()),
                    ("sec1 compressed", K::from_sec1_bytes(&compressed).unwrap()),
                    ("verifying_key()", Self::signer().verifying_key()),
                ]
            }
            fn private_jwk(key: &Self::Signing) -> Jwk {
                key.to_private_jwk()
            }
            fn signer_from_jwk(jwk: &Jwk) -> Result<Self::Signing, KeyError> {
                jwtcraft::$signing::from_jwk(jwk)
            }
            fn signer_public_jwk(key: &Self::Signing) -> Option<Jwk> {
                Some(key.to_public_jwk())
            }
            fn public_jwk(key: &Self::Verifying) -> Option<Jwk> {
                Some(key.to_jwk())
            }
            fn verifier_from_jwk(jwk: &Jwk) -> Result<Self::Verifying, KeyError> {
                jwtcraft::$verifying::from_jwk(jwk)
            }
            fn thumbprint(key: &Self::Verifying) -> String {
                key.thumbprint()
            }
        }
    };
}

#[cfg(feature = "es384")]
ec_fixture!(Es384, Es384SigningKey, Es384VerifyingKey, Es384, "p384", 48);
#[cfg(feature = "es512")]
ec_fixture!(Es512, Es512SigningKey, Es512VerifyingKey, Es512, "p521", 66);

// ---------------------------------------------------------------------------------------------
// Ed25519, under both names
// ---------------------------------------------------------------------------------------------

/// The Ed25519 fixture private key (`openssl genpkey -algorithm ed25519`).
#[cfg(feature = "eddsa")]
pub(crate) const ED25519_PRIVATE_PEM: &str = include_str!("../../data/ed25519-private-pkcs8.pem");
/// Its public half.
#[cfg(feature = "eddsa")]
pub(crate) const ED25519_PUBLIC_PEM: &str = include_str!("../../data/ed25519-public-spki.pem");
/// The public half of another Ed25519 key.
#[cfg(feature = "eddsa")]
pub(crate) const ED25519_OTHER_PUBLIC_PEM: &str =
    include_str!("../../data/ed25519-other-public-spki.pem");

/// An Ed25519 fixture; `$name` is the `with_*_name` method that binds the key to its name.
#[cfg(feature = "eddsa")]
macro_rules! ed25519_fixture {
    ($fixture:ident, $alg:ident, $name:ident) => {
        #[doc = concat!("The Ed25519 fixture key, bound to `", stringify!($alg), "`.")]
        #[derive(Debug)]
        pub(crate) struct $fixture;

        impl AlgFixture for $fixture {
            type Signing = jwtcraft::Ed25519SigningKey;
            type Verifying = jwtcraft::Ed25519VerifyingKey;

            const ALGORITHM: Algorithm = Algorithm::$alg;
            const SIGNATURE_LEN: usize = 64;
            const PRIVATE_MEMBERS: &'static [&'static str] = &["d"];

            fn signer() -> Self::Signing {
                Self::Signing::from_pkcs8_pem(ED25519_PRIVATE_PEM)
                    .unwrap()
                    .$name()
            }
            fn verifier() -> Self::Verifying {
                Self::Verifying::from_public_key_pem(ED25519_PUBLIC_PEM)
                    .unwrap()
                    .$name()
            }
            fn other_verifier() -> Self::Verifying {
                Self::Verifying::from_public_key_pem(ED25519_OTHER_PUBLIC_PEM)
                    .unwrap()
                    .$name()
            }
            fn with_key_id(key: Self::Signing, kid: &str) -> Self::Signing {
                key.with_key_id(kid)
            }
            fn verifying_key(key: &Self::Signing) -> Self::Verifying {
                key.verifying_key()
            }
            fn signers_by_format() -> Vec<(&'static str, Self::Signing)> {
                use jwtcraft::Ed25519SigningKey as K;
                let seed = super::jwk_member(&Self::signer().to_private_jwk(), "d");
                vec![
                    (
                        "pkcs8 pem",
                        K::from_pkcs8_pem(ED25519_PRIVATE_PEM).unwrap().$name(),
                    ),
                    (
                        "pkcs8 der",
                        K::from_pkcs8_der(&pem_to_der(ED25519_PRIVATE_PEM))
                            .unwrap()
                            .$name(),
                    ),
                    (
                        "from_pem",
                        K::from_pem(ED25519_PRIVATE_PEM).unwrap().$name(),
                    ),
                    ("seed", K::from_seed(&seed).unwrap().$name()),
                ]
            }
            fn verifiers_by_format() -> Vec<(&'static str, Self::Verifying)> {
                use jwtcraft::Ed25519VerifyingKey as K;
                let der = pem_to_der(ED25519_PUBLIC_PEM);
                vec![
                    (
                        "spki pem",
                        K::from_public_key_pem(ED25519_PUBLIC_PEM).unwrap().$name(),
                    ),
                    ("spki der", K::from_public_key_der(&der).unwrap().$name()),
                    ("from_pem", K::from_pem(ED25519_PUBLIC_PEM).unwrap().$name()),
                    ("bytes", K::from_bytes(spki_key(&der)).unwrap().$name()),
                    ("verifying_key()", Self::signer().verifying_key()),
                ]
            }
            fn private_jwk(key: &Self::Signing) -> Jwk {
                key.to_private_jwk()
            }
            fn signer_from_jwk(jwk: &Jwk) -> Result<Self::Signing, KeyError> {
                Self::Signing::from_jwk(jwk)
            }
            fn signer_public_jwk(key: &Self::Signing) -> Option<Jwk> {
                Some(key.to_public_jwk())
            }
            fn public_jwk(key: &Self::Verifying) -> Option<Jwk> {
                Some(key.to_jwk())
            }
            fn verifier_from_jwk(jwk: &Jwk) -> Result<Self::Verifying, KeyError> {
                Self::Verifying::from_jwk(jwk)
            }
            fn thumbprint(key: &Self::Verifying) -> String {
                key.thumbprint()
            }
        }
    };
}

#[cfg(feature = "eddsa")]
ed25519_fixture!(Ed25519, Ed25519, with_ed25519_name);
#[cfg(feature = "eddsa")]
ed25519_fixture!(EdDsa, EdDsa, with_eddsa_name);
