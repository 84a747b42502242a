// A plain `fn main` is not async, so it cannot `.await` anything.
async fn compute() -> u32 {
    42
}

fn main() {
    let n = compute().await; //~ ERROR E0728 only allowed inside `async`
    assert_eq!(n, 42);
}
