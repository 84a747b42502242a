// `block_on` alone does not say which function to use.
#[lazy_main::main(block_on)] //~ ERROR `block_on` needs a value
async fn main() {}
