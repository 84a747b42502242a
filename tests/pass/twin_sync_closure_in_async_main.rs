// Twin of await_outside_async/sync_closure_in_async_main: an async closure may `.await`.
async fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    let doubled = async || compute().await * 2;
    assert_eq!(doubled().await, 84);
}
