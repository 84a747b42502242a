// Twin of lazy_futures/await_sync_value: the plain fn's result is the value already, so no `.await`.
fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    let n = compute();
    assert_eq!(n, 42);
}
