// To `.await` an async fn the caller must be async too: async spreads to callers.
async fn fetch() -> u32 {
    41
}

fn total() -> u32 {
    fetch().await + 1
}

fn main() {
    assert_eq!(total(), 42);
}
