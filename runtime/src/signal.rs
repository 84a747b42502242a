//! The wake/park protocol between one waiting thread and any number of wakers.
//!
//! A [`Signal`] belongs to one thread's `block_on` (the waiter). Its state is
//! one atomic byte:
//!
//! | state      | meaning                                                        |
//! |------------|----------------------------------------------------------------|
//! | `EMPTY`    | no wake since the waiter last consumed one                     |
//! | `NOTIFIED` | a wake arrived; the next `wait` returns without parking        |
//! | `PARKED`   | the waiter is asleep on the condition variable, or about to be |
//!
//! Who moves it:
//!
//! - a waker always `swap`s in `NOTIFIED`, and touches the lock and the
//!   condition variable only when the state it replaced was `PARKED`; a wake
//!   while the future is being polled (state `EMPTY`) is therefore a single
//!   atomic instruction, no system call;
//! - the waiter moves `NOTIFIED -> EMPTY` (consume) and, holding the lock,
//!   `EMPTY -> PARKED` (announce that it will sleep);
//! - a new call that reuses the signal stores `EMPTY` (`reset`), once no
//!   waker of an earlier call is left to wake it.
//!
//! Why no wake is lost: the waiter sleeps only after its `EMPTY -> PARKED`
//! exchange succeeded, so any wake that came earlier left `NOTIFIED` and made
//! that exchange fail. A wake that comes later sees `PARKED`, and takes the
//! lock before notifying: the waiter holds the lock from its exchange until
//! the condition variable releases it as the waiter starts to sleep, so the
//! notification cannot fall in between. The waiter leaves its loop only on
//! `NOTIFIED`, so a spurious wake-up costs one more turn of the loop.
//!
//! The thread's own park token (`thread::park`/`unpark`) is never used: user
//! code that parks inside `poll` cannot take a wake meant for us, and nothing
//! needs a handle to the thread (which would also cost binary size).
//!
//! Every read of a wake is an `Acquire` read-modify-write, so whatever a waker
//! did before waking is visible to the poll that follows. The models at the
//! end of this file check the protocol, and the reuse of a signal, under loom.

#[cfg(loom)]
use loom::sync::{
    atomic::{fence, AtomicU8, Ordering},
    Condvar, Mutex,
};
#[cfg(not(loom))]
use std::sync::{
    atomic::{fence, AtomicU8, Ordering},
    Condvar, Mutex,
};
use std::sync::{Arc, PoisonError};
use std::task::Wake;

const EMPTY: u8 = 0;
const NOTIFIED: u8 = 1;
const PARKED: u8 = 2;

/// One waiter's wake-up flag, and what it sleeps on.
#[derive(Debug)]
pub(crate) struct Signal {
    state: AtomicU8,
    lock: Mutex<()>,
    wakeup: Condvar,
}

impl Signal {
    pub(crate) fn new() -> Self {
        Self {
            state: AtomicU8::new(EMPTY),
            lock: Mutex::new(()),
            wakeup: Condvar::new(),
        }
    }

    /// Forgets a wake left over from an earlier call, so that a new call can
    /// reuse this signal. Call it only once `Arc::strong_count` has shown that
    /// no waker of an earlier call holds the signal any more.
    #[inline]
    pub(crate) fn reset(&self) {
        // `strong_count` is a `Relaxed` load. The fence pairs it with the
        // `Release` decrement in the last other waker's drop, so that waker's
        // final `notify` is ordered before this store; without it, on a weakly
        // ordered CPU, the wake could land after the store: a spurious poll.
        fence(Ordering::Acquire);
        self.state.store(EMPTY, Ordering::Relaxed);
    }

    /// Records a wake; wakes the waiter only if it sleeps.
    #[inline]
    pub(crate) fn notify(&self) {
        // `Release` publishes what the waker did before waking; `Acquire`
        // orders the notification after the waiter's `EMPTY -> PARKED`.
        if self.state.swap(NOTIFIED, Ordering::AcqRel) == PARKED {
            self.wake_sleeper();
        }
    }

    /// The slow path of `notify`, kept out of line so the fast path stays tiny.
    #[cold]
    #[inline(never)]
    fn wake_sleeper(&self) {
        // Once we hold the lock, the waiter is inside `Condvar::wait`.
        drop(self.lock.lock().unwrap_or_else(PoisonError::into_inner));
        self.wakeup.notify_one();
    }
}

/// A `block_on` call's waker is its signal: waking records a wake.
impl Wake for Signal {
    fn wake(self: Arc<Self>) {
        self.notify();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.notify();
    }
}

impl Signal {
    /// Returns once a wake has been recorded, sleeping until then.
    #[inline]
    pub(crate) fn wait(&self) {
        // A wake during the last poll: consume it and poll again, no syscall.
        // Inlined into the poll loop; sleeping is the slow path.
        if self.state.swap(EMPTY, Ordering::Acquire) != NOTIFIED {
            self.sleep();
        }
    }

    /// The slow path of `wait`: announce sleeping, then sleep until notified.
    #[cold]
    #[inline(never)]
    fn sleep(&self) {
        #[cfg(all(test, not(loom)))]
        sleep_count::record();
        let mut guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        if self
            .state
            .compare_exchange(EMPTY, PARKED, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            // A waker got in between; consume its wake with `Acquire` so a
            // third waker's `swap` in the meantime is seen too.
            self.state.swap(EMPTY, Ordering::Acquire);
            return;
        }
        loop {
            guard = self
                .wakeup
                .wait(guard)
                .unwrap_or_else(PoisonError::into_inner);
            if self
                .state
                .compare_exchange(NOTIFIED, EMPTY, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
            {
                return;
            }
        }
    }
}

/// Test builds count how often the slow path (the only one that can make a
/// system call) is taken, so tests can check that a wake during poll skips it.
#[cfg(all(test, not(loom)))]
pub(crate) mod sleep_count {
    use std::cell::Cell;

    thread_local! {
        /// How often this thread entered `Signal::sleep`.
        static SLEEPS: Cell<usize> = const { Cell::new(0) };
    }

    /// Called by `Signal::sleep`.
    pub(super) fn record() {
        SLEEPS.with(|sleeps| sleeps.set(sleeps.get() + 1));
    }

    /// How often this thread has entered `Signal::sleep` so far.
    pub(crate) fn sleeps() -> usize {
        SLEEPS.with(Cell::get)
    }
}

#[cfg(all(test, loom))]
mod model {
    use super::{Signal, EMPTY};
    use loom::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use loom::sync::Arc;
    use loom::thread;

    /// One wake from another thread always ends the wait, and the waker's
    /// earlier write is visible after it.
    #[test]
    fn wake_from_other_thread_is_never_lost() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let ready = Arc::new(AtomicBool::new(false));
            let waker = {
                let (signal, ready) = (signal.clone(), ready.clone());
                thread::spawn(move || {
                    ready.store(true, Ordering::Relaxed);
                    signal.notify();
                })
            };
            while !ready.load(Ordering::Relaxed) {
                signal.wait();
            }
            waker.join().unwrap();
        });
    }

    /// Two wakers racing each other and the waiter: the waiter sees both.
    #[test]
    fn two_racing_wakers() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let done = Arc::new(loom::sync::atomic::AtomicUsize::new(0));
            let wakers: Vec<_> = (0..2)
                .map(|_| {
                    let (signal, done) = (signal.clone(), done.clone());
                    thread::spawn(move || {
                        done.fetch_add(1, Ordering::Relaxed);
                        signal.notify();
                    })
                })
                .collect();
            while done.load(Ordering::Relaxed) < 2 {
                signal.wait();
            }
            for waker in wakers {
                waker.join().unwrap();
            }
        });
    }

    /// A wake recorded during "poll" (before `wait`) is consumed without parking,
    /// and a racing wake from another thread still ends the second wait.
    #[test]
    fn wake_during_poll_then_remote_wake() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let ready = Arc::new(AtomicBool::new(false));
            signal.notify();
            signal.wait();
            let waker = {
                let (signal, ready) = (signal.clone(), ready.clone());
                thread::spawn(move || {
                    ready.store(true, Ordering::Release);
                    signal.notify();
                })
            };
            while !ready.load(Ordering::Acquire) {
                signal.wait();
            }
            waker.join().unwrap();
        });
    }

    /// A stray unpark of the waiting thread does not end the wait on its own.
    #[test]
    fn stray_unpark_is_not_a_wake() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let ready = Arc::new(AtomicBool::new(false));
            let main = thread::current();
            // Not joined: loom's `join` itself waits on the same unpark
            // notification, which the stray unpark would disturb.
            thread::spawn(move || main.unpark());
            {
                let (signal, ready) = (signal.clone(), ready.clone());
                thread::spawn(move || {
                    ready.store(true, Ordering::Relaxed);
                    signal.notify();
                });
            }
            signal.wait();
            // `wait` returned, so a wake was recorded: the flag must be set.
            assert!(ready.load(Ordering::Relaxed));
        });
    }

    /// Reuse as `Parker::reuse_or_replace` does it, with loom's `Arc`: the
    /// parker holds the signal and its own waker, a remote waker wakes once
    /// and is dropped. Once the parker counts only its own two references and
    /// resets, that wake must come before the reset, never land after it.
    ///
    /// Loom keeps each atomic's stores in execution order, so it cannot show
    /// the late wake itself (the state assertion cannot fail under loom); it
    /// checks the happens-before edge that rules it out: a flag the waker set
    /// after its `notify` must be visible after the reset. Loom's
    /// `strong_count` synchronizes like an acquire load, unlike std's
    /// `Relaxed` one, so the next model is the one that needs the fence.
    #[test]
    fn reuse_after_the_last_remote_waker_is_dropped() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let own_waker = Arc::clone(&signal);
            let notified = Arc::new(AtomicBool::new(false));
            {
                let (waker, notified) = (Arc::clone(&signal), Arc::clone(&notified));
                thread::spawn(move || {
                    waker.notify();
                    notified.store(true, Ordering::Relaxed);
                    drop(waker);
                });
            }
            if Arc::strong_count(&signal) == 2 {
                signal.reset();
                assert!(notified.load(Ordering::Relaxed), "reset raced the wake");
                assert_eq!(signal.state.load(Ordering::Relaxed), EMPTY);
            }
            drop(own_waker);
        });
    }

    /// The same reuse, with the reference count kept as std's `Arc` keeps it:
    /// the waker's drop is a `Release` decrement, `strong_count` a `Relaxed`
    /// load. Only the fence in `reset` orders the wake before the reset here;
    /// without it loom lets the parker miss the flag.
    #[test]
    fn reuse_with_the_orderings_of_std_arc() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            // The parker's field, its own waker and one remote waker.
            let strong_count = Arc::new(AtomicUsize::new(3));
            let notified = Arc::new(AtomicBool::new(false));
            {
                let (signal, strong_count, notified) = (
                    Arc::clone(&signal),
                    Arc::clone(&strong_count),
                    Arc::clone(&notified),
                );
                thread::spawn(move || {
                    signal.notify();
                    notified.store(true, Ordering::Relaxed);
                    // The remote waker's drop.
                    strong_count.fetch_sub(1, Ordering::Release);
                });
            }
            if strong_count.load(Ordering::Relaxed) == 2 {
                signal.reset();
                assert!(notified.load(Ordering::Relaxed), "reset raced the wake");
                assert_eq!(signal.state.load(Ordering::Relaxed), EMPTY);
            }
        });
    }
}
