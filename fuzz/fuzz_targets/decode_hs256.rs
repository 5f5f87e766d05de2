//! Arbitrary bytes as an HS256 token: `UntrustedToken::parse`, `decode`, `decode_borrowed`
//! and `KeySet::decode` must never panic, and nothing forged may verify.
//!
//! An input with exactly one dot is also signed with the fixed key and decoded again, so the
//! header and claims paths are fuzzed behind a valid signature.

#![no_main]

use jwtcraft_fuzz::{assert_deterministic_signature, exercise_token, hs_key, sign_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if exercise_token(text, hs_key(), true) {
        assert_deterministic_signature(text, hs_key());
    }
    if text.bytes().filter(|&b| b == b'.').count() == 1 {
        let token = sign_input(text, hs_key());
        exercise_token(&token, hs_key(), true);
    }
});
