// Twin of misuse/argument_wrong_value: `crate` takes a path.
#[lazy_main::main(crate = "lazy_main")]
async fn main() {}
