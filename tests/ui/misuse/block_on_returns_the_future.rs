// A function that returns the future itself does not drive it.
fn identity<F: std::future::Future>(future: F) -> F {
    future
}

#[lazy_main::main(block_on = identity)] //~ ERROR E0271 expected `identity` to return `()`
async fn main() {}
