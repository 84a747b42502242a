//! Watch the poll model: `#[lazy_main::main(trace = "verbose")]`.
//!
//! `cargo run --example trace` runs a body that waits three ways, then
//! prints one line per poll and a summary on stderr:
//!
//! - a timer woken from another thread: a `pending` poll, then time *parked*
//!   and a wake *from other threads*;
//! - a yield: the future wakes itself and returns `Pending`; the executor
//!   polls again at once (a wake *during poll*, ~0 ms parked);
//! - a nested `lazy_main::block_on`: it runs inside one poll of `main` with
//!   its own waker, so it adds polling time but no poll of `main`.
//!
//! Expect 3 polls (2 pending), woken 2 times (1 from other threads, 1 during
//! poll), about 100 ms parked and 50 ms polling.

use std::future::poll_fn;
use std::task::Poll;
use std::thread;
use std::time::Duration;

/// Pending once; a helper thread wakes us after `duration`.
async fn timer(duration: Duration) {
    let mut started = false;
    poll_fn(|cx| {
        if started {
            return Poll::Ready(());
        }
        started = true;
        let waker = cx.waker().clone();
        thread::spawn(move || {
            thread::sleep(duration);
            waker.wake();
        });
        Poll::Pending
    })
    .await;
}

/// Gives the executor a chance to poll others: wake ourselves, return `Pending` once.
async fn yield_now() {
    let mut yielded = false;
    poll_fn(|cx| {
        if yielded {
            return Poll::Ready(());
        }
        yielded = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await;
}

#[lazy_main::main(trace = "verbose")]
async fn main() {
    timer(Duration::from_millis(100)).await;
    yield_now().await;
    // A sync call inside the body that blocks this poll for ~50 ms.
    lazy_main::block_on(timer(Duration::from_millis(50)));
}
