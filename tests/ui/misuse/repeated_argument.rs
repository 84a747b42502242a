// Each argument may be given once.
#[lazy_main::main(crate = "lazy_main", crate = "lazy_main")] //~ ERROR duplicate argument `crate`
async fn main() {}
