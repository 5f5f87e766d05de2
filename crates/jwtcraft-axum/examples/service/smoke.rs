//! `--smoke`: walks an API client through the running service over real HTTP and checks
//! each answer. Not part of the service: the README's curl walkthrough, automated for CI.

use std::net::SocketAddr;

use reqwest::{Client, Method, StatusCode};
use serde_json::{json, Value};

/// The client, and where the two servers listen.
struct Walk {
    http: Client,
    auth: String,
    resource: String,
}

/// What a step sends: a Bearer token, a JSON body.
#[derive(Default)]
struct Send<'a> {
    bearer: Option<&'a str>,
    json: Option<Value>,
}

impl Walk {
    /// One request; prints it and fails unless the answer has status `expect`.
    async fn step(
        &self,
        what: &str,
        method: Method,
        url: &str,
        send: Send<'_>,
        expect: StatusCode,
    ) -> Result<Value, String> {
        print!("smoke: {what:<52} {:<4} {url:<46}", method.as_str());
        let mut request = self.http.request(method, url);
        if let Some(token) = send.bearer {
            request = request.bearer_auth(token);
        }
        if let Some(body) = send.json {
            request = request.json(&body);
        }
        let response = request.send().await.map_err(|e| format!("\n{url}: {e}"))?;
        let status = response.status();
        let text = response.text().await.map_err(|e| e.to_string())?;
        println!(" -> {status}");
        if status != expect {
            return Err(format!("{url}: expected {expect}, got {status}: {text}"));
        }
        Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
    }
}

fn bearer(token: &str) -> Send<'_> {
    Send {
        bearer: Some(token),
        json: None,
    }
}

fn json(body: Value) -> Send<'static> {
    Send {
        bearer: None,
        json: Some(body),
    }
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
    let walk = Walk {
        http,
        auth: format!("http://{auth}"),
        resource: format!("http://{resource}"),
    };
    let (login, me, refresh, logout) = (
        format!("{}/login", walk.auth),
        format!("{}/me", walk.auth),
        format!("{}/refresh", walk.auth),
        format!("{}/logout", walk.auth),
    );
    let data = format!("{}/data", walk.resource);
    let jwks = format!("{}/.well-known/jwks.json", walk.auth);
    let (get, post) = (Method::GET, Method::POST);
    use StatusCode as S;

    let set = walk
        .step(
            "the auth server's JWK Set",
            get.clone(),
            &jwks,
            Send::default(),
            S::OK,
        )
        .await?;
    let kid = set["keys"][0]["kid"].as_str().unwrap_or("?").to_owned();
    println!("smoke:   one ES256 key, kid {kid} (its RFC 7638 thumbprint)");
    let wrong = json!({"username": "ada", "password": "wrong"});
    walk.step(
        "login with a wrong password",
        post.clone(),
        &login,
        json(wrong),
        S::UNAUTHORIZED,
    )
    .await?;
    let ada = json!({"username": "ada", "password": "lovelace"});
    let first = walk
        .step("login as ada", post.clone(), &login, json(ada), S::OK)
        .await?;
    let (access, refresh1) = tokens(&first)?;
    let who = walk
        .step(
            "who am I (Bearer)",
            get.clone(),
            &me,
            bearer(&access),
            S::OK,
        )
        .await?;
    if who["sub"] != "ada" {
        return Err(format!("/me names {} instead of ada", who["sub"]));
    }
    walk.step(
        "who am I without a token",
        get.clone(),
        &me,
        Send::default(),
        S::UNAUTHORIZED,
    )
    .await?;

    let body = json!({"refresh_token": refresh1});
    let second = walk
        .step(
            "refresh (rotation)",
            post.clone(),
            &refresh,
            json(body.clone()),
            S::OK,
        )
        .await?;
    let (access, _) = tokens(&second)?;
    walk.step(
        "who am I with the new access token",
        get.clone(),
        &me,
        bearer(&access),
        S::OK,
    )
    .await?;
    walk.step(
        "resource server /data (keys from the JWK Set URL)",
        get.clone(),
        &data,
        bearer(&access),
        S::OK,
    )
    .await?;
    walk.step(
        "resource server /data without a token",
        get.clone(),
        &data,
        Send::default(),
        S::UNAUTHORIZED,
    )
    .await?;

    walk.step(
        "logout",
        post.clone(),
        &logout,
        bearer(&access),
        S::NO_CONTENT,
    )
    .await?;
    walk.step(
        "who am I after logout",
        get.clone(),
        &me,
        bearer(&access),
        S::UNAUTHORIZED,
    )
    .await?;
    walk.step(
        "refresh with the first, rotated token",
        post,
        &refresh,
        json(body),
        S::BAD_REQUEST,
    )
    .await?;
    // The resource server knows only the keys: a revoked token works there until its `exp`.
    walk.step(
        "resource server /data after logout (until exp)",
        get,
        &data,
        bearer(&access),
        S::OK,
    )
    .await?;
    println!("smoke: every step answered as expected");
    Ok(())
}
