//! jsonwebtoken with its `aws_lc_rs` provider, in a process of its own (jsonwebtoken installs
//! one crypto provider per process). Its tokens are cross-checked against jwtcraft,
//! jwt-simple and the floor before anything is timed; jsonwebtoken is timed here, into the
//! same criterion groups as the `compare` bench.
//!
//! Built with the package feature `jwtcraft-aws-lc` (as `report.py` does), jwtcraft in this
//! process signs and verifies RSA/ECDSA through its own `aws-lc` backend (HMAC stays on
//! RustCrypto): it takes part in the cross-check as `jwtcraft-aws-lc` and is timed too, next
//! to jsonwebtoken-aws_lc_rs. Without the feature, jwtcraft (RustCrypto) is cross-checked only:
//! the `compare` bench times it.

mod common;

use common::{bench, criterion, Op};
use jwtcraft_compare::{
    cross_check, install_jsonwebtoken_provider, Alg, Floor, JsonWebToken, JwtSimple, Jwtcraft,
    Provider,
};

fn main() {
    install_jsonwebtoken_provider(Provider::AwsLc);
    let jsonwebtoken = JsonWebToken::new(Provider::AwsLc);
    let jwtcraft = Jwtcraft::new();
    cross_check(&[&jwtcraft, &jsonwebtoken, &JwtSimple::new(), &Floor::new()]);

    let mut c = criterion();
    for alg in Alg::ALL {
        for op in Op::ALL {
            // `bench` asserts once that the operation succeeds before timing it.
            #[cfg(feature = "jwtcraft-aws-lc")]
            bench(&mut c, &jwtcraft, alg, op);
            bench(&mut c, &jsonwebtoken, alg, op);
        }
    }
    c.final_summary();
}
