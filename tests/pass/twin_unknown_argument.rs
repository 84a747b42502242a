// Twin of misuse/unknown_argument: no such argument: the body runs on the calling thread, with no thread pool to size.
#[lazy_main::main]
async fn main() {}
