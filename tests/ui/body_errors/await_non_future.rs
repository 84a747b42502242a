// Only a future can be awaited.
#[lazy_main::main]
async fn main() {
    let n = 5u8;
    n.await; //~ ERROR E0277 `u8` is not a future
}
