// A trait method declared as a sync `fn` cannot `.await` in its impl.
async fn compute() -> u32 {
    42
}

trait Source {
    fn fetch(&self) -> u32;
}

struct Disk;

impl Source for Disk {
    fn fetch(&self) -> u32 {
        compute().await //~ ERROR E0728 only allowed inside `async`
    }
}

fn main() {
    assert_eq!(Disk.fetch(), 42);
}
