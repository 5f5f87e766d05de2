//! Arbitrary bytes as the header JSON of an HS256 token with good claims and a valid
//! signature: header parsing, `alg`, `typ`, `kid`, `crit` and `b64` handling, key selection
//! by `kid`, and re-encoding a parsed header must never panic, and what is accepted must be
//! consistent with the JSON that was sent.

#![no_main]

use jwtcraft::{encode, Algorithm, EncodeError, UntrustedToken};
use jwtcraft_fuzz::{
    check_error, check_untrusted, exercise_token, good_claims, hs_key, sign_raw, validation,
    KNOWN_CRIT,
};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let payload = serde_json::to_vec(&good_claims()).unwrap();
    let token = sign_raw(data, &payload, hs_key());

    let untrusted = match UntrustedToken::parse(&token) {
        Ok(untrusted) => untrusted,
        Err(err) => {
            check_error(&err);
            // Whatever else happens, decode must refuse it the same way.
            assert!(!exercise_token(&token, hs_key(), true));
            return;
        }
    };
    check_untrusted(&token, &untrusted);

    // The parsed header must agree with the JSON it came from.
    let json: Value = serde_json::from_slice(data).expect("a parsed header is json");
    let object = json.as_object().expect("a parsed header is an object");
    assert_eq!(
        object.get("alg").and_then(Value::as_str),
        Some(untrusted.algorithm().name())
    );
    let header = untrusted.header();
    assert_eq!(
        header.key_id(),
        object.get("kid").and_then(Value::as_str),
        "kid"
    );
    assert_eq!(
        header.token_type(),
        object.get("typ").and_then(Value::as_str),
        "typ"
    );
    if let Some(b64) = object.get("b64") {
        assert_eq!(b64, &Value::Bool(true), "b64 other than true was accepted");
    }
    if let Some(crit) = header.critical() {
        assert!(!crit.is_empty());
        for name in crit {
            assert!(
                header.extra(name).is_some(),
                "crit names an absent {name:?}"
            );
        }
    }

    let accepted = exercise_token(&token, hs_key(), true);
    if accepted {
        assert_eq!(untrusted.algorithm(), Algorithm::Hs256);
        for name in header.critical().into_iter().flatten() {
            assert_eq!(
                name, KNOWN_CRIT,
                "an undeclared crit extension was accepted"
            );
        }
    }

    // A header that was read can be written again, or is refused with InvalidHeader; what
    // is written decodes to the same header.
    match encode(header, &good_claims(), hs_key()) {
        Ok(again) => {
            let verified = jwtcraft::decode::<Value>(&again, hs_key(), &validation());
            if let Ok(verified) = verified {
                let mut expected = header.clone();
                if expected.key_id().is_none() {
                    expected = expected.with_key_id(jwtcraft_fuzz::KID);
                }
                assert_eq!(verified.header(), &expected);
            }
        }
        Err(err) => assert!(matches!(err, EncodeError::Header(_)), "{err:?}"),
    }
});
