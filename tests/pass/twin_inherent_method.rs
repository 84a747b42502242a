// Twin of await_outside_async/inherent_method: an `async fn` method may `.await`.
async fn compute() -> u32 {
    42
}

struct Meter;

impl Meter {
    async fn read(&self) -> u32 {
        compute().await
    }
}

#[lazy_main::main]
async fn main() {
    assert_eq!(Meter.read().await, 42);
}
