//! One generic harness, run for every algorithm (HS256, RS256, ES256) through
//! `common::alg::for_each_algorithm!` with the fixtures `common::alg::AlgFixture` describes:
//!
//! - encode → decode round trip of a realistic claims type (flattened `RegisteredClaims` plus
//!   custom fields), compared for equality;
//! - a different key of the same algorithm gives `Error::Signature(SignatureError::Invalid)`
//!   (and `Verifier::verify` gives `SignatureError::Invalid`);
//! - every single-bit flip of the signature is rejected with
//!   `Error::Signature(SignatureError::Invalid)`;
//! - the signer's `kid` is stamped into the header, and a header `kid` that contradicts it is
//!   refused with `EncodeError::Header(HeaderError::KeyIdConflict)`;
//! - the `Token` accessors (`algorithm`, `header`, `claims`, `into_claims`, `into_parts`);
//! - every format the key loads from interoperates with every other (RSA PKCS#1/PKCS#8 PEM
//!   and DER private keys, SPKI/PKCS#1 PEM and DER public keys, `from_pem` label detection,
//!   components; EC PKCS#8/SEC1 PEM and DER private keys, SPKI PEM and DER public keys,
//!   coordinates, SEC1 point bytes, the private scalar; an HMAC secret's bytes).
//!
//! Then the checks specific to a key type: wrong-format errors, the RSA modulus of every
//! format and the refusal of a 1024-bit key, EC points and scalars.
//!
//! Every validation uses a `FixedClock`; no test reads the wall clock.

use std::collections::BTreeMap;

use jwtcraft::codec;
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
use jwtcraft::KeyError;
use jwtcraft::{
    decode, encode, Audience, Error, Header, Hs256Key, NumericDate, RegisteredClaims, Segment,
    Signer, Token, UntrustedToken, Validation, Verifier,
};
use jwtcraft::{EncodeError, HeaderError, SignatureError};
use serde::{Deserialize, Serialize};

use crate::common::alg::{for_each_algorithm, AlgFixture};
use crate::common::{validation, NOW};

const ISSUER: &str = "https://auth.example.com";
const AUDIENCE: &str = "orders-api";
const SUBJECT: &str = "user-4711";
const KID: &str = "harness-key-2026";

/// A realistic claims type: the registered claims flattened next to application fields.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SessionClaims {
    #[serde(flatten)]
    registered: RegisteredClaims,
    name: String,
    email: String,
    email_verified: bool,
    roles: Vec<String>,
    tenant_id: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    locale: Option<String>,
    preferences: Preferences,
    quota: BTreeMap<String, i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Preferences {
    theme: String,
    beta_features: bool,
}

fn claims() -> SessionClaims {
    let now = NumericDate::from_unix_seconds(NOW);
    SessionClaims {
        registered: RegisteredClaims::new()
            .with_issuer(ISSUER)
            .with_subject(SUBJECT)
            .with_audience(vec![AUDIENCE.to_owned(), "billing-api".to_owned()])
            .with_jwt_id("0b5c8e0e-6d0a-4f7e-9a55-2d8f3b1c7a10")
            .issued_at(NumericDate::from_unix_seconds(NOW - 10))
            .not_before(NumericDate::from_unix_seconds(NOW - 10))
            .expires_at(now.saturating_add(std::time::Duration::from_secs(900))),
        name: "Zoë Ångström \u{1F510}".to_owned(),
        email: "zoe@example.com".to_owned(),
        email_verified: true,
        roles: vec!["reader".to_owned(), "orders:write".to_owned()],
        tenant_id: 9_007_199_254_740_993, // above 2^53: must survive as an integer
        locale: Some("sv-SE".to_owned()),
        preferences: Preferences {
            theme: "dark \"solarized\"\n".to_owned(),
            beta_features: false,
        },
        quota: BTreeMap::from([("requests".to_owned(), 10_000), ("burst".to_owned(), -1)]),
    }
}

// The shared validation, plus the issuer, audience and subject the session claims carry.
fn session_validation() -> Validation {
    validation()
        .with_issuer(ISSUER)
        .with_audience(AUDIENCE)
        .with_subject(SUBJECT)
}

/// Splits a compact token into its signing input and its decoded signature.
#[track_caller]
fn split_signature(token: &str) -> (&str, Vec<u8>) {
    let (input, signature) = token.rsplit_once('.').expect("three segments");
    let signature = codec::decode(signature, Segment::Signature).expect("strict base64url");
    (input, signature)
}

#[track_caller]
fn assert_invalid_signature<T: std::fmt::Debug>(result: Result<T, Error>, context: &str) {
    match result {
        Err(Error::Signature(SignatureError::Invalid)) => {}
        other => {
            panic!("{context}: expected Error::Signature(SignatureError::Invalid), got {other:?}")
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The generic harness
// ---------------------------------------------------------------------------------------------

/// encode → decode gives back equal claims and the signer's algorithm.
fn round_trip(signer: &impl Signer, verifier: &impl Verifier) {
    assert_eq!(signer.algorithm(), verifier.algorithm());
    let original = claims();
    let token = encode(&Header::new(), &original, signer).unwrap();

    let untrusted = UntrustedToken::parse(&token).unwrap();
    assert_eq!(untrusted.algorithm(), signer.algorithm());
    assert_eq!(untrusted.header().key_id(), None);

    let decoded: Token<SessionClaims> = decode(&token, verifier, &session_validation()).unwrap();
    assert_eq!(decoded.claims(), &original);
    assert_eq!(decoded.into_claims(), original);

    // Flattening keeps the registered claims at the top level of the JSON object.
    let json: serde_json::Value = decode(&token, verifier, &session_validation())
        .unwrap()
        .into_claims();
    assert_eq!(json["iss"], ISSUER);
    assert_eq!(json["aud"], serde_json::json!([AUDIENCE, "billing-api"]));
    assert_eq!(json["tenant_id"], 9_007_199_254_740_993_u64);
    assert!(json.get("registered").is_none(), "{json}");
}

/// A different key of the same algorithm never verifies.
fn wrong_key(signer: &impl Signer, wrong: &impl Verifier) {
    assert_eq!(signer.algorithm(), wrong.algorithm());
    let token = encode(&Header::new(), &claims(), signer).unwrap();
    assert_invalid_signature(
        decode::<SessionClaims>(&token, wrong, &session_validation()),
        "wrong key",
    );
    let (input, signature) = split_signature(&token);
    assert_invalid_signature(
        wrong
            .verify(input.as_bytes(), &signature)
            .map_err(Error::from),
        "wrong key, Verifier::verify",
    );
}

/// Every single-bit flip of the decoded signature, re-encoded as base64url, is rejected.
fn every_bit_flip(signer: &impl Signer, verifier: &impl Verifier, signature_len: usize) {
    let token = encode(&Header::new(), &claims(), signer).unwrap();
    let (input, signature) = split_signature(&token);
    assert_eq!(signature.len(), signature_len);
    decode::<SessionClaims>(&token, verifier, &session_validation())
        .expect("the unflipped token verifies");

    for bit in 0..signature.len() * 8 {
        let mut flipped = signature.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let forged = format!("{input}.{}", codec::encode(&flipped));
        assert_invalid_signature(
            decode::<SessionClaims>(&forged, verifier, &session_validation()),
            &format!("bit {bit} flipped"),
        );
    }
}

/// The signer's `kid` goes into the header; an equal header `kid` is fine; a different one is
/// refused. `signer` must carry the key id [`KID`].
fn key_id(signer: &impl Signer, verifier: &impl Verifier) {
    assert_eq!(signer.key_id(), Some(KID));

    let token = encode(&Header::new(), &claims(), signer).unwrap();
    assert_eq!(
        UntrustedToken::parse(&token).unwrap().header().key_id(),
        Some(KID)
    );
    let decoded = decode::<SessionClaims>(&token, verifier, &session_validation()).unwrap();
    assert_eq!(decoded.header().key_id(), Some(KID));

    let same = encode(&Header::new().with_key_id(KID), &claims(), signer).unwrap();
    assert_eq!(
        UntrustedToken::parse(&same).unwrap().header().key_id(),
        Some(KID)
    );

    let err = encode(
        &Header::new().with_key_id("some-other-key"),
        &claims(),
        signer,
    )
    .unwrap_err();
    assert!(
        matches!(err, EncodeError::Header(HeaderError::KeyIdConflict)),
        "{err:?}"
    );
}

/// A header `kid` is written as given when the signer has none.
fn header_key_id_without_signer_kid(signer: &impl Signer, verifier: &impl Verifier) {
    assert_eq!(signer.key_id(), None);
    let token = encode(&Header::new().with_key_id("from-header"), &claims(), signer).unwrap();
    let decoded = decode::<SessionClaims>(&token, verifier, &session_validation()).unwrap();
    assert_eq!(decoded.header().key_id(), Some("from-header"));
}

/// `Token::algorithm`, `header`, `claims`, `into_claims` and `into_parts`.
fn token_accessors(signer: &impl Signer, verifier: &impl Verifier) {
    let header = Header::new().with_extra("x-trace", "trace-123");
    let token = encode(&header, &claims(), signer).unwrap();
    let decoded = decode::<SessionClaims>(&token, verifier, &session_validation()).unwrap();

    assert_eq!(decoded.algorithm(), signer.algorithm());
    assert_eq!(decoded.header().token_type(), Some("JWT"));
    assert_eq!(decoded.header().content_type(), None);
    assert_eq!(decoded.header().key_id(), None);
    assert_eq!(
        decoded.header().extra("x-trace"),
        Some(&serde_json::json!("trace-123"))
    );
    assert_eq!(decoded.header().extra("alg"), None, "alg is not an extra");
    assert_eq!(decoded.claims(), &claims());
    assert_eq!(
        decoded.claims().registered.aud,
        Some(Audience::Many(vec![
            AUDIENCE.to_owned(),
            "billing-api".to_owned()
        ]))
    );

    assert_eq!(decoded.clone().into_claims(), claims());
    let (parts_header, parts_claims) = decoded.into_parts();
    assert_eq!(parts_header.token_type(), Some("JWT"));
    assert_eq!(parts_header.extra("x-trace"), header.extra("x-trace"));
    assert_eq!(parts_claims, claims());
}

/// The harness for one algorithm: `$module` is the module it writes, `$alg` the algorithm's
/// [`AlgFixture`]. [`for_each_algorithm!`] runs it for every algorithm.
macro_rules! harness {
    ($module:ident, $alg:ty) => {
        mod $module {
            use super::*;

            type A = $alg;

            #[test]
            fn round_trip() {
                super::round_trip(&A::signer(), &A::verifier());
            }

            #[test]
            fn wrong_key_is_an_invalid_signature() {
                super::wrong_key(&A::signer(), &A::other_verifier());
            }

            #[test]
            fn every_single_bit_flip_of_the_signature_is_rejected() {
                super::every_bit_flip(&A::signer(), &A::verifier(), A::SIGNATURE_LEN);
            }

            #[test]
            fn signer_kid_is_stamped_and_a_conflicting_header_kid_is_refused() {
                super::key_id(&A::with_key_id(A::signer(), KID), &A::verifier());
            }

            #[test]
            fn header_kid_is_used_when_the_signer_has_none() {
                super::header_key_id_without_signer_kid(&A::signer(), &A::verifier());
            }

            #[test]
            fn token_accessors() {
                super::token_accessors(&A::signer(), &A::verifier());
            }

            #[test]
            fn every_private_format_interoperates_with_every_public_format() {
                let (signers, verifiers) = (A::signers_by_format(), A::verifiers_by_format());
                for (name, signer) in &signers {
                    assert_eq!(Signer::algorithm(signer), A::ALGORITHM, "{name}");
                }
                // HMAC, RSASSA-PKCS1-v1_5, RFC 6979 ECDSA and Ed25519 sign deterministically:
                // every encoding of the key signs identically. PSS only cross-verifies.
                assert_all_formats_interoperate(&signers, &verifiers, A::DETERMINISTIC);
            }
        }
    };
}

for_each_algorithm!(harness);

// ---------------------------------------------------------------------------------------------
// Checks shared by the key formats
// ---------------------------------------------------------------------------------------------

/// Every signer's token verifies with every verifier into the test claims, and, for a
/// deterministic algorithm, all the signers' tokens are identical (every encoding of one key
/// must sign the same bytes).
#[track_caller]
fn assert_all_formats_interoperate(
    signers: &[(&str, impl Signer)],
    verifiers: &[(&str, impl Verifier)],
    deterministic: bool,
) {
    let mut tokens = Vec::new();
    for (signer_name, signer) in signers {
        let token = encode(&Header::new(), &claims(), signer).unwrap();
        for (verifier_name, verifier) in verifiers {
            let decoded = decode::<SessionClaims>(&token, verifier, &session_validation())
                .unwrap_or_else(|e| panic!("{signer_name} -> {verifier_name}: {e:?}"));
            assert_eq!(decoded.claims(), &claims());
        }
        tokens.push(token);
    }
    assert_eq!(tokens.windows(2).all(|w| w[0] == w[1]), deterministic);
}

/// Each result is a `KeyError::Parse` naming the format it was paired with.
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[track_caller]
fn assert_parse_errors(cases: impl IntoIterator<Item = (Option<KeyError>, &'static str)>) {
    for (result, expected) in cases {
        assert!(
            matches!(result, Some(KeyError::Parse { format }) if format == expected),
            "{expected}: {result:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// RSA key formats
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "rsa")]
mod rsa_formats {
    use jwtcraft::{KeyError, Rs256SigningKey, Rs256VerifyingKey};

    use super::*;
    use crate::common::alg::Rs256;
    use crate::common::der::{
        pem_to_der, pkcs8_inner, rsa_private_components, rsa_public_components, spki_key,
    };
    use crate::common::{
        RSA_PRIVATE_PEM as PKCS8_PEM, RSA_PRIVATE_PKCS1_DER as PKCS1_DER,
        RSA_PRIVATE_PKCS1_PEM as PKCS1_PEM, RSA_PUBLIC_DER as SPKI_DER, RSA_PUBLIC_PEM as SPKI_PEM,
        RSA_PUBLIC_PKCS1_DER as PUB_PKCS1_DER, RSA_PUBLIC_PKCS1_PEM as PUB_PKCS1_PEM,
        RSA_SHORT_PRIVATE_PEM as SHORT_PKCS8_PEM, RSA_SHORT_PUBLIC_DER as SHORT_SPKI_DER,
        RSA_SHORT_PUBLIC_PEM as SHORT_SPKI_PEM,
    };

    /// PKCS#8 DER, taken from the PEM document.
    fn pkcs8_der() -> Vec<u8> {
        pem_to_der(PKCS8_PEM)
    }

    /// PKCS#8 DER of the 1024-bit key, taken from the PEM document.
    fn short_pkcs8_der() -> Vec<u8> {
        pem_to_der(SHORT_PKCS8_PEM)
    }

    #[test]
    fn fixture_components_agree() {
        // The DER reader finds the same modulus in all three encodings of the key.
        let [n, e, ..] = rsa_private_components(PKCS1_DER);
        assert_eq!(rsa_public_components(PUB_PKCS1_DER), [n.clone(), e.clone()]);
        assert_eq!(
            rsa_private_components(pkcs8_inner(&pkcs8_der()))[..2],
            [n.clone(), e.clone()]
        );
        assert_eq!(rsa_public_components(spki_key(SPKI_DER)), [n, e]);
    }

    /// The formats interoperate (`roundtrip::rs256`); here, each is the 2048-bit key.
    #[test]
    fn every_public_format_is_the_2048_bit_key() {
        for (_, verifier) in &Rs256::verifiers_by_format() {
            assert_eq!(verifier.modulus_bits(), 2048);
        }
    }

    #[test]
    fn a_key_in_the_wrong_format_is_a_parse_error() {
        assert_parse_errors([
            (
                Rs256SigningKey::from_pkcs1_pem(PKCS8_PEM).err(),
                "pkcs1 pem",
            ),
            (
                Rs256SigningKey::from_pkcs8_pem(PKCS1_PEM).err(),
                "pkcs8 pem",
            ),
            (
                Rs256SigningKey::from_pkcs1_der(&pkcs8_der()).err(),
                "pkcs1 der",
            ),
        ]);
        // A key of the other kind is named as such, not as a parse error.
        assert_eq!(
            Rs256SigningKey::from_pkcs8_der(SPKI_DER).err(),
            Some(KeyError::WrongKind {
                found: "a public key",
                expected: "a private key"
            })
        );
        assert_eq!(
            Rs256VerifyingKey::from_public_key_der(&pkcs8_der()).err(),
            Some(KeyError::WrongKind {
                found: "a private key",
                expected: "a public key"
            })
        );
        assert_parse_errors([
            (
                Rs256VerifyingKey::from_public_key_pem(PUB_PKCS1_PEM).err(),
                "spki pem",
            ),
            (
                Rs256VerifyingKey::from_pkcs1_pem(SPKI_PEM).err(),
                "pkcs1 pem",
            ),
            (
                Rs256VerifyingKey::from_pkcs1_der(SPKI_DER).err(),
                "pkcs1 der",
            ),
        ]);
    }

    /// The error every constructor must give for the 1024-bit fixture (observed and asserted
    /// exactly).
    #[track_caller]
    fn assert_refused_as_too_short<T: std::fmt::Debug>(result: Result<T, KeyError>, what: &str) {
        match result {
            Err(KeyError::RsaModulusSize {
                bits: 1024,
                min: 2048,
                max: 8192,
            }) => {}
            other => panic!("{what}: expected KeyError::RsaModulusSize(1024), got {other:?}"),
        }
    }

    #[test]
    #[allow(clippy::many_single_char_names)] // the JWK member names
    fn a_1024_bit_key_is_refused_in_every_format() {
        assert_refused_as_too_short(
            Rs256SigningKey::from_pkcs8_pem(SHORT_PKCS8_PEM),
            "pkcs8 pem",
        );
        assert_refused_as_too_short(
            Rs256SigningKey::from_pkcs8_der(&short_pkcs8_der()),
            "pkcs8 der",
        );
        assert_refused_as_too_short(Rs256SigningKey::from_pem(SHORT_PKCS8_PEM), "from_pem");
        assert_refused_as_too_short(
            Rs256VerifyingKey::from_public_key_pem(SHORT_SPKI_PEM),
            "spki pem",
        );
        assert_refused_as_too_short(
            Rs256VerifyingKey::from_public_key_der(SHORT_SPKI_DER),
            "spki der",
        );
        assert_refused_as_too_short(Rs256VerifyingKey::from_pem(SHORT_SPKI_PEM), "from_pem");

        let [n, e, d, p, q] = rsa_private_components(pkcs8_inner(&short_pkcs8_der()));
        assert_eq!(n.len(), 128);
        assert_refused_as_too_short(
            Rs256SigningKey::from_components(&n, &e, &d, &p, &q),
            "private components",
        );
        assert_refused_as_too_short(
            Rs256VerifyingKey::from_components(&n, &e),
            "public components",
        );
        assert_eq!(rsa_public_components(spki_key(SHORT_SPKI_DER)), [n, e]);
    }
}

// ---------------------------------------------------------------------------------------------
// EC key formats
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "ecdsa")]
mod ec_formats {
    use jwtcraft::{Es256SigningKey, Es256VerifyingKey, KeyError};

    use super::*;
    use crate::common::alg::{ec_point as point, Es256};
    use crate::common::der::pem_to_der;
    use crate::common::{
        EC_PRIVATE_PEM as PKCS8_PEM, EC_PRIVATE_SEC1_DER as SEC1_DER,
        EC_PRIVATE_SEC1_PEM as SEC1_PEM,
    };

    /// PKCS#8 DER, taken from the PEM document.
    fn pkcs8_der() -> Vec<u8> {
        pem_to_der(PKCS8_PEM)
    }

    /// The formats interoperate (`roundtrip::es256`); here, each holds the fixture point.
    #[test]
    fn every_format_holds_the_fixture_point() {
        let point = point();
        for (name, verifier) in &Es256::verifiers_by_format() {
            let (x, y) = verifier.to_coordinates();
            assert_eq!((&x[..], &y[..]), (&point[1..33], &point[33..]), "{name}");
        }
        for (signer_name, signer) in &Es256::signers_by_format() {
            let (x, y) = signer.verifying_key().to_coordinates();
            assert_eq!(
                (&x[..], &y[..]),
                (&point[1..33], &point[33..]),
                "{signer_name}"
            );
        }
    }

    #[test]
    fn a_key_in_the_wrong_format_is_a_parse_error() {
        assert_parse_errors([
            (Es256SigningKey::from_sec1_pem(PKCS8_PEM).err(), "sec1 pem"),
            (Es256SigningKey::from_pkcs8_pem(SEC1_PEM).err(), "pkcs8 pem"),
            (
                Es256SigningKey::from_sec1_der(&pkcs8_der()).err(),
                "sec1 der",
            ),
            (Es256SigningKey::from_pkcs8_der(SEC1_DER).err(), "pkcs8 der"),
        ]);
        // A private key given to a public-key constructor is named as such.
        for err in [
            Es256VerifyingKey::from_public_key_pem(PKCS8_PEM).err(),
            Es256VerifyingKey::from_public_key_der(SEC1_DER).err(),
        ] {
            assert_eq!(
                err,
                Some(KeyError::WrongKind {
                    found: "a private key",
                    expected: "a public key"
                })
            );
        }
    }

    #[test]
    fn malformed_points_and_scalars_are_invalid_keys() {
        let point = point();
        let (x, y) = (&point[1..33], &point[33..]);
        let mut off_curve = y.to_vec();
        off_curve[31] ^= 1;
        for result in [
            Es256VerifyingKey::from_coordinates(x, &off_curve).err(),
            Es256VerifyingKey::from_coordinates(&x[1..], y).err(),
            Es256VerifyingKey::from_sec1_bytes(&point[..64]).err(),
        ] {
            assert!(matches!(result, Some(KeyError::Invalid(_))), "{result:?}");
        }
        for scalar in [vec![0u8; 32], vec![0xff; 32], vec![1u8; 31]] {
            let result = Es256SigningKey::from_scalar(&scalar).err();
            assert!(matches!(result, Some(KeyError::Invalid(_))), "{result:?}");
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fixture sanity
// ---------------------------------------------------------------------------------------------

/// The `*-private-pkcs8.der` fixtures are the DER of the matching `*-private-pkcs8.pem` (they
/// once held PKCS#1 / SEC1 DER by mistake; this guards against that coming back).
#[test]
fn pkcs8_der_fixture_files_are_pkcs8() {
    use crate::common::der::pem_to_der;
    use crate::common::{
        EC_PRIVATE_PEM, EC_PRIVATE_PKCS8_DER, RSA_PRIVATE_PEM, RSA_PRIVATE_PKCS8_DER,
        RSA_SHORT_PRIVATE_PEM, RSA_SHORT_PRIVATE_PKCS8_DER,
    };
    assert!(
        RSA_PRIVATE_PKCS8_DER == pem_to_der(RSA_PRIVATE_PEM),
        "rsa2048-private-pkcs8.der is not the DER of rsa2048-private-pkcs8.pem"
    );
    assert!(
        RSA_SHORT_PRIVATE_PKCS8_DER == pem_to_der(RSA_SHORT_PRIVATE_PEM),
        "rsa1024-private-pkcs8.der is not the DER of rsa1024-private-pkcs8.pem"
    );
    assert!(
        EC_PRIVATE_PKCS8_DER == pem_to_der(EC_PRIVATE_PEM),
        "p256-private-pkcs8.der is not the DER of p256-private-pkcs8.pem"
    );
}

// ---------------------------------------------------------------------------------------------
// Generated keys
// ---------------------------------------------------------------------------------------------

/// Keys from `generate()` go through the same harness as the fixtures: they round-trip, and a
/// second generated key of the same algorithm does not verify the first one's tokens.
mod generated {
    use super::*;

    #[test]
    fn hs256_keys_are_32_random_bytes() {
        let (a, b) = (Hs256Key::generate().unwrap(), Hs256Key::generate().unwrap());
        super::round_trip(&a, &a);
        super::wrong_key(&a, &b);
        let k = codec::decode(
            serde_json::to_value(a.to_secret_jwk()).unwrap()["k"]
                .as_str()
                .unwrap(),
            Segment::Payload,
        )
        .unwrap();
        assert_eq!(k.len(), 32);
        // A generated key imports back as the same key.
        let back = Hs256Key::from_jwk(&a.to_secret_jwk()).unwrap();
        super::round_trip(&a, &back);
    }

    #[cfg(feature = "ecdsa")]
    #[test]
    fn es256_keys_sign_and_export() {
        use jwtcraft::Es256SigningKey;
        let (a, b) = (
            Es256SigningKey::generate().unwrap(),
            Es256SigningKey::generate().unwrap(),
        );
        super::round_trip(&a, &a.verifying_key());
        super::wrong_key(&a, &b.verifying_key());
        let back = Es256SigningKey::from_jwk(&a.to_private_jwk()).unwrap();
        assert_eq!(back.to_public_jwk(), a.to_public_jwk());
        super::round_trip(&back, &a.verifying_key());
    }

    /// The one RSA generation in the suite: a 2048-bit key takes seconds in a debug build.
    #[cfg(feature = "rsa")]
    #[test]
    fn rs256_key_of_2048_bits() {
        use jwtcraft::Rs256SigningKey;
        let key = Rs256SigningKey::generate(2048).unwrap();
        let public = key.verifying_key();
        assert_eq!(public.modulus_bits(), 2048);
        super::round_trip(&key, &public);
        super::wrong_key(&key, &crate::common::rs_verifying());
        // The exponent is 65537, and the private JWK imports back as the same key.
        let jwk = serde_json::to_value(key.to_private_jwk()).unwrap();
        assert_eq!(jwk["e"], "AQAB");
        let back = Rs256SigningKey::from_jwk(&key.to_private_jwk()).unwrap();
        super::round_trip(&back, &public);
    }

    /// The size is checked before any work: an absurd size fails at once.
    #[cfg(feature = "rsa")]
    #[test]
    fn rs256_sizes_out_of_range_are_refused() {
        use jwtcraft::Rs256SigningKey;
        for bits in [0, 1024, 2047, 8193, usize::MAX] {
            let err = Rs256SigningKey::generate(bits).unwrap_err();
            assert_eq!(
                err,
                KeyError::RsaModulusSize {
                    bits,
                    min: 2048,
                    max: 8192
                }
            );
        }
    }
}
