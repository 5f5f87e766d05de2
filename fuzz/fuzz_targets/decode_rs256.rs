//! Arbitrary bytes as an RS256 token: `UntrustedToken::parse`, `decode`, `decode_borrowed`
//! and `KeySet::decode` must never panic, and nothing forged may verify.
//!
//! An input with exactly one dot is also signed with the fixed private key and decoded again,
//! so the header and claims paths are fuzzed behind a valid signature. That signing is most of
//! the cost of a run; `--features fast-rsa-signing` does it with aws-lc-rs instead.

#![no_main]

use jwtcraft_fuzz::{
    assert_deterministic_signature, exercise_token, rs_forging_signer, rs_verifying, sign_input,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if exercise_token(text, rs_verifying(), false) {
        // RSASSA-PKCS1-v1_5 is deterministic: the one valid signature is the key's own.
        assert_deterministic_signature(text, rs_forging_signer());
    }
    if text.bytes().filter(|&b| b == b'.').count() == 1 {
        let token = sign_input(text, rs_forging_signer());
        exercise_token(&token, rs_verifying(), false);
    }
});
