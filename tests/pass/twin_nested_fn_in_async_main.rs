// Twin of await_outside_async/nested_fn_in_async_main: the nested fn is async and awaited.
async fn compute() -> u32 {
    42
}

#[lazy_main::main]
async fn main() {
    async fn halved() -> u32 {
        compute().await / 2
    }
    assert_eq!(halved().await, 21);
}
