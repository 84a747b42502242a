// A `main` that never returns (`-> !`, ending in `exit`) and helpers that
// write `-> ()` out: no warning from rustc or clippy that the same plain
// `async fn`s would not get.
use std::future::ready;

#[lazy_main::main]
async fn say() -> () {
    println!("{}", ready("said").await);
}

#[lazy_main::main]
async fn code() -> i32 {
    ready(0).await
}

#[lazy_main::main]
async fn main() -> ! {
    say();
    std::process::exit(code())
}
