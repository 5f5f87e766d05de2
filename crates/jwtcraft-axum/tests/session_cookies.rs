//! `SessionCookies`: the token response of a login or refresh, the page variant that carries
//! cookies only, logout's deletions, reading the refresh cookie, and the responses of cookie
//! errors.
#![cfg(feature = "session")]

use axum_core::response::IntoResponse;
use http::header::{CACHE_CONTROL, COOKIE, SET_COOKIE};
use http::{HeaderMap, HeaderValue, StatusCode};
use http_body_util::BodyExt;
use jwtcraft::{FixedClock, Hs256Key, NumericDate};
use jwtcraft_axum::{CookieConfig, CookieError, SessionCookies};
use jwtcraft_session::{MemoryStore, SessionConfig, SessionManager, TokenPair};
use serde_json::Value;

async fn pair() -> TokenPair {
    let key = Hs256Key::new(&[5; 32]).unwrap();
    let clock = FixedClock(NumericDate::from_unix_seconds(1_800_000_000));
    let config = SessionConfig::new().with_clock(clock);
    let sessions = SessionManager::new(MemoryStore::new(), key.clone(), key, config).unwrap();
    sessions.login("ada").await.unwrap()
}

fn set_cookies(headers: &HeaderMap) -> Vec<String> {
    let values = headers.get_all(SET_COOKIE).iter();
    values.map(|v| v.to_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn issue_sets_both_cookies_and_answers_with_a_token_response() {
    let pair = pair().await;
    let response = SessionCookies::new().issue(&pair).unwrap().into_response();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()[CACHE_CONTROL], "no-store");
    let cookies = set_cookies(response.headers());
    assert_eq!(cookies.len(), 2);
    assert!(cookies[0].starts_with(&format!("access_token={};", pair.access_token)));
    assert!(cookies[0].contains("; Path=/;"), "{}", cookies[0]);
    let refresh = format!("refresh_token={};", pair.refresh_token.as_str());
    assert!(cookies[1].starts_with(&refresh), "{}", cookies[1]);
    assert!(cookies[1].contains("Path=/refresh"));
    for cookie in &cookies {
        for attribute in ["HttpOnly", "Secure", "SameSite=Strict"] {
            assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
        }
    }
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let json: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["access_token"], pair.access_token.as_str());
    assert_eq!(json["refresh_token"], pair.refresh_token.as_str());
    assert_eq!(json["token_type"], "Bearer");
    assert_eq!(json["expires_at"], pair.access_expires_at.as_unix_seconds());
}

#[tokio::test]
async fn a_page_gets_the_cookies_and_its_own_body_without_tokens() {
    let pair = pair().await;
    let issued = SessionCookies::new().issue(&pair).unwrap();
    let response = (issued.cookies(), StatusCode::NO_CONTENT).into_response();
    assert_eq!(response.status(), StatusCode::NO_CONTENT);
    assert_eq!(set_cookies(response.headers()).len(), 2);
    assert_eq!(response.headers()[CACHE_CONTROL], "no-store");
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(body.is_empty());
}

#[test]
fn clear_deletes_both_cookies_on_their_paths() {
    let cookies = SessionCookies::new().with_secure(false);
    let response = (cookies.clear().unwrap(), StatusCode::NO_CONTENT).into_response();
    let cleared = set_cookies(response.headers());
    assert_eq!(cleared.len(), 2);
    assert!(cleared[0].starts_with("access_token=;"), "{}", cleared[0]);
    assert!(cleared[1].starts_with("refresh_token=;"), "{}", cleared[1]);
    assert!(cleared[1].contains("Path=/refresh"));
    for cookie in &cleared {
        assert!(cookie.contains("Max-Age=0"), "{cookie}");
        assert!(!cookie.contains("Secure"), "{cookie}");
    }
}

#[test]
fn the_refresh_cookie_is_read_and_a_duplicate_is_refused() {
    let cookies = SessionCookies::new();
    let mut headers = HeaderMap::new();
    assert_eq!(cookies.refresh_token(&headers), Ok(None));
    headers.insert(
        COOKIE,
        HeaderValue::from_static("a=1; refresh_token=jrt1.x.y"),
    );
    assert_eq!(cookies.refresh_token(&headers), Ok(Some("jrt1.x.y")));
    headers.insert(
        COOKIE,
        HeaderValue::from_static("refresh_token=a; refresh_token=b"),
    );
    assert_eq!(cookies.refresh_token(&headers), Err(CookieError::Duplicate));
}

#[tokio::test]
async fn cookie_errors_answer_400_for_the_client_and_500_for_the_server() {
    let duplicate = CookieError::Duplicate.into_response();
    assert_eq!(duplicate.status(), StatusCode::BAD_REQUEST);
    let body = duplicate.into_body().collect().await.unwrap().to_bytes();
    let json: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(json["error"], "invalid_request");
    assert_eq!(json["code"], "cookie.duplicate");

    // A misconfigured cookie (an invalid name) cannot be written: the server's fault.
    let broken = SessionCookies::new().with_access(CookieConfig::new("bad name"));
    let error = broken.issue(&pair().await).unwrap_err();
    assert_eq!(error, CookieError::InvalidName);
    let response = error.into_response();
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    let json: Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        (json["error"].as_str(), json["code"].as_str()),
        (Some("server_error"), Some("cookie.invalid_name"))
    );
}
