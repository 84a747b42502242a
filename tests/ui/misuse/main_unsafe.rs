// The attribute drives a plain `async fn`; `unsafe` has no place on `main`.
#[lazy_main::main]
async unsafe fn main() {} //~ ERROR cannot be `unsafe`
