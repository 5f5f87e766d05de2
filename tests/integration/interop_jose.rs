//! Interoperability with Node's `jose` (6.2.18, pinned in `tests/peers/jose/package-lock.json`),
//! in both directions, for every algorithm this crate implements (HS*, RS*, PS*, ES256/384/512,
//! `EdDSA` and `Ed25519`, as far as their features are built), and through a JWK Set.
//!
//! The Node side is `tests/peers/jose/jose_peer.mjs`, run with `node` (or `$JWTCRAFT_NODE`)
//! after `npm ci` in `tests/peers/jose` (`.ci/install-peers` does both). If Node or the
//! package is missing, every test here prints a loud `SKIPPED` block to stderr and passes,
//! unless `JWTCRAFT_REQUIRE_PEERS=1` is set (as `.ci/run` does): then it fails.
//!
//! What is checked:
//! - jwtcraft signs, `jose` verifies and returns the same claims and header; `jose` signs,
//!   jwtcraft verifies and returns the same claims and `kid`.
//! - A token with a changed signature byte, or signed with another key, is refused by the
//!   other side.
//! - jwtcraft publishes a JWK Set; `jose`'s `createLocalJWKSet` picks the key by `kid` and
//!   verifies jwtcraft's RS256 and ES256 tokens. `jose` exports public JWKs; jwtcraft imports
//!   them and verifies `jose`'s tokens, and both sides agree on the RFC 7638 thumbprint input.
//!
//! Both sides verify against an injected time (`jose`'s `currentDate`, jwtcraft's
//! [`FixedClock`]); nothing reads the wall clock to decide a result. Nothing touches the network.

use std::sync::OnceLock;

#[cfg(any(feature = "rsa", feature = "ecdsa"))]
use crate::common::data_path;
use crate::common::peer::{peer_validation, Script, PEER_ISSUER, PEER_NOW as NOW};
use crate::common::{hex, HS_SECRET};
use jwtcraft::{decode, encode, Header, Hs256Key, Signer, Validation, Verifier};
use jwtcraft::{Error, SignatureError};
use serde_json::{json, Value};

const INSTALL_HINT: &str = "jose interop needs Node.js and `npm ci` in tests/peers/jose \
     (or run .ci/install-peers)";

fn claims(sub: &str) -> Value {
    json!({
        "sub": sub,
        "iss": PEER_ISSUER,
        "aud": ["orders-api", "billing"],
        "iat": NOW - 60,
        "exp": NOW + 3600,
        "admin": true,
        "roles": ["read", "write", "audit"],
    })
}

// The peers' validation, plus the audience these tokens are checked for (their second one).
fn audience_validation() -> Validation {
    peer_validation().with_audience("billing")
}

/// A working `jose` peer.
#[derive(Debug)]
struct Peer {
    script: Script,
}

fn probe() -> Result<Peer, String> {
    let (script, _) = Script::probe_node("jose/jose_peer.mjs", "jose peer")?;
    Ok(Peer { script })
}

/// The peer, or `None` after a loud skip message. Panics instead of skipping when
/// `JWTCRAFT_REQUIRE_PEERS=1`.
fn peer() -> Option<&'static Peer> {
    static PEER: OnceLock<Result<Peer, String>> = OnceLock::new();
    crate::common::peer::or_skip(PEER.get_or_init(probe), INSTALL_HINT)
}

impl Peer {
    /// A token `jose` signed.
    #[track_caller]
    fn sign(&self, alg: &str, key: &str, claims: &Value, kid: &str) -> String {
        let out = self
            .script
            .run_ok(&["sign", alg, key, &claims.to_string(), kid]);
        String::from_utf8(out).unwrap().trim().to_owned()
    }

    /// `jose`'s verdict on `token`: the header and claims it verified, or its error.
    fn verify(&self, alg: &str, key: &str, token: &str) -> Result<Value, String> {
        answer(
            &self
                .script
                .run(&["verify", alg, key, token, &NOW.to_string()]),
        )
    }

    #[cfg(all(feature = "rsa", feature = "ecdsa"))]
    fn verify_with_jwks(&self, jwks: &str, token: &str) -> Result<Value, String> {
        answer(
            &self
                .script
                .run(&["verify-jwks", jwks, token, &NOW.to_string()]),
        )
    }

    /// `jose`'s export of a public key as a JWK.
    #[cfg(all(feature = "rsa", feature = "ecdsa"))]
    #[track_caller]
    fn public_jwk(&self, alg: &str, spki_pem_file: &str, kid: &str) -> String {
        let out = self.script.run_ok(&["public-jwk", alg, spki_pem_file, kid]);
        String::from_utf8(out).unwrap().trim().to_owned()
    }
}

/// Exit 0 with JSON on stdout is an acceptance, exit 1 a refusal; anything else is a broken
/// peer and fails the test.
#[track_caller]
fn answer(out: &std::process::Output) -> Result<Value, String> {
    match out.status.code() {
        Some(0) => Ok(serde_json::from_slice(&out.stdout).expect("the peer prints json")),
        Some(1) => Err(String::from_utf8_lossy(&out.stderr).trim().to_owned()),
        _ => panic!(
            "jose peer failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

/// The same token with one signature character changed.
fn corrupt_signature(token: &str) -> String {
    let mut bytes = token.as_bytes().to_vec();
    let at = bytes.len() - 5;
    bytes[at] = if bytes[at] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

/// One algorithm's keys, as jwtcraft holds them and as the peer reads them.
struct Keys {
    alg: &'static str,
    signer: Box<dyn Signer>,
    verifier: Box<dyn Verifier>,
    /// What the peer signs with: hex secret or PKCS#8 PEM file.
    peer_signing: String,
    /// What the peer verifies with: hex secret or SPKI PEM file.
    peer_verifying: String,
}

fn all_keys() -> Vec<Keys> {
    let hs = || Hs256Key::new(HS_SECRET).unwrap().with_key_id("hs-1");
    #[allow(unused_mut)]
    let mut keys = vec![Keys {
        alg: "HS256",
        signer: Box::new(hs()),
        verifier: Box::new(hs()),
        peer_signing: hex(HS_SECRET),
        peer_verifying: hex(HS_SECRET),
    }];
    #[cfg(feature = "rsa")]
    keys.push(Keys {
        alg: "RS256",
        signer: Box::new(crate::common::rs_signing().with_key_id("rs-1")),
        verifier: Box::new(crate::common::rs_verifying()),
        peer_signing: data_path("rsa2048-private-pkcs8.pem"),
        peer_verifying: data_path("rsa2048-public-spki.pem"),
    });
    #[cfg(feature = "ecdsa")]
    keys.push(Keys {
        alg: "ES256",
        signer: Box::new(crate::common::es_signing().with_key_id("es-1")),
        verifier: Box::new(crate::common::es_verifying()),
        peer_signing: data_path("p256-private-pkcs8.pem"),
        peer_verifying: data_path("p256-public-spki.pem"),
    });
    keys.extend(more_keys());
    keys
}

/// The keys of `A`'s fixture; `files` is the `tests/data` prefix of its PKCS#8 and SPKI PEM
/// files, or empty for an HMAC secret.
fn fixture_keys<A: crate::common::alg::AlgFixture>(files: &str) -> Keys
where
    A::Signing: 'static,
    A::Verifying: 'static,
{
    let alg = A::ALGORITHM.name();
    let kid = format!("{}-1", alg.to_lowercase());
    let (peer_signing, peer_verifying) = if files.is_empty() {
        let secret = crate::common::jwk_member(&A::private_jwk(&A::signer()), "k");
        (hex(&secret), hex(&secret))
    } else {
        (
            crate::common::data_path(&format!("{files}-private-pkcs8.pem")),
            crate::common::data_path(&format!("{files}-public-spki.pem")),
        )
    };
    Keys {
        alg,
        signer: Box::new(A::with_key_id(A::signer(), &kid)),
        verifier: Box::new(A::verifier()),
        peer_signing,
        peer_verifying,
    }
}

/// Every algorithm beyond HS256, RS256 and ES256 that is built. jose 6 implements them all,
/// including the RFC 9864 name `Ed25519`.
fn more_keys() -> Vec<Keys> {
    use crate::common::alg::{Hs384, Hs512};
    #[allow(unused_mut)]
    let mut keys = vec![fixture_keys::<Hs384>(""), fixture_keys::<Hs512>("")];
    #[cfg(feature = "rsa")]
    {
        use crate::common::alg::{Ps256, Ps384, Ps512, Rs384, Rs512};
        keys.push(fixture_keys::<Rs384>("rsa2048"));
        keys.push(fixture_keys::<Rs512>("rsa2048"));
        keys.push(fixture_keys::<Ps256>("rsa2048"));
        keys.push(fixture_keys::<Ps384>("rsa2048"));
        keys.push(fixture_keys::<Ps512>("rsa2048"));
    }
    #[cfg(feature = "es384")]
    keys.push(fixture_keys::<crate::common::alg::Es384>("p384"));
    #[cfg(feature = "es512")]
    keys.push(fixture_keys::<crate::common::alg::Es512>("p521"));
    #[cfg(feature = "eddsa")]
    {
        keys.push(fixture_keys::<crate::common::alg::EdDsa>("ed25519"));
        keys.push(fixture_keys::<crate::common::alg::Ed25519>("ed25519"));
    }
    keys
}

#[test]
fn jwtcraft_tokens_verify_in_jose() {
    let Some(peer) = peer() else { return };
    for keys in all_keys() {
        let expected = claims(&format!("from-jwtcraft-{}", keys.alg));
        let token = encode(&Header::new(), &expected, &*keys.signer).unwrap();
        let verified = peer
            .verify(keys.alg, &keys.peer_verifying, &token)
            .unwrap_or_else(|e| panic!("jose refused jwtcraft's {} token: {e}", keys.alg));
        assert_eq!(verified["payload"], expected, "{}", keys.alg);
        assert_eq!(verified["header"]["alg"], keys.alg);
        assert_eq!(verified["header"]["typ"], "JWT");
        assert_eq!(
            verified["header"]["kid"].as_str(),
            keys.signer.key_id(),
            "{}",
            keys.alg
        );
        let refused = peer.verify(keys.alg, &keys.peer_verifying, &corrupt_signature(&token));
        assert!(
            refused.is_err(),
            "jose accepted a corrupted {} signature",
            keys.alg
        );
    }
}

#[test]
fn jose_tokens_verify_in_jwtcraft() {
    let Some(peer) = peer() else { return };
    for keys in all_keys() {
        let expected = claims(&format!("from-jose-{}", keys.alg));
        let token = peer.sign(keys.alg, &keys.peer_signing, &expected, "jose-kid");
        let verified = decode::<Value>(&token, &*keys.verifier, &audience_validation())
            .unwrap_or_else(|e| panic!("jwtcraft refused jose's {} token: {e}", keys.alg));
        assert_eq!(verified.claims(), &expected, "{}", keys.alg);
        assert_eq!(verified.header().key_id(), Some("jose-kid"));
        // jose writes no `typ` unless asked.
        assert_eq!(verified.header().token_type(), None);
        assert!(
            decode::<Value>(
                &corrupt_signature(&token),
                &*keys.verifier,
                &audience_validation()
            )
            .is_err(),
            "jwtcraft accepted a corrupted {} signature from jose",
            keys.alg
        );
    }
}

#[test]
fn a_token_from_another_key_is_refused_by_both() {
    let Some(peer) = peer() else { return };
    let other = Hs256Key::new(b"another-secret-of-at-least-32-bytes!!!").unwrap();
    let token = encode(&Header::new(), &claims("other"), &other).unwrap();
    assert!(peer.verify("HS256", &hex(HS_SECRET), &token).is_err());
    let from_jose = peer.sign(
        "HS256",
        &hex(b"another-secret-of-at-least-32-bytes!!!"),
        &claims("other"),
        "-",
    );
    let ours = Hs256Key::new(HS_SECRET).unwrap();
    assert!(matches!(
        decode::<Value>(&from_jose, &ours, &audience_validation()),
        Err(Error::Signature(SignatureError::Invalid))
    ));
}

#[cfg(all(feature = "rsa", feature = "ecdsa"))]
#[test]
fn jose_verifies_through_a_jwk_set_that_jwtcraft_published() {
    use jwtcraft::JwkSet;
    let Some(peer) = peer() else { return };
    let rs = crate::common::rs_signing().with_key_id("rs-2026-11");
    let es = crate::common::es_signing().with_key_id("es-2026-11");
    let jwks = JwkSet::new()
        .with_key(rs.to_public_jwk())
        .with_key(es.to_public_jwk())
        .to_public_json();
    for (alg, signer) in [("RS256", &rs as &dyn Signer), ("ES256", &es)] {
        let expected = claims(&format!("jwks-{alg}"));
        let token = encode(&Header::new(), &expected, signer).unwrap();
        let verified = peer
            .verify_with_jwks(&jwks, &token)
            .unwrap_or_else(|e| panic!("jose refused jwtcraft's {alg} token via the JWKS: {e}"));
        assert_eq!(verified["payload"], expected, "{alg}");
        assert_eq!(verified["header"]["kid"].as_str(), signer.key_id());
    }
    // A kid the set does not have is refused, not tried against every key.
    let stranger = crate::common::es_signing().with_key_id("es-unknown");
    let token = encode(&Header::new(), &claims("stranger"), &stranger).unwrap();
    assert!(peer.verify_with_jwks(&jwks, &token).is_err());
}

#[cfg(all(feature = "rsa", feature = "ecdsa"))]
#[test]
fn jwtcraft_verifies_with_public_jwks_that_jose_exported() {
    use jwtcraft::{Es256VerifyingKey, Jwk, Rs256VerifyingKey};
    let Some(peer) = peer() else { return };
    let cases: [(&str, &str, &str, Box<dyn Verifier>); 2] = [
        (
            "RS256",
            "rsa2048-private-pkcs8.pem",
            "rsa2048-public-spki.pem",
            Box::new(crate::common::rs_verifying()),
        ),
        (
            "ES256",
            "p256-private-pkcs8.pem",
            "p256-public-spki.pem",
            Box::new(crate::common::es_verifying()),
        ),
    ];
    for (alg, private, public, ours) in cases {
        let exported = peer.public_jwk(alg, &data_path(public), "jose-exported");
        let jwk = Jwk::from_json(&exported)
            .unwrap_or_else(|e| panic!("jwtcraft refused jose's {alg} JWK: {e}\n{exported}"));
        let verifier: Box<dyn Verifier> = match alg {
            "RS256" => Box::new(Rs256VerifyingKey::from_jwk(&jwk).unwrap()),
            _ => Box::new(Es256VerifyingKey::from_jwk(&jwk).unwrap()),
        };
        assert_eq!(verifier.key_id(), Some("jose-exported"));
        let expected = claims(&format!("exported-{alg}"));
        let token = peer.sign(alg, &data_path(private), &expected, "jose-exported");
        let decoded = decode::<Value>(&token, &*verifier, &audience_validation()).unwrap();
        assert_eq!(decoded.claims(), &expected, "{alg}");
        // The same key, read from PEM by jwtcraft, has the same thumbprint.
        let ours_jwk = match alg {
            "RS256" => crate::common::rs_verifying().to_jwk(),
            _ => crate::common::es_verifying().to_jwk(),
        };
        assert_eq!(
            jwk.thumbprint().unwrap(),
            ours_jwk.thumbprint().unwrap(),
            "{alg}"
        );
        assert!(decode::<Value>(&token, &*ours, &audience_validation()).is_ok());
    }
}

/// Where `jose` 6.2 is more lenient than RFC 7515 §2 allows: it decodes a signature segment
/// whose unused trailing bits are not zero, or that carries `=` padding, so one signature
/// has several spellings there. jwtcraft accepts exactly one spelling and refuses the others
/// as malformed. Both behaviours are asserted so a change on either side is noticed.
#[test]
fn jose_accepts_signature_spellings_that_jwtcraft_refuses() {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let Some(peer) = peer() else { return };
    let key = Hs256Key::new(HS_SECRET).unwrap();
    let token = encode(&Header::new(), &claims("spelling"), &key).unwrap();
    // A 32-byte HMAC is 43 characters, whose last one carries 2 unused bits.
    let last = *token.as_bytes().last().unwrap();
    let index = ALPHABET.iter().position(|&c| c == last).unwrap();
    let mut trailing_bits = token.clone();
    trailing_bits.pop();
    trailing_bits.push(char::from(ALPHABET[index ^ 1]));
    let padded = format!("{token}=");

    assert!(peer.verify("HS256", &hex(HS_SECRET), &token).is_ok());
    for (what, respelled) in [
        ("non-zero trailing bits", &trailing_bits),
        ("padding", &padded),
    ] {
        assert!(
            peer.verify("HS256", &hex(HS_SECRET), respelled).is_ok(),
            "jose now refuses a signature with {what}: update this test and the README"
        );
        assert!(
            matches!(
                decode::<Value>(respelled, &key, &audience_validation()),
                Err(jwtcraft::Error::Malformed(_))
            ),
            "jwtcraft accepted a signature with {what}"
        );
    }
}
