//! The README's "What it expands to" quotes an expansion snapshot verbatim.

#[test]
fn readme_quotes_the_expansion_snapshot() {
    let readme = include_str!("../README.md");
    let snapshot = include_str!("../macros/tests/expand/result.expanded.rs");
    let section = readme
        .split("## What it expands to")
        .nth(1)
        .expect("README has a \"What it expands to\" section");
    let quoted = section
        .split("```rust\n")
        .nth(1)
        .and_then(|block| block.split("```").next())
        .expect("the section quotes the expansion in a ```rust block");
    assert_eq!(quoted, snapshot, "README quote and snapshot differ");
}
