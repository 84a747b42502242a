// Twin of misuse/block_on_wrong_signature: the function takes the future and returns its output.
fn run<F: std::future::Future>(future: F) -> F::Output {
    lazy_main::block_on(future)
}

#[lazy_main::main(block_on = run)]
async fn main() {}
