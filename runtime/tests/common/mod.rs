//! Helpers shared by the runtime's integration tests.
#![allow(dead_code)]

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

/// Runs `test` on its own thread and fails instead of hanging when it takes
/// longer than `limit`. Panics inside `test` are re-raised here.
pub fn watchdog<T: Send + 'static>(
    limit: Duration,
    test: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, finished) = mpsc::channel();
    let worker = thread::spawn(move || {
        let result = test();
        let _ = done.send(());
        result
    });
    match finished.recv_timeout(limit) {
        // Disconnected means the test panicked: `join` re-raises it.
        Ok(()) | Err(mpsc::RecvTimeoutError::Disconnected) => match worker.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        },
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("test still running after {limit:?}: hung"),
    }
}

/// The watchdog limit: generous, since miri runs tests very slowly.
pub const LIMIT: Duration = Duration::from_secs(if cfg!(miri) { 600 } else { 60 });

/// Counts how often the inner future is polled.
pub struct CountPolls<F> {
    pub inner: F,
    pub polls: usize,
}

impl<F: Future + Unpin> Future for CountPolls<F> {
    type Output = (F::Output, usize);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.polls += 1;
        let polls = self.polls;
        Pin::new(&mut self.inner).poll(cx).map(|out| (out, polls))
    }
}

/// Wraps `inner` so that polling it returns its output and the poll count.
pub fn count_polls<F: Future + Unpin>(inner: F) -> CountPolls<F> {
    CountPolls { inner, polls: 0 }
}

/// Pending until woken `wakes` times by itself during poll.
pub struct WakeSelf {
    pub remaining: usize,
}

impl Future for WakeSelf {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.remaining == 0 {
            return Poll::Ready(());
        }
        self.remaining -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

/// Pending on its first poll; hands the waker to a thread that wakes it
/// once after `delay`. Ready on any later poll.
pub struct WokenFromThread {
    pub delay: Duration,
    pub started: bool,
}

impl WokenFromThread {
    pub fn after(delay: Duration) -> Self {
        Self {
            delay,
            started: false,
        }
    }
}

impl Future for WokenFromThread {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.started {
            return Poll::Ready(());
        }
        self.started = true;
        wake_later(cx.waker().clone(), self.delay);
        Poll::Pending
    }
}

/// Wakes `waker` from a new thread after `delay`.
pub fn wake_later(waker: Waker, delay: Duration) {
    thread::spawn(move || {
        thread::sleep(delay);
        waker.wake();
    });
}

/// A watch that fails the test when `block_on_watched` reports a lost wake.
pub struct Strict;

impl lazy_main_runtime::Watch for Strict {
    fn lost_wake(&mut self) {
        panic!("a lost wake was reported, but something could still wake the future");
    }
}

/// A waker that wraps another, as a tracer wraps the waker it is given: it
/// holds a clone of the outer waker for as long as a clone of it is alive,
/// and forwards every wake to it.
pub struct Forward(Waker);

impl std::task::Wake for Forward {
    fn wake(self: std::sync::Arc<Self>) {
        self.0.wake_by_ref();
    }

    fn wake_by_ref(self: &std::sync::Arc<Self>) {
        self.0.wake_by_ref();
    }
}

/// A new waker that forwards to `outer`.
pub fn forwarding_to(outer: &Waker) -> Waker {
    Waker::from(std::sync::Arc::new(Forward(outer.clone())))
}
