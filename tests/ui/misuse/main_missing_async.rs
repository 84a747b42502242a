// `#[lazy_main::main]` runs an `async fn`: without `async` there is nothing to drive.
#[lazy_main::main]
fn main() {
    std::future::ready(()).await;
}
