//! The integration tests, as one binary: each topic is a module, and the helpers every topic
//! shares live in [`common`]. One binary links the crate once instead of once per file.
//!
//! Fixtures live once in [`common`]. Per-algorithm suites (the `roundtrip` harness, the `jwk`
//! round trips) are written once, generic over `common::alg::AlgFixture`, and instantiated by
//! `common::alg::for_each_algorithm!`: a new algorithm is an `AlgFixture` impl and one line
//! there.
//!
//! `tests/allocations.rs` stays a binary of its own: it installs a counting global allocator,
//! which would count every other test's allocations too.

mod common;

mod adversarial;
mod api;
mod attacks;
mod interop_jose;
mod interop_pyjwt;
mod interop_pyjwt_jwk;
mod jwk;
mod key_files;
mod keyset;
mod malformed;
mod properties;
mod rfc_vectors;
mod roundtrip;
