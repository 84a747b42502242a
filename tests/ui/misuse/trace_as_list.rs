// `trace` takes no list.
#[lazy_main::main(trace(verbose))] //~ ERROR expected `trace` or `trace = "verbose"`
async fn main() {}
