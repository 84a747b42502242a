// Twin of misuse/main_twice: the attribute once.
#[lazy_main::main]
async fn main() {}
