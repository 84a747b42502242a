// One executor drives the body, so `block_on` is given once.
#[lazy_main::main(block_on = lazy_main::block_on, block_on = lazy_main::block_on)] //~ ERROR duplicate argument `block_on`
async fn main() {}
