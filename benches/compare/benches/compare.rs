//! jwtcraft, jsonwebtoken (rust_crypto provider), jwt-simple (pure-rust) and the hand-written
//! floor, side by side: sign and verify for HS256, RS256 and ES256. The cross-check runs, and
//! panics on any disagreement, before anything is timed.
//!
//! jsonwebtoken's `aws_lc_rs` provider is timed by the `compare_aws_lc` bench, in a second
//! process, because jsonwebtoken installs one provider per process.

mod common;

use common::{bench, criterion, Op};
use jwtcraft_compare::{
    cross_check, install_jsonwebtoken_provider, Alg, Floor, JsonWebToken, JwtSimple, Jwtcraft,
    Provider,
};

fn main() {
    install_jsonwebtoken_provider(Provider::RustCrypto);
    let jwtcraft = Jwtcraft::new();
    let jsonwebtoken = JsonWebToken::new(Provider::RustCrypto);
    let jwt_simple = JwtSimple::new();
    let floor = Floor::new();
    cross_check(&[&jwtcraft, &jsonwebtoken, &jwt_simple, &floor]);

    let mut c = criterion();
    for alg in Alg::ALL {
        for op in Op::ALL {
            bench(&mut c, &jwtcraft, alg, op);
            bench(&mut c, &jsonwebtoken, alg, op);
            bench(&mut c, &jwt_simple, alg, op);
            bench(&mut c, &floor, alg, op);
        }
    }
    c.final_summary();
}
