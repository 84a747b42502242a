//! A `block_on` that says so while its future waits: [`Watch`] and
//! [`block_on_watched`].

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use crate::parker::{Parker, IDLE};

/// What [`block_on_watched`] reports while its future waits.
///
/// The executor calls these methods on its own thread, between polls, never
/// during one, and only when it is about to park: after a poll that returned
/// `Pending` with no wake during it. A future that keeps waking itself is
/// never reported; it is being polled. Every method has a default that does
/// nothing, and a watch that keeps them all waits as [`block_on_pinned`]
/// does.
///
/// A method may panic: the panic propagates out of `block_on_watched`, and
/// the thread is left ready for the next call.
///
/// # Examples
///
/// A future that keeps no waker can never be woken. A watch can turn that
/// into a panic instead of a hang:
///
/// ```
/// use lazy_main_runtime::{block_on_watched, Watch};
/// use std::panic::catch_unwind;
/// use std::pin::pin;
///
/// struct Strict;
///
/// impl Watch for Strict {
///     fn lost_wake(&mut self) {
///         panic!("the future waits, and nothing can wake it");
///     }
/// }
///
/// // `pending` returns `Pending` and keeps no waker.
/// let outcome = catch_unwind(|| block_on_watched(pin!(std::future::pending::<()>()), &mut Strict));
/// assert!(outcome.is_err());
/// ```
///
/// A watch that says every 10 ms how long the future has waited so far
/// (here for a future that another thread wakes after about 30 ms):
///
/// ```
/// use lazy_main_runtime::{block_on_watched, Watch};
/// use std::pin::pin;
/// use std::task::Poll;
/// use std::thread;
/// use std::time::{Duration, Instant};
///
/// struct Every(Duration);
///
/// impl Watch for Every {
///     fn next_check(&mut self) -> Option<Instant> {
///         Some(Instant::now() + self.0)
///     }
///
///     fn waiting(&mut self, parked: Duration) {
///         eprintln!("still waiting after {parked:?}");
///     }
/// }
///
/// let mut asked = false;
/// let future = pin!(std::future::poll_fn(|cx| {
///     if std::mem::replace(&mut asked, true) {
///         return Poll::Ready("answered");
///     }
///     let waker = cx.waker().clone();
///     thread::spawn(move || {
///         thread::sleep(Duration::from_millis(30));
///         waker.wake();
///     });
///     Poll::Pending
/// }));
/// let every = &mut Every(Duration::from_millis(10));
/// assert_eq!(block_on_watched(future, every), "answered");
/// ```
///
/// [`block_on_pinned`]: crate::block_on_pinned
pub trait Watch {
    /// A poll returned `Pending`, no wake arrived during or after it, and no
    /// clone of the waker is alive anywhere: nothing can ever wake the
    /// future.
    ///
    /// The check is exact, not a guess from a timeout: a waker woken by value
    /// from another thread while the check runs, a waker kept from an earlier
    /// poll, a clone dropped right after it woke, and a waker wrapped in
    /// another that forwards its wakes all count as what they are. Called
    /// once per such poll, before parking; or, when the last waker goes
    /// without waking while the thread is parked, once the instant from
    /// [`next_check`](Watch::next_check) has passed, before
    /// [`waiting`](Watch::waiting). It may panic; if it returns, the executor
    /// parks as usual.
    fn lost_wake(&mut self) {}

    /// When to call [`waiting`](Watch::waiting) if no wake has come by then;
    /// `None` (the default): park until woken.
    ///
    /// Asked after each pending poll that leaves the future waiting, after
    /// [`lost_wake`](Watch::lost_wake), and again after each `waiting` call.
    /// The instant is a deadline for the wait, not for the future: the
    /// executor cannot interrupt a poll, so a poll that computes for long is
    /// only checked when it returns.
    fn next_check(&mut self) -> Option<Instant> {
        None
    }

    /// The instant from [`next_check`](Watch::next_check) passed without a
    /// wake. Also called at once, without parking, when that instant had
    /// already passed as the poll returned.
    ///
    /// `parked`: how long the future has been waiting since the pending poll
    /// ended. A spurious wake-up of the parked thread neither calls this
    /// early nor skips it. It may panic.
    fn waiting(&mut self, parked: Duration) {
        let _ = parked;
    }
}

/// Runs a pinned future to completion on the current thread, as
/// [`block_on_pinned`] does, and tells `watch` while the future waits.
///
/// After each poll that returns `Pending` with no wake during it, when the
/// thread is about to park:
///
/// 1. If nothing can ever wake the future (no wake recorded, and no clone
///    of its waker alive anywhere), [`Watch::lost_wake`] is called.
/// 2. [`Watch::next_check`] says until when to park. If no wake has come by
///    then, [`Watch::waiting`] is called and `next_check` asked again.
///
/// The watch is only ever asked between polls, so its deadlines are
/// cooperative. The thread parks with a timeout on the same wake-up signal
/// as [`block_on`]: no thread, timer or allocation is added, and a wake
/// costs the same. A panic in the future or in the watch propagates out of
/// `block_on_watched` with the thread left ready for the next call.
///
/// [`block_on`] and [`block_on_pinned`] are not watched and never check:
/// there, a future that keeps no waker waits forever, which is what
/// `std::future::pending().await` is for (a `main` that lets other threads
/// work until the process exits).
///
/// ```
/// use lazy_main_runtime::{block_on_watched, Watch};
/// use std::pin::pin;
///
/// struct Quiet;
/// impl Watch for Quiet {}
///
/// assert_eq!(block_on_watched(pin!(async { 7 }), &mut Quiet), 7);
/// ```
///
/// [`block_on`]: crate::block_on
/// [`block_on_pinned`]: crate::block_on_pinned
#[inline]
#[allow(clippy::must_use_candidate)] // as for `block_on`: a future may be run for its effects
pub fn block_on_watched<F: Future + ?Sized>(
    mut future: Pin<&mut F>,
    watch: &mut dyn Watch,
) -> F::Output {
    let mut output = None;
    drive(
        &mut |cx| match future.as_mut().poll(cx) {
            Poll::Ready(ready) => {
                output = Some(ready);
                true
            }
            Poll::Pending => false,
        },
        watch,
    );
    match output {
        Some(output) => output,
        None => unreachable!("`drive` returns once the future is ready"),
    }
}

/// `block_on_watched`'s `drive`: `crate::drive` with `sleep` below instead
/// of `Signal::sleep`, compiled once in a debug build, inlined in an
/// optimised one, as that is. A copy rather than a watch passed through
/// `crate::drive`: the larger `drive` was no longer inlined into `block_on`
/// (22 instructions per `block_on(ready(x))` became 77).
#[cfg_attr(not(debug_assertions), inline)]
pub(crate) fn drive(poll: &mut dyn FnMut(&mut Context<'_>) -> bool, watch: &mut dyn Watch) {
    IDLE.try_with(|idle| match idle.try_borrow_mut() {
        Ok(mut idle) => run(poll, idle.reuse_or_replace(), watch),
        Err(_) => run_on_a_new_parker(poll, watch),
    })
    .unwrap_or_else(|_| run_on_a_new_parker(poll, watch));
}

/// `run` for a nested call and inside thread-local destructors: rare, so out
/// of line, which keeps `drive` small.
#[inline(never)]
fn run_on_a_new_parker(poll: &mut dyn FnMut(&mut Context<'_>) -> bool, watch: &mut dyn Watch) {
    run(poll, &Parker::new(), watch);
}

/// Polls until ready; after each `Pending`, consumes a wake that came during
/// the poll (no check) or else sleeps, watched.
#[inline]
fn run(poll: &mut dyn FnMut(&mut Context<'_>) -> bool, parker: &Parker, watch: &mut dyn Watch) {
    let mut cx = Context::from_waker(&parker.waker);
    while !poll(&mut cx) {
        if !parker.signal.take_wake() {
            sleep(parker, watch);
        }
    }
}

/// After a pending poll with no wake during it, the thread about to park:
/// returns once a wake is recorded, telling `watch` while none comes. The
/// watched counterpart of `Signal::sleep`.
#[cold]
#[inline(never)]
fn sleep(parker: &Parker, watch: &mut dyn Watch) {
    let pending_since = Instant::now();
    let mut lost = parker.nothing_can_wake();
    if lost {
        watch.lost_wake();
    }
    while let Some(check_at) = watch.next_check() {
        let time_left = || {
            check_at
                .checked_duration_since(Instant::now())
                .filter(|left| !left.is_zero())
        };
        if parker.signal.sleep_until(time_left) {
            return;
        }
        // The last waker may have gone while the thread was parked.
        if !lost && parker.nothing_can_wake() {
            lost = true;
            watch.lost_wake();
        }
        watch.waiting(pending_since.elapsed());
    }
    parker.signal.sleep();
}
