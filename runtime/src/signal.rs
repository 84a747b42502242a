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
//!   `EMPTY -> PARKED` (announce that it will sleep); a timed sleep whose
//!   time is up moves `PARKED -> EMPTY` again, holding the lock (withdraw);
//! - a new call that reuses the signal stores `EMPTY` (`reset`), once no
//!   waker of an earlier call is left to wake it.
//!
//! Why no wake is lost: the waiter sleeps only after its `EMPTY -> PARKED`
//! exchange succeeded, so any wake that came earlier left `NOTIFIED` and made
//! that exchange fail. A wake that comes later sees `PARKED`, and takes the
//! lock before notifying: the waiter holds the lock from its exchange until
//! the condition variable releases it as the waiter starts to sleep, so the
//! notification cannot fall in between. A timed sleep whose time is up
//! withdraws with a compare-exchange `PARKED -> EMPTY`: a waker that came
//! first has replaced `PARKED` with `NOTIFIED`, so the exchange fails and the
//! waiter takes that wake instead of reporting the timeout; a waker that comes
//! later sees `EMPTY` and leaves `NOTIFIED` for the next wait. The waiter
//! leaves its loop only on `NOTIFIED` or, timed, once the clock (read again
//! after every wake-up, under the lock) says the time is up: a spurious
//! wake-up costs one more turn of the loop, and neither ends a wait nor
//! shortens or skips a timed one.
//!
//! How the waiter knows that nothing can wake it any more (the lost-wake
//! check of a watched `block_on`): after a pending poll whose wake check found
//! no wake, it reads the signal's reference count. Besides the parker's two
//! references (its field and its own waker) only wakers hold one, and a waker
//! can be cloned only from a live one: outside a poll, from another waker. A
//! count of 2 after the poll therefore means that no waker is left and none
//! can appear. Each waker that was alive woke, if it did, before it let go
//! of its reference (a wake by value notifies, then drops), and letting go is
//! a `Release` decrement. The count is read `Relaxed` (as `Arc::strong_count`
//! reads it); the `Acquire` fence after that read synchronizes with those
//! decrements, so every such wake is visible to the state load that follows:
//! `NOTIFIED` if one came after the last consume, and `EMPTY` only if none
//! did — then nothing can wake the waiter. Without the fence a weakly ordered
//! CPU may show the count after the last drop and the state from before that
//! waker's wake: a wake reported lost.
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
use std::time::Duration;

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
        // Inlined into the poll loop; sleeping is the slow path.
        if !self.take_wake() {
            self.sleep();
        }
    }

    /// Consumes a wake recorded since the last one was consumed, if any: a
    /// wake during the last poll, so the future is polled again, no syscall.
    #[inline]
    pub(crate) fn take_wake(&self) -> bool {
        self.state.swap(EMPTY, Ordering::Acquire) == NOTIFIED
    }

    /// Whether nothing can wake the waiter any more: no wake recorded, and no
    /// waker alive. Call it when the last wake check found none (a
    /// `take_wake` that returned `false`, or a `sleep_until` that timed out),
    /// with `references` the signal's `Arc::strong_count` read after that; the
    /// waiter's parker holds two references. See the module comment.
    #[inline]
    pub(crate) fn nothing_can_wake(&self, references: usize) -> bool {
        if references != 2 {
            return false; // a waker is alive
        }
        // `references` was a `Relaxed` load. The fence pairs it with the
        // `Release` decrements of the wakers' drops, so the wake of any
        // waker that has gone is visible to the load below.
        fence(Ordering::Acquire);
        self.state.load(Ordering::Relaxed) != NOTIFIED
    }

    /// The slow path of `wait`: announce sleeping, then sleep until notified.
    #[cold]
    #[inline(never)]
    pub(crate) fn sleep(&self) {
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

    /// The timed `sleep`: returns `true` once a wake has been recorded, or
    /// `false` once `time_left` (asked under the lock, before each sleep and
    /// after each wake-up) says that no time is left (`None`). Spurious
    /// wake-ups neither end it early nor make it return `false` early.
    #[cold]
    #[inline(never)]
    pub(crate) fn sleep_until(&self, mut time_left: impl FnMut() -> Option<Duration>) -> bool {
        #[cfg(all(test, not(loom)))]
        sleep_count::record();
        let mut guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        if self
            .state
            .compare_exchange(EMPTY, PARKED, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            // A wake came first: consume it.
            self.state.swap(EMPTY, Ordering::Acquire);
            return true;
        }
        loop {
            let Some(timeout) = time_left() else {
                // Time is up: withdraw the announcement, unless a waker has
                // replaced it (it will take the lock and notify in vain).
                if self
                    .state
                    .compare_exchange(PARKED, EMPTY, Ordering::Relaxed, Ordering::Relaxed)
                    .is_ok()
                {
                    return false;
                }
                self.state.swap(EMPTY, Ordering::Acquire);
                return true;
            };
            guard = self
                .wakeup
                .wait_timeout(guard, timeout)
                .unwrap_or_else(PoisonError::into_inner)
                .0;
            if self
                .state
                .compare_exchange(NOTIFIED, EMPTY, Ordering::Acquire, Ordering::Relaxed)
                .is_ok()
            {
                return true;
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

#[cfg(all(test, not(loom)))]
mod tests {
    use super::Signal;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::thread;
    use std::time::{Duration, Instant};

    /// Notifications of the condition variable with no wake behind them (as
    /// spurious wake-ups are) during a timed sleep: it sleeps to its
    /// deadline, and returns as not woken.
    #[test]
    fn spurious_wakeups_neither_end_nor_shorten_a_timed_sleep() {
        let signal = Arc::new(Signal::new());
        let stop = Arc::new(AtomicBool::new(false));
        let spurious = {
            let (signal, stop) = (Arc::clone(&signal), Arc::clone(&stop));
            thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    drop(signal.lock.lock().unwrap());
                    signal.wakeup.notify_all();
                    thread::sleep(Duration::from_millis(1));
                }
            })
        };
        let deadline = Instant::now() + Duration::from_millis(100);
        let woken = signal.sleep_until(|| {
            deadline
                .checked_duration_since(Instant::now())
                .filter(|left| !left.is_zero())
        });
        let returned = Instant::now();
        stop.store(true, Ordering::Relaxed);
        spurious.join().unwrap();
        assert!(!woken, "woken, and nothing woke it");
        assert!(
            returned >= deadline,
            "returned {:?} early",
            deadline - returned
        );
    }
}

#[cfg(all(test, loom))]
mod model {
    use super::{Signal, EMPTY};
    use loom::sync::atomic::{fence, AtomicBool, AtomicUsize, Ordering};
    use loom::sync::Arc;
    use loom::thread;
    use std::time::Duration;

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

    /// The references to a signal, counted as std's `Arc` counts them: a
    /// clone is a `Relaxed` increment, a drop a `Release` decrement (with an
    /// `Acquire` fence after the last), `strong_count` a `Relaxed` load.
    /// Loom's own `Arc::strong_count` synchronizes like an acquire load, so
    /// with it a missing fence in the lost-wake check would go unnoticed.
    struct References(AtomicUsize);

    impl References {
        /// The parker's field and its own waker, and `wakers` more.
        fn parker_and(wakers: usize) -> Arc<Self> {
            Arc::new(Self(AtomicUsize::new(2 + wakers)))
        }

        fn strong_count(&self) -> usize {
            self.0.load(Ordering::Relaxed)
        }

        /// Drops one reference; `true` if it was the last.
        fn drop_one(&self) -> bool {
            if self.0.fetch_sub(1, Ordering::Release) != 1 {
                return false;
            }
            fence(Ordering::Acquire);
            true
        }
    }

    /// The executor after a pending poll, as `watch::sleep` runs it: no wake
    /// during the poll, so it checks, and then it waits for a wake. Returns
    /// whether the check said that nothing can wake the future.
    fn check_then_wait(signal: &Signal, references: &References) -> bool {
        if signal.take_wake() {
            return false; // a wake during the poll: polled again, no check
        }
        let lost = signal.nothing_can_wake(references.strong_count());
        if !lost {
            signal.sleep();
        }
        lost
    }

    /// A waker woken by value on another thread (it notifies, then drops its
    /// reference) while the executor checks: never a lost wake, whatever the
    /// interleaving, and the wake still ends the wait. A `wake_by_ref`
    /// followed by a drop is the same two steps.
    ///
    /// This model and the next two need the fence in
    /// `Signal::nothing_can_wake`: delete the line `fence(Ordering::Acquire);`
    /// there, and each of them fails ("a wake by value was reported lost":
    /// the count seen after the drop, the state from before the wake).
    #[test]
    fn a_wake_by_value_racing_the_check_is_not_a_lost_wake() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let references = References::parker_and(1);
            {
                let (signal, references) = (Arc::clone(&signal), Arc::clone(&references));
                thread::spawn(move || {
                    signal.notify();
                    references.drop_one();
                });
            }
            let lost = check_then_wait(&signal, &references);
            assert!(!lost, "a wake by value was reported lost");
        });
    }

    /// Two wakers on other threads: one wakes by value, the other is dropped
    /// without waking, in either order. The check sees the wake even when the
    /// waker that woke is not the last to go: the fence synchronizes with
    /// every decrement before the count it read, not only the last one.
    #[test]
    fn a_wake_is_seen_whichever_waker_goes_last() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let references = References::parker_and(2);
            let woke = {
                let (signal, references) = (Arc::clone(&signal), Arc::clone(&references));
                thread::spawn(move || {
                    signal.notify();
                    references.drop_one();
                })
            };
            let dropped = {
                let references = Arc::clone(&references);
                thread::spawn(move || {
                    references.drop_one();
                })
            };
            let lost = check_then_wait(&signal, &references);
            assert!(!lost, "a wake was reported lost");
            woke.join().unwrap();
            dropped.join().unwrap();
        });
    }

    /// A waker wrapped in another, as a tracer wraps the waker it is given:
    /// the wrapper holds a clone of the executor's waker for as long as a
    /// clone of the wrapper is alive, and forwards each wake to it. The only
    /// wrapper clone is woken by value on another thread: it forwards the
    /// wake, then drops, and the last wrapper reference drops the clone of
    /// ours. Never a lost wake.
    #[test]
    fn a_wake_through_a_wrapping_waker_is_not_a_lost_wake() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            // Ours: the parker's two and the wrapper's clone.
            let references = References::parker_and(1);
            // The wrapper's own count: the one clone the inner future gave away.
            let wrapper = Arc::new(AtomicUsize::new(1));
            {
                let (signal, references, wrapper) = (
                    Arc::clone(&signal),
                    Arc::clone(&references),
                    Arc::clone(&wrapper),
                );
                thread::spawn(move || {
                    // The wrapper's `wake(self)`: forward, then drop itself.
                    signal.notify();
                    if wrapper.fetch_sub(1, Ordering::Release) == 1 {
                        fence(Ordering::Acquire);
                        references.drop_one(); // the wrapper's clone of ours
                    }
                });
            }
            let lost = check_then_wait(&signal, &references);
            assert!(!lost, "a wake through a wrapping waker was reported lost");
        });
    }

    /// The other side: a waker dropped without waking, before the check, is
    /// a lost wake, and the check reports it.
    #[test]
    fn a_waker_dropped_without_waking_is_a_lost_wake() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let references = References::parker_and(1);
            {
                let references = Arc::clone(&references);
                thread::spawn(move || {
                    references.drop_one();
                })
                .join()
                .unwrap();
            }
            assert!(!signal.take_wake());
            assert!(signal.nothing_can_wake(references.strong_count()));
        });
    }

    /// The clock of a timed sleep, for loom, which has no time: the time is up
    /// once `up` is set, and setting it wakes the sleeper as the end of a
    /// timed condvar wait does.
    struct Clock {
        up: AtomicBool,
    }

    impl Clock {
        fn new() -> Arc<Self> {
            Arc::new(Self {
                up: AtomicBool::new(false),
            })
        }

        /// What `watch::sleep` passes to `sleep_until`.
        fn time_left(&self) -> Option<Duration> {
            (!self.up.load(Ordering::Relaxed)).then_some(Duration::from_secs(1))
        }

        /// The timeout expires.
        fn run_out(&self, signal: &Signal) {
            self.up.store(true, Ordering::Relaxed);
            drop(signal.lock.lock().unwrap());
            signal.wakeup.notify_one();
        }
    }

    /// A wake that races the end of a timed sleep is never lost: either the
    /// sleep returns woken, or it times out and the wake is left for the next
    /// wait, which here sleeps without a timeout and so needs it.
    #[test]
    fn a_wake_racing_the_timeout_is_never_lost() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let ready = Arc::new(AtomicBool::new(false));
            let clock = Clock::new();
            {
                let (signal, ready) = (Arc::clone(&signal), Arc::clone(&ready));
                thread::spawn(move || {
                    ready.store(true, Ordering::Relaxed);
                    signal.notify();
                });
            }
            {
                let (signal, clock) = (Arc::clone(&signal), Arc::clone(&clock));
                thread::spawn(move || clock.run_out(&signal));
            }
            // The one wake is taken by exactly one of these.
            if !signal.take_wake() && !signal.sleep_until(|| clock.time_left()) {
                assert!(clock.time_left().is_none(), "timed out early");
                signal.wait();
            }
            assert!(ready.load(Ordering::Relaxed), "woken before the wake");
        });
    }

    /// Spurious wake-ups of the condition variable during a timed sleep that
    /// no waker wakes: it returns only once the time is up, and not as woken.
    #[test]
    fn a_spurious_wakeup_neither_ends_nor_shortens_a_timed_sleep() {
        loom::model(|| {
            let signal = Arc::new(Signal::new());
            let clock = Clock::new();
            {
                let signal = Arc::clone(&signal);
                thread::spawn(move || {
                    drop(signal.lock.lock().unwrap());
                    signal.wakeup.notify_one();
                });
            }
            {
                let (signal, clock) = (Arc::clone(&signal), Arc::clone(&clock));
                thread::spawn(move || clock.run_out(&signal));
            }
            let woken = signal.sleep_until(|| clock.time_left());
            assert!(!woken, "woken, and nothing woke it");
            assert!(
                clock.time_left().is_none(),
                "returned before the time was up"
            );
        });
    }
}
