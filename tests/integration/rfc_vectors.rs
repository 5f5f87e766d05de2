//! Published test vectors: RFC 7515 Appendix A.1 (HS256), A.2 (RS256) and A.3 (ES256),
//! RFC 7520 §4.1 (RS256), §4.2 (PS384, verify only) and §4.4 (HS256), and RFC 8037
//! Appendix A (Ed25519 under `EdDSA`: key, thumbprint, byte-exact signature, validation).
//!
//! HS256 and RS256 (RSASSA-PKCS1-v1_5) are deterministic, so their signatures are reproduced
//! byte for byte from the published key and signing input. ES256 signatures are randomized,
//! so A.3 is verify-only (plus a check that the published private scalar matches the
//! published public point).
//!
//! The RFC 7515 tokens carry a JSON claims set and are run through the full `decode`, with a
//! `FixedClock` before their `exp` (1300819380, March 2011) and again after it. The RFC 7520
//! payload is a Tolkien quote, not JSON, so those vectors are checked at the JWS level only
//! (`UntrustedToken` + `Signer`/`Verifier`), and `decode` is shown to refuse them.
//!
//! Sources: the vector strings were copied from the RFC texts as mirrored in public test
//! suites (RFC 7515 Appendix A as used by jsonwebtoken, lestrrat-go/jwx and others; RFC 7520
//! from the IETF JOSE working group's `ietf-jose/cookbook` repository, files
//! `jws/4_1.rsa_v15_signature.json` and `jws/4_4.hmac-sha2_integrity_protection.json`, from
//! which RFC 7520 was generated). Every vector is proven by its result: a byte-exact
//! signature or a successful verification.

use std::time::Duration;

use jwtcraft::codec;
use jwtcraft::SignatureError;
use jwtcraft::{
    decode, Algorithm, ClaimError, Error, Hs256Key, MalformedError, NumericDate, Segment, Signer,
    UntrustedToken, Validation, Verifier,
};
#[cfg(feature = "ecdsa")]
use jwtcraft::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "rsa")]
use jwtcraft::{Rs256SigningKey, Rs256VerifyingKey};
use serde::Deserialize;

// ---------------------------------------------------------------------------------------------
// RFC 7515 Appendix A: shared payload
// ---------------------------------------------------------------------------------------------

/// `{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}`, as printed in
/// RFC 7515 A.1.1 (the same payload is used by A.2 and A.3).
const RFC7515_PAYLOAD_B64: &str =
    "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

/// The `exp` of the RFC 7515 payload.
const RFC7515_EXP: i64 = 1_300_819_380;

/// The claims of the RFC 7515 payload.
#[derive(Debug, Deserialize, PartialEq)]
struct RfcClaims {
    iss: String,
    exp: NumericDate,
    #[serde(rename = "http://example.com/is_root")]
    is_root: bool,
}

// ---------------------------------------------------------------------------------------------
// RFC 7515 A.1: HS256
// ---------------------------------------------------------------------------------------------

/// A.1.1 header `{"typ":"JWT",\r\n "alg":"HS256"}`.
const A1_HEADER_B64: &str = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9";
/// A.1.1 JWK `k`.
const A1_K: &str =
    "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
/// A.1.1 signature.
const A1_SIGNATURE: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

// ---------------------------------------------------------------------------------------------
// RFC 7515 A.2: RS256
// ---------------------------------------------------------------------------------------------

/// A.2.1 header `{"alg":"RS256"}`.
#[cfg(feature = "rsa")]
const A2_HEADER_B64: &str = "eyJhbGciOiJSUzI1NiJ9";
#[cfg(feature = "rsa")]
const A2_N: &str = concat!(
    "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddx",
    "HmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMs",
    "D1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSH",
    "SXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdV",
    "MTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8",
    "NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
);
#[cfg(feature = "rsa")]
const A2_E: &str = "AQAB";
#[cfg(feature = "rsa")]
const A2_D: &str = concat!(
    "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97I",
    "jlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0",
    "BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn",
    "439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYT",
    "CBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLh",
    "BOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ",
);
#[cfg(feature = "rsa")]
const A2_P: &str = concat!(
    "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdi",
    "YrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPG",
    "BY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc",
);
#[cfg(feature = "rsa")]
const A2_Q: &str = concat!(
    "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxa",
    "ewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA",
    "-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc",
);
#[cfg(feature = "rsa")]
const A2_SIGNATURE: &str = concat!(
    "cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7",
    "AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4",
    "BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K",
    "0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqv",
    "hJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrB",
    "p0igcN_IoypGlUPQGe77Rw",
);

// ---------------------------------------------------------------------------------------------
// RFC 7515 A.3: ES256
// ---------------------------------------------------------------------------------------------

/// A.3.1 header `{"alg":"ES256"}`.
#[cfg(feature = "ecdsa")]
const A3_HEADER_B64: &str = "eyJhbGciOiJFUzI1NiJ9";
#[cfg(feature = "ecdsa")]
const A3_X: &str = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";
#[cfg(feature = "ecdsa")]
const A3_Y: &str = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";
#[cfg(feature = "ecdsa")]
const A3_D: &str = "jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI";
#[cfg(feature = "ecdsa")]
const A3_SIGNATURE: &str = concat!(
    "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSA",
    "pmWQxfKTUJqPP3-Kg6NU1Q",
);

// ---------------------------------------------------------------------------------------------
// RFC 7520 §4.1 (RS256, key of §3.4) and §4.4 (HS256, key of §3.5)
// ---------------------------------------------------------------------------------------------

/// RFC 7520 §4 payload: the bytes of the quote, with U+2019 apostrophes.
const RFC7520_PAYLOAD: &str = "It\u{2019}s a dangerous business, Frodo, going out your door. \
You step onto the road, and if you don't keep your feet, there\u{2019}s no knowing where you \
might be swept off to.";
const RFC7520_PAYLOAD_B64: &str = concat!(
    "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250",
    "byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hl",
    "cmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4",
);

#[cfg(feature = "rsa")]
const RFC7520_RSA_KID: &str = "bilbo.baggins@hobbiton.example";
/// §4.1.1 protected header `{"alg":"RS256","kid":"bilbo.baggins@hobbiton.example"}`.
#[cfg(feature = "rsa")]
const RFC7520_4_1_HEADER_B64: &str =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
#[cfg(feature = "rsa")]
const RFC7520_4_1_SIGNATURE: &str = concat!(
    "MRjdkly7_-oTPTS3AXP41iQIGKa80A0ZmTuV5MEaHoxnW2e5CZ5NlKtainoFmK",
    "ZopdHM1O2U4mwzJdQx996ivp83xuglII7PNDi84wnB-BDkoBwA78185hX-Es4J",
    "IwmDLJK3lfWRa-XtL0RnltuYv746iYTh_qHRD68BNt1uSNCrUCTJDt5aAE6x8w",
    "W1Kt9eRo4QPocSadnHXFxnt8Is9UzpERV0ePPQdLuW3IS_de3xyIrDaLGdjluP",
    "xUAhb6L2aXic1U12podGU0KLUQSE_oI-ZnmKJ3F4uOZDnd6QZWJushZ41Axf_f",
    "cIe8u9ipH84ogoree7vjbU5y18kDquDg",
);
/// RFC 7520 §3.4 RSA key ("bilbo.baggins@hobbiton.example").
#[cfg(feature = "rsa")]
const RFC7520_N: &str = concat!(
    "n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmS",
    "CpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-Of",
    "VfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKw",
    "uCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw",
);
#[cfg(feature = "rsa")]
const RFC7520_E: &str = "AQAB";
#[cfg(feature = "rsa")]
const RFC7520_D: &str = concat!(
    "bWUC9B-EFRIo8kpGfh0ZuyGPvMNKvYWNtB_ikiH9k20eT-O1q_I78eiZkpXxXQ0UTEs2LsNRS-8uJbvQ-A1irkwMSMkK",
    "1J3XTGgdrhCku9gRldY7sNA_AKZGh-Q661_42rINLRCe8W-nZ34ui_qOfkLnK9QWDDqpaIsA-bMwWWSDFu2MUBYwkHTM",
    "EzLYGqOe04noqeq1hExBTHBOBdkMXiuFhUq1BU6l-DqEiWxqg82sXt2h-LMnT3046AOYJoRioz75tSUQfGCshWTBnP5u",
    "Djd18kKhyv07lhfSJdrPdM5Plyl21hsFf4L_mHCuoFau7gdsPfHPxxjVOcOpBrQzwQ",
);
#[cfg(feature = "rsa")]
const RFC7520_P: &str = concat!(
    "3Slxg_DwTXJcb6095RoXygQCAZ5RnAvZlno1yhHtnUex_fp7AZ_9nRaO7HX_-SFfGQeutao2TDjDAWU4Vupk8rw9JR0A",
    "zZ0N2fvuIAmr_WCsmGpeNqQnev1T7IyEsnh8UMt-n5CafhkikzhEsrmndH6LxOrvRJlsPp6Zv8bUq0k",
);
#[cfg(feature = "rsa")]
const RFC7520_Q: &str = concat!(
    "uKE2dh-cTf6ERF4k4e_jy78GfPYUIaUyoSSJuBzp3Cubk3OCqs6grT8bR_cu0Dm1MZwWmtdqDyI95HrUeq3MP15vMMON",
    "8lHTeZu2lmKvwqW7anV5UzhM1iZ7z4yMkuUwFWoBvyY898EXvRD-hdqRxHlSqAZ192zB3pVFJ0s7pFc",
);

const RFC7520_HMAC_KID: &str = "018c0ae5-4d9b-471b-bfd6-eef314bc7037";
/// §4.4.1 protected header `{"alg":"HS256","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037"}`.
const RFC7520_4_4_HEADER_B64: &str =
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9";
const RFC7520_4_4_SIGNATURE: &str = "s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0";
/// RFC 7520 §3.5 symmetric key `k`.
const RFC7520_HMAC_K: &str = "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg";

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Decodes a base64url member of a published JWK or token.
#[track_caller]
fn b64(text: &str) -> Vec<u8> {
    codec::decode(text, Segment::Payload).expect("published vectors are canonical base64url")
}

/// `header "." payload`.
fn signing_input(header: &str, payload: &str) -> String {
    format!("{header}.{payload}")
}

/// `header "." payload "." signature`.
fn compact(header: &str, payload: &str, signature: &str) -> String {
    format!("{header}.{payload}.{signature}")
}

/// A validation whose clock is `seconds` after the Unix epoch.
fn at(seconds: i64) -> Validation {
    crate::common::validation_at(seconds)
}

/// A validation whose clock is an hour before the RFC 7515 `exp`.
fn before_exp() -> Validation {
    at(RFC7515_EXP - 3600)
}

/// A validation whose clock is an hour after the RFC 7515 `exp`, far beyond the leeway.
fn after_exp() -> Validation {
    at(RFC7515_EXP + 3600)
}

#[track_caller]
fn assert_rfc7515_claims(claims: &RfcClaims) {
    assert_eq!(
        claims,
        &RfcClaims {
            iss: "joe".to_owned(),
            exp: NumericDate::from_unix_seconds(RFC7515_EXP),
            is_root: true,
        }
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 7515 A.1
// ---------------------------------------------------------------------------------------------

fn a1_key() -> Hs256Key {
    Hs256Key::new(&b64(A1_K)).expect("the A.1 key is 64 bytes")
}

#[test]
fn rfc7515_a1_hs256_signature_is_byte_exact() {
    // The RFC's header bytes contain CRLF and spaces that our serializer never writes, so the
    // RFC's own signing input is signed directly.
    let input = signing_input(A1_HEADER_B64, RFC7515_PAYLOAD_B64);
    let signature = Signer::sign(&a1_key(), input.as_bytes()).unwrap();
    assert_eq!(codec::encode(&signature), A1_SIGNATURE);
    Verifier::verify(&a1_key(), input.as_bytes(), &signature).unwrap();
}

#[test]
fn rfc7515_a1_decodes_before_exp() {
    let token = compact(A1_HEADER_B64, RFC7515_PAYLOAD_B64, A1_SIGNATURE);
    let verified = decode::<RfcClaims>(&token, &a1_key(), &before_exp()).unwrap();
    assert_eq!(verified.algorithm(), Algorithm::Hs256);
    assert_eq!(verified.header().token_type(), Some("JWT"));
    assert_eq!(verified.header().key_id(), None);
    assert_rfc7515_claims(verified.claims());
}

#[test]
fn rfc7515_a1_is_expired_after_exp() {
    let token = compact(A1_HEADER_B64, RFC7515_PAYLOAD_B64, A1_SIGNATURE);
    let err = decode::<RfcClaims>(&token, &a1_key(), &after_exp()).unwrap_err();
    assert!(matches!(err, Error::Claims(ClaimError::Expired)), "{err:?}");
    // With no leeway, one second past `exp` is already too late.
    let strict = at(RFC7515_EXP + 1).with_leeway(Duration::ZERO);
    let err = decode::<RfcClaims>(&token, &a1_key(), &strict).unwrap_err();
    assert!(matches!(err, Error::Claims(ClaimError::Expired)), "{err:?}");
}

#[test]
fn rfc7515_a1_with_a_different_key_is_an_invalid_signature() {
    let token = compact(A1_HEADER_B64, RFC7515_PAYLOAD_B64, A1_SIGNATURE);
    let other = Hs256Key::new(&[0x42; 64]).unwrap();
    let err = decode::<RfcClaims>(&token, &other, &before_exp()).unwrap_err();
    assert!(
        matches!(err, Error::Signature(SignatureError::Invalid)),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 7515 A.2
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "rsa")]
fn a2_signing_key() -> Rs256SigningKey {
    Rs256SigningKey::from_components(&b64(A2_N), &b64(A2_E), &b64(A2_D), &b64(A2_P), &b64(A2_Q))
        .expect("the A.2 JWK is a valid RSA key")
}

#[cfg(feature = "rsa")]
fn a2_verifying_key() -> Rs256VerifyingKey {
    Rs256VerifyingKey::from_components(&b64(A2_N), &b64(A2_E)).unwrap()
}

#[cfg(feature = "rsa")]
#[test]
fn rfc7515_a2_rs256_signature_is_byte_exact() {
    let input = signing_input(A2_HEADER_B64, RFC7515_PAYLOAD_B64);
    let signature = a2_signing_key().sign(input.as_bytes()).unwrap();
    assert_eq!(signature.len(), 256);
    assert_eq!(codec::encode(&signature), A2_SIGNATURE);
}

#[cfg(feature = "rsa")]
#[test]
fn rfc7515_a2_verifies_and_decodes_before_exp() {
    let token = compact(A2_HEADER_B64, RFC7515_PAYLOAD_B64, A2_SIGNATURE);
    let public = a2_verifying_key();
    assert_eq!(public.modulus_bits(), 2048);

    let verified = decode::<RfcClaims>(&token, &public, &before_exp()).unwrap();
    assert_eq!(verified.algorithm(), Algorithm::Rs256);
    assert_eq!(verified.header().token_type(), None);
    assert_rfc7515_claims(verified.claims());

    // The public half derived from the private JWK verifies too.
    let derived = a2_signing_key().verifying_key();
    let verified = decode::<RfcClaims>(&token, &derived, &before_exp()).unwrap();
    assert_rfc7515_claims(verified.claims());

    let err = decode::<RfcClaims>(&token, &public, &after_exp()).unwrap_err();
    assert!(matches!(err, Error::Claims(ClaimError::Expired)), "{err:?}");
}

// ---------------------------------------------------------------------------------------------
// RFC 7515 A.3
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "ecdsa")]
#[test]
fn rfc7515_a3_es256_verifies_and_decodes_before_exp() {
    let token = compact(A3_HEADER_B64, RFC7515_PAYLOAD_B64, A3_SIGNATURE);
    let public = Es256VerifyingKey::from_coordinates(&b64(A3_X), &b64(A3_Y)).unwrap();

    let verified = decode::<RfcClaims>(&token, &public, &before_exp()).unwrap();
    assert_eq!(verified.algorithm(), Algorithm::Es256);
    assert_rfc7515_claims(verified.claims());

    let err = decode::<RfcClaims>(&token, &public, &after_exp()).unwrap_err();
    assert!(matches!(err, Error::Claims(ClaimError::Expired)), "{err:?}");
}

#[cfg(feature = "ecdsa")]
#[test]
fn rfc7515_a3_private_scalar_matches_the_public_point() {
    // ECDSA signatures are randomized (ours are RFC 6979 deterministic, the RFC's are not), so
    // the published signature cannot be reproduced; check the key pair and a fresh signature.
    let private = Es256SigningKey::from_scalar(&b64(A3_D)).unwrap();
    let (x, y) = private.verifying_key().to_coordinates();
    assert_eq!(codec::encode(&x), A3_X);
    assert_eq!(codec::encode(&y), A3_Y);

    let input = signing_input(A3_HEADER_B64, RFC7515_PAYLOAD_B64);
    let ours = private.sign(input.as_bytes()).unwrap();
    assert_eq!(ours.len(), 64);
    let public = Es256VerifyingKey::from_coordinates(&b64(A3_X), &b64(A3_Y)).unwrap();
    public.verify(input.as_bytes(), &ours).unwrap();
    public.verify(input.as_bytes(), &b64(A3_SIGNATURE)).unwrap();
}

// ---------------------------------------------------------------------------------------------
// RFC 7520 §4.1 and §4.4: JWS-level checks
//
// These payloads are plain text, not a JSON claims set. A JWS library would accept them; a
// JWT library must not, because there are no claims to validate. So the signature is checked
// through `UntrustedToken` and the `Verifier` trait, and `decode` is expected to refuse the
// token with `Error::Malformed` *after* the signature verified (with a wrong key it reports
// `InvalidSignature` instead, showing that the payload is never parsed before the signature).
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "rsa")]
fn rfc7520_signing_key() -> Rs256SigningKey {
    Rs256SigningKey::from_components(
        &b64(RFC7520_N),
        &b64(RFC7520_E),
        &b64(RFC7520_D),
        &b64(RFC7520_P),
        &b64(RFC7520_Q),
    )
    .expect("the RFC 7520 §3.4 JWK is a valid RSA key")
}

#[cfg(feature = "rsa")]
fn rfc7520_verifying_key() -> Rs256VerifyingKey {
    Rs256VerifyingKey::from_components(&b64(RFC7520_N), &b64(RFC7520_E))
        .unwrap()
        .with_key_id(RFC7520_RSA_KID)
}

fn rfc7520_hmac_key() -> Hs256Key {
    Hs256Key::new(&b64(RFC7520_HMAC_K))
        .expect("the RFC 7520 §3.5 key is 32 bytes")
        .with_key_id(RFC7520_HMAC_KID)
}

#[track_caller]
fn assert_payload_is_not_json(err: &Error) {
    assert!(
        matches!(
            err,
            Error::Malformed(MalformedError::Json {
                segment: Segment::Payload,
                ..
            })
        ),
        "{err:?}"
    );
}

#[test]
fn rfc7520_payload_encoding_matches() {
    assert_eq!(
        codec::encode(RFC7520_PAYLOAD.as_bytes()),
        RFC7520_PAYLOAD_B64
    );
}

#[cfg(feature = "rsa")]
#[test]
fn rfc7520_4_1_rs256_verifies_and_reproduces_byte_exactly() {
    let token = compact(
        RFC7520_4_1_HEADER_B64,
        RFC7520_PAYLOAD_B64,
        RFC7520_4_1_SIGNATURE,
    );
    let untrusted = UntrustedToken::parse(&token).unwrap();
    assert_eq!(untrusted.algorithm(), Algorithm::Rs256);
    assert_eq!(untrusted.header().key_id(), Some(RFC7520_RSA_KID));
    assert_eq!(untrusted.header().token_type(), None);
    assert_eq!(
        untrusted.signing_input(),
        signing_input(RFC7520_4_1_HEADER_B64, RFC7520_PAYLOAD_B64).as_bytes()
    );

    let public = rfc7520_verifying_key();
    assert_eq!(public.modulus_bits(), 2048);
    public
        .verify(untrusted.signing_input(), &untrusted.signature().unwrap())
        .unwrap();

    let signature = rfc7520_signing_key()
        .sign(untrusted.signing_input())
        .unwrap();
    assert_eq!(codec::encode(&signature), RFC7520_4_1_SIGNATURE);
}

#[cfg(feature = "rsa")]
#[test]
fn rfc7520_4_1_is_refused_by_decode_because_the_payload_is_not_json() {
    let token = compact(
        RFC7520_4_1_HEADER_B64,
        RFC7520_PAYLOAD_B64,
        RFC7520_4_1_SIGNATURE,
    );
    let validation = before_exp().allow_missing_exp();
    let err =
        decode::<serde_json::Value>(&token, &rfc7520_verifying_key(), &validation).unwrap_err();
    assert_payload_is_not_json(&err);

    let wrong = a_different_rsa_key();
    let err = decode::<serde_json::Value>(&token, &wrong, &validation).unwrap_err();
    assert!(
        matches!(err, Error::Signature(SignatureError::Invalid)),
        "{err:?}"
    );
}

/// A 2048-bit key that is not the RFC 7520 one.
#[cfg(feature = "rsa")]
fn a_different_rsa_key() -> Rs256VerifyingKey {
    crate::common::rs_verifying()
}

#[test]
fn rfc7520_4_4_hs256_verifies_and_reproduces_byte_exactly() {
    let token = compact(
        RFC7520_4_4_HEADER_B64,
        RFC7520_PAYLOAD_B64,
        RFC7520_4_4_SIGNATURE,
    );
    let untrusted = UntrustedToken::parse(&token).unwrap();
    assert_eq!(untrusted.algorithm(), Algorithm::Hs256);
    assert_eq!(untrusted.header().key_id(), Some(RFC7520_HMAC_KID));

    let key = rfc7520_hmac_key();
    Verifier::verify(
        &key,
        untrusted.signing_input(),
        &untrusted.signature().unwrap(),
    )
    .unwrap();

    let tag = Signer::sign(&key, untrusted.signing_input()).unwrap();
    assert_eq!(codec::encode(&tag), RFC7520_4_4_SIGNATURE);
}

#[test]
fn rfc7520_4_4_is_refused_by_decode_because_the_payload_is_not_json() {
    let token = compact(
        RFC7520_4_4_HEADER_B64,
        RFC7520_PAYLOAD_B64,
        RFC7520_4_4_SIGNATURE,
    );
    let validation = before_exp().allow_missing_exp();
    let err = decode::<serde_json::Value>(&token, &rfc7520_hmac_key(), &validation).unwrap_err();
    assert_payload_is_not_json(&err);

    let wrong = Hs256Key::new(&[0x42; 32]).unwrap();
    let err = decode::<serde_json::Value>(&token, &wrong, &validation).unwrap_err();
    assert!(
        matches!(err, Error::Signature(SignatureError::Invalid)),
        "{err:?}"
    );
}

#[test]
fn rfc7520_unverified_claims_of_a_text_payload_is_malformed() {
    // `UntrustedToken::unverified_claims` documents `Error::Malformed` for a payload that is
    // not base64url JSON, and `ClaimError::Deserialize` only for JSON that does not fit `C`.
    let token = compact(
        RFC7520_4_4_HEADER_B64,
        RFC7520_PAYLOAD_B64,
        RFC7520_4_4_SIGNATURE,
    );
    let untrusted = UntrustedToken::parse(&token).unwrap();
    let err = untrusted
        .unverified_claims::<serde_json::Value>()
        .unwrap_err();
    assert_payload_is_not_json(&err);
}

// ---------------------------------------------------------------------------------------------
// RFC 7520 §4.2: PS384 with the §3.4 RSA key (verify only: PSS signatures are randomized)
//
// Copied from RFC 7520 §4.2.2 (Figure 17 header, Figure 19 signature), as in the
// `ietf-jose/cookbook` file `jws/4_2.rsa-pss_signature.json`.
// ---------------------------------------------------------------------------------------------

/// §4.2.2 protected header `{"alg":"PS384","kid":"bilbo.baggins@hobbiton.example"}`.
#[cfg(feature = "rsa")]
const RFC7520_4_2_HEADER_B64: &str =
    "eyJhbGciOiJQUzM4NCIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZXhhbXBsZSJ9";
#[cfg(feature = "rsa")]
const RFC7520_4_2_SIGNATURE: &str = concat!(
    "cu22eBqkYDKgIlTpzDXGvaFfz6WGoz7fUDcfT0kkOy42miAh2qyBzk1xEsnk2I",
    "pN6-tPid6VrklHkqsGqDqHCdP6O8TTB5dDDItllVo6_1OLPpcbUrhiUSMxbbXU",
    "vdvWXzg-UD8biiReQFlfz28zGWVsdiNAUf8ZnyPEgVFn442ZdNqiVJRmBqrYRX",
    "e8P_ijQ7p8Vdz0TTrxUeT3lm8d9shnr2lfJT8ImUjvAA2Xez2Mlp8cBE5awDzT",
    "0qI0n6uiP1aCN_2_jLAeQTlqRHtfa64QQSUmFAAjVKPbByi7xho0uTOcbH510a",
    "6GYmJUAfmWjwZ6oD4ifKo8DYM-X72Eaw",
);

#[cfg(feature = "rsa")]
#[test]
fn rfc7520_4_2_ps384_verifies_and_nothing_else_does() {
    use jwtcraft::{
        Ps256VerifyingKey, Ps384SigningKey, Ps384VerifyingKey, Ps512VerifyingKey, Rs384VerifyingKey,
    };
    let token = compact(
        RFC7520_4_2_HEADER_B64,
        RFC7520_PAYLOAD_B64,
        RFC7520_4_2_SIGNATURE,
    );
    let untrusted = UntrustedToken::parse(&token).unwrap();
    assert_eq!(untrusted.algorithm(), Algorithm::Ps384);
    assert_eq!(untrusted.header().key_id(), Some(RFC7520_RSA_KID));
    let (input, signature) = (untrusted.signing_input(), untrusted.signature().unwrap());
    let (n, e) = (b64(RFC7520_N), b64(RFC7520_E));

    let public = Ps384VerifyingKey::from_components(&n, &e).unwrap();
    public.verify(input, &signature).unwrap();
    // The same RSA key bound to another hash or padding refuses it.
    assert!(Ps256VerifyingKey::from_components(&n, &e)
        .unwrap()
        .verify(input, &signature)
        .is_err());
    assert!(Ps512VerifyingKey::from_components(&n, &e)
        .unwrap()
        .verify(input, &signature)
        .is_err());
    assert!(Rs384VerifyingKey::from_components(&n, &e)
        .unwrap()
        .verify(input, &signature)
        .is_err());
    // One flipped bit anywhere in the signature.
    for byte in [0, 100, signature.len() - 1] {
        let mut flipped = signature.clone();
        flipped[byte] ^= 0x01;
        assert!(public.verify(input, &flipped).is_err(), "byte {byte}");
    }

    // Our own PS384 signature over the same input verifies, and differs (a fresh salt).
    let private =
        Ps384SigningKey::from_components(&n, &e, &b64(RFC7520_D), &b64(RFC7520_P), &b64(RFC7520_Q))
            .unwrap();
    let ours = private.sign(input).unwrap();
    assert_eq!(ours.len(), 256);
    assert_ne!(codec::encode(&ours), RFC7520_4_2_SIGNATURE);
    public.verify(input, &ours).unwrap();
    // Its public JWK is the RFC's §3.3 key, with alg PS384.
    let jwk = private.to_public_jwk();
    assert_eq!(jwk.algorithm(), Some("PS384"));
    assert_eq!(
        jwk.thumbprint().unwrap(),
        rfc7520_verifying_key().thumbprint()
    );
}

#[cfg(feature = "rsa")]
#[test]
fn rfc7520_4_2_is_refused_by_decode_after_the_signature_and_by_an_rs384_key_before_it() {
    use jwtcraft::{Ps384VerifyingKey, Rs384VerifyingKey};
    let token = compact(
        RFC7520_4_2_HEADER_B64,
        RFC7520_PAYLOAD_B64,
        RFC7520_4_2_SIGNATURE,
    );
    let (n, e) = (b64(RFC7520_N), b64(RFC7520_E));
    let ps384 = Ps384VerifyingKey::from_components(&n, &e).unwrap();
    let err = decode::<serde_json::Value>(&token, &ps384, &at(0)).unwrap_err();
    assert_payload_is_not_json(&err);
    let rs384 = Rs384VerifyingKey::from_components(&n, &e).unwrap();
    let err = decode::<serde_json::Value>(&token, &rs384, &at(0)).unwrap_err();
    assert!(
        matches!(
            err,
            Error::Header(jwtcraft::HeaderError::AlgorithmMismatch {
                expected: Algorithm::Rs384,
                found: Algorithm::Ps384
            })
        ),
        "{err:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// RFC 8037 Appendix A: Ed25519 (deterministic, so byte-exact)
//
// Copied from RFC 8037 A.1 (private key), A.2 (public key), A.3 (thumbprint), A.4 (signing)
// and A.5 (validation).
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "eddsa")]
mod rfc8037 {
    use super::*;
    use jwtcraft::{Ed25519SigningKey, Ed25519VerifyingKey, Header, HeaderError, Jwk};

    /// A.1 private key.
    const A1_JWK: &str = r#"{"kty":"OKP","crv":"Ed25519",
        "d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A",
        "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// A.2 public key.
    const A2_JWK: &str = r#"{"kty":"OKP","crv":"Ed25519",
        "x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    /// A.3 thumbprint.
    const A3_THUMBPRINT: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    /// A.4 protected header `{"alg":"EdDSA"}` and payload "Example of Ed25519 signing".
    const A4_HEADER_B64: &str = "eyJhbGciOiJFZERTQSJ9";
    const A4_PAYLOAD_B64: &str = "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    const A4_SIGNATURE: &str =
        "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";

    fn a1_key() -> Ed25519SigningKey {
        // No alg in the JWK: the `Ed25519` name by default; A.4 uses `EdDSA`.
        Ed25519SigningKey::from_jwk(&Jwk::from_json(A1_JWK).unwrap())
            .unwrap()
            .with_eddsa_name()
    }

    #[test]
    fn a2_public_key_and_a3_thumbprint() {
        let public = Ed25519VerifyingKey::from_jwk(&Jwk::from_json(A2_JWK).unwrap()).unwrap();
        assert_eq!(public.thumbprint(), A3_THUMBPRINT);
        assert_eq!(
            Jwk::from_json(A2_JWK).unwrap().thumbprint().unwrap(),
            A3_THUMBPRINT
        );
        assert_eq!(a1_key().verifying_key().to_bytes(), public.to_bytes());
        assert_eq!(
            a1_key().to_private_jwk().thumbprint().unwrap(),
            A3_THUMBPRINT
        );
    }

    #[test]
    fn a4_signature_is_byte_exact_and_our_header_is_the_rfcs() {
        let key = a1_key();
        let input = signing_input(A4_HEADER_B64, A4_PAYLOAD_B64);
        let signature = key.sign(input.as_bytes()).unwrap();
        assert_eq!(codec::encode(&signature), A4_SIGNATURE);
        // `encode` with an empty header writes exactly the RFC's protected header.
        let token = jwtcraft::encode(&Header::empty(), &serde_json::json!({}), &key).unwrap();
        assert_eq!(token.split('.').next(), Some(A4_HEADER_B64));
    }

    #[test]
    fn a5_validation_under_the_eddsa_name_only() {
        let token = compact(A4_HEADER_B64, A4_PAYLOAD_B64, A4_SIGNATURE);
        let untrusted = UntrustedToken::parse(&token).unwrap();
        assert_eq!(untrusted.algorithm(), Algorithm::EdDsa);
        let (input, signature) = (untrusted.signing_input(), untrusted.signature().unwrap());
        let public = Ed25519VerifyingKey::from_jwk(&Jwk::from_json(A2_JWK).unwrap()).unwrap();
        // The signature itself is valid whatever the key's name.
        public.verify(input, &signature).unwrap();
        let mut flipped = signature.clone();
        flipped[10] ^= 0x80;
        assert!(public.verify(input, &flipped).is_err());
        // A key bound to `Ed25519` refuses the `EdDSA` token: the name is the key's.
        let err = decode::<serde_json::Value>(&token, &public, &at(0)).unwrap_err();
        assert!(
            matches!(
                err,
                Error::Header(HeaderError::AlgorithmMismatch {
                    expected: Algorithm::Ed25519,
                    found: Algorithm::EdDsa
                })
            ),
            "{err:?}"
        );
        // Bound to `EdDSA`, it verifies; the text payload is then refused as not a JWT.
        let eddsa = public.with_eddsa_name();
        let err = decode::<serde_json::Value>(&token, &eddsa, &at(0)).unwrap_err();
        assert_payload_is_not_json(&err);
    }
}
