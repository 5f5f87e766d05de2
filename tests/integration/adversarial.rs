//! Adversarial inputs that the `attacks` and `malformed` modules do not already cover:
//!
//! - HS256 "signed" with the **JWK form** of the server's RS256 or ES256 public key (the JSON
//!   text, its RFC 7638 canonical form, or the raw `n` / `x` bytes) — the JWK flavour of the
//!   algorithm-confusion attack, against a bare key and a [`KeySet`] built from a JWK Set;
//! - hostile `kid` values (10 KB, path traversal, SQL, NUL and control characters, unicode):
//!   plain data, compared exactly, echoed cut to [`MAX_ECHO`] and escaped;
//! - deeply nested JSON in the header, the claims and every JSON-reading key constructor:
//!   a `Malformed`/key error from `serde_json`'s recursion limit, never a stack overflow;
//! - huge, long and odd numbers in claims (`1e400`, 5000-digit integers, `-0`, big
//!   exponents);
//! - no error text and no `Debug` output, across a broad set of failing operations, contains
//!   key material (hex, base64url, standard base64 or a PEM line of a private key or the
//!   HMAC secret);
//! - 10 MB inputs and 10 MB of dots refused fast through every entry point (timed, with a
//!   bound generous enough for a debug build on a busy machine).
//!
//! Every validation uses a [`FixedClock`]; only the timing test reads the clock, and only to
//! bound how long a rejection takes.

#![cfg(all(feature = "rsa", feature = "ecdsa"))]

use std::fmt;
use std::time::{Duration, Instant};

use crate::common::{
    assert_matches, b64, echoed, es_signing, es_verifying, forge, hex, is_printable_ascii,
    jwk_member, reject, rs_signing, rs_verifying, sources_text, validation, validation_at, RawHmac,
    EC_PRIVATE_PEM, EC_PRIVATE_PKCS8_DER, EC_PRIVATE_SEC1_DER, EC_PRIVATE_SEC1_PEM, EC_PUBLIC_PEM,
    NOW, RSA_PRIVATE_PEM, RSA_PRIVATE_PKCS1_DER, RSA_PRIVATE_PKCS1_PEM, RSA_PRIVATE_PKCS8_DER,
    RSA_PUBLIC_PEM,
};
use jwtcraft::{
    decode, decode_borrowed, encode, Algorithm, ClaimError, Error, Es256SigningKey,
    Es256VerifyingKey, Header, Hs256Key, Jwk, JwkSet, KeyError, KeySet, KeySetOptions, Limits,
    MalformedError, Rs256SigningKey, Rs256VerifyingKey, Segment, TypedVerifyingKey, UntrustedToken,
    Validation, Verifier, MAX_ECHO,
};
use jwtcraft::{HeaderError, SignatureError};
use serde_json::{json, Value};

/// The server's HMAC secret: binary (unlike `common::HS_SECRET`, which is text), so any
/// rendering of it in an error or `Debug` output is unmistakable.
const HS_SECRET: [u8; 32] = [
    0x9f, 0x03, 0xd1, 0x5a, 0x77, 0xe2, 0x1c, 0xb8, 0x46, 0x0d, 0xf3, 0x88, 0x2b, 0xc5, 0x61, 0x9a,
    0xe7, 0x14, 0x5f, 0xa2, 0x3c, 0xd8, 0x70, 0x0b, 0x96, 0x4e, 0xb1, 0x27, 0xfa, 0x63, 0x8c, 0x05,
];

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------------------------

fn hs_key() -> Hs256Key {
    Hs256Key::new(&HS_SECRET).unwrap()
}

/// Limits lifted far enough that the parsers, not the length checks, see the input.
fn roomy() -> Validation {
    validation().with_limits(
        Limits::default()
            .with_max_token_len(16 * 1024 * 1024)
            .with_max_header_len(16 * 1024 * 1024),
    )
}

fn good_claims() -> Value {
    json!({"sub": "user-1", "exp": NOW + 600})
}

/// The RFC 7638 thumbprint input of a public JWK: required members only, sorted, no spaces.
fn canonical_public_json(jwk: &Jwk) -> String {
    let value = serde_json::to_value(jwk).unwrap();
    let required: &[&str] = match jwk.key_type() {
        "RSA" => &["e", "kty", "n"],
        _ => &["crv", "kty", "x", "y"],
    };
    let members: Vec<String> = required
        .iter()
        .map(|name| format!("\"{name}\":{}", value[*name]))
        .collect();
    format!("{{{}}}", members.join(","))
}

// ---------------------------------------------------------------------------------------------
// HS256 keyed with the JWK form of a public key (CVE-2015-9235 / CVE-2022-29217, JWK flavour)
// ---------------------------------------------------------------------------------------------

/// Every "secret" an attacker could derive from a published public JWK.
fn secrets_from_public_jwk(jwk: &Jwk) -> Vec<(String, Vec<u8>)> {
    let mut out = vec![
        ("jwk json".to_owned(), serde_json::to_vec(jwk).unwrap()),
        (
            "pretty jwk json".to_owned(),
            serde_json::to_vec_pretty(jwk).unwrap(),
        ),
        (
            "rfc 7638 canonical json".to_owned(),
            canonical_public_json(jwk).into_bytes(),
        ),
        (
            "jwk set json".to_owned(),
            json!({ "keys": [jwk] }).to_string().into_bytes(),
        ),
    ];
    for name in ["n", "e", "x", "y"] {
        let value = serde_json::to_value(jwk).unwrap();
        if let Some(text) = value[name].as_str() {
            out.push((format!("{name} bytes"), jwk_member(jwk, name)));
            out.push((format!("{name} base64url text"), text.as_bytes().to_vec()));
        }
    }
    out
}

// The attacker takes the server's published RS256 or ES256 JWK and uses its JSON text (or the
// raw modulus / x coordinate) as an HMAC secret for an HS256 token. A library that lets the
// header choose the algorithm, and turns "the key" into HMAC key bytes, would verify it. The
// typed verifying key is bound to its algorithm: the token fails on `alg`, before any MAC.
#[test]
fn hs256_keyed_with_a_public_jwk_is_an_algorithm_mismatch() {
    let rs = rs_verifying();
    let es = es_verifying();
    for (public, verifier) in [
        (rs.to_jwk(), TypedVerifyingKey::from(rs.clone())),
        (es.to_jwk(), TypedVerifyingKey::from(es.clone())),
    ] {
        let expected = verifier.algorithm();
        for (what, secret) in secrets_from_public_jwk(&public) {
            let token = forge(
                r#"{"alg":"HS256","typ":"JWT"}"#,
                &good_claims().to_string(),
                &RawHmac(secret),
            );
            assert_matches!(
                reject(&token, &verifier, &validation()),
                Error::Header(HeaderError::AlgorithmMismatch { expected: e, found: Algorithm::Hs256 }) if e == expected,
            );
            // The same through the typed keys themselves, not just the enum.
            match &verifier {
                TypedVerifyingKey::Rs256(key) => assert_matches!(
                    reject(&token, key, &validation()),
                    Error::Header(HeaderError::AlgorithmMismatch { .. })
                ),
                TypedVerifyingKey::Es256(key) => assert_matches!(
                    reject(&token, key, &validation()),
                    Error::Header(HeaderError::AlgorithmMismatch { .. })
                ),
                other => panic!("unexpected key {other:?} for {what}"),
            }
        }
    }
}

// The resource server loads the issuer's JWK Set. The attacker signs HS256 with the JSON text
// of the set's RS256 or ES256 entry and names that entry's `kid`. The set picks the key by
// `kid`, finds it is not an HS256 key, and refuses: a kid never makes a key change algorithm.
// With `try_all_keys` and no `kid`, no HS256 key exists to try.
#[test]
fn hs256_keyed_with_a_jwk_is_refused_by_a_key_set_from_that_jwk_set() {
    let rs = rs_verifying().with_key_id("rsa-1").to_jwk();
    let es = es_verifying().with_key_id("ec-1").to_jwk();
    let jwks = json!({ "keys": [rs, es] }).to_string();
    let (set, skipped) = KeySet::from_jwks_json(&jwks).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    let any_key = KeySet::from_jwks_json(&jwks).unwrap().0.try_all_keys();

    for (jwk, kid, expected) in [
        (&rs, "rsa-1", Algorithm::Rs256),
        (&es, "ec-1", Algorithm::Es256),
    ] {
        for (_, secret) in secrets_from_public_jwk(jwk) {
            let attacker = RawHmac(secret);
            let header = format!(r#"{{"alg":"HS256","kid":"{kid}"}}"#);
            let token = forge(&header, &good_claims().to_string(), &attacker);
            assert_matches!(
                set.decode::<Value>(&token, &validation()),
                Err(Error::Header(HeaderError::AlgorithmMismatch { expected: e, found: Algorithm::Hs256 })) if e == expected,
            );
            let token = forge(r#"{"alg":"HS256"}"#, &good_claims().to_string(), &attacker);
            assert_matches!(
                set.decode::<Value>(&token, &validation()),
                Err(Error::Header(HeaderError::MissingKeyId))
            );
            assert_matches!(
                any_key.decode::<Value>(&token, &validation()),
                Err(Error::Header(HeaderError::MissingKeyId))
            );
        }
    }
}

// A JWK Set that slips in an `oct` entry whose `k` is the RSA modulus, under the RSA key's
// `kid` (a tampered or attacker-influenced JWKS document). Key sets refuse symmetric keys
// unless explicitly allowed, so the entry is skipped and the HS256 token still meets the
// RS256 key.
#[test]
fn oct_entry_smuggled_into_a_jwk_set_is_skipped() {
    let rs = rs_verifying().with_key_id("rsa-1").to_jwk();
    let n = jwk_member(&rs, "n");
    let smuggled = json!({"kty": "oct", "kid": "rsa-1", "k": b64(&n)});
    let jwks = json!({ "keys": [smuggled, rs] }).to_string();
    let (set, skipped) = KeySet::from_jwks_json(&jwks).unwrap();
    assert_eq!(set.keys().len(), 1);
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].kid.as_deref(), Some("rsa-1"));
    let token = forge(
        r#"{"alg":"HS256","kid":"rsa-1"}"#,
        &good_claims().to_string(),
        &RawHmac(n),
    );
    assert_matches!(
        set.decode::<Value>(&token, &validation()),
        Err(Error::Header(HeaderError::AlgorithmMismatch {
            expected: Algorithm::Rs256,
            found: Algorithm::Hs256
        }))
    );
}

// A public JWK that claims `"alg":"HS256"` (or is re-labelled `kty":"oct"` with its `n` as
// `k`) never becomes an HMAC key through the asymmetric constructors, and a JWK whose `alg`
// names another family never becomes a verifying key for it.
#[test]
fn public_jwk_relabelled_for_hmac_is_refused() {
    let rs = rs_verifying().to_jwk();
    let mut value = serde_json::to_value(&rs).unwrap();
    value["alg"] = json!("HS256");
    let relabelled = Jwk::from_json(&value.to_string()).unwrap();
    assert_matches!(
        Rs256VerifyingKey::from_jwk(&relabelled),
        Err(KeyError::JwkMismatch { member: "alg", .. })
    );
    assert_matches!(
        Hs256Key::from_jwk(&relabelled),
        Err(KeyError::JwkMismatch { member: "kty", .. })
    );
    assert_matches!(
        TypedVerifyingKey::from_jwk(&relabelled),
        Err(KeyError::JwkMismatch { member: "alg", .. })
    );
    let es = es_verifying().to_jwk();
    let mut value = serde_json::to_value(&es).unwrap();
    value["alg"] = json!("HS256");
    let relabelled = Jwk::from_json(&value.to_string()).unwrap();
    assert_matches!(
        Es256VerifyingKey::from_jwk(&relabelled),
        Err(KeyError::JwkMismatch { member: "alg", .. })
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile kid values
// ---------------------------------------------------------------------------------------------

fn hostile_kids() -> Vec<(&'static str, String)> {
    vec![
        ("10 KB", "A".repeat(10 * 1024)),
        ("10 KB of 4-byte characters", "\u{1F511}".repeat(2560)),
        ("path traversal", "../../../../etc/passwd".to_owned()),
        ("windows path", "..\\..\\windows\\win.ini".to_owned()),
        ("file url", "file:///dev/random".to_owned()),
        (
            "sql",
            "x' UNION SELECT key FROM keys WHERE '1'='1".to_owned(),
        ),
        ("sql comment", "1; DROP TABLE keys; --".to_owned()),
        ("nul", "k1\0".to_owned()),
        ("only nul", "\0".to_owned()),
        (
            "crlf log injection",
            "k1\r\nlevel=admin msg=\"forged\"".to_owned(),
        ),
        ("ansi escape", "\u{1b}[2J\u{1b}[31mk1".to_owned()),
        ("control characters", (0u8..0x20).map(char::from).collect()),
        ("delete", "\u{7f}".to_owned()),
        ("right-to-left override", "\u{202e}1k".to_owned()),
        ("zero-width", "k\u{200b}1".to_owned()),
        ("fullwidth", "\u{ff4b}\u{ff11}".to_owned()),
        ("combining", "k\u{0301}1".to_owned()),
        ("case", "K1".to_owned()),
        ("trailing space", "k1 ".to_owned()),
        ("leading space", " k1".to_owned()),
        ("empty", String::new()),
        ("format string", "%s%s%n{}{0}${jndi:ldap://x}".to_owned()),
        ("unpaired surrogate escape", "\u{fffd}".to_owned()),
        ("json in kid", r#"{"kid":"k1"}"#.to_owned()),
        ("html", "<script>alert(1)</script>".to_owned()),
    ]
}

// A `kid` is data chosen by the attacker: it must not be used as a path, a query or a format
// string, must match exactly (no trimming, case folding or unicode normalization), and when
// it matches nothing the error repeats at most `MAX_ECHO` characters of it, escaped, so a log
// line cannot be flooded or forged. It never panics, whatever its bytes.
#[test]
fn hostile_kids_are_unknown_key_ids_echoed_short_and_escaped() {
    let set = KeySet::new()
        .with_key(hs_key().with_key_id("k1"))
        .with_key(rs_verifying().with_key_id("k1"))
        .with_key(es_verifying().with_key_id("k1"));
    // The signer has no kid of its own, so the header's is written as is.
    let signer = hs_key();
    for (what, kid) in hostile_kids() {
        let token = encode(&Header::new().with_key_id(&kid), &good_claims(), &signer).unwrap();
        // Past the default limits for the long ones; lift them so the kid reaches the set.
        let err = set.decode::<Value>(&token, &roomy()).unwrap_err();
        let expected = echoed(&kid);
        assert_matches!(err, Error::Header(HeaderError::UnknownKeyId(ref id)) if *id == expected);
        let message = err.to_string();
        assert_eq!(message, format!("no key with id \"{expected}\""), "{what}");
        assert!(
            message.chars().count() <= "no key with id \"\"".len() + 10 * MAX_ECHO,
            "{what}: {message}"
        );
        assert!(
            is_printable_ascii(&message),
            "{what}: not printable ascii: {message:?}"
        );
        // The kid is still readable, unchanged, from the untrusted header.
        let untrusted = UntrustedToken::parse_with_limits(&token, roomy().limits()).unwrap();
        assert_eq!(untrusted.header().key_id(), Some(kid.as_str()), "{what}");
    }
}

// The 10 KB kids are refused under the default limits before any JSON is read: the header
// limit (2 KiB) applies to the encoded header.
#[test]
fn huge_kid_is_refused_by_the_default_header_limit() {
    let set = KeySet::new().with_key(hs_key().with_key_id("k1"));
    let kid = "A".repeat(10 * 1024);
    let token = encode(&Header::new().with_key_id(&kid), &good_claims(), &hs_key()).unwrap();
    assert_matches!(
        set.decode::<Value>(&token, &validation()),
        Err(Error::Malformed(MalformedError::HeaderTooLong {
            max: 2048,
            ..
        }))
    );
}

// A kid that is not a string (number, null, array, object, bool) is a malformed header, not
// "no kid" (which would fall back to `try_all_keys`) and not a stringified match.
#[test]
fn non_string_kid_is_malformed() {
    let set = KeySet::new()
        .with_key(hs_key().with_key_id("1"))
        .try_all_keys();
    for kid in ["1", "null", "[\"1\"]", "{\"kid\":\"1\"}", "true", "1.0"] {
        let header = format!(r#"{{"alg":"HS256","kid":{kid}}}"#);
        let token = forge(&header, &good_claims().to_string(), &hs_key());
        assert_matches!(
            set.decode::<Value>(&token, &validation()),
            Err(Error::Malformed(MalformedError::Json {
                segment: Segment::Header,
                ..
            })),
        );
    }
}

// A kid written with JSON escapes is the same string once decoded and matches; the escapes
// cannot smuggle in a second, different comparison.
#[test]
fn escaped_kid_matches_exactly_its_decoded_value() {
    let set = KeySet::new().with_key(hs_key().with_key_id("k1"));
    let token = forge(
        r#"{"alg":"HS256","kid":"\u006b\u0031"}"#,
        &good_claims().to_string(),
        &hs_key(),
    );
    assert!(set.decode::<Value>(&token, &validation()).is_ok());
    let token = forge(
        r#"{"alg":"HS256","kid":"k1\u0000"}"#,
        &good_claims().to_string(),
        &hs_key(),
    );
    assert_matches!(
        set.decode::<Value>(&token, &validation()),
        Err(Error::Header(HeaderError::UnknownKeyId(ref kid))) if kid == "k1\\u{0}"
    );
}

// ---------------------------------------------------------------------------------------------
// Deeply nested JSON
// ---------------------------------------------------------------------------------------------

const DEPTH: usize = 100_000;

fn nested_arrays(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

fn nested_objects(depth: usize) -> String {
    format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth))
}

/// Unterminated nesting: the parser must give up on depth before it notices the end.
fn open_arrays(depth: usize) -> String {
    "[".repeat(depth)
}

#[track_caller]
fn assert_recursion_limit(err: &Error, segment: Segment) {
    assert_matches!(
        err,
        Error::Malformed(MalformedError::Json { segment: s, reason })
            if *s == segment && reason.contains("recursion limit")
    );
}

// 100 000 levels of `[` or `{"a":` as the whole header, or inside a header parameter. With
// the limits lifted so the parser sees it all, `serde_json`'s recursion limit (128) ends it
// with a malformed-header error; nothing recurses 100 000 deep and overflows the stack.
#[test]
fn deeply_nested_header_is_malformed() {
    let key = hs_key();
    let payload = good_claims().to_string();
    let inside = |nested: &str| format!(r#"{{"alg":"HS256","x":{nested}}}"#);
    for header in [
        nested_arrays(DEPTH),
        nested_objects(DEPTH),
        open_arrays(DEPTH),
        inside(&nested_arrays(DEPTH)),
        inside(&nested_objects(DEPTH)),
        format!(r#"{{"alg":"HS256","crit":{}}}"#, nested_arrays(DEPTH)),
    ] {
        let token = forge(&header, &payload, &key);
        let err = UntrustedToken::parse_with_limits(&token, roomy().limits()).unwrap_err();
        let first = header.chars().take(24).collect::<String>();
        assert!(matches!(err, Error::Malformed(_)), "{first}: {err:?}");
        let err = reject(&token, &key, &roomy());
        if header.starts_with(r#"{"alg"#) && !header.contains("crit") {
            assert_recursion_limit(&err, Segment::Header);
        } else {
            assert_matches!(
                err,
                Error::Malformed(MalformedError::Json {
                    segment: Segment::Header,
                    ..
                })
            );
        }
    }
}

// The same in the claims, behind a valid signature: the payload reader refuses it before
// any claims type sees it, for owned, borrowed and key-set decoding and for
// `unverified_claims`.
#[test]
fn deeply_nested_claims_are_malformed() {
    let key = hs_key().with_key_id("k1");
    let set = KeySet::new().with_key(key.clone());
    let inside = |nested: &str| format!(r#"{{"exp":{},"x":{nested}}}"#, NOW + 600);
    for payload in [
        nested_arrays(DEPTH),
        nested_objects(DEPTH),
        open_arrays(DEPTH),
        inside(&nested_arrays(DEPTH)),
        inside(&nested_objects(DEPTH)),
        inside(&open_arrays(DEPTH)),
        format!(r#"{{"exp":{},"aud":{}}}"#, NOW + 600, nested_arrays(DEPTH)),
    ] {
        let token = forge(r#"{"alg":"HS256","kid":"k1"}"#, &payload, &key);
        let err = reject(&token, &key, &roomy());
        assert_matches!(
            err,
            Error::Malformed(MalformedError::Json {
                segment: Segment::Payload,
                ..
            })
        );
        if payload.starts_with(r#"{"exp"#) {
            assert_recursion_limit(&err, Segment::Payload);
        }
        let mut buffer = Vec::new();
        assert_matches!(
            decode_borrowed::<Value>(&token, &key, &roomy(), &mut buffer),
            Err(Error::Malformed(_))
        );
        assert_matches!(
            set.decode::<Value>(&token, &roomy()),
            Err(Error::Malformed(_))
        );
        let untrusted = UntrustedToken::parse_with_limits(&token, roomy().limits()).unwrap();
        assert_matches!(
            untrusted.unverified_claims::<Value>(),
            Err(Error::Malformed(_))
        );
    }
}

// Nesting just under the limit is ordinary data and round-trips; just over it is refused.
// Pins where the line is, so a dependency change that removes the limit is noticed.
#[test]
fn nesting_limit_boundary_in_claims() {
    let key = hs_key();
    let at = |depth: usize| format!(r#"{{"exp":{},"x":{}}}"#, NOW + 600, nested_arrays(depth));
    // The claims object itself is one level: 127 levels in all pass, 128 do not.
    let token = forge(r#"{"alg":"HS256"}"#, &at(126), &key);
    let verified = decode::<Value>(&token, &key, &validation()).unwrap();
    assert!(verified.claims()["x"].is_array());
    let token = forge(r#"{"alg":"HS256"}"#, &at(127), &key);
    assert_recursion_limit(&reject(&token, &key, &validation()), Segment::Payload);
}

// Every constructor that reads JSON refuses deep nesting with a key error, without
// overflowing the stack. Inside a JWK Set, a deep entry is one bad entry: it is skipped and
// reported, and the rest of the set loads (it used to fail the whole set).
#[test]
fn deeply_nested_jwk_documents_are_refused() {
    let deep = [
        nested_arrays(DEPTH),
        nested_objects(DEPTH),
        open_arrays(DEPTH),
        format!(
            r#"{{"kty":"oct","k":"AAAA","x5c":{}}}"#,
            nested_arrays(DEPTH)
        ),
        format!(r#"{{"keys":{}"#, open_arrays(DEPTH)),
    ];
    for entry in [nested_arrays(DEPTH), nested_objects(DEPTH)] {
        let json = format!(
            r#"{{"keys":[{entry},{}]}}"#,
            serde_json::to_string(&hs_key().with_key_id("ok").to_secret_jwk()).unwrap()
        );
        assert_matches!(Jwk::from_json(&entry), Err(KeyError::Jwk(_)));
        let set = JwkSet::from_json(&json).unwrap();
        assert_eq!(set.keys().len(), 1);
        assert_eq!(set.skipped().len(), 1);
        assert_eq!(set.skipped()[0].index, 0);
        assert!(
            set.skipped()[0].reason.contains("recursion limit"),
            "{:?}",
            set.skipped()
        );
        let (keys, skipped) =
            KeySet::from_jwk_set_with(&set, KeySetOptions::new().allow_symmetric());
        assert_eq!((keys.keys().len(), skipped.len()), (1, 1));
    }
    for json in &deep {
        assert_matches!(
            Jwk::from_json(json),
            Err(KeyError::JwkJson(_) | KeyError::Jwk(_))
        );
        assert_matches!(
            JwkSet::from_json(json),
            Err(KeyError::JwkJson(_) | KeyError::Jwk(_))
        );
        assert_matches!(
            KeySet::from_jwks_json(json),
            Err(KeyError::JwkJson(_) | KeyError::Jwk(_))
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Huge and odd numbers in claims
// ---------------------------------------------------------------------------------------------

// Numbers `serde_json` cannot hold as an `f64` (1e400, a 5000-digit integer) make the claims
// malformed wherever they are, registered claim or not; they are never clamped to a date.
#[test]
fn numbers_beyond_f64_make_the_claims_malformed() {
    let key = hs_key();
    let digits = format!("1{}", "0".repeat(5000));
    for number in [
        "1e400".to_owned(),
        "-1e400".to_owned(),
        "1E+309".to_owned(),
        digits.clone(),
        format!("-{digits}"),
        format!("{digits}.5"),
    ] {
        for payload in [
            format!(r#"{{"exp":{number}}}"#),
            format!(r#"{{"exp":{},"n":{number}}}"#, NOW + 600),
            format!(r#"{{"exp":{},"n":[{{"m":{number}}}]}}"#, NOW + 600),
        ] {
            let token = forge(r#"{"alg":"HS256"}"#, &payload, &key);
            let err = reject(&token, &key, &validation());
            assert_matches!(
                err,
                Error::Malformed(MalformedError::Json {
                    segment: Segment::Payload,
                    ..
                })
            );
            // The error names the problem, not the 5000 digits.
            assert!(err.to_string().len() < 200, "{err}");
        }
    }
}

// Numbers that are valid JSON and fit an `f64`, at the edges: `-0`, underflow to zero, long
// fractions and exponents. As `exp` (here without leeway), each is read as its value rounded
// down, so a fraction never extends a token's life; as private claims they pass through
// exactly as `serde_json` reads them.
#[test]
fn odd_but_valid_numbers_in_claims() {
    let key = hs_key();
    let no_leeway = validation().with_leeway(Duration::ZERO);
    for (exp, expired) in [
        ("-0", true),
        ("-0.0", true),
        ("0e0", true),
        ("1e-400", true),
        ("-1e-400", true),
        ("4.9e-324", true),
        // Valid while now < exp: exactly now is expired, and so is now plus a fraction.
        ("1700000000", true),
        ("1700000000.5", true),
        ("17000000.00000000000000000000e2", true),
        ("1.7e9", true),
        // More fraction digits than an f64 holds: the number rounds to 1700000001.0 before
        // it is rounded down. At most a second, and only for a fraction this close to it.
        ("1700000000.99999999999999999", false),
        ("1700000001", false),
        ("1.8e9", false),
        ("18e8", false),
        ("9.2e18", false),
        ("9223372036854775807", false),
    ] {
        let token = forge(r#"{"alg":"HS256"}"#, &format!(r#"{{"exp":{exp}}}"#), &key);
        let result = decode::<Value>(&token, &key, &no_leeway);
        if expired {
            assert_matches!(result, Err(Error::Claims(ClaimError::Expired)));
        } else {
            assert!(result.is_ok(), "exp {exp}: {result:?}");
        }
    }
    let exp = NOW + 600;
    for number in [
        "-0",
        "-0.0",
        "1e-400",
        "1.7976931348623157e308",
        "-9223372036854775808",
        "18446744073709551615",
        "18446744073709551616",
        "0.1000000000000000055511151231257827",
        "123456789012345678901234567890",
    ] {
        let token = forge(
            r#"{"alg":"HS256"}"#,
            &format!(r#"{{"exp":{exp},"n":{number}}}"#),
            &key,
        );
        let verified = decode::<Value>(&token, &key, &validation()).unwrap();
        let expected: Value = serde_json::from_str(number).unwrap();
        assert!(expected.is_number());
        assert_eq!(verified.claims()["n"], expected, "{number}");
    }
}

// A 100 000-digit number (inside lifted limits) is refused in linear time: no quadratic
// big-number parsing.
#[test]
fn very_long_number_is_refused_quickly() {
    let key = hs_key();
    let payload = format!(r#"{{"exp":1{}}}"#, "0".repeat(100_000));
    let token = forge(r#"{"alg":"HS256"}"#, &payload, &key);
    let started = Instant::now();
    let err = reject(&token, &key, &roomy());
    let elapsed = started.elapsed();
    println!("100 000-digit exp refused in {elapsed:?}");
    assert_matches!(err, Error::Malformed(MalformedError::Json { .. }));
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

// ---------------------------------------------------------------------------------------------
// No key material in errors or Debug output
// ---------------------------------------------------------------------------------------------

/// The secrets held by the fixture keys, by name.
fn secrets() -> Vec<(String, Vec<u8>)> {
    let mut out = vec![("hmac secret".to_owned(), HS_SECRET.to_vec())];
    let rsa = rs_signing().to_private_jwk();
    for name in ["d", "p", "q", "dp", "dq", "qi"] {
        out.push((format!("rsa {name}"), jwk_member(&rsa, name)));
    }
    out.push((
        "ec d".to_owned(),
        jwk_member(&es_signing().to_private_jwk(), "d"),
    ));
    out
}

/// Every text form of a secret a careless `Debug` or message could print, at least 8 bytes'
/// worth so that a match is never chance.
fn renderings(secret: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for window in [secret, &secret[..8], &secret[secret.len() - 8..]] {
        out.push(hex(window));
        out.push(hex(window).to_uppercase());
    }
    out.push(b64(secret));
    out.push(b64(secret).replace('-', "+").replace('_', "/"));
    out.push(b64(&secret[..12]));
    // `Debug` of a byte slice: "[159, 3, 209, ...".
    let list = format!("{:?}", &secret[..8]);
    out.push(list.trim_end_matches(']').to_owned());
    out
}

/// The base64 lines of the private-key PEM fixtures that hold private material: a line that
/// also occurs in the public key's PEM or JWK is public and skipped.
fn private_pem_lines() -> Vec<String> {
    let public = format!(
        "{RSA_PUBLIC_PEM}{EC_PUBLIC_PEM}{:?}{:?}",
        rs_verifying().to_jwk(),
        es_verifying().to_jwk()
    );
    [
        RSA_PRIVATE_PEM,
        RSA_PRIVATE_PKCS1_PEM,
        EC_PRIVATE_PEM,
        EC_PRIVATE_SEC1_PEM,
    ]
    .iter()
    .flat_map(|pem| pem.lines())
    .filter(|line| !line.starts_with("-----") && line.len() >= 16 && !public.contains(line))
    .map(str::to_owned)
    .collect()
}

/// The error, its `Debug`, and every error in its source chain, as text.
fn error_text(err: &(impl std::error::Error + 'static)) -> String {
    format!("{err} {err:?} {err:#?}{}", sources_text(err))
}

struct Leaks {
    secrets: Vec<(String, Vec<String>)>,
    pem_lines: Vec<String>,
    checked: usize,
}

impl Leaks {
    fn new() -> Self {
        Leaks {
            secrets: secrets()
                .into_iter()
                .map(|(name, bytes)| (name, renderings(&bytes)))
                .collect(),
            pem_lines: private_pem_lines(),
            checked: 0,
        }
    }

    #[track_caller]
    fn check_text(&mut self, what: &str, text: &str) {
        self.checked += 1;
        if let Some(found) = self.find(text) {
            panic!("{what} shows {found}: {text}");
        }
    }

    /// Which secret `text` shows, and how, if it shows one.
    fn find(&self, text: &str) -> Option<String> {
        for (name, forms) in &self.secrets {
            if let Some(form) = forms.iter().find(|form| text.contains(form.as_str())) {
                return Some(format!("the {name} as {form:?}"));
            }
        }
        self.pem_lines
            .iter()
            .find(|line| text.contains(line.as_str()))
            .map(|line| format!("the private PEM line {line:?}"))
    }

    #[track_caller]
    fn check_err<T: fmt::Debug, E: std::error::Error + 'static>(
        &mut self,
        what: &str,
        result: Result<T, E>,
    ) {
        match result {
            Err(err) => self.check_text(what, &error_text(&err)),
            // Some operations succeed; their `Debug` must be clean as well.
            Ok(value) => self.check_text(what, &format!("{value:?} {value:#?}")),
        }
    }

    /// Fails if fewer than `count` outputs were checked: the sweep must not go quiet.
    #[track_caller]
    fn at_least(&self, count: usize) {
        assert!(
            self.checked >= count,
            "only {} outputs checked",
            self.checked
        );
    }

    #[track_caller]
    fn check_debug(&mut self, what: &str, value: &impl fmt::Debug) {
        self.check_text(what, &format!("{value:?} {value:#?}"));
    }
}

/// A DER document with byte `i` flipped.
fn flipped(der: &[u8], i: usize) -> Vec<u8> {
    let mut out = der.to_vec();
    out[i] ^= 0x41;
    out
}

// The detector itself: every rendering of every secret, and every private PEM line, embedded
// in other text, is found. Without this, a sweep that checks nothing would pass.
#[test]
fn leak_detector_finds_every_rendering() {
    let leaks = Leaks::new();
    assert_eq!(leaks.secrets.len(), 8);
    assert!(leaks.pem_lines.len() > 20, "{}", leaks.pem_lines.len());
    for (name, forms) in &leaks.secrets {
        for form in forms {
            let text = format!("Error {{ detail: \"{form}\" }}");
            assert!(leaks.find(&text).is_some(), "{name}: {form} not found");
        }
    }
    for line in &leaks.pem_lines {
        assert!(leaks.find(&format!("x{line}x")).is_some());
    }
    let jwk = format!("{:?}", rs_signing().to_private_jwk());
    assert!(
        leaks.find(&jwk).is_none(),
        "a redacted jwk shows {:?}",
        leaks.find(&jwk)
    );
    let unredacted = serde_json::to_string(&rs_signing().to_private_jwk()).unwrap();
    assert!(leaks.find(&unredacted).is_some());
    assert!(leaks.find(&format!("{:?}", &HS_SECRET)).is_some());
}

// Errors are logged, and `Debug` output ends up in panics and traces. Neither may ever carry
// a private key, the HMAC secret, or a piece of either (hex, base64url, standard base64, a
// byte list, or a line of the private PEM files), however the operation failed. These tests
// sweep failing operations by input kind; `Leaks` checks every text they produce.
//
// PEM: private key documents handed to the HMAC constructor and to every PEM constructor of
// the wrong form, and with a damaged body.
#[test]
fn pem_errors_do_not_contain_key_material() {
    let mut leaks = Leaks::new();
    leaks.check_err("hmac from a short secret", Hs256Key::new(&HS_SECRET[..31]));
    for pem in [
        RSA_PRIVATE_PEM,
        RSA_PRIVATE_PKCS1_PEM,
        EC_PRIVATE_PEM,
        EC_PRIVATE_SEC1_PEM,
    ] {
        leaks.check_err("hmac from a pem", Hs256Key::new(pem.as_bytes()));
        leaks.check_err("rsa pkcs1 from pem", Rs256SigningKey::from_pkcs1_pem(pem));
        leaks.check_err("rsa pkcs8 from pem", Rs256SigningKey::from_pkcs8_pem(pem));
        leaks.check_err("rsa public from pem", Rs256VerifyingKey::from_pem(pem));
        leaks.check_err("ec sec1 from pem", Es256SigningKey::from_sec1_pem(pem));
        leaks.check_err("ec pkcs8 from pem", Es256SigningKey::from_pkcs8_pem(pem));
        leaks.check_err(
            "ec public from pem",
            Es256VerifyingKey::from_public_key_pem(pem),
        );
        // A damaged body: one character changed in the middle.
        let mid = pem.len() / 2;
        let mut damaged = pem.to_owned();
        let swap = if &pem[mid..=mid] == "A" { "B" } else { "A" };
        damaged.replace_range(mid..=mid, swap);
        leaks.check_err("damaged rsa pem", Rs256SigningKey::from_pem(&damaged));
        leaks.check_err("damaged ec pem", Es256SigningKey::from_pem(&damaged));
    }
    leaks.at_least(37);
}

// DER: private keys in every DER form, whole, truncated and with bytes flipped, through
// every DER constructor.
#[test]
fn der_errors_do_not_contain_key_material() {
    let mut leaks = Leaks::new();
    for der in [
        RSA_PRIVATE_PKCS8_DER,
        RSA_PRIVATE_PKCS1_DER,
        EC_PRIVATE_PKCS8_DER,
        EC_PRIVATE_SEC1_DER,
    ] {
        let mut variants = vec![der.to_vec()];
        variants
            .extend([1, 2, der.len() / 3, der.len() / 2, der.len() - 1].map(|n| der[..n].to_vec()));
        variants.extend([4, 9, 20, der.len() / 2, der.len() - 2].map(|i| flipped(der, i)));
        for bytes in &variants {
            leaks.check_err("hmac from der", Hs256Key::new(bytes));
            leaks.check_err("rsa pkcs8 der", Rs256SigningKey::from_pkcs8_der(bytes));
            leaks.check_err("rsa pkcs1 der", Rs256SigningKey::from_pkcs1_der(bytes));
            leaks.check_err(
                "rsa spki der",
                Rs256VerifyingKey::from_public_key_der(bytes),
            );
            leaks.check_err("ec pkcs8 der", Es256SigningKey::from_pkcs8_der(bytes));
            leaks.check_err("ec sec1 der", Es256SigningKey::from_sec1_der(bytes));
            leaks.check_err("ec spki der", Es256VerifyingKey::from_public_key_der(bytes));
            leaks.check_err("ec point", Es256VerifyingKey::from_sec1_bytes(bytes));
        }
    }
    leaks.at_least(200);
}

// Components: an EC scalar of the wrong length, RSA numbers that do not form a key (wrong
// `d`, `p` twice, a secret number as the modulus).
#[test]
fn component_errors_do_not_contain_key_material() {
    let mut leaks = Leaks::new();
    let rsa_jwk = rs_signing().to_private_jwk();
    let ec_jwk = es_signing().to_private_jwk();
    let ec_d = jwk_member(&ec_jwk, "d");
    leaks.check_err(
        "ec scalar too long",
        Es256SigningKey::from_scalar(&[ec_d.clone(), ec_d.clone()].concat()),
    );
    leaks.check_err("ec scalar short", Es256SigningKey::from_scalar(&ec_d[..31]));
    let [modulus, exponent, private, prime_p, prime_q] =
        ["n", "e", "d", "p", "q"].map(|m| jwk_member(&rsa_jwk, m));
    let bad_d = flipped(&private, 10);
    leaks.check_err(
        "rsa wrong d",
        Rs256SigningKey::from_components(&modulus, &exponent, &bad_d, &prime_p, &prime_q),
    );
    leaks.check_err(
        "rsa p for q",
        Rs256SigningKey::from_components(&modulus, &exponent, &private, &prime_p, &prime_p),
    );
    leaks.check_err(
        "rsa d as n",
        Rs256SigningKey::from_components(&private, &exponent, &private, &prime_p, &prime_q),
    );
    leaks.check_err(
        "rsa d as modulus",
        Rs256VerifyingKey::from_components(&private, &exponent),
    );
    leaks.check_err(
        "rsa p as modulus",
        Rs256VerifyingKey::from_components(&prime_p, &exponent),
    );
    leaks.at_least(7);
}

// JWK: private JWKs of each type given to every constructor, then damaged member by member,
// alone and inside JWK Sets and key sets (whose skip reasons must not quote them).
#[test]
fn jwk_errors_and_debug_do_not_contain_key_material() {
    let mut leaks = Leaks::new();
    let rsa_jwk = rs_signing().to_private_jwk();
    let ec_jwk = es_signing().to_private_jwk();
    let oct_jwk = hs_key().with_key_id("s1").to_secret_jwk();
    for jwk in [&rsa_jwk, &ec_jwk, &oct_jwk] {
        leaks.check_err("hs from jwk", Hs256Key::from_jwk(jwk));
        leaks.check_err("rs signing from jwk", Rs256SigningKey::from_jwk(jwk));
        leaks.check_err("rs verifying from jwk", Rs256VerifyingKey::from_jwk(jwk));
        leaks.check_err("es signing from jwk", Es256SigningKey::from_jwk(jwk));
        leaks.check_err("es verifying from jwk", Es256VerifyingKey::from_jwk(jwk));
        leaks.check_err("verifying key from jwk", TypedVerifyingKey::from_jwk(jwk));
        leaks.check_debug("private jwk", jwk);
        leaks.check_debug("public form of a private jwk", &jwk.to_public());
        let value = serde_json::to_value(jwk).unwrap();
        for (member, bad) in [
            ("alg", json!("RS512")),
            ("use", json!("enc")),
            ("key_ops", json!(["encrypt"])),
            ("kty", json!(7)),
            ("kid", json!({"a": 1})),
            ("d", json!("!!not base64!!")),
            ("k", json!(12)),
            ("oth", json!([{}])),
        ] {
            let mut damaged = value.clone();
            damaged[member] = bad;
            let text = damaged.to_string();
            leaks.check_err("damaged jwk json", Jwk::from_json(&text));
            if let Ok(jwk) = Jwk::from_json(&text) {
                leaks.check_err("hs from damaged jwk", Hs256Key::from_jwk(&jwk));
                leaks.check_err("rs from damaged jwk", Rs256SigningKey::from_jwk(&jwk));
                leaks.check_err("es from damaged jwk", Es256SigningKey::from_jwk(&jwk));
                leaks.check_err(
                    "verifying key from damaged jwk",
                    TypedVerifyingKey::from_jwk(&jwk),
                );
            }
            // Inside a JWK Set: the skipped entry's reason must not quote it either.
            let set = json!({ "keys": [damaged, value] }).to_string();
            leaks.check_err("jwk set with a damaged entry", JwkSet::from_json(&set));
            leaks.check_err("key set with a damaged entry", KeySet::from_jwks_json(&set));
            if let Ok(parsed) = JwkSet::from_json(&set) {
                leaks.check_text("jwk set public json", &parsed.to_public_json());
                let (keys, skipped) =
                    KeySet::from_jwk_set_with(&parsed, KeySetOptions::new().allow_symmetric());
                leaks.check_debug("key set", &keys);
                leaks.check_debug("skipped keys", &skipped);
            }
        }
    }
    let truncated = serde_json::to_string(&rsa_jwk).unwrap();
    leaks.check_err(
        "truncated jwk json",
        Jwk::from_json(&truncated[..truncated.len() / 2]),
    );
    leaks.check_err(
        "truncated jwk set json",
        JwkSet::from_json(&format!(
            r#"{{"keys":[{}"#,
            &truncated[..truncated.len() - 3]
        )),
    );
    leaks.at_least(200);
}

// Verification failures, a `kid` conflict on encode, and the `Debug` of every type that
// holds a key or a private JWK.
#[test]
fn verification_errors_and_key_debug_do_not_contain_key_material() {
    let mut leaks = Leaks::new();
    let rsa_jwk = rs_signing().to_private_jwk();
    let ec_jwk = es_signing().to_private_jwk();
    let oct_jwk = hs_key().with_key_id("s1").to_secret_jwk();
    let hs = hs_key().with_key_id("s1");
    let token = encode(&Header::new(), &good_claims(), &hs).unwrap();
    let (input, _) = token.rsplit_once('.').unwrap();
    let forged = format!("{input}.{}", b64(&[0u8; 32]));
    leaks.check_err("bad hmac", decode::<Value>(&forged, &hs, &validation()));
    leaks.check_err(
        "hs token, rs key",
        decode::<Value>(&token, &rs_verifying(), &validation()),
    );
    leaks.check_err(
        "expired",
        decode::<Value>(&token, &hs, &validation_at(NOW + 9999)),
    );
    leaks.check_err(
        "kid conflict",
        encode(&Header::new().with_key_id("other"), &good_claims(), &hs),
    );
    let set = KeySet::new()
        .with_key(hs.clone())
        .with_key(rs_signing().verifying_key().with_key_id("r1"));
    leaks.check_err(
        "unknown kid",
        set.decode::<Value>(
            &forged.replace(input, &b64(r#"{"alg":"HS256","kid":"zz"}"#)),
            &validation(),
        ),
    );
    leaks.check_err(
        "bad hmac through a set",
        set.decode::<Value>(&forged, &validation()),
    );

    // Debug of every key-holding type.
    leaks.check_debug("hs256 key", &hs);
    leaks.check_debug("rs256 signing key", &rs_signing());
    leaks.check_debug("es256 signing key", &es_signing());
    leaks.check_debug("key set", &set);
    leaks.check_debug("verifying key", &TypedVerifyingKey::from(hs.clone()));
    leaks.check_debug(
        "jwk set",
        &JwkSet::new()
            .with_key(rsa_jwk.clone())
            .with_key(ec_jwk.clone())
            .with_key(oct_jwk.clone()),
    );
    leaks.check_debug(
        "verified token",
        &decode::<Value>(&token, &hs, &validation()).unwrap(),
    );
    leaks.at_least(10);
}

// ---------------------------------------------------------------------------------------------
// 10 MB inputs, timed
// ---------------------------------------------------------------------------------------------

const TEN_MB: usize = 10 * 1024 * 1024;

/// Runs `f` and returns how long it took, printing it.
fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let out = f();
    let elapsed = started.elapsed();
    println!("{what}: {elapsed:?}");
    (out, elapsed)
}

/// A bound no healthy run comes near (a rejection takes microseconds), generous for a debug
/// build on a shared, noisy machine: it catches only quadratic or per-byte-allocating work.
const GENEROUS: Duration = Duration::from_secs(1);

// A 10 MB token, a 10 MB string of dots, and 10 MB of multi-byte characters are refused by
// the length check before any other work, through every entry point. Each rejection is
// timed (see the test output with `--nocapture`).
#[test]
fn ten_megabyte_inputs_are_refused_fast_everywhere() {
    let key = hs_key().with_key_id("k1");
    let set = KeySet::new().with_key(key.clone());
    let segment = "a".repeat(TEN_MB / 3);
    let inputs = [
        ("10 MB token", format!("{segment}.{segment}.{segment}")),
        ("10 MB of dots", ".".repeat(TEN_MB)),
        ("10 MB of 3-byte characters", "\u{2026}".repeat(TEN_MB / 3)),
        ("10 MB of dots and letters", "a.".repeat(TEN_MB / 2)),
    ];
    for (what, input) in &inputs {
        let too_long = |err: Error| {
            assert_matches!(
                err,
                Error::Malformed(MalformedError::TooLong { len, .. }) if len == input.len()
            );
        };
        let (err, t) = timed(&format!("{what}: parse"), || {
            UntrustedToken::parse(input).unwrap_err()
        });
        too_long(err);
        assert!(t < GENEROUS, "{what}: {t:?}");
        let (err, t) = timed(&format!("{what}: decode"), || {
            reject(input, &key, &validation())
        });
        too_long(err);
        assert!(t < GENEROUS, "{what}: {t:?}");
        let mut buffer = Vec::new();
        let (result, t) = timed(&format!("{what}: decode_borrowed"), || {
            decode_borrowed::<Value>(input, &key, &validation(), &mut buffer).map(|_| ())
        });
        too_long(result.unwrap_err());
        assert!(t < GENEROUS, "{what}: {t:?}");
        let (result, t) = timed(&format!("{what}: key set"), || {
            set.decode::<Value>(input, &validation()).map(|_| ())
        });
        too_long(result.unwrap_err());
        assert!(t < GENEROUS, "{what}: {t:?}");
    }
}

// With the length limits lifted, shapes that are wrong are still refused without work that
// grows with the input: dots at the third dot, a 10 MB header at the JSON parser's first
// byte, and 10 MB of a key-set `kid` lookup cut to the echo limit.
#[test]
fn ten_megabyte_inputs_with_limits_lifted_are_refused_fast() {
    let key = hs_key();
    let dots = ".".repeat(TEN_MB);
    let (err, t) = timed("10 MB of dots, limits lifted", || {
        reject(&dots, &key, &roomy())
    });
    assert_matches!(err, Error::Malformed(MalformedError::SegmentCount));
    assert!(t < GENEROUS, "{t:?}");

    let not_json = format!("{}.e30.AAAA", "A".repeat(TEN_MB));
    let (err, t) = timed("10 MB header that is not json, limits lifted", || {
        reject(&not_json, &key, &roomy())
    });
    assert_matches!(err, Error::Malformed(_));
    assert!(t < 5 * GENEROUS, "{t:?}");

    // A 10 MB payload behind a bad signature: the HMAC runs over all of it (linear), and the
    // payload is never decoded.
    let payload = "e".repeat(TEN_MB);
    let token = format!(
        "{}.{payload}.{}",
        b64(r#"{"alg":"HS256"}"#),
        b64(&[0u8; 32])
    );
    let (err, t) = timed("10 MB payload with a bad signature, limits lifted", || {
        reject(&token, &key, &roomy())
    });
    assert_matches!(err, Error::Signature(SignatureError::Invalid));
    assert!(t < 10 * GENEROUS, "{t:?}");
}

// A private key far above the 8192-bit maximum is refused by its size before the (costly,
// super-linear) private-key validation runs: no CPU burn from an oversized key document.
#[test]
fn oversized_rsa_private_components_are_refused_by_size_first() {
    let huge = vec![0xffu8; 32 * 1024]; // a 262144-bit "modulus"
    let started = std::time::Instant::now();
    let err = Rs256SigningKey::from_components(&huge, &[1, 0, 1], &huge, &huge, &huge).unwrap_err();
    println!(
        "262144-bit private components refused in {:?}",
        started.elapsed()
    );
    assert!(
        matches!(
            err,
            KeyError::RsaModulusSize {
                bits: 262_144,
                min: 2048,
                max: 8192
            }
        ),
        "{err:?}"
    );
}
