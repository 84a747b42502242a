// Twin of misuse/main_missing_async: `async` before `fn` gives the attribute a future to drive.
#[lazy_main::main]
async fn main() {
    std::future::ready(()).await;
}
