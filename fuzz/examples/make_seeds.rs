//! Writes the seed corpora in `fuzz/seeds/<target>/`: valid tokens for each algorithm, their
//! unsigned `header.payload` halves (which the decode targets sign themselves), header and
//! claims JSON, and every key fixture in PEM, DER and JWK form.
//!
//! Run from `fuzz/`: `cargo run --example make_seeds`. The output is deterministic: HS256 and
//! RS256 signatures are, the curve crates sign ECDSA with RFC 6979 nonces, and Ed25519 is
//! deterministic; only the one PS256 seed differs from run to run (a random salt).

use std::fs;
use std::path::{Path, PathBuf};

use jwtcraft::{codec, encode, Header, Jwk, JwkSet, Signer};
use jwtcraft_fuzz::{
    ed25519_signing, es384_signing, es512_signing, es_signing, good_claims, hs512_key, hs_key,
    ps256_signing, rs_signing, KNOWN_CRIT,
};
use serde_json::json;

fn dir(target: &str) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(target);
    fs::create_dir_all(&path).unwrap();
    path
}

fn write(target: &str, name: &str, bytes: impl AsRef<[u8]>) {
    fs::write(dir(target).join(name), bytes).unwrap();
}

fn unsigned_half(token: &str) -> &str {
    token.rsplit_once('.').unwrap().0
}

fn token_seeds(target: &str, signer: &impl Signer) {
    let claims = good_claims();
    let plain = encode(&Header::new(), &claims, signer).unwrap();
    write(target, "valid", &plain);
    write(target, "valid-unsigned", unsigned_half(&plain));
    let crit = Header::new()
        .with_critical([KNOWN_CRIT])
        .with_extra(KNOWN_CRIT, true)
        .with_content_type("JWT");
    let with_crit = encode(&crit, &claims, signer).unwrap();
    write(target, "valid-crit", &with_crit);
    write(target, "valid-crit-unsigned", unsigned_half(&with_crit));
    let minimal = encode(&Header::empty(), &json!({"exp": 1_800_000_000}), signer).unwrap();
    write(target, "valid-minimal", &minimal);
    write(target, "malformed-dots", "a.b.c.d");
    write(
        target,
        "malformed-padding",
        format!("{}=", plain.rsplit_once('.').unwrap().0),
    );
}

fn header_seeds() {
    for (name, json) in [
        ("hs256", r#"{"alg":"HS256","typ":"JWT","kid":"k1"}"#),
        ("hs256-bare", r#"{"alg":"HS256"}"#),
        (
            "crit",
            r#"{"alg":"HS256","crit":["known"],"known":{"a":[1,2.5,null]}}"#,
        ),
        ("crit-unknown", r#"{"alg":"HS256","crit":["x"],"x":1}"#),
        ("b64", r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#),
        ("none", r#"{"alg":"none","typ":"JWT"}"#),
        (
            "escaped",
            r#"{"alg":"HS\u0032\u00356","typ":"\u004aWT","kid":"\u006b1"}"#,
        ),
        (
            "jwk",
            r#"{"alg":"HS256","jwk":{"kty":"oct","k":"AAAA"},"jku":"https://x","x5c":["MII"]}"#,
        ),
        (
            "cty",
            r#"{"alg":"HS256","cty":"JWT","typ":"application/jwt"}"#,
        ),
        ("duplicate", r#"{"alg":"HS256","alg":"HS256"}"#),
    ] {
        write("header", name, json);
    }
}

fn validation_seeds() {
    write("validation", "good", good_claims().to_string());
    for (name, json) in [
        (
            "floats",
            r#"{"iss":"https://issuer.example","aud":"orders-api","sub":"user-1","exp":1700000600.75,"nbf":1.7e9,"iat":1699999999.5,"jti":"j","role":{"x":[]}}"#,
        ),
        ("minimal", r#"{"exp":1700000600}"#),
        (
            "types",
            r#"{"exp":"1700000600","aud":[1],"iss":null,"sub":["user-1"],"role":null}"#,
        ),
        (
            "huge",
            r#"{"exp":1e400,"nbf":-0,"iat":18446744073709551616}"#,
        ),
        (
            "escapes",
            r#"{"iss":"https:\/\/issuer.example","sub":"user\u002d1","aud":["\u006frders-api"],"exp":1700000600,"nbf":0,"iat":1700000000,"jti":"\ud83d\ude00","role":"a"}"#,
        ),
        ("nested", r#"{"exp":1700000600,"x":[[[[{"y":[{}]}]]]]}"#),
        ("duplicate", r#"{"exp":1700000600,"exp":1}"#),
    ] {
        write("validation", name, json);
    }
}

fn key_seeds() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data");
    let mut names: Vec<_> = fs::read_dir(&data)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| {
            Path::new(name)
                .extension()
                .is_some_and(|ext| ext == "pem" || ext == "der")
        })
        .collect();
    names.sort();
    for name in names {
        write("keys", &name, fs::read(data.join(&name)).unwrap());
    }
    let rs = rs_signing();
    let es = es_signing();
    let hs = hs_key();
    let jwks: [(&str, Jwk); 11] = [
        ("jwk-rsa-private", rs.to_private_jwk()),
        ("jwk-rsa-public", rs.to_public_jwk()),
        ("jwk-ec-private", es.to_private_jwk()),
        ("jwk-ec-public", es.to_public_jwk()),
        ("jwk-oct", hs.to_secret_jwk()),
        ("jwk-oct-hs512", hs512_key().to_secret_jwk()),
        ("jwk-rsa-ps256", ps256_signing().to_public_jwk()),
        ("jwk-ec-p384-private", es384_signing().to_private_jwk()),
        ("jwk-ec-p521-private", es512_signing().to_private_jwk()),
        ("jwk-okp-private", ed25519_signing().to_private_jwk()),
        ("jwk-okp-public", ed25519_signing().to_public_jwk()),
    ];
    let mut set = JwkSet::new();
    for (name, jwk) in jwks {
        write("keys", name, serde_json::to_string(&jwk).unwrap());
        set = set.with_key(jwk);
    }
    let all: Vec<Jwk> = set.keys().to_vec();
    write(
        "keys",
        "jwks-all",
        serde_json::to_string(&json!({ "keys": all })).unwrap(),
    );
    write("keys", "jwks-public", set.to_public_json());
    let (x, y) = es.verifying_key().to_coordinates();
    let mut point = vec![4u8];
    point.extend_from_slice(&x);
    point.extend_from_slice(&y);
    write("keys", "sec1-point", &point);
    write("keys", "coordinates", [x, y].concat());
    write(
        "keys",
        "hmac-secret",
        codec::encode(b"0123456789abcdef0123456789abcdef"),
    );
}

fn main() {
    token_seeds("decode_hs256", hs_key());
    token_seeds("decode_rs256", rs_signing());
    token_seeds("decode_es256", es_signing());
    // decode_more: Ed25519 through the full set, one valid token of each other algorithm.
    token_seeds("decode_more", ed25519_signing());
    let others: [(&str, &dyn Signer); 4] = [
        ("valid-hs512", hs512_key()),
        ("valid-ps256", ps256_signing()),
        ("valid-es384", es384_signing()),
        ("valid-es512", es512_signing()),
    ];
    for (name, signer) in others {
        write(
            "decode_more",
            name,
            encode(&Header::new(), &good_claims(), &signer).unwrap(),
        );
    }
    header_seeds();
    validation_seeds();
    key_seeds();
    println!("seeds written to {}", dir("").display());
}
