//! A future does nothing until something drives it.
//!
//! `cargo run --example hello` prints, in this order:
//!
//! ```text
//! 1. called greet(): got a future, nothing ran
//! 2. greet is running
//! 3. greet returned "hello"
//! ```
//!
//! Step 2 comes after step 1 although `greet()` was called first: calling an
//! async fn only builds a future. `.await` runs it, and `.await` is allowed
//! here because `#[lazy_main::main]` made `main` async-capable: it drives the
//! body with `lazy_main::block_on`, since Rust itself ships no executor.

#[allow(clippy::unused_async)] // the point: nothing runs until it is polled
async fn greet() -> &'static str {
    println!("2. greet is running");
    "hello"
}

#[lazy_main::main]
async fn main() {
    let future = greet();
    println!("1. called greet(): got a future, nothing ran");
    let greeting = future.await;
    println!("3. greet returned {greeting:?}");
}
