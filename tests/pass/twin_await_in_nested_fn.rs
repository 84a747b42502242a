// Twin of body_errors/await_in_nested_fn: the nested fn is declared `async`, and its call awaited.
#[lazy_main::main]
async fn main() {
    async fn helper() -> u8 {
        std::future::ready(1).await
    }
    assert_eq!(helper().await, 1);
}
