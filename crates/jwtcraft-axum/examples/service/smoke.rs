//! `--smoke`: walks an API client through the running service over real HTTP and checks
//! each answer. Not part of the service: the README's curl walkthrough, automated for CI.

use std::net::SocketAddr;

use reqwest::{Client, RequestBuilder, StatusCode as S};
use serde_json::{json, Value};

/// Sends `request`, prints it, and fails unless the answer has status `expect`.
async fn step(what: &str, expect: S, request: RequestBuilder) -> Result<Value, String> {
    let (client, request) = request.build_split();
    let request = request.map_err(|e| e.to_string())?;
    let (method, url) = (request.method().to_string(), request.url().to_string());
    print!("smoke: {what:<44} {method:<4} {url:<46}");
    let response = client
        .execute(request)
        .await
        .map_err(|e| format!("\n{url}: {e}"))?;
    let status = response.status();
    let text = response.text().await.map_err(|e| e.to_string())?;
    println!(" -> {status}");
    if status != expect {
        return Err(format!("{url}: expected {expect}, got {status}: {text}"));
    }
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// `(access_token, refresh_token)` of a login or refresh answer.
fn tokens(pair: &Value) -> Result<(String, String), String> {
    match (
        pair["access_token"].as_str(),
        pair["refresh_token"].as_str(),
    ) {
        (Some(access), Some(refresh)) => Ok((access.to_owned(), refresh.to_owned())),
        _ => Err(format!("no tokens in {pair}")),
    }
}

/// Runs the walkthrough, printing each step; the first unexpected answer is the error.
pub(crate) async fn run(auth: SocketAddr, resource: SocketAddr) -> Result<(), String> {
    let http = Client::builder()
        .no_proxy()
        .build()
        .map_err(|e| e.to_string())?;
    let url = |path: &str| format!("http://{auth}{path}");
    let data = format!("http://{resource}/data");

    let set = step(
        "the JWK Set",
        S::OK,
        http.get(url("/.well-known/jwks.json")),
    )
    .await?;
    println!(
        "smoke:   kid {} (RFC 7638 thumbprint)",
        set["keys"][0]["kid"]
    );
    let wrong = json!({"username": "ada", "password": "wrong"});
    let request = http.post(url("/login")).json(&wrong);
    step("login with a wrong password", S::UNAUTHORIZED, request).await?;
    let ada = json!({"username": "ada", "password": "lovelace"});
    let first = step("login as ada", S::OK, http.post(url("/login")).json(&ada)).await?;
    let (access, refresh) = tokens(&first)?;
    let me = step("who am I", S::OK, http.get(url("/me")).bearer_auth(&access)).await?;
    if me["sub"] != "ada" {
        return Err(format!("/me names {} instead of ada", me["sub"]));
    }
    step(
        "who am I without a token",
        S::UNAUTHORIZED,
        http.get(url("/me")),
    )
    .await?;

    let body = json!({"refresh_token": refresh});
    let request = http.post(url("/refresh")).json(&body);
    let (access, _) = tokens(&step("refresh (rotation)", S::OK, request).await?)?;
    let request = http.get(url("/me")).bearer_auth(&access);
    step("who am I with the new access token", S::OK, request).await?;
    let request = http.get(&data).bearer_auth(&access);
    step(
        "resource server (keys from the JWK Set URL)",
        S::OK,
        request,
    )
    .await?;
    step(
        "resource server without a token",
        S::UNAUTHORIZED,
        http.get(&data),
    )
    .await?;
    let alan = json!({"username": "alan", "password": "turing"});
    let request = http.post(url("/login")).json(&alan);
    let (alan, _) = tokens(&step("login as alan", S::OK, request).await?)?;
    let request = http.get(&data).bearer_auth(&alan);
    step(
        "resource server, alan (no data:read scope)",
        S::FORBIDDEN,
        request,
    )
    .await?;

    let request = http.post(url("/logout")).bearer_auth(&access);
    step("logout", S::NO_CONTENT, request).await?;
    let request = http.get(url("/me")).bearer_auth(&access);
    step("who am I after logout", S::UNAUTHORIZED, request).await?;
    let request = http.post(url("/refresh")).json(&body);
    step(
        "refresh with the first, rotated token",
        S::BAD_REQUEST,
        request,
    )
    .await?;
    // The resource server knows only the keys: a revoked token works there until its `exp`.
    let request = http.get(&data).bearer_auth(&access);
    step("resource server after logout (until exp)", S::OK, request).await?;
    println!("smoke: every step answered as expected");
    Ok(())
}
