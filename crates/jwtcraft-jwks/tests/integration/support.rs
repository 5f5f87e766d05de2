//! A tiny HTTP/1.1 server on 127.0.0.1 that counts requests and answers as told, and the
//! keys and tokens the tests use.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use jwtcraft::{encode, Es256SigningKey, FixedClock, Header, JwkSet, NumericDate, Validation};
use jwtcraft_jwks::{JwksError, RemoteJwks, ReqwestFetcher};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

/// What the server answers to the next requests.
#[derive(Debug, Clone)]
pub(crate) enum Reply {
    /// 200 with this body and `Content-Length`, and this `Cache-Control` if any.
    Jwks {
        body: String,
        cache_control: Option<String>,
    },
    /// This status, empty body.
    Status(u16),
    /// Waits (tokio time), then answers as the inner reply.
    Delay(Duration, Box<Reply>),
    /// 200 with a chunked body of `len` bytes (no `Content-Length`), written in 16 KiB
    /// chunks until done or the client goes away; the bytes written are sent to
    /// [`Server::streamed`].
    Stream { len: usize },
    /// 302 to this path on the same server.
    Redirect(String),
    /// Closes the connection without answering.
    Close,
}

/// The server. Stops when dropped.
pub(crate) struct Server {
    pub(crate) port: u16,
    requests: Arc<AtomicUsize>,
    reply: Arc<Mutex<Reply>>,
    streamed: mpsc::UnboundedReceiver<usize>,
    task: JoinHandle<()>,
}

impl Server {
    pub(crate) async fn start(reply: Reply) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(AtomicUsize::new(0));
        let reply = Arc::new(Mutex::new(reply));
        let (tx, streamed) = mpsc::unbounded_channel();
        let task = tokio::spawn({
            let (requests, reply) = (Arc::clone(&requests), Arc::clone(&reply));
            async move {
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        return;
                    };
                    let (requests, reply, tx) =
                        (Arc::clone(&requests), Arc::clone(&reply), tx.clone());
                    tokio::spawn(serve(stream, requests, reply, tx));
                }
            }
        });
        Server {
            port,
            requests,
            reply,
            streamed,
            task,
        }
    }

    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}/jwks.json", self.port)
    }

    /// Requests received so far (counted once the request head is read).
    pub(crate) fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }

    pub(crate) fn set(&self, reply: Reply) {
        *self.reply.lock().unwrap() = reply;
    }

    /// Bytes written by the next finished [`Reply::Stream`].
    pub(crate) async fn streamed(&mut self) -> usize {
        self.streamed.recv().await.unwrap()
    }

    /// Stops listening: later connections are refused.
    pub(crate) async fn stop(self) {
        self.task.abort();
        let _ = self.task.await;
    }
}

async fn serve(
    mut stream: TcpStream,
    requests: Arc<AtomicUsize>,
    reply: Arc<Mutex<Reply>>,
    streamed: mpsc::UnboundedSender<usize>,
) {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if head.len() > 16 * 1024 {
            return;
        }
    }
    requests.fetch_add(1, Ordering::SeqCst);
    let mut current = reply.lock().unwrap().clone();
    while let Reply::Delay(delay, inner) = current {
        tokio::time::sleep(delay).await;
        current = *inner;
    }
    let _ = answer(&mut stream, current, &streamed).await;
}

async fn answer(
    stream: &mut TcpStream,
    reply: Reply,
    streamed: &mpsc::UnboundedSender<usize>,
) -> std::io::Result<()> {
    match reply {
        Reply::Jwks {
            body,
            cache_control,
        } => {
            let cache = cache_control.map_or(String::new(), |c| format!("Cache-Control: {c}\r\n"));
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/jwk-set+json\r\n{cache}Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).await?;
            stream.write_all(body.as_bytes()).await?;
        }
        Reply::Status(code) => {
            let head =
                format!("HTTP/1.1 {code} Nope\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            stream.write_all(head.as_bytes()).await?;
        }
        Reply::Redirect(path) => {
            let head = format!("HTTP/1.1 302 Found\r\nLocation: {path}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            stream.write_all(head.as_bytes()).await?;
        }
        Reply::Stream { len } => {
            let head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            stream.write_all(head.as_bytes()).await?;
            let chunk = vec![b' '; 16 * 1024];
            let mut written = 0;
            while written < len {
                let n = chunk.len().min(len - written);
                let framed = [format!("{n:x}\r\n").as_bytes(), &chunk[..n], b"\r\n"].concat();
                if stream.write_all(&framed).await.is_err() {
                    break;
                }
                written += n;
            }
            if written == len {
                let _ = stream.write_all(b"0\r\n\r\n").await;
            }
            let _ = streamed.send(written);
        }
        Reply::Close | Reply::Delay(..) => {}
    }
    stream.shutdown().await
}

/// An ES256 signing key with this kid.
pub(crate) fn key(kid: &str) -> Es256SigningKey {
    Es256SigningKey::generate().unwrap().with_key_id(kid)
}

/// The public JWK Set of these keys.
pub(crate) fn jwks(keys: &[&Es256SigningKey]) -> String {
    keys.iter()
        .fold(JwkSet::new(), |set, k| set.with_key(k.to_public_jwk()))
        .to_public_json()
}

pub(crate) fn serve_jwks(keys: &[&Es256SigningKey]) -> Reply {
    Reply::Jwks {
        body: jwks(keys),
        cache_control: None,
    }
}

/// A token signed by `key` (its kid in the header), valid at [`validation`]'s clock.
pub(crate) fn token(key: &Es256SigningKey) -> String {
    let claims = serde_json::json!({"sub": "user-42", "exp": 2_000_000_000});
    encode(&Header::new(), &claims, key).unwrap()
}

pub(crate) fn validation() -> Validation {
    Validation::new().with_clock(FixedClock(NumericDate::from_unix_seconds(1_900_000_000)))
}

/// A fetcher that may talk plain http to the loopback server.
pub(crate) fn fetcher() -> ReqwestFetcher {
    ReqwestFetcher::builder().allow_http().build().unwrap()
}

pub(crate) fn remote(server: &Server) -> RemoteJwks {
    RemoteJwks::builder(server.url())
        .fetcher(fetcher())
        .build()
        .unwrap()
}

/// Decodes `token` and returns the subject.
pub(crate) async fn sub(jwks: &RemoteJwks, token: &str) -> Result<String, JwksError> {
    let verified = jwks
        .decode::<serde_json::Value>(token, &validation())
        .await?;
    Ok(verified.claims()["sub"].as_str().unwrap().to_owned())
}

pub(crate) async fn advance(d: Duration) {
    tokio::time::advance(d).await;
}

/// One second less than `d`.
pub(crate) fn just_before(d: Duration) -> Duration {
    d.checked_sub(Duration::from_secs(1)).unwrap()
}
