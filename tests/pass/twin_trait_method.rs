// Twin of await_outside_async/trait_method: declare the trait method `async` and await it.
async fn compute() -> u32 {
    42
}

trait Source {
    async fn fetch(&self) -> u32;
}

struct Disk;

impl Source for Disk {
    async fn fetch(&self) -> u32 {
        compute().await
    }
}

#[lazy_main::main]
async fn main() {
    assert_eq!(Disk.fetch().await, 42);
}
