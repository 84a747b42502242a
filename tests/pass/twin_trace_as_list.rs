// Twin of misuse/trace_as_list: a level is given as a string.
#[lazy_main::main(trace = "verbose")]
async fn main() {}
