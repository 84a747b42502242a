// Every `.await` in a sync fn is its own error: rustc reports both.
async fn first() -> u32 {
    40
}

async fn second() -> u32 {
    2
}

fn total() -> u32 {
    let a = first().await; //~ ERROR E0728 only allowed inside `async`
    let b = second().await; //~ ERROR E0728 only allowed inside `async`
    a + b
}

fn main() {
    assert_eq!(total(), 42);
}
