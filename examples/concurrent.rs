//! Two waits in flight at once, on one thread, without a big runtime.
//!
//! `cargo run --example concurrent` starts two timers (each a helper thread
//! that sleeps, then wakes our future) and waits for both together. The total
//! is about the longer of the two (300 ms), not their sum (500 ms): while one
//! is pending, the executor polls the other; when both are pending it parks
//! the thread until a waker fires.

use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::Poll;
use std::thread;
use std::time::{Duration, Instant};

/// A timer: the first poll starts a helper thread that sleeps, sets the flag
/// and wakes us; later polls check the flag.
async fn sleep(duration: Duration) {
    let done = Arc::new(AtomicBool::new(false));
    let mut started = false;
    poll_fn(|cx| {
        if done.load(Ordering::Acquire) {
            return Poll::Ready(());
        }
        if !started {
            started = true;
            let (done, waker) = (done.clone(), cx.waker().clone());
            thread::spawn(move || {
                thread::sleep(duration);
                done.store(true, Ordering::Release);
                waker.wake();
            });
        }
        Poll::Pending
    })
    .await;
}

/// Polls both futures each time either is woken; ready when both are.
async fn join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut a_out, mut b_out) = (None, None);
    poll_fn(|cx| {
        if a_out.is_none() {
            if let Poll::Ready(out) = a.as_mut().poll(cx) {
                a_out = Some(out);
            }
        }
        if b_out.is_none() {
            if let Poll::Ready(out) = b.as_mut().poll(cx) {
                b_out = Some(out);
            }
        }
        if a_out.is_some() && b_out.is_some() {
            Poll::Ready((a_out.take().unwrap(), b_out.take().unwrap()))
        } else {
            Poll::Pending
        }
    })
    .await
}

async fn step(name: &str, millis: u64, start: Instant) -> u64 {
    sleep(Duration::from_millis(millis)).await;
    println!("{name} done after {} ms", start.elapsed().as_millis());
    millis
}

#[lazy_main::main]
async fn main() {
    let start = Instant::now();
    let (a, b) = join(
        step("short timer", 200, start),
        step("long timer", 300, start),
    )
    .await;
    let elapsed = start.elapsed();
    println!(
        "both done in {} ms: the waits overlapped (sum would be {} ms)",
        elapsed.as_millis(),
        a + b
    );
    assert!(
        elapsed < Duration::from_millis(a + b),
        "the waits ran one after the other"
    );
}
