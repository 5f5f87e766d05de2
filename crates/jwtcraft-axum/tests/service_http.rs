//! The example service over real HTTP on 127.0.0.1: an API client's walkthrough, the
//! browser's cookie flow, and the resource server that knows only the JWK Set URL.

mod common;

use std::net::SocketAddr;

use common::{cookie_value, set_cookies, ManualClock, Recorder};
use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, LOCATION, ORIGIN};
use reqwest::{redirect, Client, StatusCode};
use serde_json::{json, Value};

struct Servers {
    auth: SocketAddr,
    resource: SocketAddr,
    /// What the auth server saw (the resource server's JWK Set fetches among it).
    auth_seen: Recorder,
}

/// The example's auth server and its resource server, each on a free port of 127.0.0.1.
async fn servers() -> Servers {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let auth = listener.local_addr().unwrap();
    let clock = ManualClock::at(jwtcraft::NumericDate::now().as_unix_seconds());
    let origins = [format!("http://{auth}")];
    let auth_seen = Recorder::default();
    let router = auth_seen.wrap(common::auth_router(common::key(), &clock, &origins).await);
    tokio::spawn(async move { axum::serve(listener, router).await });
    let jwks_url = format!("http://{auth}/.well-known/jwks.json");
    let resource = common::serve(common::app::resource_router(&jwks_url).unwrap()).await;
    Servers {
        auth,
        resource,
        auth_seen,
    }
}

fn client() -> Client {
    // The page's redirects are checked, not followed.
    Client::builder()
        .no_proxy()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap()
}

async fn json_body(response: reqwest::Response) -> Value {
    let text = response.text().await.unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_api_client_logs_in_uses_refreshes_and_logs_out() {
    let s = servers().await;
    let http = client();
    let auth = format!("http://{}", s.auth);
    let data = format!("http://{}/data", s.resource);

    let login = json!({"username": "ada", "password": "lovelace"});
    let response = http
        .post(format!("{auth}/login"))
        .json(&login)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let pair = json_body(response).await;
    let access = pair["access_token"].as_str().unwrap().to_owned();
    let refresh = pair["refresh_token"].as_str().unwrap().to_owned();

    let me = http
        .get(format!("{auth}/me"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);
    assert_eq!(json_body(me).await["sub"], "ada");

    // The resource server verifies with the keys it fetched from the JWK Set URL.
    for _ in 0..3 {
        let response = http.get(&data).bearer_auth(&access).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(json_body(response).await["subject"], "ada");
    }
    let fetches = s.auth_seen.to("GET", "/.well-known/jwks.json");
    assert_eq!(
        fetches.len(),
        1,
        "the set is fetched once and cached: {fetches:?}"
    );
    assert_eq!(fetches[0].status, 200);

    let body = json!({"refresh_token": refresh});
    let response = http
        .post(format!("{auth}/refresh"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let access2 = json_body(response).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let response = http.get(&data).bearer_auth(&access2).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    let response = http
        .post(format!("{auth}/logout"))
        .bearer_auth(&access2)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let response = http
        .get(format!("{auth}/me"))
        .bearer_auth(&access2)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let response = http
        .post(format!("{auth}/refresh"))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_eq!(json_body(response).await["code"], "revoked");
    // The resource server knows only the JWK Set: a logged-out access token works there
    // until it expires (at most the access-token lifetime, 5 minutes here).
    let response = http.get(&data).bearer_auth(&access2).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_resource_server_refuses_tokens_it_cannot_verify() {
    let s = servers().await;
    let other = servers().await;
    let http = client();
    let data = format!("http://{}/data", s.resource);

    // A token of another auth server: its kid is not in the set (refetched once, still not).
    let login = json!({"username": "ada", "password": "lovelace"});
    let response = http
        .post(format!("http://{}/login", other.auth))
        .json(&login)
        .send()
        .await
        .unwrap();
    let foreign = json_body(response).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let response = http.get(&data).bearer_auth(&foreign).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert!(response.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .contains("invalid_token"));

    // alan's token is valid but lacks the `data:read` scope: 403 with the scope it needs.
    let login = json!({"username": "alan", "password": "turing"});
    let response = http
        .post(format!("http://{}/login", s.auth))
        .json(&login)
        .send()
        .await
        .unwrap();
    let alan = json_body(response).await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let response = http.get(&data).bearer_auth(&alan).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let challenge = response.headers()["www-authenticate"].to_str().unwrap();
    assert!(
        challenge.contains(r#"error="insufficient_scope""#)
            && challenge.contains(r#"scope="data:read""#),
        "{challenge}"
    );

    for bad in ["not.a.token", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZGEifQ."] {
        let response = http.get(&data).bearer_auth(bad).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED, "{bad}");
    }
    let response = http.get(&data).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_page_flow_runs_on_cookies_over_http() {
    let s = servers().await;
    let http = client();
    let auth = format!("http://{}", s.auth);

    let response = http
        .post(format!("{auth}/login"))
        .header(ORIGIN, &auth)
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body("username=ada&password=lovelace")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    assert_eq!(response.headers()[LOCATION], "/");
    let cookies = set_cookies(response.headers());
    let value =
        |name: &str| cookie_value(&cookies.iter().find(|(n, _)| n == name).unwrap().1).to_owned();
    let (access, refresh) = (value("access_token"), value("refresh_token"));
    assert!(!response.text().await.unwrap().contains(&access));

    let me = http
        .get(format!("{auth}/me"))
        .header(COOKIE, format!("access_token={access}"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);

    // The page refreshes through its cookie: new cookies, no tokens in the body.
    let response = http
        .post(format!("{auth}/refresh"))
        .header(ORIGIN, &auth)
        .header(COOKIE, format!("refresh_token={refresh}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    let cookies = set_cookies(response.headers());
    let access2 =
        cookie_value(&cookies.iter().find(|(n, _)| n == "access_token").unwrap().1).to_owned();
    assert!(response.text().await.unwrap().is_empty());

    // A form on another origin posting the cookie: refused.
    let logout = |origin: &str| {
        http.post(format!("{auth}/logout"))
            .header(ORIGIN, origin)
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(COOKIE, format!("access_token={access2}"))
            .send()
    };
    let forged = logout("http://localhost:1").await.unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    let me = http
        .get(format!("{auth}/me"))
        .header(AUTHORIZATION, format!("Bearer {access2}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        me.status(),
        StatusCode::OK,
        "the forged logout changed nothing"
    );

    let response = logout(&auth).await.unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let cleared = set_cookies(response.headers());
    assert!(
        cleared.iter().all(|(_, c)| c.contains("Max-Age=0")) && cleared.len() == 2,
        "{cleared:?}"
    );
    let me = http
        .get(format!("{auth}/me"))
        .header(COOKIE, format!("access_token={access2}"))
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::UNAUTHORIZED);
}
