//! A small W3C WebDriver client (the HTTP API of `chromedriver`) over reqwest and serde_json:
//! just the commands the browser test needs. A whole WebDriver crate (thirtyfour, fantoccini)
//! would add more code to build than this file, and these few endpoints are stable
//! (<https://www.w3.org/TR/webdriver2/>).

use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Where Debian's `chromium` and `chromium-driver` packages put their binaries.
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The key under which WebDriver returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Why a WebDriver command failed.
#[derive(Debug)]
pub struct WebDriverError(pub String);

impl std::fmt::Display for WebDriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WebDriverError {}

type Result<T> = std::result::Result<T, WebDriverError>;

fn fail(what: impl std::fmt::Display) -> WebDriverError {
    WebDriverError(what.to_string())
}

/// A fresh, empty profile directory for one browser, removed on drop.
struct Profile(PathBuf);

impl Profile {
    fn new() -> Result<Self> {
        let mut random = [0u8; 8];
        getrandom::fill(&mut random).map_err(fail)?;
        let name = format!(
            "jwtcraft-browser-{}-{}",
            std::process::id(),
            u64::from_le_bytes(random)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::create_dir(&path).map_err(fail)?;
        Ok(Profile(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Profile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// One chromedriver process with one headless Chromium session.
pub struct Browser {
    http: reqwest::Client,
    session: String,
    // Dropped after the session: chromedriver is killed on drop (`kill_on_drop`), taking its
    // Chromium with it, then the profile is removed.
    driver: Child,
    _profile: Profile,
}

impl std::fmt::Debug for Browser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Browser")
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

impl Browser {
    /// Starts chromedriver on a port it picks (`--port=0`, read back from its banner) and
    /// opens a headless Chromium session on a fresh profile.
    pub async fn start() -> Result<Self> {
        let profile = Profile::new()?;
        let mut driver = Command::new(CHROMEDRIVER)
            .args(["--port=0", "--silent"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| fail(format!("cannot start {CHROMEDRIVER}: {e}")))?;
        let stdout = driver.stdout.take().ok_or_else(|| fail("no stdout"))?;
        let mut lines = BufReader::new(stdout).lines();
        // "ChromeDriver was started successfully on port 40137."
        let port = loop {
            let line = lines
                .next_line()
                .await
                .map_err(fail)?
                .ok_or_else(|| fail("chromedriver exited before it was ready"))?;
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                break rest.trim_end_matches('.').parse::<u16>().map_err(fail)?;
            }
        };
        // Keep draining its stdout so the driver never blocks on a full pipe.
        tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });

        let user_data_dir = format!("--user-data-dir={}", profile.path().display());
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            user_data_dir.as_str(),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let http = reqwest::Client::builder()
            .no_proxy()
            .build()
            .map_err(fail)?;
        let base = format!("http://127.0.0.1:{port}");
        let created = send(
            &http,
            reqwest::Method::POST,
            &format!("{base}/session"),
            Some(&capabilities),
        )
        .await?;
        let session = created["sessionId"]
            .as_str()
            .ok_or_else(|| fail(format!("no sessionId in {created}")))?;
        Ok(Browser {
            http,
            session: format!("{base}/session/{session}"),
            driver,
            _profile: profile,
        })
    }

    async fn post(&self, path: &str, body: &Value) -> Result<Value> {
        send(
            &self.http,
            reqwest::Method::POST,
            &format!("{}{path}", self.session),
            Some(body),
        )
        .await
    }

    async fn get(&self, path: &str) -> Result<Value> {
        send(
            &self.http,
            reqwest::Method::GET,
            &format!("{}{path}", self.session),
            None,
        )
        .await
    }

    /// Navigates to `url` and waits for the page load (WebDriver's default "normal" strategy).
    pub async fn goto(&self, url: &str) -> Result<()> {
        self.post("/url", &json!({"url": url})).await.map(drop)
    }

    /// The URL of the current page.
    pub async fn current_url(&self) -> Result<String> {
        let value = self.get("/url").await?;
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| fail("url is not a string"))
    }

    async fn element(&self, css: &str) -> Result<String> {
        let found = self
            .post("/element", &json!({"using": "css selector", "value": css}))
            .await
            .map_err(|e| fail(format!("{css}: {e}")))?;
        found[ELEMENT_KEY]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| fail(format!("{css}: no element reference in {found}")))
    }

    /// Types `text` into the element matching `css`.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let id = self.element(css).await?;
        self.post(&format!("/element/{id}/value"), &json!({"text": text}))
            .await
            .map(drop)
    }

    /// Clicks the element matching `css`; a click that submits a form waits for the new page.
    pub async fn click(&self, css: &str) -> Result<()> {
        let id = self.element(css).await?;
        self.post(&format!("/element/{id}/click"), &json!({}))
            .await
            .map(drop)
    }

    /// The text of the element matching `css`.
    pub async fn text(&self, css: &str) -> Result<String> {
        let id = self.element(css).await?;
        let value = self.get(&format!("/element/{id}/text")).await?;
        value
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| fail("text is not a string"))
    }

    /// Runs `script` as the body of a function in the page and returns its value.
    pub async fn execute(&self, script: &str) -> Result<Value> {
        self.post("/execute/sync", &json!({"script": script, "args": []}))
            .await
    }

    /// Runs `script` in the page; it finishes by calling its last argument (the callback)
    /// with the result. Bounded by the session's script timeout (30 s by default).
    pub async fn execute_async(&self, script: &str) -> Result<Value> {
        self.post("/execute/async", &json!({"script": script, "args": []}))
            .await
    }

    /// Every cookie the browser holds for the current page, HttpOnly ones included (the
    /// driver sees them; page scripts do not), as WebDriver cookie objects.
    pub async fn cookies(&self) -> Result<Vec<Value>> {
        match self.get("/cookie").await? {
            Value::Array(cookies) => Ok(cookies),
            other => Err(fail(format!("cookies: {other}"))),
        }
    }

    /// Ends the session (closing Chromium) and stops chromedriver.
    pub async fn quit(mut self) -> Result<()> {
        let ended = send(&self.http, reqwest::Method::DELETE, &self.session, None).await;
        let _ = self.driver.kill().await;
        ended.map(drop)
    }
}

/// One WebDriver command: its `value`, or the WebDriver error it answered.
async fn send(
    http: &reqwest::Client,
    method: reqwest::Method,
    url: &str,
    body: Option<&Value>,
) -> Result<Value> {
    let mut request = http.request(method, url);
    if let Some(body) = body {
        request = request.json(body);
    }
    let response = request.send().await.map_err(fail)?;
    let status = response.status();
    let mut reply: Value = response.json().await.map_err(fail)?;
    let value = reply["value"].take();
    if status.is_success() {
        Ok(value)
    } else {
        Err(fail(format!(
            "webdriver {status}: {} {}",
            value["error"].as_str().unwrap_or("?"),
            value["message"].as_str().unwrap_or("")
        )))
    }
}
