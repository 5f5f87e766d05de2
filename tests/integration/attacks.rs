//! One test per published JWT attack, each asserting the exact error `jwtcraft` reports.
//!
//! Tokens are forged by hand: header and claims JSON are written as text, base64url-encoded
//! with [`jwtcraft::codec::encode`], and signed with [`Signer::sign`] of whatever key the
//! attacker holds. Every validation runs on a [`FixedClock`]; no test reads the wall clock.
//!
//! The comment above each test names the attack or CVE (in `node-jsonwebtoken`, `PyJWT`,
//! `golang-jwt`, Java, `jsonwebtoken`…) it guards against. Where the outcome is a design
//! choice rather than a fix (high-S ECDSA signatures), the test pins down the observed
//! behaviour.

#![cfg(all(feature = "rsa", feature = "ecdsa"))]

use std::time::Duration;

use crate::common::{
    assert_matches, b64, es_other_verifying, es_signing, es_verifying, forge, hs_key, reject,
    rs_other_verifying, rs_signing, rs_verifying, segments, validation, validation_at, RawHmac,
    EC_PRIVATE_PEM, EC_PUBLIC_DER, EC_PUBLIC_PEM, NOW, RSA_PRIVATE_PEM, RSA_PUBLIC_DER,
    RSA_PUBLIC_PEM,
};
use jwtcraft::codec;
use jwtcraft::{
    decode, encode, Algorithm, Claim, ClaimError, Error, Es256SigningKey, Header, Hs256Key,
    KeyError, KeySet, MalformedError, Segment, Signer, Token, UntrustedToken, Validation, Verifier,
};
use jwtcraft::{HeaderError, SignatureError};
use serde_json::Value;

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------------------------

/// The order `n` of the P-256 group, big-endian.
const P256_N: [u8; 32] = [
    0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x51,
];

/// An ES256 key the attacker generated: any scalar in `[1, n-1]` will do.
fn attacker_es_key() -> Es256SigningKey {
    let mut scalar = [0x5Au8; 32];
    scalar[0] = 0x01;
    Es256SigningKey::from_scalar(&scalar).unwrap()
}

/// Claims that pass the default validation at [`NOW`].
fn good_claims() -> String {
    format!(r#"{{"sub":"user-1","exp":{}}}"#, NOW + 3600)
}

/// `base64url(header) "." base64url(payload)`.
fn signing_input(header: &str, payload: &str) -> String {
    format!("{}.{}", b64(header), b64(payload))
}

/// A compact token with this header and payload JSON and these raw signature bytes.
fn with_signature(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}",
        signing_input(header, payload),
        codec::encode(signature)
    )
}

/// The decoded signature bytes of a token.
fn signature_of(token: &str) -> Vec<u8> {
    codec::decode(segments(token).2, Segment::Signature).unwrap()
}

#[track_caller]
fn accept(
    token: &str,
    verifier: &(impl Verifier + ?Sized),
    validation: &Validation,
) -> Token<Value> {
    decode::<Value>(token, verifier, validation).unwrap()
}

/// The signature `signer` makes over [`good_claims`] under `header`.
fn good_signature(header: &str, signer: &impl Signer) -> Vec<u8> {
    signature_of(&forge(header, &good_claims(), signer))
}

/// [`good_claims`] under `header`, carrying exactly these signature bytes, decoded at [`NOW`].
fn decode_with_signature(
    header: &str,
    signature: &[u8],
    verifier: &impl Verifier,
) -> jwtcraft::Result<Token<Value>> {
    let token = with_signature(header, &good_claims(), signature);
    decode::<Value>(&token, verifier, &validation())
}

/// `a - b` for 32-byte big-endian integers with `a >= b`.
fn sub_be(a: &[u8; 32], b: &[u8]) -> [u8; 32] {
    assert_eq!(b.len(), 32);
    let mut out = [0u8; 32];
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let mut d = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = 0;
        if d < 0 {
            d += 256;
            borrow = 1;
        }
        out[i] = u8::try_from(d).unwrap();
    }
    assert_eq!(borrow, 0, "a < b");
    out
}

/// A DER INTEGER holding the unsigned big-endian `value`, minimally encoded.
fn der_integer(value: &[u8]) -> Vec<u8> {
    let first = value
        .iter()
        .position(|&b| b != 0)
        .unwrap_or(value.len() - 1);
    let mut body = value[first..].to_vec();
    if body[0] & 0x80 != 0 {
        body.insert(0, 0);
    }
    let mut out = vec![0x02, u8::try_from(body.len()).unwrap()];
    out.extend_from_slice(&body);
    out
}

/// An ECDSA signature as ASN.1 DER `SEQUENCE { INTEGER r, INTEGER s }` (what OpenSSL and
/// Java produce), converted from the JWS `r ‖ s` form.
fn raw_to_der(raw: &[u8]) -> Vec<u8> {
    assert_eq!(raw.len(), 64);
    let mut body = der_integer(&raw[..32]);
    body.extend(der_integer(&raw[32..]));
    let mut out = vec![0x30, u8::try_from(body.len()).unwrap()];
    out.extend(body);
    out
}

// ---------------------------------------------------------------------------------------------
// alg: none (2015 McLean disclosure; CVE-2015-9235; CVE-2022-23540)
// ---------------------------------------------------------------------------------------------

// `alg: none` in any casing, with the signature segment left empty (the classic form) or
// filled with a real signature. Neither may ever verify, whatever key the server holds.
#[test]
fn alg_none_in_every_casing_is_refused_by_every_verifier() {
    let hs = hs_key();
    let rs = rs_verifying();
    let es = es_verifying();
    let verifiers: [&dyn Verifier; 3] = [&hs, &rs, &es];
    let payload = good_claims();
    for name in ["none", "None", "NONE", "nOnE"] {
        let header = format!(r#"{{"alg":"{name}","typ":"JWT"}}"#);
        let input = signing_input(&header, &payload);
        // The unsigned form `header.payload.`: an empty third segment is malformed, refused
        // before the header is even read.
        let unsigned = format!("{input}.");
        // The same with a signature the server's HS256 key really made over this input, and
        // with an arbitrary one.
        let hs_signed = format!(
            "{input}.{}",
            codec::encode(&hs.sign(input.as_bytes()).unwrap())
        );
        let junk_signed = format!("{input}.AAAA");
        for verifier in verifiers {
            assert_matches!(
                reject(&unsigned, verifier, &validation()),
                Error::Malformed(MalformedError::EmptySegment(Segment::Signature))
            );
            for token in [&hs_signed, &junk_signed] {
                assert_matches!(
                    reject(token, verifier, &validation()),
                    Error::Header(HeaderError::UnsupportedAlgorithm(ref found)) if found == name
                );
            }
            // Two segments, no trailing dot at all.
            assert_matches!(
                reject(&input, verifier, &validation()),
                Error::Malformed(MalformedError::SegmentCount)
            );
        }
        // Even parsing without verifying refuses to name an algorithm that does not exist.
        assert_matches!(
            UntrustedToken::parse(&hs_signed),
            Err(Error::Header(HeaderError::UnsupportedAlgorithm(ref found))) if found == name
        );
    }
}

// Spelling tricks around `none` and the real names: JSON escapes, case and whitespace
// variants of HS256, and a non-string `alg`.
#[test]
fn alg_spelling_tricks_are_refused() {
    let hs = hs_key();
    let payload = good_claims();
    for (alg_json, echoed) in [
        (r#""\u006eone""#, "none"),
        (r#""hs256""#, "hs256"),
        (r#""HS256 ""#, "HS256 "),
        (r#""""#, ""),
    ] {
        let token = forge(&format!(r#"{{"alg":{alg_json}}}"#), &payload, &hs);
        assert_matches!(
            reject(&token, &hs, &validation()),
            Error::Header(HeaderError::UnsupportedAlgorithm(ref found)) if found == echoed
        );
    }
    for alg_json in [r#"["HS256"]"#, "null", "256", r#"{"name":"HS256"}"#] {
        let token = forge(&format!(r#"{{"alg":{alg_json}}}"#), &payload, &hs);
        assert_matches!(
            reject(&token, &hs, &validation()),
            Error::Malformed(MalformedError::Json {
                segment: Segment::Header,
                ..
            })
        );
    }
    let token = forge(r#"{"typ":"JWT"}"#, &payload, &hs);
    assert_matches!(
        reject(&token, &hs, &validation()),
        Error::Header(HeaderError::MissingAlgorithm)
    );
}

// ---------------------------------------------------------------------------------------------
// HS256 keyed with a public key (CVE-2015-9235; CVE-2022-29217; CVE-2022-23541)
// ---------------------------------------------------------------------------------------------

// The attacker signs HS256 using the server's RSA public key (which is public) as the HMAC
// secret. A library that lets the header pick the algorithm then "verifies" the HMAC with the
// same public key bytes. Here the RS256 key is bound to RS256, so the token fails on `alg`.
#[test]
fn hs256_signed_with_rsa_public_key_is_an_algorithm_mismatch() {
    let rs = rs_verifying();
    let header = r#"{"alg":"HS256","typ":"JWT"}"#;
    for secret in [RSA_PUBLIC_PEM.as_bytes(), RSA_PUBLIC_DER] {
        let token = forge(header, &good_claims(), &RawHmac(secret.to_vec()));
        assert_matches!(
            reject(&token, &rs, &validation()),
            Error::Header(HeaderError::AlgorithmMismatch {
                expected: Algorithm::Rs256,
                found: Algorithm::Hs256
            })
        );
    }
}

// The same attack against an ES256 verifier (the EC public key as the HMAC secret).
#[test]
fn hs256_signed_with_ec_public_key_is_an_algorithm_mismatch() {
    let es = es_verifying();
    let header = r#"{"alg":"HS256","typ":"JWT"}"#;
    for secret in [EC_PUBLIC_PEM.as_bytes(), EC_PUBLIC_DER] {
        let token = forge(header, &good_claims(), &RawHmac(secret.to_vec()));
        assert_matches!(
            reject(&token, &es, &validation()),
            Error::Header(HeaderError::AlgorithmMismatch {
                expected: Algorithm::Es256,
                found: Algorithm::Hs256
            })
        );
    }
}

// A server that builds its HS256 key from a PEM file by mistake is refused at construction
// (CVE-2022-29217 was a blocklist that missed formats; here the typed key makes the attack
// impossible anyway, and the PEM check catches the configuration error early).
#[test]
fn hmac_key_from_pem_text_is_refused() {
    for pem in [
        RSA_PUBLIC_PEM,
        RSA_PRIVATE_PEM,
        EC_PUBLIC_PEM,
        EC_PRIVATE_PEM,
        include_str!("../data/rsa2048-public-pkcs1.pem"),
        include_str!("../data/p256-private-sec1.pem"),
    ] {
        assert_matches!(
            Hs256Key::new(pem.as_bytes()),
            Err(KeyError::HmacLooksLikePem)
        );
        // Leading whitespace does not hide it.
        let indented = format!("\n  \t{pem}");
        assert_matches!(
            Hs256Key::new(indented.as_bytes()),
            Err(KeyError::HmacLooksLikePem)
        );
    }
}

// Even if a confused server did build an HS256 key from the public key's DER bytes (which do
// not look like PEM and are accepted as a secret), the token still only verifies with that
// HS256 key, never with the RS256 verifying key the server meant to use.
#[test]
fn hmac_key_from_public_der_never_stands_in_for_the_rsa_key() {
    let confused = Hs256Key::new(RSA_PUBLIC_DER).unwrap();
    let token = forge(
        r#"{"alg":"HS256"}"#,
        &good_claims(),
        &RawHmac(RSA_PUBLIC_DER.to_vec()),
    );
    // The same bytes as an HMAC key do verify it: HMAC is symmetric.
    accept(&token, &confused, &validation());
    assert_matches!(
        reject(&token, &rs_verifying(), &validation()),
        Error::Header(HeaderError::AlgorithmMismatch {
            expected: Algorithm::Rs256,
            found: Algorithm::Hs256
        })
    );
}

// ---------------------------------------------------------------------------------------------
// Swapped header alg (CVE-2026-48523 and the general "the token picks the algorithm" bug)
// ---------------------------------------------------------------------------------------------

/// A token for `{"exp": NOW + 60}` under the default header, signed by `signer`.
fn short_lived(signer: &impl Signer) -> String {
    encode(
        &Header::new(),
        &serde_json::json!({"exp": NOW + 60}),
        signer,
    )
    .unwrap()
}

/// `token` with its header replaced by this JSON, the payload and signature left as they are.
fn relabelled(token: &str, header: &str) -> String {
    let (_, payload, signature) = segments(token);
    format!("{}.{payload}.{signature}", b64(header))
}

// A valid RS256 token whose header is rewritten to say ES256 or HS256, keeping the original
// payload and signature.
#[test]
fn rs256_token_relabelled_es256_or_hs256_is_refused() {
    let token = short_lived(&rs_signing());
    accept(&token, &rs_verifying(), &validation());
    for (alg, found) in [("ES256", Algorithm::Es256), ("HS256", Algorithm::Hs256)] {
        let swapped = relabelled(&token, &format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#));
        // The RS256 key refuses the label...
        assert_matches!(
            reject(&swapped, &rs_verifying(), &validation()),
            Error::Header(HeaderError::AlgorithmMismatch { expected: Algorithm::Rs256, found: f }) if f == found
        );
        // ...and a key of the claimed algorithm refuses the signature (a 256-byte RSA
        // signature is neither a 64-byte ES256 nor a 32-byte HS256 one).
        let claimed: Box<dyn Verifier> = match found {
            Algorithm::Es256 => Box::new(es_verifying()),
            _ => Box::new(hs_key()),
        };
        assert_matches!(
            reject(&swapped, &*claimed, &validation()),
            Error::Signature(SignatureError::Invalid)
        );
    }
}

// A valid HS256 token re-labelled RS256.
#[test]
fn hs256_token_relabelled_rs256_is_refused() {
    let swapped = relabelled(&short_lived(&hs_key()), r#"{"alg":"RS256","typ":"JWT"}"#);
    assert_matches!(
        reject(&swapped, &hs_key(), &validation()),
        Error::Header(HeaderError::AlgorithmMismatch {
            expected: Algorithm::Hs256,
            found: Algorithm::Rs256
        })
    );
    assert_matches!(
        reject(&swapped, &rs_verifying(), &validation()),
        Error::Signature(SignatureError::Invalid)
    );
}

// A header rewritten to the *same* algorithm but different parameters is a changed header:
// the signature covers the header bytes, not just the claims.
#[test]
fn relabelling_keeps_the_signature_bound_to_the_header_bytes() {
    let token = short_lived(&es_signing());
    for header in [
        r#"{"alg":"ES256"}"#,
        r#"{"typ":"JWT","alg":"ES256"}"#,
        r#"{"alg":"ES256","typ":"JWT","kid":"other"}"#,
    ] {
        let swapped = relabelled(&token, header);
        assert_matches!(
            reject(&swapped, &es_verifying(), &validation()),
            Error::Signature(SignatureError::Invalid)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// ES256 "psychic signatures" (CVE-2022-21449)
// ---------------------------------------------------------------------------------------------

// Java 15-18 accepted r = s = 0 for any message and key. Out-of-range scalars (r or s equal
// to or above the group order n) are the same bug in another form.
#[test]
fn psychic_signatures_are_invalid() {
    let header = r#"{"alg":"ES256","typ":"JWT"}"#;
    let valid = good_signature(header, &es_signing());
    let (r, s) = valid.split_at(32);
    let zero = [0u8; 32];
    let ones = [0xFFu8; 32];
    let mut n_plus_one = P256_N;
    n_plus_one[31] += 1;
    let cases: [(&str, &[u8], &[u8]); 10] = [
        ("r = s = 0", &zero, &zero),
        ("r = s = n", &P256_N, &P256_N),
        ("r = n", &P256_N, s),
        ("s = n", r, &P256_N),
        ("r = n + 1", &n_plus_one, s),
        ("s = n + 1", r, &n_plus_one),
        ("r = 2^256 - 1", &ones, s),
        ("s = 2^256 - 1", r, &ones),
        ("r = 0, valid s", &zero, s),
        ("valid r, s = 0", r, &zero),
    ];
    for (name, r, s) in cases {
        let signature = [r, s].concat();
        assert_eq!(signature.len(), 64, "{name}");
        assert_matches!(
            decode_with_signature(header, &signature, &es_verifying()),
            Err(Error::Signature(SignatureError::Invalid))
        );
        assert_matches!(
            es_verifying().verify(signing_input(header, &good_claims()).as_bytes(), &signature),
            Err(SignatureError::Invalid)
        );
    }
}

// ---------------------------------------------------------------------------------------------
// ES256 signature encoding and length (CVE-2022-21449 lessons: exact P1363 length)
// ---------------------------------------------------------------------------------------------

// JWS ES256 signatures are the 64-byte `r ‖ s`. The ASN.1 DER form (what OpenSSL and Java
// emit, and what some libraries accept too) must be refused even when it encodes a valid
// signature.
#[test]
fn es256_der_encoded_signature_is_invalid() {
    let header = r#"{"alg":"ES256"}"#;
    let raw = good_signature(header, &es_signing());
    let der = raw_to_der(&raw);
    assert_eq!(der[0], 0x30);
    assert!((70..=72).contains(&der.len()), "{}", der.len());
    assert_matches!(
        decode_with_signature(header, &der, &es_verifying()),
        Err(Error::Signature(SignatureError::Invalid))
    );
    // The raw form of the same signature does verify.
    decode_with_signature(header, &raw, &es_verifying()).unwrap();
}

// Every signature length from 0 to 128 bytes except 64. Zero bytes is an empty segment,
// which is refused as malformed before anything else.
#[test]
fn es256_signature_of_any_other_length_is_invalid() {
    let header = r#"{"alg":"ES256"}"#;
    let valid = good_signature(header, &es_signing());
    let input = signing_input(header, &good_claims());
    for len in 0..=128usize {
        if len == 64 {
            continue;
        }
        // A prefix of the valid signature, or the valid signature followed by more bytes.
        let mut signature: Vec<u8> = valid.iter().copied().cycle().take(len).collect();
        if len > 64 {
            signature[64..].fill(0);
        }
        assert_matches!(
            es_verifying().verify(input.as_bytes(), &signature),
            Err(SignatureError::Invalid)
        );
        let decoded = decode_with_signature(header, &signature, &es_verifying());
        if len == 0 {
            assert_matches!(
                decoded,
                Err(Error::Malformed(MalformedError::EmptySegment(
                    Segment::Signature
                )))
            );
        } else {
            assert_matches!(decoded, Err(Error::Signature(SignatureError::Invalid)));
        }
    }
}

// An RS256 signature one byte short or one byte long (a leading zero that a lax
// big-integer conversion would ignore).
#[test]
fn rs256_signature_truncated_or_extended_is_invalid() {
    let header = r#"{"alg":"RS256"}"#;
    let valid = good_signature(header, &rs_signing());
    assert_eq!(valid.len(), 256);
    let mut leading_zero = vec![0u8];
    leading_zero.extend_from_slice(&valid);
    let mut trailing_zero = valid.clone();
    trailing_zero.push(0);
    for signature in [
        valid[..255].to_vec(),
        valid[1..].to_vec(),
        leading_zero,
        trailing_zero,
    ] {
        assert_matches!(
            decode_with_signature(header, &signature, &rs_verifying()),
            Err(Error::Signature(SignatureError::Invalid))
        );
    }
    decode_with_signature(header, &valid, &rs_verifying()).unwrap();
}

// A signature far longer than any supported algorithm's (here 2 KiB) is refused as invalid
// without being decoded into a buffer.
#[test]
fn oversized_signature_is_invalid() {
    assert_matches!(
        decode_with_signature(r#"{"alg":"RS256"}"#, &[7u8; 2048], &rs_verifying()),
        Err(Error::Signature(SignatureError::Invalid))
    );
}

// ---------------------------------------------------------------------------------------------
// ES256 signature malleability (high-S)
// ---------------------------------------------------------------------------------------------

// For a valid ECDSA signature (r, s), (r, n - s) is also mathematically valid. RFC 7518 §3.4
// does not require low-S, and PyJWT/OpenSSL emit either form, so a strict low-S rule would
// break interop. jwtcraft (through `p256`) accepts both; the test pins that down so a
// change is noticed. Consequence for users: never use the signature bytes as a unique token
// id (use `jti`), since a second spelling of the same token exists.
#[test]
fn es256_high_s_twin_is_accepted() {
    let header = r#"{"alg":"ES256"}"#;
    let valid = good_signature(header, &es_signing());
    let (r, s) = valid.split_at(32);
    let twin_s = sub_be(&P256_N, s);
    let twin = [r, &twin_s[..]].concat();
    assert_ne!(twin, valid);
    decode_with_signature(header, &valid, &es_verifying()).unwrap();
    decode_with_signature(header, &twin, &es_verifying()).unwrap();
}

// ---------------------------------------------------------------------------------------------
// Tampering and wrong keys
// ---------------------------------------------------------------------------------------------

// Header or payload changed after signing, for every algorithm.
#[test]
fn tampered_header_or_payload_is_invalid() {
    let hs = hs_key();
    let rs = rs_signing();
    let es = es_signing();
    let signers: [(&dyn Signer, Box<dyn Verifier>); 3] = [
        (&hs, Box::new(hs_key())),
        (&rs, Box::new(rs_verifying())),
        (&es, Box::new(es_verifying())),
    ];
    for (signer, verifier) in signers {
        let alg = signer.algorithm().name();
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let payload = format!(r#"{{"sub":"user-1","role":"user","exp":{}}}"#, NOW + 60);
        let token = forge(&header, &payload, signer);
        accept(&token, &*verifier, &validation());
        let (h, p, s) = segments(&token);

        let admin = b64(&payload.replace(r#""role":"user""#, r#""role":"admin""#));
        let later = b64(&payload.replace(&(NOW + 60).to_string(), &(NOW + 999_999).to_string()));
        let kid = b64(&format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"k"}}"#));
        for tampered in [
            format!("{h}.{admin}.{s}"),
            format!("{h}.{later}.{s}"),
            format!("{kid}.{p}.{s}"),
        ] {
            assert_matches!(
                reject(&tampered, &*verifier, &validation()),
                Error::Signature(SignatureError::Invalid)
            );
        }
        // A flipped bit anywhere in the signature.
        let mut flipped = signature_of(&token);
        for i in [0, flipped.len() / 2, flipped.len() - 1] {
            flipped[i] ^= 0x01;
            let token = format!("{h}.{p}.{}", codec::encode(&flipped));
            assert_matches!(
                reject(&token, &*verifier, &validation()),
                Error::Signature(SignatureError::Invalid)
            );
            flipped[i] ^= 0x01;
        }
    }
}

// A signature made by another key of the same algorithm.
#[test]
fn signature_from_another_key_of_the_same_algorithm_is_invalid() {
    let claims = serde_json::json!({"sub": "user-1", "exp": NOW + 60});

    let wrong_secret = Hs256Key::new(b"another-secret-0123456789abcdefg").unwrap();
    let token = encode(&Header::new(), &claims, &wrong_secret).unwrap();
    assert_matches!(
        reject(&token, &hs_key(), &validation()),
        Error::Signature(SignatureError::Invalid)
    );

    let token = encode(&Header::new(), &claims, &rs_signing()).unwrap();
    let wrong_rsa = rs_other_verifying();
    assert_matches!(
        reject(&token, &wrong_rsa, &validation()),
        Error::Signature(SignatureError::Invalid)
    );

    let token = encode(&Header::new(), &claims, &es_signing()).unwrap();
    let wrong_ec = es_other_verifying();
    assert_matches!(
        reject(&token, &wrong_ec, &validation()),
        Error::Signature(SignatureError::Invalid)
    );
    let token = encode(&Header::new(), &claims, &attacker_es_key()).unwrap();
    assert_matches!(
        reject(&token, &es_verifying(), &validation()),
        Error::Signature(SignatureError::Invalid)
    );
}

// ---------------------------------------------------------------------------------------------
// crit and b64 (CVE-2026-32597 / GHSA-752w-5fwx-jx9f; Authlib CVE-2025-59420)
// ---------------------------------------------------------------------------------------------

// A `crit` extension the verifier did not declare must be refused, even with a valid
// signature (RFC 7515 §4.1.11).
#[test]
fn unknown_crit_extension_is_refused() {
    let token = forge(
        r#"{"alg":"HS256","crit":["exp-policy"],"exp-policy":"strict"}"#,
        &good_claims(),
        &hs_key(),
    );
    assert_matches!(
        reject(&token, &hs_key(), &validation()),
        Error::Header(HeaderError::UnsupportedCritical(ref name)) if name == "exp-policy"
    );
    // Declaring a different extension does not help.
    let other = validation().with_critical_extension("something-else");
    assert_matches!(
        reject(&token, &hs_key(), &other),
        Error::Header(HeaderError::UnsupportedCritical(ref name)) if name == "exp-policy"
    );
    // With several, the first unknown one is named.
    let token = forge(
        r#"{"alg":"HS256","crit":["a","b"],"a":1,"b":2}"#,
        &good_claims(),
        &hs_key(),
    );
    let knows_a = validation().with_critical_extension("a");
    assert_matches!(
        reject(&token, &hs_key(), &knows_a),
        Error::Header(HeaderError::UnsupportedCritical(ref name)) if name == "b"
    );
    let knows_both = knows_a.with_critical_extension("b");
    accept(&token, &hs_key(), &knows_both);
}

// A `crit` extension the caller declared with `with_critical_extension` is accepted, and
// the extension is visible on the verified header.
#[test]
fn declared_crit_extension_is_accepted() {
    let token = forge(
        r#"{"alg":"HS256","crit":["exp-policy"],"exp-policy":"strict"}"#,
        &good_claims(),
        &hs_key(),
    );
    let knows = validation().with_critical_extension("exp-policy");
    let verified = accept(&token, &hs_key(), &knows);
    assert_eq!(
        verified.header().critical(),
        Some(&["exp-policy".to_owned()][..])
    );
    assert_eq!(
        verified.header().extra("exp-policy"),
        Some(&Value::from("strict"))
    );
}

// Malformed `crit` lists: empty, naming a registered parameter, naming an absent parameter,
// duplicated, or not an array of strings.
#[test]
fn malformed_crit_is_refused() {
    let lenient = validation().with_critical_extension("ext");
    for header in [
        r#"{"alg":"HS256","crit":[]}"#,
        r#"{"alg":"HS256","crit":["alg"]}"#,
        r#"{"alg":"HS256","crit":["kid"],"kid":"k"}"#,
        r#"{"alg":"HS256","crit":["ext"]}"#,
        r#"{"alg":"HS256","crit":["ext","ext"],"ext":1}"#,
    ] {
        let token = forge(header, &good_claims(), &hs_key());
        let err = reject(&token, &hs_key(), &lenient);
        assert_matches!(err, Error::Header(HeaderError::InvalidCritical));
        assert_eq!(err.code(), "header.invalid_critical");
    }
    // A `crit` that is not an array of strings is the same rule broken, not a JSON error.
    for header in [
        r#"{"alg":"HS256","crit":"ext","ext":1}"#,
        r#"{"alg":"HS256","crit":[1]}"#,
    ] {
        let token = forge(header, &good_claims(), &hs_key());
        assert_matches!(
            reject(&token, &hs_key(), &lenient),
            Error::Header(HeaderError::InvalidCritical)
        );
    }
}

// RFC 7797 unencoded payloads (`b64: false`) change what the signature covers. Not
// implemented, so refused, whether or not `crit` lists it and whether or not the caller
// declared it.
#[test]
fn b64_false_is_refused() {
    for header in [
        r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#,
        r#"{"alg":"HS256","b64":false}"#,
        r#"{"alg":"HS256","b64":"false"}"#,
        r#"{"alg":"HS256","b64":0}"#,
    ] {
        let token = forge(header, &good_claims(), &hs_key());
        assert_matches!(
            reject(&token, &hs_key(), &validation()),
            Error::Header(HeaderError::UnsupportedParameter("b64"))
        );
        let declared = validation().with_critical_extension("b64");
        assert_matches!(
            reject(&token, &hs_key(), &declared),
            Error::Header(HeaderError::UnsupportedParameter("b64"))
        );
    }
    // `b64: true` is the default meaning and is accepted...
    let token = forge(r#"{"alg":"HS256","b64":true}"#, &good_claims(), &hs_key());
    accept(&token, &hs_key(), &validation());
    // ...but listed in `crit`, it is an extension the verifier must declare.
    let token = forge(
        r#"{"alg":"HS256","b64":true,"crit":["b64"]}"#,
        &good_claims(),
        &hs_key(),
    );
    assert_matches!(
        reject(&token, &hs_key(), &validation()),
        Error::Header(HeaderError::UnsupportedCritical(ref name)) if name == "b64"
    );
    accept(
        &token,
        &hs_key(),
        &validation().with_critical_extension("b64"),
    );
}

// ---------------------------------------------------------------------------------------------
// Embedded keys: jwk, jku, x5u, x5c (CVE-2018-0114 in node-jose and friends)
// ---------------------------------------------------------------------------------------------

/// A header naming `alg` that carries the attacker's key in every way JOSE allows.
fn header_with_embedded_key(alg: &str, jwk: &Value, kid: Option<&str>) -> String {
    let mut header = serde_json::json!({
        "alg": alg,
        "typ": "JWT",
        "jwk": jwk,
        "jku": "https://attacker.example/jwks.json",
        "x5u": "https://attacker.example/cert.pem",
        "x5c": ["MIIBszCCAVmgAwIBAgIUAttacker"],
    });
    if let Some(kid) = kid {
        header["kid"] = Value::from(kid);
    }
    header.to_string()
}

// The attacker signs with their own ES256 key and embeds its public JWK (and jku/x5u/x5c
// pointing at their server). A library that trusts the embedded key verifies the token
// with the attacker's key. jwtcraft only ever uses the key it was given.
#[test]
fn embedded_es256_jwk_is_never_used() {
    let attacker = attacker_es_key();
    let jwk = serde_json::to_value(attacker.to_public_jwk()).unwrap();
    let header = header_with_embedded_key("ES256", &jwk, None);
    let token = forge(&header, &good_claims(), &attacker);
    // The token is self-consistent: the embedded key does verify it.
    accept(&token, &attacker.verifying_key(), &validation());
    assert_matches!(
        reject(&token, &es_verifying(), &validation()),
        Error::Signature(SignatureError::Invalid)
    );
    // The parameters are kept as plain data.
    let untrusted = UntrustedToken::parse(&token).unwrap();
    assert_eq!(untrusted.header().extra("jwk"), Some(&jwk));
    assert!(untrusted.header().extra("jku").is_some());
}

// The same with RS256. The fixtures hold one RSA private key, so here it plays the attacker
// and the server trusts the other RSA public key.
#[test]
fn embedded_rs256_jwk_is_never_used() {
    let attacker = rs_signing();
    let server = rs_other_verifying();
    let jwk = serde_json::to_value(attacker.to_public_jwk()).unwrap();
    let header = header_with_embedded_key("RS256", &jwk, None);
    let token = forge(&header, &good_claims(), &attacker);
    accept(&token, &attacker.verifying_key(), &validation());
    assert_matches!(
        reject(&token, &server, &validation()),
        Error::Signature(SignatureError::Invalid)
    );
}

// The same with HS256 and an embedded `oct` JWK carrying the attacker's secret.
#[test]
fn embedded_oct_jwk_is_never_used() {
    let attacker = Hs256Key::new(b"attacker-secret-0123456789abcdef").unwrap();
    let jwk = serde_json::to_value(attacker.to_secret_jwk()).unwrap();
    let header = header_with_embedded_key("HS256", &jwk, None);
    let token = forge(&header, &good_claims(), &attacker);
    assert_matches!(
        reject(&token, &hs_key(), &validation()),
        Error::Signature(SignatureError::Invalid)
    );
}

// Through a `KeySet`, with the token claiming the server key's `kid`: the set still picks
// its own key, never the embedded one.
#[test]
fn embedded_jwk_is_never_used_by_a_key_set() {
    let attacker = attacker_es_key();
    let jwk = serde_json::to_value(attacker.to_public_jwk()).unwrap();
    let header = header_with_embedded_key("ES256", &jwk, Some("server-es"));
    let token = forge(&header, &good_claims(), &attacker);
    let keys = KeySet::new()
        .with_key(es_verifying().with_key_id("server-es"))
        .with_key(rs_verifying().with_key_id("server-rs"));
    assert_matches!(
        keys.decode::<Value>(&token, &validation()),
        Err(Error::Signature(SignatureError::Invalid))
    );
    // Without a known kid, the set has nothing to try.
    let header = header_with_embedded_key("ES256", &jwk, Some("attacker"));
    let token = forge(&header, &good_claims(), &attacker);
    assert_matches!(
        keys.decode::<Value>(&token, &validation()),
        Err(Error::Header(HeaderError::UnknownKeyId(ref kid))) if kid == "attacker"
    );
}

// ---------------------------------------------------------------------------------------------
// Duplicate JSON members (parser differentials)
// ---------------------------------------------------------------------------------------------

// `{"alg":"HS256","alg":"none"}`: a first-wins and a last-wins parser disagree on the
// algorithm. Refused outright, in either order, even with a valid signature.
#[test]
fn duplicate_header_members_are_malformed() {
    for header in [
        r#"{"alg":"HS256","alg":"none"}"#,
        r#"{"alg":"none","alg":"HS256"}"#,
        r#"{"alg":"HS256","alg":"HS256"}"#,
        r#"{"alg":"HS256","kid":"a","kid":"b"}"#,
        r#"{"alg":"HS256","typ":"JWT","typ":"JWT"}"#,
        r#"{"alg":"HS256","crit":["x"],"x":1,"crit":["x"]}"#,
        r#"{"alg":"HS256","x5u":"a","x5u":"b"}"#,
        r#"{"alg":"HS256","\u0061lg":"none"}"#,
    ] {
        let token = forge(header, &good_claims(), &hs_key());
        assert_matches!(
            reject(
                &token,
                &hs_key(),
                &validation().with_critical_extension("x")
            ),
            Error::Malformed(MalformedError::DuplicateMember(Segment::Header))
        );
    }
}

// Duplicate registered claims, such as two `exp` (one expired, one not) or two `aud`.
#[test]
fn duplicate_registered_claims_are_malformed() {
    let v = validation().with_audience("api").with_issuer("issuer");
    for payload in [
        format!(r#"{{"exp":{},"exp":{}}}"#, NOW - 10_000, NOW + 60),
        format!(r#"{{"exp":{},"exp":{}}}"#, NOW + 60, NOW - 10_000),
        format!(r#"{{"exp":{},"aud":"evil","aud":"api"}}"#, NOW + 60),
        format!(r#"{{"exp":{},"aud":"api","aud":"evil"}}"#, NOW + 60),
        format!(
            r#"{{"exp":{},"aud":"api","iss":"issuer","iss":"evil"}}"#,
            NOW + 60
        ),
        format!(r#"{{"exp":{},"aud":"api","nbf":0,"nbf":0}}"#, NOW + 60),
        format!(
            r#"{{"exp":{},"aud":"api","\u0065xp":{}}}"#,
            NOW + 60,
            NOW + 60
        ),
    ] {
        let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
        assert_matches!(
            reject(&token, &hs_key(), &v),
            Error::Malformed(MalformedError::DuplicateMember(Segment::Payload))
        );
    }
}

// Duplicate private claims: `{"role":"user","role":"admin"}` means "user" to a first-wins
// parser and "admin" to a last-wins one (the JSON-injection pattern where an issuer builds
// claims by string concatenation). jwtcraft refuses duplicate member names at every depth
// while reading the claims, before any claims type sees them.
#[test]
fn duplicate_private_claims_in_typed_claims_are_refused() {
    #[derive(Debug, serde::Deserialize)]
    struct Custom {
        #[allow(dead_code)]
        role: String,
    }
    let payload = format!(r#"{{"exp":{},"role":"user","role":"admin"}}"#, NOW + 60);
    let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
    assert_matches!(
        decode::<Custom>(&token, &hs_key(), &validation()),
        Err(Error::Malformed(MalformedError::DuplicateMember(
            Segment::Payload
        )))
    );
}

// The same into untyped claims (`serde_json::Value`), and nested in an object. The crate
// documents "duplicate JSON members refused", yet the payload reader only refuses duplicate
// registered claims, and `serde_json::Value` keeps the last duplicate silently.
#[test]
fn duplicate_private_claims_in_untyped_claims_are_refused() {
    for payload in [
        format!(r#"{{"exp":{},"role":"user","role":"admin"}}"#, NOW + 60),
        format!(
            r#"{{"exp":{},"perm":{{"admin":false,"admin":true}}}}"#,
            NOW + 60
        ),
    ] {
        let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
        assert_matches!(
            decode::<Value>(&token, &hs_key(), &validation()),
            Err(Error::Malformed(MalformedError::DuplicateMember(
                Segment::Payload
            )))
        );
    }
}

// Duplicate members nested inside a header parameter's value: top-level duplicates are
// refused (above), nested ones are kept last-wins.
#[test]
fn duplicate_nested_header_members_are_refused() {
    let token = forge(
        r#"{"alg":"HS256","ext":{"mode":"a","mode":"b"}}"#,
        &good_claims(),
        &hs_key(),
    );
    assert_matches!(
        decode::<Value>(&token, &hs_key(), &validation()),
        Err(Error::Malformed(MalformedError::DuplicateMember(
            Segment::Header
        )))
    );
}

// ---------------------------------------------------------------------------------------------
// Claim type confusion (CVE-2026-25537 / GHSA-h395-gr6q-cpjc; CVE-2020-26160)
// ---------------------------------------------------------------------------------------------

// A registered time claim of the wrong JSON type must be an error, never "absent" (which
// would silently skip the expiry check).
#[test]
fn time_claims_of_the_wrong_type_are_wrong_type_errors() {
    let wrong_values = [
        r#""1700000060""#,
        "null",
        "true",
        "false",
        "[1700000060]",
        r#"{"t":1}"#,
    ];
    for (name, claim) in [
        ("exp", Claim::Expiration),
        ("nbf", Claim::NotBefore),
        ("iat", Claim::IssuedAt),
    ] {
        for value in wrong_values {
            let payload = if name == "exp" {
                format!(r#"{{"exp":{value}}}"#)
            } else {
                format!(r#"{{"exp":{},"{name}":{value}}}"#, NOW + 60)
            };
            let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
            assert_matches!(
                reject(&token, &hs_key(), &validation()),
                Error::Claims(ClaimError::WrongType(ref c)) if *c == claim
            );
            // Not even with a validation that does not require `exp`.
            assert_matches!(
                reject(&token, &hs_key(), &validation().allow_missing_exp()),
                Error::Claims(ClaimError::WrongType(ref c)) if *c == claim
            );
        }
    }
}

// Dates outside what an i64 of seconds can hold are out of range, not clamped, not absent.
#[test]
fn huge_time_claims_are_out_of_range() {
    for value in [
        "1e300",
        "18446744073709551615",
        "-1e300",
        "9223372036854775808",
        "1.7976931348623157e308",
    ] {
        for (name, claim) in [
            ("exp", Claim::Expiration),
            ("nbf", Claim::NotBefore),
            ("iat", Claim::IssuedAt),
        ] {
            let payload = if name == "exp" {
                format!(r#"{{"exp":{value}}}"#)
            } else {
                format!(r#"{{"exp":{},"{name}":{value}}}"#, NOW + 60)
            };
            let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
            assert_matches!(
                reject(&token, &hs_key(), &validation()),
                Error::Claims(ClaimError::OutOfRange(ref c)) if *c == claim,
            );
        }
    }
    // The extremes that do fit are ordinary dates: i64::MIN is long expired, i64::MAX never
    // expires (nothing overflows when the leeway is added).
    let token = forge(
        r#"{"alg":"HS256"}"#,
        r#"{"exp":-9223372036854775808}"#,
        &hs_key(),
    );
    assert_matches!(
        reject(&token, &hs_key(), &validation()),
        Error::Claims(ClaimError::Expired)
    );
    let token = forge(
        r#"{"alg":"HS256"}"#,
        r#"{"exp":9223372036854775807}"#,
        &hs_key(),
    );
    accept(&token, &hs_key(), &validation());
}

// `aud` must be a string or an array of strings. A number, an array holding a number, an
// object or null is a type error, whether or not an audience is expected.
#[test]
fn aud_type_confusion_is_a_wrong_type_error() {
    for aud in [
        "42",
        r#"["api",42]"#,
        "[42]",
        r#"{"api":true}"#,
        "null",
        "true",
        r#"[["api"]]"#,
    ] {
        let payload = format!(r#"{{"exp":{},"aud":{aud}}}"#, NOW + 60);
        let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
        for v in [validation().with_audience("api"), validation()] {
            assert_matches!(
                reject(&token, &hs_key(), &v),
                Error::Claims(ClaimError::WrongType(Claim::Audience))
            );
        }
    }
}

// CVE-2020-26160: jwt-go treated an empty `aud` as "no audience to check". An empty string
// or an empty array matches no expected audience.
#[test]
fn empty_aud_never_matches_an_expected_audience() {
    for aud in [
        r#""""#,
        "[]",
        r#"[""]"#,
        r#""ap""#,
        r#""API""#,
        r#"["api-x"]"#,
    ] {
        let payload = format!(r#"{{"exp":{},"aud":{aud}}}"#, NOW + 60);
        let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
        assert_matches!(
            reject(&token, &hs_key(), &validation().with_audience("api")),
            Error::Claims(ClaimError::InvalidAudience)
        );
    }
    // The exact audience, alone or among others, passes.
    for aud in [r#""api""#, r#"["web","api"]"#] {
        let payload = format!(r#"{{"exp":{},"aud":{aud}}}"#, NOW + 60);
        let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
        accept(&token, &hs_key(), &validation().with_audience("api"));
    }
}

// CVE-2024-53861: PyJWT 2.10.0 compared `iss` with `in` on a string, so "iss" matched the
// expected "issuer". Issuers compare exactly.
#[test]
fn issuer_substring_is_an_invalid_issuer() {
    for iss in [
        "iss",
        "issue",
        "issuer ",
        " issuer",
        "Issuer",
        "issuer-evil",
        "",
        "suer",
    ] {
        let payload = format!(r#"{{"exp":{},"iss":"{iss}"}}"#, NOW + 60);
        let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
        assert_matches!(
            reject(&token, &hs_key(), &validation().with_issuer("issuer")),
            Error::Claims(ClaimError::InvalidIssuer)
        );
    }
    // An array of issuers is not an issuer (no "any of" on the token side).
    let payload = format!(r#"{{"exp":{},"iss":["issuer"]}}"#, NOW + 60);
    let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
    assert_matches!(
        reject(&token, &hs_key(), &validation().with_issuer("issuer")),
        Error::Claims(ClaimError::WrongType(Claim::Issuer))
    );
    let payload = format!(r#"{{"exp":{},"iss":"issuer"}}"#, NOW + 60);
    let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
    accept(&token, &hs_key(), &validation().with_issuer("issuer"));
}

// ---------------------------------------------------------------------------------------------
// Error ordering (CVE-2024-51744)
// ---------------------------------------------------------------------------------------------

// golang-jwt v4 reported a token that was both expired and badly signed as "expired", so
// callers that special-cased expiry (to refresh, say) treated a forgery as a real token.
// The signature is checked first and its failure is what is reported.
#[test]
fn expired_and_badly_signed_reports_invalid_signature() {
    let attacker = Hs256Key::new(b"attacker-secret-0123456789abcdef").unwrap();
    for payload in [
        format!(r#"{{"sub":"admin","exp":{}}}"#, NOW - 100_000),
        format!(r#"{{"sub":"admin","exp":"{}"}}"#, NOW - 100_000),
        format!(
            r#"{{"sub":"admin","exp":1,"exp":2,"nbf":{}}}"#,
            NOW + 100_000
        ),
        r#"{"sub":"admin"}"#.to_owned(),
        "not json at all".to_owned(),
    ] {
        let token = forge(r#"{"alg":"HS256"}"#, &payload, &attacker);
        assert_matches!(
            reject(&token, &hs_key(), &validation()),
            Error::Signature(SignatureError::Invalid)
        );
    }
    // Expired and well signed: now it is a claim error.
    let token = forge(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"sub":"admin","exp":{}}}"#, NOW - 100_000),
        &hs_key(),
    );
    assert_matches!(
        reject(&token, &hs_key(), &validation()),
        Error::Claims(ClaimError::Expired)
    );
}

// ---------------------------------------------------------------------------------------------
// Time boundaries with leeway (clock-skew handling, RFC 7519 §4.1.4-4.1.6)
// ---------------------------------------------------------------------------------------------

const LEEWAY: i64 = 10;
const T: i64 = 1_800_000_000;

fn leeway_at(now: i64) -> Validation {
    validation_at(now).with_leeway(Duration::from_secs(LEEWAY.unsigned_abs()))
}

/// Decodes `payload`, signed with the server key, at `now` with [`LEEWAY`].
fn check_at(payload: &str, now: i64) -> jwtcraft::Result<Token<Value>> {
    let token = forge(r#"{"alg":"HS256"}"#, payload, &hs_key());
    decode::<Value>(&token, &hs_key(), &leeway_at(now))
}

// `exp`: valid while now < exp + leeway.
#[test]
fn exp_boundaries_with_leeway() {
    let payload = format!(r#"{{"exp":{T}}}"#);
    for now in [T - 1, T, T + LEEWAY - 1] {
        assert!(check_at(&payload, now).is_ok(), "now = exp + {}", now - T);
    }
    for now in [T + LEEWAY, T + LEEWAY + 1] {
        assert_matches!(
            check_at(&payload, now),
            Err(Error::Claims(ClaimError::Expired))
        );
    }
    // Without leeway the token dies exactly at exp.
    let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
    let strict = |now| validation_at(now).with_leeway(Duration::ZERO);
    accept(&token, &hs_key(), &strict(T - 1));
    assert_matches!(
        reject(&token, &hs_key(), &strict(T)),
        Error::Claims(ClaimError::Expired)
    );
}

/// `claim` (`nbf` or `iat`) set to [`T`]: refused with the claim error `is_expected` accepts
/// while `now + LEEWAY < T`, valid from `now = T - LEEWAY` on.
#[track_caller]
fn assert_not_before_boundary(claim: &str, is_expected: impl Fn(&ClaimError) -> bool) {
    let payload = format!(r#"{{"exp":{},"{claim}":{T}}}"#, T + 3600);
    for now in [T - LEEWAY - 2, T - LEEWAY - 1] {
        match check_at(&payload, now) {
            Err(Error::Claims(ref e)) if is_expected(e) => {}
            other => panic!("now = {claim} {:+}: got {other:?}", now - T),
        }
    }
    for now in [T - LEEWAY, T - LEEWAY + 1, T - 1, T, T + 1] {
        assert!(
            check_at(&payload, now).is_ok(),
            "now = {claim} {:+}",
            now - T
        );
    }
}

// `nbf`: valid once now + leeway >= nbf.
#[test]
fn nbf_boundaries_with_leeway() {
    assert_not_before_boundary("nbf", |e| matches!(e, ClaimError::NotYetValid));
}

// `iat`: refused when issued more than the leeway in the future.
#[test]
fn iat_boundaries_with_leeway() {
    assert_not_before_boundary("iat", |e| matches!(e, ClaimError::IssuedInFuture));
}

// Maximum age: refused when iat < now - max_age - leeway; it also makes `iat` required.
#[test]
fn max_age_boundaries_with_leeway() {
    const MAX_AGE: i64 = 300;
    let payload = format!(r#"{{"exp":{},"iat":{T}}}"#, T + 3600);
    let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
    let aged = |now| leeway_at(now).with_max_age(Duration::from_secs(MAX_AGE.unsigned_abs()));
    for now in [T, T + MAX_AGE, T + MAX_AGE + LEEWAY] {
        accept(&token, &hs_key(), &aged(now));
    }
    for now in [T + MAX_AGE + LEEWAY + 1, T + 10 * MAX_AGE] {
        assert_matches!(
            reject(&token, &hs_key(), &aged(now)),
            Error::Claims(ClaimError::TooOld)
        );
    }
    let no_iat = forge(
        r#"{"alg":"HS256"}"#,
        &format!(r#"{{"exp":{}}}"#, T + 3600),
        &hs_key(),
    );
    assert_matches!(
        reject(&no_iat, &hs_key(), &aged(T)),
        Error::Claims(ClaimError::Missing(Claim::IssuedAt))
    );
}

// A missing `exp` is refused by default: a token without one would be valid forever.
#[test]
fn missing_exp_is_refused_by_default() {
    let token = forge(r#"{"alg":"HS256"}"#, r#"{"sub":"user-1"}"#, &hs_key());
    assert_matches!(
        reject(&token, &hs_key(), &validation()),
        Error::Claims(ClaimError::Missing(Claim::Expiration))
    );
    accept(&token, &hs_key(), &validation().allow_missing_exp());
}

// An `aud` the verifier did not ask about is refused (RFC 7519 §4.1.3): a token minted for
// another service is not accepted just because this one forgot to configure an audience.
#[test]
fn unexpected_aud_is_refused_when_no_audience_is_configured() {
    let payload = format!(r#"{{"exp":{},"aud":"billing"}}"#, NOW + 60);
    let token = forge(r#"{"alg":"HS256"}"#, &payload, &hs_key());
    assert_matches!(
        reject(&token, &hs_key(), &validation()),
        Error::Claims(ClaimError::UnexpectedAudience)
    );
    // Its message says what to configure, unlike a wrong audience.
    assert_eq!(
        reject(&token, &hs_key(), &validation()).to_string(),
        "token has an audience but no audience is configured"
    );
}

// ---------------------------------------------------------------------------------------------
// Relabelling among algorithms that share key material
// ---------------------------------------------------------------------------------------------

/// A signature made under one algorithm, with the header relabelled to a sibling algorithm
/// over the same key material (same RSA key, same HMAC secret, same Ed25519 key), is refused
/// by the sibling's key: its hash, padding or signing input differ. Presented unchanged to the
/// sibling's key, it is an algorithm mismatch before any cryptography.
fn relabelled_is_refused(signers: &[&dyn jwtcraft::Signer], verifiers: &[&dyn jwtcraft::Verifier]) {
    let payload = good_claims();
    for signer in signers {
        let original = format!(r#"{{"alg":"{}"}}"#, signer.algorithm());
        let token = crate::common::forge(&original, &payload, *signer);
        let signature = token.rsplit_once('.').unwrap().1;
        for verifier in verifiers {
            if verifier.algorithm() == signer.algorithm() {
                jwtcraft::decode::<serde_json::Value>(
                    &token,
                    *verifier,
                    &crate::common::validation(),
                )
                .unwrap_or_else(|e| panic!("{}: {e:?}", signer.algorithm()));
                continue;
            }
            assert!(matches!(
                jwtcraft::decode::<serde_json::Value>(
                    &token,
                    *verifier,
                    &crate::common::validation()
                ),
                Err(Error::Header(HeaderError::AlgorithmMismatch { .. }))
            ));
            let relabelled = format!(
                "{}.{}.{signature}",
                crate::common::b64(&format!(r#"{{"alg":"{}"}}"#, verifier.algorithm())),
                crate::common::b64(&payload)
            );
            let err = jwtcraft::decode::<serde_json::Value>(
                &relabelled,
                *verifier,
                &crate::common::validation(),
            )
            .unwrap_err();
            assert!(
                matches!(err, Error::Signature(SignatureError::Invalid)),
                "{} relabelled {}: {err:?}",
                signer.algorithm(),
                verifier.algorithm()
            );
        }
    }
}

#[test]
fn hmac_signatures_relabelled_among_hs256_hs384_hs512_are_refused() {
    use jwtcraft::{Hs384Key, Hs512Key};
    let secret = [0x42u8; 64];
    let (a, b, c) = (
        Hs256Key::new(&secret).unwrap(),
        Hs384Key::new(&secret).unwrap(),
        Hs512Key::new(&secret).unwrap(),
    );
    relabelled_is_refused(&[&a, &b, &c], &[&a, &b, &c]);
}

#[cfg(feature = "rsa")]
#[test]
fn rsa_signatures_relabelled_among_the_six_rsa_algorithms_are_refused() {
    use crate::common::alg::{AlgFixture, Ps256, Ps384, Ps512, Rs256, Rs384, Rs512};
    let signers = (
        Rs256::signer(),
        Rs384::signer(),
        Rs512::signer(),
        Ps256::signer(),
        Ps384::signer(),
        Ps512::signer(),
    );
    let verifiers = (
        Rs256::verifier(),
        Rs384::verifier(),
        Rs512::verifier(),
        Ps256::verifier(),
        Ps384::verifier(),
        Ps512::verifier(),
    );
    relabelled_is_refused(
        &[
            &signers.0, &signers.1, &signers.2, &signers.3, &signers.4, &signers.5,
        ],
        &[
            &verifiers.0,
            &verifiers.1,
            &verifiers.2,
            &verifiers.3,
            &verifiers.4,
            &verifiers.5,
        ],
    );
}

/// `EdDSA` and `Ed25519` name the same signature, but the name is part of the signed header:
/// a signature made under one name does not verify under the other.
#[cfg(feature = "eddsa")]
#[test]
fn ed25519_signatures_relabelled_between_eddsa_and_ed25519_are_refused() {
    use crate::common::alg::{AlgFixture, Ed25519, EdDsa};
    let (new, old) = (Ed25519::signer(), EdDsa::signer());
    let (new_v, old_v) = (Ed25519::verifier(), EdDsa::verifier());
    relabelled_is_refused(&[&new, &old], &[&new_v, &old_v]);
}
