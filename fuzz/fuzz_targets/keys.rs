//! Arbitrary bytes into every key constructor: PEM (each form, and `from_pem` label
//! detection), DER, raw components, `Jwk::from_json` and each `from_jwk`, `JwkSet::from_json`
//! and `KeySet::from_jwks_json`. None may panic or run unbounded; a key that does get built
//! must work: a signing key's tokens verify with its own public half, and JWK export and
//! import give the same key back.

#![no_main]

use jwtcraft::{
    decode, encode, Es256SigningKey, Es256VerifyingKey, Header, Hs256Key, Jwk, JwkSet, KeySet,
    KeySetOptions, Rs256SigningKey, Rs256VerifyingKey, Signer, TypedVerifyingKey, Verifier,
};
use jwtcraft_fuzz::{check_error, good_claims, strict_validation};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

/// A key built from fuzz input signs a token that its public half accepts.
fn round_trip(signer: &impl Signer, verifier: &impl Verifier) {
    let token = encode(&Header::new(), &good_claims(), signer).expect("a built key signs");
    decode::<Value>(&token, verifier, &strict_validation()).expect("its public half verifies");
}

fn rs_signing(key: Result<Rs256SigningKey, jwtcraft::KeyError>) {
    match key {
        Ok(key) => {
            let public = key.verifying_key();
            round_trip(&key, &public);
            let back = Rs256SigningKey::from_jwk(&key.to_private_jwk()).expect("jwk round trip");
            assert_eq!(back.to_public_jwk(), key.to_public_jwk());
            let _ = format!("{key:?}");
        }
        Err(err) => check_error(&err),
    }
}

fn rs_verifying(key: Result<Rs256VerifyingKey, jwtcraft::KeyError>) {
    match key {
        Ok(key) => {
            let back = Rs256VerifyingKey::from_jwk(&key.to_jwk()).expect("jwk round trip");
            assert_eq!(back.thumbprint(), key.thumbprint());
            assert!((2048..=8192).contains(&key.modulus_bits()));
        }
        Err(err) => check_error(&err),
    }
}

fn es_signing(key: Result<Es256SigningKey, jwtcraft::KeyError>) {
    match key {
        Ok(key) => {
            round_trip(&key, &key.verifying_key());
            let back = Es256SigningKey::from_jwk(&key.to_private_jwk()).expect("jwk round trip");
            assert_eq!(back.to_public_jwk(), key.to_public_jwk());
        }
        Err(err) => check_error(&err),
    }
}

fn es_verifying(key: Result<Es256VerifyingKey, jwtcraft::KeyError>) {
    match key {
        Ok(key) => {
            let back = Es256VerifyingKey::from_jwk(&key.to_jwk()).expect("jwk round trip");
            assert_eq!(back.to_coordinates(), key.to_coordinates());
        }
        Err(err) => check_error(&err),
    }
}

fn hs(key: Result<Hs256Key, jwtcraft::KeyError>) {
    match key {
        Ok(key) => {
            round_trip(&key, &key);
            let back = Hs256Key::from_jwk(&key.to_secret_jwk()).expect("jwk round trip");
            assert_eq!(back.to_secret_jwk(), key.to_secret_jwk());
        }
        Err(err) => check_error(&err),
    }
}

fn jwk(jwk: &Jwk) {
    let _ = format!("{jwk:?}");
    let _ = serde_json::to_string(jwk).expect("a jwk serializes");
    let _ = jwk.thumbprint();
    let _ = jwk.clone().with_thumbprint_key_id();
    if let Some(public) = jwk.to_public() {
        assert!(!public.is_private());
    }
    hs(Hs256Key::from_jwk(jwk));
    rs_signing(Rs256SigningKey::from_jwk(jwk));
    rs_verifying(Rs256VerifyingKey::from_jwk(jwk));
    es_signing(Es256SigningKey::from_jwk(jwk));
    es_verifying(Es256VerifyingKey::from_jwk(jwk));
    newer_keys_from_jwk(jwk);
    if let Err(err) = TypedVerifyingKey::from_jwk(jwk) {
        check_error(&err);
    }
}

/// A key of the newer algorithms: signs what its public half verifies, and its JWK comes
/// back as the same key.
macro_rules! newer_signing {
    ($name:ident, $ty:ty) => {
        fn $name(key: Result<$ty, jwtcraft::KeyError>) {
            match key {
                Ok(key) => {
                    round_trip(&key, &key.verifying_key());
                    let back = <$ty>::from_jwk(&key.to_private_jwk()).expect("jwk round trip");
                    assert_eq!(back.to_public_jwk(), key.to_public_jwk());
                    let _ = format!("{key:?}");
                }
                Err(err) => check_error(&err),
            }
        }
    };
}

newer_signing!(es384_signing, jwtcraft::Es384SigningKey);
newer_signing!(es512_signing, jwtcraft::Es512SigningKey);
newer_signing!(ed25519_signing, jwtcraft::Ed25519SigningKey);
newer_signing!(ps256_signing, jwtcraft::Ps256SigningKey);

/// A verifying key of the newer algorithms: its JWK comes back with the same thumbprint.
macro_rules! newer_verifying {
    ($name:ident, $ty:ty) => {
        fn $name(key: Result<$ty, jwtcraft::KeyError>) {
            match key {
                Ok(key) => {
                    let back = <$ty>::from_jwk(&key.to_jwk()).expect("jwk round trip");
                    assert_eq!(back.thumbprint(), key.thumbprint());
                    assert_eq!(
                        key.to_jwk().thumbprint().expect("thumbprint"),
                        key.thumbprint()
                    );
                }
                Err(err) => check_error(&err),
            }
        }
    };
}

newer_verifying!(es384_verifying, jwtcraft::Es384VerifyingKey);
newer_verifying!(es512_verifying, jwtcraft::Es512VerifyingKey);
newer_verifying!(ed25519_verifying, jwtcraft::Ed25519VerifyingKey);
newer_verifying!(ps512_verifying, jwtcraft::Ps512VerifyingKey);

fn hs512(key: Result<jwtcraft::Hs512Key, jwtcraft::KeyError>) {
    match key {
        Ok(key) => {
            round_trip(&key, &key);
            let back = jwtcraft::Hs512Key::from_jwk(&key.to_secret_jwk()).expect("jwk round trip");
            assert_eq!(back.to_secret_jwk(), key.to_secret_jwk());
        }
        Err(err) => check_error(&err),
    }
}

/// The newer key types from the same input.
fn newer_keys_from_bytes(data: &[u8]) {
    hs512(jwtcraft::Hs512Key::new(data));
    es384_signing(jwtcraft::Es384SigningKey::from_pkcs8_der(data));
    es384_signing(jwtcraft::Es384SigningKey::from_sec1_der(data));
    es384_signing(jwtcraft::Es384SigningKey::from_scalar(data));
    es384_verifying(jwtcraft::Es384VerifyingKey::from_public_key_der(data));
    es384_verifying(jwtcraft::Es384VerifyingKey::from_sec1_bytes(data));
    es512_signing(jwtcraft::Es512SigningKey::from_scalar(data));
    es512_signing(jwtcraft::Es512SigningKey::from_pkcs8_der(data));
    es512_verifying(jwtcraft::Es512VerifyingKey::from_sec1_bytes(data));
    let (x, y) = data.split_at(data.len() / 2);
    es512_verifying(jwtcraft::Es512VerifyingKey::from_coordinates(x, y));
    ed25519_signing(jwtcraft::Ed25519SigningKey::from_pkcs8_der(data));
    ed25519_signing(jwtcraft::Ed25519SigningKey::from_seed(data));
    ed25519_verifying(jwtcraft::Ed25519VerifyingKey::from_public_key_der(data));
    ed25519_verifying(jwtcraft::Ed25519VerifyingKey::from_bytes(data));
    ps256_signing(jwtcraft::Ps256SigningKey::from_pkcs8_der(data));
    ps512_verifying(jwtcraft::Ps512VerifyingKey::from_public_key_der(data));
}

/// The newer key types from the same JWK.
fn newer_keys_from_jwk(jwk: &Jwk) {
    hs512(jwtcraft::Hs512Key::from_jwk(jwk));
    es384_signing(jwtcraft::Es384SigningKey::from_jwk(jwk));
    es384_verifying(jwtcraft::Es384VerifyingKey::from_jwk(jwk));
    es512_signing(jwtcraft::Es512SigningKey::from_jwk(jwk));
    es512_verifying(jwtcraft::Es512VerifyingKey::from_jwk(jwk));
    ed25519_signing(jwtcraft::Ed25519SigningKey::from_jwk(jwk));
    ed25519_verifying(jwtcraft::Ed25519VerifyingKey::from_jwk(jwk));
    ps256_signing(jwtcraft::Ps256SigningKey::from_jwk(jwk));
    ps512_verifying(jwtcraft::Ps512VerifyingKey::from_jwk(jwk));
}

/// Splits `data` into `N` parts, each prefixed by one length byte (the rest to the last).
fn parts<const N: usize>(mut data: &[u8]) -> [&[u8]; N] {
    let mut out = [&[][..]; N];
    for slot in out.iter_mut().take(N - 1) {
        let Some((&len, rest)) = data.split_first() else {
            break;
        };
        let len = usize::from(len).min(rest.len());
        *slot = &rest[..len];
        data = &rest[len..];
    }
    out[N - 1] = data;
    out
}

fuzz_target!(|data: &[u8]| {
    // Raw bytes.
    hs(Hs256Key::new(data));
    rs_signing(Rs256SigningKey::from_pkcs8_der(data));
    rs_signing(Rs256SigningKey::from_pkcs1_der(data));
    rs_verifying(Rs256VerifyingKey::from_public_key_der(data));
    rs_verifying(Rs256VerifyingKey::from_pkcs1_der(data));
    es_signing(Es256SigningKey::from_pkcs8_der(data));
    es_signing(Es256SigningKey::from_sec1_der(data));
    es_signing(Es256SigningKey::from_scalar(data));
    es_verifying(Es256VerifyingKey::from_public_key_der(data));
    es_verifying(Es256VerifyingKey::from_sec1_bytes(data));
    let (x, y) = data.split_at(data.len() / 2);
    es_verifying(Es256VerifyingKey::from_coordinates(x, y));
    let [n, e] = parts::<2>(data);
    rs_verifying(Rs256VerifyingKey::from_components(n, e));
    let [n, e, d, p, q] = parts::<5>(data);
    rs_signing(Rs256SigningKey::from_components(n, e, d, p, q));
    newer_keys_from_bytes(data);

    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // PEM, each form and the label-detecting `from_pem`.
    rs_signing(Rs256SigningKey::from_pkcs8_pem(text));
    rs_signing(Rs256SigningKey::from_pkcs1_pem(text));
    rs_signing(Rs256SigningKey::from_pem(text));
    rs_verifying(Rs256VerifyingKey::from_public_key_pem(text));
    rs_verifying(Rs256VerifyingKey::from_pkcs1_pem(text));
    rs_verifying(Rs256VerifyingKey::from_pem(text));
    es_signing(Es256SigningKey::from_pkcs8_pem(text));
    es_signing(Es256SigningKey::from_sec1_pem(text));
    es_signing(Es256SigningKey::from_pem(text));
    es_verifying(Es256VerifyingKey::from_public_key_pem(text));
    es384_signing(jwtcraft::Es384SigningKey::from_pem(text));
    es512_signing(jwtcraft::Es512SigningKey::from_pem(text));
    ed25519_signing(jwtcraft::Ed25519SigningKey::from_pem(text));
    ed25519_verifying(jwtcraft::Ed25519VerifyingKey::from_pem(text));

    // JWK, JWK Set, key set.
    match Jwk::from_json(text) {
        Ok(parsed) => jwk(&parsed),
        Err(err) => check_error(&err),
    }
    match JwkSet::from_json(text) {
        Ok(set) => {
            for key in set.keys() {
                jwk(key);
                if let Some(kid) = key.key_id() {
                    assert!(set.find(kid).is_some());
                }
            }
            let public = set.to_public_json();
            let again = JwkSet::from_json(&public).expect("published set parses");
            assert!(again.keys().iter().all(|k| !k.is_private()));
            let (keys, skipped) = KeySet::from_jwk_set(&set);
            assert!(keys.keys().len() + skipped.len() >= set.keys().len());
            let _ = KeySet::from_jwk_set_with(&set, KeySetOptions::new().allow_symmetric());
        }
        Err(err) => check_error(&err),
    }
    if let Err(err) = KeySet::from_jwks_json(text) {
        check_error(&err);
    }
});
