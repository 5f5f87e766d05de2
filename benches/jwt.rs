//! Criterion benchmarks of jwtcraft itself: `sign` (claims → compact token) and `verify`
//! (token → verified typed claims, with `exp`, `iss` and `aud` checked) for HS256, RS256 and
//! ES256; parsing and peeking without verifying; and building keys from PEM, which happens once
//! per key, never per token.
//!
//! Every benchmark asserts once, before timing, that its operation succeeds, so no error path
//! is ever timed. Throughput is in tokens (or keys) per second.
//!
//! `cargo bench --bench jwt` runs them all; the side-by-side comparison with other crates lives
//! in `benches/compare/`, a package of its own.

use std::borrow::Cow;
use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use jwtcraft::{
    decode, decode_borrowed, encode, Es256SigningKey, Es256VerifyingKey, FixedClock, Header,
    Hs256Key, NumericDate, Rs256SigningKey, Rs256VerifyingKey, Signer, UntrustedToken, Validation,
    Verifier,
};
use serde::{Deserialize, Serialize};

const HS256_SECRET: &[u8] = b"jwtcraft-bench-secret-0123456789";
const RSA_PRIVATE_PEM: &str = include_str!("../tests/data/rsa2048-private-pkcs8.pem");
const RSA_PUBLIC_PEM: &str = include_str!("../tests/data/rsa2048-public-spki.pem");
const P256_PRIVATE_PEM: &str = include_str!("../tests/data/p256-private-pkcs8.pem");
const P256_PUBLIC_PEM: &str = include_str!("../tests/data/p256-public-spki.pem");

const ISSUER: &str = "https://auth.example.com";
const AUDIENCE: &str = "orders-api";
/// 2023-11-14.
const IAT: i64 = 1_700_000_000;
/// 2100-01-01: far in the future.
const EXP: i64 = 4_102_444_800;
/// The fixed "now" of every validation: 2027-01-15.
const NOW: i64 = 1_800_000_000;

/// A realistic claims set: registered claims plus a name, a flag and a three-element array.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
struct BenchClaims {
    sub: String,
    name: String,
    iss: String,
    aud: String,
    iat: i64,
    exp: i64,
    admin: bool,
    roles: Vec<String>,
}

/// The same claims, borrowed from the decoded payload (for [`decode_borrowed`]).
#[derive(Deserialize, Debug, PartialEq, Eq)]
struct BorrowedClaims<'a> {
    #[serde(borrow)]
    sub: Cow<'a, str>,
    #[serde(borrow)]
    name: Cow<'a, str>,
    #[serde(borrow)]
    iss: Cow<'a, str>,
    #[serde(borrow)]
    aud: Cow<'a, str>,
    iat: i64,
    exp: i64,
    admin: bool,
    #[serde(borrow)]
    roles: [Cow<'a, str>; 3],
}

/// The header members a hand-written verifier reads to choose a key (`parse/serde_json_claims_hs256`).
#[derive(Deserialize)]
struct BareHeader<'a> {
    alg: &'a str,
    kid: Option<&'a str>,
}

fn claims() -> BenchClaims {
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

fn validation() -> Validation {
    Validation::new()
        .with_issuer(ISSUER)
        .with_audience(AUDIENCE)
        .with_clock(FixedClock(NumericDate::from_unix_seconds(NOW)))
}

/// One algorithm's signer, verifier and a token it signed.
struct Case<'k> {
    id: &'static str,
    signer: &'k dyn Signer,
    verifier: &'k dyn Verifier,
}

fn bench_sign_verify(c: &mut Criterion, cases: &[Case<'_>]) {
    let header = Header::new();
    let validation = validation();
    let expected = claims();

    let mut sign = c.benchmark_group("sign");
    sign.throughput(Throughput::Elements(1));
    for case in cases {
        // Succeeds once before timing.
        let token = encode(&header, &expected, case.signer).expect("sign");
        decode::<BenchClaims>(&token, case.verifier, &validation).expect("own token verifies");
        sign.bench_function(case.id, |b| {
            b.iter(|| encode(&header, black_box(&expected), case.signer).unwrap());
        });
    }
    sign.finish();

    let mut verify = c.benchmark_group("verify");
    verify.throughput(Throughput::Elements(1));
    for case in cases {
        let token = encode(&header, &expected, case.signer).expect("sign");
        let verified = decode::<BenchClaims>(&token, case.verifier, &validation).expect("verify");
        assert_eq!(verified.claims(), &expected);
        verify.bench_function(case.id, |b| {
            b.iter(|| {
                decode::<BenchClaims>(black_box(&token), case.verifier, &validation).unwrap()
            });
        });
    }
    verify.finish();

    // The allocation-free path: claims borrowed from one reused payload buffer.
    let mut borrowed = c.benchmark_group("verify_borrowed");
    borrowed.throughput(Throughput::Elements(1));
    for case in cases {
        let token = encode(&header, &expected, case.signer).expect("sign");
        let mut buffer = Vec::new();
        {
            let verified = decode_borrowed::<BorrowedClaims<'_>>(
                &token,
                case.verifier,
                &validation,
                &mut buffer,
            )
            .expect("verify_borrowed");
            assert_eq!(verified.claims().sub, expected.sub);
            assert_eq!(verified.claims().roles[2], expected.roles[2]);
        }
        borrowed.bench_function(case.id, |b| {
            b.iter(|| {
                let verified = decode_borrowed::<BorrowedClaims<'_>>(
                    black_box(&token),
                    case.verifier,
                    &validation,
                    &mut buffer,
                )
                .unwrap();
                black_box(verified.claims().exp)
            });
        });
    }
    borrowed.finish();
}

fn bench_parse(c: &mut Criterion, cases: &[Case<'_>]) {
    let header = Header::new().with_key_id("key-2026-11");
    let expected = claims();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Elements(1));
    for case in cases {
        let token = encode(&header, &expected, case.signer).expect("sign");
        let parsed = UntrustedToken::parse(&token).expect("parse");
        assert_eq!(parsed.algorithm(), case.verifier.algorithm());
        assert_eq!(parsed.header().key_id(), Some("key-2026-11"));
        // Splitting and reading the header: what a server does to choose a key by `kid`.
        group.bench_function(format!("header_{}", case.id), |b| {
            b.iter(|| {
                let parsed = UntrustedToken::parse(black_box(&token)).unwrap();
                black_box(parsed.header().key_id().map(str::len))
            });
        });
    }
    // Reading the claims without verifying, as for routing by `iss` (HS256 token).
    let token = encode(&header, &expected, cases[0].signer).expect("sign");
    let peeked: BenchClaims = UntrustedToken::parse(&token)
        .and_then(|t| t.unverified_claims())
        .expect("peek");
    assert_eq!(peeked, expected);
    group.bench_function("unverified_claims_hs256", |b| {
        b.iter(|| {
            UntrustedToken::parse(black_box(&token))
                .unwrap()
                .unverified_claims::<BenchClaims>()
                .unwrap()
        });
    });
    // The bare primitives on the same token: split by hand, base64url and serde_json for the
    // header's `alg` and `kid` and for the claims, nothing else checked. What
    // `unverified_claims_hs256` costs over this is jwtcraft's strict reading (segments, the
    // whole header, duplicate names refused at every depth, registered claims kept).
    let bare = |token: &str| -> (usize, BenchClaims) {
        use base64::Engine as _;
        let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
        let (header, rest) = token.split_once('.').unwrap();
        let (payload, _) = rest.split_once('.').unwrap();
        let mut buf = [0u8; 512];
        let len = engine.decode_slice(header, &mut buf).unwrap();
        let header: BareHeader<'_> = serde_json::from_slice(&buf[..len]).unwrap();
        let json = engine.decode(payload).unwrap();
        let claims = serde_json::from_slice(&json).unwrap();
        (header.alg.len() + header.kid.map_or(0, str::len), claims)
    };
    assert_eq!(bare(&token), ("HS256key-2026-11".len(), expected));
    group.bench_function("serde_json_claims_hs256", |b| {
        b.iter(|| bare(black_box(&token)));
    });
    group.finish();
}

fn bench_keys(c: &mut Criterion) {
    // Each constructor succeeds once before timing.
    Hs256Key::new(HS256_SECRET).expect("hs256 key");
    Rs256SigningKey::from_pkcs8_pem(RSA_PRIVATE_PEM).expect("rs256 signing key");
    Rs256VerifyingKey::from_public_key_pem(RSA_PUBLIC_PEM).expect("rs256 verifying key");
    Es256SigningKey::from_pkcs8_pem(P256_PRIVATE_PEM).expect("es256 signing key");
    Es256VerifyingKey::from_public_key_pem(P256_PUBLIC_PEM).expect("es256 verifying key");

    let mut group = c.benchmark_group("key_from_pem");
    group.throughput(Throughput::Elements(1));
    group.bench_function("hs256_from_bytes", |b| {
        b.iter(|| Hs256Key::new(black_box(HS256_SECRET)).unwrap());
    });
    group.bench_function("rs256_signing_pkcs8", |b| {
        b.iter(|| Rs256SigningKey::from_pkcs8_pem(black_box(RSA_PRIVATE_PEM)).unwrap());
    });
    group.bench_function("rs256_verifying_spki", |b| {
        b.iter(|| Rs256VerifyingKey::from_public_key_pem(black_box(RSA_PUBLIC_PEM)).unwrap());
    });
    group.bench_function("es256_signing_pkcs8", |b| {
        b.iter(|| Es256SigningKey::from_pkcs8_pem(black_box(P256_PRIVATE_PEM)).unwrap());
    });
    group.bench_function("es256_verifying_spki", |b| {
        b.iter(|| Es256VerifyingKey::from_public_key_pem(black_box(P256_PUBLIC_PEM)).unwrap());
    });
    group.finish();
}

fn main() {
    let hs256 = Hs256Key::new(HS256_SECRET).expect("hs256 key");
    let rs256 = Rs256SigningKey::from_pkcs8_pem(RSA_PRIVATE_PEM).expect("rs256 signing key");
    let rs256_public =
        Rs256VerifyingKey::from_public_key_pem(RSA_PUBLIC_PEM).expect("rs256 verifying key");
    let es256 = Es256SigningKey::from_pkcs8_pem(P256_PRIVATE_PEM).expect("es256 signing key");
    let es256_public =
        Es256VerifyingKey::from_public_key_pem(P256_PUBLIC_PEM).expect("es256 verifying key");
    let cases = [
        Case {
            id: "hs256",
            signer: &hs256,
            verifier: &hs256,
        },
        Case {
            id: "rs256",
            signer: &rs256,
            verifier: &rs256_public,
        },
        Case {
            id: "es256",
            signer: &es256,
            verifier: &es256_public,
        },
    ];

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    bench_sign_verify(&mut c, &cases);
    bench_parse(&mut c, &cases);
    bench_keys(&mut c);
    c.final_summary();
}
