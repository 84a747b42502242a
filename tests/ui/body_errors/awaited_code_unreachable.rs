// Code after a `return` inside an awaited expression never runs; rustc warns, as in any fn.
#![deny(unreachable_code)]

#[lazy_main::main]
async fn main() {
    let _n: u8 = std::future::ready(return).await; //~ ERROR unreachable_code unreachable
}
