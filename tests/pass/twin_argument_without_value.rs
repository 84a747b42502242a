// Twin of misuse/argument_without_value: `crate` names the path of the crate.
#[lazy_main::main(crate = "lazy_main")]
async fn main() {}
