// Twin of misuse/block_on_returns_the_future: the function drives the future and returns its output.
fn drive<F: std::future::Future>(future: F) -> F::Output {
    lazy_main::block_on(future)
}

#[lazy_main::main(block_on = drive)]
async fn main() {}
