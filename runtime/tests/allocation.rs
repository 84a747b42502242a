//! `block_on` allocates nothing per call once the thread has made one call.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::future::{poll_fn, ready};
use std::task::Poll;

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
