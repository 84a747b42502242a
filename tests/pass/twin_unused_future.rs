// Twin of body_errors/unused_future: the future is awaited, so `work` runs.
#![deny(unused_must_use)]

async fn work() {}

#[lazy_main::main]
async fn main() {
    work().await;
}
