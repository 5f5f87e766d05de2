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
use sha2::{Sha256, Sha384, Sha512};

/// The HS256 secret (32 bytes, the RFC 7518 minimum).
pub const HS256_SECRET: &[u8] = b"jwtcraft-bench-secret-0123456789";
/// The HS384 and HS512 secret (64 bytes: at least the hash size, RFC 7518 §3.2).
pub const HS_LONG_SECRET: &[u8] =
    b"jwtcraft-bench-secret-0123456789-jwtcraft-bench-secret-0123456789";
/// RSA-2048 private key, PKCS#8 PEM.
pub const RSA_PRIVATE_PEM: &str = include_str!("../../../tests/data/rsa2048-private-pkcs8.pem");
/// RSA-2048 public key, SPKI PEM.
pub const RSA_PUBLIC_PEM: &str = include_str!("../../../tests/data/rsa2048-public-spki.pem");
/// P-256 private key, PKCS#8 PEM.
pub const P256_PRIVATE_PEM: &str = include_str!("../../../tests/data/p256-private-pkcs8.pem");
/// P-256 public key, SPKI PEM.
pub const P256_PUBLIC_PEM: &str = include_str!("../../../tests/data/p256-public-spki.pem");
/// P-384 private key, PKCS#8 PEM.
pub const P384_PRIVATE_PEM: &str = include_str!("../../../tests/data/p384-private-pkcs8.pem");
/// P-384 public key, SPKI PEM.
pub const P384_PUBLIC_PEM: &str = include_str!("../../../tests/data/p384-public-spki.pem");
/// P-521 private key, PKCS#8 PEM.
pub const P521_PRIVATE_PEM: &str = include_str!("../../../tests/data/p521-private-pkcs8.pem");
/// P-521 public key, SPKI PEM.
pub const P521_PUBLIC_PEM: &str = include_str!("../../../tests/data/p521-public-spki.pem");
/// Ed25519 private key, PKCS#8 PEM.
pub const ED25519_PRIVATE_PEM: &str = include_str!("../../../tests/data/ed25519-private-pkcs8.pem");
/// Ed25519 public key, SPKI PEM.
pub const ED25519_PUBLIC_PEM: &str = include_str!("../../../tests/data/ed25519-public-spki.pem");

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

/// The algorithms compared: every JWS algorithm jwtcraft has (`Ed25519` is the same primitive
/// as `EdDSA`, so only `EdDSA`, the name the peers know, is timed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alg {
    /// HMAC-SHA-256.
    Hs256,
    /// HMAC-SHA-384.
    Hs384,
    /// HMAC-SHA-512.
    Hs512,
    /// RSASSA-PKCS1-v1_5 with SHA-256, 2048-bit key.
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384, the same key.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512, the same key.
    Rs512,
    /// RSASSA-PSS with SHA-256 (MGF1 SHA-256, 32-byte salt), the same key.
    Ps256,
    /// RSASSA-PSS with SHA-384, the same key.
    Ps384,
    /// RSASSA-PSS with SHA-512, the same key.
    Ps512,
    /// ECDSA P-256 with SHA-256.
    Es256,
    /// ECDSA P-384 with SHA-384.
    Es384,
    /// ECDSA P-521 with SHA-512.
    Es512,
    /// Ed25519.
    EdDsa,
}

impl Alg {
    /// Every algorithm, in table order.
    pub const ALL: [Alg; 13] = [
        Alg::Hs256,
        Alg::Hs384,
        Alg::Hs512,
        Alg::Rs256,
        Alg::Rs384,
        Alg::Rs512,
        Alg::Ps256,
        Alg::Ps384,
        Alg::Ps512,
        Alg::Es256,
        Alg::Es384,
        Alg::Es512,
        Alg::EdDsa,
    ];

    /// The JOSE `alg` name.
    pub fn jose(self) -> &'static str {
        match self {
            Alg::Hs256 => "HS256",
            Alg::Hs384 => "HS384",
            Alg::Hs512 => "HS512",
            Alg::Rs256 => "RS256",
            Alg::Rs384 => "RS384",
            Alg::Rs512 => "RS512",
            Alg::Ps256 => "PS256",
            Alg::Ps384 => "PS384",
            Alg::Ps512 => "PS512",
            Alg::Es256 => "ES256",
            Alg::Es384 => "ES384",
            Alg::Es512 => "ES512",
            Alg::EdDsa => "EdDSA",
        }
    }

    /// The lower-case name used in benchmark ids.
    pub fn id(self) -> String {
        self.jose().to_ascii_lowercase()
    }
}

/// One library under test.
pub trait Lib {
    /// The library's own claims representation, built once before timing.
    type Claims;

    /// Column name in the report.
    fn name(&self) -> &'static str;
    /// Whether the library has `alg` at all (jsonwebtoken has no ES512, jwt-simple no ES512).
    fn supports(&self, alg: Alg) -> bool {
        let _ = alg;
        true
    }
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
    /// As [`Lib::supports`].
    fn has(&self, alg: Alg) -> bool;
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
    fn has(&self, alg: Alg) -> bool {
        self.supports(alg)
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
/// Each algorithm has its own typed key, as a user's code would.
#[derive(Debug)]
pub struct Jwtcraft {
    hs256: jwtcraft::Hs256Key,
    hs384: jwtcraft::Hs384Key,
    hs512: jwtcraft::Hs512Key,
    rs256: (jwtcraft::Rs256SigningKey, jwtcraft::Rs256VerifyingKey),
    rs384: (jwtcraft::Rs384SigningKey, jwtcraft::Rs384VerifyingKey),
    rs512: (jwtcraft::Rs512SigningKey, jwtcraft::Rs512VerifyingKey),
    ps256: (jwtcraft::Ps256SigningKey, jwtcraft::Ps256VerifyingKey),
    ps384: (jwtcraft::Ps384SigningKey, jwtcraft::Ps384VerifyingKey),
    ps512: (jwtcraft::Ps512SigningKey, jwtcraft::Ps512VerifyingKey),
    es256: (jwtcraft::Es256SigningKey, jwtcraft::Es256VerifyingKey),
    es384: (jwtcraft::Es384SigningKey, jwtcraft::Es384VerifyingKey),
    es512: (jwtcraft::Es512SigningKey, jwtcraft::Es512VerifyingKey),
    eddsa: (jwtcraft::Ed25519SigningKey, jwtcraft::Ed25519VerifyingKey),
    header: jwtcraft::Header,
    validation: jwtcraft::Validation,
}

/// A typed signing/verifying pair from PKCS#8 and SPKI PEM.
macro_rules! pair {
    ($sign:ty, $verify:ty, $private:expr, $public:expr) => {
        (
            <$sign>::from_pkcs8_pem($private).unwrap(),
            <$verify>::from_public_key_pem($public).unwrap(),
        )
    };
}

impl Jwtcraft {
    /// Parses the keys.
    ///
    /// # Panics
    /// If a fixture does not parse.
    pub fn new() -> Self {
        use jwtcraft::*;
        let (rsa, rsa_public) = (RSA_PRIVATE_PEM, RSA_PUBLIC_PEM);
        let (ed_sign, ed_verify) = pair!(
            Ed25519SigningKey,
            Ed25519VerifyingKey,
            ED25519_PRIVATE_PEM,
            ED25519_PUBLIC_PEM
        );
        Jwtcraft {
            hs256: Hs256Key::new(HS256_SECRET).unwrap(),
            hs384: Hs384Key::new(HS_LONG_SECRET).unwrap(),
            hs512: Hs512Key::new(HS_LONG_SECRET).unwrap(),
            rs256: pair!(Rs256SigningKey, Rs256VerifyingKey, rsa, rsa_public),
            rs384: pair!(Rs384SigningKey, Rs384VerifyingKey, rsa, rsa_public),
            rs512: pair!(Rs512SigningKey, Rs512VerifyingKey, rsa, rsa_public),
            ps256: pair!(Ps256SigningKey, Ps256VerifyingKey, rsa, rsa_public),
            ps384: pair!(Ps384SigningKey, Ps384VerifyingKey, rsa, rsa_public),
            ps512: pair!(Ps512SigningKey, Ps512VerifyingKey, rsa, rsa_public),
            es256: pair!(
                Es256SigningKey,
                Es256VerifyingKey,
                P256_PRIVATE_PEM,
                P256_PUBLIC_PEM
            ),
            es384: pair!(
                Es384SigningKey,
                Es384VerifyingKey,
                P384_PRIVATE_PEM,
                P384_PUBLIC_PEM
            ),
            es512: pair!(
                Es512SigningKey,
                Es512VerifyingKey,
                P521_PRIVATE_PEM,
                P521_PUBLIC_PEM
            ),
            eddsa: (ed_sign.with_eddsa_name(), ed_verify.with_eddsa_name()),
            header: jwtcraft::Header::new(),
            validation: jwtcraft::Validation::new()
                .with_issuer(ISSUER)
                .with_audience(AUDIENCE)
                .with_leeway(std::time::Duration::from_secs(LEEWAY.unsigned_abs())),
        }
    }

    /// The HS256 key, for the allocation and scaling measurements.
    pub fn hs256_key(&self) -> &jwtcraft::Hs256Key {
        &self.hs256
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
        let h = &self.header;
        match alg {
            Alg::Hs256 => jwtcraft::encode(h, claims, &self.hs256),
            Alg::Hs384 => jwtcraft::encode(h, claims, &self.hs384),
            Alg::Hs512 => jwtcraft::encode(h, claims, &self.hs512),
            Alg::Rs256 => jwtcraft::encode(h, claims, &self.rs256.0),
            Alg::Rs384 => jwtcraft::encode(h, claims, &self.rs384.0),
            Alg::Rs512 => jwtcraft::encode(h, claims, &self.rs512.0),
            Alg::Ps256 => jwtcraft::encode(h, claims, &self.ps256.0),
            Alg::Ps384 => jwtcraft::encode(h, claims, &self.ps384.0),
            Alg::Ps512 => jwtcraft::encode(h, claims, &self.ps512.0),
            Alg::Es256 => jwtcraft::encode(h, claims, &self.es256.0),
            Alg::Es384 => jwtcraft::encode(h, claims, &self.es384.0),
            Alg::Es512 => jwtcraft::encode(h, claims, &self.es512.0),
            Alg::EdDsa => jwtcraft::encode(h, claims, &self.eddsa.0),
        }
        .map_err(err)
    }
    fn verify(&self, alg: Alg, token: &str) -> Result<BenchClaims, String> {
        let v = &self.validation;
        match alg {
            Alg::Hs256 => jwtcraft::decode(token, &self.hs256, v),
            Alg::Hs384 => jwtcraft::decode(token, &self.hs384, v),
            Alg::Hs512 => jwtcraft::decode(token, &self.hs512, v),
            Alg::Rs256 => jwtcraft::decode(token, &self.rs256.1, v),
            Alg::Rs384 => jwtcraft::decode(token, &self.rs384.1, v),
            Alg::Rs512 => jwtcraft::decode(token, &self.rs512.1, v),
            Alg::Ps256 => jwtcraft::decode(token, &self.ps256.1, v),
            Alg::Ps384 => jwtcraft::decode(token, &self.ps384.1, v),
            Alg::Ps512 => jwtcraft::decode(token, &self.ps512.1, v),
            Alg::Es256 => jwtcraft::decode(token, &self.es256.1, v),
            Alg::Es384 => jwtcraft::decode(token, &self.es384.1, v),
            Alg::Es512 => jwtcraft::decode(token, &self.es512.1, v),
            Alg::EdDsa => jwtcraft::decode(token, &self.eddsa.1, v),
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

/// jsonwebtoken 12 with whichever provider the process installed. It has no ES512.
pub struct JsonWebToken {
    name: &'static str,
    /// Keys per algorithm, in [`Alg::ALL`] order; `None` where jsonwebtoken has no such
    /// algorithm.
    keys: Vec<Option<JwtKeys>>,
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
        JsonWebToken {
            name: match provider {
                Provider::RustCrypto => "jsonwebtoken-rust_crypto",
                #[cfg(feature = "aws_lc_rs")]
                Provider::AwsLc => "jsonwebtoken-aws_lc_rs",
            },
            keys: Alg::ALL.iter().map(|&alg| jsonwebtoken_keys(alg)).collect(),
        }
    }

    fn keys(&self, alg: Alg) -> Result<&JwtKeys, String> {
        self.keys[alg as usize]
            .as_ref()
            .ok_or_else(|| format!("jsonwebtoken has no {}", alg.jose()))
    }
}

/// jsonwebtoken's keys for `alg`, or `None` if it has no such algorithm.
fn jsonwebtoken_keys(alg: Alg) -> Option<JwtKeys> {
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey};
    let hmac = |a, secret| {
        JwtKeys::new(
            a,
            EncodingKey::from_secret(secret).unwrap(),
            DecodingKey::from_secret(secret).unwrap(),
        )
    };
    let rsa = |a| {
        JwtKeys::new(
            a,
            EncodingKey::from_rsa_pem(RSA_PRIVATE_PEM.as_bytes()).unwrap(),
            DecodingKey::from_rsa_pem(RSA_PUBLIC_PEM.as_bytes()).unwrap(),
        )
    };
    let ec = |a, private: &str, public: &str| {
        JwtKeys::new(
            a,
            EncodingKey::from_ec_pem(private.as_bytes()).unwrap(),
            DecodingKey::from_ec_pem(public.as_bytes()).unwrap(),
        )
    };
    Some(match alg {
        Alg::Hs256 => hmac(Algorithm::HS256, HS256_SECRET),
        Alg::Hs384 => hmac(Algorithm::HS384, HS_LONG_SECRET),
        Alg::Hs512 => hmac(Algorithm::HS512, HS_LONG_SECRET),
        Alg::Rs256 => rsa(Algorithm::RS256),
        Alg::Rs384 => rsa(Algorithm::RS384),
        Alg::Rs512 => rsa(Algorithm::RS512),
        Alg::Ps256 => rsa(Algorithm::PS256),
        Alg::Ps384 => rsa(Algorithm::PS384),
        Alg::Ps512 => rsa(Algorithm::PS512),
        Alg::Es256 => ec(Algorithm::ES256, P256_PRIVATE_PEM, P256_PUBLIC_PEM),
        Alg::Es384 => ec(Algorithm::ES384, P384_PRIVATE_PEM, P384_PUBLIC_PEM),
        Alg::Es512 => return None,
        Alg::EdDsa => JwtKeys::new(
            Algorithm::EdDSA,
            EncodingKey::from_ed_pem(ED25519_PRIVATE_PEM.as_bytes()).unwrap(),
            DecodingKey::from_ed_pem(ED25519_PUBLIC_PEM.as_bytes()).unwrap(),
        ),
    })
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
    fn supports(&self, alg: Alg) -> bool {
        self.keys[alg as usize].is_some()
    }
    fn sign(&self, alg: Alg, claims: &BenchClaims) -> Result<String, String> {
        let k = self.keys(alg)?;
        jsonwebtoken::encode(&k.header, claims, &k.encoding).map_err(err)
    }
    fn verify(&self, alg: Alg, token: &str) -> Result<BenchClaims, String> {
        let k = self.keys(alg)?;
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

/// jwt-simple 0.15, `pure-rust` (no BoringSSL). It has no ES512.
pub struct JwtSimple {
    hs256: jwt_simple::prelude::HS256Key,
    hs384: jwt_simple::prelude::HS384Key,
    hs512: jwt_simple::prelude::HS512Key,
    rs256: (
        jwt_simple::prelude::RS256KeyPair,
        jwt_simple::prelude::RS256PublicKey,
    ),
    rs384: (
        jwt_simple::prelude::RS384KeyPair,
        jwt_simple::prelude::RS384PublicKey,
    ),
    rs512: (
        jwt_simple::prelude::RS512KeyPair,
        jwt_simple::prelude::RS512PublicKey,
    ),
    ps256: (
        jwt_simple::prelude::PS256KeyPair,
        jwt_simple::prelude::PS256PublicKey,
    ),
    ps384: (
        jwt_simple::prelude::PS384KeyPair,
        jwt_simple::prelude::PS384PublicKey,
    ),
    ps512: (
        jwt_simple::prelude::PS512KeyPair,
        jwt_simple::prelude::PS512PublicKey,
    ),
    es256: (
        jwt_simple::prelude::ES256KeyPair,
        jwt_simple::prelude::ES256PublicKey,
    ),
    es384: (
        jwt_simple::prelude::ES384KeyPair,
        jwt_simple::prelude::ES384PublicKey,
    ),
    eddsa: (
        jwt_simple::prelude::Ed25519KeyPair,
        jwt_simple::prelude::Ed25519PublicKey,
    ),
    options: jwt_simple::prelude::VerificationOptions,
}

impl std::fmt::Debug for JwtSimple {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("JwtSimple").finish_non_exhaustive()
    }
}

/// A jwt-simple key pair and public key from PKCS#8 and SPKI PEM.
macro_rules! simple_pair {
    ($pair:ident, $public:ident, $private_pem:expr, $public_pem:expr) => {
        (
            jwt_simple::prelude::$pair::from_pem($private_pem).unwrap(),
            jwt_simple::prelude::$public::from_pem($public_pem).unwrap(),
        )
    };
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
        let (rsa, rsa_public) = (RSA_PRIVATE_PEM, RSA_PUBLIC_PEM);
        JwtSimple {
            hs256: HS256Key::from_bytes(HS256_SECRET),
            hs384: HS384Key::from_bytes(HS_LONG_SECRET),
            hs512: HS512Key::from_bytes(HS_LONG_SECRET),
            rs256: simple_pair!(RS256KeyPair, RS256PublicKey, rsa, rsa_public),
            rs384: simple_pair!(RS384KeyPair, RS384PublicKey, rsa, rsa_public),
            rs512: simple_pair!(RS512KeyPair, RS512PublicKey, rsa, rsa_public),
            ps256: simple_pair!(PS256KeyPair, PS256PublicKey, rsa, rsa_public),
            ps384: simple_pair!(PS384KeyPair, PS384PublicKey, rsa, rsa_public),
            ps512: simple_pair!(PS512KeyPair, PS512PublicKey, rsa, rsa_public),
            es256: simple_pair!(
                ES256KeyPair,
                ES256PublicKey,
                P256_PRIVATE_PEM,
                P256_PUBLIC_PEM
            ),
            es384: simple_pair!(
                ES384KeyPair,
                ES384PublicKey,
                P384_PRIVATE_PEM,
                P384_PUBLIC_PEM
            ),
            eddsa: simple_pair!(
                Ed25519KeyPair,
                Ed25519PublicKey,
                ED25519_PRIVATE_PEM,
                ED25519_PUBLIC_PEM
            ),
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
    fn supports(&self, alg: Alg) -> bool {
        alg != Alg::Es512
    }
    fn sign(&self, alg: Alg, claims: &Self::Claims) -> Result<String, String> {
        use jwt_simple::prelude::*;
        // jwt-simple's signing functions take the claims by value: a clone per token is part
        // of its API's cost (four small allocations here).
        let c = claims.clone();
        match alg {
            Alg::Hs256 => self.hs256.authenticate(c),
            Alg::Hs384 => self.hs384.authenticate(c),
            Alg::Hs512 => self.hs512.authenticate(c),
            Alg::Rs256 => self.rs256.0.sign(c),
            Alg::Rs384 => self.rs384.0.sign(c),
            Alg::Rs512 => self.rs512.0.sign(c),
            Alg::Ps256 => self.ps256.0.sign(c),
            Alg::Ps384 => self.ps384.0.sign(c),
            Alg::Ps512 => self.ps512.0.sign(c),
            Alg::Es256 => self.es256.0.sign(c),
            Alg::Es384 => self.es384.0.sign(c),
            Alg::Es512 => return Err("jwt-simple has no ES512".into()),
            Alg::EdDsa => self.eddsa.0.sign(c),
        }
        .map_err(err)
    }
    fn verify(&self, alg: Alg, token: &str) -> Result<Self::Claims, String> {
        use jwt_simple::prelude::*;
        // `verify_token` takes its options by value: the clone (two small hash sets) is part
        // of its API's cost.
        let o = Some(self.options.clone());
        match alg {
            Alg::Hs256 => self.hs256.verify_token::<SimpleCustom>(token, o),
            Alg::Hs384 => self.hs384.verify_token::<SimpleCustom>(token, o),
            Alg::Hs512 => self.hs512.verify_token::<SimpleCustom>(token, o),
            Alg::Rs256 => self.rs256.1.verify_token::<SimpleCustom>(token, o),
            Alg::Rs384 => self.rs384.1.verify_token::<SimpleCustom>(token, o),
            Alg::Rs512 => self.rs512.1.verify_token::<SimpleCustom>(token, o),
            Alg::Ps256 => self.ps256.1.verify_token::<SimpleCustom>(token, o),
            Alg::Ps384 => self.ps384.1.verify_token::<SimpleCustom>(token, o),
            Alg::Ps512 => self.ps512.1.verify_token::<SimpleCustom>(token, o),
            Alg::Es256 => self.es256.1.verify_token::<SimpleCustom>(token, o),
            Alg::Es384 => self.es384.1.verify_token::<SimpleCustom>(token, o),
            Alg::Es512 => return Err("jwt-simple has no ES512".into()),
            Alg::EdDsa => self.eddsa.1.verify_token::<SimpleCustom>(token, o),
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
/// rsa, p256, p384, p521, ed25519-dalek) called directly, the header parsed only for `alg`,
/// the claims deserialized once into [`BenchClaims`], and `exp`, `iss`, `aud` compared by
/// hand. RSA signs with the OS RNG for blinding (and the PSS salt), as jwtcraft does;
/// Ed25519 verifies strictly, as jwtcraft does.
pub struct Floor {
    hs256: Hmac<Sha256>,
    hs384: Hmac<Sha384>,
    hs512: Hmac<Sha512>,
    rsa: rsa::PrivateKey,
    rsa_public: rsa::PublicKey,
    es256: (p256::ecdsa::SigningKey, p256::ecdsa::VerifyingKey),
    es384: (p384::ecdsa::SigningKey, p384::ecdsa::VerifyingKey),
    es512: (p521::ecdsa::SigningKey, p521::ecdsa::VerifyingKey),
    eddsa: (ed25519_dalek::SigningKey, ed25519_dalek::VerifyingKey),
    /// The encoded header of each algorithm, in [`Alg::ALL`] order, computed once.
    headers: Vec<String>,
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

/// Appends `.` and the base64url of `bytes` to `token`.
fn push_signature(token: &mut String, bytes: impl AsRef<[u8]>) {
    token.push('.');
    B64.encode_string(bytes, token);
}

impl Floor {
    /// Parses the keys.
    ///
    /// # Panics
    /// If a fixture does not parse.
    pub fn new() -> Self {
        // The same `pkcs8` traits serve rsa 0.10, p256/p384/p521 0.14 and ed25519-dalek 3.
        use p256::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
        let header = |alg: Alg| B64.encode(format!(r#"{{"alg":"{}","typ":"JWT"}}"#, alg.jose()));
        Floor {
            hs256: <Hmac<Sha256> as KeyInit>::new_from_slice(HS256_SECRET).unwrap(),
            hs384: <Hmac<Sha384> as KeyInit>::new_from_slice(HS_LONG_SECRET).unwrap(),
            hs512: <Hmac<Sha512> as KeyInit>::new_from_slice(HS_LONG_SECRET).unwrap(),
            rsa: rsa::PrivateKey::from_pkcs8_pem(RSA_PRIVATE_PEM).unwrap(),
            rsa_public: rsa::PublicKey::from_public_key_pem(RSA_PUBLIC_PEM).unwrap(),
            es256: (
                p256::ecdsa::SigningKey::from_pkcs8_pem(P256_PRIVATE_PEM).unwrap(),
                p256::ecdsa::VerifyingKey::from_public_key_pem(P256_PUBLIC_PEM).unwrap(),
            ),
            es384: (
                p384::ecdsa::SigningKey::from_pkcs8_pem(P384_PRIVATE_PEM).unwrap(),
                p384::ecdsa::VerifyingKey::from_public_key_pem(P384_PUBLIC_PEM).unwrap(),
            ),
            es512: (
                p521::ecdsa::SigningKey::from_pkcs8_pem(P521_PRIVATE_PEM).unwrap(),
                p521::ecdsa::VerifyingKey::from_public_key_pem(P521_PUBLIC_PEM).unwrap(),
            ),
            eddsa: (
                ed25519_dalek::SigningKey::from_pkcs8_pem(ED25519_PRIVATE_PEM).unwrap(),
                ed25519_dalek::VerifyingKey::from_public_key_pem(ED25519_PUBLIC_PEM).unwrap(),
            ),
            headers: Alg::ALL.iter().map(|&alg| header(alg)).collect(),
        }
    }

    /// Signs `token` (header and payload so far) and appends the signature.
    fn sign_into(&self, alg: Alg, token: &mut String) -> Result<(), String> {
        // The same `signature` 3 trait serves p256/p384/p521 0.14 and ed25519-dalek 3.
        use p256::ecdsa::signature::Signer as _;
        fn mac<M: Mac + Clone>(key: &M, input: &[u8]) -> impl AsRef<[u8]> {
            let mut mac = key.clone();
            mac.update(input);
            mac.finalize().into_bytes()
        }
        let input = token.as_bytes();
        match alg {
            Alg::Hs256 => push_signature(token, mac(&self.hs256, input)),
            Alg::Hs384 => push_signature(token, mac(&self.hs384, input)),
            Alg::Hs512 => push_signature(token, mac(&self.hs512, input)),
            Alg::Rs256 => {
                push_signature(token, self.rsa.pkcs1v15_sign::<Sha256>(input).map_err(err)?)
            }
            Alg::Rs384 => {
                push_signature(token, self.rsa.pkcs1v15_sign::<Sha384>(input).map_err(err)?)
            }
            Alg::Rs512 => {
                push_signature(token, self.rsa.pkcs1v15_sign::<Sha512>(input).map_err(err)?)
            }
            Alg::Ps256 => push_signature(token, self.rsa.pss_sign::<Sha256>(input).map_err(err)?),
            Alg::Ps384 => push_signature(token, self.rsa.pss_sign::<Sha384>(input).map_err(err)?),
            Alg::Ps512 => push_signature(token, self.rsa.pss_sign::<Sha512>(input).map_err(err)?),
            Alg::Es256 => {
                let sig: p256::ecdsa::Signature = self.es256.0.try_sign(input).map_err(err)?;
                push_signature(token, sig.to_bytes());
            }
            Alg::Es384 => {
                let sig: p384::ecdsa::Signature = self.es384.0.try_sign(input).map_err(err)?;
                push_signature(token, sig.to_bytes());
            }
            Alg::Es512 => {
                let sig: p521::ecdsa::Signature = self.es512.0.try_sign(input).map_err(err)?;
                push_signature(token, sig.to_bytes());
            }
            Alg::EdDsa => {
                let sig = self.eddsa.0.try_sign(input).map_err(err)?;
                push_signature(token, sig.to_bytes());
            }
        }
        Ok(())
    }

    fn check_signature(&self, alg: Alg, input: &[u8], sig: &[u8]) -> Result<(), String> {
        // The same `signature` 3 trait serves p256/p384/p521 0.14.
        use p256::ecdsa::signature::Verifier as _;
        fn mac<M: Mac + Clone>(key: &M, input: &[u8], sig: &[u8]) -> Result<(), String> {
            let mut mac = key.clone();
            mac.update(input);
            mac.verify_slice(sig).map_err(err)
        }
        let public = &self.rsa_public;
        match alg {
            Alg::Hs256 => mac(&self.hs256, input, sig),
            Alg::Hs384 => mac(&self.hs384, input, sig),
            Alg::Hs512 => mac(&self.hs512, input, sig),
            Alg::Rs256 => public.pkcs1v15_verify::<Sha256>(input, sig).map_err(err),
            Alg::Rs384 => public.pkcs1v15_verify::<Sha384>(input, sig).map_err(err),
            Alg::Rs512 => public.pkcs1v15_verify::<Sha512>(input, sig).map_err(err),
            Alg::Ps256 => public.pss_verify::<Sha256>(input, sig).map_err(err),
            Alg::Ps384 => public.pss_verify::<Sha384>(input, sig).map_err(err),
            Alg::Ps512 => public.pss_verify::<Sha512>(input, sig).map_err(err),
            Alg::Es256 => {
                let sig = p256::ecdsa::Signature::from_slice(sig).map_err(err)?;
                self.es256.1.verify(input, &sig).map_err(err)
            }
            Alg::Es384 => {
                let sig = p384::ecdsa::Signature::from_slice(sig).map_err(err)?;
                self.es384.1.verify(input, &sig).map_err(err)
            }
            Alg::Es512 => {
                let sig = p521::ecdsa::Signature::from_slice(sig).map_err(err)?;
                self.es512.1.verify(input, &sig).map_err(err)
            }
            Alg::EdDsa => {
                let sig = ed25519_dalek::Signature::from_slice(sig).map_err(err)?;
                self.eddsa.1.verify_strict(input, &sig).map_err(err)
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
        let json = serde_json::to_vec(claims).map_err(err)?;
        let header = &self.headers[alg as usize];
        let mut token = String::with_capacity(header.len() + json.len() * 4 / 3 + 350);
        token.push_str(header);
        token.push('.');
        B64.encode_string(&json, &mut token);
        self.sign_into(alg, &mut token)?;
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
        // Only the libraries that have `alg` take part in its round.
        let all = libs;
        let libs: Vec<&dyn Checker> = all.iter().copied().filter(|l| l.has(alg)).collect();
        let libs = libs.as_slice();
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
                for other in Alg::ALL
                    .into_iter()
                    .filter(|a| *a != alg && verifier.has(*a))
                {
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
        "cross-check passed: [{}] x [{}]: {accepted} cross-verifications accepted with \
         identical claims, {rejected} bad tokens rejected",
        names.join(", "),
        Alg::ALL.map(Alg::jose).join(", ")
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
