//! `trace`: the report names the `.await` where the body waited after each
//! pending poll, outermost first, and sums up each one.

mod common;

use std::future::Future;
use std::time::Duration;

use common::sleep;
use lazy_main::trace::capture;

const THIS_FILE: &str = include_str!("test_trace.rs");

/// Where the `.await` on the line marked `// at: <marker>` is, as the
/// report writes it: `file:line:column (excerpt)`.
fn site(marker: &str, excerpt: &str) -> String {
    format!(
        "{} ({excerpt})",
        common::site_in(THIS_FILE, file!(), marker)
    )
}

#[lazy_main::main(trace = "verbose")]
async fn known_awaits() -> u32 {
    sleep(Duration::from_millis(5)).await; // at: first
    let inner = async {
        sleep(Duration::from_millis(5)).await; // at: in the block
        2
    }
    .await; // at: the block
    println!("{:?}", sleep(Duration::from_millis(5)).await); // at: in println
                                                             // Pending and ready again within one poll of the body: not where it waits.
    lazy_main::block_on(async {
        sleep(Duration::from_millis(5)).await; // at: nested block_on
    });
    std::future::ready(1).await + inner // at: ready at once
}

#[test]
fn each_pending_poll_names_where_the_body_waits() {
    let (value, report) = capture(known_awaits);
    assert_eq!(value, 3);
    let polls: Vec<&str> = report
        .lines()
        .filter(|line| line.contains(" poll "))
        .collect();
    let first = site("first", "sleep(…).await");
    let block = site("the block", "async {…}.await");
    let in_block = site("in the block", "sleep(…).await");
    let in_println = site("in println", "sleep(…).await");
    assert_eq!(polls.len(), 4, "{report}");
    assert!(
        polls[0].contains(&format!(": pending at {first} in ")),
        "{report}"
    );
    assert!(
        polls[1].contains(&format!(": pending at {block} > {in_block} in ")),
        "{report}"
    );
    assert!(
        polls[2].contains(&format!(": pending at {in_println} in ")),
        "{report}"
    );
    assert!(polls[3].contains(": ready in "), "{report}");
    // The summary: one line for each `.await` that was pending, in order.
    let waited: Vec<&str> = report
        .lines()
        .filter(|line| line.contains("waited at"))
        .collect();
    let expected = [&first, &block, &in_block, &in_println];
    assert_eq!(waited.len(), expected.len(), "{report}");
    for (line, site) in waited.iter().zip(expected) {
        assert!(
            line.contains(&format!("waited at {site}: 1 time, parked ")),
            "{report}"
        );
    }
    assert!(
        !report.contains(&site("nested block_on", "sleep(…).await")),
        "{report}"
    );
    assert!(
        !report.contains(&site("ready at once", "std::future::ready(…).await")),
        "{report}"
    );
}

/// The plain summary lists the same `.await`s, without a line per poll.
#[lazy_main::main(trace)]
async fn summary_only() {
    sleep(Duration::from_millis(5)).await; // at: summary
}

#[test]
fn the_summary_lists_where_the_body_waited() {
    let ((), report) = capture(summary_only);
    assert!(!report.contains(" poll 1:"), "{report}");
    let expected = format!(
        "waited at {}: 1 time, parked ",
        site("summary", "sleep(…).await")
    );
    assert!(report.contains(&expected), "{report}");
}

/// Awaits the labelling must leave working: chains, `?`, tuple fields,
/// closures' parameters inferred later, paths with turbofish, macros.
/// (Clippy sees the redundant async blocks, as in a plain `async fn`.)
#[allow(clippy::redundant_async_block)]
#[lazy_main::main(trace)]
async fn awaits_of_every_shape() -> Result<u32, std::num::ParseIntError> {
    let pair = (std::future::ready(1), 2);
    let one = pair.0.await;
    let parsed: u32 = std::future::ready("2").await.parse()?;
    let twice = |future| async move { future.await };
    let three = twice(std::future::ready(3)).await;
    let four = core::future::ready::<u32>(4).await;
    let nested = async { async { 5 }.await }.await;
    let chained = std::future::ready(std::future::ready(6)).await.await;
    assert_eq!(format!("{}", std::future::ready(7).await), "7");
    let ready = std::future::ready(Ok::<u32, std::num::ParseIntError>(8)).await?;
    Ok(one + parsed + three + four + nested + chained + ready)
}

#[test]
fn awaits_of_every_shape_still_work() {
    let (sum, _report) = capture(awaits_of_every_shape);
    assert_eq!(sum, Ok(1 + 2 + 3 + 4 + 5 + 6 + 8));
}

/// A nested `fn` is not part of the body's future: its `.await`s are not
/// labelled, the call's is. A closure's async block is awaited by the
/// body: its `.await`s are labelled, inside the call's.
#[lazy_main::main(trace = "verbose")]
async fn nested_items_and_closures() {
    async fn helper() {
        sleep(Duration::from_millis(5)).await;
    }
    helper().await; // at: helper
    let closure = || async move {
        sleep(Duration::from_millis(5)).await; // at: in the closure
    };
    closure().await; // at: closure
}

#[test]
fn nested_functions_are_not_labelled_closures_are() {
    let ((), report) = capture(nested_items_and_closures);
    let polls: Vec<&str> = report
        .lines()
        .filter(|line| line.contains(": pending"))
        .collect();
    let helper = site("helper", "helper().await");
    let closure = site("closure", "closure().await");
    let in_closure = site("in the closure", "sleep(…).await");
    assert_eq!(polls.len(), 2, "{report}");
    assert!(
        polls[0].contains(&format!(": pending at {helper} in ")),
        "{report}"
    );
    assert!(
        polls[1].contains(&format!(": pending at {closure} > {in_closure} in ")),
        "{report}"
    );
}

/// Two futures polled side by side are two places the body waits, not one
/// inside the other.
#[lazy_main::main(trace = "verbose")]
async fn side_by_side() {
    let a = async {
        sleep(Duration::from_millis(5)).await; // at: a
    };
    let b = async {
        sleep(Duration::from_millis(10)).await; // at: b
    };
    // In `pin!`, a macro that is not std's formatting family, they would not
    // be labelled.
    let (mut a, mut b) = (std::pin::pin!(a), std::pin::pin!(b));
    let (mut a_done, mut b_done) = (false, false);
    std::future::poll_fn(|cx| {
        a_done = a_done || a.as_mut().poll(cx).is_ready();
        b_done = b_done || b.as_mut().poll(cx).is_ready();
        if a_done && b_done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await; // at: join
}

#[test]
fn side_by_side_futures_are_two_chains() {
    let ((), report) = capture(side_by_side);
    let join = site("join", "std::future::poll_fn(…).await");
    let (a, b) = (site("a", "sleep(…).await"), site("b", "sleep(…).await"));
    let first = report
        .lines()
        .find(|line| line.contains(" poll 1: "))
        .unwrap_or_default();
    assert!(
        first.contains(&format!(": pending at {join} > {a} and {join} > {b} in ")),
        "{report}"
    );
}

/// Macros that print their input's text print it as written.
#[lazy_main::test(trace)]
#[should_panic(expected = "assertion failed: std::future::ready(1).await == 2")]
async fn assert_prints_the_condition_as_written() {
    assert!(std::future::ready(1).await == 2);
}

/// A `!Send` value whose future is `Send`, awaited in a block that must be
/// `Send`: `.await` converts it before the block is suspended, and so does
/// the label.
struct Builder(std::rc::Rc<u8>);

impl std::future::IntoFuture for Builder {
    type Output = u8;
    type IntoFuture = std::future::Ready<u8>;

    fn into_future(self) -> Self::IntoFuture {
        std::future::ready(*self.0)
    }
}

fn needs_send<F: Future + Send>(future: F) -> F {
    future
}

#[lazy_main::main(trace)]
async fn send_stays_send() -> u8 {
    needs_send(async { Builder(std::rc::Rc::new(3)).await }).await
}

#[test]
fn a_labelled_await_keeps_a_block_send() {
    assert_eq!(capture(send_stays_send).0, 3);
}
