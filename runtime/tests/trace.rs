//! `Traced` counts polls and wakes exactly, under any executor.

mod common;

use std::future::{poll_fn, Future};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::pin;
use std::task::Poll;
use std::time::Duration;

use common::{wake_later, watchdog, WakeSelf, LIMIT};
use lazy_main_runtime::block_on;
use lazy_main_runtime::trace::{capture, trace, Stats, Traced};

const DELAY: Duration = Duration::from_millis(30);

/// Wakes itself once during poll, then is woken twice from other threads.
fn known_wakes() -> impl Future<Output = &'static str> {
    let mut polls = 0;
    poll_fn(move |cx| {
        polls += 1;
        match polls {
            1 => cx.waker().wake_by_ref(),
            2 | 3 => wake_later(cx.waker().clone(), DELAY),
            _ => return Poll::Ready("done"),
        }
        Poll::Pending
    })
}

fn check(stats: Stats) {
    assert_eq!(stats.polls, 4);
    assert_eq!(stats.pending, 3);
    assert_eq!(stats.wakes_during_poll, 1);
    assert_eq!(stats.wakes_from_other_threads, 2);
    assert_eq!(stats.wakes_between_polls, 0);
    assert_eq!(stats.wakes(), 3);
    // Two waits of at least `DELAY` each, with the thread parked.
    assert!(stats.parked >= 2 * DELAY, "{stats:?}");
    assert!(stats.total >= stats.parked + stats.polling, "{stats:?}");
}

#[test]
fn counts_polls_and_wakes_exactly() {
    watchdog(LIMIT, || {
        let mut traced = Traced::new("known", known_wakes()).verbose();
        assert_eq!(block_on(&mut traced), "done");
        check(traced.stats());
    });
}

#[test]
fn works_under_another_executor() {
    watchdog(LIMIT, || {
        let mut traced = pin!(trace("other", false, known_wakes()));
        assert_eq!(futures_executor::block_on(traced.as_mut()), "done");
        check(traced.stats());
    });
}

#[test]
fn debug_shows_the_wakes_counted_so_far() {
    let mut traced = Traced::new("debug", WakeSelf { remaining: 2 });
    block_on(&mut traced);
    let stats = traced.stats();
    assert_eq!(stats.wakes_during_poll, 2);
    assert_eq!(
        format!("{traced:?}"),
        format!("Traced {{ label: \"debug\", stats: {stats:?}, .. }}")
    );
}

#[test]
fn a_panic_inside_is_reported_and_propagates() {
    let mut polls = 0;
    let traced = trace(
        "panics",
        false,
        poll_fn(move |cx| {
            polls += 1;
            assert!(polls < 2, "second poll");
            cx.waker().wake_by_ref();
            Poll::<()>::Pending
        }),
    );
    let panic = catch_unwind(AssertUnwindSafe(|| block_on(traced))).unwrap_err();
    assert_eq!(panic.downcast_ref::<&str>(), Some(&"second poll"));
}

/// Whatever the ending, the total is the time parked plus the time polling:
/// a panic counts its poll, a drop ends the count at the last poll.
#[test]
fn the_times_add_up_in_every_ending() {
    let adds_up = |stats: Stats| {
        assert_eq!(stats.total, stats.parked + stats.polling, "{stats:?}");
    };
    // Pending once, woken from another thread after 20 ms; then ready,
    // panicking or left pending, each after 10 ms of work inside the poll.
    let mut started = false;
    let future = |ending: &'static str| {
        poll_fn(move |cx| {
            std::thread::sleep(Duration::from_millis(10));
            if !std::mem::replace(&mut started, true) {
                wake_later(cx.waker().clone(), Duration::from_millis(20));
                return Poll::Pending;
            }
            match ending {
                "ready" => Poll::Ready(()),
                "panic" => panic!("in the second poll"),
                _ => Poll::Pending,
            }
        })
    };
    let mut ready = Traced::new("ready", future("ready"));
    block_on(&mut ready);
    adds_up(ready.stats());

    let mut panics = Traced::new("panics", future("panic"));
    catch_unwind(AssertUnwindSafe(|| block_on(&mut panics))).unwrap_err();
    let stats = panics.stats();
    assert_eq!(stats.polls, 2);
    assert!(stats.polling >= Duration::from_millis(20), "{stats:?}");
    assert!(stats.parked >= Duration::from_millis(10), "{stats:?}");
    adds_up(stats);

    let mut dropped = pin!(Traced::new("dropped", future("pending")));
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    assert!(dropped.as_mut().poll(&mut cx).is_pending());
    std::thread::sleep(Duration::from_millis(5));
    assert!(dropped.as_mut().poll(&mut cx).is_pending());
    adds_up(dropped.stats());
}

/// A capture inside a capture gets its own report; the outer one keeps its
/// own; and a panic inside a capture gives the outer one its buffer back.
#[test]
fn captures_nest_and_survive_a_panic() {
    let sum = || block_on(Traced::new("sum", async { 1 + 2 }));
    let ((inner, inner_report), outer_report) = capture(|| {
        sum();
        let inner = capture(sum);
        let panicked = catch_unwind(|| capture(|| panic!("in a capture")));
        assert!(panicked.is_err());
        sum();
        inner
    });
    assert_eq!(inner, 3);
    assert_eq!(inner_report.matches("`sum` ready").count(), 1);
    assert_eq!(outer_report.matches("`sum` ready").count(), 2);
}
