// `trace` is a flag, or `trace = "verbose"`; a number means nothing.
#[lazy_main::main(trace = 1)]
async fn main() {}
