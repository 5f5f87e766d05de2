//! Two server processes sharing one Redis: `examples/revocation_node.rs` run as two OS
//! processes. Process A logs out sessions one by one; process B, which only polls the
//! revocation log, must refuse each session's access token within the documented staleness
//! bound (the poll interval, 1 s, plus a store round trip).
//!
//! The propagation delay (B's first refusal minus A's logout returning, both read from the
//! system clock of this one machine) is a measurement: it is printed as p50/p99/max, and
//! the pass/fail compares p99 with a generous bound (poll interval + 1 s).

use std::io::{BufRead as _, BufReader, Write as _};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::{env_or_skip, fresh_prefix};

const SESSIONS: usize = 150;
const GAP_MS: u64 = 20;
const POLL_INTERVAL_MS: f64 = 1000.0;
const BOUND_MS: f64 = POLL_INTERVAL_MS + 1000.0;

/// The example binary, built (or found up to date) by the same cargo that runs this test: a
/// run of `cargo test --test redis` alone does not build examples, and a stale one from an
/// earlier build would measure old code.
fn example() -> PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    // target/<profile>/deps/redis-<hash> -> target/<profile>/examples/revocation_node
    let profile = exe
        .parent()
        .and_then(|deps| deps.parent())
        .expect("profile dir");
    let mut build = Command::new(env!("CARGO"));
    build
        .args([
            "build",
            "--locked",
            "-p",
            "jwtcraft-session",
            "--features",
            "redis",
        ])
        .args(["--example", "revocation_node"])
        .env("CARGO_TARGET_DIR", profile.parent().expect("target dir"));
    if profile.file_name().is_some_and(|name| name == "release") {
        build.arg("--release");
    }
    let status = build.status().expect("run cargo");
    assert!(
        status.success(),
        "building the revocation_node example failed"
    );
    profile
        .join("examples")
        .join(format!("revocation_node{}", std::env::consts::EXE_SUFFIX))
}

/// Built once per test run.
fn example_path() -> &'static PathBuf {
    static PATH: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    PATH.get_or_init(example)
}

struct Node {
    child: Child,
    stdin: ChildStdin,
    lines: mpsc::Receiver<String>,
}

impl Node {
    fn spawn(url: &str, prefix: &str, args: &[&str]) -> Node {
        let mut child = Command::new(example_path())
            .args(args)
            .env("JWTCRAFT_REDIS_URL", url)
            .env("JWTCRAFT_REDIS_PREFIX", prefix)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("spawn revocation_node");
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Node {
            child,
            stdin,
            lines,
        }
    }

    /// The next line, failing the test if none comes within 30 s.
    fn next(&self) -> String {
        self.lines
            .recv_timeout(Duration::from_secs(30))
            .expect("revocation_node answered")
    }

    fn send(&mut self, line: &str) {
        writeln!(self.stdin, "{line}").expect("write to revocation_node");
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `"<word> <index> <unix ns>"`.
fn event(line: &str, word: &str) -> Option<(usize, u128)> {
    let mut parts = line.split(' ');
    (parts.next()? == word).then_some(())?;
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    // Nearest rank.
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss
    )]
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

#[test]
fn logout_in_one_process_reaches_another_within_the_poll_interval() {
    let Some(url) = env_or_skip("JWTCRAFT_REDIS_URL") else {
        return;
    };
    let prefix = fresh_prefix();
    let mut watcher = Node::spawn(&url, &prefix, &["watch"]);
    let mut issuer = Node::spawn(
        &url,
        &prefix,
        &["issue", &SESSIONS.to_string(), &GAP_MS.to_string()],
    );
    loop {
        let line = issuer.next();
        if line == "ready" {
            break;
        }
        assert!(line.starts_with("token "), "{line}");
        watcher.send(&line);
    }
    watcher.send("ready");
    assert_eq!(watcher.next(), format!("watching {SESSIONS}"));
    issuer.send("go");

    let mut logouts = vec![None; SESSIONS];
    loop {
        let line = issuer.next();
        if line == "done" {
            break;
        }
        let (i, at) = event(&line, "logout").unwrap_or_else(|| panic!("{line}"));
        logouts[i] = Some(at);
    }
    let mut refusals = vec![None; SESSIONS];
    loop {
        let line = watcher.next();
        if line == "done" {
            break;
        }
        assert_ne!(line, "timeout", "some logouts never reached the watcher");
        let (i, at) = event(&line, "revoked").unwrap_or_else(|| panic!("{line}"));
        refusals[i] = Some(at);
    }
    #[allow(clippy::cast_precision_loss)]
    let mut delays: Vec<f64> = logouts
        .iter()
        .zip(&refusals)
        .map(|(logout, refusal)| {
            let (logout, refusal) = (logout.expect("logged out"), refusal.expect("refused"));
            // B may see the entry before A's `logout` line is timestamped: that is 0 delay.
            refusal.saturating_sub(logout) as f64 / 1e6
        })
        .collect();
    delays.sort_by(f64::total_cmp);
    let (p50, p99, max) = (
        percentile(&delays, 50.0),
        percentile(&delays, 99.0),
        delays[delays.len() - 1],
    );
    let _ = writeln!(
        std::io::stderr().lock(),
        "revocation propagation across processes ({SESSIONS} logouts, poll interval \
         {POLL_INTERVAL_MS} ms): p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms"
    );
    assert!(p99 <= BOUND_MS, "p99 {p99:.1} ms > {BOUND_MS} ms");
}
