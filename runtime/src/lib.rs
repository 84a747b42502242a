//! A tiny executor: [`block_on`] drives one future to completion on the
//! current thread.
//!
//! # What an executor is
//!
//! An `async fn` does no work when it is called. It returns a [`Future`]: a
//! value that describes the work and waits to be driven. Something has to
//! drive it, and Rust's standard library ships nothing that does. That
//! something is an *executor*. It calls [`Future::poll`]; the future runs until
//! it either finishes (`Poll::Ready(value)`) or has to wait for something
//! (`Poll::Pending`). When it waits, it has handed a [`Waker`] to whatever it is
//! waiting on (a timer, a channel, another thread), and the executor puts the
//! thread to sleep (parks it). When the awaited thing happens, it calls
//! [`Waker::wake`], the executor's thread wakes up, and it polls the future
//! again. Poll, park, wake, poll — until `Ready`.
//!
//! [`block_on`] is exactly that loop, for one future, on the thread that calls
//! it. It spawns no threads, has no reactor or timer, and needs no setup. It
//! is what `#[lazy_main::main]` uses to run `async fn main`, and it is useful
//! on its own wherever sync code has to wait for a future (a test, a build
//! script, a callback from a sync API).
//!
//! ```
//! async fn answer() -> u32 {
//!     println!("computing");
//!     42
//! }
//!
//! let future = answer(); // nothing printed yet: the future is lazy
//! assert_eq!(lazy_main_runtime::block_on(future), 42); // prints "computing"
//! ```
//!
//! # Guarantees
//!
//! - No heap allocation per call: each thread keeps one wake-up signal and
//!   reuses it (a nested call, or a call after a waker from the previous call
//!   was kept, takes a fresh one).
//! - A wake while the future is being polled costs one atomic instruction
//!   and no system call; the future is polled again without parking.
//! - A future woken once is polled once more, never spuriously: a wake left
//!   over from an earlier call cannot reach a later one.
//! - Nested calls work, each with its own waker, and never lose the outer
//!   future's wakes.
//! - Code inside `poll` may call [`std::thread::park`] or
//!   [`park_timeout`](std::thread::park_timeout) without stealing a wake.
//! - A panic in the future propagates out of `block_on` after the future is
//!   dropped, and leaves the thread ready for the next call.
//! - `!Send` futures work; waking after `block_on` returned is harmless; it
//!   works inside thread-local destructors.
//! - `#![forbid(unsafe_code)]`, no dependencies.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::pedantic)]

mod signal;
pub mod trace;

use std::cell::Cell;
use std::future::{Future, IntoFuture};
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

use signal::Signal;

/// Runs a future to completion on the current thread and returns its output.
///
/// The future is polled on this thread; while it is pending the thread is
/// parked until the future's [`Waker`] is woken. Anything that implements
/// [`IntoFuture`] is accepted. The future is dropped before `block_on` returns,
/// and a panic inside it propagates to the caller.
///
/// ```
/// use std::sync::mpsc;
/// use std::task::Poll;
/// use std::thread;
///
/// // A future that is ready once another thread has sent a value.
/// let (send, receive) = mpsc::channel();
/// let mut waker_sent = false;
/// let value = lazy_main_runtime::block_on(std::future::poll_fn(|cx| {
///     if let Ok(value) = receive.try_recv() {
///         return Poll::Ready(value);
///     }
///     if !std::mem::replace(&mut waker_sent, true) {
///         let (waker, send) = (cx.waker().clone(), send.clone());
///         thread::spawn(move || {
///             send.send(7).unwrap();
///             waker.wake();
///         });
///     }
///     Poll::Pending
/// }));
/// assert_eq!(value, 7);
/// ```
pub fn block_on<F: IntoFuture>(future: F) -> F::Output {
    // Declared before the future so that the future is dropped first and its
    // waker clones are gone when the parker goes back to the cache.
    let lease = Lease::take();
    let mut future = pin!(future.into_future());
    let parker = lease.parker();
    let mut cx = Context::from_waker(&parker.waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        parker.signal.wait();
    }
}

impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.notify();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.notify();
    }
}

/// A signal and the waker that points at it, built once and reused.
struct Parker {
    signal: Arc<Signal>,
    waker: Waker,
}

impl Parker {
    fn new() -> Self {
        let signal = Arc::new(Signal::for_current_thread());
        let waker = Waker::from(Arc::clone(&signal));
        Self { signal, waker }
    }

    /// No waker from an earlier call is still alive somewhere: the two
    /// references are our own field and our own waker.
    fn is_unshared(&self) -> bool {
        Arc::strong_count(&self.signal) == 2
    }
}

thread_local! {
    /// The thread's idle parker; `None` while a call is using it.
    static IDLE: Cell<Option<Parker>> = const { Cell::new(None) };
}

/// One call's parker, given back to the thread's cache when dropped, which
/// also happens while a panic unwinds out of `block_on`.
struct Lease(Option<Parker>);

impl Lease {
    fn take() -> Self {
        let parker = IDLE
            // Gone inside a thread-local destructor: use a fresh parker.
            .try_with(Cell::take)
            .ok()
            .flatten()
            // Someone kept a waker of an earlier call: leave that signal to
            // them, so their late wake cannot cause a spurious poll here.
            .filter(Parker::is_unshared)
            .unwrap_or_else(Parker::new);
        parker.signal.reset();
        Self(Some(parker))
    }

    fn parker(&self) -> &Parker {
        // Only `drop` empties it.
        self.0.as_ref().unwrap_or_else(|| unreachable!())
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        if let Some(parker) = self.0.take() {
            // A nested call has put its own parker back meanwhile; ours
            // replaces it. Ignored when the thread-local is already gone.
            let _ = IDLE.try_with(|idle| idle.set(Some(parker)));
        }
    }
}
