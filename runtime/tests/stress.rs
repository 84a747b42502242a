//! Many wakes from real threads, under a watchdog that fails instead of hanging.

mod common;

use std::future::poll_fn;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};
use std::task::{Poll, Waker};
use std::thread;

use common::{watchdog, LIMIT};
use lazy_main_runtime::block_on;

const ROUND_TRIPS: usize = if cfg!(miri) { 200 } else { 50_000 };
const WAKERS: usize = 4;
const WAKES_EACH: usize = if cfg!(miri) { 100 } else { 20_000 };

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
        let mailbox = Arc::new(Mailbox::default());
        let total = WAKERS * WAKES_EACH;
        let mut polls = 0;
        let mut wakers = Vec::new();
        block_on(poll_fn(|cx| {
            polls += 1;
            if polls == 1 {
                *mailbox.waker.lock().unwrap() = Some(cx.waker().clone());
                for _ in 0..WAKERS {
                    let mailbox = mailbox.clone();
                    wakers.push(thread::spawn(move || {
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
        }));
        for waker in wakers {
            waker.join().unwrap();
        }
        assert!(polls >= 2 && polls <= total + 1, "{polls} polls");
    });
}
