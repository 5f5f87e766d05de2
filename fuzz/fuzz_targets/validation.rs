//! Arbitrary bytes as the claims of an HS256 token with a fixed header and a valid signature,
//! so the claims path runs behind a good signature: the payload reader, every claim check
//! (`exp`, `nbf`, `iat`, maximum age, `iss`, `aud`, `sub`, required claims) and the typed
//! claims. Besides "no panic", whatever a validation accepts must really satisfy it.

#![no_main]

use jwtcraft::{decode, decode_borrowed, RegisteredClaims, Token};
use jwtcraft_fuzz::{
    check_accepted, check_error, exercise_token, hs_key, sign_raw, strict_validation, validation,
    BorrowedClaims, AUDIENCE, ISSUER, LEEWAY, MAX_AGE, NOW, REQUIRED_OTHER, SUBJECT,
};
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value};

const HEADER: &[u8] = br#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#;

/// A date claim as jwtcraft reads it: a JSON number, rounded down.
fn date(claims: &Map<String, Value>, name: &str) -> Option<f64> {
    claims.get(name).map(|v| {
        v.as_f64()
            .unwrap_or_else(|| panic!("accepted a non-numeric {name}: {v}"))
            .floor()
    })
}

/// What the default checks promise about claims they accept.
#[allow(clippy::cast_precision_loss)] // NOW, LEEWAY and MAX_AGE are small
fn check_times(claims: &Map<String, Value>, require_exp: bool) {
    let now = NOW as f64;
    let leeway = LEEWAY as f64;
    match date(claims, "exp") {
        Some(exp) => assert!(exp + leeway > now, "accepted an expired token"),
        None => assert!(!require_exp, "accepted a token without exp"),
    }
    if let Some(nbf) = date(claims, "nbf") {
        assert!(nbf <= now + leeway, "accepted a token before nbf");
    }
    if let Some(iat) = date(claims, "iat") {
        assert!(iat <= now + leeway, "accepted a token issued in the future");
    }
    for name in ["iss", "sub", "jti"] {
        if let Some(value) = claims.get(name) {
            assert!(value.is_string(), "accepted a non-string {name}: {value}");
        }
    }
    if let Some(aud) = claims.get("aud") {
        let ok = aud.is_string()
            || aud
                .as_array()
                .is_some_and(|all| all.iter().all(Value::is_string));
        assert!(ok, "accepted an aud that is not a string or strings: {aud}");
    }
}

fn has_audience(claims: &Map<String, Value>) -> bool {
    match claims.get("aud") {
        Some(Value::String(one)) => one == AUDIENCE,
        Some(Value::Array(many)) => many.iter().any(|a| a.as_str() == Some(AUDIENCE)),
        _ => false,
    }
}

#[allow(clippy::cast_precision_loss)]
fn check_strict(claims: &Map<String, Value>) {
    check_times(claims, true);
    assert_eq!(claims.get("iss").and_then(Value::as_str), Some(ISSUER));
    assert_eq!(claims.get("sub").and_then(Value::as_str), Some(SUBJECT));
    assert!(has_audience(claims), "accepted without the audience");
    let iat = date(claims, "iat").expect("max_age makes iat required");
    assert!(
        iat >= (NOW - MAX_AGE - LEEWAY) as f64,
        "accepted a token that is too old"
    );
    assert!(claims.contains_key("jti") && claims.contains_key("nbf"));
    assert!(
        claims.get(REQUIRED_OTHER).is_some_and(|v| !v.is_null()),
        "accepted without the required {REQUIRED_OTHER}"
    );
}

fn claims_of(verified: &Token<Value>) -> &Map<String, Value> {
    verified.claims().as_object().expect("claims are an object")
}

fuzz_target!(|data: &[u8]| {
    let token = sign_raw(HEADER, data, hs_key());

    let strict = decode::<Value>(&token, hs_key(), &strict_validation());
    let lenient = validation().with_audience(AUDIENCE);
    let default = decode::<Value>(&token, hs_key(), &lenient);
    match (&strict, &default) {
        (Ok(verified), Ok(_)) => {
            check_accepted(&token, verified.claims());
            check_strict(claims_of(verified));
            // The payload reader and the typed claims agree on what was accepted.
            let typed = decode::<RegisteredClaims>(&token, hs_key(), &strict_validation())
                .expect("typed claims of an accepted token")
                .into_claims();
            assert_eq!(typed.iss.as_deref(), Some(ISSUER));
            assert_eq!(typed.sub.as_deref(), Some(SUBJECT));
            assert!(typed.aud.is_some_and(|aud| aud.contains(AUDIENCE)));
        }
        // Strict checks are a superset of the lenient ones.
        (Ok(_), Err(err)) => panic!("strict accepted what the default refused: {err:?}"),
        (Err(err), _) => check_error(err),
    }
    match &default {
        Ok(verified) => {
            check_accepted(&token, verified.claims());
            let claims = claims_of(verified);
            check_times(claims, true);
            if claims.contains_key("aud") {
                assert!(has_audience(claims), "accepted a foreign audience");
            }
        }
        Err(err) => check_error(err),
    }

    // Without an audience configured, any aud is refused.
    if let Ok(verified) = decode::<Value>(&token, hs_key(), &validation()) {
        let claims = claims_of(&verified);
        assert!(!claims.contains_key("aud"), "accepted an unrequested aud");
        check_times(claims, true);
    }
    if let Ok(verified) = decode::<Value>(&token, hs_key(), &validation().allow_missing_exp()) {
        check_times(claims_of(&verified), false);
    }

    let mut buffer = Vec::new();
    let _ = decode_borrowed::<BorrowedClaims<'_>>(&token, hs_key(), &lenient, &mut buffer);
    let _ = decode::<RegisteredClaims>(&token, hs_key(), &lenient);
    exercise_token(&token, hs_key(), true);
});
