// Twin of misuse/timeout_with_block_on: the deadline, with the bundled executor.
#[lazy_main::main(timeout = "5s")]
async fn main() {
    std::future::ready(()).await;
}
