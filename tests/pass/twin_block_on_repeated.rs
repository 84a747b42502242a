// Twin of misuse/block_on_repeated: `block_on` is given once.
#[lazy_main::main(block_on = lazy_main::block_on)]
async fn main() {}
