// A method is a function too: without `async` on it, its body cannot `.await`.
async fn compute() -> u32 {
    42
}

struct Meter;

impl Meter {
    fn read(&self) -> u32 {
        compute().await //~ ERROR E0728 only allowed inside `async`
    }
}

fn main() {
    assert_eq!(Meter.read(), 42);
}
