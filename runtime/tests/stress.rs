//! Many wakes from real threads, under a watchdog that fails instead of
//! hanging; watched, none of them is ever taken for a lost wake.

mod common;

use std::future::poll_fn;
use std::pin::pin;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::task::{Poll, Waker};
use std::thread;

use common::{forwarding_to, watchdog, Strict, LIMIT};
use lazy_main_runtime::{block_on, block_on_watched};

const ROUND_TRIPS: usize = if cfg!(miri) { 200 } else { 50_000 };
const WAKERS: usize = 4;
const WAKES_EACH: usize = if cfg!(miri) { 100 } else { 20_000 };
const WATCHED_ROUND_TRIPS: usize = if cfg!(miri) { 150 } else { 30_000 };
const SELF_WAKES: usize = if cfg!(miri) { 1_000 } else { 200_000 };

/// A counter another thread bumps, with the waker to call when it does.
#[derive(Default)]
struct Mailbox {
    count: AtomicUsize,
    waker: Mutex<Option<Waker>>,
}

impl Mailbox {
    fn bump(&self) {
        self.count.fetch_add(1, Ordering::Release);
        if let Some(waker) = self.waker.lock().unwrap().as_ref() {
            waker.wake_by_ref();
        }
    }
}

#[test]
fn cross_thread_ping_pong() {
    watchdog(LIMIT, || {
        let mailbox = Arc::new(Mailbox::default());
        let (ping, pings) = mpsc::channel::<()>();
        let peer = {
            let mailbox = mailbox.clone();
            thread::spawn(move || {
                for () in pings {
                    mailbox.bump();
                }
            })
        };
        let mut polls = 0;
        block_on(async {
            for round in 1..=ROUND_TRIPS {
                ping.send(()).unwrap();
                poll_fn(|cx| {
                    polls += 1;
                    *mailbox.waker.lock().unwrap() = Some(cx.waker().clone());
                    if mailbox.count.load(Ordering::Acquire) >= round {
                        Poll::Ready(())
                    } else {
                        Poll::Pending
                    }
                })
                .await;
            }
        });
        drop(ping);
        peer.join().unwrap();
        assert_eq!(mailbox.count.load(Ordering::Relaxed), ROUND_TRIPS);
        // At most one wasted poll per round trip (a wake racing the check).
        assert!(polls <= 2 * ROUND_TRIPS, "{polls} polls");
    });
}

#[test]
fn concurrent_wakes_from_many_threads() {
    watchdog(LIMIT, || {
        let total = WAKERS * WAKES_EACH;
        let polls = many_wakers(|future| block_on(future));
        assert!(polls >= 2 && polls <= total + 1, "{polls} polls");
    });
}

/// How the peer wakes the waker it is handed.
#[derive(Clone, Copy)]
enum Handoff {
    /// A clone, woken by value: the wake consumes the last clone.
    ByValue,
    /// A clone, woken by reference and dropped right after.
    ByRefThenDrop,
    /// A waker that wraps ours (as a tracer does), woken by value.
    Wrapped,
}

#[test]
fn cross_thread_wakes_are_never_lost_wakes() {
    watchdog(LIMIT, || {
        let answered = Arc::new(AtomicUsize::new(0));
        let (hand_over, handed) = mpsc::channel::<(Waker, Handoff)>();
        let peer = {
            let answered = answered.clone();
            thread::spawn(move || {
                for (waker, how) in handed {
                    answered.fetch_add(1, Ordering::Release);
                    match how {
                        Handoff::ByValue | Handoff::Wrapped => waker.wake(),
                        Handoff::ByRefThenDrop => {
                            waker.wake_by_ref();
                            drop(waker);
                        }
                    }
                }
            })
        };
        let mut polls = 0;
        block_on_watched(
            pin!(async {
                for round in 1..=WATCHED_ROUND_TRIPS {
                    let how =
                        [Handoff::ByValue, Handoff::ByRefThenDrop, Handoff::Wrapped][round % 3];
                    let mut sent = false;
                    poll_fn(|cx| {
                        polls += 1;
                        if answered.load(Ordering::Acquire) >= round {
                            return Poll::Ready(());
                        }
                        // Registered once, at the round's first poll only.
                        if !std::mem::replace(&mut sent, true) {
                            let waker = match how {
                                Handoff::Wrapped => forwarding_to(cx.waker()),
                                Handoff::ByValue | Handoff::ByRefThenDrop => cx.waker().clone(),
                            };
                            hand_over.send((waker, how)).unwrap();
                        }
                        Poll::Pending
                    })
                    .await;
                }
            }),
            &mut Strict,
        );
        drop(hand_over);
        peer.join().unwrap();
        // At most one wasted poll per round trip (a wake racing the check).
        assert!(polls <= 2 * WATCHED_ROUND_TRIPS, "{polls} polls");
    });
}

/// Spins for `iterations` turns of a loop of about a nanosecond each.
fn spin(iterations: u64) {
    for turn in 0..iterations {
        std::hint::black_box(turn);
    }
}

#[test]
fn wakes_by_value_racing_the_check_are_never_lost_wakes() {
    // The peer spins instead of parking, and the future returns `Pending` a
    // varying while after handing its waker over, so that the wake by value
    // (notify, then drop the last clone) lands now during the poll, now
    // between the poll and the check, now during or after the check.
    watchdog(LIMIT, || {
        let answered = Arc::new(AtomicUsize::new(0));
        let handed: Arc<Mutex<Option<(Waker, Handoff)>>> = Arc::default();
        let waiting = Arc::new(AtomicUsize::new(0)); // rounds handed over
        let peer = {
            let (answered, handed, waiting) = (answered.clone(), handed.clone(), waiting.clone());
            thread::spawn(move || {
                for round in 1..=WATCHED_ROUND_TRIPS {
                    let mut turns = 0u32;
                    while waiting.load(Ordering::Acquire) < round {
                        turns += 1;
                        if turns % 64 == 0 {
                            thread::yield_now();
                        }
                        std::hint::spin_loop();
                    }
                    let (waker, how) = handed.lock().unwrap().take().unwrap();
                    answered.store(round, Ordering::Release);
                    match how {
                        Handoff::ByValue | Handoff::Wrapped => waker.wake(),
                        Handoff::ByRefThenDrop => {
                            waker.wake_by_ref();
                            drop(waker);
                        }
                    }
                }
            })
        };
        let mut jitter = 0x9E37_79B9_7F4A_7C15_u64; // xorshift state
        block_on_watched(
            pin!(async {
                for round in 1..=WATCHED_ROUND_TRIPS {
                    let how =
                        [Handoff::ByValue, Handoff::ByRefThenDrop, Handoff::Wrapped][round % 3];
                    let mut sent = false;
                    poll_fn(|cx| {
                        if answered.load(Ordering::Acquire) >= round {
                            return Poll::Ready(());
                        }
                        if !std::mem::replace(&mut sent, true) {
                            let waker = match how {
                                Handoff::Wrapped => forwarding_to(cx.waker()),
                                Handoff::ByValue | Handoff::ByRefThenDrop => cx.waker().clone(),
                            };
                            *handed.lock().unwrap() = Some((waker, how));
                            waiting.store(round, Ordering::Release);
                            jitter ^= jitter << 13;
                            jitter ^= jitter >> 7;
                            jitter ^= jitter << 17;
                            spin(jitter % 2048);
                        }
                        Poll::Pending
                    })
                    .await;
                }
            }),
            &mut Strict,
        );
        peer.join().unwrap();
    });
}

#[test]
fn self_wakes_by_value_are_never_lost_wakes() {
    watchdog(LIMIT, || {
        let mut remaining = SELF_WAKES;
        block_on_watched(
            pin!(poll_fn(|cx| {
                if remaining == 0 {
                    return Poll::Ready(());
                }
                remaining -= 1;
                #[allow(clippy::waker_clone_wake)] // the point: the wake consumes the only clone
                cx.waker().clone().wake();
                Poll::Pending
            })),
            &mut Strict,
        );
    });
}

#[test]
fn wakes_through_a_waker_kept_from_the_first_poll_are_never_lost_wakes() {
    watchdog(LIMIT, || {
        many_wakers(|future| block_on_watched(pin!(future), &mut Strict));
    });
}

/// `WAKERS` threads each wake, `WAKES_EACH` times, through the waker the
/// future kept from its first poll; `drive` drives the future. Returns the
/// future's polls.
fn many_wakers(
    drive: impl FnOnce(
        std::future::PollFn<Box<dyn FnMut(&mut std::task::Context<'_>) -> Poll<()> + '_>>,
    ),
) -> usize {
    let mailbox = Arc::new(Mailbox::default());
    let total = WAKERS * WAKES_EACH;
    let polls = std::cell::Cell::new(0);
    let wakers = std::cell::RefCell::new(Vec::new());
    drive(poll_fn(Box::new(|cx: &mut std::task::Context<'_>| {
        polls.set(polls.get() + 1);
        if polls.get() == 1 {
            *mailbox.waker.lock().unwrap() = Some(cx.waker().clone());
            for _ in 0..WAKERS {
                let mailbox = mailbox.clone();
                wakers.borrow_mut().push(thread::spawn(move || {
                    for _ in 0..WAKES_EACH {
                        mailbox.bump();
                    }
                }));
            }
        }
        if mailbox.count.load(Ordering::Acquire) == total {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })));
    for waker in wakers.into_inner() {
        waker.join().unwrap();
    }
    polls.get()
}
