// A number is not a future, even before its type is settled.
#[lazy_main::main]
async fn main() {
    5.await; //~ ERROR E0277 is not a future
}
