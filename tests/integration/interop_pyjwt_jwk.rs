//! Interoperability of JWKs and JWK Sets with `PyJWT`, in both directions.
//!
//! The Python side is `tests/peers/pyjwt_jwk_peer.py`, run with `/usr/bin/python3` (Debian's
//! `python3-jwt` and `python3-cryptography`; checked against `PyJWT` 2.6.0 and cryptography 38)
//! or with the interpreter named by `$JWTCRAFT_PYTHON`.
//!
//! If that interpreter is missing or cannot `import jwt, cryptography`, every test here prints
//! a loud `SKIPPED` line to stderr and passes, unless `JWTCRAFT_REQUIRE_PEERS=1` is set: then
//! it fails.
//!
//! What is checked:
//! - jwtcraft publishes a JWK Set; `jwt.PyJWKSet` loads it, picks the key by the token's `kid`
//!   and verifies jwtcraft's RS256 and ES256 tokens. The RFC 7638 thumbprint the peer computes
//!   over its copy of each JWK (with `hashlib`: `PyJWT` 2.6 has no thumbprint function) equals
//!   jwtcraft's.
//! - `PyJWT` exports keys with `RSAAlgorithm.to_jwk`, `ECAlgorithm.to_jwk` and
//!   `HMACAlgorithm.to_jwk`; jwtcraft imports them, verifies `PyJWT`'s tokens, signs tokens of
//!   its own with the imported private keys, and computes the same thumbprints.
//! - Documented differences: `PyJWT` writes `"key_ops":["sign"]` on private RSA JWKs, so
//!   jwtcraft (which reads `key_ops`) refuses to use such a JWK as a verifying key; `PyJWT` 2.6
//!   writes EC coordinates without their leading zero octets (about one key in 128), which
//!   RFC 7518 §6.2.1.2 forbids and which jwtcraft (and `PyJWT`'s own `from_jwk`) refuse; and
//!   `PyJWKSet` 2.6 rejects a whole set over one entry of unknown `kty`, where jwtcraft skips
//!   the entry and reports it.
//!
//! - Every other algorithm `PyJWT` 2.6 implements (HS384/512, RS384/512, PS256/384/512,
//!   ES384, ES512, `EdDSA`): jwtcraft's JWK Set with one key of each verifies jwtcraft's
//!   tokens in `PyJWKSet`, and `PyJWT`'s `to_jwk` exports import into jwtcraft's typed keys
//!   with the same thumbprints. Two more documented differences: `PyJWT` 2.6 writes P-521
//!   coordinates and scalars without leading zero octets (so most of its P-521 JWKs are short,
//!   refused by jwtcraft and by `PyJWT`'s own `from_jwk`), and it does not know the RFC 9864
//!   name `Ed25519`, so a JWK with that `alg` is refused by `PyJWKSet`.
//!
//! jwtcraft always verifies with a [`FixedClock`]. `PyJWT` uses the wall clock, so the tokens
//! expire in 2100. Nothing touches the network.

use std::sync::OnceLock;

#[cfg(any(feature = "rsa", feature = "ecdsa"))]
use crate::common::data_path;
use crate::common::peer::{peer_validation, Script, PEER_ISSUER};
use crate::common::{hex, HS_SECRET};
#[cfg(all(feature = "rsa", feature = "ecdsa"))]
use jwtcraft::Signer;
use jwtcraft::{decode, Hs256Key, Jwk, JwkSet, KeySet};
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
use jwtcraft::{encode, Header, KeyError};
#[cfg(feature = "ecdsa")]
use jwtcraft::{Es256SigningKey, Es256VerifyingKey};
#[cfg(feature = "rsa")]
use jwtcraft::{Rs256SigningKey, Rs256VerifyingKey};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Fixed inputs
// ---------------------------------------------------------------------------------------------

/// 2100-01-01T00:00:00Z: far enough ahead for `PyJWT`'s wall clock.
const EXP: i64 = 4_102_444_800;

fn claims(sub: &str) -> Value {
    json!({"sub": sub, "iss": PEER_ISSUER, "exp": EXP, "roles": ["read", "write"]})
}

#[cfg(feature = "rsa")]
fn rs_signing_key(kid: &str) -> Rs256SigningKey {
    crate::common::rs_signing().with_key_id(kid)
}

#[cfg(feature = "ecdsa")]
fn es_signing_key(kid: &str) -> Es256SigningKey {
    crate::common::es_signing().with_key_id(kid)
}

/// A JWK the peer printed, as a jwtcraft `Jwk`.
#[track_caller]
fn to_jwk(value: &Value) -> Jwk {
    Jwk::from_json(&value.to_string()).unwrap_or_else(|e| panic!("{value} is not a jwk: {e}"))
}

// ---------------------------------------------------------------------------------------------
// The peer process
// ---------------------------------------------------------------------------------------------

const INSTALL_HINT: &str = "PyJWT JWK interop needs python3-jwt and python3-cryptography: \
     apt-get install -y python3-jwt python3-cryptography (or run .ci/install-peers)";

/// A working `PyJWT` peer.
#[derive(Debug)]
struct Peer {
    script: Script,
}

fn probe() -> Result<Peer, String> {
    let (script, _) = Script::probe("pyjwt_jwk_peer.py", "PyJWT JWK peer")?;
    Ok(Peer { script })
}

/// The peer, or `None` after a loud skip message. Panics instead of skipping when
/// `JWTCRAFT_REQUIRE_PEERS=1`.
fn peer() -> Option<&'static Peer> {
    static PEER: OnceLock<Result<Peer, String>> = OnceLock::new();
    crate::common::peer::or_skip(PEER.get_or_init(probe), INSTALL_HINT)
}

impl Peer {
    /// The JSON answer of a command that must succeed.
    #[track_caller]
    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_slice(&self.script.run_ok(args)).unwrap()
    }

    /// `PyJWKSet` loads `jwks`, selects by the token's kid and verifies. `Err` carries
    /// `PyJWT`'s exception class and message.
    #[cfg(feature = "rsa")]
    fn jwks_verify(&self, jwks: &str, token: &str, alg: &str) -> Result<Value, String> {
        let out = self.script.run(&["jwks-verify", jwks, token, alg]);
        match out.status.code() {
            Some(0) => Ok(serde_json::from_slice(&out.stdout).unwrap()),
            Some(1) => Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
            _ => panic!(
                "PyJWT JWK peer jwks-verify failed ({}): {}",
                out.status,
                String::from_utf8_lossy(&out.stderr)
            ),
        }
    }

    /// `PyJWT` exports the key as JWK and signs the claims with it, under `kid`.
    fn export(&self, alg: &str, key: &str, claims: &Value, kid: &str) -> Value {
        self.json(&["export", alg, key, &claims.to_string(), kid])
    }
}

// ---------------------------------------------------------------------------------------------
// jwtcraft publishes, PyJWT verifies
// ---------------------------------------------------------------------------------------------

#[cfg(all(feature = "rsa", feature = "ecdsa"))]
#[test]
fn pyjwt_loads_a_jwtcraft_jwks_and_verifies_its_tokens() {
    let Some(peer) = peer() else { return };
    let rs = rs_signing_key("issuer-rsa-2026");
    let es = es_signing_key("issuer-ec-2026");
    let hs = Hs256Key::new(HS_SECRET)
        .unwrap()
        .with_key_id("never-published");
    let jwks = JwkSet::new()
        .with_key(rs.to_public_jwk())
        .with_key(es.to_public_jwk())
        .with_key(hs.to_secret_jwk())
        .to_public_json();

    for (signer, alg, thumbprint) in [
        (&rs as &dyn Signer, "RS256", rs.verifying_key().thumbprint()),
        (&es, "ES256", es.verifying_key().thumbprint()),
    ] {
        let kid = signer.key_id().unwrap();
        let token = encode(&Header::new(), &claims(alg), signer).unwrap();
        let answer = peer
            .jwks_verify(&jwks, &token, alg)
            .unwrap_or_else(|e| panic!("PyJWT refused jwtcraft's {alg} token: {e}"));
        assert_eq!(answer["claims"], claims(alg), "{alg}");
        assert_eq!(answer["kid"], kid);
        // PyJWT kept exactly the two published keys; the secret was never in the document.
        assert_eq!(
            answer["kids"],
            json!(["issuer-rsa-2026", "issuer-ec-2026"]),
            "{alg}"
        );
        assert_eq!(answer["thumbprint"], thumbprint.as_str(), "{alg}");
    }
}

#[cfg(all(feature = "rsa", feature = "ecdsa"))]
#[test]
fn pyjwt_refuses_a_tampered_token_from_a_jwtcraft_jwks() {
    let Some(peer) = peer() else { return };
    let es = es_signing_key("issuer-ec-2026");
    let jwks = JwkSet::new().with_key(es.to_public_jwk()).to_public_json();
    let token = encode(&Header::new(), &claims("es"), &es).unwrap();
    let (head, signature) = token.rsplit_once('.').unwrap();
    let mut bytes = jwtcraft::codec::decode(signature, jwtcraft::Segment::Signature).unwrap();
    bytes[10] ^= 0x01;
    let tampered = format!("{head}.{}", jwtcraft::codec::encode(&bytes));
    let refusal = peer.jwks_verify(&jwks, &tampered, "ES256").unwrap_err();
    assert!(refusal.starts_with("InvalidSignatureError"), "{refusal}");
    // And a kid the set does not have.
    let stranger = es_signing_key("not-published");
    let token = encode(&Header::new(), &claims("es"), &stranger).unwrap();
    let refusal = peer.jwks_verify(&jwks, &token, "ES256").unwrap_err();
    assert!(refusal.starts_with("KeyError"), "{refusal}");
}

#[cfg(feature = "rsa")]
#[test]
fn pyjwt_2_6_rejects_a_whole_set_over_an_unknown_kty_where_jwtcraft_skips_the_entry() {
    let Some(peer) = peer() else { return };
    let rs = rs_signing_key("issuer-rsa-2026");
    let mut doc: Value =
        serde_json::from_str(&JwkSet::new().with_key(rs.to_public_jwk()).to_public_json()).unwrap();
    doc["keys"]
        .as_array_mut()
        .unwrap()
        .insert(0, json!({"kty": "X-FUTURE", "kid": "future"}));
    let jwks = doc.to_string();
    let token = encode(&Header::new(), &claims("rs"), &rs).unwrap();

    // jwtcraft: the entry is skipped and reported, the RSA key still verifies.
    let (keys, skipped) = KeySet::from_jwks_json(&jwks).unwrap();
    assert_eq!(skipped.len(), 1);
    assert_eq!(skipped[0].index, 0);
    assert_eq!(skipped[0].kid.as_deref(), Some("future"));
    keys.decode::<Value>(&token, &peer_validation()).unwrap();

    // PyJWT 2.6: PyJWKSet catches only PyJWKError, and "Unsupported kty" is an
    // InvalidKeyError, so the whole set fails. Accept a later PyJWT that skips instead.
    match peer.jwks_verify(&jwks, &token, "RS256") {
        Err(refusal) => assert!(refusal.starts_with("InvalidKeyError"), "{refusal}"),
        Ok(answer) => assert_eq!(answer["kids"], json!(["issuer-rsa-2026"])),
    }
}

#[cfg(all(feature = "rsa", feature = "ecdsa"))]
#[test]
fn an_ed25519_key_in_a_set_is_kept_by_pyjwt_and_by_jwtcraft_with_eddsa() {
    let Some(peer) = peer() else { return };
    let es = es_signing_key("issuer-ec-2026");
    let mut doc: Value =
        serde_json::from_str(&JwkSet::new().with_key(es.to_public_jwk()).to_public_json()).unwrap();
    // RFC 8037 §A.2's public key.
    doc["keys"].as_array_mut().unwrap().push(json!({
        "kty": "OKP", "crv": "Ed25519", "kid": "ed",
        "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    }));
    let jwks = doc.to_string();
    let token = encode(&Header::new(), &claims("es"), &es).unwrap();
    let answer = peer.jwks_verify(&jwks, &token, "ES256").unwrap();
    assert_eq!(answer["kids"], json!(["issuer-ec-2026", "ed"]));

    let (keys, skipped) = KeySet::from_jwks_json(&jwks).unwrap();
    if cfg!(feature = "eddsa") {
        // Loaded, as an `Ed25519`-named key (the JWK has no alg).
        assert_eq!((keys.keys().len(), skipped.len()), (2, 0));
        assert_eq!(
            jwtcraft::Verifier::algorithm(&keys.keys()[1]).name(),
            "Ed25519"
        );
    } else {
        assert_eq!(keys.keys().len(), 1);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].index, 1);
        assert_eq!(skipped[0].kid.as_deref(), Some("ed"));
        assert!(skipped[0].reason.contains("eddsa"), "{}", skipped[0].reason);
    }
    keys.decode::<Value>(&token, &peer_validation()).unwrap();
}

// ---------------------------------------------------------------------------------------------
// PyJWT exports, jwtcraft imports
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "rsa")]
#[test]
fn pyjwt_rsa_jwks_import_into_jwtcraft() {
    let Some(peer) = peer() else { return };
    // PyJWT reads the PKCS#1 form of the key jwtcraft loads as PKCS#8.
    let answer = peer.export(
        "RS256",
        &data_path("rsa2048-private-pkcs1.pem"),
        &claims("from-pyjwt"),
        "py-rsa",
    );
    let private = to_jwk(&answer["private"]);
    let public = to_jwk(&answer["public"]);
    assert_eq!(private.key_operations(), Some(&["sign".to_owned()][..]));
    assert_eq!(public.key_operations(), Some(&["verify".to_owned()][..]));
    assert_eq!(public.algorithm(), None);

    let verifying = Rs256VerifyingKey::from_jwk(&public).unwrap();
    let signing = Rs256SigningKey::from_jwk(&private).unwrap();
    let ours = rs_signing_key("ours");
    // Same key as the fixture: same thumbprint on both sides.
    assert_eq!(verifying.thumbprint(), ours.verifying_key().thumbprint());
    assert_eq!(answer["thumbprint"], verifying.thumbprint().as_str());
    assert_eq!(private.thumbprint().unwrap(), verifying.thumbprint());
    // The private JWK imports to exactly the fixture's private key.
    let mut theirs = serde_json::to_value(signing.to_private_jwk()).unwrap();
    let mut mine = serde_json::to_value(ours.to_private_jwk()).unwrap();
    mine.as_object_mut().unwrap().remove("kid");
    assert_eq!(theirs.as_object_mut().unwrap().remove("kid"), None);
    assert_eq!(theirs, mine);

    // PyJWT's token verifies with the imported public key; a jwtcraft token signed with the
    // imported private key verifies with the fixture.
    let token = answer["token"].as_str().unwrap();
    let verified = decode::<Value>(token, &verifying, &peer_validation()).unwrap();
    assert_eq!(verified.claims(), &claims("from-pyjwt"));
    assert_eq!(verified.header().key_id(), Some("py-rsa"));
    let back = encode(&Header::new(), &claims("back"), &signing).unwrap();
    decode::<Value>(&back, &ours.verifying_key(), &peer_validation()).unwrap();

    // Documented difference: PyJWT's private JWK says key_ops ["sign"], so jwtcraft will not
    // use it to verify (RFC 7517 §4.3).
    assert!(matches!(
        Rs256VerifyingKey::from_jwk(&private),
        Err(KeyError::JwkMismatch {
            member: "key_ops",
            expected: "verify"
        })
    ));
}

#[cfg(feature = "ecdsa")]
#[test]
fn pyjwt_ec_jwks_import_into_jwtcraft() {
    let Some(peer) = peer() else { return };
    let answer = peer.export(
        "ES256",
        &data_path("p256-private-sec1.pem"),
        &claims("from-pyjwt"),
        "py-ec",
    );
    let private = to_jwk(&answer["private"]);
    let public = to_jwk(&answer["public"]);
    assert_eq!(public.curve(), Some("P-256"));

    let verifying = Es256VerifyingKey::from_jwk(&public).unwrap();
    let signing = Es256SigningKey::from_jwk(&private).unwrap();
    let ours = es_signing_key("ours");
    assert_eq!(verifying.thumbprint(), ours.verifying_key().thumbprint());
    assert_eq!(answer["thumbprint"], verifying.thumbprint().as_str());
    assert_eq!(
        Es256VerifyingKey::from_jwk(&private).unwrap().thumbprint(),
        verifying.thumbprint()
    );

    let token = answer["token"].as_str().unwrap();
    let verified = decode::<Value>(token, &verifying, &peer_validation()).unwrap();
    assert_eq!(verified.claims(), &claims("from-pyjwt"));
    assert_eq!(verified.header().key_id(), Some("py-ec"));
    let back = encode(&Header::new(), &claims("back"), &signing).unwrap();
    decode::<Value>(&back, &ours.verifying_key(), &peer_validation()).unwrap();
}

#[test]
fn pyjwt_hmac_jwk_imports_into_jwtcraft() {
    let Some(peer) = peer() else { return };
    let answer = peer.export("HS256", &hex(HS_SECRET), &claims("from-pyjwt"), "py-hs");
    assert_eq!(answer["public"], Value::Null);
    // HMACAlgorithm.to_jwk writes only kty and k: no alg, use or kid, all optional.
    let secret = to_jwk(&answer["private"]);
    assert_eq!(secret.key_type(), "oct");
    assert_eq!(secret.algorithm(), None);
    let key = Hs256Key::from_jwk(&secret).unwrap();
    assert_eq!(
        key.to_secret_jwk().thumbprint().unwrap(),
        answer["thumbprint"]
    );
    assert_eq!(
        Hs256Key::new(HS_SECRET)
            .unwrap()
            .to_secret_jwk()
            .thumbprint()
            .unwrap(),
        answer["thumbprint"]
    );
    let token = answer["token"].as_str().unwrap();
    let verified = decode::<Value>(token, &key, &peer_validation()).unwrap();
    assert_eq!(verified.claims(), &claims("from-pyjwt"));
    // In a key set only when symmetric keys are explicitly allowed, and under a kid.
    let with_kid = Hs256Key::from_jwk(&secret).unwrap().with_key_id("py-hs");
    let keys = KeySet::new().with_key(with_kid);
    keys.decode::<Value>(token, &peer_validation()).unwrap();
    let (refused, skipped) = KeySet::from_jwk_set(&JwkSet::new().with_key(secret));
    assert!(refused.keys().is_empty());
    assert!(skipped[0].reason.contains("symmetric"));
}

#[cfg(feature = "ecdsa")]
#[test]
fn pyjwt_2_6_short_ec_coordinates_are_refused() {
    let Some(peer) = peer() else { return };
    let answer = peer.json(&["short-ec", &claims("short").to_string()]);
    let public = to_jwk(&answer["public"]);
    let coordinate_lengths: Vec<usize> = ["x", "y"]
        .iter()
        .map(|name| {
            let text = answer["public"][name].as_str().unwrap();
            jwtcraft::codec::decode(text, jwtcraft::Segment::Payload)
                .unwrap()
                .len()
        })
        .collect();
    if coordinate_lengths == [32, 32] {
        // A PyJWT that pads coordinates (as RFC 7518 §6.2.1.2 requires): jwtcraft accepts.
        let key = Es256VerifyingKey::from_jwk(&public).unwrap();
        let token = answer["token"].as_str().unwrap();
        decode::<Value>(token, &key, &peer_validation()).unwrap();
        return;
    }
    // PyJWT 2.6 dropped the leading zero octet: the JWK is not valid for P-256, and both
    // jwtcraft and PyJWT's own from_jwk refuse it.
    assert!(
        coordinate_lengths.contains(&31) || coordinate_lengths.contains(&30),
        "{coordinate_lengths:?}"
    );
    assert_eq!(answer["pyjwt_reimports"], false);
    assert!(matches!(
        Es256VerifyingKey::from_jwk(&public),
        Err(KeyError::Invalid(_))
    ));
    assert!(matches!(
        Es256SigningKey::from_jwk(&to_jwk(&answer["private"])),
        Err(KeyError::Invalid(_))
    ));
    // The same key with its coordinates padded back to 32 bytes verifies PyJWT's token.
    let mut padded = answer["public"].clone();
    for name in ["x", "y"] {
        let bytes =
            jwtcraft::codec::decode(padded[name].as_str().unwrap(), jwtcraft::Segment::Payload)
                .unwrap();
        let mut full = vec![0u8; 32 - bytes.len()];
        full.extend(bytes);
        padded[name] = json!(jwtcraft::codec::encode(&full));
    }
    let key = Es256VerifyingKey::from_jwk(&to_jwk(&padded)).unwrap();
    let token = answer["token"].as_str().unwrap();
    let verified = decode::<Value>(token, &key, &peer_validation()).unwrap();
    assert_eq!(verified.claims()["sub"], "short");
    // RFC 7638 over the padded (valid) JWK is what the peer computes too.
    let peer_thumbprint = peer.json(&["thumbprint", &padded.to_string()]);
    assert_eq!(peer_thumbprint["thumbprint"], key.thumbprint().as_str());
}

#[cfg(all(feature = "rsa", feature = "ecdsa"))]
#[test]
fn thumbprints_agree_for_every_key_type() {
    let Some(peer) = peer() else { return };
    let hs = Hs256Key::new(HS_SECRET).unwrap();
    let rs = rs_signing_key("a");
    let es = es_signing_key("b");
    for (jwk, ours) in [
        (rs.to_public_jwk(), rs.verifying_key().thumbprint()),
        (rs.to_private_jwk(), rs.verifying_key().thumbprint()),
        (es.to_public_jwk(), es.verifying_key().thumbprint()),
        (es.to_private_jwk(), es.verifying_key().thumbprint()),
        (hs.to_secret_jwk(), hs.to_secret_jwk().thumbprint().unwrap()),
    ] {
        let text = serde_json::to_string(&jwk).unwrap();
        let theirs = peer.json(&["thumbprint", &text]);
        assert_eq!(theirs["thumbprint"], ours.as_str(), "{}", jwk.key_type());
        assert_eq!(jwk.thumbprint().unwrap(), ours);
    }
}

// ---------------------------------------------------------------------------------------------
// Every other algorithm PyJWT 2.6 implements
// ---------------------------------------------------------------------------------------------

/// `PyJWT` exports the fixture key of `A` (its secret as hex, or its PEM file) with `to_jwk`
/// and signs with it; jwtcraft imports both JWKs with `A`'s typed constructors, gets `A`'s
/// fixture thumbprint, verifies `PyJWT`'s token, and signs one `A::verifier()` accepts.
fn pyjwt_export_imports<A: crate::common::alg::AlgFixture>(peer: &Peer, key: &str) {
    use jwtcraft::Verifier as _;
    let alg = A::ALGORITHM.name();
    let answer = peer.export(alg, key, &claims("from-pyjwt"), "py-1");
    let private = to_jwk(&answer["private"]);
    let signing = A::signer_from_jwk(&private).unwrap_or_else(|e| panic!("{alg}: {e}"));
    let verifying = match A::public_jwk(&A::verifier()) {
        None => {
            assert_eq!(answer["public"], Value::Null);
            A::verifier_from_jwk(&private).unwrap()
        }
        Some(_) => A::verifier_from_jwk(&to_jwk(&answer["public"])).unwrap(),
    };
    // PyJWT's JWKs carry no alg: the typed constructor chose the algorithm.
    assert_eq!(private.algorithm(), None, "{alg}");
    assert_eq!(verifying.algorithm(), A::ALGORITHM);
    assert_eq!(A::thumbprint(&verifying), A::thumbprint(&A::verifier()));
    assert_eq!(answer["thumbprint"], A::thumbprint(&verifying).as_str());

    let token = answer["token"].as_str().unwrap();
    let verified = decode::<Value>(token, &verifying, &peer_validation()).unwrap();
    assert_eq!(verified.claims(), &claims("from-pyjwt"));
    assert_eq!(verified.header().key_id(), Some("py-1"));
    let back = jwtcraft::encode(&jwtcraft::Header::new(), &claims("back"), &signing).unwrap();
    decode::<Value>(&back, &A::verifier(), &peer_validation()).unwrap();
}

#[test]
fn pyjwt_hs384_and_hs512_jwks_import_into_jwtcraft() {
    use crate::common::alg::{Hs384, Hs512, HS_LONG_SECRET};
    let Some(peer) = peer() else { return };
    pyjwt_export_imports::<Hs384>(peer, &hex(&HS_LONG_SECRET[..48]));
    pyjwt_export_imports::<Hs512>(peer, &hex(HS_LONG_SECRET));
}

#[cfg(feature = "rsa")]
#[test]
fn pyjwt_rs384_rs512_and_pss_jwks_import_into_jwtcraft() {
    use crate::common::alg::{Ps256, Ps384, Ps512, Rs384, Rs512};
    let Some(peer) = peer() else { return };
    let pem = data_path("rsa2048-private-pkcs8.pem");
    pyjwt_export_imports::<Rs384>(peer, &pem);
    pyjwt_export_imports::<Rs512>(peer, &pem);
    pyjwt_export_imports::<Ps256>(peer, &pem);
    pyjwt_export_imports::<Ps384>(peer, &pem);
    pyjwt_export_imports::<Ps512>(peer, &pem);
}

#[cfg(feature = "es384")]
#[test]
fn pyjwt_es384_jwks_import_into_jwtcraft() {
    let Some(peer) = peer() else { return };
    let pem = crate::common::data_path("p384-private-sec1.pem");
    pyjwt_export_imports::<crate::common::alg::Es384>(peer, &pem);
}

#[cfg(feature = "eddsa")]
#[test]
fn pyjwt_okp_jwks_import_into_jwtcraft_under_the_name_the_caller_picks() {
    use crate::common::alg::{AlgFixture, EdDsa};
    let Some(peer) = peer() else { return };
    let pem = crate::common::data_path("ed25519-private-pkcs8.pem");
    // PyJWT's OKP JWK has no alg, so `from_jwk` binds the default name `Ed25519`; the fixture
    // re-binds with `with_eddsa_name`, which is what verifying PyJWT's `EdDSA` token needs.
    let answer = peer.export("EdDSA", &pem, &claims("from-pyjwt"), "py-1");
    let public = to_jwk(&answer["public"]);
    let default = jwtcraft::Ed25519VerifyingKey::from_jwk(&public).unwrap();
    let token = answer["token"].as_str().unwrap();
    assert!(decode::<Value>(token, &default, &peer_validation()).is_err());
    let eddsa = default.with_eddsa_name();
    decode::<Value>(token, &eddsa, &peer_validation()).unwrap();
    assert_eq!(
        answer["thumbprint"],
        EdDsa::thumbprint(&EdDsa::verifier()).as_str()
    );
    // And through the fixture's own constructors, with a JWK that names EdDSA.
    let named = Jwk::from_json(&answer["private"].to_string())
        .unwrap()
        .with_algorithm(jwtcraft::Algorithm::EdDsa);
    let signing = EdDsa::signer_from_jwk(&named).unwrap();
    let back = jwtcraft::encode(&jwtcraft::Header::new(), &claims("back"), &signing).unwrap();
    decode::<Value>(&back, &EdDsa::verifier(), &peer_validation()).unwrap();
}

/// Documented difference: `PyJWT` 2.6 writes P-521 members at their minimal length, so this
/// fixture key's `x` and `d` come out as 65 bytes where RFC 7518 §6.2.1.2 requires 66.
/// jwtcraft refuses them (so does `PyJWT`'s own `from_jwk`); the token verifies with the key
/// loaded from its PEM.
#[cfg(feature = "es512")]
#[test]
fn pyjwt_2_6_short_p521_members_are_refused() {
    use crate::common::alg::{AlgFixture, Es512};
    let Some(peer) = peer() else { return };
    let pem = crate::common::data_path("p521-private-sec1.pem");
    let answer = peer.export("ES512", &pem, &claims("from-pyjwt"), "py-1");
    let x = answer["public"]["x"].as_str().unwrap();
    assert_eq!(
        jwtcraft::codec::decode(x, jwtcraft::Segment::Payload)
            .unwrap()
            .len(),
        65
    );
    let public = to_jwk(&answer["public"]);
    assert_eq!(
        Es512::verifier_from_jwk(&public).err(),
        Some(jwtcraft::KeyError::Invalid(
            "p-521 coordinates must be 66 bytes each"
        ))
    );
    let token = answer["token"].as_str().unwrap();
    decode::<Value>(token, &Es512::verifier(), &peer_validation()).unwrap();
}

/// jwtcraft publishes one key of every algorithm in one set; `PyJWKSet` 2.6 loads it, picks
/// each key by `kid` (and its `alg`) and verifies jwtcraft's token. The Ed25519 key is
/// published under `EdDSA`: under `Ed25519` `PyJWT` 2.6 cannot use it (asserted below).
#[cfg(all(
    feature = "rsa",
    feature = "es384",
    feature = "es512",
    feature = "eddsa"
))]
#[test]
fn pyjwt_loads_a_jwtcraft_jwks_with_every_algorithm() {
    use crate::common::alg::{
        AlgFixture, Ed25519, EdDsa, Es384, Es512, Ps256, Ps384, Ps512, Rs384, Rs512,
    };
    let Some(peer) = peer() else { return };
    let mut set = JwkSet::new();
    let mut tokens = Vec::new();
    macro_rules! publish {
        ($($fixture:ty),*) => {$(
            let kid = format!("jwtcraft-{}", <$fixture>::ALGORITHM.name());
            let signer = <$fixture>::with_key_id(<$fixture>::signer(), &kid);
            set = set.with_key(<$fixture>::signer_public_jwk(&signer).unwrap());
            let token = jwtcraft::encode(&jwtcraft::Header::new(), &claims(&kid), &signer).unwrap();
            tokens.push((<$fixture>::ALGORITHM.name(), kid, token));
        )*};
    }
    publish!(Rs384, Rs512, Ps256, Ps384, Ps512, Es384, Es512, EdDsa);
    let jwks = set.to_public_json();
    for (alg, kid, token) in &tokens {
        let answer = peer
            .jwks_verify(&jwks, token, alg)
            .unwrap_or_else(|e| panic!("{alg}: {e}"));
        assert_eq!(answer["kid"], kid.as_str());
        assert_eq!(answer["claims"], claims(kid));
    }
    // jwtcraft reads its own set back, every key under its own algorithm.
    let (keys, skipped) = KeySet::from_jwks_json(&jwks).unwrap();
    assert!(skipped.is_empty(), "{skipped:?}");
    for (_, _, token) in &tokens {
        keys.decode::<Value>(token, &peer_validation()).unwrap();
    }

    let ed = Ed25519::with_key_id(Ed25519::signer(), "ed");
    let jwks = JwkSet::new()
        .with_key(Ed25519::signer_public_jwk(&ed).unwrap())
        .to_public_json();
    let token = jwtcraft::encode(&jwtcraft::Header::new(), &claims("ed"), &ed).unwrap();
    assert!(peer.jwks_verify(&jwks, &token, "Ed25519").is_err());
}
