//! Bring any executor: `#[lazy_main::main(block_on = futures_executor::block_on)]`.
//!
//! `cargo run --example custom_executor` drives `main` with the `futures`
//! crate's executor instead of the bundled one. Any function that takes a
//! future and returns its output works, including your own.

use std::future::ready;

#[lazy_main::main(block_on = futures_executor::block_on)]
async fn main() {
    let answer = ready(42).await;
    println!("futures_executor::block_on drove main to {answer}");
}
