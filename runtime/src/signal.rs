//! The wake/park protocol between one waiting thread and any number of wakers.
//!
//! A [`Signal`] belongs to one `block_on` call on one thread (the waiter). Its
//! state is one atomic byte:
//!
//! | state      | meaning                                                  |
//! |------------|----------------------------------------------------------|
//! | `EMPTY`    | no wake since the waiter last consumed one               |
//! | `NOTIFIED` | a wake arrived; the next `wait` returns without parking  |
//! | `PARKED`   | the waiter is parked, or about to park, and must be unparked |
//!
//! Who moves it:
//!
//! - a waker always `swap`s in `NOTIFIED`, and calls `unpark` only when the
//!   state it replaced was `PARKED`; a wake while the future is being polled
//!   (state `EMPTY`) is therefore a single atomic instruction, no system call;
//! - the waiter moves `NOTIFIED -> EMPTY` (consume, with `swap` or
//!   `compare_exchange`) and `EMPTY -> PARKED` (announce that it will park,
//!   with `compare_exchange`).
//!
//! Why no wake is lost: the waiter parks only after its `EMPTY -> PARKED`
//! exchange succeeded, so any wake that came earlier left `NOTIFIED` and made
//! that exchange fail. Any wake that comes later sees `PARKED` and unparks the
//! thread; `unpark` before `park` leaves the thread's token set, so `park`
//! returns at once. The waiter leaves the park loop only on `NOTIFIED`, so an
//! unrelated unpark (user code that calls `unpark`, a token left by an earlier
//! wake) only costs one more turn of the loop. And since the state is only
//! `PARKED` while the waiter sits in this loop, user code that calls
//! `thread::park` from inside `poll` can never take the token meant for us:
//! wakes during `poll` do not unpark at all.
//!
//! Every read of a wake is an `Acquire` read-modify-write, so whatever a waker
//! did before waking is visible to the poll that follows. The model at the end
//! of this file checks the protocol under loom.

#[cfg(loom)]
use loom::{
    sync::atomic::{AtomicU8, Ordering},
    thread::{self, Thread},
};
#[cfg(not(loom))]
use std::{
    sync::atomic::{AtomicU8, Ordering},
    thread::{self, Thread},
};

const EMPTY: u8 = 0;
const NOTIFIED: u8 = 1;
const PARKED: u8 = 2;

/// One waiter's wake-up flag and the thread to unpark.
#[derive(Debug)]
pub(crate) struct Signal {
    state: AtomicU8,
    waiter: Thread,
}

impl Signal {
    /// A signal whose waiter is the current thread.
    pub(crate) fn for_current_thread() -> Self {
        Self {
            state: AtomicU8::new(EMPTY),
            waiter: thread::current(),
        }
    }

    #[inline]
    /// Forgets a wake left over from an earlier call that reused this signal.
    pub(crate) fn reset(&self) {
        self.state.store(EMPTY, Ordering::Relaxed);
    }

    #[inline]
    /// Records a wake; unparks the waiter only if it is parked.
    pub(crate) fn notify(&self) {
        // `Release` publishes what the waker did before waking; `Acquire`
        // pairs with the waiter's `EMPTY -> PARKED` so the unpark happens after it.
        if self.state.swap(NOTIFIED, Ordering::AcqRel) == PARKED {
            self.waiter.unpark();
        }
    }

    /// Returns once a wake has been recorded, parking the thread until then.
    #[inline]
    pub(crate) fn wait(&self) {
        // A wake during the last poll: consume it and poll again, no syscall.
        // Inlined into the poll loop; parking is the slow path.
        if self.state.swap(EMPTY, Ordering::Acquire) != NOTIFIED {
            self.park();
        }
    }

    /// The slow path of `wait`: announce parking, then park until notified.
    #[cold]
    #[inline(never)]
    fn park(&self) {
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
            thread::park();
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

#[cfg(all(test, loom))]
mod model {
    use super::Signal;
    use loom::sync::atomic::{AtomicBool, Ordering};
    use loom::sync::Arc;
    use loom::thread;

    /// One wake from another thread always ends the wait, and the waker's
    /// earlier write is visible after it.
    #[test]
    fn wake_from_other_thread_is_never_lost() {
        loom::model(|| {
            let signal = Arc::new(Signal::for_current_thread());
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
            let signal = Arc::new(Signal::for_current_thread());
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
            let signal = Arc::new(Signal::for_current_thread());
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
            let signal = Arc::new(Signal::for_current_thread());
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
}
