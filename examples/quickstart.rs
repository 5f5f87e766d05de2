//! Issues and verifies a token with each built-in algorithm, prints the tokens and the
//! decoded claims, then shows a tampered token being refused with its error.
//!
//! Run with `cargo run --example quickstart`.

use std::time::Duration;

use jwtcraft::{
    decode, encode, Es256SigningKey, Header, Hs256Key, NumericDate, RegisteredClaims,
    Rs256SigningKey, Signer, Validation, Verifier,
};
use serde::{Deserialize, Serialize};

/// The claims our pretend auth server issues.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    #[serde(flatten)]
    registered: RegisteredClaims,
    name: String,
    roles: Vec<String>,
}

const ISSUER: &str = "https://auth.example.com";
const AUDIENCE: &str = "orders-api";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = NumericDate::now();
    let claims = Claims {
        registered: RegisteredClaims::new()
            .with_issuer(ISSUER)
            .with_subject("user-42")
            .with_audience(AUDIENCE)
            .issued_at(now)
            .expires_at(now.saturating_add(Duration::from_secs(15 * 60))),
        name: "Ada Lovelace".into(),
        roles: vec!["reader".into(), "writer".into()],
    };
    let validation = Validation::new()
        .with_issuer(ISSUER)
        .with_audience(AUDIENCE);

    // HS256: one shared secret signs and verifies.
    let hmac = Hs256Key::new(b"quickstart secret: use 32+ random bytes in production")?
        .with_key_id("hs-1");
    round_trip("HS256", &claims, &hmac, &hmac, &validation)?;

    // RS256 and ES256: the private key signs, the public key (shareable) verifies.
    let rsa = Rs256SigningKey::from_pem(include_str!("../tests/data/rsa2048-private-pkcs8.pem"))?
        .with_key_id("rsa-1");
    round_trip("RS256", &claims, &rsa, &rsa.verifying_key(), &validation)?;

    let ec = Es256SigningKey::from_pem(include_str!("../tests/data/p256-private-pkcs8.pem"))?
        .with_key_id("ec-1");
    let token = round_trip("ES256", &claims, &ec, &ec.verifying_key(), &validation)?;

    // Tampering: give ourselves an admin role by editing the payload. The signature no
    // longer matches, so the token is refused before its claims are even parsed.
    let mut parts: Vec<&str> = token.split('.').collect();
    let forged_payload = jwtcraft::codec::encode(br#"{"sub":"user-42","roles":["admin"]}"#);
    parts[1] = &forged_payload;
    let forged = parts.join(".");
    match decode::<Claims>(&forged, &ec.verifying_key(), &validation) {
        Ok(_) => unreachable!("a forged token must never verify"),
        Err(err) => println!("forged ES256 token refused: {err} ({err:?})"),
    }

    // Algorithm confusion: an ES256 token offered to the RS256 key is refused by type.
    let err = decode::<Claims>(&token, &rsa.verifying_key(), &validation).unwrap_err();
    println!("ES256 token offered to an RS256 key: {err}");
    Ok(())
}

fn round_trip(
    name: &str,
    claims: &Claims,
    signer: &impl Signer,
    verifier: &impl Verifier,
    validation: &Validation,
) -> Result<String, Box<dyn std::error::Error>> {
    let token = encode(&Header::new(), claims, signer)?;
    let checked = decode::<Claims>(&token, verifier, validation)?;
    println!("{name} token: {token}");
    println!("{name} header: {:?}", checked.header());
    println!("{name} claims: {:?}\n", checked.claims());
    Ok(token)
}
