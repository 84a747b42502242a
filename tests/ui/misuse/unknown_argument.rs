// Only `crate`, `block_on` and `trace` are known; the error lists them.
#[lazy_main::main(threads = 4)] //~ ERROR unknown argument `threads`; expected one of
async fn main() {}
