//! The example's login page in headless Chromium, driven through chromedriver's W3C
//! `WebDriver` API: the tokens stay out of reach of the page's scripts, "who am I" works
//! through the cookie (and renews an expired access token through /refresh), forms posted
//! from other origins are refused, and logout ends the session.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (Debian packages `chromium` and
//! `chromium-driver`; `.ci/install-browser` installs them). Without them the test prints a
//! loud SKIPPED and passes, or fails when `JWTCRAFT_REQUIRE_BROWSER=1` (as in CI).

mod common;
#[path = "common/webdriver.rs"]
mod webdriver;

use std::io::Write as _;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use axum::response::Html;
use axum::routing::get;
use axum::Router;
use common::{ManualClock, Recorder, Seen, ACCESS_TTL};
use serde_json::Value;
use webdriver::{Browser, CHROMEDRIVER, CHROMIUM};

/// Waits (event-driven, no polling) until the page's "who am I" answer is shown, and returns
/// its status and text. Runs in the page; bounded by `WebDriver`'s script timeout.
const AWAIT_WHOAMI: &str = r#"
    const done = arguments[arguments.length - 1];
    const out = document.getElementById("me");
    const finish = () => done([Number(out.dataset.status), out.textContent]);
    if (out.dataset.status) return finish();
    new MutationObserver(() => { if (out.dataset.status) finish(); })
        .observe(out, { attributes: true });
"#;

/// Whether the browser is there; if not, fail under `JWTCRAFT_REQUIRE_BROWSER=1`, else say
/// loudly that the test did not run.
fn browser_available() -> bool {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return true;
    }
    let why = format!("{CHROMIUM} or {CHROMEDRIVER} is missing (run .ci/install-browser)");
    assert!(
        std::env::var("JWTCRAFT_REQUIRE_BROWSER").as_deref() != Ok("1"),
        "JWTCRAFT_REQUIRE_BROWSER=1 but {why}"
    );
    // Straight to stderr, past the test harness's capture, so a skip is never silent.
    let _ = writeln!(
        std::io::stderr().lock(),
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         !!! the_login_page_in_headless_chromium: SKIPPED ({why})\n\
         !!! (set JWTCRAFT_REQUIRE_BROWSER=1 to make this a failure)\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
    );
    false
}

/// Pages of an attacker: forms that post to the auth server at `target`.
fn attacker(target: &str) -> Router {
    let form = |action: &str, fields: &str| {
        Html(format!(
            r#"<!doctype html><form method="post" action="{target}{action}">{fields}
               <button id="go" type="submit">Win a prize</button></form>"#
        ))
    };
    let login = form(
        "/login",
        r#"<input name="username" value="alan"><input name="password" value="turing">"#,
    );
    let logout = form("/logout", "");
    Router::new()
        .route("/login-form", get(login))
        .route("/logout-form", get(logout))
}

/// Clicks "who am I" and returns what the page shows: (status, text).
async fn whoami(browser: &Browser) -> (u64, String) {
    let reset =
        "const me = document.getElementById('me'); delete me.dataset.status; me.textContent = '';";
    browser.execute(reset).await.unwrap();
    browser.click("#whoami").await.unwrap();
    let shown = browser.execute_async(AWAIT_WHOAMI).await.unwrap();
    (
        shown[0].as_u64().unwrap(),
        shown[1].as_str().unwrap().to_owned(),
    )
}

/// The browser's cookie `name` for the current page, `HttpOnly` ones included.
async fn cookie(browser: &Browser, name: &str) -> Option<Value> {
    let cookies = browser.cookies().await.unwrap();
    cookies.into_iter().find(|c| c["name"] == name)
}

/// The last request the auth server saw to `path`.
fn last(seen: &Recorder, method: &str, path: &str) -> Seen {
    let mut matching = seen.to(method, path);
    matching
        .pop()
        .unwrap_or_else(|| panic!("no {method} {path} in {:?}", seen.seen()))
}

/// The auth server, the attacker's pages and the browser of one test.
struct Scene {
    browser: Browser,
    /// What the auth server saw.
    seen: Recorder,
    /// The page's origin, `http://127.0.0.1:A`.
    origin: String,
    /// The attacker's port B.
    evil: u16,
    clock: Arc<ManualClock>,
}

/// Logs in through the page's form; returns the access token's value.
async fn log_in(scene: &Scene) -> String {
    let Scene {
        browser,
        seen,
        origin,
        ..
    } = scene;
    // Log in through the page's form: back on the page, with the tokens in HttpOnly cookies.
    browser.goto(&format!("{origin}/")).await.unwrap();
    browser.type_into("#username", "ada").await.unwrap();
    browser.type_into("#password", "lovelace").await.unwrap();
    browser.click_to_navigate("#login-button").await.unwrap();
    assert_eq!(browser.current_url().await.unwrap(), format!("{origin}/"));
    assert_eq!(last(seen, "POST", "/login").status, 303);
    let access = cookie(browser, "access_token")
        .await
        .expect("the access cookie is set");
    assert_eq!(access["httpOnly"], true, "{access}");
    assert_eq!(access["sameSite"], "Strict", "{access}");
    let access_value = access["value"].as_str().unwrap().to_owned();
    assert!(access_value.starts_with("eyJ"), "{access}");
    let visible = browser.execute("return document.cookie").await.unwrap();
    let visible = visible.as_str().unwrap();
    assert!(
        !visible.contains(&access_value) && !visible.contains("access_token"),
        "{visible}"
    );
    // The refresh cookie is HttpOnly too, and goes only to /refresh.
    let all = browser.all_cookies().await.unwrap();
    let refresh = all.iter().find(|c| c["name"] == "refresh_token");
    let refresh = refresh.unwrap_or_else(|| panic!("no refresh cookie in {all:?}"));
    assert_eq!(
        (refresh["httpOnly"].as_bool(), refresh["path"].as_str()),
        (Some(true), Some("/refresh")),
        "{refresh}"
    );
    assert!(
        !visible.contains(refresh["value"].as_str().unwrap()),
        "{visible}"
    );
    access_value
}

/// "Who am I" through the cookie, and through /refresh once the access token ran out.
async fn who_am_i(scene: &Scene, access_value: &str) {
    let Scene {
        browser,
        seen,
        origin,
        clock,
        ..
    } = scene;
    // "Who am I" fetches /me with the cookie.
    browser.goto(&format!("{origin}/")).await.unwrap();
    let (status, text) = whoami(browser).await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains(r#""sub":"ada""#), "{text}");
    assert_eq!(last(seen, "GET", "/me").cookies, ["access_token"]);

    // The access token runs out: the page renews it through /refresh, with the cookie.
    clock.advance(ACCESS_TTL);
    let (status, text) = whoami(browser).await;
    assert_eq!(status, 200, "{text}");
    let refreshed = last(seen, "POST", "/refresh");
    assert_eq!(refreshed.status, 204, "{refreshed:?}");
    assert!(
        refreshed.cookies.contains(&"refresh_token".to_owned()),
        "{refreshed:?}"
    );
    let renewed = cookie(browser, "access_token").await.unwrap();
    assert_ne!(renewed["value"], access_value);
}

/// Forms on other origins post to the auth server: all refused, the session unharmed.
async fn forged_posts(scene: &Scene) {
    let Scene {
        browser,
        seen,
        origin,
        evil,
        ..
    } = scene;
    // Login CSRF from another site: refused by the Origin check, ada stays logged in.
    browser
        .goto(&format!("http://localhost:{evil}/login-form"))
        .await
        .unwrap();
    browser.click_to_navigate("#go").await.unwrap();
    let forged = last(seen, "POST", "/login");
    assert_eq!(
        forged.origin.as_deref(),
        Some(format!("http://localhost:{evil}").as_str())
    );
    assert_eq!(forged.status, 403, "{forged:?}");

    // A logout form on another site: SameSite kept the cookie home, so nothing is revoked.
    browser
        .goto(&format!("http://localhost:{evil}/logout-form"))
        .await
        .unwrap();
    browser.click_to_navigate("#go").await.unwrap();
    let forged = last(seen, "POST", "/logout");
    assert_eq!(
        forged.origin.as_deref(),
        Some(format!("http://localhost:{evil}").as_str())
    );
    assert!(forged.cookies.is_empty(), "{forged:?}");
    assert_eq!(forged.status, 401, "{forged:?}");

    // The same form on the same site but another origin: the cookie goes along, and the
    // Origin check refuses it.
    browser
        .goto(&format!("http://127.0.0.1:{evil}/logout-form"))
        .await
        .unwrap();
    browser.click_to_navigate("#go").await.unwrap();
    let forged = last(seen, "POST", "/logout");
    assert_eq!(
        forged.origin.as_deref(),
        Some(format!("http://127.0.0.1:{evil}").as_str())
    );
    assert_eq!(forged.cookies, ["access_token"], "{forged:?}");
    assert_eq!(forged.status, 403, "{forged:?}");

    browser.goto(&format!("{origin}/")).await.unwrap();
    let (status, text) = whoami(browser).await;
    assert_eq!(status, 200, "the forged requests changed nothing: {text}");
    assert!(text.contains(r#""sub":"ada""#), "{text}");
}

/// Logout through the page's button.
async fn log_out(scene: &Scene) {
    let Scene {
        browser,
        seen,
        origin,
        ..
    } = scene;
    // Logout through the page: the cookies are gone and /me is refused.
    browser.click_to_navigate("#logout-button").await.unwrap();
    assert_eq!(browser.current_url().await.unwrap(), format!("{origin}/"));
    let logout = last(seen, "POST", "/logout");
    assert_eq!(
        (logout.status, logout.origin.as_deref()),
        (303, Some(origin.as_str()))
    );
    assert!(cookie(browser, "access_token").await.is_none());
    let (status, _) = whoami(browser).await;
    assert_eq!(status, 401);
    let all = browser.all_cookies().await.unwrap();
    assert!(
        all.iter()
            .all(|c| c["name"] != "access_token" && c["name"] != "refresh_token"),
        "{all:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_login_page_in_headless_chromium() {
    if !browser_available() {
        return;
    }
    // The auth server at 127.0.0.1:A, on a clock the test moves by hand (the cookies have
    // no Max-Age, so the browser never compares token times with its own clock).
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let auth: SocketAddr = listener.local_addr().unwrap();
    let origin = format!("http://{auth}");
    let clock = ManualClock::new();
    let seen = Recorder::default();
    let router = common::auth_router(common::key(), &clock, std::slice::from_ref(&origin)).await;
    let router = seen.wrap(router);
    tokio::spawn(async move { axum::serve(listener, router).await });
    // The attacker's pages at port B, reached as http://localhost:B (another site: SameSite
    // cookies stay home) and as http://127.0.0.1:B (the same site, another origin: the
    // cookies go along, and only the Origin check stands in the way).
    let evil = common::serve(attacker(&origin)).await.port();

    let browser = Browser::start()
        .await
        .expect("chromedriver and chromium start");
    let scene = Scene {
        browser,
        seen,
        origin,
        evil,
        clock,
    };
    let access_value = log_in(&scene).await;
    who_am_i(&scene, &access_value).await;
    forged_posts(&scene).await;
    log_out(&scene).await;
    scene.browser.quit().await.unwrap();
}
