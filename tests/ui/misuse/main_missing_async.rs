// `#[lazy_main::main]` runs an `async fn`: without `async` there is nothing to drive.
#[lazy_main::main]
fn main() { //~ ERROR needs an `async fn`; add `async` before `fn`
    std::future::ready(()).await;
}
