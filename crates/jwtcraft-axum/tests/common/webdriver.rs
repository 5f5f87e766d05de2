//! A small W3C `WebDriver` client (the HTTP API of `chromedriver`) over reqwest and `serde_json`:
//! just the commands the browser test needs. A whole `WebDriver` crate (thirtyfour, fantoccini)
//! would add more code to build than this file, and these few endpoints are stable
//! (<https://www.w3.org/TR/webdriver2/>).

use std::path::{Path, PathBuf};
use std::process::Stdio;

use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// Where Debian's `chromium` and `chromium-driver` packages put their binaries.
pub(crate) const CHROMIUM: &str = "/usr/bin/chromium";
pub(crate) const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// How long chromedriver may take to say it listens (it usually takes milliseconds).
const STARTUP: std::time::Duration = std::time::Duration::from_secs(30);

/// The key under which `WebDriver` returns an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Why a `WebDriver` command failed.
#[derive(Debug)]
pub(crate) struct WebDriverError(pub(crate) String);

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

/// How many times chromedriver is started before the test gives up on it.
const DRIVER_ATTEMPTS: usize = 3;

/// Starts chromedriver and returns it with the port it listens on.
///
/// A chromedriver that exits before it prints its port (seen once in CI, 0.1 s into the test,
/// and not again in repeated runs) is started again, up to [`DRIVER_ATTEMPTS`] times; its
/// stderr goes into the error, so a failure that persists says why.
async fn start_driver() -> Result<(Child, u16)> {
    let mut last = None;
    for _ in 0..DRIVER_ATTEMPTS {
        match launch_driver().await {
            Ok(started) => return Ok(started),
            Err(Launch::Exited(why)) => last = Some(why),
            Err(Launch::Failed(e)) => return Err(e),
        }
    }
    Err(fail(format!(
        "chromedriver exited before it was ready, {DRIVER_ATTEMPTS} times; last stderr: {}",
        last.unwrap_or_default()
    )))
}

/// Why one chromedriver start did not give a port.
enum Launch {
    /// It exited first, with this on stderr: worth another try.
    Exited(String),
    Failed(WebDriverError),
}

async fn launch_driver() -> std::result::Result<(Child, u16), Launch> {
    let mut driver = Command::new(CHROMEDRIVER)
        // Not `--silent`: that also hides the banner with the port.
        .arg("--port=0")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| Launch::Failed(fail(format!("cannot start {CHROMEDRIVER}: {e}"))))?;
    let stdout = driver
        .stdout
        .take()
        .ok_or_else(|| Launch::Failed(fail("no stdout")))?;
    let stderr = driver
        .stderr
        .take()
        .ok_or_else(|| Launch::Failed(fail("no stderr")))?;
    // Kept whole (chromedriver says little there), and drained so the driver never blocks.
    let errors = tokio::spawn(async move {
        let mut text = String::new();
        let mut lines = BufReader::new(stderr).lines();
        while let Ok(Some(line)) = lines.next_line().await {
            if text.len() < 2048 {
                text.push_str(&line);
                text.push('\n');
            }
        }
        text
    });
    let mut lines = BufReader::new(stdout).lines();
    // "ChromeDriver was started successfully on port 40137."
    let banner = async {
        loop {
            let Some(line) = lines
                .next_line()
                .await
                .map_err(|e| Launch::Failed(fail(e)))?
            else {
                return Ok(None);
            };
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                let port = rest.trim_end_matches('.').parse::<u16>();
                return port.map(Some).map_err(|e| Launch::Failed(fail(e)));
            }
        }
    };
    let port = tokio::time::timeout(STARTUP, banner)
        .await
        .map_err(|_| Launch::Failed(fail("chromedriver printed no port in time")))??;
    let Some(port) = port else {
        let status = driver.wait().await.map_err(|e| Launch::Failed(fail(e)))?;
        let stderr = errors.await.unwrap_or_default();
        return Err(Launch::Exited(format!("{status}: {}", stderr.trim())));
    };
    // Keep draining its stdout so the driver never blocks on a full pipe.
    tokio::spawn(async move { while let Ok(Some(_)) = lines.next_line().await {} });
    Ok((driver, port))
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
pub(crate) struct Browser {
    http: reqwest::Client,
    session: String,
    /// Chromium's main process. Ending the session closes it; killing chromedriver alone
    /// would leave it running, so a browser dropped without [`quit`](Browser::quit) (a failed
    /// assertion) kills it by this id.
    chromium: Option<u32>,
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
    pub(crate) async fn start() -> Result<Self> {
        let profile = Profile::new()?;
        let (driver, port) = start_driver().await?;
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
        let chromium = created["capabilities"]["goog:processID"]
            .as_u64()
            .and_then(|pid| u32::try_from(pid).ok());
        Ok(Browser {
            http,
            chromium,
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

    /// Navigates to `url` and waits for the page load (`WebDriver`'s default "normal" strategy).
    pub(crate) async fn goto(&self, url: &str) -> Result<()> {
        self.post("/url", &json!({"url": url})).await.map(drop)
    }

    /// The URL of the current page.
    pub(crate) async fn current_url(&self) -> Result<String> {
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
    pub(crate) async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        let id = self.element(css).await?;
        self.post(&format!("/element/{id}/value"), &json!({"text": text}))
            .await
            .map(drop)
    }

    /// Clicks the element matching `css`; a click that submits a form waits for the new page.
    pub(crate) async fn click(&self, css: &str) -> Result<()> {
        let id = self.element(css).await?;
        self.post(&format!("/element/{id}/click"), &json!({}))
            .await
            .map(drop)
    }

    /// Clicks the element matching `css`, which submits a form, and returns once the page
    /// it leads to has loaded. chromedriver may answer a click before the navigation it
    /// starts has begun, so the old page is marked and watched for `pagehide`; once it is
    /// gone, the next command waits for the new page's load (`WebDriver`'s "normal" page-load
    /// strategy), and the mark must be gone with it.
    pub(crate) async fn click_to_navigate(&self, css: &str) -> Result<()> {
        let arm = "document.documentElement.dataset.old = '1';
                   window.__left = new Promise(r => addEventListener('pagehide', r, { once: true }));";
        self.execute(arm).await?;
        self.click(css).await?;
        let wait = "const done = arguments[arguments.length - 1];
                    window.__left ? window.__left.then(() => done('left')) : done('new page');";
        // The old page may be torn down while the script waits, which chromedriver reports
        // as an error: the check below tells that apart from a page that stayed.
        let _ = self.execute_async(wait).await;
        let stayed = self
            .execute("return document.documentElement.dataset.old === '1';")
            .await?;
        if stayed == Value::Bool(true) {
            return Err(fail(format!("clicking {css} did not leave the page")));
        }
        Ok(())
    }

    /// Runs `script` as the body of a function in the page and returns its value.
    pub(crate) async fn execute(&self, script: &str) -> Result<Value> {
        self.post("/execute/sync", &json!({"script": script, "args": []}))
            .await
    }

    /// Runs `script` in the page; it finishes by calling its last argument (the callback)
    /// with the result. Bounded by the session's script timeout (30 s by default).
    pub(crate) async fn execute_async(&self, script: &str) -> Result<Value> {
        self.post("/execute/async", &json!({"script": script, "args": []}))
            .await
    }

    /// Every cookie the browser holds for the current page, `HttpOnly` ones included (the
    /// driver sees them; page scripts do not), as `WebDriver` cookie objects.
    pub(crate) async fn cookies(&self) -> Result<Vec<Value>> {
        match self.get("/cookie").await? {
            Value::Array(cookies) => Ok(cookies),
            other => Err(fail(format!("cookies: {other}"))),
        }
    }

    /// Every cookie in the browser, for every site and path, `HttpOnly` ones included, as
    /// Chrome `DevTools` Protocol cookie objects (chromedriver's `goog/cdp/execute` extension:
    /// `WebDriver` itself only lists the cookies of the current page).
    pub(crate) async fn all_cookies(&self) -> Result<Vec<Value>> {
        let command = json!({"cmd": "Storage.getCookies", "params": {}});
        let mut reply = self.post("/goog/cdp/execute", &command).await?;
        match reply["cookies"].take() {
            Value::Array(cookies) => Ok(cookies),
            other => Err(fail(format!("cookies: {other}"))),
        }
    }

    /// Ends the session (closing Chromium) and stops chromedriver.
    pub(crate) async fn quit(mut self) -> Result<()> {
        let ended = send(&self.http, reqwest::Method::DELETE, &self.session, None).await;
        if ended.is_ok() {
            self.chromium = None;
        }
        let _ = self.driver.kill().await;
        ended.map(drop)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(pid) = self.chromium.take() {
            // Chromium's own processes (zygotes, renderers) exit with their parent.
            let _ = std::process::Command::new("kill")
                .arg(pid.to_string())
                .status();
        }
    }
}

/// One `WebDriver` command: its `value`, or the `WebDriver` error it answered.
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
