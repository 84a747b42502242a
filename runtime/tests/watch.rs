//! What `block_on_watched` reports, and what it must not.

mod common;

use std::cell::Cell;
use std::future::{pending, poll_fn};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

use common::{count_polls, forwarding_to, wake_later, watchdog, Strict, WokenFromThread, LIMIT};
use lazy_main_runtime::{block_on, block_on_watched, Watch};

const SHORT: Duration = Duration::from_millis(20);

/// Records what it is told, and panics where told to.
#[derive(Default)]
struct Recorder {
    /// `next_check` answers this long after it is asked; `None`: never.
    period: Option<Duration>,
    /// Instead of `period`, the answers to give, in turn (then `None`).
    answers: Vec<Option<Instant>>,
    panic_on_lost_wake: bool,
    /// Panic in this `waiting` call (1 = the first).
    panic_in_waiting: Option<usize>,
    lost_wakes: usize,
    asked: usize,
    parked: Vec<Duration>,
}

impl Watch for Recorder {
    fn lost_wake(&mut self) {
        self.lost_wakes += 1;
        assert!(!self.panic_on_lost_wake, "lost wake");
    }

    fn next_check(&mut self) -> Option<Instant> {
        self.asked += 1;
        if self.answers.is_empty() {
            self.period.map(|period| Instant::now() + period)
        } else {
            self.answers.remove(0)
        }
    }

    fn waiting(&mut self, parked: Duration) {
        self.parked.push(parked);
        assert!(
            self.panic_in_waiting != Some(self.parked.len()),
            "still waiting"
        );
    }
}

/// The panic message of `outcome`.
fn message(outcome: thread::Result<()>) -> String {
    let panic = outcome.expect_err("expected a panic");
    panic
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}

/// What every test ends with: `block_on` and `block_on_watched` still work
/// on this thread, a wake from another thread polls once more, no lost wake.
fn the_thread_is_usable() {
    let ((), polls) = block_on(count_polls(WokenFromThread::after(SHORT)));
    assert_eq!(polls, 2);
    let mut watch = Recorder {
        period: Some(Duration::from_millis(5)),
        ..Recorder::default()
    };
    let future = pin!(count_polls(WokenFromThread::after(SHORT)));
    let ((), polls) = block_on_watched(future, &mut watch);
    assert_eq!(polls, 2);
    assert_eq!(watch.lost_wakes, 0);
}

#[test]
fn a_future_that_keeps_no_waker_is_reported_at_once() {
    watchdog(LIMIT, || {
        for round in 0..3 {
            let mut watch = Recorder {
                panic_on_lost_wake: true,
                ..Recorder::default()
            };
            let start = Instant::now();
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                if round % 2 == 0 {
                    block_on_watched(pin!(pending::<()>()), &mut watch);
                } else {
                    // A clone made and dropped: still nothing left to wake it.
                    let future = poll_fn(|cx| {
                        drop(cx.waker().clone());
                        Poll::<()>::Pending
                    });
                    block_on_watched(pin!(future), &mut watch);
                }
            }));
            assert_eq!(message(outcome), "lost wake");
            assert!(
                start.elapsed() < Duration::from_secs(1),
                "{:?}",
                start.elapsed()
            );
            assert_eq!((watch.lost_wakes, watch.asked), (1, 0));
            the_thread_is_usable();
        }
    });
}

#[test]
fn a_waker_dropped_while_parked_is_reported_at_the_next_check() {
    watchdog(LIMIT, || {
        let mut watch = Recorder {
            period: Some(Duration::from_millis(10)),
            panic_on_lost_wake: true,
            ..Recorder::default()
        };
        let start = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let mut handed_over = false;
            let future = poll_fn(|cx| {
                if !std::mem::replace(&mut handed_over, true) {
                    // Another thread takes the waker and drops it unwoken.
                    let waker = cx.waker().clone();
                    thread::spawn(move || {
                        thread::sleep(Duration::from_millis(50));
                        drop(waker);
                    });
                }
                Poll::<()>::Pending
            });
            block_on_watched(pin!(future), &mut watch);
        }));
        assert_eq!(message(outcome), "lost wake");
        assert!(
            start.elapsed() < Duration::from_secs(1),
            "{:?}",
            start.elapsed()
        );
        assert_eq!(watch.lost_wakes, 1);
        the_thread_is_usable();
    });
}

#[test]
fn a_kept_but_silent_waker_is_waiting_not_lost() {
    watchdog(LIMIT, || {
        let period = Duration::from_millis(30);
        let mut watch = Recorder {
            period: Some(period),
            panic_in_waiting: Some(3),
            ..Recorder::default()
        };
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let mut kept: Option<Waker> = None;
            let future = poll_fn(|cx| {
                kept = Some(cx.waker().clone());
                Poll::<()>::Pending
            });
            block_on_watched(pin!(future), &mut watch);
        }));
        assert_eq!(message(outcome), "still waiting");
        assert_eq!(watch.lost_wakes, 0);
        // Asked after the poll and after each `waiting` but the last.
        assert_eq!(watch.asked, 3);
        // Each check at least one more period after the last; none far later.
        for (i, parked) in watch.parked.iter().enumerate() {
            let at_least = period * u32::try_from(i + 1).unwrap();
            assert!(*parked >= at_least, "{:?}", watch.parked);
            assert!(
                *parked < at_least + Duration::from_secs(5),
                "{:?}",
                watch.parked
            );
        }
        the_thread_is_usable();
    });
}

#[test]
fn a_check_already_due_is_made_without_parking() {
    watchdog(LIMIT, || {
        let delay = Duration::from_millis(200);
        let mut watch = Recorder {
            // Due as it is given; then park until woken.
            answers: vec![Some(Instant::now()), None],
            ..Recorder::default()
        };
        let start = Instant::now();
        let future = pin!(count_polls(WokenFromThread::after(delay)));
        let ((), polls) = block_on_watched(future, &mut watch);
        assert_eq!(polls, 2);
        assert!(start.elapsed() >= delay);
        assert_eq!((watch.lost_wakes, watch.asked), (0, 2));
        assert_eq!(watch.parked.len(), 1);
        assert!(watch.parked[0] < delay, "{:?}", watch.parked);
        the_thread_is_usable();
    });
}

#[test]
fn a_panic_in_waiting_leaves_the_thread_usable() {
    watchdog(LIMIT, || {
        for _ in 0..3 {
            let mut watch = Recorder {
                period: Some(Duration::from_millis(5)),
                panic_in_waiting: Some(1),
                ..Recorder::default()
            };
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                let mut kept = None;
                let future = poll_fn(|cx| {
                    kept = Some(cx.waker().clone());
                    Poll::<()>::Pending
                });
                block_on_watched(pin!(future), &mut watch);
            }));
            assert_eq!(message(outcome), "still waiting");
            the_thread_is_usable();
        }
    });
}

#[test]
fn wakes_that_keep_the_future_alive_are_never_lost_wakes() {
    watchdog(LIMIT, || {
        let watched = |future: &mut dyn FnMut(&mut std::task::Context<'_>) -> Poll<()>| {
            block_on_watched(pin!(poll_fn(future)), &mut Strict);
        };
        // A self-wake by value: the only clone goes with the wake.
        let mut woke = false;
        watched(&mut |cx| {
            if std::mem::replace(&mut woke, true) {
                return Poll::Ready(());
            }
            #[allow(clippy::waker_clone_wake)] // the point: the wake consumes the only clone
            cx.waker().clone().wake();
            Poll::Pending
        });
        // A waker kept from an earlier poll only: the first poll leaves it
        // with another thread and has itself polled again at once; the
        // second registers nothing and waits for that thread's wake.
        let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
        let mut polls = 0;
        watched(&mut |cx| {
            polls += 1;
            match polls {
                1 => {
                    *slot.lock().unwrap() = Some(cx.waker().clone());
                    let slot = slot.clone();
                    thread::spawn(move || {
                        thread::sleep(SHORT);
                        slot.lock().unwrap().take().unwrap().wake();
                    });
                    cx.waker().wake_by_ref();
                    Poll::Pending
                }
                2 => Poll::Pending,
                _ => Poll::Ready(()),
            }
        });
        // A clone dropped right after waking, on another thread.
        let mut sent = false;
        watched(&mut |cx| {
            if std::mem::replace(&mut sent, true) {
                return Poll::Ready(());
            }
            let waker = cx.waker().clone();
            thread::spawn(move || {
                waker.wake_by_ref();
                drop(waker);
            });
            Poll::Pending
        });
        // A wrapping waker, woken by value on another thread.
        let mut sent = false;
        watched(&mut |cx| {
            if std::mem::replace(&mut sent, true) {
                return Poll::Ready(());
            }
            wake_later(forwarding_to(cx.waker()), SHORT);
            Poll::Pending
        });
    });
}

#[test]
fn nested_watched_calls_each_watch_their_own_future() {
    watchdog(LIMIT, || {
        let outer_polls = Cell::new(0);
        let mut outer_watch = Recorder {
            panic_on_lost_wake: true,
            period: Some(Duration::from_millis(5)),
            ..Recorder::default()
        };
        let outer = poll_fn(|outer| {
            outer_polls.set(outer_polls.get() + 1);
            if outer_polls.get() == 2 {
                return Poll::Ready(());
            }
            // The outer waker fires while the inner call is parked.
            wake_later(outer.waker().clone(), Duration::ZERO);
            let mut inner_watch = Recorder {
                panic_on_lost_wake: true,
                period: Some(Duration::from_millis(5)),
                ..Recorder::default()
            };
            let inner = pin!(count_polls(WokenFromThread::after(SHORT)));
            assert_eq!(block_on_watched(inner, &mut inner_watch), ((), 2));
            // A lost wake inside, reported by the inner watch only.
            let mut strict_inside = Recorder {
                panic_on_lost_wake: true,
                ..Recorder::default()
            };
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                block_on_watched(pin!(pending::<()>()), &mut strict_inside);
            }));
            assert_eq!(message(outcome), "lost wake");
            Poll::Pending
        });
        block_on_watched(pin!(outer), &mut outer_watch);
        assert_eq!(outer_polls.get(), 2);
        assert_eq!(outer_watch.lost_wakes, 0);
        the_thread_is_usable();
    });
}
