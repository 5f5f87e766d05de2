//! jsonwebtoken with its `aws_lc_rs` provider, in a process of its own (jsonwebtoken installs
//! one crypto provider per process). Its tokens are cross-checked against jwtcraft,
//! jwt-simple and the floor before anything is timed; only jsonwebtoken is timed here, into
//! the same criterion groups as the `compare` bench.

mod common;

use common::{bench, criterion, Op};
use jwtcraft_compare::{
    cross_check, install_jsonwebtoken_provider, Alg, Floor, JsonWebToken, JwtSimple, Jwtcraft,
    Provider,
};

fn main() {
    install_jsonwebtoken_provider(Provider::AwsLc);
    let jsonwebtoken = JsonWebToken::new(Provider::AwsLc);
    cross_check(&[
        &Jwtcraft::new(),
        &jsonwebtoken,
        &JwtSimple::new(),
        &Floor::new(),
    ]);

    let mut c = criterion();
    for alg in Alg::ALL {
        for op in Op::ALL {
            bench(&mut c, &jsonwebtoken, alg, op);
        }
    }
    c.final_summary();
}
