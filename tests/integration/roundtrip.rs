//! One generic harness, run for HS256, RS256 and ES256 with the fixture keys in `tests/data`:
//!
//! - encode → decode round trip of a realistic claims type (flattened `RegisteredClaims` plus
//!   custom fields), compared for equality;
//! - a different key of the same algorithm gives `Error::Signature(SignatureError::Invalid)`
//!   (and `Verifier::verify` gives `SignatureError::Invalid`);
//! - every single-bit flip of the signature is rejected with
//!   `Error::Signature(SignatureError::Invalid)`;
//! - the signer's `kid` is stamped into the header, and a header `kid` that contradicts it is
//!   refused with `EncodeError::Header(HeaderError::KeyIdConflict)`;
//! - the `Token` accessors (`algorithm`, `header`, `claims`, `into_claims`, `into_parts`).
//!
//! Then, per key type, every supported key format loads and interoperates (RSA PKCS#1/PKCS#8
//! PEM and DER private keys, SPKI/PKCS#1 PEM and DER public keys, `from_pem` label detection,
//! components; EC PKCS#8/SEC1 PEM and DER private keys, SPKI PEM and DER public keys,
//! coordinates, SEC1 point bytes, the private scalar), and a 1024-bit RSA key is refused.
//!
//! Every validation uses a `FixedClock`; no test reads the wall clock.

use std::collections::BTreeMap;

use jwtcraft::codec;
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
use jwtcraft::KeyError;
use jwtcraft::{
    decode, encode, Audience, Error, FixedClock, Header, Hs256Key, NumericDate, RegisteredClaims,
    Segment, Signer, Token, UntrustedToken, Validation, Verifier,
};
use jwtcraft::{EncodeError, HeaderError, SignatureError};
use serde::{Deserialize, Serialize};

/// The instant every validation in this file is judged at.
const NOW: i64 = 1_800_000_000;
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

fn validation() -> Validation {
    Validation::new()
        .with_issuer(ISSUER)
        .with_audience(AUDIENCE)
        .with_subject(SUBJECT)
        .with_clock(FixedClock(NumericDate::from_unix_seconds(NOW)))
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

    let decoded: Token<SessionClaims> = decode(&token, verifier, &validation()).unwrap();
    assert_eq!(decoded.claims(), &original);
    assert_eq!(decoded.into_claims(), original);

    // Flattening keeps the registered claims at the top level of the JSON object.
    let json: serde_json::Value = decode(&token, verifier, &validation())
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
        decode::<SessionClaims>(&token, wrong, &validation()),
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
    decode::<SessionClaims>(&token, verifier, &validation()).expect("the unflipped token verifies");

    for bit in 0..signature.len() * 8 {
        let mut flipped = signature.clone();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let forged = format!("{input}.{}", codec::encode(&flipped));
        assert_invalid_signature(
            decode::<SessionClaims>(&forged, verifier, &validation()),
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
    let decoded = decode::<SessionClaims>(&token, verifier, &validation()).unwrap();
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
    let decoded = decode::<SessionClaims>(&token, verifier, &validation()).unwrap();
    assert_eq!(decoded.header().key_id(), Some("from-header"));
}

/// `Token::algorithm`, `header`, `claims`, `into_claims` and `into_parts`.
fn token_accessors(signer: &impl Signer, verifier: &impl Verifier) {
    let header = Header::new().with_extra("x-trace", "trace-123");
    let token = encode(&header, &claims(), signer).unwrap();
    let decoded = decode::<SessionClaims>(&token, verifier, &validation()).unwrap();

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

/// Instantiates the harness for one algorithm.
///
/// `signer` and `plain_signer` are expressions building a fresh signing key (with `.with_key_id`
/// available on it); `verifier` its public half; `wrong` a verifier of the same algorithm with
/// a different key.
macro_rules! harness {
    (
        $module:ident,
        signer: $signer:expr,
        verifier: $verifier:expr,
        wrong: $wrong:expr,
        signature_len: $len:expr $(,)?
    ) => {
        mod $module {
            use super::*;

            #[test]
            fn round_trip() {
                super::round_trip(&$signer, &$verifier);
            }

            #[test]
            fn wrong_key_is_an_invalid_signature() {
                super::wrong_key(&$signer, &$wrong);
            }

            #[test]
            fn every_single_bit_flip_of_the_signature_is_rejected() {
                super::every_bit_flip(&$signer, &$verifier, $len);
            }

            #[test]
            fn signer_kid_is_stamped_and_a_conflicting_header_kid_is_refused() {
                super::key_id(&$signer.with_key_id(KID), &$verifier);
            }

            #[test]
            fn header_kid_is_used_when_the_signer_has_none() {
                super::header_key_id_without_signer_kid(&$signer, &$verifier);
            }

            #[test]
            fn token_accessors() {
                super::token_accessors(&$signer, &$verifier);
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// Fixture keys
// ---------------------------------------------------------------------------------------------

const HS256_SECRET: &[u8] = b"roundtrip harness secret: 32+ bytes, test only";

fn hs256_key() -> Hs256Key {
    Hs256Key::new(HS256_SECRET).unwrap()
}

fn hs256_other() -> Hs256Key {
    Hs256Key::new(b"another secret for the harness, also >= 32 bytes").unwrap()
}

harness!(
    hs256,
    signer: hs256_key(),
    verifier: hs256_key(),
    wrong: hs256_other(),
    signature_len: 32,
);

#[cfg(feature = "rsa")]
mod rsa_fixtures {
    pub(crate) const PKCS8_PEM: &str = include_str!("../data/rsa2048-private-pkcs8.pem");
    /// See `pkcs8_der_fixture_files_are_pkcs8`: this file is PKCS#1, not PKCS#8.
    pub(crate) const PKCS8_DER_FILE: &[u8] = include_bytes!("../data/rsa2048-private-pkcs8.der");
    pub(crate) const PKCS1_PEM: &str = include_str!("../data/rsa2048-private-pkcs1.pem");
    pub(crate) const PKCS1_DER: &[u8] = include_bytes!("../data/rsa2048-private-pkcs1.der");
    pub(crate) const SPKI_PEM: &str = include_str!("../data/rsa2048-public-spki.pem");
    pub(crate) const SPKI_DER: &[u8] = include_bytes!("../data/rsa2048-public-spki.der");
    pub(crate) const PUB_PKCS1_PEM: &str = include_str!("../data/rsa2048-public-pkcs1.pem");
    pub(crate) const PUB_PKCS1_DER: &[u8] = include_bytes!("../data/rsa2048-public-pkcs1.der");
    pub(crate) const SHORT_PKCS8_PEM: &str = include_str!("../data/rsa1024-private-pkcs8.pem");
    /// See `pkcs8_der_fixture_files_are_pkcs8`: this file is PKCS#1, not PKCS#8.
    pub(crate) const SHORT_PKCS8_DER_FILE: &[u8] =
        include_bytes!("../data/rsa1024-private-pkcs8.der");
    pub(crate) const SHORT_SPKI_PEM: &str = include_str!("../data/rsa1024-public-spki.pem");
    pub(crate) const SHORT_SPKI_DER: &[u8] = include_bytes!("../data/rsa1024-public-spki.der");

    /// PKCS#8 DER, taken from the PEM document.
    pub(crate) fn pkcs8_der() -> Vec<u8> {
        super::pem_to_der(PKCS8_PEM)
    }

    /// PKCS#8 DER of the 1024-bit key, taken from the PEM document.
    pub(crate) fn short_pkcs8_der() -> Vec<u8> {
        super::pem_to_der(SHORT_PKCS8_PEM)
    }
}

#[cfg(feature = "rsa")]
harness!(
    rs256,
    signer: crate::common::rs_signing(),
    verifier: crate::common::rs_verifying(),
    wrong: crate::common::rs_other_verifying(),
    signature_len: 256,
);

#[cfg(feature = "ecdsa")]
mod ec_fixtures {
    pub(crate) const PKCS8_PEM: &str = include_str!("../data/p256-private-pkcs8.pem");
    /// See `pkcs8_der_fixture_files_are_pkcs8`: this file is SEC1, not PKCS#8.
    pub(crate) const PKCS8_DER_FILE: &[u8] = include_bytes!("../data/p256-private-pkcs8.der");
    pub(crate) const SEC1_PEM: &str = include_str!("../data/p256-private-sec1.pem");
    pub(crate) const SEC1_DER: &[u8] = include_bytes!("../data/p256-private-sec1.der");
    pub(crate) const SPKI_PEM: &str = include_str!("../data/p256-public-spki.pem");
    pub(crate) const SPKI_DER: &[u8] = include_bytes!("../data/p256-public-spki.der");

    /// PKCS#8 DER, taken from the PEM document.
    pub(crate) fn pkcs8_der() -> Vec<u8> {
        super::pem_to_der(PKCS8_PEM)
    }
}

#[cfg(feature = "ecdsa")]
harness!(
    es256,
    signer: crate::common::es_signing(),
    verifier: crate::common::es_verifying(),
    wrong: crate::common::es_other_verifying(),
    signature_len: 64,
);

/// The DER bytes inside a PEM document (standard base64 between the armour lines).
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[track_caller]
fn pem_to_der(pem: &str) -> Vec<u8> {
    use base64::Engine as _;
    let body: String = pem
        .lines()
        .filter(|line| !line.starts_with("-----"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("PEM body is base64")
}

// ---------------------------------------------------------------------------------------------
// A minimal DER reader, to pull key components out of the fixtures for the `from_components`,
// `from_coordinates` and `from_scalar` constructors.
// ---------------------------------------------------------------------------------------------

/// Reads one DER TLV: returns `(tag, contents, rest)`.
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[track_caller]
fn der_tlv(input: &[u8]) -> (u8, &[u8], &[u8]) {
    let tag = input[0];
    let (len, header) = match input[1] {
        short @ 0..=0x7f => (usize::from(short), 2),
        0x81 => (usize::from(input[2]), 3),
        0x82 => (usize::from(input[2]) << 8 | usize::from(input[3]), 4),
        other => panic!("unsupported DER length byte {other:#x}"),
    };
    (tag, &input[header..header + len], &input[header + len..])
}

/// The elements of a DER SEQUENCE, as `(tag, contents)`.
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[track_caller]
fn der_sequence(input: &[u8]) -> Vec<(u8, &[u8])> {
    let (tag, mut body, _) = der_tlv(input);
    assert_eq!(tag, 0x30, "expected a SEQUENCE");
    let mut items = Vec::new();
    while !body.is_empty() {
        let (tag, contents, rest) = der_tlv(body);
        items.push((tag, contents));
        body = rest;
    }
    items
}

/// A DER INTEGER's magnitude without its sign-padding zero byte.
#[cfg(feature = "rsa")]
fn unsigned(integer: &[u8]) -> &[u8] {
    match integer {
        [0, rest @ ..] if !rest.is_empty() => rest,
        other => other,
    }
}

/// `[n, e, d, p, q]` of a PKCS#1 `RSAPrivateKey`.
#[cfg(feature = "rsa")]
#[track_caller]
fn rsa_private_components(pkcs1_der: &[u8]) -> [Vec<u8>; 5] {
    let items = der_sequence(pkcs1_der);
    assert!(items.iter().all(|(tag, _)| *tag == 0x02));
    std::array::from_fn(|i| unsigned(items[i + 1].1).to_vec())
}

/// `[n, e]` of a PKCS#1 `RSAPublicKey`.
#[cfg(feature = "rsa")]
#[track_caller]
fn rsa_public_components(pkcs1_der: &[u8]) -> [Vec<u8>; 2] {
    let items = der_sequence(pkcs1_der);
    std::array::from_fn(|i| unsigned(items[i].1).to_vec())
}

/// The PKCS#1 `RSAPrivateKey` inside a PKCS#8 `PrivateKeyInfo`.
#[cfg(feature = "rsa")]
#[track_caller]
fn pkcs8_inner(pkcs8_der: &[u8]) -> &[u8] {
    let items = der_sequence(pkcs8_der);
    let (tag, inner) = items[2];
    assert_eq!(tag, 0x04, "privateKey OCTET STRING");
    inner
}

/// The subject public key (after the unused-bits byte) inside an SPKI.
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[track_caller]
fn spki_key(spki_der: &[u8]) -> &[u8] {
    let items = der_sequence(spki_der);
    let (tag, bits) = items[1];
    assert_eq!(tag, 0x03, "subjectPublicKey BIT STRING");
    assert_eq!(bits[0], 0, "no unused bits");
    &bits[1..]
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the RSA and EC key formats
// ---------------------------------------------------------------------------------------------

/// Every signer's token verifies with every verifier into the test claims, and all the
/// signers' tokens are identical (RS256 and ES256 both sign deterministically, so every
/// encoding of one key must sign the same bytes).
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
#[track_caller]
fn assert_all_formats_interoperate(
    signers: &[(&str, impl Signer)],
    verifiers: &[(&str, impl Verifier)],
) {
    let mut tokens = Vec::new();
    for (signer_name, signer) in signers {
        let token = encode(&Header::new(), &claims(), signer).unwrap();
        for (verifier_name, verifier) in verifiers {
            let decoded = decode::<SessionClaims>(&token, verifier, &validation())
                .unwrap_or_else(|e| panic!("{signer_name} -> {verifier_name}: {e:?}"));
            assert_eq!(decoded.claims(), &claims());
        }
        tokens.push(token);
    }
    assert!(tokens.windows(2).all(|w| w[0] == w[1]));
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

    use super::rsa_fixtures::*;
    use super::*;

    #[allow(clippy::many_single_char_names)] // the JWK member names
    fn signers() -> Vec<(&'static str, Rs256SigningKey)> {
        let [n, e, d, p, q] = rsa_private_components(PKCS1_DER);
        vec![
            (
                "pkcs8 pem",
                Rs256SigningKey::from_pkcs8_pem(PKCS8_PEM).unwrap(),
            ),
            (
                "pkcs8 der",
                Rs256SigningKey::from_pkcs8_der(&pkcs8_der()).unwrap(),
            ),
            (
                "pkcs1 pem",
                Rs256SigningKey::from_pkcs1_pem(PKCS1_PEM).unwrap(),
            ),
            (
                "pkcs1 der",
                Rs256SigningKey::from_pkcs1_der(PKCS1_DER).unwrap(),
            ),
            (
                "from_pem(pkcs8)",
                Rs256SigningKey::from_pem(PKCS8_PEM).unwrap(),
            ),
            (
                "from_pem(pkcs1)",
                Rs256SigningKey::from_pem(PKCS1_PEM).unwrap(),
            ),
            (
                "components",
                Rs256SigningKey::from_components(&n, &e, &d, &p, &q).unwrap(),
            ),
        ]
    }

    fn verifiers() -> Vec<(&'static str, Rs256VerifyingKey)> {
        let [n, e] = rsa_public_components(PUB_PKCS1_DER);
        vec![
            (
                "spki pem",
                Rs256VerifyingKey::from_public_key_pem(SPKI_PEM).unwrap(),
            ),
            (
                "spki der",
                Rs256VerifyingKey::from_public_key_der(SPKI_DER).unwrap(),
            ),
            (
                "pkcs1 pem",
                Rs256VerifyingKey::from_pkcs1_pem(PUB_PKCS1_PEM).unwrap(),
            ),
            (
                "pkcs1 der",
                Rs256VerifyingKey::from_pkcs1_der(PUB_PKCS1_DER).unwrap(),
            ),
            (
                "from_pem(spki)",
                Rs256VerifyingKey::from_pem(SPKI_PEM).unwrap(),
            ),
            (
                "from_pem(pkcs1)",
                Rs256VerifyingKey::from_pem(PUB_PKCS1_PEM).unwrap(),
            ),
            (
                "components",
                Rs256VerifyingKey::from_components(&n, &e).unwrap(),
            ),
            (
                "verifying_key()",
                crate::common::rs_signing().verifying_key(),
            ),
        ]
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

    #[test]
    fn every_private_format_interoperates_with_every_public_format() {
        let signers = signers();
        let verifiers = verifiers();
        for (_, verifier) in &verifiers {
            assert_eq!(verifier.modulus_bits(), 2048);
        }
        // RSASSA-PKCS1-v1_5 is deterministic: every encoding of the key signs identically.
        assert_all_formats_interoperate(&signers, &verifiers);
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
            (Rs256SigningKey::from_pkcs8_der(SPKI_DER).err(), "pkcs8 der"),
        ]);
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
                Rs256VerifyingKey::from_public_key_der(&pkcs8_der()).err(),
                "spki der",
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

    use super::ec_fixtures::*;
    use super::*;

    /// The private scalar `d` of a SEC1 `ECPrivateKey`.
    fn scalar() -> Vec<u8> {
        let items = der_sequence(SEC1_DER);
        assert_eq!(items[1].0, 0x04, "privateKey OCTET STRING");
        items[1].1.to_vec()
    }

    /// The uncompressed SEC1 point `04 ‖ x ‖ y` of the public key.
    fn point() -> Vec<u8> {
        let point = spki_key(SPKI_DER).to_vec();
        assert_eq!((point.len(), point[0]), (65, 0x04));
        point
    }

    fn signers() -> Vec<(&'static str, Es256SigningKey)> {
        vec![
            (
                "pkcs8 pem",
                Es256SigningKey::from_pkcs8_pem(PKCS8_PEM).unwrap(),
            ),
            (
                "pkcs8 der",
                Es256SigningKey::from_pkcs8_der(&pkcs8_der()).unwrap(),
            ),
            (
                "sec1 pem",
                Es256SigningKey::from_sec1_pem(SEC1_PEM).unwrap(),
            ),
            (
                "sec1 der",
                Es256SigningKey::from_sec1_der(SEC1_DER).unwrap(),
            ),
            (
                "from_pem(pkcs8)",
                Es256SigningKey::from_pem(PKCS8_PEM).unwrap(),
            ),
            (
                "from_pem(sec1)",
                Es256SigningKey::from_pem(SEC1_PEM).unwrap(),
            ),
            ("scalar", Es256SigningKey::from_scalar(&scalar()).unwrap()),
        ]
    }

    fn verifiers() -> Vec<(&'static str, Es256VerifyingKey)> {
        let point = point();
        let (x, y) = (&point[1..33], &point[33..]);
        let mut compressed = vec![0x02 | (y[31] & 1)];
        compressed.extend_from_slice(x);
        vec![
            (
                "spki pem",
                Es256VerifyingKey::from_public_key_pem(SPKI_PEM).unwrap(),
            ),
            (
                "spki der",
                Es256VerifyingKey::from_public_key_der(SPKI_DER).unwrap(),
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
            (
                "verifying_key()",
                crate::common::es_signing().verifying_key(),
            ),
        ]
    }

    #[test]
    fn every_private_format_interoperates_with_every_public_format() {
        let point = point();
        let signers = signers();
        let verifiers = verifiers();
        for (name, verifier) in &verifiers {
            let (x, y) = verifier.to_coordinates();
            assert_eq!((&x[..], &y[..]), (&point[1..33], &point[33..]), "{name}");
        }
        for (signer_name, signer) in &signers {
            let (x, y) = signer.verifying_key().to_coordinates();
            assert_eq!(
                (&x[..], &y[..]),
                (&point[1..33], &point[33..]),
                "{signer_name}"
            );
        }
        // Signing is deterministic (RFC 6979), so every encoding of the key signs identically.
        assert_all_formats_interoperate(&signers, &verifiers);
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
        assert_parse_errors([
            (
                Es256VerifyingKey::from_public_key_pem(PKCS8_PEM).err(),
                "spki pem",
            ),
            (
                Es256VerifyingKey::from_public_key_der(SEC1_DER).err(),
                "spki der",
            ),
        ]);
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
    #[cfg(feature = "rsa")]
    {
        assert!(
            rsa_fixtures::PKCS8_DER_FILE == rsa_fixtures::pkcs8_der(),
            "rsa2048-private-pkcs8.der is not the DER of rsa2048-private-pkcs8.pem"
        );
        assert!(
            rsa_fixtures::SHORT_PKCS8_DER_FILE == rsa_fixtures::short_pkcs8_der(),
            "rsa1024-private-pkcs8.der is not the DER of rsa1024-private-pkcs8.pem"
        );
    }
    #[cfg(feature = "ecdsa")]
    assert!(
        ec_fixtures::PKCS8_DER_FILE == ec_fixtures::pkcs8_der(),
        "p256-private-pkcs8.der is not the DER of p256-private-pkcs8.pem"
    );
}
