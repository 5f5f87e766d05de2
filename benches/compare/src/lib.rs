//! Shared code for the side-by-side benchmarks: one claims set, one set of keys, and one
//! adapter per library ([`Jwtcraft`], [`JsonWebToken`], [`JwtSimple`] and the hand-written
//! [`Floor`]), plus the [`cross_check`] that every bench runs before it times anything.
//!
//! Every adapter does the same work per operation:
//!
//! - `sign`: claims (already built, in the library's own claims type) → compact token.
//! - `verify`: compact token → owned, typed claims, after checking the signature, the
//!   header's `alg`, `exp` (against the system clock: jsonwebtoken cannot take another one),
//!   `iss` and `aud`.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::{alphabet, Engine as _};
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The HS256 secret (32 bytes, the RFC 7518 minimum).
pub const HS256_SECRET: &[u8] = b"jwtcraft-bench-secret-0123456789";
/// RSA-2048 private key, PKCS#8 PEM.
pub const RSA_PRIVATE_PEM: &str = include_str!("../../../tests/data/rsa2048-private-pkcs8.pem");
/// RSA-2048 public key, SPKI PEM.
pub const RSA_PUBLIC_PEM: &str = include_str!("../../../tests/data/rsa2048-public-spki.pem");
/// P-256 private key, PKCS#8 PEM.
pub const P256_PRIVATE_PEM: &str = include_str!("../../../tests/data/p256-private-pkcs8.pem");
/// P-256 public key, SPKI PEM.
pub const P256_PUBLIC_PEM: &str = include_str!("../../../tests/data/p256-public-spki.pem");

/// The issuer every verifier requires.
pub const ISSUER: &str = "https://auth.example.com";
/// The audience every verifier requires.
pub const AUDIENCE: &str = "orders-api";
/// `iat` of the benchmark claims (2023-11-14).
pub const IAT: i64 = 1_700_000_000;
/// `exp` of the benchmark claims (2100-01-01), far in the future.
pub const EXP: i64 = 4_102_444_800;
/// Clock-skew leeway, in seconds, given to every library that takes one.
pub const LEEWAY: i64 = 30;

/// The claims set of every benchmark.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct BenchClaims {
    /// Subject.
    pub sub: String,
    /// Display name.
    pub name: String,
    /// Issuer.
    pub iss: String,
    /// Audience (a single string).
    pub aud: String,
    /// Issued at, seconds since the epoch.
    pub iat: i64,
    /// Expires at, seconds since the epoch.
    pub exp: i64,
    /// A boolean claim.
    pub admin: bool,
    /// A three-element array claim.
    pub roles: Vec<String>,
}

/// The benchmark claims: realistic, with `exp` far in the future.
pub fn claims() -> BenchClaims {
    BenchClaims {
        sub: "user-4711".into(),
        name: "Ada Lovelace".into(),
        iss: ISSUER.into(),
        aud: AUDIENCE.into(),
        iat: IAT,
        exp: EXP,
        admin: true,
        roles: vec!["reader".into(), "writer".into(), "billing".into()],
    }
}

/// The three algorithms compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// HMAC-SHA-256.
    Hs256,
    /// RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit key.
    Rs256,
    /// ECDSA P-256 with SHA-256.
    Es256,
}

impl Alg {
    /// Every algorithm, in table order.
    pub const ALL: [Alg; 3] = [Alg::Hs256, Alg::Rs256, Alg::Es256];

    /// The JOSE `alg` name.
    pub fn jose(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Rs256 => "RS256",
            Alg::Es256 => "ES256",
        }
    }

    /// The lower-case name used in benchmark ids.
    pub fn id(self) -> &'static str {
        match self {
            Alg::Hs256 => "hs256",
            Alg::Rs256 => "rs256",
            Alg::Es256 => "es256",
        }
    }
}

/// One library under test.
pub trait Lib {
    /// The library's own claims representation, built once before timing.
    type Claims;

    /// Column name in the report.
    fn name(&self) -> &'static str;
    /// Converts the common claims into the library's representation (not timed).
    fn prepare(&self, claims: &BenchClaims) -> Self::Claims;
    /// Converts the library's claims back, for the cross-check (not timed).
    fn common(&self, claims: Self::Claims) -> BenchClaims;
    /// Claims → compact token.
    ///
    /// # Errors
    /// Whatever the library reports, as text.
    fn sign(&self, alg: Alg, claims: &Self::Claims) -> Result<String, String>;
    /// Compact token → verified, validated claims.
    ///
    /// # Errors
    /// Whatever the library reports, as text.
    fn verify(&self, alg: Alg, token: &str) -> Result<Self::Claims, String>;
}

/// An object-safe view of a [`Lib`] for the cross-check.
pub trait Checker {
    /// Column name.
    fn name(&self) -> &'static str;
    /// Signs the common claims.
    ///
    /// # Errors
    /// As [`Lib::sign`].
    fn sign_common(&self, alg: Alg, claims: &BenchClaims) -> Result<String, String>;
    /// Verifies and returns the common claims.
    ///
    /// # Errors
    /// As [`Lib::verify`].
    fn verify_common(&self, alg: Alg, token: &str) -> Result<BenchClaims, String>;
}

impl<L: Lib> Checker for L {
    fn name(&self) -> &'static str {
        Lib::name(self)
    }
    fn sign_common(&self, alg: Alg, claims: &BenchClaims) -> Result<String, String> {
        self.sign(alg, &self.prepare(claims))
    }
    fn verify_common(&self, alg: Alg, token: &str) -> Result<BenchClaims, String> {
        self.verify(alg, token).map(|c| self.common(c))
    }
}

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

/// Seconds since the epoch, from the system clock.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

// ---------------------------------------------------------------------------------------------
// jwtcraft

/// jwtcraft, with keys parsed once and one [`jwtcraft::Validation`] (system clock, `iss`, `aud`).
#[derive(Debug)]
pub struct Jwtcraft {
    hs: jwtcraft::Hs256Key,
    rs_sign: jwtcraft::Rs256SigningKey,
    rs_verify: jwtcraft::Rs256VerifyingKey,
    es_sign: jwtcraft::Es256SigningKey,
    es_verify: jwtcraft::Es256VerifyingKey,
    header: jwtcraft::Header,
    validation: jwtcraft::Validation,
}

impl Jwtcraft {
    /// Parses the keys.
    ///
    /// # Panics
    /// If a fixture does not parse.
    pub fn new() -> Self {
        Jwtcraft {
            hs: jwtcraft::Hs256Key::new(HS256_SECRET).unwrap(),
            rs_sign: jwtcraft::Rs256SigningKey::from_pkcs8_pem(RSA_PRIVATE_PEM).unwrap(),
            rs_verify: jwtcraft::Rs256VerifyingKey::from_public_key_pem(RSA_PUBLIC_PEM).unwrap(),
            es_sign: jwtcraft::Es256SigningKey::from_pkcs8_pem(P256_PRIVATE_PEM).unwrap(),
            es_verify: jwtcraft::Es256VerifyingKey::from_public_key_pem(P256_PUBLIC_PEM).unwrap(),
            header: jwtcraft::Header::new(),
            validation: jwtcraft::Validation::new()
                .with_issuer(ISSUER)
                .with_audience(AUDIENCE)
                .with_leeway(std::time::Duration::from_secs(LEEWAY.unsigned_abs())),
        }
    }

    /// The HS256 key, for the allocation and scaling measurements.
    pub fn hs256_key(&self) -> &jwtcraft::Hs256Key {
        &self.hs
    }

    /// The validation in use.
    pub fn validation(&self) -> &jwtcraft::Validation {
        &self.validation
    }
}

impl Default for Jwtcraft {
    fn default() -> Self {
        Self::new()
    }
}

impl Lib for Jwtcraft {
    type Claims = BenchClaims;

    fn name(&self) -> &'static str {
        // Cargo features unify per build: with `jwtcraft-aws-lc`, every `Jwtcraft` of that
        // build signs and verifies RSA/ECDSA through aws-lc-rs, and is labelled so.
        if cfg!(feature = "jwtcraft-aws-lc") {
            "jwtcraft-aws-lc"
        } else {
            "jwtcraft"
        }
    }
    fn prepare(&self, claims: &BenchClaims) -> BenchClaims {
        claims.clone()
    }
    fn common(&self, claims: BenchClaims) -> BenchClaims {
        claims
    }
    fn sign(&self, alg: Alg, claims: &BenchClaims) -> Result<String, String> {
        match alg {
            Alg::Hs256 => jwtcraft::encode(&self.header, claims, &self.hs),
            Alg::Rs256 => jwtcraft::encode(&self.header, claims, &self.rs_sign),
            Alg::Es256 => jwtcraft::encode(&self.header, claims, &self.es_sign),
        }
        .map_err(err)
    }
    fn verify(&self, alg: Alg, token: &str) -> Result<BenchClaims, String> {
        match alg {
            Alg::Hs256 => jwtcraft::decode(token, &self.hs, &self.validation),
            Alg::Rs256 => jwtcraft::decode(token, &self.rs_verify, &self.validation),
            Alg::Es256 => jwtcraft::decode(token, &self.es_verify, &self.validation),
        }
        .map(jwtcraft::Token::into_claims)
        .map_err(err)
    }
}

// ---------------------------------------------------------------------------------------------
// jsonwebtoken

/// Which jsonwebtoken crypto provider a process installs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    /// The `rust_crypto` provider (RustCrypto crates: rsa 0.9, p256 0.13, hmac 0.12).
    RustCrypto,
    /// The `aws_lc_rs` provider (AWS-LC, C and assembly).
    #[cfg(feature = "aws_lc_rs")]
    AwsLc,
}

/// Installs `provider` as jsonwebtoken's process-wide provider. Call once, first.
///
/// # Panics
/// If another provider was installed already.
pub fn install_jsonwebtoken_provider(provider: Provider) {
    let p: &'static jsonwebtoken::crypto::CryptoProvider = match provider {
        Provider::RustCrypto => &jsonwebtoken::crypto::rust_crypto::DEFAULT_PROVIDER,
        #[cfg(feature = "aws_lc_rs")]
        Provider::AwsLc => &jsonwebtoken::crypto::aws_lc::DEFAULT_PROVIDER,
    };
    assert!(
        p.install_default().is_ok(),
        "a jsonwebtoken provider is already installed in this process"
    );
}

struct JwtKeys {
    header: jsonwebtoken::Header,
    encoding: jsonwebtoken::EncodingKey,
    decoding: jsonwebtoken::DecodingKey,
    validation: jsonwebtoken::Validation,
}

impl JwtKeys {
    fn new(
        alg: jsonwebtoken::Algorithm,
        encoding: jsonwebtoken::EncodingKey,
        decoding: jsonwebtoken::DecodingKey,
    ) -> Self {
        let mut validation = jsonwebtoken::Validation::new(alg);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.leeway = LEEWAY.unsigned_abs();
        // `exp` is required and checked by default (`required_spec_claims` = {"exp"}).
        JwtKeys {
            header: jsonwebtoken::Header::new(alg),
            encoding,
            decoding,
            validation,
        }
    }
}

/// jsonwebtoken 11 with whichever provider the process installed.
pub struct JsonWebToken {
    name: &'static str,
    keys: [JwtKeys; 3],
}

impl std::fmt::Debug for JsonWebToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JsonWebToken")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

impl JsonWebToken {
    /// Parses the keys. `provider` only names the column: install it first with
    /// [`install_jsonwebtoken_provider`].
    ///
    /// # Panics
    /// If a fixture does not parse.
    pub fn new(provider: Provider) -> Self {
        use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};
        JsonWebToken {
            name: match provider {
                Provider::RustCrypto => "jsonwebtoken-rust_crypto",
                #[cfg(feature = "aws_lc_rs")]
                Provider::AwsLc => "jsonwebtoken-aws_lc_rs",
            },
            keys: [
                JwtKeys::new(
                    Algorithm::HS256,
                    EncodingKey::from_secret(HS256_SECRET),
                    DecodingKey::from_secret(HS256_SECRET),
                ),
                JwtKeys::new(
                    Algorithm::RS256,
                    EncodingKey::from_rsa_pem(RSA_PRIVATE_PEM.as_bytes()).unwrap(),
                    DecodingKey::from_rsa_pem(RSA_PUBLIC_PEM.as_bytes()).unwrap(),
                ),
                JwtKeys::new(
                    Algorithm::ES256,
                    EncodingKey::from_ec_pem(P256_PRIVATE_PEM.as_bytes()).unwrap(),
                    DecodingKey::from_ec_pem(P256_PUBLIC_PEM.as_bytes()).unwrap(),
                ),
            ],
        }
    }

    fn keys(&self, alg: Alg) -> &JwtKeys {
        &self.keys[alg as usize]
    }
}

impl Lib for JsonWebToken {
    type Claims = BenchClaims;

    fn name(&self) -> &'static str {
        self.name
    }
    fn prepare(&self, claims: &BenchClaims) -> BenchClaims {
        claims.clone()
    }
    fn common(&self, claims: BenchClaims) -> BenchClaims {
        claims
    }
    fn sign(&self, alg: Alg, claims: &BenchClaims) -> Result<String, String> {
        let k = self.keys(alg);
        jsonwebtoken::encode(&k.header, claims, &k.encoding).map_err(err)
    }
    fn verify(&self, alg: Alg, token: &str) -> Result<BenchClaims, String> {
        let k = self.keys(alg);
        jsonwebtoken::decode::<BenchClaims>(token, &k.decoding, &k.validation)
            .map(|t| t.claims)
            .map_err(err)
    }
}

// ---------------------------------------------------------------------------------------------
// jwt-simple

/// The non-registered claims, as jwt-simple wants them (its `JWTClaims` holds the rest).
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct SimpleCustom {
    /// Display name.
    pub name: String,
    /// A boolean claim.
    pub admin: bool,
    /// A three-element array claim.
    pub roles: Vec<String>,
}

/// jwt-simple 0.15, `pure-rust` (no BoringSSL).
pub struct JwtSimple {
    hs: jwt_simple::prelude::HS256Key,
    rs_sign: jwt_simple::prelude::RS256KeyPair,
    rs_verify: jwt_simple::prelude::RS256PublicKey,
    es_sign: jwt_simple::prelude::ES256KeyPair,
    es_verify: jwt_simple::prelude::ES256PublicKey,
    options: jwt_simple::prelude::VerificationOptions,
}

impl std::fmt::Debug for JwtSimple {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtSimple").finish_non_exhaustive()
    }
}

impl JwtSimple {
    /// Parses the keys.
    ///
    /// # Panics
    /// If a fixture does not parse.
    pub fn new() -> Self {
        use jwt_simple::prelude::*;
        let options = VerificationOptions {
            allowed_issuers: Some(HashSet::from([ISSUER.to_string()])),
            allowed_audiences: Some(HashSet::from([AUDIENCE.to_string()])),
            time_tolerance: Some(Duration::from_secs(LEEWAY.unsigned_abs())),
            ..VerificationOptions::default()
        };
        JwtSimple {
            hs: HS256Key::from_bytes(HS256_SECRET),
            rs_sign: RS256KeyPair::from_pem(RSA_PRIVATE_PEM).unwrap(),
            rs_verify: RS256PublicKey::from_pem(RSA_PUBLIC_PEM).unwrap(),
            es_sign: ES256KeyPair::from_pem(P256_PRIVATE_PEM).unwrap(),
            es_verify: ES256PublicKey::from_pem(P256_PUBLIC_PEM).unwrap(),
            options,
        }
    }
}

impl Default for JwtSimple {
    fn default() -> Self {
        Self::new()
    }
}

fn secs(t: i64) -> jwt_simple::prelude::UnixTimeStamp {
    jwt_simple::prelude::UnixTimeStamp::from_secs(t.unsigned_abs())
}

fn from_secs(t: Option<jwt_simple::prelude::UnixTimeStamp>) -> i64 {
    t.map_or(-1, |t| i64::try_from(t.as_secs()).unwrap_or(-1))
}

impl Lib for JwtSimple {
    type Claims = jwt_simple::prelude::JWTClaims<SimpleCustom>;

    fn name(&self) -> &'static str {
        "jwt-simple"
    }
    fn prepare(&self, c: &BenchClaims) -> Self::Claims {
        use jwt_simple::prelude::*;
        let mut claims = Claims::with_custom_claims(
            SimpleCustom {
                name: c.name.clone(),
                admin: c.admin,
                roles: c.roles.clone(),
            },
            Duration::from_secs(1),
        )
        .with_issuer(&c.iss)
        .with_subject(&c.sub)
        .with_audience(&c.aud);
        claims.issued_at = Some(secs(c.iat));
        claims.expires_at = Some(secs(c.exp));
        claims.invalid_before = None;
        claims
    }
    fn common(&self, c: Self::Claims) -> BenchClaims {
        use jwt_simple::prelude::Audiences;
        BenchClaims {
            sub: c.subject.unwrap_or_default(),
            name: c.custom.name,
            iss: c.issuer.unwrap_or_default(),
            aud: match c.audiences {
                Some(Audiences::AsString(a)) => a,
                Some(Audiences::AsSet(set)) => format!("{set:?}"),
                None => String::new(),
            },
            iat: from_secs(c.issued_at),
            exp: from_secs(c.expires_at),
            admin: c.custom.admin,
            roles: c.custom.roles,
        }
    }
    fn sign(&self, alg: Alg, claims: &Self::Claims) -> Result<String, String> {
        use jwt_simple::prelude::*;
        // jwt-simple's signing functions take the claims by value: a clone per token is part
        // of its API's cost (four small allocations here).
        match alg {
            Alg::Hs256 => self.hs.authenticate(claims.clone()),
            Alg::Rs256 => self.rs_sign.sign(claims.clone()),
            Alg::Es256 => self.es_sign.sign(claims.clone()),
        }
        .map_err(err)
    }
    fn verify(&self, alg: Alg, token: &str) -> Result<Self::Claims, String> {
        use jwt_simple::prelude::*;
        // `verify_token` takes its options by value: the clone (two small hash sets) is part
        // of its API's cost.
        let options = Some(self.options.clone());
        match alg {
            Alg::Hs256 => self.hs.verify_token::<SimpleCustom>(token, options),
            Alg::Rs256 => self.rs_verify.verify_token::<SimpleCustom>(token, options),
            Alg::Es256 => self.es_verify.verify_token::<SimpleCustom>(token, options),
        }
        .map_err(err)
    }
}

// ---------------------------------------------------------------------------------------------
// The floor

/// Strict base64url, as jwtcraft uses: no padding, trailing bits must be zero.
const B64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(false),
);

/// The least work that verifies honestly, by hand: the primitives (serde_json, base64, hmac,
/// rsa, p256) called directly, the header parsed only for `alg`, the claims deserialized
/// once into [`BenchClaims`], and `exp`, `iss`, `aud` compared by hand.
pub struct Floor {
    hmac: Hmac<Sha256>,
    rs_sign: rsa::pkcs1v15::SigningKey<Sha256>,
    rs_verify: rsa::pkcs1v15::VerifyingKey<Sha256>,
    es_sign: p256::ecdsa::SigningKey,
    es_verify: p256::ecdsa::VerifyingKey,
    /// The encoded header of each algorithm, computed once.
    headers: [String; 3],
}

impl std::fmt::Debug for Floor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Floor").finish_non_exhaustive()
    }
}

#[derive(Deserialize)]
struct FloorHeader<'a> {
    #[serde(borrow)]
    alg: &'a str,
}

impl Floor {
    /// Parses the keys.
    ///
    /// # Panics
    /// If a fixture does not parse.
    pub fn new() -> Self {
        // The same `pkcs8` traits serve rsa 0.10 and p256 0.14.
        use p256::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
        let header = |alg: Alg| B64.encode(format!(r#"{{"alg":"{}","typ":"JWT"}}"#, alg.jose()));
        Floor {
            hmac: <Hmac<Sha256> as KeyInit>::new_from_slice(HS256_SECRET).unwrap(),
            rs_sign: rsa::pkcs1v15::SigningKey::new(
                rsa::PrivateKey::from_pkcs8_pem(RSA_PRIVATE_PEM).unwrap(),
            ),
            rs_verify: rsa::pkcs1v15::VerifyingKey::new(
                rsa::PublicKey::from_public_key_pem(RSA_PUBLIC_PEM).unwrap(),
            ),
            es_sign: p256::ecdsa::SigningKey::from_pkcs8_pem(P256_PRIVATE_PEM).unwrap(),
            es_verify: p256::ecdsa::VerifyingKey::from_public_key_pem(P256_PUBLIC_PEM).unwrap(),
            headers: [header(Alg::Hs256), header(Alg::Rs256), header(Alg::Es256)],
        }
    }

    fn check_signature(&self, alg: Alg, input: &[u8], sig: &[u8]) -> Result<(), String> {
        // The same `signature` 3 trait serves rsa 0.10 and p256 0.14.
        use p256::ecdsa::signature::Verifier as _;
        match alg {
            Alg::Hs256 => {
                let mut mac = self.hmac.clone();
                mac.update(input);
                mac.verify_slice(sig).map_err(err)
            }
            Alg::Rs256 => {
                let sig = rsa::pkcs1v15::Signature::try_from(sig).map_err(err)?;
                self.rs_verify.verify(input, &sig).map_err(err)
            }
            Alg::Es256 => {
                let sig = p256::ecdsa::Signature::from_slice(sig).map_err(err)?;
                self.es_verify.verify(input, &sig).map_err(err)
            }
        }
    }
}

impl Default for Floor {
    fn default() -> Self {
        Self::new()
    }
}

impl Lib for Floor {
    type Claims = BenchClaims;

    fn name(&self) -> &'static str {
        "floor"
    }
    fn prepare(&self, claims: &BenchClaims) -> BenchClaims {
        claims.clone()
    }
    fn common(&self, claims: BenchClaims) -> BenchClaims {
        claims
    }
    fn sign(&self, alg: Alg, claims: &BenchClaims) -> Result<String, String> {
        // The same `signature` 3 trait serves rsa 0.10 and p256 0.14.
        use p256::ecdsa::signature::Signer as _;
        use rsa::signature::SignatureEncoding as _;
        let json = serde_json::to_vec(claims).map_err(err)?;
        let header = &self.headers[alg as usize];
        let mut token = String::with_capacity(header.len() + json.len() * 4 / 3 + 350);
        token.push_str(header);
        token.push('.');
        B64.encode_string(&json, &mut token);
        let input = token.as_bytes();
        match alg {
            Alg::Hs256 => {
                let mut mac = self.hmac.clone();
                mac.update(input);
                let tag = mac.finalize().into_bytes();
                token.push('.');
                B64.encode_string(tag, &mut token);
            }
            Alg::Rs256 => {
                let sig = self.rs_sign.try_sign(input).map_err(err)?.to_vec();
                token.push('.');
                B64.encode_string(sig, &mut token);
            }
            Alg::Es256 => {
                let sig: p256::ecdsa::Signature = self.es_sign.try_sign(input).map_err(err)?;
                token.push('.');
                B64.encode_string(sig.to_bytes(), &mut token);
            }
        }
        Ok(token)
    }
    fn verify(&self, alg: Alg, token: &str) -> Result<BenchClaims, String> {
        if token.len() > 16 * 1024 {
            return Err("token too long".into());
        }
        let (input, sig_b64) = token.rsplit_once('.').ok_or("no signature")?;
        let (header_b64, payload_b64) = input.split_once('.').ok_or("no payload")?;

        let mut buf = [0u8; 512];
        let n = B64.decode_slice(header_b64, &mut buf).map_err(err)?;
        let header: FloorHeader<'_> = serde_json::from_slice(&buf[..n]).map_err(err)?;
        if header.alg != alg.jose() {
            return Err("wrong alg".into());
        }

        let n = B64.decode_slice(sig_b64, &mut buf).map_err(err)?;
        self.check_signature(alg, input.as_bytes(), &buf[..n])?;

        let payload = B64.decode(payload_b64).map_err(err)?;
        let claims: BenchClaims = serde_json::from_slice(&payload).map_err(err)?;
        if claims.exp <= unix_now() - LEEWAY {
            return Err("expired".into());
        }
        if claims.iss != ISSUER {
            return Err("wrong iss".into());
        }
        if claims.aud != AUDIENCE {
            return Err("wrong aud".into());
        }
        Ok(claims)
    }
}

// ---------------------------------------------------------------------------------------------
// Cross-check

/// Changes the character at `index` of `token` to another base64url character.
fn corrupt_at(token: &str, index: usize) -> String {
    let mut bytes = token.as_bytes().to_vec();
    bytes[index] = if bytes[index] == b'A' { b'B' } else { b'A' };
    String::from_utf8(bytes).unwrap()
}

/// Proves, before anything is timed, that the libraries do the same job:
///
/// - every library's token verifies in every library (itself included) and decodes to the
///   same claims, for each algorithm;
/// - a token with a changed signature byte, or a changed payload byte, is rejected by all;
/// - a token presented for another algorithm is rejected by all;
/// - tokens that are expired, from another issuer, or for another audience (each correctly
///   signed by every library) are rejected by all, which shows every verifier checks `exp`,
///   `iss` and `aud`.
///
/// Prints one summary line.
///
/// # Panics
/// On the first disagreement.
pub fn cross_check(libs: &[&dyn Checker]) {
    let expected = claims();
    let mut accepted = 0usize;
    let mut rejected = 0usize;
    for alg in Alg::ALL {
        let tokens: Vec<(&str, String)> = libs
            .iter()
            .map(|l| {
                let token = l
                    .sign_common(alg, &expected)
                    .unwrap_or_else(|e| panic!("{} {} sign failed: {e}", l.name(), alg.jose()));
                (l.name(), token)
            })
            .collect();
        for (signer, token) in &tokens {
            for verifier in libs {
                let got = verifier.verify_common(alg, token).unwrap_or_else(|e| {
                    panic!(
                        "{} token from {signer} rejected by {}: {e}\n{token}",
                        alg.jose(),
                        verifier.name()
                    )
                });
                assert_eq!(
                    got,
                    expected,
                    "{} token from {signer} decoded differently by {}",
                    alg.jose(),
                    verifier.name()
                );
                accepted += 1;

                let (input, sig) = token.rsplit_once('.').unwrap();
                let payload_start = input.find('.').unwrap() + 1;
                let bad_sig = corrupt_at(token, input.len() + 1 + sig.len() / 2);
                let bad_payload = corrupt_at(token, payload_start + 5);
                for (what, bad) in [("signature", &bad_sig), ("payload", &bad_payload)] {
                    assert!(
                        verifier.verify_common(alg, bad).is_err(),
                        "{} token from {signer} with a corrupted {what} accepted by {}",
                        alg.jose(),
                        verifier.name()
                    );
                    rejected += 1;
                }
                for other in Alg::ALL.into_iter().filter(|a| *a != alg) {
                    assert!(
                        verifier.verify_common(other, token).is_err(),
                        "{} token from {signer} accepted as {} by {}",
                        alg.jose(),
                        other.jose(),
                        verifier.name()
                    );
                    rejected += 1;
                }
            }
        }

        let expired = BenchClaims {
            iat: 1_500_000_000,
            exp: 1_600_000_000,
            ..claims()
        };
        let wrong_iss = BenchClaims {
            iss: "https://evil.example.com".into(),
            ..claims()
        };
        let wrong_aud = BenchClaims {
            aud: "billing-api".into(),
            ..claims()
        };
        for (what, bad_claims) in [
            ("expired", &expired),
            ("wrong-iss", &wrong_iss),
            ("wrong-aud", &wrong_aud),
        ] {
            for signer in libs {
                let token = signer.sign_common(alg, bad_claims).unwrap();
                for verifier in libs {
                    assert!(
                        verifier.verify_common(alg, &token).is_err(),
                        "{} {what} token from {} accepted by {}",
                        alg.jose(),
                        signer.name(),
                        verifier.name()
                    );
                    rejected += 1;
                }
            }
        }
    }
    let names: Vec<&str> = libs.iter().map(|l| l.name()).collect();
    println!(
        "cross-check passed: [{}] x [HS256, RS256, ES256]: {accepted} cross-verifications \
         accepted with identical claims, {rejected} bad tokens rejected",
        names.join(", ")
    );
}

/// Asserts once that `lib` signs and verifies `alg` successfully, returning a token to verify
/// and the prepared claims to sign. Benches call this before timing.
///
/// # Panics
/// If either operation fails.
pub fn ready<L: Lib>(lib: &L, alg: Alg) -> (L::Claims, String) {
    let prepared = lib.prepare(&claims());
    let token = lib
        .sign(alg, &prepared)
        .unwrap_or_else(|e| panic!("{} {} sign: {e}", lib.name(), alg.jose()));
    let verified = lib
        .verify(alg, &token)
        .unwrap_or_else(|e| panic!("{} {} verify: {e}", lib.name(), alg.jose()));
    assert_eq!(lib.common(verified), claims());
    (prepared, token)
}
