//! The teaching suite: what rustc says when async goes wrong, and proof that
//! the attributes never make it worse. See "Learn from the errors" in the README.
//!
//! The `.stderr` snapshots were blessed with rustc 1.95; other toolchains word
//! some diagnostics differently, so there the suite is skipped (and says so).

use std::process::Command;

const BLESSED_WITH: &str = "rustc 1.95.";

#[test]
fn ui() {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let version = Command::new(rustc)
        .arg("--version")
        .output()
        .map(|out| String::from_utf8_lossy(&out.stdout).into_owned())
        .unwrap_or_default();
    if !version.starts_with(BLESSED_WITH) {
        eprintln!(
            "skipped: the ui snapshots were blessed with {BLESSED_WITH}x, this is {}",
            version.trim()
        );
        return;
    }
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/**/*.rs");
    cases.pass("tests/pass/*.rs");
}
