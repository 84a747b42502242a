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
//! - No heap allocation per call: each thread keeps two wake-up signals and
//!   reuses them, also when the future keeps the last waker it was given
//!   and replaces it only when the new one does not
//!   [`will_wake`](std::task::Waker::will_wake) (as channels and `AtomicWaker`-style
//!   registrations do): calls then alternate between the two. A nested call
//!   takes a fresh signal, as does a call while wakers of earlier calls hold
//!   both.
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
//! - No `unsafe` code (the `unsafe_code` lint is denied), no dependencies.
//!
//! # A future that waits forever
//!
//! [`block_on`] waits as long as the future does. A future that returns
//! `Pending` and keeps no waker is never woken, and waits forever: that is
//! what `std::future::pending().await` is for, in a `main` that lets other
//! threads work until the process exits. Where waiting forever is a bug (a
//! test, say), [`block_on_watched`] tells a [`Watch`] when nothing can wake
//! the future any more, and, at the instants the watch asks for, that the
//! future is still waiting and for how long. The first is exact: the
//! executor owns the waker, and after a pending poll it knows whether a wake
//! was recorded and whether any clone of the waker is still alive. The
//! checks are made only when the thread is about to park; a wake during
//! `poll` costs what it costs [`block_on`].
//!
//! [`Waker`]: std::task::Waker
//! [`Waker::wake`]: std::task::Waker::wake

mod parker;
mod signal;
pub mod trace;
mod watch;

use std::future::{Future, IntoFuture};
use std::pin::{pin, Pin};
use std::task::{Context, Poll};

use parker::{Parker, IDLE};
pub use watch::{block_on_watched, Watch};

/// Runs a future to completion on the current thread and returns its output.
///
/// The future is polled on this thread; while it is pending the thread is
/// parked until the future's [`Waker`] is woken. Anything that implements
/// [`IntoFuture`] is accepted. The future is dropped before `block_on` returns,
/// and a panic inside it propagates to the caller.
///
/// A future that returns `Pending` and keeps no waker is never woken, and
/// `block_on` then waits forever: that is what `std::future::pending().await`
/// is for. [`block_on_watched`] reports such a future instead.
///
/// [`Waker`]: std::task::Waker
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
#[inline]
pub fn block_on<F: IntoFuture>(future: F) -> F::Output {
    block_on_pinned(pin!(future.into_future()))
}

/// Runs a future that is already pinned to completion on the current thread,
/// as [`block_on`] does; the future is not dropped.
///
/// Generic code is compiled again for each type it is used with. Given a
/// `Pin<&mut dyn Future<Output = T>>`, this is compiled once per output type
/// `T` rather than once per future: `#[lazy_main::main]` and
/// `#[lazy_main::test]` drive their bodies so, which keeps a crate with
/// hundreds of async tests quick to build. Everything that does not depend on
/// the future (the thread's parker, nesting, sleeping) is compiled once, in
/// this crate.
///
/// ```
/// use std::future::Future;
/// use std::pin::{pin, Pin};
///
/// let future: Pin<&mut dyn Future<Output = u32>> = pin!(async { 7 });
/// assert_eq!(lazy_main_runtime::block_on_pinned(future), 7);
/// ```
#[inline]
#[allow(clippy::must_use_candidate)] // as for `block_on`: a future may be run for its effects
pub fn block_on_pinned<F: Future + ?Sized>(mut future: Pin<&mut F>) -> F::Output {
    let mut output = None;
    drive(&mut |cx| match future.as_mut().poll(cx) {
        Poll::Ready(ready) => {
            output = Some(ready);
            true
        }
        Poll::Pending => false,
    });
    match output {
        Some(output) => output,
        None => unreachable!("`drive` returns once the future is ready"),
    }
}

/// Calls `poll` until it returns `true` (ready), waiting for a wake after
/// each `false`: the part of `block_on` that does not depend on the future.
/// In an optimised build it is inlined, and `poll` with it. In a debug build
/// it is compiled once, here: `#[inline]` would make every crate that calls
/// `block_on` compile its own copy (with the thread-local and what it
/// needs), a cost paid again by each test crate.
#[cfg_attr(not(debug_assertions), inline)]
fn drive(poll: &mut dyn FnMut(&mut Context<'_>) -> bool) {
    IDLE.try_with(|idle| match idle.try_borrow_mut() {
        // The `RefMut` is the drop guard: it gives the parker back when the
        // loop returns and while a panic unwinds out of `poll`.
        Ok(mut idle) => run(poll, idle.reuse_or_replace()),
        // A nested call: the outer one holds the thread's parkers.
        Err(_) => run(poll, &Parker::new()),
    })
    // Inside a thread-local destructor, after ours was dropped.
    .unwrap_or_else(|_| run(poll, &Parker::new()));
}

/// Polls until ready, waiting for a wake after each `Pending`.
#[inline]
fn run(poll: &mut dyn FnMut(&mut Context<'_>) -> bool, parker: &Parker) {
    let mut cx = Context::from_waker(&parker.waker);
    while !poll(&mut cx) {
        parker.signal.wait();
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::block_on;
    use crate::signal::sleep_count::sleeps;
    use std::future::poll_fn;
    use std::task::Poll;
    use std::thread;
    use std::time::Duration;

    /// Pending `times` times, waking itself during each poll.
    async fn yield_times(mut times: usize) {
        poll_fn(|cx| {
            if times == 0 {
                return Poll::Ready(());
            }
            times -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        })
        .await;
    }

    #[test]
    fn a_wake_during_poll_never_takes_the_slow_path() {
        let before = sleeps();
        block_on(yield_times(1000));
        assert_eq!(sleeps(), before, "a self-wake went to sleep");
    }

    #[test]
    fn a_wake_from_another_thread_sleeps_until_it_comes() {
        let before = sleeps();
        let mut started = false;
        block_on(poll_fn(|cx| {
            if started {
                return Poll::Ready(());
            }
            started = true;
            let waker = cx.waker().clone();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(20));
                waker.wake();
            });
            Poll::Pending
        }));
        assert_eq!(sleeps(), before + 1);
    }
}
