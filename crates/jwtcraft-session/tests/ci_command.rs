//! The repository README's test command is exactly the one `.ci/run` runs (which also makes
//! a missing Redis a failure), and it covers the workspace (so this crate's tests run in CI
//! at all) beside a real redis-server (so the Redis store's tests run rather than skip). The
//! README's main command (the axum example service) is run by CI too, as a walkthrough.

const COMMAND: &str = ".ci/with-services cargo test --locked --workspace --all-features";

/// The README's main command: the axum example service, which CI runs with `--smoke`.
const MAIN: &str = "cargo run -p jwtcraft-axum --features jwks --example service";

#[test]
fn readme_test_command_is_the_ci_test_command() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let ci = std::fs::read_to_string(format!("{root}/.ci/run")).unwrap();
    assert!(
        readme.lines().any(|l| l.starts_with(COMMAND)),
        "README lacks `{COMMAND}`"
    );
    let in_ci = format!("JWTCRAFT_REQUIRE_REDIS=1 {COMMAND}");
    assert!(
        ci.lines().any(|l| l.trim() == in_ci),
        ".ci/run lacks `{in_ci}`"
    );
}

#[test]
fn readme_main_command_is_run_by_ci() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let ci = std::fs::read_to_string(format!("{root}/.ci/run")).unwrap();
    assert!(
        readme.lines().any(|l| l.starts_with(MAIN)),
        "README lacks `{MAIN}`"
    );
    // CI adds --locked and runs the walkthrough instead of serving until stopped.
    let in_ci = format!(
        "{} -- --smoke",
        MAIN.replacen("cargo run", "cargo run --locked", 1)
    );
    assert!(
        ci.lines().any(|l| l.trim() == in_ci),
        ".ci/run lacks `{in_ci}`"
    );
}
