// Twin of misuse/main_unsafe: a plain `async fn`.
#[lazy_main::main]
async fn main() {}
