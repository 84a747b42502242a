// Twin of lazy_futures/missing_await: `.await` turns the future into the number.
async fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    let n: u32 = compute().await;
    assert_eq!(n, 42);
}
