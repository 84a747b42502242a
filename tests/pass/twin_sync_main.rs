// Twin of await_outside_async/sync_main: an async main under the attribute may `.await`.
async fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    let n = compute().await;
    assert_eq!(n, 42);
}
