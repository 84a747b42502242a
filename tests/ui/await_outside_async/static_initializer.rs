// A `static` initializer is not async code either: `.await` is rejected there too.
async fn compute() -> u32 {
    42
}

static ANSWER: u32 = compute().await; //~ ERROR E0728 only allowed inside `async`

fn main() {
    assert_eq!(ANSWER, 42);
}
