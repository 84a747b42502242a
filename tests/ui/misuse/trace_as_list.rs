// `trace` takes no list.
#[lazy_main::main(trace(verbose))]
async fn main() {}
