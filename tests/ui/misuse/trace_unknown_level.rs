// The trace levels are "summary" and "verbose".
#[lazy_main::main(trace = "loud")]
async fn main() {}
