//! A body that waits forever says so: a test whose future nothing can wake
//! fails at once, a deadline fails a test naming where it waited, `trace`
//! reports a stall while it happens, and a `main` without `trace` waits on,
//! as `std::future::pending()` asks.
//!
//! Some of these run this test binary again as a child process (an ignored
//! test, by its exact name), to see what a whole program does: blocks, or
//! fails, or prints.

mod common;

use std::future::{pending, poll_fn, Future};
use std::io::Read;
use std::panic::catch_unwind;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

use lazy_main::trace::capture;

const THIS_FILE: &str = include_str!("test_stuck.rs");

/// `file:line:column` of the `.await` on the line that ends with `// at: <marker>`.
fn site(marker: &str) -> String {
    common::site_in(THIS_FILE, file!(), marker)
}

/// The message of the panic `run` ends with.
fn panic_message(run: fn()) -> String {
    let panic = catch_unwind(run).expect_err("it should fail");
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|text| (*text).to_owned()))
        .unwrap_or_default()
}

/// Returns `Pending` once and keeps no waker: the bug this is about.
fn forgets_its_waker() -> impl Future<Output = ()> {
    let mut polled = false;
    poll_fn(move |_| {
        if std::mem::replace(&mut polled, true) {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
}

/// Keeps its waker, but nothing ever wakes it: only a deadline can tell.
fn kept_but_silent(kept: &Arc<Mutex<Option<Waker>>>) -> impl Future<Output = ()> + '_ {
    poll_fn(move |cx| {
        *kept.lock().unwrap() = Some(cx.waker().clone());
        Poll::<()>::Pending
    })
}

#[lazy_main::test]
#[ignore = "fails on purpose; run by a_lost_wake_fails_the_test_at_once"]
async fn lost_wake() {
    forgets_its_waker().await;
}

#[lazy_main::test(trace)]
#[ignore = "fails on purpose; run by a_lost_wake_fails_the_test_at_once"]
async fn lost_wake_traced() {
    forgets_its_waker().await; // at: lost, traced
}

/// Hands its waker to a thread that drops it, unwoken, a little later: the
/// check right after the poll still sees it alive.
fn drops_its_waker_later() -> impl Future<Output = ()> {
    let mut handed_over = false;
    poll_fn(move |cx| {
        if !std::mem::replace(&mut handed_over, true) {
            let waker = cx.waker().clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(50));
                drop(waker);
            });
        }
        Poll::Pending
    })
}

#[lazy_main::test]
#[ignore = "fails on purpose; run by a_waker_dropped_later_fails_the_test_soon"]
async fn waker_dropped_later() {
    drops_its_waker_later().await;
}

#[test]
fn a_waker_dropped_later_fails_the_test_soon() {
    let started = Instant::now();
    let message = panic_message(waker_dropped_later);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert!(
        message.starts_with("test `waker_dropped_later` can never finish"),
        "{message}"
    );
}

#[lazy_main::test(timeout = "10s")]
#[ignore = "fails on purpose; run by an_await_that_cannot_be_labelled_is_said_to_be_one"]
async fn lost_inside_assert() {
    assert!({
        forgets_its_waker().await;
        true
    });
}

#[test]
fn an_await_that_cannot_be_labelled_is_said_to_be_one() {
    // `assert!` prints its input's text: nothing in it is labelled. The
    // message says so, rather than to add the `timeout` already there.
    let message = panic_message(lost_inside_assert);
    assert!(
        message.starts_with(
            "test `lost_inside_assert` can never finish: its body is pending (at an `.await` that cannot be labelled"
        ),
        "{message}"
    );
}

#[test]
fn a_lost_wake_fails_the_test_at_once() {
    let started = Instant::now();
    let message = panic_message(lost_wake);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(
        message.starts_with(
            "test `lost_wake` can never finish: its body is pending (add `trace` or `timeout`"
        ),
        "{message}"
    );
    assert!(message.contains("must keep `cx.waker()`"), "{message}");

    let ((), report) = capture(|| {
        let message = panic_message(lost_wake_traced);
        let at = site("lost, traced");
        assert!(
            message.contains(&format!(
                "its body is pending at {at} (forgets_its_waker().await)"
            )),
            "{message}"
        );
    });
    // `trace` says so too, the moment it happens, under any executor.
    assert!(
        report.contains("`lost_wake_traced` can never be woken: poll 1 returned `Pending`"),
        "{report}"
    );
}

#[lazy_main::test(timeout = "300ms")]
#[ignore = "fails on purpose; run by a_deadline_names_where_the_test_waits and with_a_timeout_the_failure_panics_at_the_test"]
async fn silent_past_the_deadline() {
    let kept = Arc::new(Mutex::new(None));
    kept_but_silent(&kept).await; // at: silent
}

#[test]
fn a_deadline_names_where_the_test_waits() {
    let started = Instant::now();
    let message = panic_message(silent_past_the_deadline);
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert!(started.elapsed() < Duration::from_secs(5));
    let at = site("silent");
    assert!(
        message.starts_with(&format!(
            "test `silent_past_the_deadline` timed out after 300 ms (its `timeout`): its body was pending at {at} (kept_but_silent(…).await), parked for "
        )),
        "{message}"
    );
}

#[lazy_main::test(timeout = "5s")]
async fn a_met_deadline_passes() {
    common::sleep(Duration::from_millis(20)).await;
}

/// A poll that computes past the deadline is checked when it returns: a
/// pending one fails, a ready one passes.
#[lazy_main::test(timeout = "50ms")]
async fn a_long_poll_that_ends_ready_passes() {
    thread::sleep(Duration::from_millis(100));
}

#[lazy_main::test(timeout = "50ms")]
#[ignore = "fails on purpose; run by a_long_poll_is_checked_when_it_returns"]
async fn long_poll_then_pending() {
    thread::sleep(Duration::from_millis(100));
    common::sleep(Duration::from_secs(10)).await; // at: after the long poll
}

#[test]
fn a_long_poll_is_checked_when_it_returns() {
    let started = Instant::now();
    let message = panic_message(long_poll_then_pending);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "not at the next wake"
    );
    assert!(message.contains(&site("after the long poll")), "{message}");
}

/// Thousands of wakes by value, from other threads and from the future
/// itself, each racing the executor's check: never taken for a lost wake.
/// (Its own deadline is its watchdog.)
#[lazy_main::test(timeout = "60s")]
async fn wakes_by_value_are_never_lost() {
    for round in 0..3000 {
        let mut started = false;
        poll_fn(|cx| {
            if std::mem::replace(&mut started, true) {
                return Poll::Ready(());
            }
            let waker = cx.waker().clone();
            if round % 2 == 0 {
                waker.wake(); // by value, during the poll
            } else {
                thread::spawn(move || waker.wake()); // by value, from elsewhere
            }
            Poll::Pending
        })
        .await;
    }
}

#[lazy_main::main(trace)]
async fn stalls() -> u32 {
    common::sleep(Duration::from_millis(2_300)).await; // at: stall
    7
}

#[test]
fn trace_reports_a_stall_while_it_happens() {
    let (value, report) = capture(stalls);
    assert_eq!(value, 7);
    let at = site("stall");
    let stall =
        |seconds: &str| format!("lazy_main: `stalls` still pending after {seconds} s at {at}");
    let (one, two) = (stall("1.0"), stall("2.0"));
    let first = report.find(&one).unwrap_or_else(|| panic!("{report}"));
    let second = report.find(&two).unwrap_or_else(|| panic!("{report}"));
    let ready = report
        .find("`stalls` ready after")
        .unwrap_or_else(|| panic!("{report}"));
    assert!(first < second && second < ready, "{report}");
    assert_eq!(report.matches("still pending").count(), 2, "{report}");
}

#[lazy_main::main]
async fn waits_forever() {
    pending::<()>().await;
}

#[lazy_main::main(trace)]
async fn traced_lost_wake() {
    forgets_its_waker().await; // at: traced main
}

#[test]
#[ignore = "blocks on purpose; run by the tests of whole programs below"]
fn child_waits_forever() {
    waits_forever();
}

#[test]
#[ignore = "blocks on purpose; run by the tests of whole programs below"]
fn child_traced_lost_wake() {
    traced_lost_wake();
}

/// Runs this test binary's test `name` alone, with `env`; returns whether it
/// was still running after `within` (then it is killed), its exit status
/// otherwise, and its stderr.
fn run_child(name: &str, env: &[(&str, &str)], within: Duration) -> (Option<bool>, String) {
    run_child_with(name, &["--nocapture"], env, within)
}

/// `run_child` with the harness's own options (`--nocapture` or none).
fn run_child_with(
    name: &str,
    options: &[&str],
    env: &[(&str, &str)],
    within: Duration,
) -> (Option<bool>, String) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--ignored", "--exact", name, "--test-threads=1"])
        .args(options)
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the test binary runs");
    let deadline = Instant::now() + within;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status.success());
        }
        if Instant::now() >= deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            break None;
        }
        thread::sleep(Duration::from_millis(20));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (status, stderr)
}

#[test]
fn without_trace_a_function_waits_on() {
    let (status, _) = run_child("child_waits_forever", &[], Duration::from_secs(1));
    assert_eq!(status, None, "it should still be waiting");
}

#[test]
fn with_trace_a_lost_wake_is_printed_while_it_blocks() {
    let (status, stderr) = run_child("child_traced_lost_wake", &[], Duration::from_secs(1));
    assert_eq!(status, None, "it should still be waiting: {stderr}");
    let at = site("traced main");
    assert!(
        stderr.contains(&format!(
            "lazy_main: `traced_lost_wake` can never be woken: poll 1 returned `Pending` at {at} (forgets_its_waker().await), and no clone of its waker is alive"
        )),
        "{stderr}"
    );
}

#[test]
fn the_variable_gives_every_test_a_deadline() {
    let variable = lazy_main::trace::TEST_TIMEOUT_VARIABLE;
    let (status, stderr) = run_child(
        "silent_for_the_variable",
        &[(variable, "300ms")],
        Duration::from_secs(5),
    );
    assert_eq!(status, Some(false), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "test `silent_for_the_variable` timed out after 300 ms ({variable}): its body was pending (add `trace` or `timeout`"
        )),
        "{stderr}"
    );
    let (status, stderr) = run_child(
        "child_fast_test",
        &[(variable, "300ms")],
        Duration::from_secs(5),
    );
    assert_eq!(status, Some(true), "{stderr}");
    let (status, stderr) = run_child(
        "child_fast_test",
        &[(variable, "soon")],
        Duration::from_secs(5),
    );
    assert_eq!(status, Some(false), "{stderr}");
    assert!(
        stderr.contains(&format!("{variable}=\"soon\" is not a duration")),
        "{stderr}"
    );
}

#[test]
fn with_a_timeout_the_failure_panics_at_the_test() {
    // "panicked at" names the test's body (its `{`), not lazy-main's source.
    let (status, stderr) = run_child("silent_past_the_deadline", &[], Duration::from_secs(5));
    assert_eq!(status, Some(false), "{stderr}");
    let signature = "async fn silent_past_the_deadline() {";
    let source = include_str!("test_stuck.rs");
    let line = source.lines().position(|line| line == signature).unwrap() + 1;
    let at = format!(" panicked at {}:{line}:{}:", file!(), signature.len());
    let panicked = stderr
        .lines()
        .find(|line| line.contains("'silent_past_the_deadline'") && line.contains("panicked at"));
    assert!(
        panicked.is_some_and(|line| line.ends_with(&at)),
        "{at}\n{stderr}"
    );
}

#[test]
fn a_bad_variable_ends_the_run_and_never_passes_a_test() {
    let variable = lazy_main::trace::TEST_TIMEOUT_VARIABLE;
    let bad = [(variable, "5 minutes")];
    let within = Duration::from_secs(5);
    // A panic would satisfy `#[should_panic]`; the run ends instead, and
    // says why even where the harness captures the test's output.
    let (status, stderr) = run_child("child_should_panic_test", &[], within);
    assert_eq!(status, Some(true), "{stderr}");
    let (status, stderr) = run_child_with("child_should_panic_test", &[], &bad, within);
    assert_eq!(status, Some(false), "{stderr}");
    assert!(
        stderr.contains(&format!("{variable}=\"5 minutes\" is not a duration")),
        "{stderr}"
    );
    // Read only where needed: a test with its own deadline never reads it.
    let (status, stderr) = run_child("child_own_timeout_test", &bad, within);
    assert_eq!(status, Some(true), "{stderr}");
    // Empty is unset, the usual way to turn a variable off.
    let (status, stderr) = run_child("child_fast_test", &[(variable, "")], within);
    assert_eq!(status, Some(true), "{stderr}");
}

#[lazy_main::test]
#[should_panic = "the body's own panic"]
#[ignore = "run by a_bad_variable_ends_the_run_and_never_passes_a_test"]
async fn child_should_panic_test() {
    common::sleep(Duration::from_millis(10)).await;
    panic!("the body's own panic");
}

#[lazy_main::test(timeout = "10s")]
#[ignore = "run by a_bad_variable_ends_the_run_and_never_passes_a_test"]
async fn child_own_timeout_test() {
    common::sleep(Duration::from_millis(10)).await;
}

#[lazy_main::test]
#[ignore = "fails on purpose; run by the_variable_gives_every_test_a_deadline"]
async fn silent_for_the_variable() {
    let kept = Arc::new(Mutex::new(None));
    kept_but_silent(&kept).await;
}

#[lazy_main::test]
#[ignore = "run by the_variable_gives_every_test_a_deadline"]
async fn child_fast_test() {
    common::sleep(Duration::from_millis(10)).await;
}
