// Twin of await_outside_async/static_initializer: a lazy static drives the future with `block_on`.
use std::sync::LazyLock;

async fn compute() -> u32 {
    42
}

static ANSWER: LazyLock<u32> = LazyLock::new(|| lazy_main::block_on(compute()));

fn main() {
    assert_eq!(*ANSWER, 42);
}
