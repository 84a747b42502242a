// Twin of misuse/block_on_unresolved: the path names a function that exists.
#[lazy_main::main(block_on = lazy_main::block_on)]
async fn main() {}
