//! Futures that need a runtime, and those that do not.
//!
//! `cargo run -p lazy-main-runtime --example needs_a_runtime`
//!
//! An executor only polls; what wakes a future is the future's own business.
//! Futures that are woken by another thread or by each other (channels, and
//! timers or sockets that run their own reactor thread, like async-io's) run
//! unchanged on any executor, the bundled one included. tokio's timers,
//! sockets and `spawn` are woken by tokio's reactor, which only a tokio
//! runtime drives: polled by anything else they panic with "there is no
//! reactor running, must be called from the context of a Tokio 1.x runtime".
//! The fix is to let tokio drive them: `block_on = …` with a helper that
//! builds a current-thread tokio runtime.
//!
//! Each claim below is checked when this example runs.

use std::future::Future;
use std::panic;
use std::thread;
use std::time::{Duration, Instant};

/// Runtime-agnostic channels: each wakes the receiver from the sender's thread.
#[lazy_main::main]
async fn channels() -> u32 {
    let (send, receive) = futures_channel::oneshot::channel();
    thread::spawn(move || send.send(1));
    let from_futures = receive.await.expect("futures-channel sends");

    let (send, receive) = async_channel::bounded(1);
    thread::spawn(move || send.send_blocking(2));
    let from_async_channel = receive.recv().await.expect("async-channel sends");

    let (send, receive) = tokio::sync::oneshot::channel();
    thread::spawn(move || send.send(3));
    let from_tokio_sync = receive.await.expect("tokio::sync sends");

    from_futures + from_async_channel + from_tokio_sync
}

/// async-io's timer brings its own reactor thread, so it needs no runtime.
#[lazy_main::main]
async fn async_io_timer() -> Duration {
    let start = Instant::now();
    async_io::Timer::after(Duration::from_millis(20)).await;
    start.elapsed()
}

/// Drives a future on a current-thread tokio runtime, with its timer and I/O
/// drivers: the `block_on = …` helper for futures that need tokio.
fn tokio_block_on<F: Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a current-thread tokio runtime")
        .block_on(future)
}

/// tokio's timer, driven by tokio.
#[lazy_main::main(block_on = tokio_block_on)]
async fn tokio_timer() -> Duration {
    let start = Instant::now();
    tokio::time::sleep(Duration::from_millis(20)).await;
    start.elapsed()
}

fn main() {
    assert_eq!(channels(), 6);
    println!(
        "channels from futures-channel, async-channel and tokio::sync: run on the bundled executor"
    );

    assert!(async_io_timer() >= Duration::from_millis(20));
    println!("async-io's timer (its own reactor thread): runs on the bundled executor");

    // tokio's timer and `spawn` polled by the bundled executor, without the helper.
    let timer = panic_message(|| {
        lazy_main::block_on(tokio::time::sleep(Duration::from_millis(1)));
    });
    assert!(timer.contains("there is no reactor running"), "{timer}");
    println!("tokio's timer on the bundled executor panics: {timer}");
    let spawn = panic_message(|| {
        lazy_main::block_on(async {
            tokio::spawn(async {});
        });
    });
    assert!(spawn.contains("Tokio 1.x runtime"), "{spawn}");
    println!("tokio::spawn on the bundled executor panics: {spawn}");

    assert!(tokio_timer() >= Duration::from_millis(20));
    println!("tokio's timer with `block_on = tokio_block_on`: runs");
}

/// The message `run` panics with; the panic itself is not printed.
fn panic_message(run: impl FnOnce() + panic::UnwindSafe) -> String {
    panic::set_hook(Box::new(|_| {}));
    let outcome = panic::catch_unwind(run);
    let _ = panic::take_hook();
    let payload = outcome.expect_err("it panics");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| {
            payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
        })
        .unwrap_or_default()
}
