//! Heap allocations per HS256 verify, counted with a counting global allocator.
//!
//! Allocation counts are deterministic, so unlike timings they can be asserted in a test.
//! The counter is per thread, so the test harness's other threads do not disturb it.

// A global allocator needs `unsafe impl`; the crate under test forbids unsafe code itself.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use jwtcraft::{
    decode, decode_borrowed, encode, FixedClock, Header, Hs256Key, NumericDate, Validation,
};
use serde::{Deserialize, Serialize};

struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: forwards every call unchanged to the system allocator; it only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn allocations_in(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

/// The claims of the benchmarks, owned.
#[derive(Serialize, Deserialize)]
struct Owned {
    sub: String,
    name: String,
    iss: String,
    aud: String,
    iat: i64,
    exp: i64,
    admin: bool,
    roles: Vec<String>,
}

/// The same claims, borrowing every string from the decoded payload.
#[derive(Deserialize)]
struct Borrowed<'a> {
    sub: &'a str,
    name: &'a str,
    iss: &'a str,
    aud: &'a str,
    exp: i64,
    admin: bool,
    #[serde(borrow)]
    roles: [&'a str; 3],
}

fn fixture() -> (Hs256Key, String, Validation) {
    let key = Hs256Key::new(b"jwtcraft-bench-secret-0123456789").unwrap();
    let claims = Owned {
        sub: "user-4711".into(),
        name: "Ada Lovelace".into(),
        iss: "https://auth.example.com".into(),
        aud: "orders-api".into(),
        iat: 1_700_000_000,
        exp: 4_102_444_800,
        admin: true,
        roles: vec!["reader".into(), "writer".into(), "billing".into()],
    };
    let token = encode(&Header::new(), &claims, &key).unwrap();
    let validation = Validation::new()
        .with_issuer("https://auth.example.com")
        .with_audience("orders-api")
        .with_clock(FixedClock(NumericDate::from_unix_seconds(1_800_000_000)));
    (key, token, validation)
}

#[test]
fn hs256_verify_into_borrowed_claims_allocates_once_with_a_warm_buffer() {
    let (key, token, validation) = fixture();
    let mut buffer = Vec::new();
    // The first call sizes the reusable buffer.
    drop(decode_borrowed::<Borrowed>(&token, &key, &validation, &mut buffer).unwrap());
    let n = allocations_in(|| {
        let verified = decode_borrowed::<Borrowed>(&token, &key, &validation, &mut buffer).unwrap();
        let c = verified.claims();
        assert_eq!(
            (c.sub, c.name, c.iss, c.aud),
            (
                "user-4711",
                "Ada Lovelace",
                "https://auth.example.com",
                "orders-api"
            )
        );
        assert!(c.admin && c.exp == 4_102_444_800 && c.roles[2] == "billing");
    });
    println!("HS256 decode_borrowed: {n} heap allocations per verify");
    // The one allocation: a copy of the registered string claims, kept by `Token::registered()`.
    assert!(n <= 1, "{n} allocations");
}

#[test]
fn hs256_verify_into_owned_claims_allocates_only_for_the_payload_and_the_claims() {
    let (key, token, validation) = fixture();
    let n = allocations_in(|| {
        let verified = decode::<Owned>(&token, &key, &validation).unwrap();
        assert_eq!(verified.claims().roles.len(), 3);
    });
    // One buffer for the payload, then the claims type's own: 4 strings, a vector and its 3
    // strings. jwtcraft itself adds nothing else.
    println!("HS256 decode into owned claims: {n} heap allocations per verify");
    assert!(n <= 1 + 8, "{n} allocations");
}
