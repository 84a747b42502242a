//! Rust ships no runtime: here is the whole of ours, called by hand.
//!
//! `cargo run --example block_on` builds a future in an ordinary sync `main`
//! (where `.await` is not allowed), shows that building it ran nothing, then
//! hands it to `lazy_main::block_on`, which polls it to completion:
//!
//! ```text
//! built the future; counter is still 0
//! the body runs only now
//! block_on returned 42; counter is 1
//! ```

use std::sync::atomic::{AtomicU32, Ordering};

static COUNTER: AtomicU32 = AtomicU32::new(0);

#[allow(clippy::unused_async)] // async for the lesson, not for the work
async fn compute() -> u32 {
    println!("the body runs only now");
    COUNTER.fetch_add(1, Ordering::Relaxed);
    42
}

fn main() {
    let future = compute();
    println!(
        "built the future; counter is still {}",
        COUNTER.load(Ordering::Relaxed)
    );
    let value = lazy_main::block_on(future);
    println!(
        "block_on returned {value}; counter is {}",
        COUNTER.load(Ordering::Relaxed)
    );
    assert_eq!(COUNTER.load(Ordering::Relaxed), 1);
}
