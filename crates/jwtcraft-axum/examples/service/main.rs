//! An auth server and a resource server on 127.0.0.1, with a login page:
//!
//! ```text
//! cargo run -p jwtcraft-axum --example service            # sessions in memory
//! REDIS_URL=redis://127.0.0.1:6379/ cargo run -p jwtcraft-axum --example service
//! cargo run -p jwtcraft-axum --example service -- --smoke # walk through it, exit 0 or 1
//! ```
//!
//! One setting: `REDIS_URL` keeps sessions in Redis instead of memory. The ES256 signing key
//! is generated at start: refresh tokens are opaque (they outlive a restart in Redis), and
//! the resource server refetches the JWK Set when it meets the new key's `kid`. The auth
//! server listens on 127.0.0.1:3000, the resource server on 127.0.0.1:3001; `--smoke` takes
//! free ports, runs the walkthrough over HTTP and exits.

mod app;
mod smoke;

use std::env;

use app::BoxError;
use jwtcraft::Es256SigningKey;
use jwtcraft_session::{MemoryStore, RedisStore, RedisStoreConfig, SessionConfig};
use tokio::net::TcpListener;

/// A bad setting or a port in use ends the process with the error.
#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let smoke = env::args().any(|arg| arg == "--smoke");
    let port = |default: u16| if smoke { 0 } else { default }; // 0: any free port
    let auth = TcpListener::bind(("127.0.0.1", port(3000))).await?;
    let resource = TcpListener::bind(("127.0.0.1", port(3001))).await?;
    let (auth_addr, resource_addr) = (auth.local_addr()?, resource.local_addr()?);

    let (key, config) = (Es256SigningKey::generate()?, SessionConfig::new());
    let key = key.with_thumbprint_key_id(); // kid: the RFC 7638 thumbprint
    let origins =
        ["127.0.0.1", "localhost"].map(|host| format!("http://{host}:{}", auth_addr.port()));
    let auth_app = match env::var("REDIS_URL") {
        Ok(url) => {
            let store = RedisStore::open(&url, &RedisStoreConfig::new().with_prefix("example"))?;
            app::auth_router(store, key, config, &origins).await?
        }
        Err(_) => app::auth_router(MemoryStore::new(), key, config, &origins).await?,
    };
    let resource_app = app::resource_router(&format!("http://{auth_addr}/.well-known/jwks.json"))?;
    let auth = axum::serve(auth, auth_app);
    let resource = axum::serve(resource, resource_app);
    let servers = tokio::spawn(async move { tokio::try_join!(auth, resource) });

    if smoke {
        return Ok(smoke::run(auth_addr, resource_addr).await?);
    }
    let walkthrough = include_str!("walkthrough.txt").replace("{auth}", &auth_addr.to_string());
    let walkthrough = walkthrough.replace("{resource}", &resource_addr.to_string());
    println!("{walkthrough}");
    servers.await??;
    Ok(())
}
