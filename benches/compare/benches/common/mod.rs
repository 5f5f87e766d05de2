//! The criterion side shared by `compare` and `compare_aws_lc`: one group per (algorithm,
//! operation), one function per library, so both processes write to the same
//! `target/criterion/<alg>_<op>/<library>/` tree that `report.py` reads.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput};
use jwtcraft_compare::{ready, Alg, Lib};

/// The operations timed for every library.
#[derive(Clone, Copy)]
pub enum Op {
    Sign,
    Verify,
}

impl Op {
    pub const ALL: [Op; 2] = [Op::Sign, Op::Verify];

    fn id(self) -> &'static str {
        match self {
            Op::Sign => "sign",
            Op::Verify => "verify",
        }
    }
}

/// Criterion as configured from the command line, with defaults suited to a shared 2-core
/// machine (the command line can override them).
pub fn criterion() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args()
}

/// Times `op` with `alg` for `lib`, after asserting once that it succeeds; nothing for an
/// algorithm the library does not have.
pub fn bench<L: Lib>(c: &mut Criterion, lib: &L, alg: Alg, op: Op) {
    if !lib.supports(alg) {
        return;
    }
    // Asserts sign and verify succeed (and decode to the benchmark claims) before timing.
    let (claims, token) = ready(lib, alg);
    let mut group = c.benchmark_group(format!("{}_{}", alg.id(), op.id()));
    group.throughput(Throughput::Elements(1));
    match op {
        Op::Sign => group.bench_function(lib.name(), |b| {
            b.iter(|| lib.sign(alg, black_box(&claims)).unwrap());
        }),
        Op::Verify => group.bench_function(lib.name(), |b| {
            b.iter(|| lib.verify(alg, black_box(&token)).unwrap());
        }),
    };
    group.finish();
}
