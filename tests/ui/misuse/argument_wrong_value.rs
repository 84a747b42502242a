// `crate` takes a path, not a number.
#[lazy_main::main(crate = 5)]
async fn main() {}
