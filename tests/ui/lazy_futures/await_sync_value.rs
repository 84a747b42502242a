// `.await` needs a future: the result of a plain fn is already the value.
fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    let n = compute().await;
    assert_eq!(n, 42);
}
