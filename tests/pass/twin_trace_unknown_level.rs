// Twin of misuse/trace_unknown_level: one of the two levels.
#[lazy_main::main(trace = "verbose")]
async fn main() {}
