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
//! Each pending poll names the `.await` the body stopped at: `.await` is
//! where the body may give the thread back. The summary lists each such
//! `.await` with how long the thread was parked there. Expect 3 polls (2
//! pending, at `timer(…).await` and `yield_now().await`), woken 2 times (1
//! from other threads, 1 during poll), about 100 ms parked and 50 ms polling.
//!
//! ```text
//! lazy_main: `main` poll 1: pending at examples/trace.rs:68:38 (timer(…).await) in 0.1 ms
//! lazy_main: `main` poll 2: pending at examples/trace.rs:69:16 (yield_now().await) in 0.0 ms, after 100.3 ms parked
//! lazy_main: `main` poll 3: ready in 50.3 ms, after 0.0 ms parked
//! lazy_main: `main` ready after 3 polls (2 pending) in 150.7 ms
//! lazy_main: woken 2 times (1 from other threads, 1 during poll); parked 100.3 ms, polling 50.4 ms
//! lazy_main:   waited at examples/trace.rs:68:38 (timer(…).await): 1 time, parked 100.3 ms
//! lazy_main:   waited at examples/trace.rs:69:16 (yield_now().await): 1 time, parked 0.0 ms
//! ```

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
