// Each argument may be given once.
#[lazy_main::main(crate = "lazy_main", crate = "lazy_main")]
async fn main() {}
