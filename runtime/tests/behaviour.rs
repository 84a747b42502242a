//! What `block_on` promises, one behaviour per test.

mod common;

use std::cell::Cell;
use std::future::{poll_fn, ready, Future, IntoFuture};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

use common::{count_polls, wake_later, watchdog, WakeSelf, WokenFromThread, LIMIT};
use lazy_main_runtime::block_on;

const SHORT: Duration = Duration::from_millis(20);

#[test]
fn returns_the_output_of_a_ready_future() {
    assert_eq!(block_on(ready(5)), 5);
    assert_eq!(block_on(async { "done" }), "done");
}

#[test]
fn accepts_into_future() {
    struct Later(u8);
    impl IntoFuture for Later {
        type Output = u8;
        type IntoFuture = std::future::Ready<u8>;
        fn into_future(self) -> Self::IntoFuture {
            ready(self.0 * 2)
        }
    }
    assert_eq!(block_on(Later(21)), 42);
}

#[test]
fn a_future_does_nothing_until_driven() {
    let ran = Cell::new(false);
    let future = async {
        ran.set(true);
    };
    assert!(!ran.get(), "building the future ran its body");
    block_on(future);
    assert!(ran.get());
}

#[test]
fn a_self_waking_future_is_polled_again_without_parking() {
    // A token parked by this thread's `thread::park` would be consumed; it
    // must still be there after `block_on`, so `park_timeout` returns at once.
    thread::current().unpark();
    let ((), polls) = block_on(count_polls(WakeSelf { remaining: 3 }));
    assert_eq!(polls, 4);
    let start = Instant::now();
    thread::park_timeout(Duration::from_secs(5));
    assert!(
        start.elapsed() < Duration::from_secs(4),
        "block_on parked the thread"
    );
}

#[test]
fn woken_once_from_another_thread_is_polled_exactly_twice() {
    watchdog(LIMIT, || {
        for _ in 0..20 {
            let ((), polls) = block_on(count_polls(WokenFromThread::after(Duration::ZERO)));
            assert_eq!(polls, 2);
        }
    });
}

#[test]
fn a_wake_left_over_from_an_earlier_call_is_not_seen_by_the_next() {
    watchdog(LIMIT, || {
        let kept: Rc<Cell<Option<Waker>>> = Rc::default();
        let keep = kept.clone();
        block_on(poll_fn(move |cx| {
            keep.set(Some(cx.waker().clone()));
            Poll::Ready(())
        }));
        // Woken after `block_on` returned: harmless, and not carried over.
        kept.take().unwrap().wake_by_ref();

        let ((), polls) = block_on(count_polls(WokenFromThread::after(SHORT)));
        assert_eq!(polls, 2);

        // Even a stale waker woken during the next call does not reach it.
        let stale = {
            let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
            let keep = slot.clone();
            block_on(poll_fn(move |cx| {
                *keep.lock().unwrap() = Some(cx.waker().clone());
                Poll::Ready(())
            }));
            let waker = slot.lock().unwrap().take().unwrap();
            waker
        };
        let mut started = false;
        let ((), polls) = block_on(count_polls(poll_fn(|cx| {
            if started {
                return Poll::Ready(());
            }
            started = true;
            stale.wake_by_ref();
            wake_later(cx.waker().clone(), SHORT);
            Poll::Pending
        })));
        assert_eq!(polls, 2);
    });
}

#[test]
fn a_registration_that_keeps_the_last_waker_never_sees_a_stale_wake() {
    watchdog(LIMIT, || {
        // A channel's registration: the last waker, replaced only when the
        // new one would not wake the same task, kept across calls.
        let slot: Arc<Mutex<Option<Waker>>> = Arc::default();
        for call in 0..6 {
            let answered = Arc::new(AtomicBool::new(false));
            let mut sender = None;
            let ((), polls) = block_on(count_polls(poll_fn(|cx| {
                if answered.load(Ordering::Acquire) {
                    return Poll::Ready(());
                }
                if sender.is_none() {
                    let mut kept = slot.lock().unwrap();
                    if !kept.as_ref().is_some_and(|k| k.will_wake(cx.waker())) {
                        // A late wake through an earlier call's waker.
                        kept.as_ref().map(Waker::wake_by_ref);
                        *kept = Some(cx.waker().clone());
                    }
                    let (slot, answered) = (slot.clone(), answered.clone());
                    sender = Some(thread::spawn(move || {
                        thread::sleep(SHORT);
                        answered.store(true, Ordering::Release);
                        slot.lock().unwrap().as_ref().map(Waker::wake_by_ref);
                    }));
                }
                Poll::Pending
            })));
            sender.unwrap().join().unwrap();
            assert_eq!(polls, 2, "call {call}");
        }
    });
}

#[test]
fn wakers_kept_from_the_two_calls_before_cannot_reach_the_next() {
    watchdog(LIMIT, || {
        // Each call leaves its waker alive: both of the thread's parkers are held.
        let first = block_on(poll_fn(|cx| Poll::Ready(cx.waker().clone())));
        let second = block_on(poll_fn(|cx| Poll::Ready(cx.waker().clone())));
        assert!(!first.will_wake(&second));
        let mut started = false;
        let ((), polls) = block_on(count_polls(poll_fn(|cx| {
            assert!(!cx.waker().will_wake(&first) && !cx.waker().will_wake(&second));
            if started {
                return Poll::Ready(());
            }
            started = true;
            first.wake_by_ref();
            second.wake_by_ref();
            wake_later(cx.waker().clone(), SHORT);
            Poll::Pending
        })));
        assert_eq!(polls, 2);
    });
}

#[test]
fn nested_calls_work_and_keep_the_outer_wakes() {
    watchdog(LIMIT, || {
        let mut outer_polls = 0;
        block_on(poll_fn(|outer| {
            outer_polls += 1;
            if outer_polls == 2 {
                return Poll::Ready(());
            }
            // The outer waker fires while the inner call is parked.
            wake_later(outer.waker().clone(), Duration::ZERO);
            let inner_result = block_on(async {
                let inner_waker = poll_fn(|inner| Poll::Ready(inner.waker().clone())).await;
                assert!(!inner_waker.will_wake(outer.waker()));
                WokenFromThread::after(SHORT).await;
                block_on(ready(3)) // and one level deeper
            });
            assert_eq!(inner_result, 3);
            Poll::Pending
        }));
        assert_eq!(outer_polls, 2);
    });
}

#[test]
fn park_inside_poll_cannot_steal_a_wake() {
    watchdog(LIMIT, || {
        let mut polls = 0;
        block_on(poll_fn(|cx| {
            polls += 1;
            if polls == 3 {
                return Poll::Ready(());
            }
            // The wake arrives while user code is parked inside `poll`.
            wake_later(cx.waker().clone(), Duration::ZERO);
            if polls == 1 {
                thread::park_timeout(Duration::from_millis(200));
            } else {
                let deadline = Instant::now() + Duration::from_millis(200);
                while Instant::now() < deadline {
                    thread::park_timeout(deadline - Instant::now());
                }
            }
            Poll::Pending
        }));
        assert_eq!(polls, 3);
    });
}

#[test]
fn a_stray_unpark_is_not_taken_for_a_wake() {
    watchdog(LIMIT, || {
        let me = thread::current();
        let ((), polls) = block_on(count_polls(poll_fn({
            let mut started = false;
            move |cx: &mut Context<'_>| {
                if started {
                    return Poll::Ready(());
                }
                started = true;
                me.unpark();
                wake_later(cx.waker().clone(), SHORT);
                Poll::Pending
            }
        })));
        assert_eq!(polls, 2);
    });
}

#[test]
fn a_panic_propagates_and_leaves_the_thread_usable() {
    watchdog(LIMIT, || {
        struct DropFlag(Rc<Cell<bool>>);
        impl Drop for DropFlag {
            fn drop(&mut self) {
                self.0.set(true);
            }
        }
        for _ in 0..3 {
            let dropped = Rc::new(Cell::new(false));
            let flag = DropFlag(dropped.clone());
            let panic = catch_unwind(AssertUnwindSafe(|| {
                block_on(async move {
                    let _flag = flag;
                    WokenFromThread::after(Duration::ZERO).await;
                    block_on(async { panic!("inside the inner future") });
                });
            }))
            .unwrap_err();
            assert_eq!(
                panic.downcast_ref::<&str>(),
                Some(&"inside the inner future")
            );
            assert!(dropped.get(), "the future was not dropped");

            let ((), polls) = block_on(count_polls(WokenFromThread::after(SHORT)));
            assert_eq!(polls, 2);
            assert_eq!(block_on(async { block_on(ready(1)) + 1 }), 2);
        }
    });
}

#[test]
fn the_future_is_dropped_before_block_on_returns() {
    struct SetOnDrop(Rc<Cell<bool>>);
    impl Drop for SetOnDrop {
        fn drop(&mut self) {
            self.0.set(true);
        }
    }
    impl Future for SetOnDrop {
        type Output = Rc<Cell<bool>>;
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Self::Output> {
            Poll::Ready(self.0.clone())
        }
    }
    let dropped = block_on(SetOnDrop(Rc::default()));
    assert!(dropped.get());
}

#[test]
fn non_send_futures_work() {
    let shared = Rc::new(Cell::new(1));
    let inside = shared.clone();
    block_on(async move {
        WokenFromThread::after(Duration::ZERO).await;
        inside.set(inside.get() + 1);
    });
    assert_eq!(shared.get(), 2);
}

#[test]
fn waking_after_return_is_harmless() {
    let waker = block_on(poll_fn(|cx| Poll::Ready(cx.waker().clone())));
    waker.wake_by_ref();
    let from_thread = waker.clone();
    thread::spawn(move || from_thread.wake()).join().unwrap();
    drop(waker);
    assert_eq!(block_on(ready(9)), 9);
}

#[test]
fn works_inside_a_thread_local_destructor() {
    struct RunsOnExit(std::sync::mpsc::Sender<usize>);
    impl Drop for RunsOnExit {
        fn drop(&mut self) {
            let ((), polls) = block_on(count_polls(WokenFromThread::after(SHORT)));
            self.0.send(polls).unwrap();
        }
    }
    thread_local! {
        static ON_EXIT: Cell<Option<RunsOnExit>> = const { Cell::new(None) };
    }
    watchdog(LIMIT, || {
        let (send, receive) = std::sync::mpsc::channel();
        thread::spawn(move || {
            // Use the runtime first so its own thread-local may die first.
            block_on(ready(()));
            ON_EXIT.with(|slot| slot.set(Some(RunsOnExit(send))));
            block_on(ready(()));
        })
        .join()
        .unwrap();
        assert_eq!(receive.recv().unwrap(), 2);
    });
}
