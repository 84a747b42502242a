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
    // Two waits of at least `DELAY` each, with the thread parked. (Under
    // miri the trace's own work after a pending poll can outlast `DELAY`:
    // the wake then comes before the park, and nothing is parked.)
    if !cfg!(miri) {
        assert!(stats.parked >= 2 * DELAY, "{stats:?}");
    }
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

/// Whatever the ending, the times account for the total: the body's own
/// polls, the trace's own work around them, and the waits between polls, of
/// which "parked" is the part spent waiting for a wake. A panic counts its
/// poll; a drop ends the count at the drop.
#[test]
fn the_times_account_for_the_total_in_every_ending() {
    let accounted = |stats: Stats| {
        assert!(
            stats.total >= stats.parked + stats.polling + stats.tracing,
            "{stats:?}"
        );
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
    let stats = ready.stats();
    assert!(stats.parked >= Duration::from_millis(10), "{stats:?}");
    accounted(stats);

    let mut panics = Traced::new("panics", future("panic"));
    catch_unwind(AssertUnwindSafe(|| block_on(&mut panics))).unwrap_err();
    let stats = panics.stats();
    assert_eq!(stats.polls, 2);
    assert!(stats.polling >= Duration::from_millis(20), "{stats:?}");
    assert!(stats.parked >= Duration::from_millis(10), "{stats:?}");
    accounted(stats);

    let mut dropped = pin!(Traced::new("dropped", future("pending")));
    let waker = std::task::Waker::noop();
    let mut cx = std::task::Context::from_waker(waker);
    assert!(dropped.as_mut().poll(&mut cx).is_pending());
    std::thread::sleep(Duration::from_millis(5));
    assert!(dropped.as_mut().poll(&mut cx).is_pending());
    accounted(dropped.stats());
}

/// Dropped while it waits: the report's total runs to the drop, the last
/// wait included, as its "parked" does.
#[test]
fn a_dropped_future_reports_its_total_to_the_drop() {
    let ((), report) = capture(|| {
        let mut dropped = Box::pin(Traced::new("dropped", std::future::pending::<()>()));
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        assert!(dropped.as_mut().poll(&mut cx).is_pending());
        std::thread::sleep(Duration::from_millis(50));
        drop(dropped);
    });
    let line = report
        .lines()
        .find(|line| line.contains("`dropped` dropped before ready after 1 poll in "))
        .unwrap_or_else(|| panic!("{report}"));
    let total: f64 = line
        .rsplit(" in ")
        .next()
        .and_then(|total| total.strip_suffix(" ms"))
        .and_then(|total| total.parse().ok())
        .unwrap_or_else(|| panic!("{report}"));
    assert!(total >= 50.0, "{report}");
}

/// "parked" is time spent waiting for a wake: a future that wakes itself a
/// million times never waits, however long the trace's own work takes.
#[test]
fn a_future_that_only_yields_is_never_parked() {
    const YIELDS: usize = if cfg!(miri) { 300 } else { 100_000 };
    let mut traced = Traced::new("yields", WakeSelf { remaining: YIELDS });
    let ((), report) = capture(|| block_on(&mut traced));
    let stats = traced.stats();
    assert_eq!(stats.wakes_during_poll, YIELDS);
    assert_eq!(stats.parked, Duration::ZERO, "{stats:?}");
    assert!(stats.tracing > Duration::ZERO, "{stats:?}");
    assert!(report.contains("parked 0.0 ms"), "{report}");
}

/// A panic is reported where it happened: in a poll, also when the future
/// is dropped later, outside the panic; and a future dropped during an
/// unrelated panic was not the one that panicked.
#[test]
fn a_panic_is_reported_from_the_poll_that_panicked() {
    let mut polls = 0;
    let second_poll_panics = poll_fn(move |cx| {
        polls += 1;
        assert!(polls < 2, "second poll");
        cx.waker().wake_by_ref();
        Poll::<()>::Pending
    });
    let mut traced = Box::pin(Traced::new("caught", second_poll_panics));
    let ((), report) = capture(|| {
        let caught = catch_unwind(AssertUnwindSafe(|| block_on(traced.as_mut())));
        assert!(caught.is_err());
        drop(traced);
    });
    assert!(report.contains("`caught` panicked in poll 2"), "{report}");

    let (caught, report) = capture(|| {
        catch_unwind(|| {
            let mut traced = Box::pin(Traced::new("bystander", std::future::pending::<()>()));
            let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
            assert!(traced.as_mut().poll(&mut cx).is_pending());
            panic!("unrelated");
        })
    });
    assert!(caught.is_err());
    assert!(
        report.contains("`bystander` dropped before ready after 1 poll"),
        "{report}"
    );
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

// The tests need Rust 1.88 anyway (their dev-dependencies do).
#[allow(clippy::incompatible_msrv)]
mod chains {
    use std::future::{pending, poll_fn, Future};
    use std::pin::{pin, Pin};
    use std::task::{Context, Poll, Waker};

    use lazy_main_runtime::trace::{at, Site, Traced};

    static OUTER: Site = Site {
        file: "t.rs",
        line: 1,
        column: 1,
        excerpt: "join(…).await",
    };
    static A: Site = Site {
        file: "t.rs",
        line: 2,
        column: 1,
        excerpt: "a.await",
    };
    static B: Site = Site {
        file: "t.rs",
        line: 3,
        column: 1,
        excerpt: "b.await",
    };

    fn noop() -> Context<'static> {
        Context::from_waker(Waker::noop())
    }

    /// Pending until polled `times` times.
    fn pending_for(mut times: usize) -> impl Future<Output = ()> {
        poll_fn(move |_| {
            if times == 0 {
                return Poll::Ready(());
            }
            times -= 1;
            Poll::Pending
        })
    }

    fn sites(traced: &Traced<impl Future>) -> Vec<Vec<u32>> {
        traced
            .waiting_at()
            .iter()
            .map(|chain| chain.iter().map(|site| site.line).collect())
            .collect()
    }

    /// Two futures polled side by side are two chains, not one nested in
    /// the other; an `.await` inside the awaited block is its child.
    #[test]
    fn siblings_are_two_chains_and_nesting_is_one() {
        let join = async {
            let mut a = pin!(at(pending::<()>(), A));
            let mut b = pin!(at(pending::<()>(), B));
            poll_fn(|cx| {
                let _ = a.as_mut().poll(cx);
                let _ = b.as_mut().poll(cx);
                Poll::<()>::Pending
            })
            .await;
        };
        let mut traced = pin!(Traced::new("join", async { at(join, OUTER).await }));
        assert!(traced.as_mut().poll(&mut noop()).is_pending());
        assert_eq!(sites(&traced), [[1, 2], [1, 3]]);

        let nested = async { at(async { at(pending::<()>(), A).await }, OUTER).await };
        let mut traced = pin!(Traced::new("nested", nested));
        assert!(traced.as_mut().poll(&mut noop()).is_pending());
        assert_eq!(sites(&traced), [[1, 2]]);
    }

    /// An `.await` that was pending and completed within the same poll (a
    /// nested `block_on`) no longer says where the body waits.
    #[test]
    fn an_await_finished_within_the_poll_takes_its_chain_back() {
        let body = async {
            lazy_main_runtime::block_on(async {
                at(super::WakeSelf { remaining: 1 }, A).await;
            });
            at(pending::<()>(), B).await;
        };
        let mut traced = pin!(Traced::new("nested block_on", body));
        assert!(traced.as_mut().poll(&mut noop()).is_pending());
        assert_eq!(sites(&traced), [[3]]);
    }

    /// Moved to another thread between polls, the body's sites are all
    /// counted, each as often as it was pending.
    #[test]
    fn polls_on_other_threads_count_every_site() {
        let body = async {
            at(pending_for(1), A).await;
            at(pending_for(1), A).await;
            at(pending_for(1), B).await;
        };
        let mut traced: Pin<Box<Traced<_>>> = Box::pin(Traced::new("moved", body));
        for _ in 0..3 {
            // Each poll on a fresh thread, while this thread's own frames
            // are busy with a traced future of their own.
            let mut local = pin!(Traced::new("local", at(pending::<()>(), B)));
            assert!(local.as_mut().poll(&mut noop()).is_pending());
            traced = std::thread::spawn(move || {
                assert!(traced.as_mut().poll(&mut noop()).is_pending());
                traced
            })
            .join()
            .unwrap();
        }
        assert!(traced.as_mut().poll(&mut noop()).is_ready());
        let counts: Vec<(u32, usize)> = traced
            .suspensions()
            .iter()
            .map(|s| (s.site.line, s.times))
            .collect();
        assert_eq!(counts, [(2, 2), (3, 1)]);
    }
}
