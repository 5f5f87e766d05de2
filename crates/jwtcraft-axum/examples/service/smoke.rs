//! `--smoke`: walks an API client through the running service over real HTTP and checks each
//! answer. Not part of the service itself: this is the curl walkthrough, automated for CI.

use std::net::SocketAddr;

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

/// One request of the walkthrough: what it is, and the status it must get.
struct Step<'a> {
    what: &'a str,
    method: Method,
    url: String,
    bearer: Option<&'a str>,
    body: Option<Value>,
    expect: StatusCode,
}

/// Runs the walkthrough, printing each step; the first unexpected answer is the error.
pub(crate) async fn run(auth: SocketAddr, resource: SocketAddr) -> Result<(), String> {
    let http = Client::builder()
        .no_proxy()
        .build()
        .map_err(|e| e.to_string())?;
    let auth = format!("http://{auth}");
    let resource = format!("http://{resource}");
    let step = |what, method, url: String, bearer, body, expect| Step {
        what,
        method,
        url,
        bearer,
        body,
        expect,
    };

    let login = json!({"username": "ada", "password": "lovelace"});
    let bad = json!({"username": "ada", "password": "wrong"});
    send(
        &http,
        step(
            "login with a wrong password",
            Method::POST,
            format!("{auth}/login"),
            None,
            Some(bad),
            StatusCode::UNAUTHORIZED,
        ),
    )
    .await?;
    let first = send(
        &http,
        step(
            "login",
            Method::POST,
            format!("{auth}/login"),
            None,
            Some(login),
            StatusCode::OK,
        ),
    )
    .await?;
    let (access, refresh) = tokens(&first)?;
    let me = send(
        &http,
        step(
            "who am I (Bearer)",
            Method::GET,
            format!("{auth}/me"),
            Some(&access),
            None,
            StatusCode::OK,
        ),
    )
    .await?;
    if me["sub"] != "ada" {
        return Err(format!("/me names {} instead of ada", me["sub"]));
    }
    send(
        &http,
        step(
            "who am I without a token",
            Method::GET,
            format!("{auth}/me"),
            None,
            None,
            StatusCode::UNAUTHORIZED,
        ),
    )
    .await?;

    let body = json!({"refresh_token": refresh});
    let second = send(
        &http,
        step(
            "refresh (rotation)",
            Method::POST,
            format!("{auth}/refresh"),
            None,
            Some(body),
            StatusCode::OK,
        ),
    )
    .await?;
    let (access2, _refresh2) = tokens(&second)?;
    send(
        &http,
        step(
            "who am I with the new access token",
            Method::GET,
            format!("{auth}/me"),
            Some(&access2),
            None,
            StatusCode::OK,
        ),
    )
    .await?;
    send(
        &http,
        step(
            "resource server /data (verifies with the JWK Set it fetched)",
            Method::GET,
            format!("{resource}/data"),
            Some(&access2),
            None,
            StatusCode::OK,
        ),
    )
    .await?;
    send(
        &http,
        step(
            "resource server /data without a token",
            Method::GET,
            format!("{resource}/data"),
            None,
            None,
            StatusCode::UNAUTHORIZED,
        ),
    )
    .await?;

    send(
        &http,
        step(
            "logout",
            Method::POST,
            format!("{auth}/logout"),
            Some(&access2),
            None,
            StatusCode::NO_CONTENT,
        ),
    )
    .await?;
    send(
        &http,
        step(
            "who am I after logout",
            Method::GET,
            format!("{auth}/me"),
            Some(&access2),
            None,
            StatusCode::UNAUTHORIZED,
        ),
    )
    .await?;
    let body = json!({"refresh_token": refresh});
    send(
        &http,
        step(
            "refresh with the first (rotated) refresh token",
            Method::POST,
            format!("{auth}/refresh"),
            None,
            Some(body),
            StatusCode::UNAUTHORIZED,
        ),
    )
    .await?;
    println!("smoke: every step answered as expected");
    Ok(())
}

fn tokens(pair: &Value) -> Result<(String, String), String> {
    match (
        pair["access_token"].as_str(),
        pair["refresh_token"].as_str(),
    ) {
        (Some(access), Some(refresh)) => Ok((access.to_owned(), refresh.to_owned())),
        _ => Err(format!("no tokens in {pair}")),
    }
}

async fn send(http: &Client, step: Step<'_>) -> Result<Value, String> {
    let path = step.url.split_once("//").map_or("", |(_, rest)| rest);
    print!("smoke: {:<62} {} {path:<34}", step.what, step.method);
    let mut request = http.request(step.method, &step.url);
    if let Some(token) = step.bearer {
        request = request.bearer_auth(token);
    }
    if let Some(body) = step.body {
        request = request.json(&body);
    }
    let response = request
        .send()
        .await
        .map_err(|e| format!("\n{}: {e}", step.url))?;
    let status = response.status();
    let text = response.text().await.map_err(|e| e.to_string())?;
    println!(" -> {status}");
    if status != step.expect {
        return Err(format!(
            "{}: expected {}, got {status}: {text}",
            step.url, step.expect
        ));
    }
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}
