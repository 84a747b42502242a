//! `block_on` allocates nothing per call once the thread has made one call,
//! also when the future keeps the last waker it was given.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::{poll_fn, ready, Future};
use std::task::{Poll, Waker};

use common::WakeSelf;
use lazy_main_runtime::block_on;

/// Counts allocations made by the current thread only, so that the test
/// harness's other threads cannot disturb the count.
struct CountingAllocator;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

#[allow(unsafe_code)] // `GlobalAlloc` is an unsafe trait; this only forwards to `System`.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let _ = ALLOCATIONS.try_with(|count| count.set(count.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn allocations_during(work: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    work();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn no_allocation_after_the_first_call() {
    // The first call on a thread builds its parker: one allocation.
    assert!(allocations_during(|| block_on(ready(()))) > 0);

    let ready_calls = allocations_during(|| {
        for i in 0..1000 {
            assert_eq!(block_on(ready(i)), i);
        }
    });
    assert_eq!(ready_calls, 0, "a ready future allocated");

    let self_waking = allocations_during(|| {
        for _ in 0..100 {
            block_on(WakeSelf { remaining: 10 });
        }
    });
    assert_eq!(self_waking, 0, "a self-waking future allocated");

    // A kept waker forces a fresh parker once, then the thread is back to zero.
    let kept = block_on(poll_fn(|cx| Poll::Ready(cx.waker().clone())));
    assert!(allocations_during(|| block_on(ready(()))) > 0);
    drop(kept);
    assert_eq!(allocations_during(|| block_on(ready(()))), 0);
}

/// Calls of `block_on` in the kept-waker comparison.
const CALLS: usize = 1000;

/// A registration as `AtomicWaker`-style futures and channels keep one: the
/// last waker, replaced only when the new one would not wake the same task.
/// The waker stays registered after `block_on` returns.
fn register(slot: &mut Option<Waker>, waker: &Waker) {
    if !slot.as_ref().is_some_and(|kept| kept.will_wake(waker)) {
        *slot = Some(waker.clone());
    }
}

/// Registers its waker in `slot` and is woken through it at once (as by a
/// sender), then is ready at the next poll.
fn registered_in(slot: &mut Option<Waker>) -> impl Future<Output = ()> + '_ {
    let mut registered = false;
    poll_fn(move |cx| {
        if registered {
            return Poll::Ready(());
        }
        registered = true;
        register(slot, cx.waker());
        slot.as_ref().map(Waker::wake_by_ref);
        Poll::Pending
    })
}

/// Allocations made by `CALLS` calls of `block_on` on `registered_in` one
/// slot, after two calls that let the executor set up its thread.
fn kept_waker_allocations(block_on: impl Fn(&mut Option<Waker>)) -> usize {
    let mut slot = None;
    block_on(&mut slot);
    block_on(&mut slot);
    allocations_during(|| {
        for _ in 0..CALLS {
            block_on(&mut slot);
        }
    })
}

#[test]
fn no_allocation_per_call_when_the_future_keeps_the_last_waker() {
    let lazy = kept_waker_allocations(|slot| block_on(registered_in(slot)));
    let futures_executor =
        kept_waker_allocations(|slot| futures_executor::block_on(registered_in(slot)));
    let pollster = kept_waker_allocations(|slot| pollster::block_on(registered_in(slot)));
    let futures_lite =
        kept_waker_allocations(|slot| futures_lite::future::block_on(registered_in(slot)));
    eprintln!(
        "allocations in {CALLS} calls, the last waker kept: lazy-main {lazy}, \
         futures-executor {futures_executor}, pollster {pollster}, futures-lite {futures_lite}"
    );
    // pollster allocates its signal in every call: the count sees this pattern's allocations.
    assert!(pollster >= CALLS, "pollster: {pollster}");
    assert_eq!(lazy, 0, "lazy-main allocated with the last waker kept");
}
