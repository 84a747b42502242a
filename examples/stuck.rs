//! When a future waits forever: the most common async bug, caught.
//!
//! A future that returns `Pending` must make sure something will wake it: it
//! keeps the waker it was given (`cx.waker()`) and calls it when it can make
//! progress. One that forgets leaves its caller waiting for a wake that
//! cannot come. The bundled executor owns the only waker, so it knows when
//! no clone of it is left: then it says so at once, naming the `.await`
//! where the body waits. And a body that waits for something that never
//! happens (a sender that never sends) meets its deadline, which says where
//! it was waiting.
//!
//! `cargo run --example stuck` runs the three of them: the forgetful future,
//! its fix, and a deadline.

use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

/// Counts down on another thread; ready at zero.
struct Countdown {
    shared: Arc<Mutex<Shared>>,
    /// The bug: this one forgets to hand its waker over.
    keeps_the_waker: bool,
}

struct Shared {
    left: u32,
    waker: Option<Waker>,
    started: bool,
}

impl Countdown {
    fn new(from: u32, keeps_the_waker: bool) -> Self {
        let shared = Shared {
            left: from,
            waker: None,
            started: false,
        };
        Self {
            shared: Arc::new(Mutex::new(shared)),
            keeps_the_waker,
        }
    }
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        let mut shared = self.shared.lock().unwrap();
        if shared.left == 0 {
            return Poll::Ready("lift-off");
        }
        if self.keeps_the_waker {
            // The fix: keep the waker, so that the counting thread can wake
            // this future when it reaches zero.
            shared.waker = Some(cx.waker().clone());
        }
        if !std::mem::replace(&mut shared.started, true) {
            let counter = Arc::clone(&self.shared);
            thread::spawn(move || loop {
                thread::sleep(Duration::from_millis(10));
                let mut shared = counter.lock().unwrap();
                shared.left -= 1;
                if shared.left == 0 {
                    if let Some(waker) = shared.waker.take() {
                        waker.wake();
                    }
                    return;
                }
            });
        }
        Poll::Pending
    }
}

/// The bug. With a deadline (or in a test, always), the executor fails the
/// body as soon as nothing can wake it, instead of letting it hang.
#[lazy_main::main(timeout = "10s")]
async fn forgetful() -> &'static str {
    Countdown::new(3, false).await
}

/// The fix: the same future, keeping its waker.
#[lazy_main::main(timeout = "10s")]
async fn fixed() -> &'static str {
    Countdown::new(3, true).await
}

/// A wait for a sender that never sends: only a deadline can end it.
#[lazy_main::main(timeout = "300ms")]
async fn waits_on_silence() -> u32 {
    let (sender, receiver) = mpsc::channel::<u32>();
    let value = Receive(receiver, None).await;
    drop(sender);
    value
}

/// A channel's receiver as a future (for the example's sake: one that keeps
/// its waker, as it should, and that nobody wakes).
struct Receive(mpsc::Receiver<u32>, Option<Waker>);

impl Future for Receive {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if let Ok(value) = self.0.try_recv() {
            return Poll::Ready(value);
        }
        self.1 = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// Runs `run`, printing what it returned or the message it failed with.
fn show<T: std::fmt::Debug>(what: &str, run: fn() -> T) {
    println!("{what}:");
    match std::panic::catch_unwind(run) {
        Ok(value) => println!("  {value:?}"),
        Err(panic) => {
            let message = panic
                .downcast_ref::<String>()
                .map_or("(no message)", String::as_str);
            println!("  failed: {message}");
        }
    }
}

fn main() {
    // The messages are printed below, once each.
    std::panic::set_hook(Box::new(|_| {}));
    show("1. a future that forgets its waker", forgetful);
    show("2. the same future, keeping its waker", fixed);
    show("3. a wait that meets its deadline", waits_on_silence);
}
