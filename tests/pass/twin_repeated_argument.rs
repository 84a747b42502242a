// Twin of misuse/repeated_argument: `crate` is given once.
#[lazy_main::main(crate = "lazy_main")]
async fn main() {}
