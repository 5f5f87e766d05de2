//! Two numbers criterion does not give:
//!
//! (a) heap allocations (and bytes) per operation, counted by a global allocator over `N`
//!     operations after one warm-up call, for jwtcraft (including the `decode_borrowed` path
//!     with a reused buffer and `&str` claims) and, for context, the peers;
//! (b) verify throughput of 2 threads sharing one key (and one `Validation`) against 1 thread,
//!     for jwtcraft; 2.0 is perfect scaling on 2 idle cores.
//!
//! Prints markdown. `ALLOC_SCALING_SECS` sets the length of each throughput run (default 0.5).

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use jwtcraft_compare::{
    cross_check, install_jsonwebtoken_provider, ready, Alg, Floor, JsonWebToken, JwtSimple,
    Jwtcraft, Lib, Provider,
};

/// Counts allocations while [`COUNTING`] is set; otherwise a plain pass-through (one relaxed
/// load of a flag that is never written while threads run, so it does not disturb (b)).
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards every call to the system allocator unchanged.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(layout.size() as u64, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is passed on.
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNTING.load(Ordering::Relaxed) {
            ALLOCS.fetch_add(1, Ordering::Relaxed);
            BYTES.fetch_add(new_size as u64, Ordering::Relaxed);
        }
        // SAFETY: the caller's contract is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations and bytes per call of `f`, over `n` calls after one uncounted warm-up call.
fn count(n: u32, mut f: impl FnMut()) -> (f64, f64) {
    f();
    ALLOCS.store(0, Ordering::SeqCst);
    BYTES.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    for _ in 0..n {
        f();
    }
    COUNTING.store(false, Ordering::SeqCst);
    let per = |v: &AtomicU64| v.load(Ordering::SeqCst) as f64 / f64::from(n);
    (per(&ALLOCS), per(&BYTES))
}

/// The algorithms measured here: one per family that the allocation and scaling tables show.
const MEASURED: [Alg; 3] = [Alg::Hs256, Alg::Rs256, Alg::Es256];

fn iterations(alg: Alg, sign: bool) -> u32 {
    match (alg, sign) {
        (Alg::Rs256, true) => 200,
        (Alg::Hs256, _) => 10_000,
        _ => 1_000,
    }
}

fn alloc_rows<L: Lib>(lib: &L, rows: &mut Vec<String>) {
    for alg in MEASURED {
        let (claims, token) = ready(lib, alg);
        let (sa, sb) = count(iterations(alg, true), || {
            black_box(lib.sign(alg, black_box(&claims)).unwrap());
        });
        let (va, vb) = count(iterations(alg, false), || {
            black_box(lib.verify(alg, black_box(&token)).unwrap());
        });
        rows.push(format!(
            "| {} | {} | {sa:.1} | {sb:.0} | {va:.1} | {vb:.0} |",
            lib.name(),
            alg.jose()
        ));
    }
}

/// The `decode_borrowed` claims: every string borrowed from the reused payload buffer.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct BorrowedClaims<'a> {
    sub: &'a str,
    name: &'a str,
    iss: &'a str,
    aud: &'a str,
    iat: i64,
    exp: i64,
    admin: bool,
    #[serde(borrow)]
    roles: [&'a str; 3],
}

/// Verifies per second, over `secs`, with `threads` threads calling `op` on shared state.
fn throughput(threads: u32, secs: Duration, op: &(impl Fn() + Sync)) -> f64 {
    let start = Instant::now();
    let total: u64 = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = 0u64;
                    while start.elapsed() < secs {
                        for _ in 0..64 {
                            op();
                        }
                        done += 64;
                    }
                    done
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    total as f64 / start.elapsed().as_secs_f64()
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn main() {
    // `cargo bench` passes `--bench`; a filter would mean nothing here.
    let secs = std::env::var("ALLOC_SCALING_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_millis(500), Duration::from_secs_f64);

    install_jsonwebtoken_provider(Provider::RustCrypto);
    let jwtcraft = Jwtcraft::new();
    let jsonwebtoken = JsonWebToken::new(Provider::RustCrypto);
    let jwt_simple = JwtSimple::new();
    let floor = Floor::new();
    cross_check(&[&jwtcraft, &jsonwebtoken, &jwt_simple, &floor]);

    // (a) allocations.
    let (_, token) = ready(&jwtcraft, Alg::Hs256);
    let mut buffer = Vec::new();
    let borrowed = |buffer: &mut Vec<u8>| {
        let t = jwtcraft::decode_borrowed::<BorrowedClaims<'_>>(
            black_box(&token),
            jwtcraft.hs256_key(),
            jwtcraft.validation(),
            buffer,
        )
        .unwrap();
        assert_eq!(t.claims().roles[2], "billing");
    };
    borrowed(&mut buffer);
    let (hs_allocs, hs_bytes) = count(100_000, || {
        black_box(jwtcraft.verify(Alg::Hs256, black_box(&token)).unwrap());
    });
    let (b_allocs, b_bytes) = count(100_000, || borrowed(&mut buffer));
    println!("## Heap allocations per operation\n");
    println!(
        "ALLOC jwtcraft HS256 verify (decode, owned claims): {hs_allocs:.2} allocations, \
         {hs_bytes:.0} bytes per verify (N = 100000)"
    );
    println!(
        "ALLOC jwtcraft HS256 verify (decode_borrowed, &str claims, reused buffer): \
         {b_allocs:.2} allocations, {b_bytes:.0} bytes per verify (N = 100000)\n"
    );
    println!(
        "The owned claims type itself needs 8 allocations (sub, name, iss, aud, the roles \
         vector and its 3 strings); the rest is the library's.\n"
    );
    let mut rows = Vec::new();
    alloc_rows(&jwtcraft, &mut rows);
    alloc_rows(&jsonwebtoken, &mut rows);
    alloc_rows(&jwt_simple, &mut rows);
    alloc_rows(&floor, &mut rows);
    println!("| library | alg | sign allocs | sign bytes | verify allocs | verify bytes |");
    println!("|---|---|---:|---:|---:|---:|");
    for row in rows {
        println!("{row}");
    }

    // (b) thread scaling.
    println!(
        "\n## Verify throughput, 2 threads sharing one key vs 1 thread\n\n\
         Median of 7 paired rounds (1 thread then 2 threads, {:.1} s each); ratio = median of \
         the per-round ratios. Load average before: {}.\n",
        secs.as_secs_f64(),
        loadavg()
    );
    println!("| library | alg | 1 thread (verifies/s) | 2 threads (verifies/s) | ratio |");
    println!("|---|---|---:|---:|---:|");
    let mut hs_ratio = 0.0;
    // Seven alternating rounds of (1 thread, 2 threads). Each round's ratio compares two runs
    // made back to back, so slow changes in other load on the machine cancel out; the median
    // ratio and the median throughputs are reported.
    let scaling = |name: &str, alg: Alg, op: &(dyn Fn() + Sync)| {
        let mut ones = Vec::new();
        let mut twos = Vec::new();
        let mut ratios = Vec::new();
        for _ in 0..7 {
            let one = throughput(1, secs, &op);
            let two = throughput(2, secs, &op);
            ones.push(one);
            twos.push(two);
            ratios.push(two / one);
        }
        let (one, two) = (median(&mut ones), median(&mut twos));
        let ratio = median(&mut ratios);
        println!(
            "| {name} | {} | {one:.0} | {two:.0} | {ratio:.2} |",
            alg.jose()
        );
        ratio
    };
    for alg in MEASURED {
        let (_, token) = ready(&jwtcraft, alg);
        let ratio = scaling("jwtcraft", alg, &|| {
            black_box(jwtcraft.verify(alg, black_box(&token)).unwrap());
        });
        if alg == Alg::Hs256 {
            hs_ratio = ratio;
        }
    }
    let (_, token) = ready(&floor, Alg::Hs256);
    scaling("floor", Alg::Hs256, &|| {
        black_box(floor.verify(Alg::Hs256, black_box(&token)).unwrap());
    });
    println!(
        "\nSCALING jwtcraft HS256 verify, 2 threads / 1 thread: {hs_ratio:.2} (nproc = {}; \
         load average after: {})",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        loadavg()
    );
}
