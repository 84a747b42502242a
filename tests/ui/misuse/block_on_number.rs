// `block_on` names a function that drives a future.
#[lazy_main::main(block_on = 5)] //~ ERROR expected a path
async fn main() {}
