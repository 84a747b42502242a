// Rust cannot start at an `async fn main` by itself: something has to drive it.
async fn compute() -> u32 {
    42
}

async fn main() {
    assert_eq!(compute().await, 42);
}
