//! Arbitrary bytes as an ES256 token: `UntrustedToken::parse`, `decode`, `decode_borrowed`
//! and `KeySet::decode` must never panic, and nothing forged may verify.
//!
//! An input with exactly one dot is also signed with the fixed private key and decoded again,
//! so the header and claims paths are fuzzed behind a valid signature.

#![no_main]

use jwtcraft_fuzz::{es_signing, es_verifying, exercise_token, sign_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // ECDSA signatures are not unique (a high-S twin verifies too), so the oracles here are
    // the shared ones: canonical segments, claims equal to the payload, bounded errors.
    exercise_token(text, es_verifying(), false);
    if text.bytes().filter(|&b| b == b'.').count() == 1 {
        let token = sign_input(text, es_signing());
        exercise_token(&token, es_verifying(), false);
    }
});
