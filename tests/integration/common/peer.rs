//! Running an interop peer (a script in `tests/peers/`), and skipping loudly when it is not
//! there.
//!
//! Python peers run with `/usr/bin/python3`, or the interpreter named by `$JWTCRAFT_PYTHON`;
//! the Node peer with `node`, or `$JWTCRAFT_NODE`. If the interpreter is missing or the
//! script's `check` command fails, a test prints a loud `SKIPPED` block to stderr and passes,
//! unless `JWTCRAFT_REQUIRE_PEERS=1` is set: then it fails.

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

/// `eprintln!` that the test harness does not capture: a skip must be seen even when the
/// test passes.
#[allow(unused_macros)]
macro_rules! loud {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
#[allow(unused_imports)]
pub(crate) use loud;

/// A peer script and the interpreter that answered its `check` command.
#[derive(Debug)]
pub(crate) struct Script {
    interpreter: String,
    path: PathBuf,
    /// How failures name the peer, such as "`PyJWT` peer".
    name: &'static str,
}

impl Script {
    /// Runs `tests/peers/{file} check` with Python. On success, the script and what `check`
    /// printed; on failure, why the peer is unavailable.
    pub(crate) fn probe(file: &str, name: &'static str) -> Result<(Self, String), String> {
        Self::probe_with("JWTCRAFT_PYTHON", "/usr/bin/python3", file, name)
    }

    /// As [`Script::probe`], with Node.
    pub(crate) fn probe_node(file: &str, name: &'static str) -> Result<(Self, String), String> {
        Self::probe_with("JWTCRAFT_NODE", "node", file, name)
    }

    fn probe_with(
        variable: &str,
        default: &str,
        file: &str,
        name: &'static str,
    ) -> Result<(Self, String), String> {
        let interpreter = std::env::var(variable)
            .ok()
            .filter(|p| !p.is_empty())
            .unwrap_or_else(|| default.to_owned());
        let script = Script {
            interpreter,
            path: PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("tests/peers")
                .join(file),
            name,
        };
        let out = script
            .command(&["check"])
            .output()
            .map_err(|e| format!("cannot run {}: {e}", script.interpreter))?;
        if !out.status.success() {
            return Err(format!(
                "{} {file} check failed: {}",
                script.interpreter,
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
        Ok((script, stdout))
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.interpreter);
        command.arg(&self.path).args(args).stdin(Stdio::null());
        command
    }

    /// Runs one command of the script, whatever its exit status.
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        self.command(args)
            .output()
            .unwrap_or_else(|e| panic!("running the {}: {e}", self.name))
    }

    /// The standard output of a command that must succeed.
    #[track_caller]
    pub(crate) fn run_ok(&self, args: &[&str]) -> Vec<u8> {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "{} {:?} failed ({}): {}",
            self.name,
            args.first(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }
}

/// The probed peer, or `None` after a loud skip message naming the running test and how to
/// install the peer. Panics instead of skipping when `JWTCRAFT_REQUIRE_PEERS=1`.
#[track_caller]
pub(crate) fn or_skip<'a, P>(probed: &'a Result<P, String>, install_hint: &str) -> Option<&'a P> {
    match probed {
        Ok(peer) => Some(peer),
        Err(reason) => {
            // Outside a test thread, the name of this test crate (the file in `tests/`).
            let test = std::thread::current()
                .name()
                .unwrap_or(env!("CARGO_CRATE_NAME"))
                .to_owned();
            assert!(
                std::env::var("JWTCRAFT_REQUIRE_PEERS").as_deref() != Ok("1"),
                "JWTCRAFT_REQUIRE_PEERS=1 and the peer is unavailable ({reason}). \
                 {install_hint}"
            );
            loud!(
                "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
                 !!! SKIPPED {test}: {install_hint}\n\
                 !!! reason: {reason}\n\
                 !!! (set JWTCRAFT_REQUIRE_PEERS=1 to make this a failure)\n\
                 !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n"
            );
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The peers' clock and issuer
// ---------------------------------------------------------------------------------------------

/// The instant jwtcraft (and `jose`) verify peer tokens at: ten minutes after
/// [`super::NOW`], which the peers' tokens carry as `iat`.
pub(crate) const PEER_NOW: i64 = super::NOW + 600;

/// The issuer of every interop token.
pub(crate) const PEER_ISSUER: &str = "https://issuer.example";

/// The shared validation judged at [`PEER_NOW`], requiring [`PEER_ISSUER`].
pub(crate) fn peer_validation() -> jwtcraft::Validation {
    super::validation_at(PEER_NOW).with_issuer(PEER_ISSUER)
}
