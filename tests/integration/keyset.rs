//! `KeySet`: choosing the verifying key by the token's `kid` and `alg`, building a set from a
//! JWK Set (what is skipped, and how it is reported), and rotating from one key to the next.
//!
//! Selection rules under test: the token's `kid` must name a key (else
//! `HeaderError::UnknownKeyId`); a token without `kid` is refused (`HeaderError::MissingKeyId`)
//! unless the set opted in with `try_all_keys`; the named key must be for the token's `alg`
//! (else `HeaderError::AlgorithmMismatch`), and two keys may share a `kid` across algorithms.
//! Symmetric keys in a JWK Set are refused unless `KeySetOptions::allow_symmetric` says
//! otherwise. Each refusal is an `Error::Header`.
//!
//! Every token is verified against a `FixedClock`.

use jwtcraft::codec;
use jwtcraft::{
    encode, Algorithm, ClaimError, Error, Header, Hs256Key, JwkSet, KeySet, KeySetOptions, Signer,
    TypedVerifyingKey, UntrustedToken, Verifier, MAX_ECHO,
};
use jwtcraft::{EncodeError, HeaderError, KeyError, SignatureError};
use serde_json::{json, Value};

use crate::common::{validation, NOW};

const EXP: i64 = NOW + 600;

fn token(signer: &dyn Signer, sub: &str) -> String {
    encode(&Header::new(), &json!({"sub": sub, "exp": EXP}), signer).unwrap()
}

/// Decodes with the set and returns the verified `sub`.
#[track_caller]
fn sub_of(keys: &KeySet, token: &str) -> String {
    let verified = keys
        .decode::<Value>(token, &validation())
        .unwrap_or_else(|e| panic!("token did not verify: {e}"));
    verified.claims()["sub"].as_str().unwrap().to_owned()
}

fn hs(byte: u8, kid: &str) -> Hs256Key {
    Hs256Key::new(&[byte; 32]).unwrap().with_key_id(kid)
}

/// A compact token with the given header, a JSON payload and a fake signature: for checks
/// that happen before the signature is looked at.
fn unsigned(header: &Value) -> String {
    format!(
        "{}.{}.{}",
        codec::encode(header.to_string().as_bytes()),
        codec::encode(json!({"sub": "x", "exp": EXP}).to_string().as_bytes()),
        codec::encode(&[0u8; 32])
    )
}

// ---------------------------------------------------------------------------------------------
// Selection with HS256 keys (always built)
// ---------------------------------------------------------------------------------------------

#[test]
fn the_key_named_by_kid_verifies() {
    let a = hs(1, "a");
    let b = hs(2, "b");
    let keys = KeySet::new().with_key(a.clone()).with_key(b.clone());
    assert_eq!(sub_of(&keys, &token(&a, "from-a")), "from-a");
    assert_eq!(sub_of(&keys, &token(&b, "from-b")), "from-b");

    let untrusted_token = token(&b, "x");
    let untrusted = UntrustedToken::parse(&untrusted_token).unwrap();
    let selected = keys.select(&untrusted).unwrap();
    assert_eq!(selected.key_id(), Some("b"));
    assert_eq!(selected.algorithm(), Algorithm::Hs256);
}

#[test]
fn the_kid_in_the_header_is_the_signers() {
    let a = hs(1, "a");
    let raw = token(&a, "x");
    let untrusted = UntrustedToken::parse(&raw).unwrap();
    assert_eq!(untrusted.header().key_id(), Some("a"));
    // A header kid that contradicts the signer's is refused at encode.
    assert!(matches!(
        encode(&Header::new().with_key_id("b"), &json!({"exp": EXP}), &a),
        Err(EncodeError::Header(HeaderError::KeyIdConflict))
    ));
}

#[test]
fn an_unknown_kid_is_refused_by_name() {
    let keys = KeySet::new().with_key(hs(1, "a"));
    let stranger = hs(1, "not-in-the-set");
    // Same secret, unknown kid: refused without trying the key.
    assert!(matches!(
        keys.decode::<Value>(&token(&stranger, "x"), &validation()),
        Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == "not-in-the-set"
    ));
    // Also with try_all_keys: it only applies to tokens with no kid at all.
    let lenient = keys.clone().try_all_keys();
    assert!(matches!(
        lenient.decode::<Value>(&token(&stranger, "x"), &validation()),
        Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == "not-in-the-set"
    ));
    assert_eq!(
        keys.decode::<Value>(&token(&stranger, "x"), &validation())
            .unwrap_err()
            .to_string(),
        r#"no key with id "not-in-the-set""#
    );
}

#[test]
fn an_attackers_long_kid_is_cut_in_the_error() {
    let keys = KeySet::new().with_key(hs(1, "a"));
    // Long, but inside the default header limit (2 KiB encoded).
    let long = "k".repeat(1_000);
    let forged = unsigned(&json!({"alg": "HS256", "kid": long}));
    assert!(matches!(
        keys.decode::<Value>(&forged, &validation()),
        Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid.chars().count() == MAX_ECHO
    ));
}

#[test]
fn a_token_without_kid_is_refused_unless_opted_in() {
    let no_kid = Hs256Key::new(&[1u8; 32]).unwrap();
    let raw = token(&no_kid, "anonymous");
    let keys = KeySet::new().with_key(hs(1, "a"));
    assert!(matches!(
        keys.decode::<Value>(&raw, &validation()),
        Err(Error::Header(HeaderError::MissingKeyId))
    ));
    let untrusted = UntrustedToken::parse(&raw).unwrap();
    assert!(matches!(
        keys.select(&untrusted),
        Err(Error::Header(HeaderError::MissingKeyId))
    ));

    // Opted in: every key of the token's algorithm is tried, whatever its id.
    let lenient = KeySet::new()
        .with_key(hs(9, "wrong-one"))
        .with_key(hs(1, "a"))
        .try_all_keys();
    assert_eq!(sub_of(&lenient, &raw), "anonymous");
    // Keys without an id are only reachable this way.
    let anonymous_keys = KeySet::new().with_key(no_kid.clone()).try_all_keys();
    assert_eq!(sub_of(&anonymous_keys, &raw), "anonymous");
    assert!(matches!(
        KeySet::new()
            .with_key(no_kid)
            .decode::<Value>(&raw, &validation()),
        Err(Error::Header(HeaderError::MissingKeyId))
    ));
}

#[test]
fn try_all_keys_without_a_matching_key_is_an_invalid_signature() {
    let raw = token(&Hs256Key::new(&[1u8; 32]).unwrap(), "x");
    let lenient = KeySet::new()
        .with_key(hs(7, "b"))
        .with_key(hs(8, "c"))
        .try_all_keys();
    assert!(matches!(
        lenient.decode::<Value>(&raw, &validation()),
        Err(Error::Signature(SignatureError::Invalid))
    ));
    // No key of the token's algorithm at all: nothing was tried, the token had no kid.
    assert!(matches!(
        KeySet::new()
            .try_all_keys()
            .decode::<Value>(&raw, &validation()),
        Err(Error::Header(HeaderError::MissingKeyId))
    ));
}

// A kid-less token costs one signature check per candidate key, and anyone can send one. So
// `try_all_keys` tries at most `KeySet::MAX_TRY_ALL` keys of the token's algorithm; with more
// it refuses before checking anything (it used to try all of them: 10,000 ES256 keys took
// 2.9 s per token).
#[test]
fn try_all_keys_refuses_more_candidates_than_max_try_all() {
    let max = u8::try_from(KeySet::MAX_TRY_ALL).unwrap();
    assert_eq!(KeySet::MAX_TRY_ALL, 8);
    let signer = Hs256Key::new(&[1u8; 32]).unwrap();
    let raw = token(&signer, "x");
    let set = |count: u8| {
        (1..=count)
            .fold(KeySet::new(), |set, i| {
                set.with_key(hs(i, &format!("k{i}")))
            })
            .try_all_keys()
    };
    assert_eq!(sub_of(&set(max), &raw), "x");
    let err = set(max + 1)
        .decode::<Value>(&raw, &validation())
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Header(HeaderError::TooManyCandidateKeys {
                candidates: 9,
                max: 8
            })
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "9 keys could verify a token without kid; at most 8 are tried"
    );
    // Tokens with a kid are selected as always, however many keys there are.
    let named = hs(1, "k1");
    assert_eq!(sub_of(&set(50), &token(&named, "named")), "named");
}

// What counts is keys of the token's algorithm: other algorithms' keys are never tried.
#[cfg(feature = "ecdsa")]
#[test]
fn max_try_all_counts_only_keys_of_the_tokens_algorithm() {
    let es = crate::common::es_signing();
    let hs_heavy = (1..=20u8).fold(KeySet::new(), |set, i| {
        set.with_key(hs(i, &format!("h{i}")))
    });
    let keys = hs_heavy.with_key(es.verifying_key()).try_all_keys();
    assert_eq!(sub_of(&keys, &token(&es, "ec")), "ec");
    // Nine ES256 keys are too many, even though eight of them are the same.
    let nine_es = (0..9).fold(KeySet::new(), |set, i| {
        set.with_key(es.verifying_key().with_key_id(format!("e{i}")))
    });
    assert!(matches!(
        nine_es
            .try_all_keys()
            .decode::<Value>(&token(&es, "ec"), &validation()),
        Err(Error::Header(HeaderError::TooManyCandidateKeys {
            candidates: 9,
            max: 8
        }))
    ));
}

// A JWK without `kid` can never be selected by a token's `kid`, so loading it silently would
// suggest a key that is never used. It is reported as skipped, unless the set is loaded with
// `KeySetOptions::try_all_keys`, which keeps it and tries it on kid-less tokens.
#[test]
fn a_jwk_without_kid_is_skipped_unless_the_set_tries_all_keys() {
    let anonymous = Hs256Key::new(&[3u8; 32]).unwrap();
    let doc = json!({"keys": [
        anonymous.to_secret_jwk(),
        hs(4, "named").to_secret_jwk(),
    ]})
    .to_string();
    let set = JwkSet::from_json(&doc).unwrap();
    assert!(set.skipped().is_empty(), "a jwk without kid is still a jwk");
    let options = KeySetOptions::new().allow_symmetric();
    let (keys, skipped) = KeySet::from_jwk_set_with(&set, options);
    assert_eq!(keys.keys().len(), 1);
    assert_eq!(skipped.len(), 1);
    assert_eq!((skipped[0].index, skipped[0].kid.as_deref()), (0, None));
    assert!(
        skipped[0].reason.starts_with("key has no kid"),
        "{}",
        skipped[0].reason
    );
    assert!(skipped[0].reason.contains("try_all_keys"));
    assert!(matches!(
        keys.decode::<Value>(&token(&anonymous, "a"), &validation()),
        Err(Error::Header(HeaderError::MissingKeyId))
    ));

    let (keys, skipped) = KeySet::from_jwk_set_with(&set, options.try_all_keys());
    assert!(skipped.is_empty(), "{skipped:?}");
    assert_eq!(keys.keys().len(), 2);
    assert_eq!(sub_of(&keys, &token(&anonymous, "a")), "a");
    assert_eq!(sub_of(&keys, &token(&hs(4, "named"), "n")), "n");
}

// One entry that is not acceptable JSON on its own, or repeats a member, is skipped and
// reported; the rest of the set still loads. (Duplicates used to collapse, last one wins,
// and a JSON defect in one entry used to fail the whole set.)
#[test]
fn one_bad_entry_does_not_decide_for_the_whole_set() {
    let good = hs(5, "good");
    let good_jwk = serde_json::to_string(&good.to_secret_jwk()).unwrap();
    let duplicate = good_jwk.replacen(r#""kid":"good""#, r#""kid":"dup","kid":"good""#, 1);
    let deep = format!(
        r#"{{"kty":"oct","kid":"deep","x":{}{}}}"#,
        "[".repeat(500),
        "]".repeat(500)
    );
    for (bad, why) in [
        (duplicate.as_str(), "duplicate"),
        (deep.as_str(), "recursion limit"),
        (
            r#"{"kty":"oct","kid":"num","k":"AAAA","ext":1e400}"#,
            "out of range",
        ),
        (r#"{"kty":"oct","kid":"sur","k":"\udc00"}"#, "surrogate"),
    ] {
        let doc = format!(r#"{{"keys":[{bad},{good_jwk}]}}"#);
        let (keys, skipped) = KeySet::from_jwk_set_with(
            &JwkSet::from_json(&doc).unwrap(),
            KeySetOptions::new().allow_symmetric(),
        );
        assert_eq!(keys.keys().len(), 1, "{bad}");
        assert_eq!(skipped.len(), 1, "{bad}");
        assert_eq!(skipped[0].index, 0);
        assert!(skipped[0].reason.contains(why), "{bad}: {:?}", skipped[0]);
        assert_eq!(sub_of(&keys, &token(&good, "ok")), "ok");
    }
}

#[test]
fn the_right_kid_with_a_wrong_signature_is_invalid() {
    let keys = KeySet::new().with_key(hs(1, "a"));
    let impostor = hs(2, "a");
    assert!(matches!(
        keys.decode::<Value>(&token(&impostor, "x"), &validation()),
        Err(Error::Signature(SignatureError::Invalid))
    ));
}

#[test]
fn claims_are_still_validated() {
    let a = hs(1, "a");
    let keys = KeySet::new().with_key(a.clone());
    let expired = encode(&Header::new(), &json!({"exp": NOW - 3600}), &a).unwrap();
    assert!(matches!(
        keys.decode::<Value>(&expired, &validation()),
        Err(Error::Claims(ClaimError::Expired))
    ));
    let strict = validation().with_issuer("https://issuer.example");
    assert!(matches!(
        keys.decode::<Value>(&token(&a, "x"), &strict),
        Err(Error::Claims(ClaimError::Missing(_)))
    ));
}

#[test]
fn an_unsupported_alg_is_refused_before_any_lookup() {
    let keys = KeySet::new().with_key(hs(1, "a"));
    for alg in ["none", "ES256K", "RSA-OAEP", "Ed448", "hs256"] {
        let forged = unsigned(&json!({"alg": alg, "kid": "a"}));
        assert!(
            matches!(
                keys.decode::<Value>(&forged, &validation()),
                Err(Error::Header(HeaderError::UnsupportedAlgorithm(name))) if name == alg
            ),
            "alg {alg}"
        );
    }
}

#[test]
fn two_keys_with_one_kid_and_one_alg_select_the_first() {
    // A configuration mistake, not an attack: the first key is the one used.
    let first = hs(1, "dup");
    let second = hs(2, "dup");
    let keys = KeySet::new()
        .with_key(first.clone())
        .with_key(second.clone());
    assert_eq!(sub_of(&keys, &token(&first, "first")), "first");
    assert!(matches!(
        keys.decode::<Value>(&token(&second, "second"), &validation()),
        Err(Error::Signature(SignatureError::Invalid))
    ));
}

// ---------------------------------------------------------------------------------------------
// Key sets from JWK Sets (HS256 only)
// ---------------------------------------------------------------------------------------------

#[test]
fn symmetric_keys_in_a_jwk_set_are_refused_by_default() {
    let a = hs(1, "a");
    let set = JwkSet::new().with_key(a.to_secret_jwk());
    let (keys, skipped) = KeySet::from_jwk_set(&set);
    assert!(keys.keys().is_empty());
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].index, 0);
    assert_eq!(skipped[0].kid.as_deref(), Some("a"));
    assert!(
        skipped[0].reason.contains("symmetric"),
        "{}",
        skipped[0].reason
    );
    // So the token does not verify: there is no key "a".
    assert!(matches!(
        keys.decode::<Value>(&token(&a, "x"), &validation()),
        Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == "a"
    ));

    let (keys, skipped) = KeySet::from_jwk_set_with(&set, KeySetOptions::new().allow_symmetric());
    assert!(skipped.is_empty());
    assert!(matches!(keys.keys()[0], TypedVerifyingKey::Hs256(_)));
    assert_eq!(sub_of(&keys, &token(&a, "allowed")), "allowed");
}

#[test]
fn a_jwk_set_document_must_be_an_object_with_a_keys_array() {
    for text in [
        "",
        "[]",
        r#"{"keys":{}}"#,
        r#"{"keys":null}"#,
        r#"{"key":[]}"#,
        r#"{"keys":[],"keys":[]}"#,
        r#"{"keys":["#,
    ] {
        // A document-level failure is `JwkJson`, with the parser's (cut, escaped) reason.
        assert!(
            matches!(KeySet::from_jwks_json(text), Err(KeyError::JwkJson(_))),
            "{text:?}"
        );
    }
    let (keys, skipped) = KeySet::from_jwks_json(r#"{"keys":[]}"#).unwrap();
    assert!(keys.keys().is_empty());
    assert!(skipped.is_empty());
}

#[test]
fn a_skipped_kid_is_cut_like_any_attacker_text() {
    let long = "q".repeat(1_000);
    let doc = json!({"keys": [{"kty": "OKP", "kid": long}, {"kty": 1, "kid": long}]});
    let (_, skipped) = KeySet::from_jwks_json(&doc.to_string()).unwrap();
    assert_eq!(skipped.len(), 2);
    for s in &skipped {
        assert_eq!(s.kid.as_deref().map(str::len), Some(MAX_ECHO));
    }
}

// ---------------------------------------------------------------------------------------------
// Mixed algorithms, JWK Sets and rotation
// ---------------------------------------------------------------------------------------------

#[cfg(all(feature = "rsa", feature = "ecdsa"))]
mod mixed {
    use super::*;
    use jwtcraft::{Es256SigningKey, Rs256SigningKey};

    fn rs(kid: &str) -> Rs256SigningKey {
        crate::common::rs_signing().with_key_id(kid)
    }

    fn es(kid: &str) -> Es256SigningKey {
        crate::common::es_signing().with_key_id(kid)
    }

    /// A second P-256 key, from a fixed scalar, so rotation tests need no RNG.
    fn es_b(kid: &str) -> Es256SigningKey {
        Es256SigningKey::from_scalar(&[0x5a; 32])
            .unwrap()
            .with_key_id(kid)
    }

    #[test]
    fn each_algorithm_is_selected_by_kid() {
        let (r, e, h) = (rs("r"), es("e"), hs(1, "h"));
        let keys = KeySet::new()
            .with_key(r.verifying_key())
            .with_key(e.verifying_key())
            .with_key(h.clone());
        assert_eq!(sub_of(&keys, &token(&r, "rs")), "rs");
        assert_eq!(sub_of(&keys, &token(&e, "es")), "es");
        assert_eq!(sub_of(&keys, &token(&h, "hs")), "hs");
    }

    #[test]
    fn a_kid_naming_a_key_of_another_algorithm_is_an_algorithm_mismatch() {
        let r = rs("rsa-1");
        let keys = KeySet::new().with_key(r.verifying_key());
        // The classic confusion: an HS256 token "signed" with the RSA public key's bytes as
        // the HMAC secret, carrying the RSA key's kid.
        let spki_der = std::fs::read(format!(
            "{}/tests/data/rsa2048-public-spki.der",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let attacker = Hs256Key::new(&spki_der).unwrap().with_key_id("rsa-1");
        let forged = token(&attacker, "admin");
        assert!(matches!(
            keys.decode::<Value>(&forged, &validation()),
            Err(Error::Header(HeaderError::AlgorithmMismatch {
                expected: Algorithm::Rs256,
                found: Algorithm::Hs256
            }))
        ));
        let untrusted = UntrustedToken::parse(&forged).unwrap();
        assert!(matches!(
            keys.select(&untrusted),
            Err(Error::Header(HeaderError::AlgorithmMismatch { .. }))
        ));
        // try_all_keys changes nothing for a token that has a kid.
        assert!(matches!(
            keys.clone()
                .try_all_keys()
                .decode::<Value>(&forged, &validation()),
            Err(Error::Header(HeaderError::AlgorithmMismatch { .. }))
        ));
        // ES256 token with an RSA kid.
        let e = es("rsa-1");
        assert!(matches!(
            keys.decode::<Value>(&token(&e, "x"), &validation()),
            Err(Error::Header(HeaderError::AlgorithmMismatch {
                expected: Algorithm::Rs256,
                found: Algorithm::Es256
            }))
        ));
    }

    #[test]
    fn two_keys_may_share_a_kid_across_algorithms() {
        let (r, e) = (rs("shared"), es("shared"));
        let keys = KeySet::new()
            .with_key(r.verifying_key())
            .with_key(e.verifying_key());
        assert_eq!(sub_of(&keys, &token(&r, "rs")), "rs");
        assert_eq!(sub_of(&keys, &token(&e, "es")), "es");
        let rs_token = token(&r, "x");
        let untrusted = UntrustedToken::parse(&rs_token).unwrap();
        assert_eq!(
            keys.select(&untrusted).unwrap().algorithm(),
            Algorithm::Rs256
        );
        // A third algorithm under the same kid: mismatch, reported against the first key.
        assert!(matches!(
            keys.decode::<Value>(&token(&hs(1, "shared"), "x"), &validation()),
            Err(Error::Header(HeaderError::AlgorithmMismatch {
                expected: Algorithm::Rs256,
                found: Algorithm::Hs256
            }))
        ));
    }

    #[test]
    fn try_all_keys_only_tries_keys_of_the_tokens_algorithm() {
        let r = crate::common::rs_signing();
        let e = crate::common::es_signing();
        let keys = KeySet::new()
            .with_key(e.verifying_key())
            .with_key(hs(3, "h"))
            .with_key(r.verifying_key())
            .try_all_keys();
        assert_eq!(sub_of(&keys, &token(&r, "rs")), "rs");
        assert_eq!(sub_of(&keys, &token(&e, "es")), "es");
    }

    #[test]
    fn a_published_jwk_set_becomes_a_key_set() {
        let (r, e, h) = (rs("r1"), es("e1"), hs(4, "h1"));
        let published = JwkSet::new()
            .with_key(r.to_public_jwk())
            .with_key(e.to_public_jwk())
            .with_key(h.to_secret_jwk())
            .to_public_json();
        let (keys, skipped) = KeySet::from_jwks_json(&published).unwrap();
        assert!(skipped.is_empty(), "{skipped:?}");
        assert_eq!(keys.keys().len(), 2, "the secret key is never published");
        assert!(matches!(keys.keys()[0], TypedVerifyingKey::Rs256(_)));
        assert!(matches!(keys.keys()[1], TypedVerifyingKey::Es256(_)));
        assert_eq!(sub_of(&keys, &token(&r, "rs")), "rs");
        assert_eq!(sub_of(&keys, &token(&e, "es")), "es");
        assert!(matches!(
            keys.decode::<Value>(&token(&h, "hs"), &validation()),
            Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == "h1"
        ));
    }

    /// One entry of each kind a set from elsewhere may hold, with the index each has.
    fn messy_set() -> String {
        let r = rs("good-rsa");
        let e = es("good-ec");
        // Curves and algorithms that no feature of this crate implements.
        let mut k256 = serde_json::to_value(e.to_public_jwk()).unwrap();
        k256["crv"] = json!("secp256k1");
        k256["alg"] = json!("ES256K");
        k256["kid"] = json!("k256");
        let mut oaep = serde_json::to_value(r.to_public_jwk()).unwrap();
        oaep["alg"] = json!("RSA-OAEP");
        oaep["kid"] = json!("oaep");
        let mut enc = serde_json::to_value(r.to_public_jwk()).unwrap();
        enc["use"] = json!("enc");
        enc["kid"] = json!("enc");
        json!({"keys": [
            serde_json::to_value(r.to_public_jwk()).unwrap(),             // 0 usable
            {"kty": "OKP", "crv": "X25519", "kid": "ed",
             "x": "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"},           // 1 an ecdh key
            k256,                                                          // 2 unknown alg/crv
            oaep,                                                          // 3 unknown alg
            {"kty": "oct", "kid": "sym", "k": codec::encode(&[5u8; 32])},  // 4 symmetric
            enc,                                                           // 5 use enc
            serde_json::to_value(e.to_public_jwk()).unwrap(),              // 6 usable
            // Entries that are not JWKs at all come last (see the BUG test below).
            42,                                                            // 7 not an object
            "a string",                                                    // 8 not an object
            null,                                                          // 9 not an object
            {"kty": 7, "kid": "numeric-kty"},                              // 10 kty a number
            {"kid": "no-kty", "n": "AQAB"},                                // 11 no kty
            {"kty": "RSA", "kid": ["not", "a", "string"]},                 // 12 kid not a string
        ]})
        .to_string()
    }

    #[test]
    fn unusable_entries_are_skipped_and_reported_with_index_and_kid() {
        let doc = messy_set();
        let parsed = JwkSet::from_json(&doc).unwrap();
        assert_eq!(parsed.keys().len(), 7);
        let parse_skips: Vec<_> = parsed
            .skipped()
            .iter()
            .map(|s| (s.index, s.kid.clone()))
            .collect();
        assert_eq!(
            parse_skips,
            [
                (7, None),
                (8, None),
                (9, None),
                (10, Some("numeric-kty".to_owned())),
                (11, Some("no-kty".to_owned())),
                (12, None),
            ]
        );

        let (keys, skipped) = KeySet::from_jwks_json(&doc).unwrap();
        assert_eq!(keys.keys().len(), 2);
        assert_eq!(keys.keys()[0].key_id(), Some("good-rsa"));
        assert_eq!(keys.keys()[1].key_id(), Some("good-ec"));
        let mut reported: Vec<_> = skipped
            .iter()
            .map(|s| (s.index, s.kid.clone().unwrap_or_default(), s.reason.clone()))
            .collect();
        reported.sort();
        // Without `eddsa` an OKP key cannot be built at all; with it, X25519 is the wrong crv.
        let okp = if cfg!(feature = "eddsa") {
            "crv"
        } else {
            "feature eddsa"
        };
        let expect = [
            (1, "ed", okp),
            (2, "k256", "crv"),
            (3, "oaep", "alg"),
            (4, "sym", "symmetric"),
            (5, "enc", "use"),
            (7, "", "not a valid jwk"),
            (8, "", "not a valid jwk"),
            (9, "", "not a valid jwk"),
            (10, "numeric-kty", "not a valid jwk"),
            (11, "no-kty", "not a valid jwk"),
            (12, "", "not a valid jwk"),
        ];
        assert_eq!(reported.len(), expect.len(), "{reported:#?}");
        for ((index, kid, reason), (want_index, want_kid, want_reason)) in
            reported.iter().zip(expect)
        {
            assert_eq!((*index, kid.as_str()), (want_index, want_kid));
            assert!(
                reason.contains(want_reason),
                "entry {index}: {reason:?} should mention {want_reason:?}"
            );
        }
        // What was kept verifies; what was skipped is simply unknown.
        assert_eq!(sub_of(&keys, &token(&rs("good-rsa"), "ok")), "ok");
        assert!(matches!(
            keys.decode::<Value>(&token(&es("k256"), "x"), &validation()),
            Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == "k256"
        ));
    }

    #[test]
    fn allow_symmetric_keeps_the_oct_key_of_a_messy_set() {
        let set = JwkSet::from_json(&messy_set()).unwrap();
        let (keys, skipped) =
            KeySet::from_jwk_set_with(&set, KeySetOptions::new().allow_symmetric());
        assert_eq!(keys.keys().len(), 3);
        assert!(!skipped.iter().any(|s| s.kid.as_deref() == Some("sym")));
        let sym = Hs256Key::new(&[5u8; 32]).unwrap().with_key_id("sym");
        assert_eq!(sub_of(&keys, &token(&sym, "hs")), "hs");
    }

    #[test]
    fn skipped_indices_are_positions_in_the_document() {
        let doc = json!({"keys": [
            42,
            {"kty": "OKP", "crv": "X25519", "kid": "ed",
             "x": "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"},
        ]});
        let (_, skipped) = KeySet::from_jwks_json(&doc.to_string()).unwrap();
        let indices: Vec<_> = skipped.iter().map(|s| (s.index, s.kid.clone())).collect();
        // Observed: [(0, None), (0, Some("ed"))].
        assert_eq!(indices, [(0, None), (1, Some("ed".to_owned()))]);
    }

    #[test]
    fn rotation_from_key_a_to_key_b_with_an_overlap() {
        let a = es("2026-10");
        let b = es_b("2026-11");
        assert_ne!(
            a.verifying_key().thumbprint(),
            b.verifying_key().thumbprint()
        );

        // 1. Only A is published; the issuer signs with A.
        let jwks_1 = JwkSet::new().with_key(a.to_public_jwk()).to_public_json();
        let (keys_1, skipped) = KeySet::from_jwks_json(&jwks_1).unwrap();
        assert!(skipped.is_empty());
        let token_a = token(&a, "signed-by-a");
        assert_eq!(
            UntrustedToken::parse(&token_a).unwrap().header().key_id(),
            Some("2026-10"),
            "the signer stamps its kid"
        );
        assert_eq!(sub_of(&keys_1, &token_a), "signed-by-a");

        // 2. B is published next to A before anything is signed with it: resource servers
        // refresh their sets during this window.
        let jwks_2 = JwkSet::new()
            .with_key(a.to_public_jwk())
            .with_key(b.to_public_jwk())
            .to_public_json();
        let (keys_2, _) = KeySet::from_jwks_json(&jwks_2).unwrap();
        let token_b = token(&b, "signed-by-b");
        // Overlap: tokens from A (still unexpired) and from B both verify.
        assert_eq!(sub_of(&keys_2, &token_a), "signed-by-a");
        assert_eq!(sub_of(&keys_2, &token_b), "signed-by-b");
        // A server that has not refreshed yet does not know B: a clear error, not a guess.
        assert!(matches!(
            keys_1.decode::<Value>(&token_b, &validation()),
            Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == "2026-11"
        ));

        // 3. A is retired: only B is published, and A's tokens are refused.
        let jwks_3 = JwkSet::new().with_key(b.to_public_jwk()).to_public_json();
        let (keys_3, _) = KeySet::from_jwks_json(&jwks_3).unwrap();
        assert_eq!(sub_of(&keys_3, &token_b), "signed-by-b");
        assert!(matches!(
            keys_3.decode::<Value>(&token_a, &validation()),
            Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == "2026-10"
        ));
    }

    #[test]
    fn rotation_with_thumbprints_as_kids() {
        let a = es("placeholder");
        let a = a.clone().with_key_id(a.verifying_key().thumbprint());
        let b = es_b("placeholder");
        let b = b.clone().with_key_id(b.verifying_key().thumbprint());
        let overlap = KeySet::new()
            .with_key(a.verifying_key())
            .with_key(b.verifying_key());
        assert_eq!(sub_of(&overlap, &token(&a, "a")), "a");
        assert_eq!(sub_of(&overlap, &token(&b, "b")), "b");
        let after = KeySet::new().with_key(b.verifying_key());
        let a_thumbprint = a.verifying_key().thumbprint();
        assert!(matches!(
            after.decode::<Value>(&token(&a, "a"), &validation()),
            Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == a_thumbprint
        ));
    }

    #[test]
    fn rotation_across_algorithms_rs256_to_es256() {
        let old = rs("old");
        let new = es("new");
        let overlap = KeySet::new()
            .with_key(old.verifying_key())
            .with_key(new.verifying_key());
        let old_token = token(&old, "old");
        let new_token = token(&new, "new");
        assert_eq!(sub_of(&overlap, &old_token), "old");
        assert_eq!(sub_of(&overlap, &new_token), "new");
        let after = KeySet::new().with_key(new.verifying_key());
        assert!(matches!(
            after.decode::<Value>(&old_token, &validation()),
            Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == "old"
        ));
    }
}

#[test]
fn hs256_rotation_with_a_set_you_wrote_yourself() {
    let a = hs(1, "hs-a");
    let b = hs(2, "hs-b");
    let overlap = JwkSet::new()
        .with_key(a.to_secret_jwk())
        .with_key(b.to_secret_jwk());
    let options = KeySetOptions::new().allow_symmetric();
    let (keys, skipped) = KeySet::from_jwk_set_with(&overlap, options);
    assert!(skipped.is_empty());
    let token_a = token(&a, "a");
    let token_b = token(&b, "b");
    assert_eq!(sub_of(&keys, &token_a), "a");
    assert_eq!(sub_of(&keys, &token_b), "b");
    let (after, _) = KeySet::from_jwk_set_with(&JwkSet::new().with_key(b.to_secret_jwk()), options);
    assert!(matches!(
        after.decode::<Value>(&token_a, &validation()),
        Err(Error::Header(HeaderError::UnknownKeyId(kid))) if kid == "hs-a"
    ));
    assert_eq!(sub_of(&after, &token_b), "b");
}

// `try_all_keys` is bounded: past `MAX_TRY_ALL` keys of the token's algorithm a kid-less
// token is refused before any signature check (it used to try all 10,000 keys of a set).
#[test]
fn trying_all_keys_is_bounded() {
    let secret = |i: u8| Hs256Key::new(&[i; 32]).unwrap();
    let token = encode(
        &Header::new(),
        &serde_json::json!({"exp": NOW + 60}),
        &secret(1),
    )
    .unwrap();
    let mut at_limit = KeySet::new().try_all_keys();
    for i in 0..KeySet::MAX_TRY_ALL {
        at_limit = at_limit.with_key(secret(u8::try_from(i).unwrap() + 1));
    }
    assert!(at_limit.decode::<Value>(&token, &validation()).is_ok());
    let over = at_limit.with_key(secret(200));
    let err = over.decode::<Value>(&token, &validation()).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Header(HeaderError::TooManyCandidateKeys {
                candidates: 9,
                max: 8
            })
        ),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The JWK policy for key types that serve several algorithms (see `jwtcraft::Jwk`)
// ---------------------------------------------------------------------------------------------

/// An RSA JWK without `alg` in a fetched set becomes an RS256 key; a PS256 token naming it is
/// an algorithm mismatch, never a silent PS256 verification. The caller who knows the issuer
/// signs PS256 builds that key type from the same JWK.
#[cfg(feature = "rsa")]
#[test]
fn an_alg_less_rsa_jwk_is_rs256_in_a_set_and_whatever_the_caller_builds_otherwise() {
    use crate::common::alg::{AlgFixture, Ps256};
    use jwtcraft::{Jwk, Ps256VerifyingKey, Rs256VerifyingKey};

    let signer = Ps256::with_key_id(Ps256::signer(), "rsa-1");
    let mut bare: Value = serde_json::to_value(signer.to_public_jwk()).unwrap();
    bare.as_object_mut().unwrap().remove("alg");
    let bare = Jwk::from_json(&bare.to_string()).unwrap();
    assert_eq!(bare.algorithm(), None);

    let set = JwkSet::new().with_key(bare.clone());
    let (keys, skipped) = KeySet::from_jwk_set(&set);
    assert!(skipped.is_empty());
    assert_eq!(keys.keys()[0].algorithm(), Algorithm::Rs256);
    let ps256_token = token(&signer, "pss");
    assert!(matches!(
        keys.decode::<Value>(&ps256_token, &validation()),
        Err(Error::Header(HeaderError::AlgorithmMismatch {
            expected: Algorithm::Rs256,
            found: Algorithm::Ps256
        }))
    ));

    // The typed constructors accept it, each for its own algorithm.
    let ps = Ps256VerifyingKey::from_jwk(&bare).unwrap();
    let rs = Rs256VerifyingKey::from_jwk(&bare).unwrap();
    assert_eq!(
        (ps.algorithm(), rs.algorithm()),
        (Algorithm::Ps256, Algorithm::Rs256)
    );
    let keys = KeySet::new().with_key(ps);
    assert_eq!(sub_of(&keys, &ps256_token), "pss");

    // With alg, the JWK decides, and the typed constructor of another algorithm refuses it.
    let named = bare.with_algorithm(Algorithm::Ps256);
    assert_eq!(
        jwtcraft::TypedVerifyingKey::from_jwk(&named)
            .unwrap()
            .algorithm(),
        Algorithm::Ps256
    );
    assert!(matches!(
        Rs256VerifyingKey::from_jwk(&named),
        Err(KeyError::JwkMismatch { member: "alg", .. })
    ));
}

/// One Ed25519 key answers to one name. To accept both during a migration, the set holds it
/// twice under one `kid`; the token's `alg` then picks between them, as for any shared `kid`.
#[cfg(feature = "eddsa")]
#[test]
fn an_ed25519_key_under_both_names_in_one_set() {
    use crate::common::alg::{AlgFixture, Ed25519, EdDsa};

    let new_name = Ed25519::with_key_id(Ed25519::signer(), "ed-1");
    let old_name = EdDsa::with_key_id(EdDsa::signer(), "ed-1");
    let only_new = KeySet::new().with_key(new_name.verifying_key());
    assert_eq!(sub_of(&only_new, &token(&new_name, "new")), "new");
    assert!(matches!(
        only_new.decode::<Value>(&token(&old_name, "old"), &validation()),
        Err(Error::Header(HeaderError::AlgorithmMismatch {
            expected: Algorithm::Ed25519,
            found: Algorithm::EdDsa
        }))
    ));
    let both = only_new.with_key(old_name.verifying_key());
    assert_eq!(sub_of(&both, &token(&new_name, "new")), "new");
    assert_eq!(sub_of(&both, &token(&old_name, "old")), "old");
    // The two tokens differ only in their header, so their signatures differ too.
    assert_ne!(
        token(&new_name, "x").rsplit_once('.').unwrap().1,
        token(&old_name, "x").rsplit_once('.').unwrap().1
    );
}
