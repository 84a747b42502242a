// A deadline needs the bundled executor, which parks with one; another executor given with `block_on` does not.
fn run<F: std::future::Future>(future: F) -> F::Output {
    lazy_main::block_on(future)
}

#[lazy_main::main(block_on = run, timeout = "5s")] //~ ERROR `timeout` needs the bundled executor
async fn main() {
    std::future::ready(()).await;
}
