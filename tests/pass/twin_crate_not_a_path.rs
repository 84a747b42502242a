// Twin of misuse/crate_not_a_path: the string holds a path.
#[lazy_main::main(crate = "lazy_main")]
async fn main() {}
