//! JSON Web Keys: RFC 7517 Appendix A and B, RFC 7520 §3 keys, RFC 7638 thumbprints, round
//! trips for all five key types, what export may and may not contain, and every import check.
//!
//! Where the published keys come from, and how each is proven right:
//! - RFC 7517 Appendix A.1–A.3 and B, copied from the JSON in `latchset/jwcrypto`'s
//!   `jwcrypto/tests.py`, which quotes draft-ietf-jose-json-web-key-41, the text published as
//!   RFC 7517. Proofs: the A.1 RSA key has the RFC 7638 §3.1 thumbprint (byte-exact); the
//!   A.2 RSA key passes `rsa`'s consistency checks and its recomputed `dp`, `dq`, `qi` equal
//!   the published ones (byte-exact); the A.2 EC `d` derives the A.1 point; the A.3 HMAC key
//!   reproduces the RFC 7515 A.1 signature (byte-exact); the Appendix B modulus is found
//!   inside the DER certificate of its own `x5c`.
//! - RFC 7520 §3.1–§3.5, copied from the IETF JOSE working group's `ietf-jose/cookbook`
//!   (`jws/4_1.rsa_v15_signature.json`) and `jwcrypto/tests-cookbook.py`. Proofs: the §3.4
//!   private key reproduces the §4.1 RS256 signature and the §3.5 key the §4.4 HS256
//!   signature (both byte-exact); the §3.3 public key verifies §4.1; the thumbprint of the
//!   §3.1 P-521 key equals the one in golang.org/x/crypto's `acme` tests (computed there with
//!   `openssl dgst`).
//! - RFC 7638 §3.1: `NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs`.
//!
//! Tokens are always verified with a `FixedClock`.

use jwtcraft::codec;
use jwtcraft::{
    encode, Algorithm, Header, Hs256Key, Jwk, JwkSet, KeyError, KeySet, KeySetOptions, Segment,
    Signer, TypedVerifyingKey, UntrustedToken, Verifier,
};
use serde_json::{json, Map, Value};

use crate::common::alg::{for_each_algorithm, AlgFixture};
use crate::common::{validation, HS_SECRET, NOW};

// ---------------------------------------------------------------------------------------------
// Shared inputs and helpers
// ---------------------------------------------------------------------------------------------

/// An `exp` an hour after `NOW`.
const EXP: i64 = NOW + 3600;

/// Members that must never appear in a public JWK or a published JWK Set.
const PRIVATE_MEMBERS: [&str; 7] = ["d", "p", "q", "dp", "dq", "qi", "k"];

fn claims() -> Value {
    json!({"sub": "jwk-test", "exp": EXP})
}

/// Signs the test claims with `signer` and checks that `verifier` accepts the token.
#[track_caller]
fn assert_cross_verifies(signer: &dyn Signer, verifier: &dyn Verifier) {
    let token = encode(&Header::new(), &claims(), signer).expect("signing");
    let decoded = jwtcraft::decode::<Value>(&token, verifier, &validation())
        .unwrap_or_else(|e| panic!("{:?} token did not verify: {e}", signer.algorithm()));
    assert_eq!(decoded.claims()["sub"], "jwk-test");
}

/// Parses a JWK, panicking with the reason if it is not one.
#[track_caller]
fn jwk(json: &str) -> Jwk {
    Jwk::from_json(json).unwrap_or_else(|e| panic!("not a jwk: {e}"))
}

/// `value` written out as JSON text and parsed back.
#[track_caller]
fn through_json(value: &Jwk) -> Jwk {
    jwk(&serde_json::to_string(value).unwrap())
}

/// `copy` is `original` brought back from a private JWK: a deterministic key signs the same
/// token either way, and each one's public half verifies the other's tokens.
#[track_caller]
fn assert_same_signing_key(
    (original, original_public): (&dyn Signer, &dyn Verifier),
    (copy, copy_public): (&dyn Signer, &dyn Verifier),
) {
    let a = encode(&Header::new(), &claims(), original).unwrap();
    let b = encode(&Header::new(), &claims(), copy).unwrap();
    assert_eq!(a, b);
    assert_cross_verifies(copy, original_public);
    assert_cross_verifies(original, copy_public);
}

/// `base` (a JWK as JSON) with its members changed by `edit`.
#[track_caller]
fn edited(base: &str, edit: impl FnOnce(&mut Map<String, Value>)) -> Jwk {
    let mut value: Value = serde_json::from_str(base).unwrap();
    edit(value.as_object_mut().unwrap());
    jwk(&value.to_string())
}

/// The JWK as a JSON object, to look at members `Jwk` has no getter for.
fn members(jwk: &Jwk) -> Map<String, Value> {
    match serde_json::to_value(jwk).unwrap() {
        Value::Object(map) => map,
        other => panic!("a jwk serialized to {other}"),
    }
}

/// The key error of a failed import.
#[track_caller]
fn key_err<T: std::fmt::Debug>(result: Result<T, KeyError>) -> KeyError {
    match result {
        Err(e) => e,
        other => panic!("expected a KeyError, got {other:?}"),
    }
}

/// What a failed import found wrong when it is a `KeyError::JwkMismatch`: `(member,
/// expected)`. Any other key error comes back as its `Debug` text, for `assert_eq!` to show.
#[track_caller]
fn mismatch<T: std::fmt::Debug>(
    result: Result<T, KeyError>,
) -> Result<(&'static str, &'static str), String> {
    match key_err(result) {
        KeyError::JwkMismatch { member, expected } => Ok((member, expected)),
        other => Err(format!("{other:?}")),
    }
}

/// Asserts that `json` contains none of the private members, at any depth.
#[track_caller]
fn assert_no_private_members(json: &str) {
    fn walk(value: &Value, path: &str) {
        match value {
            Value::Object(map) => {
                for (name, inner) in map {
                    assert!(
                        !PRIVATE_MEMBERS.contains(&name.as_str()) && name != "oth",
                        "private member {name:?} at {path} in a public jwk"
                    );
                    walk(inner, &format!("{path}.{name}"));
                }
            }
            Value::Array(items) => {
                for (i, inner) in items.iter().enumerate() {
                    walk(inner, &format!("{path}[{i}]"));
                }
            }
            _ => {}
        }
    }
    walk(&serde_json::from_str(json).unwrap(), "$");
}

fn b64(text: &str) -> Vec<u8> {
    codec::decode(text, Segment::Payload).expect("published vectors are canonical base64url")
}

// ---------------------------------------------------------------------------------------------
// The JWK suite, run for every algorithm (`common::alg::for_each_algorithm!`)
// ---------------------------------------------------------------------------------------------

/// The kid the suite's keys carry.
const SUITE_KID: &str = "suite-1";

/// The signing key comes back from its private (or secret) JWK, written out as JSON and parsed
/// again, with its `kid`, and signs exactly as the original did.
fn private_jwk_round_trip<A: AlgFixture>() {
    let key = A::with_key_id(A::signer(), SUITE_KID);
    let exported = A::private_jwk(&key);
    let back = A::signer_from_jwk(&through_json(&exported)).unwrap();
    assert_eq!(A::private_jwk(&back), exported);
    assert_eq!(Signer::key_id(&back), Some(SUITE_KID));
    // A deterministic algorithm: both produce the same token; PSS: they cross-verify.
    if A::DETERMINISTIC {
        assert_same_signing_key(
            (&key, &A::verifying_key(&key)),
            (&back, &A::verifying_key(&back)),
        );
    } else {
        assert_cross_verifies(&back, &A::verifying_key(&key));
        assert_cross_verifies(&key, &A::verifying_key(&back));
    }
}

/// The verifying key comes back from its public JWK, which is also what the signing key
/// publishes and matches the fixture key. A symmetric key has no public JWK: its secret JWK is
/// never published.
fn public_jwk_round_trip<A: AlgFixture>() {
    let signer = A::with_key_id(A::signer(), SUITE_KID);
    let public = A::verifying_key(&signer);
    let Some(jwk) = A::public_jwk(&public) else {
        assert!(A::signer_public_jwk(&signer).is_none());
        let exported = A::private_jwk(&signer);
        assert!(exported.is_private());
        assert!(exported.to_public().is_none());
        let set = JwkSet::new().with_key(exported);
        let published = set.to_public_json();
        assert_eq!(published, r#"{"keys":[]}"#);
        assert_no_private_members(&published);
        return;
    };
    let back = A::verifier_from_jwk(&through_json(&jwk)).unwrap();
    assert_eq!(A::public_jwk(&back), Some(jwk.clone()));
    assert_eq!(A::signer_public_jwk(&signer), Some(jwk));
    assert_cross_verifies(&signer, &back);
    // The public JWK also matches the PEM fixture.
    assert_eq!(A::thumbprint(&A::verifier()), A::thumbprint(&back));
}

/// The private JWK has every private member (and no other algorithm's) and redacts them in
/// `Debug`; the public JWKs have none, and `to_public` strips them again.
fn private_members_only_on_explicit_request<A: AlgFixture>() {
    let key = A::with_key_id(A::signer(), SUITE_KID);
    let private = A::private_jwk(&key);
    assert!(private.is_private());
    let m = members(&private);
    for name in PRIVATE_MEMBERS {
        assert_eq!(
            m.contains_key(name),
            A::PRIVATE_MEMBERS.contains(&name),
            "private jwk and {name}"
        );
    }
    let debug = format!("{private:?}");
    for name in A::PRIVATE_MEMBERS {
        assert!(!debug.contains(m[*name].as_str().unwrap()), "{debug}");
    }
    assert!(debug.contains("[redacted]"));
    match (
        A::signer_public_jwk(&key),
        A::public_jwk(&A::verifying_key(&key)),
    ) {
        (Some(from_signer), Some(from_verifier)) => {
            for public in [&from_signer, &from_verifier] {
                assert!(!public.is_private());
                assert_no_private_members(&serde_json::to_string(public).unwrap());
            }
            // to_public of the private JWK strips them again.
            let stripped = private.to_public().unwrap();
            assert_eq!(stripped, from_signer);
            assert_no_private_members(&serde_json::to_string(&stripped).unwrap());
        }
        (None, None) => assert!(private.to_public().is_none()),
        other => panic!("a public jwk from one half only: {other:?}"),
    }
}

/// The JWK suite for one algorithm: `$module` is the module it writes, `$alg` the algorithm's
/// [`AlgFixture`].
macro_rules! jwk_suite {
    ($module:ident, $alg:ty) => {
        mod $module {
            type A = $alg;

            #[test]
            fn signing_key_round_trips_through_its_private_jwk() {
                super::private_jwk_round_trip::<A>();
            }

            #[test]
            fn verifying_key_round_trips_through_its_public_jwk() {
                super::public_jwk_round_trip::<A>();
            }

            #[test]
            fn private_members_only_on_explicit_request() {
                super::private_members_only_on_explicit_request::<A>();
            }
        }
    };
}

for_each_algorithm!(jwk_suite);

// ---------------------------------------------------------------------------------------------
// RFC 7515 A.1 (the signature the RFC 7517 A.3 HMAC key must reproduce)
// ---------------------------------------------------------------------------------------------

/// RFC 7515 A.1.1 signing input: header `{"typ":"JWT",\r\n "alg":"HS256"}`, then the payload.
const RFC7515_A1_SIGNING_INPUT: &str = concat!(
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9",
    ".",
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ",
);
/// RFC 7515 A.1.1 signature.
const RFC7515_A1_SIGNATURE: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

// ---------------------------------------------------------------------------------------------
// RFC 7517 Appendix A.3: symmetric keys
// ---------------------------------------------------------------------------------------------

/// RFC 7517 A.3, the JWK Set of two symmetric keys: an AES key-wrap key and the RFC 7515 A.1
/// HMAC key.
const RFC7517_A3: &str = r#"{"keys":
  [
    {"kty":"oct",
     "alg":"A128KW",
     "k":"GawgguFyGrWKav7AX4VKUg"},

    {"kty":"oct",
     "k":"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
     "kid":"HMAC key used in JWS A.1 example"}
  ]
}"#;

#[test]
fn rfc7517_a3_set_parses_both_keys() {
    let set = JwkSet::from_json(RFC7517_A3).unwrap();
    assert_eq!(set.keys().len(), 2);
    assert!(set.skipped().is_empty());
    assert_eq!(set.keys()[0].algorithm(), Some("A128KW"));
    assert_eq!(set.keys()[0].key_id(), None);
    assert_eq!(
        set.keys()[1].key_id(),
        Some("HMAC key used in JWS A.1 example")
    );
    assert!(set.keys().iter().all(Jwk::is_private));
    assert!(set.keys().iter().all(|k| k.to_public().is_none()));
}

#[test]
fn rfc7517_a3_a128kw_key_is_not_an_hs256_key() {
    let set = JwkSet::from_json(RFC7517_A3).unwrap();
    let a128kw = &set.keys()[0];
    // Its alg names another algorithm: refused before its (too short) secret is even looked at.
    assert_eq!(mismatch(Hs256Key::from_jwk(a128kw)), Ok(("alg", "HS256")));
    assert_eq!(
        mismatch(TypedVerifyingKey::from_jwk(a128kw)),
        Ok(("alg", "HS256, HS384 or HS512"))
    );
    // Even with alg removed, 16 bytes are too short for HS256 (RFC 7518 §3.2).
    let no_alg = edited(&serde_json::to_string(a128kw).unwrap(), |m| {
        m.remove("alg");
    });
    assert!(matches!(
        key_err(Hs256Key::from_jwk(&no_alg)),
        KeyError::HmacTooShort { len: 16, min: 32 }
    ));
}

#[test]
fn rfc7517_a3_hmac_key_reproduces_the_rfc7515_a1_signature() {
    let set = JwkSet::from_json(RFC7517_A3).unwrap();
    let key = Hs256Key::from_jwk(&set.keys()[1]).unwrap();
    assert_eq!(
        Signer::key_id(&key),
        Some("HMAC key used in JWS A.1 example")
    );
    let signature = key.sign(RFC7515_A1_SIGNING_INPUT.as_bytes()).unwrap();
    assert_eq!(codec::encode(&signature), RFC7515_A1_SIGNATURE);
    key.verify(
        RFC7515_A1_SIGNING_INPUT.as_bytes(),
        &b64(RFC7515_A1_SIGNATURE),
    )
    .unwrap();
}

#[test]
fn rfc7517_a3_symmetric_keys_in_a_key_set_are_refused_by_default() {
    let (keys, skipped) = KeySet::from_jwks_json(RFC7517_A3).unwrap();
    assert!(keys.keys().is_empty());
    assert_eq!(skipped.len(), 2);
    assert_eq!(skipped.iter().map(|s| s.index).collect::<Vec<_>>(), [0, 1]);
    assert!(skipped.iter().all(|s| s.reason.contains("symmetric")));
    assert_eq!(
        skipped[1].kid.as_deref(),
        Some("HMAC key used in JWS A.1 example")
    );
}

#[test]
fn rfc7517_a3_with_allow_symmetric_keeps_only_the_hmac_key() {
    let set = JwkSet::from_json(RFC7517_A3).unwrap();
    let (keys, skipped) = KeySet::from_jwk_set_with(&set, KeySetOptions::new().allow_symmetric());
    assert_eq!(keys.keys().len(), 1);
    assert!(matches!(keys.keys()[0], TypedVerifyingKey::Hs256(_)));
    assert_eq!(keys.keys()[0].algorithm(), Algorithm::Hs256);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].index, 0);
    assert_eq!(skipped[0].kid, None);
    assert!(skipped[0].reason.contains("alg"), "{}", skipped[0].reason);
}

// ---------------------------------------------------------------------------------------------
// RFC 7520 §3.5: symmetric key for HMAC
// ---------------------------------------------------------------------------------------------

/// RFC 7520 §3.5 (figure 5).
const RFC7520_3_5: &str = r#"{
  "kty": "oct",
  "kid": "018c0ae5-4d9b-471b-bfd6-eef314bc7037",
  "use": "sig",
  "alg": "HS256",
  "k": "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"
}"#;

/// RFC 7520 §4 payload, base64url (a Tolkien quote, not JSON).
const RFC7520_PAYLOAD_B64: &str = concat!(
    "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IH",
    "lvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBk",
    "b24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcm",
    "UgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4",
);

/// RFC 7520 §4.4.2 protected header `{"alg":"HS256","kid":"018c0ae5-…"}`.
const RFC7520_4_4_HEADER_B64: &str = concat!(
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LW",
    "VlZjMxNGJjNzAzNyJ9",
);
/// RFC 7520 §4.4.2 signature.
const RFC7520_4_4_SIGNATURE: &str = "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";

#[test]
fn rfc7520_3_5_symmetric_key_reproduces_the_4_4_signature() {
    let key = Hs256Key::from_jwk(&jwk(RFC7520_3_5)).unwrap();
    assert_eq!(
        Signer::key_id(&key),
        Some("018c0ae5-4d9b-471b-bfd6-eef314bc7037")
    );
    let token = format!("{RFC7520_4_4_HEADER_B64}.{RFC7520_PAYLOAD_B64}.{RFC7520_4_4_SIGNATURE}");
    let untrusted = UntrustedToken::parse(&token).unwrap();
    assert_eq!(untrusted.algorithm(), Algorithm::Hs256);
    assert_eq!(
        untrusted.header().key_id(),
        Some("018c0ae5-4d9b-471b-bfd6-eef314bc7037")
    );
    let signature = key.sign(untrusted.signing_input()).unwrap();
    assert_eq!(codec::encode(&signature), RFC7520_4_4_SIGNATURE);
    key.verify(untrusted.signing_input(), &untrusted.signature().unwrap())
        .unwrap();
    // The exported secret JWK is the published one, member for member.
    let exported = members(&key.to_secret_jwk());
    let published: Map<String, Value> = serde_json::from_str(RFC7520_3_5).unwrap();
    assert_eq!(exported, published);
}

// ---------------------------------------------------------------------------------------------
// HS256 (`oct`): members, thumbprint, import checks
// ---------------------------------------------------------------------------------------------

/// The round trip itself, and that a secret JWK is never published, are the `hs256` JWK suite.
#[test]
fn hs256_secret_jwk_members() {
    let key = Hs256Key::new(HS_SECRET).unwrap().with_key_id("hs-1");
    let m = members(&key.to_secret_jwk());
    assert_eq!(m["kty"], "oct");
    assert_eq!(m["alg"], "HS256");
    assert_eq!(m["use"], "sig");
    assert_eq!(m["kid"], "hs-1");
    assert_eq!(m["k"], codec::encode(HS_SECRET).as_str());
}

#[test]
fn hs256_thumbprint_is_independent_of_optional_members() {
    let key = Hs256Key::new(HS_SECRET).unwrap();
    let bare = key.to_secret_jwk();
    let decorated = key
        .clone()
        .with_key_id("some-kid")
        .to_secret_jwk()
        .for_signatures();
    let text = serde_json::to_string(&bare).unwrap();
    let with_ops = edited(&text, |m| {
        m.insert("key_ops".into(), json!(["sign", "verify"]));
        m.insert("x-extra".into(), json!({"nested": true}));
    });
    let thumbprint = bare.thumbprint().unwrap();
    assert_eq!(decorated.thumbprint().unwrap(), thumbprint);
    assert_eq!(with_ops.thumbprint().unwrap(), thumbprint);
    // RFC 7638 §3.2 for `oct`: SHA-256 of {"k":…,"kty":"oct"}.
    let canonical = format!(r#"{{"k":"{}","kty":"oct"}}"#, codec::encode(HS_SECRET));
    assert_eq!(thumbprint, sha256_b64(canonical.as_bytes()));
    // Usable as the kid: it survives the trip through the key.
    let with_tp = bare.clone().with_thumbprint_key_id().unwrap();
    assert_eq!(with_tp.key_id(), Some(thumbprint.as_str()));
    let imported = Hs256Key::from_jwk(&with_tp).unwrap();
    assert_eq!(Signer::key_id(&imported), Some(thumbprint.as_str()));
    assert_eq!(imported.to_secret_jwk().thumbprint().unwrap(), thumbprint);
}

/// SHA-256 then base64url, for checking a thumbprint against its definition. The crate's own
/// `sha2` dependency is reachable from tests.
fn sha256_b64(data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    codec::encode(&Sha256::digest(data))
}

#[test]
fn hs256_import_checks_of_kty_alg_use_and_key_ops() {
    let base = serde_json::to_string(&Hs256Key::new(HS_SECRET).unwrap().to_secret_jwk()).unwrap();
    let base = base.as_str();
    // kty
    let rsa_kty = edited(base, |m| {
        m.insert("kty".into(), json!("RSA"));
    });
    assert_eq!(mismatch(Hs256Key::from_jwk(&rsa_kty)), Ok(("kty", "oct")));
    // alg of another algorithm, including the same name in another case
    for alg in ["RS256", "HS384", "hs256", "none", "A128KW"] {
        let wrong = edited(base, |m| {
            m.insert("alg".into(), json!(alg));
        });
        assert_eq!(
            mismatch(Hs256Key::from_jwk(&wrong)),
            Ok(("alg", "HS256")),
            "alg {alg}"
        );
    }
    // use
    let enc = edited(base, |m| {
        m.insert("use".into(), json!("enc"));
    });
    assert_eq!(mismatch(Hs256Key::from_jwk(&enc)), Ok(("use", "sig")));
    // key_ops allowing neither sign nor verify, or nothing at all
    for ops in [json!(["encrypt", "decrypt"]), json!([])] {
        let wrong = edited(base, |m| {
            m.insert("key_ops".into(), ops.clone());
        });
        assert_eq!(
            mismatch(Hs256Key::from_jwk(&wrong)),
            Ok(("key_ops", "sign")),
            "key_ops {ops}"
        );
    }
    // key_ops allowing either is enough for a symmetric key
    for ops in [
        json!(["verify"]),
        json!(["sign"]),
        json!(["sign", "verify"]),
    ] {
        let fine = edited(base, |m| {
            m.insert("key_ops".into(), ops.clone());
        });
        Hs256Key::from_jwk(&fine).unwrap_or_else(|e| panic!("key_ops {ops}: {e}"));
    }
}

#[test]
fn hs256_import_checks_of_the_members() {
    let base = serde_json::to_string(&Hs256Key::new(HS_SECRET).unwrap().to_secret_jwk()).unwrap();
    let base = base.as_str();
    // duplicate key_ops (RFC 7517 §4.3: values MUST NOT be duplicated)
    let dup = edited(base, |m| {
        m.insert("key_ops".into(), json!(["sign", "verify", "sign"]));
    });
    assert!(matches!(
        key_err(Hs256Key::from_jwk(&dup)),
        KeyError::Jwk(reason) if reason.contains("duplicate")
    ));
    // missing k
    let no_k = edited(base, |m| {
        m.remove("k");
    });
    assert!(matches!(
        key_err(Hs256Key::from_jwk(&no_k)),
        KeyError::JwkMissingMember("k")
    ));
    // k that is not canonical unpadded base64url
    let canonical = codec::encode(HS_SECRET);
    for bad in [
        format!("{canonical}="),
        canonical.replace('-', "+").replace('_', "/") + "+/",
        format!(" {canonical}"),
        "not base64url!".to_owned(),
    ] {
        let wrong = edited(base, |m| {
            m.insert("k".into(), json!(bad));
        });
        assert!(
            matches!(
                key_err(Hs256Key::from_jwk(&wrong)),
                KeyError::JwkMissingMember("k")
            ),
            "k {bad:?}"
        );
    }
    // a secret below 32 bytes
    let short = edited(base, |m| {
        m.insert("k".into(), json!(codec::encode(&[7u8; 31])));
    });
    assert!(matches!(
        key_err(Hs256Key::from_jwk(&short)),
        KeyError::HmacTooShort { len: 31, min: 32 }
    ));
}

#[test]
fn jwk_json_that_is_not_a_jwk_is_refused() {
    for text in [
        "",
        "[]",
        "null",
        r#"{"k":"AAAA"}"#,
        r#"{"kty":42}"#,
        r#"{"kty":"oct","use":5}"#,
        r#"{"kty":"oct","key_ops":"sign"}"#,
        r#"{"kty":"oct","k":7}"#,
        r#"{"kty":"oct""#,
        // RFC 7517 §4: member names MUST be unique; a member this crate reads, repeated, is
        // refused rather than resolved.
        r#"{"kty":"oct","k":"AAAA","k":"BBBB"}"#,
        r#"{"kty":"oct","kty":"RSA"}"#,
    ] {
        assert!(
            matches!(key_err(Jwk::from_json(text)), KeyError::Jwk(_)),
            "{text:?}"
        );
    }
    // A null member reads as absent (serde's `Option`), so the import names it as missing.
    let null_k = jwk(r#"{"kty":"oct","k":null}"#);
    assert!(matches!(
        key_err(Hs256Key::from_jwk(&null_k)),
        KeyError::JwkMissingMember("k")
    ));
}

#[test]
fn debug_of_a_secret_jwk_is_redacted() {
    let exported = Hs256Key::new(HS_SECRET)
        .unwrap()
        .with_key_id("hs-1")
        .to_secret_jwk();
    let k = codec::encode(HS_SECRET);
    let debug = format!("{exported:?}");
    assert!(debug.contains("[redacted]"), "{debug}");
    assert!(debug.contains("hs-1"), "{debug}");
    assert!(!debug.contains(&k), "{debug}");
    assert!(!debug.contains(&k[..12]), "{debug}");
    let pretty = format!("{exported:#?}");
    assert!(!pretty.contains(&k[..12]), "{pretty}");
}

#[test]
fn unsupported_kty_has_no_thumbprint_and_no_key() {
    // The key type of the ML-DSA drafts, which this crate does not implement.
    let akp = jwk(r#"{"kty":"AKP","alg":"ML-DSA-44","pub":"AAAA"}"#);
    assert!(matches!(key_err(akp.thumbprint()), KeyError::Jwk(_)));
    assert!(matches!(
        key_err(TypedVerifyingKey::from_jwk(&akp)),
        KeyError::Jwk(_)
    ));
    assert_eq!(mismatch(Hs256Key::from_jwk(&akp)), Ok(("kty", "oct")));
}

// ---------------------------------------------------------------------------------------------
// RSA
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "rsa")]
mod rsa {
    use super::*;
    use jwtcraft::{Rs256SigningKey, Rs256VerifyingKey};

    /// RFC 7517 A.1 and RFC 7638 §3.1 RSA modulus (kid "2011-04-29").
    const RFC7517_RSA_N: &str = concat!(
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJEC",
        "PebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2Qvz",
        "qY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZ",
        "u0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
    );

    /// RFC 7638 §3.1: the thumbprint of the RFC 7517 A.1 RSA key.
    const RFC7638_THUMBPRINT: &str = "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs";

    /// RFC 7517 A.1 RSA public key (the second key of the A.1 set).
    fn rfc7517_a1_rsa() -> String {
        json!({"kty": "RSA", "n": RFC7517_RSA_N, "e": "AQAB", "alg": "RS256", "kid": "2011-04-29"})
            .to_string()
    }

    /// RFC 7517 A.2 RSA private key: the A.1 key with its private members.
    fn rfc7517_a2_rsa() -> String {
        json!({
            "kty": "RSA",
            "n": RFC7517_RSA_N,
            "e": "AQAB",
            "d": concat!(
                "X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx5oo7GURknchnrRweUkC7hT5fJLM0Wb",
                "FAKNLWY2vv7B6NqXSzUvxT0_YSfqijwp3RTzlBaCxWp4doFk5N2o8Gy_nHNKroADIkJ46pRUohsXywbReAdYaMwF",
                "s9tv8d_cPVY3i07a3t8MN6TNwm0dSawm9v47UiCl3Sk5ZiG7xojPLu4sbg1U2jx4IBTNBznbJSzFHK66jT8bgkuq",
                "sk0GjskDJk19Z4qwjwbsnn4j2WBii3RL-Us2lGVkY8fkFzme1z0HbIkfz0Y6mqnOYtqc0X4jfcKoAC8Q",
            ),
            "p": concat!(
                "83i-7IvMGXoMXCskv73TKr8637FiO7Z27zv8oj6pbWUQyLPQBQxtPVnwD20R-60eTDmD2ujnMt5PoqMrm8RfmN",
                "hVWDtjjMmCMjOpSXicFHj7XOuVIYQyqVWlWEh6dN36GVZYk93N8Bc9vY41xy8B9RzzOGVQzXvNEvn7O0nVbfs",
            ),
            "q": concat!(
                "3dfOR9cuYq-0S-mkFLzgItgMEfFzB2q3hWehMuG0oCuqnb3vobLyumqjVZQO1dIrdwgTnCdpYzBcOfW5r370AF",
                "XjiWft_NGEiovonizhKpo9VVS78TzFgxkIdrecRezsZ-1kYd_s1qDbxtkDEgfAITAG9LUnADun4vIcb6yelxk",
            ),
            "dp": concat!(
                "G4sPXkc6Ya9y8oJW9_ILj4xuppu0lzi_H7VTkS8xj5SdX3coE0oimYwxIi2emTAue0UOa5dpgFGyBJ4c8tQ2VF",
                "402XRugKDTP8akYhFo5tAA77Qe_NmtuYZc3C3m3I24G2GvR5sSDxUyAN2zq8Lfn9EUms6rY3Ob8YeiKkTiBj0",
            ),
            "dq": concat!(
                "s9lAH9fggBsoFR8Oac2R_E2gw282rT2kGOAhvIllETE1efrA6huUUvMfBcMpn8lqeW6vzznYY5SSQF7pMdC_ag",
                "I3nG8Ibp1BUb0JUiraRNqUfLhcQb_d9GF4Dh7e74WbRsobRonujTYN1xCaP6TO61jvWrX-L18txXw494Q_cgk",
            ),
            "qi": concat!(
                "GyM_p6JrXySiz1toFgKbWV-JdI3jQ4ypu9rbMWx3rQJBfmt0FoYzgUIZEVFEcOqwemRN81zoDAaa-Bk0KWNGDj",
                "JHZDdDmFhW3AN7lI-puxk_mHZGJ11rxyR8O55XLSe3SPmRfKwZI6yU24ZxvQKFYItdldUKGzO6Ia6zTKhAVRU",
            ),
            "alg": "RS256",
            "kid": "2011-04-29"
        })
        .to_string()
    }

    /// RFC 7517 Appendix B: an RSA key with its X.509 chain in `x5c` (standard base64, not
    /// base64url, RFC 7517 §4.7).
    const RFC7517_B: &str = concat!(
        r#"{"kty":"RSA","use":"sig","kid":"1b94c","n":""#,
        "vrjOfz9Ccdgx5nQudyhdoR17V-IubWMeOZCwX_jj0hgAsz2J_pqYW08PLbK_PdiVGKPrqzmDIsLI7sA25VEnHU1uCL",
        "NwBuUiCO11_-7dYbsr4iJmG0Qu2j8DsVyT1azpJC_NG84Ty5KKthuCaPod7iI7w0LK9orSMhBEwwZDCxTWq4aYWAch",
        "c8t-emd9qOvWtVMDC2BXksRngh6X5bUYLy6AyHKvj-nUy1wgzjYQDwHMTplCoLtU-o-8SNnZ1tmRoGE9uJkBLdh5gF",
        "ENabWnU5m1ZqZPdwS-qo-meMvVfJb6jJVWRpl2SUtCnYG2C32qvbWbjZ_jBPD5eunqsIo1vQ",
        r#"","e":"AQAB","x5c":[""#,
        "MIIDQjCCAiqgAwIBAgIGATz/FuLiMA0GCSqGSIb3DQEBBQUAMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0G",
        "A1UEBxMGRGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDAe",
        "Fw0xMzAyMjEyMzI5MTVaFw0xODA4MTQyMjI5MTVaMGIxCzAJBgNVBAYTAlVTMQswCQYDVQQIEwJDTzEPMA0GA1UEBxMG",
        "RGVudmVyMRwwGgYDVQQKExNQaW5nIElkZW50aXR5IENvcnAuMRcwFQYDVQQDEw5CcmlhbiBDYW1wYmVsbDCCASIwDQYJ",
        "KoZIhvcNAQEBBQADggEPADCCAQoCggEBAL64zn8/QnHYMeZ0LncoXaEde1fiLm1jHjmQsF/449IYALM9if6amFtPDy2y",
        "vz3YlRij66s5gyLCyO7ANuVRJx1NbgizcAblIgjtdf/u3WG7K+IiZhtELto/A7Fck9Ws6SQvzRvOE8uSirYbgmj6He4i",
        "O8NCyvaK0jIQRMMGQwsU1quGmFgHIXPLfnpnfajr1rVTAwtgV5LEZ4Iel+W1GC8ugMhyr4/p1MtcIM42EA8BzE6ZQqC7",
        "VPqPvEjZ2dbZkaBhPbiZAS3YeYBRDWm1p1OZtWamT3cEvqqPpnjL1XyW+oyVVkaZdklLQp2Btgt9qr21m42f4wTw+Xrp",
        "6rCKNb0CAwEAATANBgkqhkiG9w0BAQUFAAOCAQEAh8zGlfSlcI0o3rYDPBB07aXNswb4ECNIKG0CETTUxmXl9KUL+9gG",
        "lqCz5iWLOgWsnrcKcY0vXPG9J1r9AqBNTqNgHq2G03X09266X5CpOe1zFo+Owb1zxtp3PehFdfQJ610CDLEaS9V9Rqp1",
        "7hCyybEpOGVwe8fnk+fbEL2Bo3UPGrpsHzUoaGpDftmWssZkhpBJKVMJyf/RuP2SmmaIzmnw9JiSlYhzo4tpzd5rFXhj",
        "Rbg4zW9C+2qok+2+qDM1iJ684gPHMIY8aLWrdgQTxkumGmTqgawR+N5MDtdPTEQ0XfIBc2cJEUyMTY5MPvACWpkA6SdS",
        "4xSvdXK3IVfOWA==",
        r#""]}"#,
    );

    /// RFC 7520 §3.3 RSA public key (figure 3).
    const RFC7520_3_3: &str = concat!(
        r#"{"kty":"RSA","kid":"bilbo.baggins@hobbiton.example","use":"sig","n":""#,
        "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmS",
        "CpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-Of",
        "VfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKw",
        "uCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw",
        r#"","e":"AQAB"}"#,
    );

    /// RFC 7520 §3.4 RSA private key (figure 4).
    fn rfc7520_3_4() -> String {
        let mut key: Map<String, Value> = serde_json::from_str(RFC7520_3_3).unwrap();
        for (name, value) in [
            ("d", concat!(
                "bWUC9B-EFRIo8kpGfh0ZuyGPvMNKvYWNtB_ikiH9k20eT-O1q_I78eiZkpXxXQ0UTEs2LsNRS-8uJbvQ-A1irkwMSMkK",
                "1J3XTGgdrhCku9gRldY7sNA_AKZGh-Q661_42rINLRCe8W-nZ34ui_qOfkLnK9QWDDqpaIsA-bMwWWSDFu2MUBYwkHTM",
                "EzLYGqOe04noqeq1hExBTHBOBdkMXiuFhUq1BU6l-DqEiWxqg82sXt2h-LMnT3046AOYJoRioz75tSUQfGCshWTBnP5u",
                "Djd18kKhyv07lhfSJdrPdM5Plyl21hsFf4L_mHCuoFau7gdsPfHPxxjVOcOpBrQzwQ",
            )),
            ("p", concat!(
                "3Slxg_DwTXJcb6095RoXygQCAZ5RnAvZlno1yhHtnUex_fp7AZ_9nRaO7HX_-SFfGQeutao2TDjDAWU4Vupk8rw9JR0A",
                "zZ0N2fvuIAmr_WCsmGpeNqQnev1T7IyEsnh8UMt-n5CafhkikzhEsrmndH6LxOrvRJlsPp6Zv8bUq0k",
            )),
            ("q", concat!(
                "uKE2dh-cTf6ERF4k4e_jy78GfPYUIaUyoSSJuBzp3Cubk3OCqs6grT8bR_cu0Dm1MZwWmtdqDyI95HrUeq3MP15vMMON",
                "8lHTeZu2lmKvwqW7anV5UzhM1iZ7z4yMkuUwFWoBvyY898EXvRD-hdqRxHlSqAZ192zB3pVFJ0s7pFc",
            )),
            ("dp", concat!(
                "B8PVvXkvJrj2L-GYQ7v3y9r6Kw5g9SahXBwsWUzp19TVlgI-YV85q1NIb1rxQtD-IsXXR3-TanevuRPRt5OBOdiMGQp8",
                "pbt26gljYfKU_E9xn-RULHz0-ed9E9gXLKD4VGngpz-PfQ_q29pk5xWHoJp009Qf1HvChixRX59ehik",
            )),
            ("dq", concat!(
                "CLDmDGduhylc9o7r84rEUVn7pzQ6PF83Y-iBZx5NT-TpnOZKF1pErAMVeKzFEl41DlHHqqBLSM0W1sOFbwTxYWZDm6sI",
                "6og5iTbwQGIC3gnJKbi_7k_vJgGHwHxgPaX2PnvP-zyEkDERuf-ry4c_Z11Cq9AqC2yeL6kdKT1cYF8",
            )),
            ("qi", concat!(
                "3PiqvXQN0zwMeE-sBvZgi289XP9XCQF3VWqPzMKnIgQp7_Tugo6-NZBKCQsMf3HaEGBjTVJs_jcK8-TRXvaKe-7ZMaQj",
                "8VfBdYkssbu0NKDDhjJ-GtiseaDVWt7dcH0cfwxgFUHpQh7FoCrjFJ6h6ZEpMF6xmujs4qMpPz8aaI4",
            )),
        ] {
            key.insert(name.into(), json!(value));
        }
        Value::Object(key).to_string()
    }

    /// RFC 7520 §4.1.2 protected header `{"alg":"RS256","kid":"bilbo.baggins@hobbiton.example"}`.
    const RFC7520_4_1_HEADER_B64: &str =
        "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
    /// RFC 7520 §4.1.2 signature.
    const RFC7520_4_1_SIGNATURE: &str = concat!(
        "MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmKZopdHM1O2U4mwzJdQx996ivp83xugl",
        "II7PNDi84wnB-BDkoBwA78185hX-Es4JIwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x",
        "8wW1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluPxUAhb6L2aXic1U12podGU0KLUQSE",
        "_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_fcIe8u9ipH84ogoree7vjbU5y18kDquDg",
    );

    /// A 1024-bit key: `tests/data/rsa1024-private-pkcs8.pem` as JWK members (written out with
    /// Python's `cryptography` from that file).
    const RSA1024_N: &str = concat!(
        "xD-w0KaTsXQyxtJaZDbf4FGeuQ_HL7r6xTdvtxdnIbfp5f7qOGQ6WxlGSNYfJU7zwGXLjSZpSQG3HSuHHf9Cir1NwY",
        "3dqJPcgf17XRyiV64mvUBIovRL9S5oLPISdSQu_IMWtNLXH8jdABKHJuVx0m5F6k416dxtX0r0ZOuaP4s",
    );
    const RSA1024_D: &str = concat!(
        "HvW5TEFrPWyKcilPT04E5ZuawbFGiDYkR6amPik4AO7FvJ4Jj1nohuSm3OjCwx0AgVLN2Pe9VmIp5DUwvL-_XGKKnb",
        "iuSCv_MVtYegUzZIyh-NFaoboxeVKSTFGOk3Idp2tItSaynLDBY-X3FwKC1zfW5P3Q7xYLmMe8ge2gMfk",
    );
    const RSA1024_P: &str =
        "_4VUm_shCGWd1En7KTMuEOJPTkl1VaCo7KWBTuDgWFRqCywYtgMuQliztqjLsi2I7yEMSI0DeK2DFgod60IVHQ";
    const RSA1024_Q: &str =
        "xJ3ns10_KaBOl-0uzbBWs-kNOOZqYv22k-zwhmyo9YYAW4mi776jxJ1KUddAJZPsh0mXaXi-NCSEMwBfQ3FOxw";

    // --- RFC 7517 A.1 / A.2 and RFC 7638 ------------------------------------------------------

    #[test]
    fn rfc7638_3_1_thumbprint_of_the_rfc7517_a1_rsa_key() {
        let published = jwk(&rfc7517_a1_rsa());
        assert_eq!(published.thumbprint().unwrap(), RFC7638_THUMBPRINT);
        let key = Rs256VerifyingKey::from_jwk(&published).unwrap();
        assert_eq!(key.thumbprint(), RFC7638_THUMBPRINT);
        assert_eq!(key.modulus_bits(), 2048);
        assert_eq!(Verifier::key_id(&key), Some("2011-04-29"));
        // RFC 7638 §3.1 spells out the hash input; hashing it ourselves gives the same value.
        let input = format!(r#"{{"e":"AQAB","kty":"RSA","n":"{RFC7517_RSA_N}"}}"#);
        assert_eq!(sha256_b64(input.as_bytes()), RFC7638_THUMBPRINT);
        // The thumbprint as kid.
        let with_tp = published.with_thumbprint_key_id().unwrap();
        assert_eq!(with_tp.key_id(), Some(RFC7638_THUMBPRINT));
        assert_eq!(with_tp.thumbprint().unwrap(), RFC7638_THUMBPRINT);
    }

    #[test]
    fn rfc7517_a1_rsa_key_exports_as_published() {
        let key = Rs256VerifyingKey::from_jwk(&jwk(&rfc7517_a1_rsa())).unwrap();
        let exported = members(&key.to_jwk());
        assert_eq!(exported["n"], RFC7517_RSA_N);
        assert_eq!(exported["e"], "AQAB");
        assert_eq!(exported["alg"], "RS256");
        assert_eq!(exported["kid"], "2011-04-29");
        assert_eq!(exported["use"], "sig");
    }

    #[test]
    fn rfc7517_a2_rsa_private_key_imports_and_its_crt_members_are_recomputed_exactly() {
        let published = jwk(&rfc7517_a2_rsa());
        assert!(published.is_private());
        let key = Rs256SigningKey::from_jwk(&published).unwrap();
        assert_eq!(Signer::key_id(&key), Some("2011-04-29"));
        assert_eq!(key.verifying_key().thumbprint(), RFC7638_THUMBPRINT);
        // `from_jwk` ignores dp/dq/qi and recomputes them; they must come out as published.
        let exported = members(&key.to_private_jwk());
        let expected = members(&published);
        for name in ["n", "e", "d", "p", "q", "dp", "dq", "qi", "kid", "alg"] {
            assert_eq!(exported[name], expected[name], "member {name}");
        }
        // The A.2 private key signs, the A.1 public key verifies.
        let public = Rs256VerifyingKey::from_jwk(&jwk(&rfc7517_a1_rsa())).unwrap();
        assert_cross_verifies(&key, &public);
    }

    #[test]
    fn rfc7517_a1_set_as_a_key_set_keeps_the_rsa_key_and_reports_the_enc_key() {
        let set = format!(
            r#"{{"keys":[{},{}]}}"#,
            ec_rfc7517_a1_public(),
            rfc7517_a1_rsa()
        );
        let parsed = JwkSet::from_json(&set).unwrap();
        assert_eq!(parsed.keys().len(), 2);
        assert!(parsed.skipped().is_empty());
        assert!(parsed.find("2011-04-29").is_some());
        assert_eq!(parsed.find("1").unwrap().key_type(), "EC");

        let (keys, skipped) = KeySet::from_jwks_json(&set).unwrap();
        #[cfg(feature = "ecdsa")]
        {
            // The EC key is an encryption key ("use":"enc"): not usable to verify.
            assert_eq!(skipped.len(), 1, "{skipped:?}");
            assert_eq!(skipped[0].index, 0);
            assert_eq!(skipped[0].kid.as_deref(), Some("1"));
            assert!(skipped[0].reason.contains("use"), "{}", skipped[0].reason);
        }
        #[cfg(not(feature = "ecdsa"))]
        assert_eq!(skipped.len(), 1);
        assert_eq!(keys.keys().len(), 1);
        assert!(matches!(keys.keys()[0], TypedVerifyingKey::Rs256(_)));
        assert_eq!(keys.keys()[0].key_id(), Some("2011-04-29"));
    }

    /// The RFC 7517 A.1 EC key, for the mixed set above (also defined, and proven, in `ec`).
    fn ec_rfc7517_a1_public() -> &'static str {
        r#"{"kty":"EC","crv":"P-256","x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4","y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM","use":"enc","kid":"1"}"#
    }

    // --- RFC 7517 Appendix B ------------------------------------------------------------------

    #[test]
    fn rfc7517_b_x5c_key_parses_and_keeps_x5c_as_unused_data() {
        use base64::Engine as _;
        let published = jwk(RFC7517_B);
        assert_eq!(published.key_id(), Some("1b94c"));
        assert_eq!(published.public_key_use(), Some("sig"));
        let chain = published.other("x5c").and_then(Value::as_array).unwrap();
        assert_eq!(chain.len(), 1);

        let key = Rs256VerifyingKey::from_jwk(&published).unwrap();
        assert_eq!(key.modulus_bits(), 2048);
        assert_eq!(Verifier::key_id(&key), Some("1b94c"));

        // The JWK's modulus is the certificate's: its bytes appear in the DER of x5c[0].
        let der = base64::engine::general_purpose::STANDARD
            .decode(chain[0].as_str().unwrap())
            .unwrap();
        let n = b64(members(&published)["n"].as_str().unwrap());
        assert_eq!(n.len(), 256);
        assert!(der.windows(n.len()).any(|w| w == n.as_slice()));

        // x5c is kept by the Jwk (public, so it survives `to_public`), never used for trust,
        // and not invented on export from the key.
        assert_eq!(
            published.to_public().unwrap().other("x5c"),
            published.other("x5c")
        );
        assert!(!members(&key.to_jwk()).contains_key("x5c"));
        // Optional members do not change the thumbprint.
        let bare = edited(RFC7517_B, |m| {
            m.retain(|name, _| ["kty", "n", "e"].contains(&name.as_str()));
        });
        assert_eq!(published.thumbprint().unwrap(), bare.thumbprint().unwrap());
        assert_eq!(key.thumbprint(), bare.thumbprint().unwrap());
    }

    // --- RFC 7520 §3.3 / §3.4 -----------------------------------------------------------------

    fn rfc7520_4_1_token() -> String {
        format!("{RFC7520_4_1_HEADER_B64}.{RFC7520_PAYLOAD_B64}.{RFC7520_4_1_SIGNATURE}")
    }

    #[test]
    fn rfc7520_3_3_public_key_verifies_4_1() {
        let key = Rs256VerifyingKey::from_jwk(&jwk(RFC7520_3_3)).unwrap();
        assert_eq!(
            Verifier::key_id(&key),
            Some("bilbo.baggins@hobbiton.example")
        );
        let token = rfc7520_4_1_token();
        let untrusted = UntrustedToken::parse(&token).unwrap();
        key.verify(untrusted.signing_input(), &untrusted.signature().unwrap())
            .unwrap();
        // And through a key set, selected by the token's kid.
        let (keys, skipped) =
            KeySet::from_jwks_json(&format!(r#"{{"keys":[{RFC7520_3_3}]}}"#)).unwrap();
        assert!(skipped.is_empty());
        let selected = keys.select(&untrusted).unwrap();
        selected
            .verify(untrusted.signing_input(), &untrusted.signature().unwrap())
            .unwrap();
    }

    #[test]
    fn rfc7520_3_4_private_key_reproduces_the_4_1_signature() {
        let published = jwk(&rfc7520_3_4());
        let key = Rs256SigningKey::from_jwk(&published).unwrap();
        let token = rfc7520_4_1_token();
        let untrusted = UntrustedToken::parse(&token).unwrap();
        let signature = key.sign(untrusted.signing_input()).unwrap();
        assert_eq!(codec::encode(&signature), RFC7520_4_1_SIGNATURE);
        // The recomputed CRT members equal the published ones.
        let exported = members(&key.to_private_jwk());
        let expected = members(&published);
        for name in ["n", "e", "d", "p", "q", "dp", "dq", "qi", "kid", "use"] {
            assert_eq!(exported[name], expected[name], "member {name}");
        }
        // Public halves agree.
        let public = Rs256VerifyingKey::from_jwk(&jwk(RFC7520_3_3)).unwrap();
        assert_eq!(key.verifying_key().thumbprint(), public.thumbprint());
        assert_eq!(
            published.to_public().unwrap().thumbprint().unwrap(),
            public.thumbprint()
        );
    }

    // --- thumbprints (round trips and export: the `rs256` JWK suite) ----------------------------

    #[test]
    fn rs256_thumbprint_is_stable_and_independent_of_optional_members() {
        let key = crate::common::rs_signing();
        let thumbprint = key.verifying_key().thumbprint();
        let private = key.to_private_jwk();
        assert_eq!(private.thumbprint().unwrap(), thumbprint);
        assert_eq!(key.to_public_jwk().thumbprint().unwrap(), thumbprint);
        let decorated = edited(&serde_json::to_string(&private).unwrap(), |m| {
            m.insert("kid".into(), json!("whatever"));
            m.insert("key_ops".into(), json!(["sign"]));
            m.insert("x5t#S256".into(), json!("not-a-real-hash"));
            m.remove("alg");
            m.remove("use");
        });
        assert_eq!(decorated.thumbprint().unwrap(), thumbprint);
        let reimported = Rs256SigningKey::from_jwk(&decorated).unwrap();
        assert_eq!(reimported.verifying_key().thumbprint(), thumbprint);
        // As a kid.
        let with_tp = key.clone().with_key_id(thumbprint.clone());
        let published = with_tp.to_public_jwk();
        assert_eq!(published.key_id(), Some(thumbprint.as_str()));
        let keys = KeySet::new().with_key(Rs256VerifyingKey::from_jwk(&published).unwrap());
        let token = encode(&Header::new(), &claims(), &with_tp).unwrap();
        keys.decode::<Value>(&token, &validation()).unwrap();
    }

    #[test]
    fn multi_prime_rsa_is_refused_and_oth_is_not_published() {
        let base = rfc7520_3_4();
        let multi = edited(&base, |m| {
            m.insert(
                "oth".into(),
                json!([{"r": "AQAB", "d": "AQAB", "t": "AQAB"}]),
            );
        });
        assert!(matches!(
            key_err(Rs256SigningKey::from_jwk(&multi)),
            KeyError::Jwk(reason) if reason.contains("multi-prime")
        ));
        let public = multi.to_public().unwrap();
        assert!(public.other("oth").is_none());
        assert_no_private_members(&serde_json::to_string(&public).unwrap());
        let set = JwkSet::new().with_key(multi);
        assert_no_private_members(&set.to_public_json());
    }

    #[test]
    fn debug_of_a_private_rsa_jwk_is_redacted() {
        let published = jwk(&rfc7520_3_4());
        let debug = format!("{published:?}");
        let m = members(&published);
        for name in ["d", "p", "q", "dp", "dq", "qi"] {
            let secret = m[name].as_str().unwrap();
            assert!(!debug.contains(&secret[..16]), "{name} in {debug}");
        }
        assert!(debug.contains("[redacted]"));
        assert!(debug.contains("bilbo.baggins@hobbiton.example"));
    }

    #[test]
    fn debug_of_a_jwk_redacts_oth() {
        let secret_prime = "c2VjcmV0LXByaW1lLXZhbHVlLW5ldmVyLXByaW50ZWQ";
        let multi = edited(&rfc7520_3_4(), |m| {
            m.insert(
                "oth".into(),
                json!([{"r": secret_prime, "d": secret_prime, "t": secret_prime}]),
            );
        });
        let debug = format!("{multi:?}");
        assert!(!debug.contains(secret_prime), "{debug}");
    }

    // --- import checks -------------------------------------------------------------------------

    #[test]
    fn rsa_wrong_kty_is_refused() {
        let ec_kty = edited(RFC7520_3_3, |m| {
            m.insert("kty".into(), json!("EC"));
        });
        assert_eq!(
            mismatch(Rs256VerifyingKey::from_jwk(&ec_kty)),
            Ok(("kty", "RSA"))
        );
        // An RSA public key can never become an HMAC secret (the classic confusion attack).
        assert_eq!(
            mismatch(Hs256Key::from_jwk(&jwk(RFC7520_3_3))),
            Ok(("kty", "oct"))
        );
        let oct = jwk(RFC7520_3_5);
        assert_eq!(
            mismatch(Rs256VerifyingKey::from_jwk(&oct)),
            Ok(("kty", "RSA"))
        );
        assert_eq!(
            mismatch(Rs256SigningKey::from_jwk(&oct)),
            Ok(("kty", "RSA"))
        );
    }

    #[test]
    fn rsa_alg_of_another_algorithm_is_refused() {
        let private = rfc7520_3_4();
        for alg in ["ES256", "PS256", "RS384", "HS256", "rs256", "RSA-OAEP", ""] {
            let public = edited(RFC7520_3_3, |m| {
                m.insert("alg".into(), json!(alg));
            });
            assert_eq!(
                mismatch(Rs256VerifyingKey::from_jwk(&public)),
                Ok(("alg", "RS256")),
                "alg {alg:?}"
            );
            // The key set's own choice follows `alg` among the six RSA algorithms, and
            // refuses any other name.
            match TypedVerifyingKey::from_jwk(&public) {
                Ok(key) => assert_eq!(key.algorithm().name(), alg),
                Err(err) => assert_eq!(
                    mismatch(Err::<(), _>(err)),
                    Ok(("alg", "RS256, RS384, RS512, PS256, PS384 or PS512")),
                    "alg {alg:?}"
                ),
            }
            let private = edited(&private, |m| {
                m.insert("alg".into(), json!(alg));
            });
            assert_eq!(
                mismatch(Rs256SigningKey::from_jwk(&private)),
                Ok(("alg", "RS256")),
                "alg {alg:?}"
            );
        }
        // A JWK naming RS256 becomes an RS256 key and nothing else.
        let rs256 = edited(RFC7520_3_3, |m| {
            m.insert("alg".into(), json!("RS256"));
        });
        assert_eq!(
            TypedVerifyingKey::from_jwk(&rs256).unwrap().algorithm(),
            Algorithm::Rs256
        );
        // And without alg, the key type decides: still RS256 only.
        assert_eq!(
            TypedVerifyingKey::from_jwk(&jwk(RFC7520_3_3))
                .unwrap()
                .algorithm(),
            Algorithm::Rs256
        );
    }

    #[test]
    fn rsa_use_enc_is_refused() {
        let public = edited(RFC7520_3_3, |m| {
            m.insert("use".into(), json!("enc"));
        });
        assert_eq!(
            mismatch(Rs256VerifyingKey::from_jwk(&public)),
            Ok(("use", "sig"))
        );
        let private = edited(&rfc7520_3_4(), |m| {
            m.insert("use".into(), json!("enc"));
        });
        assert_eq!(
            mismatch(Rs256SigningKey::from_jwk(&private)),
            Ok(("use", "sig"))
        );
    }

    #[test]
    fn rsa_key_ops_must_allow_the_operation() {
        for ops in [json!(["sign"]), json!(["encrypt", "wrapKey"]), json!([])] {
            let public = edited(RFC7520_3_3, |m| {
                m.insert("key_ops".into(), ops.clone());
            });
            assert_eq!(
                mismatch(Rs256VerifyingKey::from_jwk(&public)),
                Ok(("key_ops", "verify")),
                "key_ops {ops}"
            );
        }
        for ops in [json!(["verify"]), json!(["decrypt"]), json!([])] {
            let private = edited(&rfc7520_3_4(), |m| {
                m.insert("key_ops".into(), ops.clone());
            });
            assert_eq!(
                mismatch(Rs256SigningKey::from_jwk(&private)),
                Ok(("key_ops", "sign")),
                "key_ops {ops}"
            );
        }
        // Allowed.
        let verify = edited(RFC7520_3_3, |m| {
            m.insert("key_ops".into(), json!(["verify"]));
        });
        Rs256VerifyingKey::from_jwk(&verify).unwrap();
        let sign = edited(&rfc7520_3_4(), |m| {
            m.insert("key_ops".into(), json!(["sign", "verify"]));
        });
        Rs256SigningKey::from_jwk(&sign).unwrap();
        // Duplicates.
        let dup = edited(RFC7520_3_3, |m| {
            m.insert("key_ops".into(), json!(["verify", "verify"]));
        });
        assert!(matches!(
            key_err(Rs256VerifyingKey::from_jwk(&dup)),
            KeyError::Jwk(reason) if reason.contains("duplicate")
        ));
    }

    #[test]
    fn rsa_missing_members_are_named() {
        for name in ["n", "e"] {
            let public = edited(RFC7520_3_3, |m| {
                m.remove(name);
            });
            assert!(
                matches!(
                    key_err(Rs256VerifyingKey::from_jwk(&public)),
                    KeyError::JwkMissingMember(missing) if missing == name
                ),
                "without {name}"
            );
        }
        for name in ["n", "e", "d", "p", "q"] {
            let private = edited(&rfc7520_3_4(), |m| {
                m.remove(name);
            });
            assert!(
                matches!(
                    key_err(Rs256SigningKey::from_jwk(&private)),
                    KeyError::JwkMissingMember(missing) if missing == name
                ),
                "without {name}"
            );
        }
        // dp, dq and qi are recomputed, so a key without them still imports.
        let minimal = edited(&rfc7520_3_4(), |m| {
            for name in ["dp", "dq", "qi"] {
                m.remove(name);
            }
        });
        let key = Rs256SigningKey::from_jwk(&minimal).unwrap();
        assert_eq!(
            members(&key.to_private_jwk())["qi"],
            members(&jwk(&rfc7520_3_4()))["qi"]
        );
        // A public-only JWK is not a signing key.
        assert!(matches!(
            key_err(Rs256SigningKey::from_jwk(&jwk(RFC7520_3_3))),
            KeyError::JwkMissingMember("d")
        ));
    }

    #[test]
    fn rsa_members_that_are_not_base64url_are_refused() {
        let n = members(&jwk(RFC7520_3_3))["n"].as_str().unwrap().to_owned();
        for bad in [
            format!("{n}="),
            n.replace('-', "+").replace('_', "/"),
            format!("{n}\n"),
            format!("{}.{}", &n[..10], &n[10..]),
            // 342 characters encode 256 bytes with 4 spare bits; these must be zero.
            format!("{}{}", &n[..n.len() - 1], "x"),
        ] {
            let public = edited(RFC7520_3_3, |m| {
                m.insert("n".into(), json!(bad));
            });
            assert!(
                matches!(
                    key_err(Rs256VerifyingKey::from_jwk(&public)),
                    KeyError::JwkMissingMember("n")
                ),
                "n {bad:?}"
            );
        }
        let private = edited(&rfc7520_3_4(), |m| {
            m.insert("d".into(), json!("not/base64url="));
        });
        assert!(matches!(
            key_err(Rs256SigningKey::from_jwk(&private)),
            KeyError::JwkMissingMember("d")
        ));
    }

    #[test]
    fn rsa_modulus_below_2048_bits_is_refused() {
        let public = jwk(&json!({"kty": "RSA", "n": RSA1024_N, "e": "AQAB"}).to_string());
        assert!(matches!(
            key_err(Rs256VerifyingKey::from_jwk(&public)),
            KeyError::RsaModulusSize {
                bits: 1024,
                min: 2048,
                ..
            }
        ));
        let private = jwk(&json!({
            "kty": "RSA", "n": RSA1024_N, "e": "AQAB", "d": RSA1024_D, "p": RSA1024_P, "q": RSA1024_Q
        })
        .to_string());
        assert!(matches!(
            key_err(Rs256SigningKey::from_jwk(&private)),
            KeyError::RsaModulusSize {
                bits: 1024,
                min: 2048,
                ..
            }
        ));
        // In a key set, it is skipped and reported.
        let (keys, skipped) = KeySet::from_jwk_set(&JwkSet::new().with_key(public));
        assert!(keys.keys().is_empty());
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].reason.contains("1024"), "{}", skipped[0].reason);
    }

    #[test]
    fn rsa_private_members_that_do_not_form_the_key_are_refused() {
        // d of another key (RFC 7517 A.2's) with the RFC 7520 n, p and q.
        let a2 = members(&jwk(&rfc7517_a2_rsa()));
        let wrong_d = edited(&rfc7520_3_4(), |m| {
            m.insert("d".into(), a2["d"].clone());
        });
        assert!(matches!(
            key_err(Rs256SigningKey::from_jwk(&wrong_d)),
            KeyError::Invalid(_)
        ));
        // p and q swapped with another key's.
        let wrong_p = edited(&rfc7520_3_4(), |m| {
            m.insert("p".into(), a2["p"].clone());
        });
        assert!(matches!(
            key_err(Rs256SigningKey::from_jwk(&wrong_p)),
            KeyError::Invalid(_)
        ));
        // An even exponent.
        let even_e = edited(RFC7520_3_3, |m| {
            m.insert("e".into(), json!("AQAA"));
        });
        assert!(matches!(
            key_err(Rs256VerifyingKey::from_jwk(&even_e)),
            KeyError::Invalid(_)
        ));
    }

    #[test]
    fn rsa_members_with_leading_zero_octets_are_refused() {
        let public = members(&jwk(RFC7520_3_3));
        let mut n = vec![0u8];
        n.extend(b64(public["n"].as_str().unwrap()));
        let padded_n = edited(RFC7520_3_3, |m| {
            m.insert("n".into(), json!(codec::encode(&n)));
        });
        let canonical = Rs256VerifyingKey::from_jwk(&jwk(RFC7520_3_3))
            .unwrap()
            .thumbprint();
        // Observed: Ok, and two different thumbprints for one key.
        let imported = Rs256VerifyingKey::from_jwk(&padded_n);
        assert!(
            matches!(imported, Err(KeyError::Jwk(_))),
            "accepted; jwk thumbprint {:?}, key thumbprint {canonical:?}",
            padded_n.thumbprint()
        );
        let padded_e = edited(RFC7520_3_3, |m| {
            m.insert("e".into(), json!("AAEAAQ"));
        });
        assert!(matches!(
            Rs256VerifyingKey::from_jwk(&padded_e),
            Err(KeyError::Jwk(_))
        ));
    }

    #[test]
    fn a_private_rsa_jwk_also_yields_its_public_key() {
        // Private members are ignored by the verifying-key import (RFC 7517 allows a private
        // JWK wherever a public one is expected), and export never brings them back.
        let key = Rs256VerifyingKey::from_jwk(&jwk(&rfc7520_3_4())).unwrap();
        assert_no_private_members(&serde_json::to_string(&key.to_jwk()).unwrap());
        let (keys, skipped) = KeySet::from_jwk_set(&JwkSet::new().with_key(jwk(&rfc7520_3_4())));
        assert!(skipped.is_empty());
        assert_eq!(
            keys.keys()[0].key_id(),
            Some("bilbo.baggins@hobbiton.example")
        );
    }
}

// ---------------------------------------------------------------------------------------------
// EC P-256
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "ecdsa")]
mod ec {
    use super::*;
    use jwtcraft::{Es256SigningKey, Es256VerifyingKey};

    const A1_X: &str = "MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4";
    const A1_Y: &str = "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM";
    const A2_D: &str = "870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE";

    /// RFC 7517 A.1 EC public key (the first key of the A.1 set). Note `"use":"enc"`.
    const RFC7517_A1_EC: &str = r#"{"kty":"EC",
     "crv":"P-256",
     "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
     "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM",
     "use":"enc",
     "kid":"1"}"#;

    /// RFC 7517 A.2 EC private key.
    const RFC7517_A2_EC: &str = r#"{"kty":"EC",
     "crv":"P-256",
     "x":"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4",
     "y":"4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM",
     "d":"870MB6gfuTJ4HtUnUvYMyJpr5eUZNP4Bk43bVdj3eAE",
     "use":"enc",
     "kid":"1"}"#;

    /// RFC 7515 A.3 EC key (another P-256 key), for "d does not match x and y".
    const RFC7515_A3_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
    const RFC7515_A3_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

    /// RFC 7520 §3.1 EC public key (figure 1): P-521.
    const RFC7520_3_1: &str = concat!(
        r#"{"kty":"EC","kid":"bilbo.baggins@hobbiton.example","use":"sig","crv":"P-521","#,
        r#""x":"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt","#,
        r#""y":"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1"}"#,
    );
    /// RFC 7520 §3.2 EC private key (figure 2).
    const RFC7520_3_2_D: &str =
        "AAhRON2r9cqXX1hg-RoI6R1tX5p2rUAYdmpHZoC1XNM56KtscrX6zbKipQrCW9CGZH3T4ubpnoTKLDYJ_fF3_rJt";
    /// The RFC 7638 thumbprint of the RFC 7520 §3.1 key, as in golang.org/x/crypto's
    /// `acme/jws_test.go` (`TestJWKThumbprintEC`, computed there with `openssl dgst`).
    const RFC7520_3_1_THUMBPRINT: &str = "dHri3SADZkrush5HU_50AoRhcKFryN-PI6jPBtPL55M";

    fn without_use(json: &str) -> Jwk {
        edited(json, |m| {
            m.remove("use");
        })
    }

    // --- RFC 7517 A.1 / A.2 --------------------------------------------------------------------

    #[test]
    fn rfc7517_a1_ec_key_is_refused_because_it_is_for_encryption() {
        let published = jwk(RFC7517_A1_EC);
        assert_eq!(published.curve(), Some("P-256"));
        assert_eq!(published.public_key_use(), Some("enc"));
        assert_eq!(
            mismatch(Es256VerifyingKey::from_jwk(&published)),
            Ok(("use", "sig"))
        );
        assert_eq!(
            mismatch(Es256SigningKey::from_jwk(&jwk(RFC7517_A2_EC))),
            Ok(("use", "sig"))
        );
    }

    #[test]
    fn rfc7517_a2_ec_private_scalar_matches_the_a1_point() {
        // With "use":"enc" removed the same numbers are a valid ES256 key pair.
        let signer = Es256SigningKey::from_jwk(&without_use(RFC7517_A2_EC)).unwrap();
        let public = Es256VerifyingKey::from_jwk(&without_use(RFC7517_A1_EC)).unwrap();
        assert_eq!(Signer::key_id(&signer), Some("1"));
        assert_eq!(
            signer.verifying_key().to_coordinates(),
            public.to_coordinates()
        );
        assert_eq!(
            signer.verifying_key().to_coordinates(),
            (b64(A1_X).try_into().unwrap(), b64(A1_Y).try_into().unwrap())
        );
        assert_cross_verifies(&signer, &public);
        // Export gives the published members back.
        let exported = members(&signer.to_private_jwk());
        assert_eq!(exported["x"], A1_X);
        assert_eq!(exported["y"], A1_Y);
        assert_eq!(exported["d"], A2_D);
        assert_eq!(exported["crv"], "P-256");
        // Its thumbprint, by RFC 7638 §3.2's definition for EC keys.
        let input = format!(r#"{{"crv":"P-256","kty":"EC","x":"{A1_X}","y":"{A1_Y}"}}"#);
        assert_eq!(public.thumbprint(), sha256_b64(input.as_bytes()));
        assert_eq!(
            jwk(RFC7517_A1_EC).thumbprint().unwrap(),
            public.thumbprint()
        );
    }

    // --- RFC 7520 §3.1 / §3.2 -----------------------------------------------------------------

    #[test]
    fn rfc7520_3_1_and_3_2_p521_keys_are_refused_by_es256_with_a_crv_mismatch() {
        let public = jwk(RFC7520_3_1);
        assert_eq!(public.curve(), Some("P-521"));
        assert_eq!(
            mismatch(Es256VerifyingKey::from_jwk(&public)),
            Ok(("crv", "P-256"))
        );
        // The key set's choice is the ES512 key type, when it is built.
        let typed = TypedVerifyingKey::from_jwk(&public);
        if cfg!(feature = "es512") {
            assert_eq!(typed.unwrap().algorithm(), Algorithm::Es512);
        } else {
            assert!(
                matches!(typed, Err(KeyError::Jwk(reason)) if reason.contains("es512")),
                "{typed:?}"
            );
        }
        let private = edited(RFC7520_3_1, |m| {
            m.insert("d".into(), json!(RFC7520_3_2_D));
        });
        assert_eq!(
            mismatch(Es256SigningKey::from_jwk(&private)),
            Ok(("crv", "P-256"))
        );
        // A thumbprint does not need a supported curve: RFC 7638 over crv, kty, x, y.
        assert_eq!(public.thumbprint().unwrap(), RFC7520_3_1_THUMBPRINT);
        assert_eq!(private.thumbprint().unwrap(), RFC7520_3_1_THUMBPRINT);
        // In a key set without `es512`: skipped with its kid and the reason.
        let (keys, skipped) =
            KeySet::from_jwks_json(&format!(r#"{{"keys":[{RFC7520_3_1}]}}"#)).unwrap();
        if cfg!(feature = "es512") {
            assert_eq!((keys.keys().len(), skipped.len()), (1, 0));
            return;
        }
        assert!(keys.keys().is_empty());
        assert_eq!(skipped.len(), 1);
        assert_eq!(
            skipped[0].kid.as_deref(),
            Some("bilbo.baggins@hobbiton.example")
        );
        assert!(skipped[0].reason.contains("es512"), "{}", skipped[0].reason);
    }

    // --- export, thumbprints (round trips: the `es256` JWK suite) ------------------------------

    /// The rest of the export checks are the `es256` JWK suite.
    #[test]
    fn es256_private_scalar_is_32_bytes() {
        let private = crate::common::es_signing().to_private_jwk();
        let m = members(&private);
        assert_eq!(b64(m["d"].as_str().unwrap()).len(), 32);
    }

    #[test]
    fn es256_thumbprint_is_stable_and_independent_of_optional_members() {
        let key = crate::common::es_signing();
        let thumbprint = key.verifying_key().thumbprint();
        assert_eq!(key.to_private_jwk().thumbprint().unwrap(), thumbprint);
        assert_eq!(key.to_public_jwk().thumbprint().unwrap(), thumbprint);
        let decorated = edited(&serde_json::to_string(&key.to_public_jwk()).unwrap(), |m| {
            m.insert("kid".into(), json!("x"));
            m.insert("key_ops".into(), json!(["verify"]));
            m.remove("alg");
            m.remove("use");
        });
        assert_eq!(decorated.thumbprint().unwrap(), thumbprint);
        assert_eq!(
            Es256VerifyingKey::from_jwk(&decorated)
                .unwrap()
                .thumbprint(),
            thumbprint
        );
    }

    // --- import checks -------------------------------------------------------------------------

    fn fixture_public() -> String {
        serde_json::to_string(&crate::common::es_signing().to_public_jwk()).unwrap()
    }

    fn fixture_private() -> String {
        serde_json::to_string(&crate::common::es_signing().to_private_jwk()).unwrap()
    }

    #[test]
    fn ec_wrong_kty_is_refused() {
        let rsa = edited(&fixture_public(), |m| {
            m.insert("kty".into(), json!("RSA"));
        });
        assert_eq!(
            mismatch(Es256VerifyingKey::from_jwk(&rsa)),
            Ok(("kty", "EC"))
        );
        let okp = edited(&fixture_private(), |m| {
            m.insert("kty".into(), json!("OKP"));
        });
        assert_eq!(mismatch(Es256SigningKey::from_jwk(&okp)), Ok(("kty", "EC")));
        assert_eq!(
            mismatch(Hs256Key::from_jwk(&jwk(&fixture_private()))),
            Ok(("kty", "oct"))
        );
    }

    #[test]
    fn ec_wrong_or_missing_crv_is_refused() {
        for crv in [
            json!("P-384"),
            json!("P-521"),
            json!("secp256k1"),
            json!("p-256"),
        ] {
            for base in [fixture_public(), fixture_private()] {
                let wrong = edited(&base, |m| {
                    m.insert("crv".into(), crv.clone());
                });
                assert_eq!(
                    mismatch(Es256VerifyingKey::from_jwk(&wrong)),
                    Ok(("crv", "P-256")),
                    "crv {crv}"
                );
            }
            let wrong = edited(&fixture_private(), |m| {
                m.insert("crv".into(), crv.clone());
            });
            assert_eq!(
                mismatch(Es256SigningKey::from_jwk(&wrong)),
                Ok(("crv", "P-256")),
                "crv {crv}"
            );
        }
        let none = edited(&fixture_public(), |m| {
            m.remove("crv");
        });
        assert_eq!(
            mismatch(Es256VerifyingKey::from_jwk(&none)),
            Ok(("crv", "P-256"))
        );
    }

    #[test]
    fn ec_alg_of_another_algorithm_is_refused() {
        for alg in ["RS256", "ES384", "HS256", "es256", "ECDH-ES", "EdDSA"] {
            let public = edited(&fixture_public(), |m| {
                m.insert("alg".into(), json!(alg));
            });
            assert_eq!(
                mismatch(Es256VerifyingKey::from_jwk(&public)),
                Ok(("alg", "ES256")),
                "alg {alg}"
            );
            let private = edited(&fixture_private(), |m| {
                m.insert("alg".into(), json!(alg));
            });
            assert_eq!(
                mismatch(Es256SigningKey::from_jwk(&private)),
                Ok(("alg", "ES256")),
                "alg {alg}"
            );
        }
        let key = TypedVerifyingKey::from_jwk(&jwk(&fixture_public())).unwrap();
        assert_eq!(key.algorithm(), Algorithm::Es256);
    }

    #[test]
    fn ec_use_enc_and_key_ops_are_checked() {
        let enc = edited(&fixture_public(), |m| {
            m.insert("use".into(), json!("enc"));
        });
        assert_eq!(
            mismatch(Es256VerifyingKey::from_jwk(&enc)),
            Ok(("use", "sig"))
        );
        let sign_only = edited(&fixture_public(), |m| {
            m.insert("key_ops".into(), json!(["sign"]));
        });
        assert_eq!(
            mismatch(Es256VerifyingKey::from_jwk(&sign_only)),
            Ok(("key_ops", "verify"))
        );
        let verify_only = edited(&fixture_private(), |m| {
            m.insert("key_ops".into(), json!(["verify", "deriveKey"]));
        });
        assert_eq!(
            mismatch(Es256SigningKey::from_jwk(&verify_only)),
            Ok(("key_ops", "sign"))
        );
        let dup = edited(&fixture_private(), |m| {
            m.insert("key_ops".into(), json!(["sign", "sign"]));
        });
        assert!(matches!(
            key_err(Es256SigningKey::from_jwk(&dup)),
            KeyError::Jwk(reason) if reason.contains("duplicate")
        ));
    }

    #[test]
    fn ec_missing_and_malformed_members() {
        for name in ["x", "y"] {
            let public = edited(&fixture_public(), |m| {
                m.remove(name);
            });
            assert!(
                matches!(
                    key_err(Es256VerifyingKey::from_jwk(&public)),
                    KeyError::JwkMissingMember(missing) if missing == name
                ),
                "without {name}"
            );
            let bad = edited(&fixture_public(), |m| {
                let value = m[name].as_str().unwrap().to_owned();
                m.insert(name.into(), json!(format!("{value}==")));
            });
            assert!(
                matches!(
                    key_err(Es256VerifyingKey::from_jwk(&bad)),
                    KeyError::JwkMissingMember(missing) if missing == name
                ),
                "padded {name}"
            );
        }
        assert!(matches!(
            key_err(Es256SigningKey::from_jwk(&jwk(&fixture_public()))),
            KeyError::JwkMissingMember("d")
        ));
        let bad_d = edited(&fixture_private(), |m| {
            m.insert("d".into(), json!("+/+/"));
        });
        assert!(matches!(
            key_err(Es256SigningKey::from_jwk(&bad_d)),
            KeyError::JwkMissingMember("d")
        ));
    }

    #[test]
    fn ec_coordinates_must_be_full_length() {
        // RFC 7518 §6.2.1.2/3: x and y are exactly 32 bytes for P-256, leading zeros included.
        for (name, bytes) in [("x", 31), ("y", 33), ("x", 0)] {
            let wrong = edited(&fixture_public(), |m| {
                m.insert(name.into(), json!(codec::encode(&vec![1u8; bytes])));
            });
            assert!(
                matches!(
                    key_err(Es256VerifyingKey::from_jwk(&wrong)),
                    KeyError::Invalid(_)
                ),
                "{name} of {bytes} bytes"
            );
        }
        let short_d = edited(&fixture_private(), |m| {
            let d = b64(m["d"].as_str().unwrap());
            m.insert("d".into(), json!(codec::encode(&d[1..])));
        });
        assert!(matches!(
            key_err(Es256SigningKey::from_jwk(&short_d)),
            KeyError::Invalid(_)
        ));
    }

    #[test]
    fn ec_point_not_on_the_curve_is_refused() {
        let (x, y) = crate::common::es_signing().verifying_key().to_coordinates();
        let mut y_plus_one = y;
        y_plus_one[31] ^= 1;
        for (x, y) in [(x, y_plus_one), ([0u8; 32], [0u8; 32]), ([0xff; 32], y)] {
            let wrong = edited(&fixture_public(), |m| {
                m.insert("x".into(), json!(codec::encode(&x)));
                m.insert("y".into(), json!(codec::encode(&y)));
            });
            assert!(matches!(
                key_err(Es256VerifyingKey::from_jwk(&wrong)),
                KeyError::Invalid(_)
            ));
        }
    }

    #[test]
    fn ec_d_that_does_not_match_x_and_y_is_refused() {
        // RFC 7517 A.2's d with RFC 7515 A.3's public point.
        let mismatched = jwk(
            &json!({"kty": "EC", "crv": "P-256", "x": RFC7515_A3_X, "y": RFC7515_A3_Y, "d": A2_D})
                .to_string(),
        );
        assert!(matches!(
            key_err(Es256SigningKey::from_jwk(&mismatched)),
            KeyError::Invalid(reason) if reason.contains("does not match")
        ));
        // The verifying-key import ignores d: the public point alone is fine.
        Es256VerifyingKey::from_jwk(&mismatched).unwrap();
        // d = 0 and d = n are not scalars.
        for d in [
            [0u8; 32],
            b64("_____wAAAAD__________7zm-q2nF56E87nKwvxjJVE")
                .try_into()
                .unwrap(),
        ] {
            let wrong = edited(&fixture_private(), |m| {
                m.insert("d".into(), json!(codec::encode(&d)));
            });
            assert!(matches!(
                key_err(Es256SigningKey::from_jwk(&wrong)),
                KeyError::Invalid(_)
            ));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// All key types together
// ---------------------------------------------------------------------------------------------

#[cfg(all(feature = "rsa", feature = "ecdsa"))]
mod mixed {
    use super::*;
    use jwtcraft::{Error, Es256SigningKey, HeaderError, Rs256SigningKey};

    #[test]
    fn a_published_jwk_set_has_public_members_only() {
        let rs = crate::common::rs_signing().with_key_id("rs");
        let es = crate::common::es_signing().with_key_id("es");
        let hs = Hs256Key::new(HS_SECRET).unwrap().with_key_id("hs");
        // Even when handed private and secret JWKs, publishing writes public members only.
        let set = JwkSet::new()
            .with_key(rs.to_private_jwk())
            .with_key(es.to_private_jwk())
            .with_key(hs.to_secret_jwk());
        let published = set.to_public_json();
        assert_no_private_members(&published);
        let value: Value = serde_json::from_str(&published).unwrap();
        let keys = value["keys"].as_array().unwrap();
        assert_eq!(keys.len(), 2, "the oct key must be left out: {published}");
        assert_eq!(keys[0]["kid"], "rs");
        assert_eq!(keys[1]["kid"], "es");
        // What was published parses back into a key set that verifies both signers.
        let (key_set, skipped) = KeySet::from_jwks_json(&published).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        for signer in [&rs as &dyn Signer, &es] {
            let token = encode(&Header::new(), &claims(), signer).unwrap();
            key_set.decode::<Value>(&token, &validation()).unwrap();
        }
        // The same keys published from their public halves give the same document.
        let from_public = JwkSet::new()
            .with_key(rs.to_public_jwk())
            .with_key(es.verifying_key().to_jwk());
        assert_eq!(from_public.to_public_json(), published);
    }

    #[test]
    fn every_key_type_round_trips_through_json_and_tokens_verify_across() {
        let rs = crate::common::rs_signing();
        let es = crate::common::es_signing();
        let hs = Hs256Key::new(HS_SECRET).unwrap();

        let rs_signing = Rs256SigningKey::from_jwk(&through_json(&rs.to_private_jwk())).unwrap();
        let rs_verifying =
            jwtcraft::Rs256VerifyingKey::from_jwk(&through_json(&rs.to_public_jwk())).unwrap();
        let es_signing = Es256SigningKey::from_jwk(&through_json(&es.to_private_jwk())).unwrap();
        let es_verifying =
            jwtcraft::Es256VerifyingKey::from_jwk(&through_json(&es.to_public_jwk())).unwrap();
        let hs_back = Hs256Key::from_jwk(&through_json(&hs.to_secret_jwk())).unwrap();

        assert_cross_verifies(&rs_signing, &rs.verifying_key());
        assert_cross_verifies(&rs, &rs_verifying);
        assert_cross_verifies(&rs_signing, &rs_verifying);
        assert_cross_verifies(&es_signing, &es.verifying_key());
        assert_cross_verifies(&es, &es_verifying);
        assert_cross_verifies(&es_signing, &es_verifying);
        assert_cross_verifies(&hs_back, &hs);
        assert_cross_verifies(&hs, &hs_back);

        // Across algorithms: never.
        let token = encode(&Header::new(), &claims(), &rs_signing).unwrap();
        assert!(matches!(
            jwtcraft::decode::<Value>(&token, &es_verifying, &validation()),
            Err(Error::Header(HeaderError::AlgorithmMismatch {
                expected: Algorithm::Es256,
                found: Algorithm::Rs256
            }))
        ));
    }

    #[test]
    fn thumbprints_agree_between_keys_and_their_jwks() {
        let rs = crate::common::rs_signing();
        let es = crate::common::es_signing();
        let hs = Hs256Key::new(HS_SECRET).unwrap();
        let rs_tp = rs.verifying_key().thumbprint();
        let es_tp = es.verifying_key().thumbprint();
        let hs_tp = hs.to_secret_jwk().thumbprint().unwrap();
        for (jwk, expected) in [
            (rs.to_private_jwk(), &rs_tp),
            (rs.to_public_jwk(), &rs_tp),
            (es.to_private_jwk(), &es_tp),
            (es.to_public_jwk(), &es_tp),
            (hs.to_secret_jwk(), &hs_tp),
        ] {
            assert_eq!(&jwk.thumbprint().unwrap(), expected);
            // base64url of a SHA-256: 43 characters.
            assert_eq!(expected.len(), 43);
        }
        assert_ne!(rs_tp, es_tp);
        assert_ne!(es_tp, hs_tp);
    }

    /// `with_thumbprint_key_id` on each of the five key types sets exactly the `kid` that
    /// `Jwk::thumbprint` computes for the key's JWK (the public one for a signing key), and
    /// replaces an earlier `kid`.
    #[test]
    fn with_thumbprint_key_id_agrees_with_jwk_thumbprint_for_every_key_type() {
        let rs = crate::common::rs_signing()
            .with_key_id("old")
            .with_thumbprint_key_id();
        let es = crate::common::es_signing()
            .with_key_id("old")
            .with_thumbprint_key_id();
        let hs = Hs256Key::new(HS_SECRET)
            .unwrap()
            .with_key_id("old")
            .with_thumbprint_key_id();
        let rs_public = crate::common::rs_verifying().with_thumbprint_key_id();
        let es_public = crate::common::es_verifying().with_thumbprint_key_id();
        let jwks = [
            ("rs signing", rs.to_public_jwk(), Signer::key_id(&rs)),
            (
                "rs signing, private",
                rs.to_private_jwk(),
                Signer::key_id(&rs),
            ),
            ("es signing", es.to_public_jwk(), Signer::key_id(&es)),
            (
                "es signing, private",
                es.to_private_jwk(),
                Signer::key_id(&es),
            ),
            ("hs", hs.to_secret_jwk(), Signer::key_id(&hs)),
            (
                "rs verifying",
                rs_public.to_jwk(),
                Verifier::key_id(&rs_public),
            ),
            (
                "es verifying",
                es_public.to_jwk(),
                Verifier::key_id(&es_public),
            ),
        ];
        for (what, jwk, kid) in &jwks {
            let thumbprint = jwk.thumbprint().unwrap();
            assert_eq!(jwk.key_id(), Some(thumbprint.as_str()), "{what}");
            assert_eq!(*kid, Some(thumbprint.as_str()), "{what}");
        }
        // The verifying key of a signing key carries the same kid, so a set of published
        // keys selects it for the signer's tokens.
        assert_eq!(Verifier::key_id(&rs.verifying_key()), Signer::key_id(&rs));
        assert_eq!(Verifier::key_id(&es.verifying_key()), Signer::key_id(&es));
        assert_eq!(rs.verifying_key().thumbprint(), rs_public.thumbprint());
        let (keys, skipped) = KeySet::from_jwks_json(
            &JwkSet::new()
                .with_key(rs.to_public_jwk())
                .with_key(es.to_public_jwk())
                .to_public_json(),
        )
        .unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        for signer in [&rs as &dyn Signer, &es] {
            let token = encode(&Header::new(), &claims(), signer).unwrap();
            keys.decode::<Value>(&token, &validation()).unwrap();
        }
    }

    /// `Jwk::from_json` refuses duplicate member names at every depth, including inside
    /// members it does not interpret; a JWK Set skips such an entry the same way.
    #[test]
    fn duplicate_members_are_refused_at_every_depth() {
        let public = serde_json::to_string(&crate::common::es_verifying().to_jwk()).unwrap();
        let inner = public.replacen('{', r#"{"x5c":[{"a":1,"a":2}],"#, 1);
        let outer = public.replacen('{', r#"{"kid":"a","kid":"b","#, 1);
        let unknown = public.replacen('{', r#"{"ext":1,"ext":2,"#, 1);
        for text in [&inner, &outer, &unknown] {
            assert!(
                matches!(Jwk::from_json(text), Err(KeyError::Jwk(_))),
                "{text}"
            );
            let set = JwkSet::from_json(&format!(r#"{{"keys":[{text},{public}]}}"#)).unwrap();
            assert_eq!(set.keys().len(), 1, "{text}");
            assert_eq!(set.skipped().len(), 1, "{text}");
            assert!(set.skipped()[0].reason.contains("duplicate"), "{text}");
        }
    }
}
