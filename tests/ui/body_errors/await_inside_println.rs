// Inside `println!` too, only a future can be awaited.
#[lazy_main::main]
async fn main() {
    println!("{}", 7u8.await); //~ ERROR E0277 `u8` is not a future
}
