//! Key files that are not what the constructor needs: each error says what the input is
//! (`KeyError::WrongKind`: a public key, a private key, a certificate, an encrypted key;
//! `KeyError::WrongType`: an RSA key, an EC key on another curve, an Ed25519 key), read from
//! the PEM label and the SPKI / PKCS#8 / SEC1 structure. And the PEM that
//! `openssl ecparam -genkey` writes (`EC PARAMETERS` before `EC PRIVATE KEY`) loads.
//!
//! The fixtures are in `tests/data`; its README says how each was made.

#![cfg(all(feature = "rsa", feature = "ecdsa"))]

use jwtcraft::{
    decode, encode, Es256SigningKey, Es256VerifyingKey, Header, KeyError, Rs256SigningKey,
    Rs256VerifyingKey,
};
use serde_json::{json, Value};

use crate::common::{read_data, validation_at};

fn data(file: &str) -> String {
    read_data(file)
}

fn der(file: &str) -> Vec<u8> {
    std::fs::read(crate::common::data_path(file)).unwrap()
}

const PUBLIC: &str = "a public key";
const PRIVATE: &str = "a private key";
const RSA: &str = "an rsa key";
const P256: &str = "an ec key on curve p-256";
const P384: &str = "an ec key on curve p-384";
const ED25519: &str = "an ed25519 key";

fn wrong_kind(found: &'static str, expected: &'static str) -> KeyError {
    KeyError::WrongKind { found, expected }
}

fn wrong_type(found: &'static str, expected: &'static str) -> KeyError {
    KeyError::WrongType { found, expected }
}

/// Each case: what was tried, its error (`None` if it loaded), the error expected.
#[track_caller]
fn check(cases: Vec<(&str, Option<KeyError>, KeyError)>) {
    for (what, got, want) in cases {
        assert_eq!(got, Some(want), "{what}");
    }
}

#[test]
fn a_key_of_the_other_kind_is_named() {
    check(vec![
        (
            "rsa signing <- spki pem",
            Rs256SigningKey::from_pem(&data("rsa2048-public-spki.pem")).err(),
            wrong_kind(PUBLIC, PRIVATE),
        ),
        (
            "rsa signing <- pkcs1 public pem",
            Rs256SigningKey::from_pem(&data("rsa2048-public-pkcs1.pem")).err(),
            wrong_kind(PUBLIC, PRIVATE),
        ),
        (
            "rsa signing pkcs1 <- spki pem",
            Rs256SigningKey::from_pkcs1_pem(&data("rsa2048-public-spki.pem")).err(),
            wrong_kind(PUBLIC, PRIVATE),
        ),
        (
            "rsa signing pkcs1 der <- pkcs1 public der",
            Rs256SigningKey::from_pkcs1_der(&der("rsa2048-public-pkcs1.der")).err(),
            wrong_kind(PUBLIC, PRIVATE),
        ),
        (
            "rsa verifying <- pkcs8 pem",
            Rs256VerifyingKey::from_pem(&data("rsa2048-private-pkcs8.pem")).err(),
            wrong_kind(PRIVATE, PUBLIC),
        ),
        (
            "rsa verifying <- pkcs1 private der",
            Rs256VerifyingKey::from_pkcs1_der(&der("rsa2048-private-pkcs1.der")).err(),
            wrong_kind(PRIVATE, PUBLIC),
        ),
        (
            "rsa verifying <- certificate",
            Rs256VerifyingKey::from_pem(&data("rsa2048-cert.pem")).err(),
            wrong_kind("a certificate", PUBLIC),
        ),
        (
            "ec signing <- spki pem",
            Es256SigningKey::from_pem(&data("p256-public-spki.pem")).err(),
            wrong_kind(PUBLIC, PRIVATE),
        ),
        (
            "ec signing sec1 der <- spki der",
            Es256SigningKey::from_sec1_der(&der("p256-public-spki.der")).err(),
            wrong_kind(PUBLIC, PRIVATE),
        ),
        (
            "ec verifying <- sec1 pem",
            Es256VerifyingKey::from_public_key_pem(&data("p256-private-sec1.pem")).err(),
            wrong_kind(PRIVATE, PUBLIC),
        ),
        (
            "ec verifying <- pkcs8 der",
            Es256VerifyingKey::from_public_key_der(&der("p256-private-pkcs8.der")).err(),
            wrong_kind(PRIVATE, PUBLIC),
        ),
        (
            "ec signing <- encrypted pkcs8",
            Es256SigningKey::from_pem(&data("p256-private-pkcs8-encrypted.pem")).err(),
            wrong_kind("an encrypted private key", "an unencrypted private key"),
        ),
    ]);
}

#[test]
fn a_key_of_another_type_or_curve_is_named() {
    check(vec![
        (
            "ec signing <- p-384 sec1",
            Es256SigningKey::from_pem(&data("p384-private-sec1.pem")).err(),
            wrong_type(P384, P256),
        ),
        (
            "ec signing sec1 <- p-384 sec1",
            Es256SigningKey::from_sec1_pem(&data("p384-private-sec1.pem")).err(),
            wrong_type(P384, P256),
        ),
        (
            "ec signing <- p-384 pkcs8",
            Es256SigningKey::from_pkcs8_pem(&data("p384-private-pkcs8.pem")).err(),
            wrong_type(P384, P256),
        ),
        (
            "ec signing <- p-384 ecparam -genkey",
            Es256SigningKey::from_pem(&data("p384-ecparam-genkey.pem")).err(),
            wrong_type(P384, P256),
        ),
        (
            "ec verifying <- p-384 spki",
            Es256VerifyingKey::from_public_key_pem(&data("p384-public-spki.pem")).err(),
            wrong_type(P384, P256),
        ),
        (
            "ec verifying <- rsa spki",
            Es256VerifyingKey::from_public_key_pem(&data("rsa2048-public-spki.pem")).err(),
            wrong_type(RSA, P256),
        ),
        (
            "ec verifying der <- rsa spki der",
            Es256VerifyingKey::from_public_key_der(&der("rsa2048-public-spki.der")).err(),
            wrong_type(RSA, P256),
        ),
        (
            "ec signing <- rsa pkcs1",
            Es256SigningKey::from_pem(&data("rsa2048-private-pkcs1.pem")).err(),
            wrong_type(RSA, P256),
        ),
        (
            "ec signing <- ed25519",
            Es256SigningKey::from_pem(&data("ed25519-private-pkcs8.pem")).err(),
            wrong_type(ED25519, P256),
        ),
        (
            "rsa signing <- p-256 sec1",
            Rs256SigningKey::from_pem(&data("p256-private-sec1.pem")).err(),
            wrong_type(P256, RSA),
        ),
        (
            "rsa signing pkcs8 der <- p-256 pkcs8 der",
            Rs256SigningKey::from_pkcs8_der(&der("p256-private-pkcs8.der")).err(),
            wrong_type(P256, RSA),
        ),
        (
            "rsa verifying <- p-256 spki",
            Rs256VerifyingKey::from_pem(&data("p256-public-spki.pem")).err(),
            wrong_type(P256, RSA),
        ),
        (
            "rsa verifying <- ed25519 spki",
            Rs256VerifyingKey::from_public_key_pem(&data("ed25519-public-spki.pem")).err(),
            wrong_type(ED25519, RSA),
        ),
        (
            // The type is the bigger mistake, so it is the one reported.
            "rsa verifying <- p-384 private",
            Rs256VerifyingKey::from_pem(&data("p384-private-pkcs8.pem")).err(),
            wrong_type(P384, RSA),
        ),
    ]);
}

#[test]
fn messages_and_codes_say_what_the_input_is() {
    let err = Es256SigningKey::from_pem(&data("p384-ecparam-genkey.pem")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this is an ec key on curve p-384, expected an ec key on curve p-256"
    );
    assert_eq!(err.code(), "key.wrong_type");
    let err = Rs256VerifyingKey::from_pem(&data("rsa2048-cert.pem")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "this is a certificate, expected a public key"
    );
    assert_eq!(err.code(), "key.wrong_kind");
}

// Only a mistake the input reveals is named; anything else stays a parse error of the format
// asked for (a key in another encoding of the same kind and type, damage, not PEM at all).
#[test]
fn other_failures_stay_parse_errors() {
    let parse = |format| KeyError::Parse { format };
    let damaged = data("p256-private-sec1.pem").replacen("MH", "XX", 1);
    check(vec![
        (
            "garbage",
            Es256SigningKey::from_pem("not a pem").err(),
            parse("pkcs8 pem"),
        ),
        (
            "damaged sec1",
            Es256SigningKey::from_pem(&damaged).err(),
            parse("sec1 pem"),
        ),
        (
            "sec1 to pkcs8",
            Es256SigningKey::from_pkcs8_pem(&data("p256-private-sec1.pem")).err(),
            parse("pkcs8 pem"),
        ),
        (
            "two keys in one pem",
            Es256SigningKey::from_pem(&format!(
                "{}{}",
                data("p256-private-pkcs8.pem"),
                data("p256-private-pkcs8.pem")
            ))
            .err(),
            parse("pkcs8 pem"),
        ),
        (
            "text before the pem",
            Rs256VerifyingKey::from_pem(&format!("key:\n{}", data("rsa2048-public-spki.pem")))
                .err(),
            parse("spki pem"),
        ),
        (
            "ec parameters alone",
            Es256SigningKey::from_pem(
                "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n",
            )
            .err(),
            parse("pkcs8 pem"),
        ),
    ]);
}

#[test]
fn openssl_ecparam_genkey_output_loads() {
    let pem = data("p256-ecparam-genkey.pem");
    assert!(pem.starts_with("-----BEGIN EC PARAMETERS-----"));
    let key = Es256SigningKey::from_pem(&pem).unwrap();
    let same = Es256SigningKey::from_sec1_pem(&pem).unwrap();
    assert_eq!(key.to_public_jwk(), same.to_public_jwk());
    // It is the same key as the EC PRIVATE KEY block alone.
    let key_block = &pem[pem.find("-----BEGIN EC PRIVATE KEY-----").unwrap()..];
    let alone = Es256SigningKey::from_sec1_pem(key_block).unwrap();
    assert_eq!(alone.to_private_jwk(), key.to_private_jwk());
    // And it signs tokens that its public half verifies.
    let token = encode(&Header::new(), &json!({"exp": 2_000_000_000}), &key).unwrap();
    decode::<Value>(&token, &key.verifying_key(), &validation_at(1_900_000_000)).unwrap();
    // The parameters block is only accepted before a SEC1 key, not a PKCS#8 one.
    assert!(Es256SigningKey::from_pkcs8_pem(&pem).is_err());
}
