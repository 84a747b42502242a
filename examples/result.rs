//! `?` in an async `main` that returns `Result`.
//!
//! `cargo run --example result` parses two numbers, one from an async fn, and
//! prints their sum. Any error (try changing "40" to "forty") ends `main` with
//! `Err`, which Rust prints and turns into exit code 1, just as for a sync `main`.

use std::error::Error;
use std::num::ParseIntError;

#[allow(clippy::unused_async)] // stands in for real async work
async fn parse_later(text: &str) -> Result<u32, ParseIntError> {
    text.trim().parse()
}

#[lazy_main::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let first = parse_later("40").await?; // `ParseIntError` into `Box<dyn Error>`
    let second: u32 = "2".parse()?;
    let total = first.checked_add(second).ok_or("overflow")?; // `&str` too
    println!("40 + 2 = {total}");
    Ok(())
}
