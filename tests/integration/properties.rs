//! Property tests (proptest) over generated inputs:
//!
//! - **round trips**: arbitrary JSON claims (unicode and escape-heavy strings, integers at
//!   the `i64`/`u64` edges, finite floats, nested arrays and objects) and arbitrary registered
//!   claims survive `encode` → `decode` unchanged, for every algorithm of the build;
//! - **any mutation of a valid token is rejected**: substitutions, insertions, deletions,
//!   truncations, swaps and repeats, applied to a valid token's characters, never produce a
//!   token that verifies unless the result is the original token, for every algorithm of the
//!   build (HS256 with the most cases). Strict, canonical base64url
//!   is what makes this hold: there is exactly one spelling of each segment;
//! - **time checks at the extremes**: any clock, leeway, maximum age and `exp`/`nbf`/`iat` in
//!   their whole ranges never overflow, and the outcome matches the rules computed in `i128`;
//! - **codec**: `codec::decode(codec::encode(x)) == x`, and any string that decodes is the
//!   one canonical encoding of its bytes;
//! - **no panics**: arbitrary strings, and strings shaped like tokens, through
//!   `UntrustedToken::parse`, `decode` with every algorithm's key, `decode_borrowed` and
//!   `KeySet::decode` only ever return errors.
//!
//! Case counts are kept moderate (RSA signing is slow in a debug build). Every validation uses
//! a [`FixedClock`].

use std::sync::OnceLock;

use jwtcraft::codec;
use jwtcraft::{
    decode, decode_borrowed, encode, Audience, Error, Header, Hs256Key, KeySet, MalformedError,
    NumericDate, RegisteredClaims, Segment, Signer, UntrustedToken, Verifier,
};
use proptest::prelude::*;
use proptest::sample::{select, Index};
use serde_json::{Map, Value};

use crate::common::{validation, NOW};

/// The registered claim names, which the generated private claims avoid (their types are
/// checked, and the `attacks` module covers wrong types).
const REGISTERED: [&str; 7] = ["iss", "sub", "aud", "exp", "nbf", "iat", "jti"];

fn hs_key() -> &'static Hs256Key {
    static KEY: OnceLock<Hs256Key> = OnceLock::new();
    KEY.get_or_init(crate::common::hs_key)
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        // Shrinking RSA cases is slow; a failure is reported with what was found.
        max_shrink_iters: 256,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------------
// Strategies
// ---------------------------------------------------------------------------------------------

/// Characters that stress JSON escaping and UTF-8: quotes, backslashes, every C0 control,
/// DEL, the JS line separators, surrogate-adjacent and non-BMP code points.
fn tricky_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        2 => select(vec![
            '"', '\\', '/', '\u{0}', '\u{8}', '\u{c}', '\n', '\r', '\t', '\u{1f}', '\u{7f}',
            '\u{80}', '\u{2028}', '\u{2029}', '\u{d7ff}', '\u{e000}', '\u{fffd}', '\u{feff}',
            '\u{ffff}', '\u{10000}', '\u{1f511}', '\u{10ffff}', 'é', 'ß', '中',
        ]),
        2 => proptest::char::range('a', 'z'),
    ]
}

fn json_string() -> impl Strategy<Value = String> {
    proptest::collection::vec(tricky_char(), 0..24).prop_map(String::from_iter)
}

fn json_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        select(vec![i64::MIN, i64::MAX, -1, 0, 1]).prop_map(Value::from),
        select(vec![u64::MAX, 1 << 63, (1 << 53) + 1]).prop_map(Value::from),
        any::<f64>()
            .prop_filter("json has no nan or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        select(vec![
            0.0,
            -0.0,
            0.1,
            1e-300,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE
        ])
        .prop_map(Value::from),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        json_number(),
        json_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(json_string(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

/// A private claim name: anything but a registered name.
fn claim_name() -> impl Strategy<Value = String> {
    json_string().prop_filter("not a registered claim", |name| {
        !REGISTERED.contains(&name.as_str())
    })
}

/// A claims object that passes the default validation at [`NOW`]: arbitrary private claims
/// plus an `exp` in the future.
fn claims() -> impl Strategy<Value = Value> {
    (
        proptest::collection::btree_map(claim_name(), json_value(), 0..8),
        1i64..1_000_000,
    )
        .prop_map(|(private, ahead)| {
            let mut object: Map<String, Value> = private.into_iter().collect();
            object.insert("exp".to_owned(), Value::from(NOW + ahead));
            Value::Object(object)
        })
}

/// Registered claims that pass a validation expecting their own `iss`, `sub` and `aud`.
fn registered() -> impl Strategy<Value = RegisteredClaims> {
    (
        json_string(),
        json_string(),
        proptest::collection::vec(json_string(), 1..4),
        any::<bool>(),
        json_string(),
        1i64..1_000_000,
        0i64..1_000_000,
    )
        .prop_map(|(iss, sub, aud, one, jti, ahead, behind)| {
            let audience = if one {
                Audience::from(aud[0].clone())
            } else {
                Audience::from(aud)
            };
            RegisteredClaims::new()
                .with_issuer(iss)
                .with_subject(sub)
                .with_audience(audience)
                .with_jwt_id(jti)
                .expires_at(NumericDate::from_unix_seconds(NOW + ahead))
                .not_before(NumericDate::from_unix_seconds(NOW - behind))
                .issued_at(NumericDate::from_unix_seconds(NOW - behind))
        })
}

/// One edit of a token string.
#[derive(Debug, Clone)]
enum Mutation {
    Substitute(Index, char),
    Insert(Index, char),
    Delete(Index),
    Truncate(Index),
    Swap(Index, Index),
    /// Repeats a slice of the token in place (a segment written twice, say).
    Repeat(Index, Index),
}

/// Mostly characters a token can hold, so that mutations get past base64 decoding.
fn token_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => select(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                .chars()
                .collect::<Vec<_>>()
        ),
        1 => select(vec!['.', '=', '+', '/', ' ', '\n', '%']),
        1 => any::<char>(),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<Index>(), token_char()).prop_map(|(i, c)| Mutation::Substitute(i, c)),
        2 => (any::<Index>(), token_char()).prop_map(|(i, c)| Mutation::Insert(i, c)),
        2 => any::<Index>().prop_map(Mutation::Delete),
        1 => any::<Index>().prop_map(Mutation::Truncate),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Repeat(a, b)),
    ]
}

/// Applies `mutations` in order to `token` (which is ASCII, and stays a `Vec<char>` while it
/// is edited so that inserted non-ASCII characters are handled whole).
fn mutate(token: &str, mutations: &[Mutation]) -> String {
    let mut chars: Vec<char> = token.chars().collect();
    for mutation in mutations {
        let len = chars.len();
        if len == 0 {
            break;
        }
        match mutation {
            Mutation::Substitute(i, c) => chars[i.index(len)] = *c,
            Mutation::Insert(i, c) => chars.insert(i.index(len + 1), *c),
            Mutation::Delete(i) => {
                chars.remove(i.index(len));
            }
            Mutation::Truncate(i) => chars.truncate(i.index(len)),
            Mutation::Swap(a, b) => chars.swap(a.index(len), b.index(len)),
            Mutation::Repeat(a, b) => {
                let (a, b) = (a.index(len), b.index(len));
                let (start, end) = (a.min(b), a.max(b) + 1);
                let copy: Vec<char> = chars[start..end].to_vec();
                chars.splice(end..end, copy);
            }
        }
    }
    chars.into_iter().collect()
}

// ---------------------------------------------------------------------------------------------
// Round trips
// ---------------------------------------------------------------------------------------------

/// What `serde_json` itself reads back from `value`'s JSON: the identity for everything but
/// the rare float whose shortest form does not parse back to the same bits.
fn json_round_trip(value: &Value) -> Value {
    serde_json::from_str(&serde_json::to_string(value).unwrap()).unwrap()
}

fn assert_round_trip(claims: &Value, signer: &impl Signer, verifier: &impl Verifier) {
    let token = encode(&Header::new(), claims, signer).unwrap();
    let back = decode::<Value>(&token, verifier, &validation()).unwrap();
    assert_eq!(back.claims(), &json_round_trip(claims));
    let mut buffer = Vec::new();
    let borrowed = decode_borrowed::<Value>(&token, verifier, &validation(), &mut buffer).unwrap();
    assert_eq!(borrowed.claims(), back.claims());
}

fn assert_registered_round_trip(
    claims: &RegisteredClaims,
    signer: &impl Signer,
    verifier: &impl Verifier,
) {
    let audience = claims.aud.as_ref().unwrap();
    let validation = validation()
        .with_issuer(claims.iss.clone().unwrap())
        .with_subject(claims.sub.clone().unwrap())
        .with_audiences(audience.iter().map(str::to_owned))
        .with_required_claims(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);
    let token = encode(&Header::new(), claims, signer).unwrap();
    let back = decode::<RegisteredClaims>(&token, verifier, &validation).unwrap();
    assert_eq!(back.claims(), claims);
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn hs256_claims_round_trip(claims in claims()) {
        assert_round_trip(&claims, hs_key(), hs_key());
    }

    #[test]
    fn hs256_registered_claims_round_trip(claims in registered()) {
        assert_registered_round_trip(&claims, hs_key(), hs_key());
    }

    // With floats taken out (their shortest decimal form may, rarely, parse back to a
    // neighbouring float in `serde_json`, which the test above allows), the claims come back
    // *equal to what was signed*, not just to what `serde_json` reads back.
    #[test]
    fn claims_without_floats_round_trip_exactly(claims in claims().prop_map(without_floats)) {
        let token = encode(&Header::new(), &claims, hs_key()).unwrap();
        let verified = decode::<Value>(&token, hs_key(), &validation()).unwrap();
        prop_assert_eq!(verified.claims(), &claims);
    }
}

/// `value` with every float replaced by a string of it.
fn without_floats(value: Value) -> Value {
    match value {
        Value::Number(n) if n.is_f64() => Value::String(n.to_string()),
        Value::Array(items) => Value::Array(items.into_iter().map(without_floats).collect()),
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, without_floats(v)))
                .collect(),
        ),
        other => other,
    }
}

// ---------------------------------------------------------------------------------------------
// Any mutation of a valid token is rejected
// ---------------------------------------------------------------------------------------------

/// Checks that `mutated` verifies only if it is `original`.
fn assert_only_original_verifies(
    original: &str,
    mutated: &str,
    verifier: &impl Verifier,
) -> Result<(), TestCaseError> {
    let result = decode::<Value>(mutated, verifier, &validation());
    if mutated == original {
        prop_assert!(result.is_ok(), "the original token failed: {:?}", result);
    } else {
        prop_assert!(
            result.is_err(),
            "a mutated token verified:\noriginal {original}\nmutated  {mutated}"
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn any_mutation_of_an_hs256_token_is_rejected(
        claims in claims(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let token = encode(&Header::new(), &claims, hs_key()).unwrap();
        let mutated = mutate(&token, &mutations);
        assert_only_original_verifies(&token, &mutated, hs_key())?;
    }

    // A single edit of one character is the likeliest to slip through a lax decoder (a
    // different spelling of the same bytes); test it on its own, for every position.
    #[test]
    fn any_single_character_substitution_is_rejected(
        position in any::<Index>(),
        replacement in token_char(),
    ) {
        let token = encode(&Header::new(), &serde_json::json!({"exp": NOW + 60}), hs_key())
            .unwrap();
        let mutated = mutate(&token, &[Mutation::Substitute(position, replacement)]);
        assert_only_original_verifies(&token, &mutated, hs_key())?;
    }
}

// ---------------------------------------------------------------------------------------------
// Every algorithm: round trips, mutations and arbitrary input
// ---------------------------------------------------------------------------------------------

/// Round trips, mutations and arbitrary token-shaped input for one algorithm's fixture keys,
/// instantiated for every algorithm by [`for_each_algorithm!`]. The keys and the token under
/// mutation are made once per algorithm: RSA signing is slow in a debug build.
macro_rules! property_suite {
    ($module:ident, $fixture:ty) => {
        mod $module {
            use super::*;
            use crate::common::alg::AlgFixture;

            type A = $fixture;
            type Keys = (<A as AlgFixture>::Signing, <A as AlgFixture>::Verifying);

            fn keys() -> &'static Keys {
                static KEYS: OnceLock<Keys> = OnceLock::new();
                KEYS.get_or_init(|| (A::signer(), A::verifier()))
            }

            fn token() -> &'static str {
                static TOKEN: OnceLock<String> = OnceLock::new();
                TOKEN.get_or_init(|| {
                    let claims =
                        serde_json::json!({"sub": "user-1", "exp": NOW + 60, "n": [1, 2.5]});
                    encode(&Header::new(), &claims, &keys().0).unwrap()
                })
            }

            /// Fewer signing cases where signing is slow (RSA in a debug build).
            fn signing_cases() -> u32 {
                let name = A::ALGORITHM.name();
                if name.starts_with("RS") || name.starts_with("PS") {
                    8
                } else {
                    32
                }
            }

            proptest! {
                #![proptest_config(config(signing_cases()))]

                #[test]
                fn claims_round_trip(claims in claims()) {
                    assert_round_trip(&claims, &keys().0, &keys().1);
                }

                #[test]
                fn registered_claims_round_trip(claims in registered()) {
                    assert_registered_round_trip(&claims, &keys().0, &keys().1);
                }
            }

            proptest! {
                #![proptest_config(config(128))]

                #[test]
                fn any_mutation_is_rejected(
                    mutations in proptest::collection::vec(mutation(), 1..4),
                ) {
                    let mutated = mutate(token(), &mutations);
                    assert_only_original_verifies(token(), &mutated, &keys().1)?;
                }

                #[test]
                fn token_shaped_strings_never_verify(text in tokenish()) {
                    let result = decode::<Value>(&text, &keys().1, &validation());
                    prop_assert!(result.is_err(), "{:?} verified", text);
                }
            }
        }
    };
}

crate::common::alg::for_each_algorithm!(property_suite);

// ---------------------------------------------------------------------------------------------
// Time checks at the extremes
// ---------------------------------------------------------------------------------------------

/// An `i64` date: anywhere, with the edges and the neighbourhood of zero over-represented.
fn any_date() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        select(vec![
            i64::MIN,
            i64::MIN + 1,
            -1,
            0,
            1,
            i64::MAX - 1,
            i64::MAX
        ]),
        -100i64..100,
    ]
}

fn any_seconds() -> impl Strategy<Value = u64> {
    prop_oneof![any::<u64>(), select(vec![0, 1, u64::MAX]), 0u64..100]
}

proptest! {
    #![proptest_config(config(512))]

    // Clocks, leeways, maximum ages and dates anywhere in their ranges: the checks never
    // overflow (this runs with debug overflow checks), and what they accept satisfies the
    // rules computed exactly in `i128`: `now < exp + leeway`, `nbf <= now + leeway`,
    // `iat <= now + leeway` and `iat >= now - max_age - leeway`, where the sums saturate at
    // the `i64` range (a token can't be more valid than "forever").
    #[test]
    fn time_checks_never_overflow_and_hold_exactly(
        now in any_date(),
        leeway in any_seconds(),
        max_age in proptest::option::of(any_seconds()),
        exp in proptest::option::of(any_date()),
        nbf in proptest::option::of(any_date()),
        iat in proptest::option::of(any_date()),
    ) {
        let mut claims = Map::new();
        for (name, value) in [("exp", exp), ("nbf", nbf), ("iat", iat)] {
            if let Some(value) = value {
                claims.insert(name.to_owned(), Value::from(value));
            }
        }
        let token = encode(&Header::new(), &claims, hs_key()).unwrap();
        let mut validation = crate::common::validation_at(now)
            .with_leeway(std::time::Duration::from_secs(leeway));
        if let Some(max_age) = max_age {
            validation = validation.with_max_age(std::time::Duration::from_secs(max_age));
        }
        let result = decode::<Value>(&token, hs_key(), &validation);
        let clamp = |v: i128| v.clamp(i128::from(i64::MIN), i128::from(i64::MAX));
        let leeway = clamp(i128::from(leeway));
        let now = i128::from(now);
        let expect_ok = exp.is_some_and(|exp| now < clamp(i128::from(exp) + leeway))
            && nbf.is_none_or(|nbf| i128::from(nbf) <= clamp(now + leeway))
            && iat.is_none_or(|iat| i128::from(iat) <= clamp(now + leeway))
            && max_age.is_none_or(|max_age| {
                iat.is_some_and(|iat| {
                    i128::from(iat) >= clamp(clamp(now - clamp(i128::from(max_age))) - leeway)
                })
            });
        match result {
            Ok(_) => prop_assert!(expect_ok, "accepted"),
            Err(Error::Claims(_)) => prop_assert!(!expect_ok, "refused: {:?}", result),
            Err(other) => prop_assert!(false, "unexpected error {:?}", other),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Codec
// ---------------------------------------------------------------------------------------------

/// Strings over the base64url alphabet, with the occasional foreign character.
fn base64ish() -> impl Strategy<Value = String> {
    proptest::collection::vec(token_char(), 0..48).prop_map(String::from_iter)
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn codec_round_trips(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        let text = codec::encode(&bytes);
        prop_assert!(!text.contains(['=', '+', '/']));
        prop_assert_eq!(codec::decode(&text, Segment::Payload).unwrap(), bytes);
    }

    // Strictness: whatever decodes is the one canonical spelling of its bytes, so two
    // different strings never decode to the same bytes.
    #[test]
    fn whatever_decodes_is_canonical(text in base64ish()) {
        match codec::decode(&text, Segment::Signature) {
            Ok(bytes) => prop_assert_eq!(codec::encode(&bytes), text),
            Err(err) => prop_assert!(matches!(err, MalformedError::Base64(Segment::Signature))),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// No panics on arbitrary input
// ---------------------------------------------------------------------------------------------

/// Strings shaped like tokens: segments that are base64url-ish, base64url of JSON-ish text,
/// or arbitrary, joined with dots.
fn tokenish() -> impl Strategy<Value = String> {
    let json_text = prop_oneof![
        json_value().prop_map(|v| v.to_string()),
        Just(r#"{"alg":"HS256"}"#.to_owned()),
        Just(r#"{"alg":"RS256","kid":"k1"}"#.to_owned()),
        Just(r#"{"alg":"ES256","crit":["x"],"x":1}"#.to_owned()),
        json_string(),
    ];
    let segment = prop_oneof![
        3 => json_text.prop_map(|text| codec::encode(text.as_bytes())),
        2 => base64ish(),
        1 => json_string(),
    ];
    proptest::collection::vec(segment, 0..5).prop_map(|segments| segments.join("."))
}

fn every_entry_point(text: &str) {
    let validation = validation();
    if let Ok(untrusted) = UntrustedToken::parse(text) {
        let _ = untrusted.signature();
        let _ = untrusted.unverified_claims::<Value>();
        let _ = untrusted.unverified_claims::<RegisteredClaims>();
    }
    let mut buffer = Vec::new();
    let result = decode::<Value>(text, hs_key(), &validation);
    // Nobody holds the test key: nothing generated here can verify.
    assert!(result.is_err(), "{text:?} verified");
    let _ = decode_borrowed::<RegisteredClaims>(text, hs_key(), &validation, &mut buffer);
    let set = KeySet::new().with_key(hs_key().clone().with_key_id("k1"));
    assert!(set.decode::<Value>(text, &validation).is_err());
}

proptest! {
    #![proptest_config(config(512))]

    #[test]
    fn arbitrary_strings_never_panic(text in json_string()) {
        every_entry_point(&text);
    }

    #[test]
    fn token_shaped_strings_never_panic(text in tokenish()) {
        every_entry_point(&text);
    }

    // Anything with other than three segments is refused as such, whatever the segments are,
    // unless it starts with `Bearer ` or has surrounding whitespace: then the error names
    // that mistake instead.
    #[test]
    fn wrong_segment_counts_are_refused(segments in proptest::collection::vec(base64ish(), 0..8)) {
        let text = segments.join(".");
        prop_assume!(text.matches('.').count() != 2);
        let err = UntrustedToken::parse(&text).unwrap_err();
        if text.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("bearer ")) {
            prop_assert!(
                matches!(err, Error::Malformed(MalformedError::BearerPrefix)),
                "{:?}: {:?}", text, err
            );
        } else if text.trim_ascii() != text {
            prop_assert!(
                matches!(err, Error::Malformed(MalformedError::Whitespace)),
                "{:?}: {:?}", text, err
            );
        } else {
            prop_assert!(matches!(
                err,
                Error::Malformed(MalformedError::SegmentCount | MalformedError::TooLong { .. })
            ), "{:?}: {:?}", text, err);
        }
    }
}
