// `crate` takes a path, not a number.
#[lazy_main::main(crate = 5)] //~ ERROR expected a path
async fn main() {}
