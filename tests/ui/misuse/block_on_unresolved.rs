// A path that names nothing is reported at the path.
#[lazy_main::main(block_on = executor::run)] //~ ERROR E0433 `executor`
async fn main() {}
