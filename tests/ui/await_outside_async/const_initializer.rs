// A `const` is worked out by the compiler; no future can be awaited there.
async fn compute() -> u32 {
    42
}

const ANSWER: u32 = compute().await; //~ ERROR E0728 only allowed inside `async`

fn main() {
    assert_eq!(ANSWER, 42);
}
