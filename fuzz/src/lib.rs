//! Fixtures and oracles shared by the jwtcraft fuzz targets.
//!
//! Every target uses the same fixed keys (the throwaway keys in `tests/data`), a
//! [`FixedClock`] at [`NOW`], and the helpers here to build tokens and to check that whatever
//! jwtcraft *accepts* is consistent: a fuzz target fails not only on a panic, a hang or an
//! out-of-memory, but also when an oracle below finds a token that should have been refused.

use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

use jwtcraft::codec;
use jwtcraft::{
    decode, decode_borrowed, Error, Es256SigningKey, Es256VerifyingKey, FixedClock, Hs256Key,
    KeySet, NumericDate, RegisteredClaims, Rs256SigningKey, Rs256VerifyingKey, Segment, Signer,
    UntrustedToken, Validation, Verifier,
};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

/// The instant every validation is judged at.
pub const NOW: i64 = 1_700_000_000;
/// The issuer, audience and subject the strict validation expects.
pub const ISSUER: &str = "https://issuer.example";
/// See [`ISSUER`].
pub const AUDIENCE: &str = "orders-api";
/// See [`ISSUER`].
pub const SUBJECT: &str = "user-1";
/// A private claim the strict validation requires.
pub const REQUIRED_OTHER: &str = "role";
/// The leeway (seconds) and maximum age (seconds) of the strict validation.
pub const LEEWAY: i64 = 30;
/// See [`LEEWAY`].
pub const MAX_AGE: i64 = 3600;
/// The `kid` of every fixed key.
pub const KID: &str = "k1";
/// A `crit` extension that the validations declare as understood.
pub const KNOWN_CRIT: &str = "known";

const HS_SECRET: &[u8; 32] = b"fuzzing-secret-fuzzing-secret-32";
const RSA_PRIVATE_PEM: &str = include_str!("../../tests/data/rsa2048-private-pkcs8.pem");
const EC_PRIVATE_PEM: &str = include_str!("../../tests/data/p256-private-pkcs8.pem");
const P384_PRIVATE_PEM: &str = include_str!("../../tests/data/p384-private-pkcs8.pem");
const P521_PRIVATE_PEM: &str = include_str!("../../tests/data/p521-private-pkcs8.pem");
const ED25519_PRIVATE_PEM: &str = include_str!("../../tests/data/ed25519-private-pkcs8.pem");

/// A `&'static` key built once.
macro_rules! fixed_key {
    ($(#[doc = $doc:literal] $name:ident: $ty:ty = $init:expr;)*) => {$(
        #[doc = $doc]
        pub fn $name() -> &'static $ty {
            static KEY: OnceLock<$ty> = OnceLock::new();
            KEY.get_or_init(|| $init)
        }
    )*};
}

fixed_key! {
    /// The HS512 key (64 bytes).
    hs512_key: jwtcraft::Hs512Key = jwtcraft::Hs512Key::new(&[0x5a; 64]).unwrap().with_key_id(KID);
    /// The PS256 private key (the RSA fixture).
    ps256_signing: jwtcraft::Ps256SigningKey =
        jwtcraft::Ps256SigningKey::from_pkcs8_pem(RSA_PRIVATE_PEM).unwrap().with_key_id(KID);
    /// The ES384 private key.
    es384_signing: jwtcraft::Es384SigningKey =
        jwtcraft::Es384SigningKey::from_pkcs8_pem(P384_PRIVATE_PEM).unwrap().with_key_id(KID);
    /// The ES512 private key.
    es512_signing: jwtcraft::Es512SigningKey =
        jwtcraft::Es512SigningKey::from_pkcs8_pem(P521_PRIVATE_PEM).unwrap().with_key_id(KID);
    /// The Ed25519 private key, bound to the name `EdDSA`.
    ed25519_signing: jwtcraft::Ed25519SigningKey =
        jwtcraft::Ed25519SigningKey::from_pkcs8_pem(ED25519_PRIVATE_PEM)
            .unwrap()
            .with_eddsa_name()
            .with_key_id(KID);
}

/// The HS256 key.
pub fn hs_key() -> &'static Hs256Key {
    static KEY: OnceLock<Hs256Key> = OnceLock::new();
    KEY.get_or_init(|| Hs256Key::new(HS_SECRET).unwrap().with_key_id(KID))
}

/// The RS256 private key.
pub fn rs_signing() -> &'static Rs256SigningKey {
    static KEY: OnceLock<Rs256SigningKey> = OnceLock::new();
    KEY.get_or_init(|| {
        Rs256SigningKey::from_pkcs8_pem(RSA_PRIVATE_PEM)
            .unwrap()
            .with_key_id(KID)
    })
}

/// What the RS256 target forges its test tokens with: [`rs_signing`], or with the
/// `fast-rsa-signing` feature an aws-lc-rs key pair over the same private key.
///
/// RSASSA-PKCS1-v1_5 is deterministic, so both produce the same bytes; the fast signer checks
/// that once against [`rs_signing`] when it is built. It only makes the *harness* cheaper
/// (`rsa` signs in about 1.5 ms here): every decode still goes through jwtcraft's own build.
pub fn rs_forging_signer() -> &'static impl Signer {
    #[cfg(feature = "fast-rsa-signing")]
    {
        fast_rsa::signer()
    }
    #[cfg(not(feature = "fast-rsa-signing"))]
    {
        rs_signing()
    }
}

#[cfg(feature = "fast-rsa-signing")]
mod fast_rsa {
    use std::sync::OnceLock;

    use aws_lc_rs::rand::SystemRandom;
    use aws_lc_rs::signature::{RsaKeyPair, RSA_PKCS1_SHA256};
    use jwtcraft::{Algorithm, EncodeError, Signer};

    const RSA_PRIVATE_DER: &[u8] = include_bytes!("../../tests/data/rsa2048-private-pkcs8.der");

    pub struct AwsLcRs256(RsaKeyPair, SystemRandom);

    impl Signer for AwsLcRs256 {
        fn algorithm(&self) -> Algorithm {
            Algorithm::Rs256
        }

        fn sign(&self, signing_input: &[u8]) -> Result<Vec<u8>, EncodeError> {
            let mut signature = vec![0; self.0.public_modulus_len()];
            self.0
                .sign(&RSA_PKCS1_SHA256, &self.1, signing_input, &mut signature)
                .expect("the fixed key always signs");
            Ok(signature)
        }
    }

    pub fn signer() -> &'static AwsLcRs256 {
        static KEY: OnceLock<AwsLcRs256> = OnceLock::new();
        KEY.get_or_init(|| {
            let key = AwsLcRs256(
                RsaKeyPair::from_pkcs8(RSA_PRIVATE_DER).expect("fixture parses"),
                SystemRandom::new(),
            );
            let probe = b"eyJhbGciOiJSUzI1NiJ9.e30";
            assert_eq!(
                key.sign(probe).unwrap(),
                super::rs_signing().sign(probe).unwrap(),
                "aws-lc-rs and jwtcraft disagree on an RS256 signature"
            );
            key
        })
    }
}

/// The RS256 public key.
pub fn rs_verifying() -> &'static Rs256VerifyingKey {
    static KEY: OnceLock<Rs256VerifyingKey> = OnceLock::new();
    KEY.get_or_init(|| rs_signing().verifying_key())
}

/// The ES256 private key.
pub fn es_signing() -> &'static Es256SigningKey {
    static KEY: OnceLock<Es256SigningKey> = OnceLock::new();
    KEY.get_or_init(|| {
        Es256SigningKey::from_pkcs8_pem(EC_PRIVATE_PEM)
            .unwrap()
            .with_key_id(KID)
    })
}

/// The ES256 public key.
pub fn es_verifying() -> &'static Es256VerifyingKey {
    static KEY: OnceLock<Es256VerifyingKey> = OnceLock::new();
    KEY.get_or_init(|| es_signing().verifying_key())
}

/// A key set holding all three verifying keys under [`KID`].
pub fn key_set() -> &'static KeySet {
    static SET: OnceLock<KeySet> = OnceLock::new();
    SET.get_or_init(|| {
        KeySet::new()
            .with_key(hs_key().clone())
            .with_key(rs_verifying().clone())
            .with_key(es_verifying().clone())
    })
}

/// The default checks at [`NOW`], with [`KNOWN_CRIT`] declared.
pub fn validation() -> Validation {
    Validation::new()
        .with_clock(FixedClock(NumericDate::from_unix_seconds(NOW)))
        .with_critical_extension(KNOWN_CRIT)
}

/// Everything checked: issuer, audience, subject, type, maximum age, required claims.
pub fn strict_validation() -> Validation {
    validation()
        .with_issuer(ISSUER)
        .with_audience(AUDIENCE)
        .with_subject(SUBJECT)
        .with_type("JWT")
        .with_leeway(std::time::Duration::from_secs(LEEWAY.unsigned_abs()))
        .with_max_age(std::time::Duration::from_secs(MAX_AGE.unsigned_abs()))
        .with_required_claims(["jti", "nbf", REQUIRED_OTHER])
}

/// Claims that pass [`strict_validation`].
pub fn good_claims() -> Value {
    serde_json::json!({
        "iss": ISSUER,
        "aud": [AUDIENCE, "other"],
        "sub": SUBJECT,
        "exp": NOW + 600,
        "nbf": NOW - 10,
        "iat": NOW - 10,
        "jti": "id-1",
        "role": "admin",
    })
}

/// `base64url(header) "." base64url(payload) "." base64url(signature)`, with the signature
/// computed by `signer` over exactly these bytes.
pub fn sign_raw(header: &[u8], payload: &[u8], signer: &impl Signer) -> String {
    let input = format!("{}.{}", codec::encode(header), codec::encode(payload));
    sign_input(&input, signer)
}

/// `input "." base64url(signer.sign(input))`.
pub fn sign_input(input: &str, signer: &impl Signer) -> String {
    let signature = signer
        .sign(input.as_bytes())
        .expect("fixed keys always sign");
    format!("{input}.{}", codec::encode(&signature))
}

/// For a deterministic signer (HS256, RS256): a token that verified must carry exactly the
/// signature `signer` computes over its signing input. Anything else is a forgery that got
/// through.
pub fn assert_deterministic_signature(token: &str, signer: &impl Signer) {
    let (input, _) = token.rsplit_once('.').expect("three segments");
    assert_eq!(
        sign_input(input, signer),
        token,
        "accepted a signature the key did not make"
    );
}

/// Claims borrowed from the payload buffer, as a zero-copy server would declare them.
#[derive(Debug, Deserialize)]
pub struct BorrowedClaims<'a> {
    /// `iss`.
    #[serde(borrow)]
    pub iss: Option<Cow<'a, str>>,
    /// `sub`.
    #[serde(borrow)]
    pub sub: Option<Cow<'a, str>>,
    /// `jti`.
    #[serde(borrow)]
    pub jti: Option<Cow<'a, str>>,
    /// `exp`.
    pub exp: Option<NumericDate>,
}

/// Runs every public entry point that takes a token string, with `verifier` and with
/// [`key_set`], and checks what they accept. Returns whether `decode` accepted the token.
///
/// With `thorough`, a token whose signature verified is also decoded into the other claims
/// types and validations; the RSA and ECDSA targets leave that to the `validation` target,
/// since each extra decode repeats a slow signature check.
pub fn exercise_token(token: &str, verifier: &impl Verifier, thorough: bool) -> bool {
    let validation = validation();
    if let Ok(untrusted) = UntrustedToken::parse(token) {
        check_untrusted(token, &untrusted);
    }
    let accepted = decode::<Value>(token, verifier, &validation);
    let mut buffer = Vec::new();
    let borrowed = decode_borrowed::<Value>(token, verifier, &validation, &mut buffer);
    assert_eq!(
        accepted.is_ok(),
        borrowed.is_ok(),
        "decode and decode_borrowed disagree: {accepted:?} / {borrowed:?}"
    );
    // Past the signature, the claims types and validations differ; before it, they share
    // every step, so the (slow, for RSA) repeats are only worth it for a good signature.
    if thorough && matches!(accepted, Ok(_) | Err(Error::Claims(_))) {
        let _ = decode_borrowed::<BorrowedClaims<'_>>(token, verifier, &validation, &mut buffer);
        let _ = decode::<RegisteredClaims>(token, verifier, &validation);
        let _ = decode::<Value>(token, verifier, &strict_validation());
    }
    let via_set = key_set().decode::<Value>(token, &validation);
    if let Ok(verified) = &via_set {
        assert_eq!(verified.header().key_id(), Some(KID));
    }
    match accepted {
        Ok(token_back) => {
            assert_eq!(token_back.algorithm(), verifier.algorithm());
            check_accepted(token, token_back.claims());
            true
        }
        Err(err) => {
            check_error(&err);
            false
        }
    }
}

/// What must hold for any token [`UntrustedToken::parse`] accepted.
pub fn check_untrusted(token: &str, untrusted: &UntrustedToken<'_>) {
    let (input, signature) = token.rsplit_once('.').expect("three segments");
    assert_eq!(untrusted.signing_input(), input.as_bytes());
    if let Ok(bytes) = untrusted.signature() {
        // Strict base64url: one encoding per byte string.
        assert_eq!(codec::encode(&bytes), signature, "non-canonical signature");
    }
    if let Ok(claims) = untrusted.unverified_claims::<Value>() {
        assert!(claims.is_object());
    }
    let _ = untrusted.unverified_claims::<RegisteredClaims>();
    let _ = format!("{untrusted:?}");
}

/// What must hold for any token `decode` accepted: canonical segments, a JSON object payload
/// without duplicate members, and claims equal to that payload.
pub fn check_accepted(token: &str, claims: &Value) {
    let mut segments = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (
        segments.next(),
        segments.next(),
        segments.next(),
        segments.next(),
    ) else {
        panic!("accepted a token without exactly three segments: {token:?}");
    };
    for (segment, text) in [
        (Segment::Header, header),
        (Segment::Payload, payload),
        (Segment::Signature, signature),
    ] {
        let bytes = codec::decode(text, segment).expect("accepted segments are base64url");
        assert_eq!(
            codec::encode(&bytes),
            text,
            "non-canonical {segment} accepted"
        );
    }
    let header_json = codec::decode(header, Segment::Header).unwrap();
    assert!(
        !has_duplicate_members(&header_json),
        "accepted a header with duplicate members"
    );
    let payload_json = codec::decode(payload, Segment::Payload).unwrap();
    assert!(
        !has_duplicate_members(&payload_json),
        "accepted claims with duplicate members"
    );
    let parsed: Value = serde_json::from_slice(&payload_json).expect("accepted claims are json");
    assert_eq!(&parsed, claims);
    assert!(claims.is_object());
}

/// What must hold for every error: a message that is short, in the house style, and safe to
/// put in an HTTP header (printable ASCII only, whatever the attacker sent).
pub fn check_error(err: &dyn std::error::Error) {
    let message = err.to_string();
    assert!(!message.is_empty());
    assert!(!message.ends_with('.'), "{message}");
    assert!(
        message.bytes().all(|b| (b' '..=b'~').contains(&b)),
        "message is not printable ascii: {message:?}"
    );
    // Attacker text is cut to MAX_ECHO characters; serde_json positions and the fixed
    // wording make up the rest.
    assert!(
        message.chars().count() <= 4 * jwtcraft::MAX_ECHO + 128,
        "long error message ({} chars): {message}",
        message.chars().count()
    );
    let _ = format!("{err:?}");
}

/// Whether `json` (if it is JSON at all) has an object with two members of the same name, at
/// any depth. Invalid JSON counts as "no".
pub fn has_duplicate_members(json: &[u8]) -> bool {
    let mut de = serde_json::Deserializer::from_slice(json);
    matches!(DupCheck::deserialize(&mut de), Err(e) if e.to_string().starts_with(DUPLICATE))
}

const DUPLICATE: &str = "duplicate member";

struct DupCheck;

impl<'de> Deserialize<'de> for DupCheck {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DupVisitor)
    }
}

struct DupVisitor;

impl<'de> Visitor<'de> for DupVisitor {
    type Value = DupCheck;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any json value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<DupCheck, E> {
        Ok(DupCheck)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<DupCheck, E> {
        Ok(DupCheck)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<DupCheck, E> {
        Ok(DupCheck)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<DupCheck, E> {
        Ok(DupCheck)
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<DupCheck, E> {
        Ok(DupCheck)
    }

    fn visit_unit<E: de::Error>(self) -> Result<DupCheck, E> {
        Ok(DupCheck)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<DupCheck, A::Error> {
        while seq.next_element::<DupCheck>()?.is_some() {}
        Ok(DupCheck)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<DupCheck, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key) {
                return Err(de::Error::custom(DUPLICATE));
            }
            map.next_value::<DupCheck>()?;
        }
        Ok(DupCheck)
    }
}
