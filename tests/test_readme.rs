//! The README's "What it expands to" quotes expansion snapshots verbatim.

#[test]
fn readme_quotes_the_expansion_snapshots() {
    let readme = include_str!("../README.md");
    let section = readme
        .split("## What it expands to")
        .nth(1)
        .and_then(|rest| rest.split("\n## ").next())
        .expect("README has a \"What it expands to\" section");
    let quoted: Vec<&str> = section
        .split("```rust\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .collect();
    let snapshots = [
        include_str!("../macros/tests/expand/result.expanded.rs"),
        include_str!("../macros/tests/expand/helper.expanded.rs"),
    ];
    assert_eq!(quoted, snapshots, "README quotes and snapshots differ");
}
