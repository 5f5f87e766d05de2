//! The example service stays small, and the repository README says how small: its lines of
//! Rust (not blank, not comments) are counted here and must be the ones the README quotes.

const SERVICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/service");

/// Lines that are neither blank nor comments (`//`, `///`, `//!`).
fn code_lines(text: &str) -> usize {
    let lines = text.lines().map(str::trim);
    lines
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .count()
}

fn code_lines_of(file: &str) -> usize {
    let text = std::fs::read_to_string(format!("{SERVICE}/{file}")).unwrap();
    // The example has no block comments; if one appears, teach `code_lines` about it.
    assert!(
        !text.contains("/*"),
        "{file}: block comments are not counted"
    );
    code_lines(&text)
}

#[test]
fn the_readme_quotes_the_size_of_the_example_service() {
    let (app, main) = (code_lines_of("app.rs"), code_lines_of("main.rs"));
    let total = app + main;
    let sentence = format!(
        "The service is {total} lines of Rust: {app} in `app.rs` (the routers), {main} in `main.rs`."
    );
    let readme = concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md");
    let readme = std::fs::read_to_string(readme).unwrap();
    assert!(
        readme.contains(&sentence),
        "the README should say:\n{sentence}"
    );
    println!("example service: {total} lines of Rust ({app} app.rs + {main} main.rs)");
}

#[test]
fn blank_lines_and_comments_are_not_counted() {
    let text = "//! doc\n\nfn f() {\n    // why\n    /// doc\n    g(); // trailing\n}\n";
    assert_eq!(code_lines(text), 3);
}
