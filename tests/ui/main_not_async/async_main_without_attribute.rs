// Rust cannot start at an `async fn main` by itself: something has to drive it.
async fn compute() -> u32 {
    42
}

async fn main() { //~ ERROR E0752 `main` function is not allowed to be `async`
    assert_eq!(compute().await, 42);
}
