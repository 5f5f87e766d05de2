//! Refreshes/s on Redis at 64 concurrent clients, next to `redis-benchmark` (EVALSHA of a
//! trivial script, and SET) at `-c 64` against the same server in the same run; and
//! revocation-aware verifies/s with a store that counts its calls (0 per verify).
//!
//! ```sh
//! .ci/with-redis cargo bench -p jwtcraft-session --features redis --bench redis
//! ```
//!
//! The store's 64 clients are tasks on a 2-worker runtime sharing the store's connections
//! (four, multiplexed); on the 2-core development machine redis-server is then the busy
//! side (the bench prints both sides' CPU), as it is for `redis-benchmark`.
//!
//! Without `JWTCRAFT_REDIS_URL` it prints that it skipped and exits successfully.

// Timings are reported as floats; a few ulps of precision do not matter here.
#![allow(missing_docs, clippy::cast_precision_loss)]

#[allow(dead_code, unreachable_pub)]
#[path = "../tests/common/faulty.rs"]
mod faulty;

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher as _, Hasher as _};
use std::hint::black_box;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jwtcraft::Hs256Key;
use jwtcraft_session::store::{RedisStore, RedisStoreConfig};
use jwtcraft_session::{SessionConfig, SessionManager};

use faulty::CountingStore;

const CLIENTS: usize = 64;
const REFRESHES_PER_CLIENT: usize = 1_000;
const VERIFIES: usize = 200_000;
const BENCHMARK_REQUESTS: &str = "200000";

type Manager = SessionManager<Arc<CountingStore<RedisStore>>>;

fn redis_benchmark_binary() -> String {
    // Next to the server binary `.ci/with-redis` found, else from PATH.
    std::env::var("JWTCRAFT_REDIS_SERVER")
        .ok()
        .and_then(|server| {
            let path = std::path::Path::new(&server).with_file_name("redis-benchmark");
            path.exists().then(|| path.display().to_string())
        })
        .unwrap_or_else(|| "redis-benchmark".into())
}

/// Requests/s that `redis-benchmark -c 64` reports for `command`.
fn redis_benchmark(host: &str, port: &str, command: &[&str]) -> f64 {
    let output = Command::new(redis_benchmark_binary())
        .args([
            "-h",
            host,
            "-p",
            port,
            "-c",
            "64",
            "-n",
            BENCHMARK_REQUESTS,
            "-q",
        ])
        .args(command)
        .output()
        .expect("run redis-benchmark");
    let text = String::from_utf8_lossy(&output.stdout);
    // `-q` prints "<command>: 123456.78 requests per second, p50=..." after progress
    // lines separated by carriage returns.
    let last = text
        .split(['\r', '\n'])
        .rfind(|l| l.contains("requests per second"))
        .unwrap_or_else(|| panic!("no figure in redis-benchmark output: {text}"));
    let figure = last
        .split(": ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .unwrap_or_else(|| panic!("cannot read {last}"));
    figure.parse().expect("a number")
}

/// This process's CPU time so far (user + system, Linux `/proc`), to say which side of the
/// connection a throughput figure is bound by; `None` elsewhere.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the `(comm)`: utime and stime are the 12th and 13th, in clock ticks
    // (100 per second on Linux).
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// redis-server's CPU time so far (user + system), from `INFO cpu`.
async fn server_cpu(conn: &mut redis::aio::MultiplexedConnection) -> Duration {
    let info: String = redis::cmd("INFO")
        .arg("cpu")
        .query_async(conn)
        .await
        .expect("info");
    let seconds: f64 = info
        .lines()
        .filter_map(|l| {
            l.strip_prefix("used_cpu_sys:")
                .or_else(|| l.strip_prefix("used_cpu_user:"))
        })
        .filter_map(|v| v.trim().parse::<f64>().ok())
        .sum();
    Duration::from_secs_f64(seconds)
}

async fn refreshes_per_second(manager: &Arc<Manager>) -> f64 {
    let mut pairs = Vec::with_capacity(CLIENTS);
    for i in 0..CLIENTS {
        pairs.push(manager.login(&format!("client-{i}")).await.expect("login"));
    }
    let start = Instant::now();
    let tasks: Vec<_> = pairs
        .into_iter()
        .map(|mut pair| {
            let manager = manager.clone();
            tokio::spawn(async move {
                for _ in 0..REFRESHES_PER_CLIENT {
                    pair = manager
                        .refresh(pair.refresh_token.as_str())
                        .await
                        .expect("refresh");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("no panic");
    }
    (CLIENTS * REFRESHES_PER_CLIENT) as f64 / start.elapsed().as_secs_f64()
}

/// The same trivial `EVALSHA` as `redis-benchmark`, from 64 tasks through one
/// `ConnectionManager` (what the store uses): the client library's own ceiling here.
async fn client_evalsha_per_second(url: &str, sha: &str) -> f64 {
    let client = redis::Client::open(url).expect("url");
    let conn = redis::aio::ConnectionManager::new(client)
        .await
        .expect("connect");
    let start = Instant::now();
    let tasks: Vec<_> = (0..CLIENTS)
        .map(|_| {
            let (mut conn, sha) = (conn.clone(), sha.to_owned());
            tokio::spawn(async move {
                for _ in 0..REFRESHES_PER_CLIENT {
                    let one: i64 = redis::cmd("EVALSHA")
                        .arg(&sha)
                        .arg(0)
                        .query_async(&mut conn)
                        .await
                        .expect("evalsha");
                    black_box(one);
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("no panic");
    }
    (CLIENTS * REFRESHES_PER_CLIENT) as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let Ok(url) = std::env::var("JWTCRAFT_REDIS_URL") else {
        println!("redis bench SKIPPED (no JWTCRAFT_REDIS_URL; run through .ci/with-redis)");
        return;
    };
    let address = url
        .trim_start_matches("redis://")
        .trim_end_matches('/')
        .to_owned();
    let (host, port) = address.rsplit_once(':').expect("redis://host:port/ URL");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let key = Hs256Key::new(b"jwtcraft-session bench key 32 b!").expect("key");
    let prefix = format!(
        "jwtcraft-bench-{:016x}",
        RandomState::new().build_hasher().finish()
    );

    let (manager, store, sha, mut conn) = runtime.block_on(async {
        let redis =
            RedisStore::open(&url, &RedisStoreConfig::new().with_prefix(prefix)).expect("open");
        let store = Arc::new(CountingStore::new(redis));
        let config = SessionConfig::new().with_access_ttl(Duration::from_secs(3600));
        let manager =
            Arc::new(SessionManager::new(store.clone(), key.clone(), key, config).expect("config"));
        manager.sync().await.expect("sync");
        // Warm up: connection, script cache, allocator.
        let pair = manager.login("warm-up").await.expect("login");
        manager
            .refresh(pair.refresh_token.as_str())
            .await
            .expect("refresh");
        let client = redis::Client::open(url.as_str()).expect("url");
        let mut conn = client
            .get_multiplexed_async_connection()
            .await
            .expect("connect");
        let sha: String = redis::cmd("SCRIPT")
            .arg("LOAD")
            .arg("return 1")
            .query_async(&mut conn)
            .await
            .expect("script load");
        (manager, store, sha, conn)
    });

    store.take();
    let (client_before, server_before) = (process_cpu(), runtime.block_on(server_cpu(&mut conn)));
    let wall = Instant::now();
    let refresh_rate = runtime.block_on(refreshes_per_second(&manager));
    let wall = wall.elapsed().as_secs_f64();
    let server_busy = runtime
        .block_on(server_cpu(&mut conn))
        .saturating_sub(server_before)
        .as_secs_f64()
        / wall;
    let client_busy = process_cpu()
        .zip(client_before)
        .map(|(after, before)| after.saturating_sub(before).as_secs_f64() / wall);
    let refresh_calls = store.take() as f64 / (CLIENTS * (REFRESHES_PER_CLIENT + 1)) as f64;
    let client_rate = runtime.block_on(client_evalsha_per_second(&url, &sha));
    let evalsha_rate = redis_benchmark(host, port, &["EVALSHA", &sha, "0"]);
    let set_rate = redis_benchmark(host, port, &["SET", "jwtcraft-bench-key", "x"]);

    let token = runtime
        .block_on(manager.login("verify"))
        .expect("login")
        .access_token;
    store.take();
    let start = Instant::now();
    for _ in 0..VERIFIES {
        black_box(manager.verify(black_box(&token)).expect("verify"));
    }
    let verify_rate = VERIFIES as f64 / start.elapsed().as_secs_f64();
    let verify_calls = store.take();
    assert_eq!(verify_calls, 0, "verify made store calls");

    println!("refresh on redis, {CLIENTS} concurrent clients: {refresh_rate:>9.0} /s  (store calls per login+refresh: {refresh_calls:.2})");
    println!(
        "  during it: redis-server busy {:.0} % of a core, this process {} of a core",
        100.0 * server_busy,
        client_busy.map_or("(unknown)".into(), |c| format!("{:.0} %", 100.0 * c))
    );
    println!("redis-benchmark -c 64 EVALSHA (return 1):  {evalsha_rate:>9.0} /s");
    println!("same EVALSHA, 64 tasks, one ConnectionManager: {client_rate:>7.0} /s");
    println!("redis-benchmark -c 64 SET:                 {set_rate:>9.0} /s");
    println!(
        "refresh / EVALSHA ratio:                   {:>9.1} %  (target >= 50 %)",
        100.0 * refresh_rate / evalsha_rate
    );
    println!("verify (revocation-aware, redis store):    {verify_rate:>9.0} /s  (store calls in {VERIFIES} verifies: {verify_calls})");
}
