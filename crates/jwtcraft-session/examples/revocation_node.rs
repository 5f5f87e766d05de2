//! One server process's view of revocations through a shared Redis: run two of these
//! against one Redis and a logout made by one is refused by the other within its poll
//! interval (the documented staleness bound). `tests/redis/propagation.rs` runs two and
//! measures the delay; you can also drive them by hand.
//!
//! ```sh
//! JWTCRAFT_REDIS_URL=redis://127.0.0.1:6379/ \
//!   cargo run -p jwtcraft-session --features redis --example revocation_node -- watch
//! ```
//!
//! Environment: `JWTCRAFT_REDIS_URL` (required), `JWTCRAFT_REDIS_PREFIX` (default
//! `jwtcraft`). Roles, with one command or event per line:
//!
//! - `issue N GAP_MS`: logs in N sessions and prints `token I JWT` for each, then `ready`;
//!   waits for `go` on stdin; then logs out session I every `GAP_MS` milliseconds, printing
//!   `logout I UNIX_NS` as each logout returns; then `done`.
//! - `watch`: reads `token I JWT` lines until `ready`; syncs and checks each verifies;
//!   prints `watching N`; keeps its mirror in sync (`spawn_sync`, poll interval 1 s) and
//!   verifies every token once a millisecond, printing `revoked I UNIX_NS` the first time
//!   each is refused as revoked; `done` when all are (or `timeout` after 60 s).

use std::io::BufRead as _;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use jwtcraft::Hs256Key;
use jwtcraft_session::store::{RedisStore, RedisStoreConfig};
use jwtcraft_session::{SessionConfig, SessionManager};

type Error = Box<dyn std::error::Error>;

/// The staleness bound under test. `SessionConfig` accepts nothing shorter than a second.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

fn unix_ns() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

fn manager() -> Result<SessionManager<RedisStore>, Error> {
    let url = std::env::var("JWTCRAFT_REDIS_URL")?;
    let prefix = std::env::var("JWTCRAFT_REDIS_PREFIX").unwrap_or_else(|_| "jwtcraft".into());
    let store = RedisStore::open(&url, &RedisStoreConfig::new().with_prefix(prefix))?;
    // Every node of one deployment shares the signing key; a real one loads it from its
    // secret store rather than from a constant.
    let key = Hs256Key::new(b"revocation_node example key 32b!")?;
    let config = SessionConfig::new()
        .with_poll_interval(POLL_INTERVAL)
        .with_max_staleness(Duration::from_secs(10));
    Ok(SessionManager::new(store, key.clone(), key, config)?)
}

fn lines() -> impl Iterator<Item = String> {
    std::io::stdin().lock().lines().map_while(Result::ok)
}

async fn issue(count: usize, gap: Duration) -> Result<(), Error> {
    let sessions = manager()?;
    let mut families = Vec::with_capacity(count);
    for i in 0..count {
        let pair = sessions.login(&format!("user-{i}")).await?;
        println!("token {i} {}", pair.access_token);
        families.push(pair.family);
    }
    println!("ready");
    if !lines().any(|line| line == "go") {
        return Err("stdin closed before `go`".into());
    }
    for (i, family) in families.iter().enumerate() {
        sessions.logout(family).await?;
        println!("logout {i} {}", unix_ns());
        tokio::time::sleep(gap).await;
    }
    println!("done");
    Ok(())
}

async fn watch() -> Result<(), Error> {
    let sessions = Arc::new(manager()?);
    let mut tokens = Vec::new();
    for line in lines() {
        if line == "ready" {
            break;
        }
        let mut parts = line.splitn(3, ' ');
        if let (Some("token"), Some(i), Some(jwt)) = (parts.next(), parts.next(), parts.next()) {
            tokens.push((i.parse::<usize>()?, jwt.to_owned()));
        }
    }
    sessions.sync().await?;
    for (_, jwt) in &tokens {
        sessions.verify(jwt)?;
    }
    let _poller = sessions.spawn_sync();
    println!("watching {}", tokens.len());
    let deadline = Instant::now() + Duration::from_secs(60);
    while !tokens.is_empty() {
        if Instant::now() > deadline {
            println!("timeout");
            return Ok(());
        }
        tokens.retain(|(i, jwt)| match sessions.verify(jwt) {
            Err(err) if err.code() == "revoked" => {
                println!("revoked {i} {}", unix_ns());
                false
            }
            _ => true,
        });
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    println!("done");
    Ok(())
}

fn main() -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    runtime.block_on(async {
        match args.as_slice() {
            ["issue", count, gap_ms] => {
                issue(count.parse()?, Duration::from_millis(gap_ms.parse()?)).await
            }
            ["watch"] => watch().await,
            _ => Err("usage: revocation_node issue N GAP_MS | watch".into()),
        }
    })
}
