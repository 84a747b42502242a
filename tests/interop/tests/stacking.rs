//! `#[lazy_main::test]` next to other test attributes. Each test says that
//! it ran (`ran`); `every_generated_test_runs_once` runs this binary again
//! and checks that each ran exactly once, and that no test is listed twice.

use std::collections::BTreeMap;
use std::process::Command;

use lazy_main_interop::{double, ran, MARK};
use rstest::{fixture, rstest};
use test_case::test_case;

// Test generators: both orders work, each case is one test.

#[lazy_main::test]
#[test_case(1)]
#[test_case(2)]
async fn ours_above_test_case(x: u32) {
    assert_eq!(double(x).await, 2 * x);
    ran(&format!("ours_above_test_case {x}"));
}

#[test_case(1)]
#[test_case(2)]
#[lazy_main::test]
async fn test_case_above_ours(x: u32) {
    assert_eq!(double(x).await, 2 * x);
    ran(&format!("test_case_above_ours {x}"));
}

#[lazy_main::test(trace)]
#[test_case(1 => 2 ; "one")]
#[test_case(2 => 4 ; "two")]
async fn ours_with_arguments_above_test_case_expecting(x: u32) -> u32 {
    ran(&format!(
        "ours_with_arguments_above_test_case_expecting {x}"
    ));
    double(x).await
}

#[lazy_main::test]
#[rstest]
async fn ours_above_rstest_values(#[values(1, 2)] x: u32) {
    assert_eq!(double(x).await, 2 * x);
    ran(&format!("ours_above_rstest_values {x}"));
}

#[rstest]
#[lazy_main::test]
async fn rstest_values_above_ours(#[values(1, 2)] x: u32) {
    assert_eq!(double(x).await, 2 * x);
    ran(&format!("rstest_values_above_ours {x}"));
}

#[lazy_main::test]
#[rstest]
#[case(1)]
#[case(2)]
async fn ours_above_rstest_cases(#[case] x: u32) {
    assert_eq!(double(x).await, 2 * x);
    ran(&format!("ours_above_rstest_cases {x}"));
}

#[rstest]
#[case(1)]
#[case(2)]
#[lazy_main::test]
async fn rstest_cases_above_ours(#[case] x: u32) {
    assert_eq!(double(x).await, 2 * x);
    ran(&format!("rstest_cases_above_ours {x}"));
}

// Not one expression: rstest puts a fixture's body in braces of its own,
// and rustc's `unused_braces` would blame these.
#[allow(clippy::let_and_return)]
#[fixture]
fn seven() -> u32 {
    let seven = 7;
    seven
}

#[lazy_main::test]
#[rstest]
async fn ours_above_rstest_fixture(seven: u32) {
    assert_eq!(double(seven).await, 14);
    ran("ours_above_rstest_fixture");
}

#[rstest]
#[lazy_main::test]
async fn rstest_fixture_above_ours(seven: u32) {
    assert_eq!(double(seven).await, 14);
    ran("rstest_fixture_above_ours");
}

// Wrappers: another crate's `…::test` below ours keeps its place.

#[lazy_main::test]
#[test_log::test]
async fn ours_above_test_log() {
    tracing::info!("logged");
    assert_eq!(double(1).await, 2);
    ran("ours_above_test_log");
}

#[test_log::test(lazy_main::test)]
async fn test_log_wrapping_ours() {
    assert_eq!(double(1).await, 2);
    ran("test_log_wrapping_ours");
}

#[lazy_main::test]
#[googletest::test]
async fn ours_above_googletest() {
    googletest::expect_that!(double(1).await, googletest::prelude::eq(2));
    ran("ours_above_googletest");
}

#[googletest::test]
#[lazy_main::test]
async fn googletest_above_ours() {
    googletest::expect_that!(double(1).await, googletest::prelude::eq(2));
    ran("googletest_above_ours");
}

#[googletest::gtest]
#[lazy_main::test]
async fn gtest_above_ours() {
    googletest::expect_that!(double(1).await, googletest::prelude::eq(2));
    ran("gtest_above_ours");
}

#[lazy_main::test]
#[rstest]
#[case(3)]
#[test_log::test]
async fn ours_above_rstest_and_test_log(#[case] x: u32) {
    assert_eq!(double(x).await, 2 * x);
    ran(&format!("ours_above_rstest_and_test_log {x}"));
}

// Other attributes, in the order their documentation gives for tokio.

#[lazy_main::test]
#[serial_test::serial]
async fn ours_above_serial() {
    assert_eq!(double(1).await, 2);
    ran("ours_above_serial");
}

#[lazy_main::test]
#[tracing_test::traced_test]
async fn ours_above_traced_test() {
    tracing::info!("traced {}", double(1).await);
    assert!(logs_contain("traced 2"));
    ran("ours_above_traced_test");
}

#[lazy_main::test]
#[ntest::timeout(10_000)]
async fn ours_above_ntest_timeout() {
    assert_eq!(double(1).await, 2);
    ran("ours_above_ntest_timeout");
}

#[lazy_main::test]
async fn insta_inline_snapshot() {
    insta::assert_snapshot!(double(21).await.to_string(), @"42");
    ran("insta_inline_snapshot");
}

/// Each test above, by the label it prints.
const EXPECTED: &[&str] = &[
    "ours_above_test_case 1",
    "ours_above_test_case 2",
    "test_case_above_ours 1",
    "test_case_above_ours 2",
    "ours_with_arguments_above_test_case_expecting 1",
    "ours_with_arguments_above_test_case_expecting 2",
    "ours_above_rstest_values 1",
    "ours_above_rstest_values 2",
    "rstest_values_above_ours 1",
    "rstest_values_above_ours 2",
    "ours_above_rstest_cases 1",
    "ours_above_rstest_cases 2",
    "rstest_cases_above_ours 1",
    "rstest_cases_above_ours 2",
    "ours_above_rstest_fixture",
    "rstest_fixture_above_ours",
    "ours_above_test_log",
    "test_log_wrapping_ours",
    "ours_above_googletest",
    "googletest_above_ours",
    "gtest_above_ours",
    "ours_above_rstest_and_test_log 3",
    "ours_above_serial",
    "ours_above_traced_test",
    "ours_above_ntest_timeout",
    "insta_inline_snapshot",
];

const CHILD: &str = "LAZY_MAIN_INTEROP_CHILD";

/// Runs this test binary again, without this test: every test above is
/// listed once and runs once (a test attribute stacked twice would list
/// and run it twice; a lost one would not run it at all).
#[test]
fn every_generated_test_runs_once() {
    if std::env::var_os(CHILD).is_some() {
        return;
    }
    let this = std::env::current_exe().expect("the test binary");
    let run = |args: &[&str]| {
        let output = Command::new(&this)
            .args(args)
            .env(CHILD, "1")
            .output()
            .expect("the test binary runs");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).expect("UTF-8 output")
    };
    let listed = run(&["--list"]);
    let mut names: Vec<&str> = listed
        .lines()
        .filter_map(|line| line.strip_suffix(": test"))
        .collect();
    let all = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(all, names.len(), "a test is listed twice:\n{listed}");
    // Every test above, and this one.
    assert_eq!(names.len(), EXPECTED.len() + 1, "{listed}");

    let output = run(&[
        "--test-threads=1",
        "--nocapture",
        "--skip",
        "every_generated",
    ]);
    let mut runs: BTreeMap<&str, usize> = BTreeMap::new();
    // libtest prints `test name ... ` before the test's own output, on its line.
    let labels = output
        .lines()
        .filter_map(|line| Some(&line[line.find(MARK)? + MARK.len()..]));
    for label in labels {
        *runs.entry(label).or_default() += 1;
    }
    let expected: BTreeMap<&str, usize> = EXPECTED.iter().map(|label| (*label, 1)).collect();
    assert_eq!(runs, expected, "{output}");
}
