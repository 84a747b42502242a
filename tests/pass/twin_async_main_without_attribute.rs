// Twin of main_not_async/async_main_without_attribute: the attribute makes a sync `main` that drives the async one.
async fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    assert_eq!(compute().await, 42);
}
