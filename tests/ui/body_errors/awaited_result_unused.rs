// An awaited `Result` must be used, as any `Result`: awaiting is not handling it.
#![deny(unused_must_use)]

#[lazy_main::main]
async fn main() {
    std::future::ready(Err::<(), u8>(1)).await; //~ ERROR unused_must_use unused `Result` that must be used
}
