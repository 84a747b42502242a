// Twin of misuse/trace_with_number: `trace` alone is the summary.
#[lazy_main::main(trace)]
async fn main() {}
