// A sync fn that calls an async fn gets a future back, not a number to add to.
async fn fetch() -> u32 {
    41
}

fn total() -> u32 {
    fetch() + 1 //~ ERROR E0369 cannot add `{integer}` to `impl Future
}

fn main() {
    assert_eq!(total(), 42);
}
