// `block_on` alone does not say which function to use.
#[lazy_main::main(block_on)]
async fn main() {}
