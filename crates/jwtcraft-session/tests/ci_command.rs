//! The repository README's test command is exactly the one `.ci/run` runs, and it covers the
//! workspace (so this crate's tests run in CI at all).

const COMMAND: &str = "cargo test --locked --workspace --all-features";

#[test]
fn readme_test_command_is_the_ci_test_command() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let readme = std::fs::read_to_string(format!("{root}/README.md")).unwrap();
    let ci = std::fs::read_to_string(format!("{root}/.ci/run")).unwrap();
    assert!(
        readme.lines().any(|l| l.starts_with(COMMAND)),
        "README lacks `{COMMAND}`"
    );
    assert!(
        ci.lines().any(|l| l.trim() == COMMAND),
        ".ci/run lacks `{COMMAND}`"
    );
}
