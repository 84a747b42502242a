// Twin of misuse/block_on_without_value: `block_on` says which function drives the body.
#[lazy_main::main(block_on = lazy_main::block_on)]
async fn main() {}
