//! An auth server and a resource server on 127.0.0.1, with a login page:
//!
//! ```text
//! cargo run -p jwtcraft-axum --example service            # sessions in memory
//! REDIS_URL=redis://127.0.0.1:6379/ cargo run -p jwtcraft-axum --example service
//! cargo run -p jwtcraft-axum --example service -- --smoke # walk through it, exit 0 or 1
//! ```
//!
//! Settings: `REDIS_URL` keeps sessions in Redis, `SIGNING_KEY_FILE` loads the ES256 key
//! from a PEM file (else one is generated at start), `AUTH_PORT` (3000) and `RESOURCE_PORT`
//! (3001). `--smoke` takes free ports, runs the walkthrough over HTTP and exits.

mod app;
mod smoke;

use std::env;
use std::process::ExitCode;

use app::BoxError;
use jwtcraft::Es256SigningKey;
use jwtcraft_session::{MemoryStore, RedisStore, RedisStoreConfig, SessionConfig};
use tokio::net::TcpListener;

#[tokio::main]
async fn main() -> ExitCode {
    if let Err(e) = run().await {
        eprintln!("service: {e}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

async fn run() -> Result<(), BoxError> {
    let smoke = env::args().any(|arg| arg == "--smoke");
    let port = |var: &str, default: u16| match env::var(var) {
        _ if smoke => Ok(0), // any free port
        Ok(port) => port.parse().map_err(|e| format!("{var}={port}: {e}")),
        Err(_) => Ok(default),
    };
    let auth = TcpListener::bind(("127.0.0.1", port("AUTH_PORT", 3000)?)).await?;
    let resource = TcpListener::bind(("127.0.0.1", port("RESOURCE_PORT", 3001)?)).await?;
    let (auth_addr, resource_addr) = (auth.local_addr()?, resource.local_addr()?);

    let key = match env::var("SIGNING_KEY_FILE") {
        Ok(path) => {
            let pem = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
            Es256SigningKey::from_pem(&pem).map_err(|e| format!("{path}: {e}"))?
        }
        Err(_) => Es256SigningKey::generate()?,
    };
    let (key, config) = (key.with_thumbprint_key_id(), SessionConfig::new());
    let (hosts, port) = (["127.0.0.1", "localhost"], auth_addr.port());
    let origins = hosts.map(|host| format!("http://{host}:{port}"));
    let auth_app = match env::var("REDIS_URL") {
        Ok(url) => {
            let store = RedisStore::open(&url, &RedisStoreConfig::new().with_prefix("example"))?;
            app::auth_router(store, key, config, &origins).await?
        }
        Err(_) => app::auth_router(MemoryStore::new(), key, config, &origins).await?,
    };
    let jwks_url = format!("http://{auth_addr}/.well-known/jwks.json");
    let resource_app = app::resource_router(&jwks_url)?;
    let (auth, resource) = (
        axum::serve(auth, auth_app),
        axum::serve(resource, resource_app),
    );
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
