// To `.await` an async fn the caller must be async too: async spreads to callers.
async fn fetch() -> u32 {
    41
}

fn total() -> u32 {
    fetch().await + 1 //~ ERROR E0728 only allowed inside `async`
}

fn main() {
    assert_eq!(total(), 42);
}
