// Twin of await_outside_async/sync_helper: make the helper async and await it in turn.
async fn compute() -> u32 {
    42
}

async fn helper() -> u32 {
    compute().await + 1
}

#[lazy_main::main]
async fn main() {
    assert_eq!(helper().await, 43);
}
