// Twin of body_errors/await_literal: a future that is ready with the number can be awaited.
#[lazy_main::main]
async fn main() {
    assert_eq!(std::future::ready(5).await, 5);
}
