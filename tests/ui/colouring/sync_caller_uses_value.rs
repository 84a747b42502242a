// A sync fn that calls an async fn gets a future back, not a number to add to.
async fn fetch() -> u32 {
    41
}

fn total() -> u32 {
    fetch() + 1
}

fn main() {
    assert_eq!(total(), 42);
}
