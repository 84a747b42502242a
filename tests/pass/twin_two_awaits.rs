// Twin of await_outside_async/two_awaits: the fn stays sync and `block_on` drives an async block.
async fn first() -> u32 {
    40
}

async fn second() -> u32 {
    2
}

fn total() -> u32 {
    lazy_main::block_on(async {
        let a = first().await;
        let b = second().await;
        a + b
    })
}

fn main() {
    assert_eq!(total(), 42);
}
