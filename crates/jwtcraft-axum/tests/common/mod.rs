//! What the example-service tests share: the example's own routers (the very file the
//! example runs), a clock the tests move, and servers on 127.0.0.1.

// Each test binary uses a part of this module and of the example's.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::Request;
use axum::middleware::Next;
use axum::Router;
use jwtcraft::{Clock, Es256SigningKey, NumericDate};
use jwtcraft_session::{MemoryStore, SessionConfig};

#[path = "../../examples/service/app.rs"]
pub(crate) mod app;

/// When the tests' clock starts.
pub(crate) const START: i64 = 1_900_000_000;
/// The access-token lifetime of the tests' sessions.
pub(crate) const ACCESS_TTL: Duration = Duration::from_secs(300);

/// A clock the test moves by hand.
#[derive(Debug)]
pub(crate) struct ManualClock(AtomicI64);

impl ManualClock {
    pub(crate) fn new() -> Arc<Self> {
        ManualClock::at(START)
    }

    /// A clock that starts at `unix_seconds`. The real-HTTP tests start it at the wall
    /// clock's reading because the resource server judges tokens by the system clock; no
    /// assertion depends on that reading.
    pub(crate) fn at(unix_seconds: i64) -> Arc<Self> {
        Arc::new(ManualClock(AtomicI64::new(unix_seconds)))
    }

    pub(crate) fn advance(&self, by: Duration) {
        let seconds = i64::try_from(by.as_secs()).expect("a test-sized duration");
        self.0.fetch_add(seconds, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> NumericDate {
        NumericDate::from_unix_seconds(self.0.load(Ordering::SeqCst))
    }
}

/// The example's auth server on an in-memory store, its tokens signed by `key`, judged by
/// `clock`, its page served from `origin`.
pub(crate) async fn auth_router(
    key: Es256SigningKey,
    clock: &Arc<ManualClock>,
    origins: &[String],
) -> Router {
    // The clock jumps by minutes and days while the revocation poller ticks in real time:
    // a generous staleness bound keeps verification from failing closed in between. This
    // one process makes every revocation, and those apply at once.
    let config = SessionConfig::new()
        .with_access_ttl(ACCESS_TTL)
        .with_max_staleness(Duration::from_secs(60 * 24 * 3600))
        .with_clock(Arc::clone(clock));
    app::auth_router(MemoryStore::new(), key, config, origins)
        .await
        .expect("the example's auth router builds")
}

/// Serves `router` on 127.0.0.1 at a free port, until the test's runtime ends.
pub(crate) async fn serve(router: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

/// A fresh ES256 key whose `kid` is its RFC 7638 thumbprint, as the example makes.
pub(crate) fn key() -> Es256SigningKey {
    Es256SigningKey::generate()
        .unwrap()
        .with_thumbprint_key_id()
}

/// The `Set-Cookie` values of a response, by cookie name.
pub(crate) fn set_cookies(headers: &axum::http::HeaderMap) -> Vec<(String, String)> {
    headers
        .get_all(axum::http::header::SET_COOKIE)
        .iter()
        .map(|v| {
            let text = v.to_str().unwrap().to_owned();
            let name = text.split('=').next().unwrap().to_owned();
            (name, text)
        })
        .collect()
}

/// The value a `Set-Cookie` line stores.
pub(crate) fn cookie_value(set_cookie: &str) -> &str {
    let pair = set_cookie.split(';').next().unwrap();
    pair.split_once('=').unwrap().1
}

/// One request a recorded server saw, and its answer.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) origin: Option<String>,
    /// The names of the cookies the request carried.
    pub(crate) cookies: Vec<String>,
    pub(crate) status: u16,
}

/// Method, path, `Origin` and the names of the cookies of `request`.
fn describe(request: &Request) -> (String, String, Option<String>, Vec<String>) {
    let header = |name| {
        let value = request.headers().get(name)?;
        value.to_str().ok().map(str::to_owned)
    };
    let cookies = header(axum::http::header::COOKIE).map_or_else(Vec::new, |c| {
        let names = c.split("; ").filter_map(|p| p.split('=').next());
        names.map(str::to_owned).collect()
    });
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    (method, path, header(axum::http::header::ORIGIN), cookies)
}

/// The requests a server saw, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Recorder(Arc<Mutex<Vec<Seen>>>);

impl Recorder {
    /// `router`, recording every request into this recorder.
    pub(crate) fn wrap(&self, router: Router) -> Router {
        let seen = Arc::clone(&self.0);
        router.layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let seen = Arc::clone(&seen);
                async move {
                    let (method, path, origin, cookies) = describe(&request);
                    let response = next.run(request).await;
                    let status = response.status().as_u16();
                    seen.lock().unwrap().push(Seen {
                        method,
                        path,
                        origin,
                        cookies,
                        status,
                    });
                    response
                }
            },
        ))
    }

    /// Every request seen so far.
    pub(crate) fn seen(&self) -> Vec<Seen> {
        self.0.lock().unwrap().clone()
    }

    /// The requests seen to `path` with `method`.
    pub(crate) fn to(&self, method: &str, path: &str) -> Vec<Seen> {
        self.seen()
            .into_iter()
            .filter(|s| s.method == method && s.path == path)
            .collect()
    }
}
