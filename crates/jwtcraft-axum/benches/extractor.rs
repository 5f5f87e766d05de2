//! Requests per second through the `Claims<C>` extractor next to a handler that reads the
//! `Authorization` header and calls `jwtcraft::decode` by hand, with the same key and
//! validation, on the same `Router` (driven by `oneshot`, no socket), for an HS256 and an
//! ES256 token.
//!
//! `cargo bench -p jwtcraft-axum --bench extractor -- --warm-up-time 1 --measurement-time 5`
//!
//! Criterion reports each route; at the end the bench reads back criterion's medians and
//! prints the overhead ratio (extractor / by hand) per algorithm. Criterion measures the two
//! routes one after the other, so on a shared machine a change of load between them shows up
//! as "overhead"; the bench therefore also prints a paired ratio: `ROUNDS` rounds, each timing
//! one batch of each route back to back (in alternating order), and the median of the
//! per-round ratios.

// Timings are reported as floats; a few ulps of precision do not matter here.
#![allow(missing_docs, clippy::cast_precision_loss)]

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{FromRef, State};
use axum::http::{header::AUTHORIZATION, HeaderMap, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use criterion::Criterion;
use jwtcraft::{
    bearer_token, decode, encode, Es256SigningKey, FixedClock, Header, Hs256Key, KeySet,
    NumericDate, Validation, Verifier,
};
use jwtcraft_axum::{Claims, JwtAuth, StaticKeys};
use tower::ServiceExt;

const NOW: i64 = 1_800_000_000;
/// Rounds of the paired measurement.
const ROUNDS: usize = 101;

#[derive(Debug, serde::Deserialize)]
struct MyClaims {
    sub: String,
    #[allow(dead_code)]
    scope: String,
}

#[derive(Clone)]
struct AppState {
    auth: JwtAuth<MyClaims>,
    key: Arc<dyn Verifier + Send + Sync>,
    validation: Arc<Validation>,
}

impl FromRef<AppState> for JwtAuth<MyClaims> {
    fn from_ref(state: &AppState) -> Self {
        state.auth.clone()
    }
}

async fn extractor(Claims(claims): Claims<MyClaims>) -> String {
    claims.sub
}

async fn by_hand(State(state): State<AppState>, headers: HeaderMap) -> Result<String, StatusCode> {
    let value = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let token = bearer_token(value).map_err(|_| StatusCode::UNAUTHORIZED)?;
    let claims = decode::<MyClaims>(token, &*state.key, &state.validation)
        .map_err(|_| StatusCode::UNAUTHORIZED)?
        .into_claims();
    Ok(claims.sub)
}

fn router(verifier: impl Verifier + Clone + Send + Sync + 'static, keys: KeySet) -> Router {
    let validation = Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(NOW)));
    let auth = JwtAuth::new(Arc::new(StaticKeys::new(keys, validation.clone())));
    let state = AppState {
        auth,
        key: Arc::new(verifier),
        validation: Arc::new(validation),
    };
    Router::new()
        .route("/extractor", get(extractor))
        .route("/by_hand", get(by_hand))
        .with_state(state)
}

fn request(path: &str, bearer: &str) -> Request<axum::body::Body> {
    Request::get(path)
        .header(AUTHORIZATION, bearer)
        .body(axum::body::Body::empty())
        .expect("request")
}

fn call(runtime: &tokio::runtime::Runtime, app: &Router, path: &str, bearer: &str) -> StatusCode {
    let response = runtime
        .block_on(app.clone().oneshot(request(path, bearer)))
        .expect("infallible");
    response.status()
}

fn output_dir() -> PathBuf {
    // Where criterion writes by default, made explicit so the ratio can be read back.
    std::env::var_os("CRITERION_HOME").map_or_else(
        || {
            std::env::var_os("CARGO_TARGET_DIR").map_or_else(
                || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/criterion"),
                |t| PathBuf::from(t).join("criterion"),
            )
        },
        PathBuf::from,
    )
}

fn median_ns(dir: &std::path::Path, group: &str, function: &str) -> Option<f64> {
    let path = dir.join(group).join(function).join("new/estimates.json");
    let text = std::fs::read_to_string(path).ok()?;
    let json: serde_json::Value = serde_json::from_str(&text).ok()?;
    json["median"]["point_estimate"].as_f64()
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// Median ns per request of each route and median per-round ratio, timed in interleaved
/// batches of `batch` requests.
fn paired(
    runtime: &tokio::runtime::Runtime,
    app: &Router,
    bearer: &str,
    batch: usize,
) -> (f64, f64, f64) {
    let time = |path: &str| {
        let start = Instant::now();
        for _ in 0..batch {
            black_box(call(runtime, app, path, bearer));
        }
        start.elapsed().as_nanos() as f64 / batch as f64
    };
    let (mut with, mut without, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let (w, h) = if round % 2 == 0 {
            let w = time("/extractor");
            (w, time("/by_hand"))
        } else {
            let h = time("/by_hand");
            (time("/extractor"), h)
        };
        with.push(w);
        without.push(h);
        ratios.push(w / h);
    }
    (median(with), median(without), median(ratios))
}

fn main() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let claims = serde_json::json!({"sub": "user-42", "exp": NOW + 900, "scope": "orders:read"});

    let hs = Hs256Key::new(b"jwtcraft-axum bench key of 32 b!")
        .expect("key")
        .with_key_id("hs");
    let hs_token = encode(&Header::new(), &claims, &hs).expect("sign");
    let es = Es256SigningKey::generate().expect("key").with_key_id("es");
    let es_public = es.verifying_key();
    let es_token = encode(&Header::new(), &claims, &es).expect("sign");

    let cases = [
        (
            "HS256",
            router(hs.clone(), KeySet::new().with_key(hs)),
            hs_token,
        ),
        (
            "ES256",
            router(es_public.clone(), KeySet::new().with_key(es_public)),
            es_token,
        ),
    ];

    let dir = output_dir();
    let mut criterion = Criterion::default()
        .output_directory(&dir)
        .configure_from_args();
    for (alg, app, token) in &cases {
        let bearer = format!("Bearer {token}");
        for path in ["/extractor", "/by_hand"] {
            assert_eq!(
                call(&runtime, app, path, &bearer),
                StatusCode::OK,
                "{alg} {path}"
            );
        }
        let mut group = criterion.benchmark_group(*alg);
        for (name, path) in [("extractor", "/extractor"), ("by_hand", "/by_hand")] {
            group.bench_function(name, |b| {
                b.iter(|| black_box(call(&runtime, app, path, &bearer)));
            });
        }
        group.finish();
    }
    criterion.final_summary();

    for ((alg, app, token), batch) in cases.iter().zip([2_000, 40]) {
        let (with, without, ratio) = paired(&runtime, app, &format!("Bearer {token}"), batch);
        println!(
            "{alg} paired ({ROUNDS} rounds of {batch}): extractor {with:.0} ns, by hand {without:.0} ns, median ratio {ratio:.3}x"
        );
    }
    for (alg, _, _) in &cases {
        match (median_ns(&dir, alg, "extractor"), median_ns(&dir, alg, "by_hand")) {
            (Some(with), Some(without)) => println!(
                "{alg}: extractor {:.0} req/s ({with:.0} ns), by hand {:.0} req/s ({without:.0} ns), ratio {:.3}x",
                1e9 / with,
                1e9 / without,
                with / without,
            ),
            _ => println!("{alg}: no criterion estimates under {} (filtered out?)", dir.display()),
        }
    }
}
