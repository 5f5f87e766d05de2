//! An issuer publishes its JSON Web Key Set; a resource server verifies tokens with it, then
//! follows a key rotation from key A to key B.
//!
//! 1. The issuer holds an ES256 key and an RS256 key, publishes their public halves as a JWKS
//!    (what it would serve at `/.well-known/jwks.json`) and issues a token with each. Each
//!    signer stamps its `kid` into the token's header.
//! 2. The resource server parses the JWKS into a `KeySet`, which picks the verifying key by the
//!    token's `kid` and checks it is for the token's `alg`.
//! 3. Rotation: key B is published next to A, then the issuer signs with B. During the overlap
//!    tokens from A and from B both verify. Then A is retired, and A's tokens are refused.
//!
//! Run with `cargo run --example jwks`.

use std::time::Duration;

use jwtcraft::{
    encode, EncodeError, Error, Es256SigningKey, Header, HeaderError, Jwk, JwkSet, KeyError,
    KeySet, NumericDate, RegisteredClaims, Rs256SigningKey, Signer, UntrustedToken, Validation,
};
use serde::{Deserialize, Serialize};

const ISSUER: &str = "https://auth.example.com";
const AUDIENCE: &str = "orders-api";

/// The claims the issuer puts in its tokens.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    #[serde(flatten)]
    registered: RegisteredClaims,
    scope: String,
}

/// The authorization server: signing keys, and the JWKS it publishes.
struct Issuer {
    /// Every key whose public half is published, newest last.
    published: Vec<Jwk>,
}

impl Issuer {
    /// The JWKS document: public members only (`to_public_json` also drops any symmetric key).
    fn jwks(&self) -> String {
        self.published
            .iter()
            .cloned()
            .fold(JwkSet::new(), JwkSet::with_key)
            .to_public_json()
    }

    /// Issues a token for `subject`, valid for an hour. The signer's kid goes in the header.
    fn issue(signer: &dyn Signer, subject: &str) -> Result<String, EncodeError> {
        let now = NumericDate::now();
        let claims = Claims {
            registered: RegisteredClaims::new()
                .with_issuer(ISSUER)
                .with_subject(subject)
                .with_audience(AUDIENCE)
                .issued_at(now)
                .expires_at(now.saturating_add(Duration::from_secs(3600))),
            scope: "orders:read".into(),
        };
        encode(&Header::new(), &claims, signer)
    }
}

/// An API that accepts the issuer's tokens.
struct ResourceServer {
    keys: KeySet,
    validation: Validation,
}

impl ResourceServer {
    fn new() -> Self {
        ResourceServer {
            keys: KeySet::new(),
            validation: Validation::new()
                .with_issuer(ISSUER)
                .with_audience(AUDIENCE),
        }
    }

    /// Replaces the key set with the issuer's current JWKS (a real server fetches it over
    /// HTTPS on a schedule, and again when it meets an unknown kid, with a rate limit).
    fn refresh(&mut self, jwks: &str) -> Result<(), KeyError> {
        let (keys, skipped) = KeySet::from_jwks_json(jwks)?;
        for entry in &skipped {
            println!(
                "  skipped key #{} (kid {:?}): {}",
                entry.index, entry.kid, entry.reason
            );
        }
        println!("  resource server now knows {} key(s)", keys.keys().len());
        self.keys = keys;
        Ok(())
    }

    fn verify(&self, label: &str, token: &str) -> Result<(), Error> {
        // The unverified header, only to label the output.
        let untrusted = UntrustedToken::parse(token)?;
        let (alg, kid) = (
            untrusted.algorithm(),
            untrusted.header().key_id().unwrap_or("-"),
        );
        match self.keys.decode::<Claims>(token, &self.validation) {
            Ok(verified) => {
                let claims = verified.claims();
                println!(
                    "  {label}: accepted ({alg}, kid {kid}): sub={} scope={} exp={}",
                    claims.registered.sub.as_deref().unwrap_or("-"),
                    claims.scope,
                    claims
                        .registered
                        .exp
                        .map_or_else(|| "-".to_owned(), |e| e.to_string()),
                );
                Ok(())
            }
            Err(e) => {
                println!("  {label}: REFUSED ({alg}, kid {kid}): {e}");
                Err(e)
            }
        }
    }
}

fn print_jwks(jwks: &str) {
    let pretty: serde_json::Value = serde_json::from_str(jwks).expect("a jwks is json");
    println!(
        "{}",
        serde_json::to_string_pretty(&pretty).expect("json prints")
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // --- 1. The issuer and its JWKS ---------------------------------------------------------
    // Throwaway test keys from this repository; load yours from a secret store.
    let old_key = Es256SigningKey::from_pem(include_str!("../tests/data/p256-private-pkcs8.pem"))?
        .with_key_id("ec-2026-10");
    let rsa = Rs256SigningKey::from_pem(include_str!("../tests/data/rsa2048-private-pkcs8.pem"))?
        .with_key_id("rsa-2026-10");
    let mut issuer = Issuer {
        published: vec![old_key.to_public_jwk(), rsa.to_public_jwk()],
    };
    let jwks = issuer.jwks();
    println!("Issuer publishes its JWKS ({} bytes):", jwks.len());
    print_jwks(&jwks);

    let ec_token = Issuer::issue(&old_key, "user-42")?;
    let rsa_token = Issuer::issue(&rsa, "batch-job-7")?;
    println!("\nIssued an ES256 token and an RS256 token:\n  {ec_token}\n  {rsa_token}");

    // --- 2. The resource server verifies with the JWKS --------------------------------------
    println!("\nResource server loads the JWKS:");
    let mut api = ResourceServer::new();
    api.refresh(&jwks)?;
    api.verify("ES256 token", &ec_token)?;
    api.verify("RS256 token", &rsa_token)?;

    // --- 3. Rotation from key A to key B ----------------------------------------------------
    // Key B arrives as a private JWK (here RFC 7515 A.3's published example key: never use it
    // for anything real). Its kid is its RFC 7638 thumbprint, which any party can recompute.
    let new_key_jwk = Jwk::from_json(
        r#"{"kty":"EC","crv":"P-256",
            "x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            "y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0",
            "d":"jpsQnnGQmL-YBIffH1136cspYG6-0iY7X1fCE9-E9LI"}"#,
    )?
    .with_thumbprint_key_id()?;
    let new_key = Es256SigningKey::from_jwk(&new_key_jwk)?;
    println!(
        "\nRotation, step 1: publish key B (kid {}) next to A, keep signing with A",
        new_key_jwk.key_id().unwrap_or("-")
    );
    issuer.published.push(new_key.to_public_jwk());
    api.refresh(&issuer.jwks())?;

    println!("\nRotation, step 2: sign with B; tokens from A and B both verify (overlap)");
    let new_token = Issuer::issue(&new_key, "user-42")?;
    api.verify("token from A", &ec_token)?;
    api.verify("token from B", &new_token)?;

    // In production, A is retired once the last token it signed has expired; here its token
    // is still valid, to show what a retired key's token meets.
    println!("\nRotation, step 3: retire A (unpublish it)");
    issuer
        .published
        .retain(|jwk| jwk.key_id() != Signer::key_id(&old_key));
    let jwks = issuer.jwks();
    print_jwks(&jwks);
    api.refresh(&jwks)?;
    api.verify("token from B", &new_token)?;
    api.verify("RS256 token", &rsa_token)?;
    match api.verify("token from A", &ec_token) {
        Err(Error::Header(HeaderError::UnknownKeyId(kid))) => {
            println!("  (as expected: key {kid:?} is no longer published)");
        }
        other => panic!("a retired key's token must be refused, got {other:?}"),
    }
    Ok(())
}
