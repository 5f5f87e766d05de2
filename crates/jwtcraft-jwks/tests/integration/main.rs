//! Integration tests against a local HTTP server on 127.0.0.1 that counts requests.

mod cache;
mod fetcher;
mod single_flight;
mod support;
