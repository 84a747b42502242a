// Twin of body_errors/await_in_sync_closure: an `async` closure may `.await`, and its call is awaited.
#[lazy_main::main]
async fn main() {
    let run = async || std::future::ready(1).await;
    assert_eq!(run().await, 1);
}
