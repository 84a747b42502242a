// Twin of misuse/block_on_number: `block_on` names a function.
#[lazy_main::main(block_on = lazy_main::block_on)]
async fn main() {}
