//! `trace`: the report names the `.await` where the body waited after each
//! pending poll, outermost first, and sums up each one.

mod common;

use std::time::Duration;

use common::sleep;
use lazy_main::trace::capture;

const THIS_FILE: &str = include_str!("test_trace.rs");

/// Where the `.await` on the line marked `// at: <marker>` is, as the
/// report writes it: `file:line:column (excerpt)`.
fn site(marker: &str, excerpt: &str) -> String {
    let tag = format!("// at: {marker}");
    let (index, line) = THIS_FILE
        .lines()
        .enumerate()
        .find(|(_, line)| line.ends_with(&tag))
        .unwrap_or_else(|| panic!("no line ends with {tag}"));
    let column = line.find("await").expect("the marked line awaits") + 1;
    format!("{}:{}:{column} ({excerpt})", file!(), index + 1)
}

#[lazy_main::main(trace = "verbose")]
async fn known_awaits() -> u32 {
    sleep(Duration::from_millis(5)).await; // at: first
    let inner = async {
        sleep(Duration::from_millis(5)).await; // at: in the block
        2
    }
    .await; // at: the block
    println!("{}", sleep(Duration::from_millis(5)).await == ()); // at: in println
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
