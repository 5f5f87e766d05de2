//! Interoperability with `PyJWT`, in both directions, for every algorithm `PyJWT` 2.6 implements:
//! HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512 and `EdDSA` (Ed25519).
//!
//! The Python side is `tests/peers/pyjwt_peer.py`, run with `/usr/bin/python3` (Debian's
//! `python3-jwt` and `python3-cryptography` packages; checked against `PyJWT` 2.6.0 and
//! cryptography 38) or with the interpreter named by `$JWTCRAFT_PYTHON`.
//!
//! If that interpreter is missing or cannot `import jwt, cryptography`, every test here prints a
//! loud `SKIPPED` line to stderr and passes, unless `JWTCRAFT_REQUIRE_PEERS=1` is set: then it
//! fails. `.ci/run` sets it, after `.ci/install-peers` installed the packages, so a missing peer
//! can never go unnoticed in CI.
//!
//! What is checked:
//! - jwtcraft signs, `PyJWT` verifies and returns the same claims; `PyJWT` signs (with a `kid`),
//!   jwtcraft verifies and returns the same claims and header.
//! - HS256 and RS256 are deterministic, so both libraries produce byte-identical tokens.
//! - A token signed with another key, or with one signature byte flipped, is refused by the
//!   other side; an ES256 signature's "high-S" twin is accepted by both.
//! - Where `PyJWT` 2.6 is more lenient than jwtcraft (unknown `crit`, a string `exp`,
//!   non-canonical base64url, duplicate JSON members), both behaviours are asserted and
//!   explained. jwtcraft stays strict.
//!
//! jwtcraft always verifies with a [`FixedClock`]. `PyJWT` uses the wall clock, so the tokens
//! here are issued in 2023 and expire in 2100. Nothing touches the network.

use std::sync::OnceLock;

use crate::common::alg::AlgFixture;
#[cfg(any(feature = "rsa", feature = "ecdsa"))]
use crate::common::data_path;
use crate::common::peer::{loud, peer_validation, Script, PEER_ISSUER, PEER_NOW as NOW};
#[cfg(feature = "ecdsa")]
use crate::common::{es_signing, es_verifying};
use crate::common::{forge, hex, hs_key, validation_at, HS_OTHER_SECRET, HS_SECRET};
#[cfg(feature = "rsa")]
use crate::common::{read_data, rs_signing};
#[cfg(feature = "rsa")]
use jwtcraft::Rs256VerifyingKey;
use jwtcraft::{
    decode, encode, Claim, ClaimError, Claims, Error, FixedClock, Header, HeaderError,
    MalformedError, NumericDate, RegisteredClaims, Segment, SignatureError, Signer, Validation,
    Verifier, DEFAULT_LEEWAY,
};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

// ---------------------------------------------------------------------------------------------
// Fixed inputs
// ---------------------------------------------------------------------------------------------

/// 2023-11-14T22:13:20Z: the shared `NOW`; jwtcraft's clock is `PEER_NOW`, ten minutes on.
const IAT: i64 = crate::common::NOW;
/// 2100-01-01T00:00:00Z: far enough ahead for `PyJWT`'s wall clock.
const EXP: i64 = 4_102_444_800;
const ISS: &str = PEER_ISSUER;
const AUD: &str = "orders-api";
const SUB: &str = "user-42";
/// The name of an unknown `crit` extension.
const CRIT_EXT: &str = "urn:example:require-mfa";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Custom {
    name: String,
    admin: bool,
    roles: Vec<String>,
}

/// A realistic claims set: every common registered claim, a string, a bool and an array.
fn sample_claims(name: &str) -> Claims<Custom> {
    Claims::new(
        RegisteredClaims::new()
            .with_issuer(ISS)
            .with_subject(SUB)
            .with_audience(AUD)
            .issued_at(NumericDate::from_unix_seconds(IAT))
            .expires_at(NumericDate::from_unix_seconds(EXP)),
        Custom {
            name: name.to_owned(),
            admin: true,
            roles: vec!["read".into(), "write".into(), "refund".into()],
        },
    )
}

/// Non-ASCII on purpose: `PyJWT` writes it as `\u` escapes, jwtcraft as raw UTF-8.
const NAME: &str = "Zoë Ødegård ✓ \"quoted\" </script>";

// The peers' validation, plus the audience these tokens are checked for.
fn audience_validation() -> Validation {
    peer_validation().with_audience(AUD)
}

#[cfg(feature = "rsa")]
fn rs_verifying_pkcs1() -> Rs256VerifyingKey {
    // PKCS#1 here, SPKI for PyJWT: the same key in both of its public encodings.
    Rs256VerifyingKey::from_pem(&read_data("rsa2048-public-pkcs1.pem")).unwrap()
}

/// How `PyJWT` is handed each algorithm's keys.
struct PeerKeys {
    alg: &'static str,
    /// What `PyJWT` signs with: hex secret or PEM private key file (a different encoding from
    /// the one jwtcraft loads, where there is one).
    private: String,
    /// What `PyJWT` verifies with: hex secret or PEM public key file.
    public: String,
    /// A key jwtcraft does not know: another secret, or a fresh key made by the peer.
    foreign: String,
}

fn hs_peer_keys() -> PeerKeys {
    PeerKeys {
        alg: "HS256",
        private: hex(HS_SECRET),
        public: hex(HS_SECRET),
        foreign: hex(HS_OTHER_SECRET),
    }
}

#[cfg(feature = "rsa")]
fn rs_peer_keys() -> PeerKeys {
    PeerKeys {
        alg: "RS256",
        private: data_path("rsa2048-private-pkcs1.pem"),
        public: data_path("rsa2048-public-spki.pem"),
        foreign: "generate".into(),
    }
}

#[cfg(feature = "ecdsa")]
fn es_peer_keys() -> PeerKeys {
    PeerKeys {
        alg: "ES256",
        private: data_path("p256-private-sec1.pem"),
        public: data_path("p256-public-spki.pem"),
        foreign: "generate".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// The peer process
// ---------------------------------------------------------------------------------------------

const INSTALL_HINT: &str = "PyJWT interop needs python3-jwt and python3-cryptography: \
     apt-get install -y python3-jwt python3-cryptography (or run .ci/install-peers)";

/// A working `PyJWT` peer.
#[derive(Debug)]
struct Peer {
    script: Script,
    /// `PyJWT`'s version, such as `2.6.0`.
    pyjwt: String,
}

/// `PyJWT` refused a token: the exception class and its message.
#[derive(Debug)]
struct Refusal {
    class: String,
    detail: String,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PyJWT raised {}: {}", self.class, self.detail)
    }
}

fn probe() -> Result<Peer, String> {
    let (script, check) = Script::probe("pyjwt_peer.py", "PyJWT peer")?;
    // "pyjwt 2.6.0 cryptography 38.0.4"
    let pyjwt = check
        .split_whitespace()
        .nth(1)
        .ok_or_else(|| format!("unexpected answer from the peer's check: {check:?}"))?
        .to_owned();
    Ok(Peer { script, pyjwt })
}

/// The peer, or `None` after a loud skip message. Panics instead of skipping when
/// `JWTCRAFT_REQUIRE_PEERS=1`.
fn peer() -> Option<&'static Peer> {
    static PEER: OnceLock<Result<Peer, String>> = OnceLock::new();
    crate::common::peer::or_skip(PEER.get_or_init(probe), INSTALL_HINT)
}

impl Peer {
    /// Output of a command that must succeed, trimmed.
    fn run_ok(&self, args: &[&str]) -> String {
        String::from_utf8(self.script.run_ok(args))
            .unwrap()
            .trim()
            .to_owned()
    }

    /// `PyJWT` signs `claims_json`, with `kid` and extra header parameters if given.
    fn sign(
        &self,
        alg: &str,
        key: &str,
        claims_json: &str,
        kid: Option<&str>,
        extra_headers: Option<&Value>,
    ) -> String {
        let extra = extra_headers.map(Value::to_string);
        let mut args = vec!["sign", alg, key, claims_json, kid.unwrap_or("-")];
        args.extend(extra.as_deref());
        self.run_ok(&args)
    }

    /// `PyJWT` verifies `token` (signature always on; `aud`/`iss` checked when given).
    fn verify(
        &self,
        alg: &str,
        key: &str,
        token: &str,
        aud: Option<&str>,
        iss: Option<&str>,
    ) -> Result<Value, Refusal> {
        let out = self.script.run(&[
            "verify",
            alg,
            key,
            token,
            aud.unwrap_or("-"),
            iss.unwrap_or("-"),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
        match out.status.code() {
            Some(0) => Ok(serde_json::from_slice(&out.stdout).unwrap()),
            Some(1) => {
                let (class, detail) = stderr.split_once(": ").unwrap_or((&stderr, ""));
                Err(Refusal {
                    class: class.to_owned(),
                    detail: detail.to_owned(),
                })
            }
            _ => panic!("PyJWT peer failed to run verify ({}): {stderr}", out.status),
        }
    }

    /// The header as `PyJWT` reads it.
    fn header(&self, token: &str) -> Value {
        serde_json::from_str(&self.run_ok(&["header", token])).unwrap()
    }

    /// The lenient behaviours asserted below were checked against `PyJWT` 2.6; other versions
    /// may differ (2.12 started refusing unknown `crit`, CVE-2026-32597), so for them the
    /// `PyJWT` side is only reported.
    fn is_checked_version(&self) -> bool {
        self.pyjwt.starts_with("2.6.")
    }

    /// Asserts `PyJWT` 2.6 accepted a token that jwtcraft refuses; reports it for others.
    fn expect_lenient(&self, what: &str, result: &Result<Value, Refusal>) {
        if self.is_checked_version() {
            assert!(
                result.is_ok(),
                "PyJWT 2.6 was expected to accept {what}: {result:?}"
            );
        } else {
            loud!(
                "NOTE: PyJWT {} on {what} (asserted only for 2.6): {result:?}",
                self.pyjwt
            );
        }
    }
}

/// Flips one bit of one byte in the middle of the signature.
fn flip_signature_byte(token: &str) -> String {
    let (input, sig) = token.rsplit_once('.').unwrap();
    let mut bytes = jwtcraft::codec::decode(sig, Segment::Signature).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    format!("{input}.{}", jwtcraft::codec::encode(&bytes))
}

// ---------------------------------------------------------------------------------------------
// The checks, shared by the three algorithms
// ---------------------------------------------------------------------------------------------

/// jwtcraft signs (with a `kid`), `PyJWT` verifies aud and iss and returns identical claims.
fn jwtcraft_to_pyjwt(peer: &Peer, keys: &PeerKeys, signer: &impl Signer) {
    let claims = sample_claims(NAME);
    let token = encode(&Header::new(), &claims, signer).unwrap();

    let got = peer
        .verify(keys.alg, &keys.public, &token, Some(AUD), Some(ISS))
        .unwrap_or_else(|r| panic!("PyJWT refused jwtcraft's {} token: {r}", keys.alg));
    assert_eq!(got, serde_json::to_value(&claims).unwrap());
    assert_eq!(
        peer.header(&token),
        json!({"alg": keys.alg, "typ": "JWT", "kid": "jwtcraft-1"})
    );

    // PyJWT enforces the audience and issuer it was given, on jwtcraft's token too.
    let wrong_aud = peer.verify(keys.alg, &keys.public, &token, Some("other"), Some(ISS));
    assert_eq!(wrong_aud.unwrap_err().class, "InvalidAudienceError");
    let wrong_iss = peer.verify(keys.alg, &keys.public, &token, Some(AUD), Some("other"));
    assert_eq!(wrong_iss.unwrap_err().class, "InvalidIssuerError");
}

/// `PyJWT` signs with a `kid`; jwtcraft verifies and sees the same claims and header.
fn pyjwt_to_jwtcraft(peer: &Peer, keys: &PeerKeys, verifier: &impl Verifier) {
    let claims = sample_claims(NAME);
    let claims_json = serde_json::to_string(&claims).unwrap();
    let token = peer.sign(keys.alg, &keys.private, &claims_json, Some("pyjwt-1"), None);

    let token_ok = decode::<Value>(&token, verifier, &audience_validation())
        .unwrap_or_else(|e| panic!("jwtcraft refused PyJWT's {} token: {e:?}", keys.alg));
    assert_eq!(token_ok.algorithm().name(), keys.alg);
    assert_eq!(token_ok.header().key_id(), Some("pyjwt-1"));
    assert_eq!(token_ok.header().token_type(), Some("JWT"));
    assert!(token_ok.header().extras().is_empty());
    assert_eq!(token_ok.claims(), &serde_json::to_value(&claims).unwrap());

    // And straight into the typed claims.
    let typed = decode::<Claims<Custom>>(&token, verifier, &audience_validation()).unwrap();
    assert_eq!(typed.into_claims(), claims);

    // jwtcraft's own checks apply to PyJWT's token. Audiences are any-of:
    let also_other = audience_validation().with_audience("other");
    assert!(decode::<Value>(&token, verifier, &also_other).is_ok());
    let wrong_aud = validation_at(NOW).with_audience("other");
    assert!(matches!(
        decode::<Value>(&token, verifier, &wrong_aud),
        Err(Error::Claims(ClaimError::InvalidAudience))
    ));
    // Expired once the default leeway (30 s) has passed after `exp`.
    let after_exp = audience_validation().with_clock(FixedClock(
        NumericDate::from_unix_seconds(EXP).saturating_add(DEFAULT_LEEWAY),
    ));
    assert!(matches!(
        decode::<Value>(&token, verifier, &after_exp),
        Err(Error::Claims(ClaimError::Expired))
    ));
}

/// A token `PyJWT` signed with a key jwtcraft does not trust is refused.
fn pyjwt_foreign_key_refused(peer: &Peer, keys: &PeerKeys, verifier: &impl Verifier) {
    let claims_json = serde_json::to_string(&sample_claims(NAME)).unwrap();
    let token = peer.sign(keys.alg, &keys.foreign, &claims_json, Some("pyjwt-1"), None);
    // Sanity: the token is otherwise fine, so the signature is what gets it refused.
    assert!(jwtcraft::UntrustedToken::parse(&token).is_ok());
    assert!(matches!(
        decode::<Value>(&token, verifier, &audience_validation()),
        Err(Error::Signature(SignatureError::Invalid))
    ));
}

/// jwtcraft's token with one signature bit flipped is refused by `PyJWT` (and by jwtcraft);
/// the untouched token is accepted by both.
fn flipped_signature_refused(
    peer: &Peer,
    keys: &PeerKeys,
    signer: &impl Signer,
    verifier: &impl Verifier,
) {
    let token = encode(&Header::new(), &sample_claims(NAME), signer).unwrap();
    assert!(peer
        .verify(keys.alg, &keys.public, &token, Some(AUD), Some(ISS))
        .is_ok());
    assert!(decode::<Value>(&token, verifier, &audience_validation()).is_ok());

    let tampered = flip_signature_byte(&token);
    assert_ne!(tampered, token);
    let refusal = peer
        .verify(keys.alg, &keys.public, &tampered, Some(AUD), Some(ISS))
        .unwrap_err();
    assert_eq!(refusal.class, "InvalidSignatureError", "{refusal}");
    assert!(matches!(
        decode::<Value>(&tampered, verifier, &audience_validation()),
        Err(Error::Signature(SignatureError::Invalid))
    ));
}

/// Deterministic algorithms: the same header, claims and key give the same bytes.
fn byte_identical(peer: &Peer, keys: &PeerKeys, signer: &impl Signer) {
    // ASCII only: PyJWT escapes non-ASCII as \uXXXX, jwtcraft writes UTF-8; both are valid
    // JSON for the same claims but not the same bytes.
    let claims = sample_claims("Zoe Odegard");
    let ours = encode(&Header::new(), &claims, signer).unwrap();
    // Keys in the order jwtcraft wrote them; PyJWT keeps the order of its input.
    let claims_json = serde_json::to_string(&claims).unwrap();
    let theirs = peer.sign(keys.alg, &keys.private, &claims_json, None, None);
    assert_eq!(ours, theirs);
}

// ---------------------------------------------------------------------------------------------
// HS256
// ---------------------------------------------------------------------------------------------

#[test]
fn hs256_jwtcraft_to_pyjwt() {
    let Some(peer) = peer() else { return };
    jwtcraft_to_pyjwt(peer, &hs_peer_keys(), &hs_key().with_key_id("jwtcraft-1"));
}

#[test]
fn hs256_pyjwt_to_jwtcraft() {
    let Some(peer) = peer() else { return };
    pyjwt_to_jwtcraft(peer, &hs_peer_keys(), &hs_key());
}

#[test]
fn hs256_pyjwt_token_with_other_secret_is_refused() {
    let Some(peer) = peer() else { return };
    pyjwt_foreign_key_refused(peer, &hs_peer_keys(), &hs_key());
}

#[test]
fn hs256_flipped_signature_is_refused_by_pyjwt() {
    let Some(peer) = peer() else { return };
    flipped_signature_refused(peer, &hs_peer_keys(), &hs_key(), &hs_key());
}

#[test]
fn hs256_tokens_are_byte_identical() {
    let Some(peer) = peer() else { return };
    byte_identical(peer, &hs_peer_keys(), &hs_key());
}

// ---------------------------------------------------------------------------------------------
// RS256
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "rsa")]
#[test]
fn rs256_jwtcraft_to_pyjwt() {
    let Some(peer) = peer() else { return };
    jwtcraft_to_pyjwt(
        peer,
        &rs_peer_keys(),
        &rs_signing().with_key_id("jwtcraft-1"),
    );
}

#[cfg(feature = "rsa")]
#[test]
fn rs256_pyjwt_to_jwtcraft() {
    let Some(peer) = peer() else { return };
    pyjwt_to_jwtcraft(peer, &rs_peer_keys(), &rs_verifying_pkcs1());
}

#[cfg(feature = "rsa")]
#[test]
fn rs256_pyjwt_token_from_other_key_is_refused() {
    let Some(peer) = peer() else { return };
    pyjwt_foreign_key_refused(peer, &rs_peer_keys(), &rs_verifying_pkcs1());
}

#[cfg(feature = "rsa")]
#[test]
fn rs256_flipped_signature_is_refused_by_pyjwt() {
    let Some(peer) = peer() else { return };
    let key = rs_signing();
    flipped_signature_refused(peer, &rs_peer_keys(), &key, &key.verifying_key());
}

#[cfg(feature = "rsa")]
#[test]
fn rs256_tokens_are_byte_identical() {
    let Some(peer) = peer() else { return };
    byte_identical(peer, &rs_peer_keys(), &rs_signing());
}

// ---------------------------------------------------------------------------------------------
// ES256
// ---------------------------------------------------------------------------------------------

#[cfg(feature = "ecdsa")]
#[test]
fn es256_jwtcraft_to_pyjwt() {
    let Some(peer) = peer() else { return };
    jwtcraft_to_pyjwt(
        peer,
        &es_peer_keys(),
        &es_signing().with_key_id("jwtcraft-1"),
    );
}

#[cfg(feature = "ecdsa")]
#[test]
fn es256_pyjwt_to_jwtcraft() {
    let Some(peer) = peer() else { return };
    // PyJWT's ECDSA nonces are random: a few tokens cover both low-S and high-S signatures.
    for _ in 0..4 {
        pyjwt_to_jwtcraft(peer, &es_peer_keys(), &es_verifying());
    }
}

#[cfg(feature = "ecdsa")]
#[test]
fn es256_pyjwt_token_from_other_key_is_refused() {
    let Some(peer) = peer() else { return };
    pyjwt_foreign_key_refused(peer, &es_peer_keys(), &es_verifying());
}

#[cfg(feature = "ecdsa")]
#[test]
fn es256_flipped_signature_is_refused_by_pyjwt() {
    let Some(peer) = peer() else { return };
    let key = es_signing();
    flipped_signature_refused(peer, &es_peer_keys(), &key, &key.verifying_key());
}

/// The order `n` of P-256's base point, big-endian.
#[cfg(feature = "ecdsa")]
const P256_ORDER: [u8; 32] = [
    0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
];

/// `n - s` for a 32-byte big-endian `s` in `[1, n-1]`.
#[cfg(feature = "ecdsa")]
fn p256_negate(s: &[u8]) -> [u8; 32] {
    let mut out = [0u8; 32];
    let mut borrow = 0u16;
    for i in (0..32).rev() {
        let diff = 0x100 + u16::from(P256_ORDER[i]) - u16::from(s[i]) - borrow;
        out[i] = diff.to_le_bytes()[0];
        borrow = u16::from(diff < 0x100);
    }
    out
}

/// Not a difference: ECDSA signatures are malleable, `(r, s)` and `(r, n - s)` both verify,
/// and neither side insists on "low-S" (that is a Bitcoin rule, not a JOSE one). jwtcraft must
/// accept both, or it would refuse about half of the ES256 tokens `OpenSSL` produces.
#[cfg(feature = "ecdsa")]
#[test]
fn es256_high_s_and_low_s_twins_are_accepted_by_both() {
    let Some(peer) = peer() else { return };
    let keys = es_peer_keys();
    let claims_json = serde_json::to_string(&sample_claims(NAME)).unwrap();
    let token = peer.sign(keys.alg, &keys.private, &claims_json, None, None);
    let (input, sig) = token.rsplit_once('.').unwrap();
    let sig = jwtcraft::codec::decode(sig, Segment::Signature).unwrap();
    assert_eq!(sig.len(), 64);
    let mut twin = sig.clone();
    twin[32..].copy_from_slice(&p256_negate(&sig[32..]));
    assert_ne!(twin, sig);
    let twin_token = format!("{input}.{}", jwtcraft::codec::encode(&twin));

    for t in [&token, &twin_token] {
        assert!(decode::<Value>(t, &es_verifying(), &audience_validation()).is_ok());
        assert!(peer
            .verify(keys.alg, &keys.public, t, Some(AUD), Some(ISS))
            .is_ok());
    }
}

// ---------------------------------------------------------------------------------------------
// Where PyJWT 2.6 is more lenient than jwtcraft
// ---------------------------------------------------------------------------------------------

/// RFC 7515 §4.1.11: a recipient that does not understand an extension listed in `crit` MUST
/// reject the token. `PyJWT` 2.6 ignores `crit` altogether (fixed in 2.12, CVE-2026-32597), so
/// an issuer's "only accept this with MFA" marker is silently dropped. jwtcraft refuses the
/// token unless the caller declares the extension with `with_critical_extension`.
#[test]
fn difference_unknown_crit_extension() {
    let Some(peer) = peer() else { return };
    let keys = hs_peer_keys();
    let claims_json = serde_json::to_string(&sample_claims(NAME)).unwrap();
    let extra = json!({ "crit": [CRIT_EXT], CRIT_EXT: true });
    let token = peer.sign(keys.alg, &keys.private, &claims_json, None, Some(&extra));

    let theirs = peer.verify(keys.alg, &keys.public, &token, Some(AUD), Some(ISS));
    peer.expect_lenient("an unknown crit extension", &theirs);

    assert!(matches!(
        decode::<Value>(&token, &hs_key(), &audience_validation()),
        Err(Error::Header(HeaderError::UnsupportedCritical(name))) if name == CRIT_EXT
    ));
    // Declared as understood, it is accepted and visible.
    let understood = audience_validation().with_critical_extension(CRIT_EXT);
    let verified = decode::<Value>(&token, &hs_key(), &understood).unwrap();
    assert_eq!(
        verified.header().critical(),
        Some(&[CRIT_EXT.to_owned()][..])
    );
    assert_eq!(verified.header().extra(CRIT_EXT), Some(&Value::Bool(true)));
}

/// RFC 7519 §4.1.4: `exp` MUST be a number. `PyJWT` 2.6 runs `int()` on it, so the string
/// `"4102444800"` is accepted as a date (and `"1000"` is "expired", proving it is read as
/// one). jwtcraft reports the wrong type and never treats the claim as absent.
#[test]
fn difference_string_exp() {
    let Some(peer) = peer() else { return };
    let keys = hs_peer_keys();
    let future = format!(r#"{{"iss":"{ISS}","aud":"{AUD}","exp":"{EXP}"}}"#);
    let token = peer.sign(keys.alg, &keys.private, &future, None, None);

    let theirs = peer.verify(keys.alg, &keys.public, &token, Some(AUD), Some(ISS));
    peer.expect_lenient("a string exp", &theirs);
    if peer.is_checked_version() {
        assert_eq!(theirs.unwrap()["exp"], json!(EXP.to_string()));
        let past = r#"{"exp":"1000"}"#;
        let expired = peer.sign(keys.alg, &keys.private, past, None, None);
        let refusal = peer
            .verify(keys.alg, &keys.public, &expired, None, None)
            .unwrap_err();
        assert_eq!(refusal.class, "ExpiredSignatureError", "{refusal}");
    }

    assert!(matches!(
        decode::<Value>(&token, &hs_key(), &audience_validation()),
        Err(Error::Claims(ClaimError::WrongType(Claim::Expiration)))
    ));
    // Even when `exp` is optional: a wrong type is not "absent".
    assert!(matches!(
        decode::<Value>(
            &token,
            &hs_key(),
            &audience_validation().allow_missing_exp()
        ),
        Err(Error::Claims(ClaimError::WrongType(Claim::Expiration)))
    ));
}

/// RFC 7515 §2: segments are unpadded base64url. `PyJWT` 2.6 decodes with Python's lenient
/// `urlsafe_b64decode`, which ignores the unused low bits of the last character and accepts
/// `=` padding. So one signature has several spellings that `PyJWT` accepts, and a token
/// denylisted or cached by its exact text can be replayed under another. jwtcraft accepts
/// only the canonical spelling.
#[test]
fn difference_non_canonical_base64url() {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let Some(peer) = peer() else { return };
    let keys = hs_peer_keys();
    let token = encode(&Header::new(), &sample_claims(NAME), &hs_key()).unwrap();
    let (input, sig) = token.rsplit_once('.').unwrap();

    // A 32-byte HS256 tag is 43 characters; the last one carries 4 bits and 2 unused ones.
    let last = sig.as_bytes()[sig.len() - 1];
    let index = ALPHABET.iter().position(|&c| c == last).unwrap();
    let twiddled = char::from(ALPHABET[index ^ 1]);
    let variants = [
        format!("{input}.{}{twiddled}", &sig[..sig.len() - 1]),
        format!("{input}.{sig}="),
    ];

    for variant in &variants {
        assert_ne!(variant, &token);
        let theirs = peer.verify(keys.alg, &keys.public, variant, Some(AUD), Some(ISS));
        peer.expect_lenient("a non-canonical base64url signature", &theirs);
        assert!(
            matches!(
                decode::<Value>(variant, &hs_key(), &audience_validation()),
                Err(Error::Malformed(MalformedError::Base64(Segment::Signature)))
            ),
            "{variant}"
        );
    }
}

/// Builds `header.payload.signature` from raw JSON text, signed with the HS256 key: the only
/// way to get duplicate members, which no JSON serializer writes.
fn raw_hs256_token(header_json: &str, payload_json: &str) -> String {
    forge(header_json, payload_json, &hs_key())
}

/// RFC 7515 §5.2 and RFC 7519 §7.2 let a parser refuse duplicate member names or keep the
/// last, and warn that parsers disagree. `PyJWT` 2.6 (Python's `json`) keeps the last one, so a
/// system where another component read the first one would see a different subject or key id.
/// jwtcraft refuses duplicate header parameters and duplicate registered claims outright.
#[test]
fn difference_duplicate_json_members() {
    let Some(peer) = peer() else { return };
    let keys = hs_peer_keys();

    let dup_sub = raw_hs256_token(
        r#"{"alg":"HS256","typ":"JWT"}"#,
        &format!(r#"{{"iss":"{ISS}","aud":"{AUD}","exp":{EXP},"sub":"{SUB}","sub":"admin"}}"#),
    );
    let theirs = peer.verify(keys.alg, &keys.public, &dup_sub, Some(AUD), Some(ISS));
    peer.expect_lenient("a duplicate sub claim", &theirs);
    if peer.is_checked_version() {
        assert_eq!(
            theirs.unwrap()["sub"],
            "admin",
            "PyJWT keeps the last member"
        );
    }
    assert!(matches!(
        decode::<Value>(&dup_sub, &hs_key(), &audience_validation()),
        Err(Error::Malformed(MalformedError::DuplicateMember(
            Segment::Payload
        )))
    ));

    let dup_kid = raw_hs256_token(
        r#"{"alg":"HS256","typ":"JWT","kid":"hmac-2026","kid":"rsa-legacy"}"#,
        &format!(r#"{{"iss":"{ISS}","aud":"{AUD}","exp":{EXP}}}"#),
    );
    let theirs = peer.verify(keys.alg, &keys.public, &dup_kid, Some(AUD), Some(ISS));
    peer.expect_lenient("a duplicate kid header parameter", &theirs);
    if peer.is_checked_version() {
        assert_eq!(peer.header(&dup_kid)["kid"], "rsa-legacy");
    }
    assert!(matches!(
        decode::<Value>(&dup_kid, &hs_key(), &audience_validation()),
        Err(Error::Malformed(MalformedError::DuplicateMember(
            Segment::Header
        )))
    ));
}

// ---------------------------------------------------------------------------------------------
// HS384, HS512, RS384, RS512, PS256, PS384, PS512, ES384, ES512, EdDSA: every other algorithm
// PyJWT 2.6 implements, with the `AlgFixture` keys. (PyJWT 2.6 does not know the RFC 9864 name
// `Ed25519`, so the Ed25519 key is bound to `EdDSA` here.)
// ---------------------------------------------------------------------------------------------

/// How `PyJWT` is handed the fixture keys of `A`: the same secret as hex, or the same key
/// pair's PEM files; the foreign key is another secret or a fresh key the peer makes.
fn fixture_peer_keys<A: AlgFixture>(private_pem: &str, public_pem: &str) -> PeerKeys {
    let alg = A::ALGORITHM.name();
    if alg.starts_with("HS") {
        let secret = crate::common::jwk_member(&A::private_jwk(&A::signer()), "k");
        return PeerKeys {
            alg,
            private: hex(&secret),
            public: hex(&secret),
            foreign: hex(&[0x5a; 64][..secret.len()]),
        };
    }
    PeerKeys {
        alg,
        private: crate::common::data_path(private_pem),
        public: crate::common::data_path(public_pem),
        foreign: "generate".into(),
    }
}

/// The interop checks for one more algorithm. `$deterministic` says whether both sides must
/// produce the same bytes (HMAC, PKCS#1 v1.5, Ed25519; not `PyJWT`'s randomized ECDSA, not PSS).
macro_rules! pyjwt_interop {
    ($module:ident, $fixture:ty, $private:literal, $public:literal, $deterministic:literal) => {
        mod $module {
            use super::*;
            use crate::common::alg::AlgFixture;

            type A = $fixture;

            fn keys() -> PeerKeys {
                fixture_peer_keys::<A>($private, $public)
            }

            #[test]
            fn jwtcraft_to_pyjwt() {
                let Some(peer) = peer() else { return };
                super::jwtcraft_to_pyjwt(peer, &keys(), &A::with_key_id(A::signer(), "jwtcraft-1"));
            }

            #[test]
            fn pyjwt_to_jwtcraft() {
                let Some(peer) = peer() else { return };
                super::pyjwt_to_jwtcraft(peer, &keys(), &A::verifier());
            }

            #[test]
            fn pyjwt_token_from_another_key_is_refused() {
                let Some(peer) = peer() else { return };
                pyjwt_foreign_key_refused(peer, &keys(), &A::verifier());
            }

            #[test]
            fn flipped_signature_is_refused_by_both() {
                let Some(peer) = peer() else { return };
                flipped_signature_refused(peer, &keys(), &A::signer(), &A::verifier());
            }

            #[test]
            fn tokens_are_byte_identical_when_deterministic() {
                let Some(peer) = peer() else { return };
                if $deterministic {
                    byte_identical(peer, &keys(), &A::signer());
                }
            }
        }
    };
}

pyjwt_interop!(hs384, crate::common::alg::Hs384, "", "", true);
pyjwt_interop!(hs512, crate::common::alg::Hs512, "", "", true);
#[cfg(feature = "rsa")]
pyjwt_interop!(
    rs384,
    crate::common::alg::Rs384,
    "rsa2048-private-pkcs1.pem",
    "rsa2048-public-spki.pem",
    true
);
#[cfg(feature = "rsa")]
pyjwt_interop!(
    rs512,
    crate::common::alg::Rs512,
    "rsa2048-private-pkcs1.pem",
    "rsa2048-public-spki.pem",
    true
);
#[cfg(feature = "rsa")]
pyjwt_interop!(
    ps256,
    crate::common::alg::Ps256,
    "rsa2048-private-pkcs8.pem",
    "rsa2048-public-spki.pem",
    false
);
#[cfg(feature = "rsa")]
pyjwt_interop!(
    ps384,
    crate::common::alg::Ps384,
    "rsa2048-private-pkcs8.pem",
    "rsa2048-public-spki.pem",
    false
);
#[cfg(feature = "rsa")]
pyjwt_interop!(
    ps512,
    crate::common::alg::Ps512,
    "rsa2048-private-pkcs8.pem",
    "rsa2048-public-spki.pem",
    false
);
#[cfg(feature = "es384")]
pyjwt_interop!(
    es384,
    crate::common::alg::Es384,
    "p384-private-sec1.pem",
    "p384-public-spki.pem",
    false
);
#[cfg(feature = "es512")]
pyjwt_interop!(
    es512,
    crate::common::alg::Es512,
    "p521-private-sec1.pem",
    "p521-public-spki.pem",
    false
);
#[cfg(feature = "eddsa")]
pyjwt_interop!(
    eddsa,
    crate::common::alg::EdDsa,
    "ed25519-private-pkcs8.pem",
    "ed25519-public-spki.pem",
    true
);

/// A `PyJWT` `EdDSA` token is refused by a key bound to the RFC 9864 name `Ed25519`: the
/// algorithm is the key's, not the token's.
#[cfg(feature = "eddsa")]
#[test]
fn pyjwt_eddsa_token_is_refused_by_a_key_bound_to_ed25519() {
    use crate::common::alg::{AlgFixture, Ed25519};
    let Some(peer) = peer() else { return };
    let claims_json = serde_json::to_string(&sample_claims(NAME)).unwrap();
    let private = crate::common::data_path("ed25519-private-pkcs8.pem");
    let token = peer.sign("EdDSA", &private, &claims_json, None, None);
    assert!(matches!(
        decode::<Value>(&token, &Ed25519::verifier(), &audience_validation()),
        Err(Error::Header(HeaderError::AlgorithmMismatch { .. }))
    ));
}
