//! Arbitrary bytes as a token for the algorithms beyond HS256/RS256/ES256: HS512, PS256,
//! ES384, ES512 and Ed25519 (`EdDSA`). Each shares the parsing and claims paths of the older
//! targets, so one target covers their signature checks: no panic, nothing forged verifies.
//!
//! An input with exactly one dot is also signed with the Ed25519 and ES384 keys and decoded
//! again. Ed25519 signatures are deterministic and, verified strictly, unique: an accepted
//! Ed25519 token must carry exactly the signature the key makes.

#![no_main]

use jwtcraft::Verifier;
use jwtcraft_fuzz::{
    assert_deterministic_signature, ed25519_signing, es384_signing, es512_signing, exercise_token,
    hs512_key, ps256_signing, sign_input,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if exercise_token(text, hs512_key(), false) {
        assert_deterministic_signature(text, hs512_key());
    }
    exercise_token(text, &ps256_signing().verifying_key(), false);
    exercise_token(text, &es384_signing().verifying_key(), false);
    exercise_token(text, &es512_signing().verifying_key(), false);
    let ed25519 = ed25519_signing().verifying_key();
    assert_eq!(ed25519.algorithm().name(), "EdDSA");
    if exercise_token(text, &ed25519, true) {
        assert_deterministic_signature(text, ed25519_signing());
    }
    if text.bytes().filter(|&b| b == b'.').count() == 1 {
        let token = sign_input(text, ed25519_signing());
        exercise_token(&token, &ed25519, true);
        let token = sign_input(text, es384_signing());
        exercise_token(&token, &es384_signing().verifying_key(), false);
    }
});
