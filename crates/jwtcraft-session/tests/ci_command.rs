//! The repository README's test command is exactly the one `.ci/run` runs (which also makes
//! a missing Redis a failure), and it covers the workspace (so this crate's tests run in CI
//! at all) beside a real redis-server (so the Redis store's tests run rather than skip).

const COMMAND: &str = ".ci/with-redis cargo test --locked --workspace --all-features";

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
