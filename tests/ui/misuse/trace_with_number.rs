// `trace` is a flag, or `trace = "verbose"`; a number means nothing.
#[lazy_main::main(trace = 1)] //~ ERROR expected `trace` or `trace = "verbose"`
async fn main() {}
