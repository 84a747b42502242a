// The string given to `crate` must hold a path.
#[lazy_main::main(crate = "not a path")] //~ ERROR expected a path
async fn main() {}
