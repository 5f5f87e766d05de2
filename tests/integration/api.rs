//! Public API guarantees: auto traits, redacted `Debug` output, error text free of key
//! material, and the open [`Signer`] / [`Verifier`] traits (a user "KMS" type, `Arc`, `&`,
//! `dyn`, and backend errors through [`EncodeError::Backend`] and [`SignatureError::Backend`]).
//!
//! Every validation uses a [`FixedClock`].

#![cfg(all(feature = "rsa", feature = "ecdsa"))]

use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use crate::common::{
    assert_matches, es_signing, es_verifying, forge, hex, is_printable_ascii, jwk_member,
    rs_signing, rs_verifying, sources_text, validation, validation_at, EC_PRIVATE_PEM, NOW,
    RSA_PRIVATE_PEM,
};
use jwtcraft::codec;
use jwtcraft::{
    decode, encode, Algorithm, Audience, Claim, ClaimError, Claims, Error, Es256SigningKey,
    Es256VerifyingKey, FixedClock, Header, Hs256Key, Jwk, JwkSet, KeyError, KeySet, KeySetOptions,
    Limits, MalformedError, NumericDate, RegisteredClaims, Rs256SigningKey, Rs256VerifyingKey,
    Segment, Signer, SkippedKey, SystemClock, Token, TypedVerifyingKey, UntrustedToken, Validation,
    Verifier,
};
use jwtcraft::{EncodeError, HeaderError, SignatureError};
use serde_json::{json, Value};

/// A secret with no printable structure, so any rendering of it is easy to spot.
fn binary_secret() -> Vec<u8> {
    (0u8..32)
        .map(|i| i.wrapping_mul(37).wrapping_add(0x8B))
        .collect()
}

fn claims() -> Value {
    json!({"sub": "user-1", "exp": NOW + 60})
}

fn std_base64(bytes: &[u8]) -> String {
    codec::encode(bytes).replace('-', "+").replace('_', "/")
}

/// Every rendering of `secret` a careless `Debug` or message might contain: hex (both
/// cases), base64url, standard base64, and the first 8 bytes in hex.
fn renderings(secret: &[u8]) -> Vec<String> {
    let mut out = vec![
        hex(secret),
        hex(secret).to_uppercase(),
        codec::encode(secret),
        std_base64(secret),
        hex(&secret[..8]),
        // A decimal byte list, as `Debug` of a `Vec<u8>` would print.
        format!("{:?}", &secret[..8])
            .trim_end_matches(']')
            .to_owned(),
    ];
    if let Ok(text) = std::str::from_utf8(secret) {
        out.push(text.to_owned());
    }
    out
}

#[track_caller]
fn assert_hides(text: &str, secret: &[u8]) {
    for rendering in renderings(secret) {
        assert!(
            !text.contains(&rendering),
            "{text:?} contains the secret as {rendering:?}"
        );
    }
}

/// `Debug` (plain and pretty) hides the secret and says it is redacted.
#[track_caller]
fn assert_redacted(value: &impl fmt::Debug, secret: &[u8]) {
    for text in [format!("{value:?}"), format!("{value:#?}")] {
        assert_hides(&text, secret);
        assert!(text.contains("[redacted]"), "{text}");
    }
}

/// The error, its `Debug`, and every error in its source chain, as text.
fn all_text(err: &(impl std::error::Error + 'static)) -> String {
    format!("{err} {err:?}{}", sources_text(err))
}

// ---------------------------------------------------------------------------------------------
// Auto traits
// ---------------------------------------------------------------------------------------------

const fn assert_send_sync_static<T: Send + Sync + 'static>() {}
const fn assert_error<T: std::error::Error + Send + Sync + 'static>() {}

// Keys, validations, tokens and errors can be shared across threads and stored in
// long-lived state (an `Arc` in an application, a `static`, a `Box<dyn Error>`).
const _: () = {
    assert_send_sync_static::<Hs256Key>();
    assert_send_sync_static::<Rs256SigningKey>();
    assert_send_sync_static::<Rs256VerifyingKey>();
    assert_send_sync_static::<Es256SigningKey>();
    assert_send_sync_static::<Es256VerifyingKey>();
    assert_send_sync_static::<TypedVerifyingKey>();
    assert_send_sync_static::<KeySet>();
    assert_send_sync_static::<KeySetOptions>();
    assert_send_sync_static::<Jwk>();
    assert_send_sync_static::<JwkSet>();
    assert_send_sync_static::<SkippedKey>();
    assert_send_sync_static::<Validation>();
    assert_send_sync_static::<Limits>();
    assert_send_sync_static::<FixedClock>();
    assert_send_sync_static::<SystemClock>();
    assert_send_sync_static::<Header>();
    assert_send_sync_static::<Token<Value>>();
    assert_send_sync_static::<Token<RegisteredClaims>>();
    assert_send_sync_static::<UntrustedToken<'static>>();
    assert_send_sync_static::<RegisteredClaims>();
    assert_send_sync_static::<Claims<Value>>();
    assert_send_sync_static::<Audience>();
    assert_send_sync_static::<NumericDate>();
    assert_send_sync_static::<Algorithm>();
    assert_send_sync_static::<Claim>();
    assert_send_sync_static::<Segment>();
    assert_send_sync_static::<Error>();
    assert_error::<Error>();
    assert_error::<MalformedError>();
    assert_error::<ClaimError>();
    assert_error::<KeyError>();
};

#[test]
fn errors_fit_in_boxed_dyn_error() {
    let err: Box<dyn std::error::Error + Send + Sync + 'static> =
        Box::new(Error::Signature(SignatureError::Invalid));
    assert_eq!(err.to_string(), "invalid signature");
    let err = decode::<Value>(
        "a.b",
        &Hs256Key::new(&binary_secret()).unwrap(),
        &validation(),
    )
    .unwrap_err();
    let boxed: Box<dyn std::error::Error + Send + Sync> = err.into();
    assert!(boxed.downcast_ref::<Error>().is_some());
}

// Keys really are usable from many threads at once.
#[test]
fn keys_are_shared_across_threads() {
    let signer = Arc::new(es_signing());
    let public = Arc::new(signer.verifying_key());
    let handles: Vec<_> = (0..4)
        .map(|i| {
            let signer = Arc::clone(&signer);
            let public = Arc::clone(&public);
            std::thread::spawn(move || {
                let token =
                    encode(&Header::new(), &json!({"n": i, "exp": NOW + 60}), &signer).unwrap();
                let verified = decode::<Value>(&token, &public, &validation()).unwrap();
                verified.claims()["n"].as_i64().unwrap()
            })
        })
        .collect();
    let results: Vec<i64> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    assert_eq!(results, [0, 1, 2, 3]);
}

// ---------------------------------------------------------------------------------------------
// Debug never shows key material
// ---------------------------------------------------------------------------------------------

#[test]
fn hs256_key_debug_is_redacted() {
    let secret = binary_secret();
    let key = Hs256Key::new(&secret).unwrap();
    assert_redacted(&key, &secret);
    assert_eq!(
        format!("{key:?}"),
        r#"Hs256Key { kid: None, secret: "[redacted]", .. }"#
    );
    let with_kid = key.clone().with_key_id("k1");
    assert_redacted(&with_kid, &secret);
    assert!(format!("{with_kid:?}").contains("k1"));
    // Also when the secret is printable text.
    let text_secret = b"correct-horse-battery-staple-0123";
    assert_redacted(&Hs256Key::new(text_secret).unwrap(), text_secret);
    // Wrapped in the key-set types.
    assert_redacted(&TypedVerifyingKey::from(key.clone()), &secret);
    assert_redacted(&KeySet::new().with_key(key.clone()), &secret);
    // The secret JWK redacts `k` too.
    assert_redacted(&key.to_secret_jwk(), &secret);
}

#[test]
fn rsa_private_key_debug_is_redacted() {
    let key = rs_signing().with_key_id("rsa-1");
    let jwk = key.to_private_jwk();
    let debug = format!("{key:?} {key:#?}");
    assert!(debug.contains("[redacted]"), "{debug}");
    for member in ["d", "p", "q", "dp", "dq", "qi"] {
        assert_redacted(&key, &jwk_member(&jwk, member));
        assert_redacted(&jwk, &jwk_member(&jwk, member));
    }
    // No line of the PEM document (base64 of the PKCS#8 structure) shows up either.
    for line in RSA_PRIVATE_PEM.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!debug.contains(line), "{debug}");
    }
}

#[test]
fn ec_private_key_debug_is_redacted() {
    let key = es_signing().with_key_id("ec-1");
    let jwk = key.to_private_jwk();
    let d = jwk_member(&jwk, "d");
    assert_eq!(d.len(), 32);
    assert_redacted(&key, &d);
    assert_redacted(&jwk, &d);
    let debug = format!("{key:?} {key:#?}");
    for line in EC_PRIVATE_PEM.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!debug.contains(line), "{debug}");
    }
    // A key built from a known scalar.
    let scalar = binary_secret();
    assert_redacted(&Es256SigningKey::from_scalar(&scalar).unwrap(), &scalar);
}

// Public keys have nothing to hide, but their `Debug` is still short and useful.
#[test]
fn public_key_debug_is_short() {
    let rs = rs_verifying().with_key_id("rsa-1");
    assert_eq!(
        format!("{rs:?}"),
        r#"Rs256VerifyingKey { kid: Some("rsa-1"), modulus_bits: 2048, .. }"#
    );
    let es = es_verifying();
    assert_eq!(format!("{es:?}"), "Es256VerifyingKey { kid: None, .. }");
}

// ---------------------------------------------------------------------------------------------
// Errors never contain key material
// ---------------------------------------------------------------------------------------------

#[test]
fn key_construction_errors_do_not_contain_the_key() {
    let text_secret = b"hunter2-hunter2-hunter2-hunter2";
    assert_eq!(text_secret.len(), 31);
    let err = Hs256Key::new(text_secret).unwrap_err();
    assert_matches!(err, KeyError::HmacTooShort { len: 31, min: 32 });
    assert_eq!(err.to_string(), "hmac key is 31 bytes, the minimum is 32");
    assert_hides(&all_text(&err), text_secret);

    // An out-of-range EC scalar.
    let too_big = [0xFFu8; 32];
    let err = Es256SigningKey::from_scalar(&too_big).unwrap_err();
    assert_matches!(err, KeyError::Invalid(_));
    assert_hides(&all_text(&err), &too_big);

    // A damaged private key PEM: the parse error names the format, never the content.
    for (name, pem, err) in [
        (
            "rsa",
            RSA_PRIVATE_PEM,
            Rs256SigningKey::from_pkcs8_pem(&RSA_PRIVATE_PEM.replacen("MII", "MIX", 1))
                .unwrap_err(),
        ),
        (
            "ec",
            EC_PRIVATE_PEM,
            Es256SigningKey::from_pkcs8_pem(&EC_PRIVATE_PEM.replacen("MI", "XI", 1)).unwrap_err(),
        ),
    ] {
        assert_matches!(
            err,
            KeyError::Parse {
                format: "pkcs8 pem"
            }
        );
        let text = all_text(&err);
        for line in pem.lines().filter(|l| !l.starts_with("-----")) {
            assert!(!text.contains(line), "{name}: {text}");
        }
    }

    // A short `oct` JWK.
    let jwk = Jwk::from_json(&format!(
        r#"{{"kty":"oct","k":"{}"}}"#,
        codec::encode(text_secret)
    ))
    .unwrap();
    let err = Hs256Key::from_jwk(&jwk).unwrap_err();
    assert_hides(&all_text(&err), text_secret);
    // An unparsable JWK document holding a secret.
    let err = Jwk::from_json(&format!(
        r#"{{"kty":"oct","k":"{}","kid":5}}"#,
        codec::encode(&binary_secret())
    ))
    .unwrap_err();
    assert_hides(&all_text(&err), &binary_secret());
}

// A failed verification says nothing: neither the secret nor the tag it expected (which
// would hand the attacker a valid signature).
#[test]
fn verification_errors_do_not_contain_the_key_or_the_expected_signature() {
    let secret = binary_secret();
    let key = Hs256Key::new(&secret).unwrap();
    let token = encode(&Header::new(), &claims(), &key).unwrap();
    let (input, _) = token.rsplit_once('.').unwrap();
    let expected = key.sign(input.as_bytes()).unwrap();
    let forged = format!("{input}.{}", codec::encode(&[0u8; 32]));
    let err = decode::<Value>(&forged, &key, &validation()).unwrap_err();
    assert_matches!(err, Error::Signature(SignatureError::Invalid));
    let text = all_text(&err);
    assert_eq!(text, "invalid signature Signature(Invalid)");
    assert_hides(&text, &secret);
    assert_hides(&text, &expected);

    // The same for an algorithm mismatch and a claim failure.
    let rs = rs_verifying();
    let err = decode::<Value>(&token, &rs, &validation()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "algorithm mismatch: the key is for RS256, the token says HS256"
    );
    let late = validation_at(NOW + 3600);
    let err = decode::<Value>(&token, &key, &late).unwrap_err();
    assert_eq!(err.to_string(), "token expired");
    assert_hides(&all_text(&err), &secret);
}

// ---------------------------------------------------------------------------------------------
// User-implemented Signer and Verifier
// ---------------------------------------------------------------------------------------------

/// A stand-in for a KMS client: the key never leaves it, and it counts its calls.
#[derive(Debug)]
struct FakeKms {
    key: Hs256Key,
    signs: AtomicUsize,
    verifies: AtomicUsize,
}

impl FakeKms {
    fn new() -> Self {
        FakeKms {
            key: Hs256Key::new(&binary_secret()).unwrap(),
            signs: AtomicUsize::new(0),
            verifies: AtomicUsize::new(0),
        }
    }
}

impl Signer for FakeKms {
    fn algorithm(&self) -> Algorithm {
        Algorithm::Hs256
    }

    fn key_id(&self) -> Option<&str> {
        Some("kms-key-1")
    }

    fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
        self.signs.fetch_add(1, Ordering::SeqCst);
        self.key.sign(signing_input)
    }
}

impl Verifier for FakeKms {
    fn algorithm(&self) -> Algorithm {
        Algorithm::Hs256
    }

    fn key_id(&self) -> Option<&str> {
        Some("kms-key-1")
    }

    fn verify(&self, signing_input: &[u8], signature: &[u8]) -> Result<(), SignatureError> {
        self.verifies.fetch_add(1, Ordering::SeqCst);
        self.key.verify(signing_input, signature)
    }
}

/// The KMS's own failure, carried through [`EncodeError::Backend`] and [`SignatureError::Backend`].
#[derive(Debug)]
struct KmsUnavailable;

impl fmt::Display for KmsUnavailable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("kms unavailable: throttled")
    }
}

impl std::error::Error for KmsUnavailable {}

/// A KMS client whose every call fails.
#[derive(Debug)]
struct OfflineKms(Algorithm);

impl Signer for OfflineKms {
    fn algorithm(&self) -> Algorithm {
        self.0
    }

    fn sign(&self, _: &[u8]) -> Result<Vec<u8>, EncodeError> {
        Err(EncodeError::Backend(Box::new(KmsUnavailable)))
    }
}

impl Verifier for OfflineKms {
    fn algorithm(&self) -> Algorithm {
        self.0
    }

    fn verify(&self, _: &[u8], _: &[u8]) -> Result<(), SignatureError> {
        Err(SignatureError::Backend(Box::new(KmsUnavailable)))
    }
}

#[track_caller]
fn assert_backend_error(err: &dyn std::error::Error, message: &str) {
    assert_eq!(err.to_string(), message);
    let source = std::error::Error::source(err).unwrap();
    assert!(source.downcast_ref::<KmsUnavailable>().is_some());
    assert_eq!(source.to_string(), "kms unavailable: throttled");
}

#[test]
fn user_signer_and_verifier_work_with_encode_and_decode() {
    let kms = FakeKms::new();
    let token = encode(&Header::new(), &claims(), &kms).unwrap();
    assert_eq!(kms.signs.load(Ordering::SeqCst), 1);
    let untrusted = UntrustedToken::parse(&token).unwrap();
    assert_eq!(untrusted.algorithm(), Algorithm::Hs256);
    assert_eq!(untrusted.header().key_id(), Some("kms-key-1"));

    let verified = decode::<Value>(&token, &kms, &validation()).unwrap();
    assert_eq!(kms.verifies.load(Ordering::SeqCst), 1);
    assert_eq!(verified.algorithm(), Algorithm::Hs256);
    assert_eq!(verified.claims()["sub"], "user-1");
    // The same secret as a plain key verifies the KMS's token, and the other way round.
    let plain = Hs256Key::new(&binary_secret()).unwrap();
    decode::<Value>(&token, &plain, &validation()).unwrap();
    let token = encode(&Header::new(), &claims(), &plain).unwrap();
    decode::<Value>(&token, &kms, &validation()).unwrap();
}

// A user verifier is only asked about tokens of its own algorithm: a mismatched `alg` is
// refused before `verify` is called.
#[test]
fn user_verifier_is_not_called_for_another_algorithm() {
    let kms = FakeKms::new();
    let token = encode(&Header::new(), &claims(), &es_signing()).unwrap();
    assert_matches!(
        decode::<Value>(&token, &kms, &validation()),
        Err(Error::Header(HeaderError::AlgorithmMismatch {
            expected: Algorithm::Hs256,
            found: Algorithm::Es256
        }))
    );
    assert_eq!(kms.verifies.load(Ordering::SeqCst), 0);
}

#[test]
fn backend_errors_pass_through_encode_and_decode() {
    let err = encode(&Header::new(), &claims(), &OfflineKms(Algorithm::Rs256)).unwrap_err();
    assert_matches!(err, EncodeError::Backend(_));
    assert_eq!(err.code(), "encode.backend");
    assert_backend_error(&err, "signing backend failed");

    let token = encode(&Header::new(), &claims(), &rs_signing()).unwrap();
    let err = decode::<Value>(&token, &OfflineKms(Algorithm::Rs256), &validation()).unwrap_err();
    assert!(err.is_backend(), "{err:?}");
    assert_backend_error(&err, "verification backend failed");
    // A backend error is reported as such, never as a valid token or a claim problem.
    let expired = validation_at(NOW + 3600);
    let err = decode::<Value>(&token, &OfflineKms(Algorithm::Rs256), &expired).unwrap_err();
    assert!(err.is_backend(), "{err:?}");
    assert_backend_error(&err, "verification backend failed");
}

// ---------------------------------------------------------------------------------------------
// Arc, references and trait objects
// ---------------------------------------------------------------------------------------------

#[test]
fn arc_and_references_are_signers_and_verifiers() {
    let key = Hs256Key::new(&binary_secret()).unwrap();
    let arc = Arc::new(key.clone());
    let token = encode(&Header::new(), &claims(), &arc).unwrap();
    decode::<Value>(&token, &arc, &validation()).unwrap();
    decode::<Value>(&token, &&key, &validation()).unwrap();
    decode::<Value>(&token, &&&key, &validation()).unwrap();
    let token = encode(&Header::new(), &claims(), &&key).unwrap();
    decode::<Value>(&token, &Arc::clone(&arc), &validation()).unwrap();

    let rs = Arc::new(rs_signing());
    let token = encode(&Header::new(), &claims(), &rs).unwrap();
    decode::<Value>(&token, &Arc::new(rs.verifying_key()), &validation()).unwrap();

    let kms = Arc::new(FakeKms::new());
    let token = encode(&Header::new(), &claims(), &kms).unwrap();
    decode::<Value>(&token, &kms, &validation()).unwrap();
    decode::<Value>(&token, &&*kms, &validation()).unwrap();
    assert_eq!(kms.verifies.load(Ordering::SeqCst), 2);
}

#[test]
fn dyn_verifier_works_with_decode() {
    let hs = Hs256Key::new(&binary_secret()).unwrap();
    let rs = rs_signing();
    let es = es_signing();
    let signers: [&dyn Signer; 3] = [&hs, &rs, &es];
    let verifiers: Vec<Box<dyn Verifier + Send + Sync>> = vec![
        Box::new(hs.clone()),
        Box::new(rs.verifying_key()),
        Box::new(es.verifying_key()),
    ];
    for signer in signers {
        let token = encode(&Header::new(), &claims(), signer).unwrap();
        // Pick the verifier by the token's (unverified) algorithm, then decode through the
        // trait object.
        let alg = UntrustedToken::parse(&token).unwrap().algorithm();
        let chosen: &dyn Verifier = verifiers
            .iter()
            .find(|v| v.algorithm() == alg)
            .map(|v| &**v as &dyn Verifier)
            .unwrap();
        let verified = decode::<Value>(&token, chosen, &validation()).unwrap();
        assert_eq!(verified.algorithm(), signer.algorithm());
        // Every other verifier refuses it, through `dyn` as well.
        for other in verifiers.iter().filter(|v| v.algorithm() != alg) {
            assert_matches!(
                decode::<Value>(&token, &**other, &validation()),
                Err(Error::Header(HeaderError::AlgorithmMismatch { .. }))
            );
        }
    }
    // `Arc<dyn Verifier>` is a verifier too.
    let shared: Arc<dyn Verifier + Send + Sync> = Arc::new(es.verifying_key());
    let token = encode(&Header::new(), &claims(), &es).unwrap();
    decode::<Value>(&token, &shared, &validation()).unwrap();
    // A user type behind `Box<dyn Verifier>`.
    let kms: Box<dyn Verifier> = Box::new(FakeKms::new());
    let token = encode(&Header::new(), &claims(), &FakeKms::new()).unwrap();
    decode::<Value>(&token, &*kms, &validation()).unwrap();
    // And `dyn Signer` with encode.
    let signer: &dyn Signer = &es;
    let token = encode(&Header::new(), &claims(), signer).unwrap();
    decode::<Value>(&token, &es.verifying_key(), &validation()).unwrap();
}

#[test]
fn verified_token_into_parts() {
    let key = Hs256Key::new(&binary_secret()).unwrap().with_key_id("k1");
    let token = encode(&Header::new(), &claims(), &key).unwrap();
    let verified: Token<RegisteredClaims> = decode(&token, &key, &validation()).unwrap();
    assert_eq!(verified.header().key_id(), Some("k1"));
    assert_eq!(verified.claims().sub.as_deref(), Some("user-1"));
    let (header, claims) = verified.into_parts();
    assert_eq!(header.token_type(), Some("JWT"));
    assert_eq!(claims.exp, Some(NumericDate::from_unix_seconds(NOW + 60)));
}

// ---------------------------------------------------------------------------------------------
// Error codes, predicates and messages
// ---------------------------------------------------------------------------------------------

/// Whether `code` is `concern.name`, both lower-case ASCII words joined by `_`.
fn is_code_shaped(code: &str) -> bool {
    let word = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    matches!(code.split_once('.'), Some((concern, name)) if word(concern) && word(name))
}

/// Claims whose serialization fails.
#[derive(Debug)]
struct Unserializable;

impl serde::Serialize for Unserializable {
    fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("no"))
    }
}

/// Decode errors of many kinds, produced through the public API, each with its documented code.
fn decode_error_samples() -> Vec<(Error, &'static str)> {
    let key = Hs256Key::new(&binary_secret()).unwrap();
    let token = encode(&Header::new(), &claims(), &key).unwrap();
    let (input, _) = token.rsplit_once('.').unwrap();
    let forged = format!("{input}.{}", codec::encode(&[0u8; 32]));
    let none = forge(r#"{"alg":"none"}"#, &claims().to_string(), &key);
    let crit = forge(
        r#"{"alg":"HS256","crit":["ext"],"ext":1}"#,
        &claims().to_string(),
        &key,
    );
    let reject = |token: &str, verifier: &dyn Verifier, validation: &Validation| {
        decode::<Value>(token, verifier, validation).unwrap_err()
    };
    let by_kid = KeySet::new().with_key(key.clone().with_key_id("other"));
    let with_issuer = validation().with_issuer("https://issuer.example");
    vec![
        (
            reject("a.b", &key, &validation()),
            "malformed.segment_count",
        ),
        (
            reject(&format!("Bearer {token}"), &key, &validation()),
            "malformed.bearer_prefix",
        ),
        (
            reject(&format!("{token}\n"), &key, &validation()),
            "malformed.whitespace",
        ),
        (
            reject(&none, &key, &validation()),
            "header.unsupported_algorithm",
        ),
        (
            reject(&token, &rs_verifying(), &validation()),
            "header.algorithm_mismatch",
        ),
        (
            reject(&crit, &key, &validation()),
            "header.unsupported_critical",
        ),
        (
            by_kid.decode::<Value>(&token, &validation()).unwrap_err(),
            "header.missing_key_id",
        ),
        (
            (0..=KeySet::MAX_TRY_ALL)
                .fold(KeySet::new(), |set, _| set.with_key(key.clone()))
                .try_all_keys()
                .decode::<Value>(&token, &validation())
                .unwrap_err(),
            "header.too_many_candidate_keys",
        ),
        (reject(&forged, &key, &validation()), "signature.invalid"),
        (
            reject(&token, &OfflineKms(Algorithm::Hs256), &validation()),
            "signature.backend",
        ),
        (
            reject(&token, &key, &validation_at(NOW + 3600)),
            "claims.expired",
        ),
        (reject(&token, &key, &with_issuer), "claims.missing"),
    ]
}

/// Encode errors of every kind, each with its code and, for a refused header, the header's code.
fn encode_error_samples() -> Vec<(EncodeError, &'static str, Option<&'static str>)> {
    let key = Hs256Key::new(&binary_secret()).unwrap();
    let encode_err = |header: &Header| encode(header, &claims(), &key).unwrap_err();
    let conflicting = key.clone().with_key_id("a");
    vec![
        (
            encode(&Header::new(), &Unserializable, &key).unwrap_err(),
            "encode.serialize",
            None,
        ),
        (
            encode(&Header::new(), &json!([1, 2]), &key).unwrap_err(),
            "encode.claims_not_object",
            None,
        ),
        (
            encode(&Header::new(), &claims(), &OfflineKms(Algorithm::Hs256)).unwrap_err(),
            "encode.backend",
            None,
        ),
        (
            encode_err(&Header::new().with_extra("alg", "none")),
            "encode.header",
            Some("header.reserved_name"),
        ),
        (
            encode_err(&Header::new().with_critical(["ext"])),
            "encode.header",
            Some("header.invalid_critical"),
        ),
        (
            encode(&Header::new().with_key_id("b"), &claims(), &conflicting).unwrap_err(),
            "encode.header",
            Some("header.key_id_conflict"),
        ),
    ]
}

/// Key errors of several kinds, each with its code.
fn key_error_samples() -> Vec<(KeyError, &'static str)> {
    vec![
        (Hs256Key::new(&[7u8; 31]).unwrap_err(), "key.hmac_too_short"),
        (
            Hs256Key::new(RSA_PRIVATE_PEM.as_bytes()).unwrap_err(),
            "key.hmac_looks_like_pem",
        ),
        (Jwk::from_json("{").unwrap_err(), "key.jwk"),
        (
            Hs256Key::from_jwk(&rs_signing().to_public_jwk()).unwrap_err(),
            "key.jwk_mismatch",
        ),
        (
            Rs256SigningKey::from_pkcs8_pem("not a pem").unwrap_err(),
            "key.parse",
        ),
        (
            Rs256SigningKey::from_pem(crate::common::RSA_PUBLIC_PEM).unwrap_err(),
            "key.wrong_kind",
        ),
        (
            Es256VerifyingKey::from_public_key_pem(crate::common::RSA_PUBLIC_PEM).unwrap_err(),
            "key.wrong_type",
        ),
        (
            Rs256VerifyingKey::from_components(&[0xff; 128], &[1, 0, 1]).unwrap_err(),
            "key.rsa_modulus_size",
        ),
        (JwkSet::from_json("[]").unwrap_err(), "key.jwk_json"),
    ]
}

// Every error a caller can meet, produced through the public API, has the documented code;
// the code's first part names the concern, and the `is_*` predicates agree with it.
#[test]
fn every_error_has_a_stable_code_naming_its_concern() {
    let mut seen = Vec::new();
    for (err, code) in decode_error_samples() {
        assert_eq!(err.code(), code, "{err:?}");
        let concern = code.split('.').next().unwrap();
        assert_eq!(err.is_malformed(), concern == "malformed", "{code}");
        assert_eq!(err.is_header(), concern == "header", "{code}");
        assert_eq!(err.is_signature(), concern == "signature", "{code}");
        assert_eq!(err.is_claims(), concern == "claims", "{code}");
        assert_eq!(err.is_expired(), code == "claims.expired", "{code}");
        assert_eq!(err.is_backend(), code == "signature.backend", "{code}");
        seen.push(code);
    }
    for (err, code, header_code) in encode_error_samples() {
        assert_eq!(err.code(), code, "{err:?}");
        assert!(code.starts_with("encode."), "{code}");
        match (&err, header_code) {
            (EncodeError::Header(header), Some(expected)) => {
                assert_eq!(header.code(), expected);
                seen.push(expected);
            }
            (EncodeError::Header(_), None) | (_, Some(_)) => panic!("{err:?}"),
            _ => seen.push(code),
        }
    }
    for (err, code) in key_error_samples() {
        assert_eq!(err.code(), code, "{err:?}");
        assert!(code.starts_with("key."), "{code}");
        seen.push(code);
    }
    for code in &seen {
        assert!(is_code_shaped(code), "{code}");
    }
    let mut unique = seen.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), seen.len(), "{seen:?}");
}

// A token pasted with its `Authorization` scheme, or read with its newline, is refused, with
// an error that names the mistake rather than "not base64url". Nothing is trimmed.
#[test]
fn a_bearer_prefix_or_surrounding_whitespace_is_named() {
    let key = Hs256Key::new(&binary_secret()).unwrap();
    let token = encode(&Header::new(), &claims(), &key).unwrap();
    decode::<Value>(&token, &key, &validation()).unwrap();
    for input in [
        format!("Bearer {token}"),
        format!("bearer {token}"),
        format!("BEARER {token}"),
    ] {
        let err = decode::<Value>(&input, &key, &validation()).unwrap_err();
        assert_matches!(err, Error::Malformed(MalformedError::BearerPrefix));
        assert!(err.is_malformed());
        assert_eq!(err.code(), "malformed.bearer_prefix");
        assert!(
            err.to_string().starts_with("token starts with \"Bearer \""),
            "{err}"
        );
        assert_matches!(
            UntrustedToken::parse(&input),
            Err(Error::Malformed(MalformedError::BearerPrefix))
        );
    }
    for input in [
        format!("{token}\n"),
        format!("{token}\r\n"),
        format!(" {token}"),
        format!("\t{token} "),
    ] {
        let err = decode::<Value>(&input, &key, &validation()).unwrap_err();
        assert_matches!(err, Error::Malformed(MalformedError::Whitespace));
        assert!(err.is_malformed());
        assert_eq!(err.code(), "malformed.whitespace");
        assert_eq!(
            err.to_string(),
            "token has leading or trailing whitespace (a newline?); trim it before decoding"
        );
        // Whitespace was the only problem.
        decode::<Value>(input.trim(), &key, &validation()).unwrap();
    }
}

// Text from a token (an `alg`, a `kid`, a `crit` name) reaches a message escaped, quoted and
// as printable ASCII: it cannot forge a log line or an HTTP header, whatever it contains.
#[test]
fn messages_quote_attacker_text_escaped_as_printable_ascii() {
    let key = Hs256Key::new(&binary_secret()).unwrap();
    let payload = claims().to_string();

    let token = forge(r#"{"alg":"\r\nX-Evil: 1"}"#, &payload, &key);
    let err = decode::<Value>(&token, &key, &validation()).unwrap_err();
    assert_matches!(err, Error::Header(HeaderError::UnsupportedAlgorithm(_)));
    assert_eq!(err.to_string(), r#"unsupported algorithm "\r\nX-Evil: 1""#);
    let mut messages = vec![err.to_string()];

    let kid = "k1\u{1b}[31m\u{7}\0\"\\\u{202e}\u{e9}";
    let token = encode(&Header::new().with_key_id(kid), &claims(), &key).unwrap();
    let err = KeySet::new()
        .with_key(key.clone().with_key_id("k1"))
        .decode::<Value>(&token, &validation())
        .unwrap_err();
    assert_matches!(err, Error::Header(HeaderError::UnknownKeyId(_)));
    assert_eq!(
        err.to_string(),
        r#"no key with id "k1\u{1b}[31m\u{7}\u{0}\"\\\u{202e}\u{e9}""#
    );
    messages.push(err.to_string());

    let token = forge(
        r#"{"alg":"HS256","crit":["x\r\ny"],"x\r\ny":1}"#,
        &payload,
        &key,
    );
    let err = decode::<Value>(&token, &key, &validation()).unwrap_err();
    assert_matches!(err, Error::Header(HeaderError::UnsupportedCritical(_)));
    assert_eq!(
        err.to_string(),
        r#"unsupported critical header parameter "x\r\ny""#
    );
    messages.push(err.to_string());

    for message in &messages {
        assert!(is_printable_ascii(message), "{message:?}");
    }
}

// Text from a token reaches a message cut and escaped to printable ASCII, also inside the
// parser messages carried by `ClaimError::Deserialize` and `MalformedError::Json`: a signed
// claim value cannot put a raw CR LF in a log line or an HTTP header.
#[test]
fn parser_messages_quoting_token_text_are_printable_ascii() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    enum Role {
        Admin,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct WithRole {
        role: Role,
    }
    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Strict {
        exp: i64,
    }
    let key = Hs256Key::new(&binary_secret()).unwrap();
    let long = "Z".repeat(100);
    let mut messages = Vec::new();
    for role in ["\r\nX-Evil: 1", "\u{e9}\u{202e}", long.as_str()] {
        let claims = json!({"exp": NOW + 60, "role": role});
        let token = encode(&Header::new(), &claims, &key).unwrap();
        let err = decode::<WithRole>(&token, &key, &validation()).unwrap_err();
        assert_matches!(err, Error::Claims(ClaimError::Deserialize(_)));
        messages.push(err.to_string());
    }
    let claims = json!({"exp": NOW + 60, "\r\nX-Evil: 1": 1});
    let token = encode(&Header::new(), &claims, &key).unwrap();
    let err = decode::<Strict>(&token, &key, &validation()).unwrap_err();
    assert_matches!(err, Error::Claims(ClaimError::Deserialize(_)));
    messages.push(err.to_string());
    for message in &messages {
        assert!(is_printable_ascii(message), "{message:?}");
    }
}
